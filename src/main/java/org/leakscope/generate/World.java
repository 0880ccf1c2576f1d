package org.leakscope.generate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fictional partner ecosystem of the bluebleed profile, computed on demand from the seed: company i and its
 * staff are the same whenever they are asked for, and nothing is stored, so the world's memory does not grow with
 * the scale.
 */
final class World {
  private static final long COMPANY = 1;
  private static final String[] COUNTRIES = countries();

  /** A company: its name as registered, mail domain and ISO 3166-1 alpha-2 country. */
  record Company(int index, String name, String domain, String country, int staff, List<String> domains) {}

  private static final long SUBSIDIARY = 3;

  /** A member of staff. */
  record Person(Company company, int index, String first, String last, String login, String address) {
    String displayName() {
      return first + " " + last;
    }
  }

  private final long seed;
  private final int companies;

  World(long seed, int companies) {
    this.seed = seed;
    this.companies = companies;
  }

  int companies() {
    return companies;
  }

  Company company(int i) {
    SplittableRandom r = Rng.of(seed, COMPANY, i);
    String stem = Words.STEMS[i % Words.STEMS.length];
    String sector = Words.SECTORS[(i / Words.STEMS.length) % Words.SECTORS.length];
    int round = i / (Words.STEMS.length * Words.SECTORS.length);
    String country = r.nextInt(5) < 2 ? Rng.pick(r, BIG) : Rng.pick(r, COUNTRIES);
    String slug = alphanumeric((stem + sector).toLowerCase(Locale.ROOT)) + (round > 0 ? round : "");
    String tld = r.nextBoolean() ? "com" : country.toLowerCase(Locale.ROOT);
    String name = stem + " " + sector + (round > 0 ? " " + (round + 1) : "") + " " + legalSuffix(country);
    int staff = 1 + (int) (40 * Math.pow(r.nextDouble(), 3));
    String domain = slug + "." + tld;
    // One company in four also owns its name under the other TLD (or .net): several domains, one company.
    List<String> domains =
        r.nextInt(4) == 0
            ? List.of(domain, slug + "." + (tld.equals("com") ? (country.equals("US") ? "net" : country.toLowerCase(
                Locale.ROOT)) : "com"))
            : List.of(domain);
    return new Company(i, name, domain, country, staff, domains);
  }

  /**
   * Staff member j of a company (0 ≤ j < staff): first names step through the pool (whose ASCII forms differ), so logins are unique. In a
   * company with a subsidiary, odd-numbered staff work for the subsidiary: its name, domain and country.
   */
  Person person(Company c, int j) {
    SplittableRandom r = Rng.of(seed, 2, ((long) c.index() << 8) | j);
    String first = Words.FIRST[(c.index() * 7 + j) % Words.FIRST.length];
    String last = Rng.pick(r, Words.LAST);
    String login = ascii(first) + "." + ascii(last);
    Company subsidiary = j % 2 == 1 ? subsidiary(c) : null;
    Company employer = subsidiary == null ? c : subsidiary;
    return new Person(employer, j, first, last, login, login + "@" + employer.domain());
  }

  /**
   * One company in ten has a subsidiary in another country: its own legal entity (a company of its own for the
   * counts), named like its parent with the local legal suffix, under its country's TLD.
   */
  Company subsidiary(Company parent) {
    SplittableRandom r = Rng.of(seed, SUBSIDIARY, parent.index());
    if (r.nextInt(10) != 0) {
      return null;
    }
    String country = Rng.pick(r, COUNTRIES);
    if (country.equals(parent.country())) {
      country = parent.country().equals("DE") ? "AT" : "DE";
    }
    String base = parent.name().substring(0, parent.name().length() - legalSuffix(parent.country()).length());
    String slug = parent.domain().substring(0, parent.domain().indexOf('.'));
    String domain = slug + "." + country.toLowerCase(Locale.ROOT);
    return new Company(parent.index(), base + legalSuffix(country), domain, country, parent.staff(),
        List.of(domain));
  }

  Person randomPerson(SplittableRandom r) {
    Company c = company(r.nextInt(companies));
    return person(c, r.nextInt(c.staff()));
  }

  /** A name's ASCII login form. Names come from the fixed pools of {@link Words}, so the memo stays small. */
  static String ascii(String name) {
    return ASCII.computeIfAbsent(name, World::toAscii);
  }

  private static final Map<String, String> ASCII = new ConcurrentHashMap<>();

  private static String toAscii(String name) {
    return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
        .replaceAll("\\p{M}", "")
        .replace("ł", "l")
        .replace("Ł", "L")
        .replace("ø", "o")
        .toLowerCase(Locale.ROOT);
  }

  /** Only the characters a-z and 0-9 of {@code s}. */
  private static String alphanumeric(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static final String[] BIG = {"US", "GB", "DE", "FR", "IN", "JP", "BR", "NL", "AU", "CA", "ES", "IT"};

  static String legalSuffix(String country) {
    return switch (country) {
      case "DE", "AT", "CH" -> "GmbH";
      case "GB", "IE" -> "Ltd";
      case "US", "CA" -> "Inc.";
      case "FR", "ES", "BE", "LU" -> "S.A.";
      case "NL" -> "B.V.";
      case "JP" -> "K.K.";
      case "AU" -> "Pty Ltd";
      case "IT" -> "S.p.A.";
      case "BR" -> "Ltda.";
      case "IN" -> "Pvt. Ltd.";
      default -> "Ltd";
    };
  }

  /** Every ISO 3166-1 alpha-2 code the JDK knows, sorted: the same list on every machine with the same JDK data. */
  private static String[] countries() {
    String[] codes = Locale.getISOCountries();
    Arrays.sort(codes);
    return codes;
  }
}
