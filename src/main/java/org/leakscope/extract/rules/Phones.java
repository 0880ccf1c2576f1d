package org.leakscope.extract.rules;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Phone numbers reduced to E.164 ({@code +442079460000}) with libphonenumber, so that every national and
 * international spelling of a number counts once; only numbers libphonenumber considers valid are kept.
 *
 * <pre>{@code
 * Phones.Result r = Phones.parse(row.phone, Countries.normalize(row.country));
 * if (r.isOk()) emit(r.phone().e164(), r.phone().region()); else countRejected(r.reason());
 * }</pre>
 *
 * <p>The context region is the ISO 3166-1 alpha-2 code of the record the number comes from (its country field, or
 * its email address's ccTLD); it is what makes a national number such as {@code 020 7946 0000} parseable. A null,
 * blank or unknown context region means "none".
 *
 * <p>Rejection reasons: {@code empty} (null or blank), {@code too_long} (over 64 characters, checked before
 * parsing), {@code no_region} (a national number, without {@code +}, and no context region), {@code unparseable}
 * (not a phone number at all), {@code invalid_number} (parsed, but not a valid number for its country, or an
 * unknown country calling code).
 */
public final class Phones {
  static final int MAX_RAW_LENGTH = 64;

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final String UNKNOWN_REGION = "ZZ";
  /** libphonenumber's region for non-geographic numbers (+800, +882…). */
  private static final String NON_GEOGRAPHIC_REGION = "001";
  /** Candidates tried per text by {@link #findInText}; libphonenumber's own default is unbounded. */
  static final long MAX_TRIES = 100_000;

  /** A valid number: E.164 form, and the ISO 3166-1 alpha-2 region it belongs to (null for non-geographic). */
  public record Phone(String e164, String region) {}

  /** A parsed phone number, or the reason a value was rejected (exactly one is non-null). */
  public record Result(Phone phone, String reason) {
    public Result {
      if ((phone == null) == (reason == null)) {
        throw new IllegalArgumentException(
            "exactly one of phone and reason must be non-null, got phone=" + phone + " reason=" + reason);
      }
    }

    static Result ok(Phone phone) {
      return new Result(phone, null);
    }

    static Result rejected(String reason) {
      return new Result(null, reason);
    }

    public boolean isOk() {
      return phone != null;
    }
  }

  private Phones() {}

  /**
   * Parses one phone number field. The region of the result is the context region when the number is valid there
   * (a number shared by several regions of one calling code, such as +1, stays in the record's country), else the
   * region libphonenumber assigns.
   */
  public static Result parse(String raw, String contextRegion) {
    if (raw == null || raw.isBlank()) {
      return Result.rejected("empty");
    }
    if (raw.length() > MAX_RAW_LENGTH) {
      return Result.rejected("too_long");
    }
    String context = supportedRegion(contextRegion);
    PhoneNumber number;
    try {
      number = UTIL.parse(raw, context == null ? UNKNOWN_REGION : context);
    } catch (NumberParseException e) {
      if (e.getErrorType() != NumberParseException.ErrorType.INVALID_COUNTRY_CODE) {
        return Result.rejected("unparseable");
      }
      return Result.rejected(context == null && !hasPlus(raw) ? "no_region" : "invalid_number");
    }
    if (!UTIL.isValidNumber(number)) {
      return Result.rejected("invalid_number");
    }
    return Result.ok(new Phone(UTIL.format(number, PhoneNumberFormat.E164), regionOf(number, context)));
  }

  /** {@link #parse} reduced to the E.164 form as the value. */
  public static Normalized normalize(String raw, String contextRegion) {
    Result r = parse(raw, contextRegion);
    return r.isOk() ? Normalized.ok(r.phone().e164()) : Normalized.rejected(r.reason());
  }

  /**
   * Finds the phone numbers written in international form ({@code +} and country code) in free text and calls
   * {@code sink} with each as written and in E.164. National numbers are not looked for: without a country they
   * cannot be told from other digit runs. Texts without a {@code +} followed by a digit are skipped without
   * invoking libphonenumber; for the others {@link PhoneNumberUtil#findNumbers} runs with leniency {@code VALID}
   * over the windows around their plus signs ({@link #plusWindows}), with at most {@value #MAX_TRIES} candidates
   * per window, a bound against windows made of digits only.
   */
  public static void findInText(String text, BiConsumer<String, String> sink) {
    if (text == null || !hasPlusDigit(text)) {
      return;
    }
    plusWindows(text, (start, end) -> {
      CharSequence window = start == 0 && end == text.length() ? text : text.subSequence(start, end);
      for (PhoneNumberMatch match : UTIL.findNumbers(window, UNKNOWN_REGION, Leniency.VALID, MAX_TRIES)) {
        sink.accept(match.rawString(), UTIL.format(match.number(), PhoneNumberFormat.E164));
      }
    });
  }

  /**
   * Characters a window reaches before a plus sign. Without a region, only a number written with a plus sign
   * parses, and libphonenumber's matcher admits a plus sign only among a candidate's first two leading characters
   * (an opening bracket or plus sign, each followed by at most four punctuation marks), so a candidate holding a
   * plus sign starts at most 5 characters before it.
   */
  static final int BEFORE_PLUS = 16;
  /**
   * Characters a window reaches after a plus sign: more than such a candidate can span (two leading groups of 5,
   * 21 digit blocks of up to 20 digits after up to 4 punctuation marks, an extension) plus the few characters the
   * matcher looks at after a candidate (a time of day's {@code :MM}, the next character).
   */
  static final int AFTER_PLUS = 700;

  /**
   * Calls {@code window} with the {@code [start, end)} ranges of {@code text} around its plus signs (ASCII and
   * full width; {@link #nextPlus} says which), overlapping ranges merged, in order. libphonenumber's matcher reads
   * the whole text with a regular expression; a body of a few kB with one number in its signature is mostly text
   * that cannot hold one. Its matches in the windows are its matches in the whole text: without a region a match
   * needs a plus sign, every candidate that holds one lies inside its window, and the candidates between windows
   * hold none. {@code PhonesTest} compares both on random texts and on real mail.
   */
  static void plusWindows(String text, WindowSink window) {
    int n = text.length();
    int plus = nextPlus(text, 0);
    while (plus >= 0) {
      int start = Math.max(0, plus - BEFORE_PLUS);
      int end = Math.min(n, plus + AFTER_PLUS);
      int next = nextPlus(text, plus + 1);
      while (next >= 0 && next - BEFORE_PLUS < end) {
        end = Math.min(n, next + AFTER_PLUS);
        next = nextPlus(text, next + 1);
      }
      window.accept(start, end);
      plus = next;
    }
  }

  /** A range {@code [start, end)} of a text. */
  @FunctionalInterface
  interface WindowSink {
    void accept(int start, int end);
  }

  /**
   * The next plus sign that can begin a number. One followed by a zero cannot: no country calling code starts with
   * 0, and the rest of a candidate holds no plus sign. Those are the time zones of quoted headers
   * ({@code Sent: Sat, 21 Apr 2018 20:19:54 +0000}), in reply after reply.
   */
  private static int nextPlus(String text, int from) {
    for (int i = from, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if ((c == '+' || c == '＋') && (i + 1 == n || Character.digit(text.charAt(i + 1), 10) != 0)) {
        return i;
      }
    }
    return -1;
  }

  private static String regionOf(PhoneNumber number, String context) {
    if (context != null && UTIL.isValidNumberForRegion(number, context)) {
      return context;
    }
    String region = UTIL.getRegionCodeForNumber(number);
    return region == null || UNKNOWN_REGION.equals(region) || NON_GEOGRAPHIC_REGION.equals(region) ? null : region;
  }

  /** The context region in upper case when libphonenumber knows it, else null. */
  private static String supportedRegion(String contextRegion) {
    if (contextRegion == null || contextRegion.isBlank()) {
      return null;
    }
    String region = contextRegion.strip().toUpperCase(Locale.ROOT);
    return UTIL.getSupportedRegions().contains(region) ? region : null;
  }

  private static boolean hasPlus(String s) {
    return s.indexOf('+') >= 0 || s.indexOf('＋') >= 0;
  }

  /** Whether a plus sign (ASCII or full-width) is directly followed by a digit somewhere in the text. */
  private static boolean hasPlusDigit(String text) {
    for (int i = 0, n = text.length() - 1; i < n; i++) {
      char c = text.charAt(i);
      if ((c == '+' || c == '＋') && Character.isDigit(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }
}
