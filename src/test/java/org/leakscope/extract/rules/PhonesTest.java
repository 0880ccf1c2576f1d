package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhonesTest {
  private static List<String> found(String text) {
    List<String> out = new ArrayList<>();
    Phones.findInText(text, (raw, e164) -> out.add(raw + "=" + e164));
    return out;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "+44 121 234 5678           | null | +441212345678 | GB",
        "0121 234 5678              | GB   | +441212345678 | GB",
        "0121 234 5678              | gb   | +441212345678 | GB",
        "+1 201-555-0123            | null | +12015550123  | US",
        "(201) 555-0123             | US   | +12015550123  | US",
        "(506) 234-5678             | US   | +15062345678  | CA",
        "(506) 234-5678             | CA   | +15062345678  | CA",
        "201-555-0123               | CA   | +12015550123  | US",
        "+49 30 123456              | FR   | +4930123456   | DE",
        "030 123456                 | DE   | +4930123456   | DE",
        "0033 1 23 45 67 89         | DE   | +33123456789  | FR",
        "+800 1234 5678             | null | +80012345678  | null",
        "+44 121 234 5678           | XX   | +441212345678 | GB",
      })
  void parsesToE164AndRegion(String raw, String context, String e164, String region) {
    assertEquals(new Phones.Phone(e164, region), Phones.parse(raw, context).phone());
    assertEquals(Normalized.ok(e164), Phones.normalize(raw, context));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "''                         | GB   | empty",
        "'   '                      | null | empty",
        "null                       | GB   | empty",
        "0121 234 5678              | null | no_region",
        "0121 234 5678              | ''   | no_region",
        "0121 234 5678              | XX   | no_region",
        "hello                      | GB   | unparseable",
        "+999 123 456 789           | null | invalid_number",
        "+44 121 234                | null | invalid_number",
        "12                         | GB   | invalid_number",
      })
  void rejectsWithAReason(String raw, String context, String reason) {
    assertEquals(reason, Phones.parse(raw, context).reason());
    assertEquals(Normalized.rejected(reason), Phones.normalize(raw, context));
  }

  @Test
  void rejectsOverlongValuesBeforeParsing() {
    assertEquals("too_long", Phones.parse("+44 121 234 5678" + " ".repeat(60), "GB").reason());
    assertEquals("too_long", Phones.parse("1".repeat(65), "GB").reason());
  }

  @Test
  void findsInternationalNumbersInText() {
    assertEquals(
        List.of("+44 121 234 5678=+441212345678", "+1 (201) 555-0123=+12015550123"),
        found("Call +44 121 234 5678 or +1 (201) 555-0123; not 0121 234 5678."));
  }

  @Test
  void findsNothingWithoutAnInternationalNumber() {
    assertEquals(List.of(), found("Call 0121 234 5678 or (201) 555-0123."));
    assertEquals(List.of(), found("1+1=2, +x, +"));
    assertEquals(List.of(), found(""));
    assertEquals(List.of(), found(null));
  }

  @Test
  void boundedOnDigitHeavyText() {
    String digits = "+1 ".repeat(100_000) + "9".repeat(1_000_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> found(digits));
  }

  /** What libphonenumber finds reading the whole text, as findInText did before it read windows. */
  private static List<String> foundInWholeText(String text) {
    List<String> out = new ArrayList<>();
    if (!text.matches("(?s).*[+＋]\\p{Nd}.*")) {
      return out; // findInText skips such texts before libphonenumber, and so did the whole-text reading
    }
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    for (PhoneNumberMatch m : util.findNumbers(text, "ZZ", PhoneNumberUtil.Leniency.VALID, Phones.MAX_TRIES)) {
      out.add(m.rawString() + "=" + util.format(m.number(), PhoneNumberUtil.PhoneNumberFormat.E164));
    }
    return out;
  }

  @Test
  void windowsFindWhatTheWholeTextHoldsInRandomTexts() {
    // Numbers, near-numbers and the characters the matcher treats specially (brackets, punctuation, time stamps,
    // dates, extensions, letters and currency before or after a number), with fillers long enough to separate
    // windows and short enough to merge them.
    String[] pieces = {
      "+", "＋", "(", ")", "[", " ", "  ", "-", ".", "/", "x", ":", "%", "$", "a", "é", "\n", "0", "1", "7", "44",
      "20 7946 0000", "+44 20 7946 0958", "+1 201-555-0123", "(+33) 1 23 45 67 89", "+49 (0)30 123456",
      "+44 121 234 5678 ext. 12", "+1 201 555 0123 x 7", "2011-01-02 08", ":00", "3/10/2011", "+800 1234 5678",
      "+41 79 123 45 67 / 68", "12(3): 211-227 (2003)", "+ 44 20 7946 0958", "Tel.+4930123456,", "++44 20 7946 0958",
      "Sent: Sat, 21 Apr 2018 20:19:54 +0000", "+0100", "+1000", "(+0", "+０", "+٠1 20"
    };
    Random random = new Random(20261130);
    int withNumbers = 0;
    for (int t = 0; t < 4000; t++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(60); i > 0; i--) {
        if (random.nextInt(8) == 0) {
          text.append("z".repeat(random.nextInt(2 * Phones.AFTER_PLUS)));
        }
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      List<String> expected = foundInWholeText(text.toString());
      withNumbers += expected.isEmpty() ? 0 : 1;
      assertEquals(expected, found(text.toString()), () -> "text: " + text);
    }
    assertTrue(withNumbers > 1000, "too few texts with numbers to compare: " + withNumbers);
  }

  @Test
  void windowsFindWhatTheWholeTextHoldsInRealMail() throws IOException {
    Path corpora = org.leakscope.testing.Paths.sharedCorpora();
    assumeTrue(corpora != null, "no ../shared/corpora beside the checkout");
    int withNumbers = 0;
    try (Stream<Path> files = Files.walk(corpora)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        List<String> expected = foundInWholeText(text);
        withNumbers += expected.isEmpty() ? 0 : 1;
        assertEquals(expected, found(text), () -> "file: " + file);
      }
    }
    assertTrue(withNumbers > 0, "no file of the corpora holds an international number");
  }
}
