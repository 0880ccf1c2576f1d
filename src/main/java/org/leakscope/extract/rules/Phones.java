package org.leakscope.extract.rules;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.function.BiConsumer;

/**
 * Phone numbers by Google's libphonenumber: parsed in a context region (the record's country, else its company
 * domain's ccTLD), validated, normalized to E.164. The region is the context region when the number is valid there
 * (shared numbering plans such as +1 or +7 are read as the record says), else the region libphonenumber assigns.
 *
 * <p>Reasons: {@code too_long} (over 64 characters: not a phone field's value); {@code no_region} (a national
 * number with no context to read it in); {@code unparseable}; {@code invalid_number}.
 */
public final class Phones {
  /** E.164 and ISO region of a valid number, or the reason it was rejected. */
  public record Result(String e164, String region, String reason) {}

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MAX_LENGTH = 64;
  /** libphonenumber's matcher gives up after this many candidates in one text (bounds hostile input). */
  private static final long MAX_TRIES = 10_000;

  private Phones() {}

  public static Result parse(String raw, String contextRegion) {
    if (raw == null || raw.isBlank()) {
      return new Result(null, null, "unparseable");
    }
    if (raw.length() > MAX_LENGTH) {
      return new Result(null, null, "too_long");
    }
    String s = raw.strip();
    boolean international = s.startsWith("+") || s.startsWith("00");
    if (!international && contextRegion == null) {
      return new Result(null, null, "no_region");
    }
    Phonenumber.PhoneNumber number;
    try {
      number = UTIL.parse(s, contextRegion == null ? "ZZ" : contextRegion);
    } catch (NumberParseException e) {
      return new Result(null, null,
          e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE && contextRegion == null
              ? "no_region" : "unparseable");
    }
    if (!UTIL.isValidNumber(number)) {
      return new Result(null, null, "invalid_number");
    }
    String region = contextRegion != null && UTIL.isValidNumberForRegion(number, contextRegion)
        ? contextRegion
        : UTIL.getRegionCodeForNumber(number);
    return new Result(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), region, null);
  }

  /**
   * Valid numbers written in international form ({@code +…}) in free text: sink gets the text as written and the
   * E.164 number. Only run when the text holds a {@code +} followed by a digit.
   */
  public static void findInText(String text, BiConsumer<String, String> sink) {
    if (text == null || !hasPlusDigit(text)) {
      return;
    }
    for (PhoneNumberMatch m : UTIL.findNumbers(text, "ZZ", PhoneNumberUtil.Leniency.VALID, MAX_TRIES)) {
      sink.accept(m.rawString(), UTIL.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
    }
  }

  private static boolean hasPlusDigit(String text) {
    for (int i = text.indexOf('+'); i >= 0 && i < text.length() - 1; i = text.indexOf('+', i + 1)) {
      char next = text.charAt(i + 1);
      if (next >= '0' && next <= '9') {
        return true;
      }
    }
    return false;
  }
}
