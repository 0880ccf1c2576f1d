package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressesTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final int TEN_MB = 10 * 1024 * 1024;

  /** Found addresses as {@code raw} or {@code mailto:raw}. */
  private static List<String> found(String text) {
    List<String> out = new ArrayList<>();
    EmailAddresses.find(text, (raw, mailto) -> out.add(mailto ? "mailto:" + raw : raw));
    return out;
  }

  @Test
  void findsAddressesInProse() {
    assertEquals(
        List.of("jane.doe@enron.com", "bob@acme.co.uk"),
        found("Write to jane.doe@enron.com, or bob@acme.co.uk."));
  }

  @Test
  void stripsPunctuationAroundAddresses() {
    assertEquals(List.of("a@x.com"), found("(a@x.com)"));
    assertEquals(List.of("a@x.com"), found("<a@x.com>;"));
    assertEquals(List.of("a@x.com"), found("\"a@x.com\""));
    assertEquals(List.of("a@x.com"), found("'a@x.com'"));
    assertEquals(List.of("a@x.com"), found("...a@x.com..."));
    assertEquals(List.of("a@x.com"), found("a@x.com--"));
  }

  @Test
  void keepsApostrophesAndTagsInsideTheLocalPart() {
    assertEquals(List.of("o'neil+news@x.com"), found("to o'neil+news@x.com today"));
  }

  @Test
  void reportsMailtoInAnyCase() {
    assertEquals(
        List.of("mailto:a@x.com", "b@y.org", "mailto:c@z.net"),
        found("<a href=\"mailto:a@x.com\">a</a> b@y.org MAILTO:c@z.net"));
  }

  @Test
  void findsUnicodeAddresses() {
    assertEquals(List.of("josé@exämple.de", "用户@例子.广告"), found("josé@exämple.de und 用户@例子.广告"));
  }

  @Test
  void ignoresThingsThatAreNotAddresses() {
    assertEquals(List.of(), found("@x.com"));
    assertEquals(List.of(), found("a@localhost"));
    assertEquals(List.of(), found("a@x..com"));
    assertEquals(List.of(), found("a@.x.com"));
    assertEquals(List.of(), found("...@x.com"));
    assertEquals(List.of(), found("'jane'@x.com"));
    assertEquals(List.of(), found("@@@"));
    assertEquals(List.of(), found(""));
    assertEquals(List.of(), found(null));
  }

  @Test
  void doesNotReuseADomainAsTheNextLocalPart() {
    assertEquals(List.of("a@b.com"), found("a@b.com@c.com"));
    assertEquals(List.of("john@example.com"), found("@john@example.com"));
  }

  @Test
  void ignoresOverlongParts() {
    String local64 = "a".repeat(64);
    assertEquals(List.of(local64 + "@x.com"), found(local64 + "@x.com"));
    assertEquals(List.of(), found("a".repeat(65) + "@x.com"));
    assertEquals(List.of(), found("a@" + "b".repeat(250) + ".com"));
  }

  @Test
  void staysLinearOnHostileInput() {
    assertTimeoutPreemptively(BOUND, () -> {
      assertEquals(List.of(), found(repeat("@.", TEN_MB / 2)));
      assertEquals(List.of(), found(repeat("a@", TEN_MB / 2)));
      assertEquals(List.of(), found("a".repeat(TEN_MB) + "@x.com"));
      assertEquals(List.of(), found("a@" + "a".repeat(TEN_MB)));
      assertEquals(List.of(), found("a@" + "a.".repeat(TEN_MB / 2)));
      assertEquals(List.of(), found(".".repeat(TEN_MB) + "@" + ".".repeat(TEN_MB)));
      assertEquals(List.of(), found("@".repeat(TEN_MB)));
      assertEquals(TEN_MB / 8, found(repeat("a@b.com ", TEN_MB / 8)).size());
    });
  }

  private static String repeat(String unit, int times) {
    return unit.repeat(times);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Jane.Doe@Enron.COM          | jane.doe@enron.com",
        "  <jane@enron.com>          | jane@enron.com",
        "mailto:Jane@Enron.com       | jane@enron.com",
        "MAILTO:<jane@enron.com>     | jane@enron.com",
        "jane@enron.com.             | jane@enron.com",
        "josé@exämple.de             | josé@xn--exmple-cua.de",
        "jane@ÉXÄMPLE.de             | jane@xn--xmple-gra7a.de",
        "jane@xn--exmple-cua.de      | jane@xn--exmple-cua.de",
        "\"john doe\"@example.com    | \"john doe\"@example.com",
        "M..Schmidt@enron.com        | m..schmidt@enron.com",
      })
  void normalizesToLowerCaseAndAsciiDomain(String raw, String expected) {
    assertEquals(Normalized.ok(expected), EmailAddresses.normalize(raw));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                        | empty",
        "'   '                     | empty",
        "mailto:                   | empty",
        "jane.enron.com            | no_at",
        "@enron.com                | empty_local_part",
        ".jane@enron.com           | invalid_local_part",
        "jane.@enron.com           | invalid_local_part",
        "jane doe@enron.com        | invalid_local_part",
        "jane,doe@enron.com        | invalid_local_part",
        "a@b@enron.com             | invalid_local_part",
        "jane@                     | invalid_domain",
        "jane@localhost            | invalid_domain",
        "jane@enron..com           | invalid_domain",
        "jane@-enron.com           | invalid_domain",
        "jane@en ron.com           | invalid_domain",
        "jane@1.2.3.4              | invalid_domain",
        "jane@enron.c0m            | invalid_tld",
      })
  void rejectsWithAReason(String raw, String reason) {
    assertEquals(Normalized.rejected(reason), EmailAddresses.normalize(raw));
  }

  @Test
  void rejectsNullAsEmpty() {
    assertEquals(Normalized.rejected("empty"), EmailAddresses.normalize(null));
  }

  @Test
  void rejectsOverlongParts() {
    assertEquals("local_part_too_long", EmailAddresses.normalize("a".repeat(65) + "@x.com").reason());
    assertTrue(EmailAddresses.normalize("a".repeat(64) + "@x.com").isOk());
    String label = "b".repeat(60);
    String domain = String.join(".", label, label, label, label, "com"); // 248 characters
    assertTrue(EmailAddresses.normalize("a@" + domain).isOk());
    assertEquals("domain_too_long", EmailAddresses.normalize("a@bbbbbb." + domain).reason());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "jane+news@acme.com         | jane@acme.com",
        "jane.doe@acme.com          | jane.doe@acme.com",
        "jane.doe+x@gmail.com       | janedoe@gmail.com",
        "j.a.n.e@googlemail.com     | jane@gmail.com",
        "+tag@acme.com              | +tag@acme.com",
        "\"j.d+x\"@gmail.com        | \"j.d+x\"@gmail.com",
      })
  void canonicalStripsTagsAndGmailDots(String normalized, String expected) {
    assertEquals(expected, EmailAddresses.canonical(normalized));
  }

  @Test
  void splitsAtTheLastAt() {
    assertEquals("acme.com", EmailAddresses.domainOf("\"a@b\"@acme.com"));
    assertEquals("\"a@b\"", EmailAddresses.localPartOf("\"a@b\"@acme.com"));
    assertThrows(IllegalArgumentException.class, () -> EmailAddresses.domainOf("acme.com"));
    assertThrows(IllegalArgumentException.class, () -> EmailAddresses.localPartOf(null));
  }
}
