package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
}
