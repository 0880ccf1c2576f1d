package org.leakscope.generate;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** How exports write a company's name, a country and a personal address: the variants real exports have. */
final class Names {
  private Names() {}

  private static final String[] FREE_MAIL = {"gmail.com", "outlook.com", "yahoo.com", "gmx.de", "web.de",
    "hotmail.co.uk", "yandex.ru", "qq.com", "proton.me", "icloud.com"};

  /** Long forms of legal suffixes, as registers and signatures spell them. */
  private static final Map<String, String> LONG_SUFFIX =
      Map.of("Ltd", "Limited", "Inc.", "Incorporated", "S.A.", "Sociedad Anónima", "B.V.",
          "Besloten Vennootschap", "K.K.", "Kabushiki Kaisha", "Pty Ltd", "Proprietary Limited");

  /** The registered name, upper-cased, with a comma before the suffix, without dots, or with the long suffix. */
  static String company(World.Company c, SplittableRandom r) {
    String name = c.name();
    String suffix = World.legalSuffix(c.country());
    String base = name.substring(0, name.length() - suffix.length()).strip();
    return switch (r.nextInt(6)) {
      case 0 -> name.toUpperCase(Locale.ROOT);
      case 1 -> base + ", " + suffix;
      case 2 -> base + " " + suffix.replace(".", "");
      case 3 -> base + " " + LONG_SUFFIX.getOrDefault(suffix, suffix);
      default -> name;
    };
  }

  /** The company's name without its legal suffix, lower case: what leakscope must normalize every variant to. */
  static String base(World.Company c) {
    String suffix = World.legalSuffix(c.country());
    return c.name().substring(0, c.name().length() - suffix.length()).strip().toLowerCase(Locale.ROOT);
  }

  /** ISO alpha-2 or alpha-3, the English or the native name, or a common variant. */
  static String country(String code, SplittableRandom r) {
    Locale locale = new Locale("", code);
    return switch (r.nextInt(6)) {
      case 0 -> code;
      case 1 -> locale.getISO3Country();
      case 2 -> locale.getDisplayCountry(Locale.ENGLISH);
      case 3 -> native_(code, locale);
      case 4 -> switch (code) {
        case "GB" -> "UK";
        case "US" -> "USA";
        case "DE" -> "Deutschland";
        case "NL" -> "Holland";
        default -> code.toLowerCase(Locale.ROOT);
      };
      default -> code;
    };
  }

  private static String native_(String code, Locale country) {
    String language = LANGUAGE.get(code);
    return country.getDisplayCountry(language == null ? Locale.ENGLISH : Locale.forLanguageTag(language));
  }

  /** For each country the JDK has a locale for, the alphabetically first language spoken there (deterministic). */
  private static final Map<String, String> LANGUAGE = languages();

  private static Map<String, String> languages() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Locale l : Locale.getAvailableLocales()) {
      if (!l.getCountry().isEmpty() && !l.getLanguage().isEmpty()) {
        out.merge(l.getCountry(), l.getLanguage(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    return out;
  }

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final PhoneNumberUtil.PhoneNumberFormat[] PHONE_FORMATS = {
    PhoneNumberUtil.PhoneNumberFormat.NATIONAL,
    PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL,
    PhoneNumberUtil.PhoneNumberFormat.E164
  };

  /**
   * A valid phone number of the person's company's country, written nationally ("030 123456"), internationally
   * ("+49 30 123456") or as E.164, or null when libphonenumber has no numbers for that region. Built from
   * libphonenumber's example number with the last digits varied, kept only if still valid.
   */
  static String phone(World.Person p, SplittableRandom r) {
    String region = p.company().country();
    PhoneNumberUtil.PhoneNumberType type =
        r.nextBoolean() ? PhoneNumberUtil.PhoneNumberType.FIXED_LINE : PhoneNumberUtil.PhoneNumberType.MOBILE;
    Phonenumber.PhoneNumber example = PHONES.getExampleNumberForType(region, type);
    if (example == null) {
      return null;
    }
    Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().mergeFrom(example);
    for (int attempt = 0; attempt < 5; attempt++) {
      long varied = example.getNationalNumber() - example.getNationalNumber() % 1000 + r.nextInt(1000);
      number.setNationalNumber(varied);
      if (PHONES.isValidNumberForRegion(number, region)) {
        return PHONES.format(number, PHONE_FORMATS[r.nextInt(PHONE_FORMATS.length)]);
      }
    }
    return PHONES.format(example, PHONE_FORMATS[r.nextInt(PHONE_FORMATS.length)]);
  }

  /** A personal address no one else has: name, a number from the person's position, a free-mail domain. */
  static String freeMail(World.Person p, SplittableRandom r) {
    return World.ascii(p.first()) + "." + World.ascii(p.last()) + (p.company().index() * 41 + p.index())
        + "@" + Rng.pick(r, FREE_MAIL);
  }
}
