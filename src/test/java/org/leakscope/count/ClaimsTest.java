package org.leakscope.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.Paths;

class ClaimsTest {
  /** One valid claim; field N sits on line N + 2 (claimant on 2, date 3, metric 4, claimed 5, quote 6, source 7). */
  private static final String ONE = """
      claims:
        - claimant: "Finder"
          date: 2022-10-19
          metric: email_messages
          claimed: 1310
          quote: "The bucket holds 1,310 emails."
          source: "vendor blog post"
      """;

  @TempDir Path tmp;

  @Test
  void readsTheSampleClaims() {
    String uri = Paths.samples().resolve("bluebleed-mini/claims.yaml").toUri().toString();
    List<Claim> claims = Claims.read(uri, new Configuration());

    assertEquals(4, claims.size());
    assertEquals(new Claim("Finder (security vendor)", LocalDate.of(2022, 10, 19), "email_messages", 1310L,
        "The exposed bucket holds 1,310 emails exchanged with partner companies.", "vendor blog post", 4),
        claims.get(0));
    assertEquals(List.of("email_messages", "documents", "records:users", "email_messages"),
        claims.stream().map(Claim::metric).toList());
    assertEquals(List.of(4, 10, 16, 22), claims.stream().map(Claim::line).toList());
    assertEquals(131L, claims.get(1).claimed());
    assertEquals(461L, claims.get(2).claimed());
    Claim owner = claims.get(3);
    assertEquals("Owner (cloud provider)", owner.claimant());
    assertEquals(LocalDate.of(2022, 10, 20), owner.date());
    assertNull(owner.claimed());
    assertEquals("owner statement", owner.source());
  }

  @Test
  void readsAFileUri() throws IOException {
    Path file = Files.writeString(tmp.resolve("claims.yaml"), with("quote", "quote: \"1 310 e-mails…\""));
    List<Claim> claims = Claims.read(file.toUri().toString(), new Configuration());
    assertEquals(1, claims.size());
    assertEquals("1 310 e-mails…", claims.get(0).quote());
  }

  @Test
  void readErrorsNameTheUri() throws IOException {
    Path file = Files.writeString(tmp.resolve("bad.yaml"), with("metric", "metric: projects"));
    String uri = file.toUri().toString();
    ClaimsException e = assertThrows(ClaimsException.class, () -> Claims.read(uri, new Configuration()));
    assertTrue(e.getMessage().startsWith(uri + " line 4: "), e.getMessage());
  }

  @Test
  void rejectsBytesThatAreNotUtf8() throws IOException {
    byte[] latin1 = with("quote", "quote: \"caf\u00e9\"").getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(tmp.resolve("latin1.yaml"), latin1);
    ClaimsException e = assertThrows(ClaimsException.class,
        () -> Claims.read(file.toUri().toString(), new Configuration()));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }

  @Test
  void aMissingFileIsAnIoError() {
    String uri = tmp.resolve("absent.yaml").toUri().toString();
    assertThrows(UncheckedIOException.class, () -> Claims.read(uri, new Configuration()));
  }

  @Test
  void anEmptyListHasNoClaims() {
    assertEquals(List.of(), Claims.parse("claims: []\n", "claims.yaml"));
  }

  @Test
  void trimsText() {
    Claim c = parseOne(with("claimant", "claimant: \"  Finder  \""));
    assertEquals("Finder", c.claimant());
  }

  @Test
  void takesNullOrAQuotedWholeNumberAsClaimed() {
    assertNull(parseOne(with("claimed", "claimed: null")).claimed());
    assertNull(parseOne(with("claimed", "claimed: ~")).claimed());
    assertNull(parseOne(with("claimed", "claimed:")).claimed());
    assertEquals(1310L, parseOne(with("claimed", "claimed: \"1310\"")).claimed());
    assertEquals(0L, parseOne(with("claimed", "claimed: 0")).claimed());
  }

  @Test
  void takesQuotedDatesAndRecordSets() {
    assertEquals(LocalDate.of(2022, 10, 19), parseOne(with("date", "date: \"2022-10-19\"")).date());
    assertEquals("records:users.v2-x_1", parseOne(with("metric", "metric: records:users.v2-x_1")).metric());
    assertEquals("records", parseOne(with("metric", "metric: records")).metric());
  }

  @Test
  void rejectsClaimedValuesThatAreNotWholeNumbers() {
    for (String bad : List.of("lots", "-5", "13.1", "1e3", "0123", "1_310", "true")) {
      assertRejected(with("claimed", "claimed: " + bad), 5,
          "field \"claimed\" must be a whole number or null, found \"" + bad + "\"");
    }
    assertRejected(with("claimed", "claimed: \"1,310\""), 5, "field \"claimed\"", "found \"1,310\"");
    assertRejected(with("claimed", "claimed: \"null\""), 5, "field \"claimed\"", "found \"null\"");
    assertRejected(with("claimed", "claimed: 99999999999999999999"), 5, "field \"claimed\" is too large");
  }

  @Test
  void rejectsAMissingField() {
    assertRejected(with("metric", null), 2, "claim 1 is missing field \"metric\"");
    assertRejected(with("claimed", null), 2, "claim 1 is missing field \"claimed\"");
    String second = ONE + ONE.lines().skip(1).filter(l -> !l.contains("source:"))
        .collect(Collectors.joining("\n", "", "\n"));
    assertRejected(second, 8, "claim 2 is missing field \"source\"");
  }

  @Test
  void rejectsAnUnknownMetric() {
    assertRejected(with("metric", "metric: projects"), 4, "field \"metric\": unknown metric \"projects\" (one of "
        + "email_messages, documents, records, records:<set>, email_addresses, users, companies, countries)");
    assertRejected(with("metric", "metric: Email_Messages"), 4, "unknown metric \"Email_Messages\"");
    assertRejected(with("metric", "metric: \"records:\""), 4, "field \"metric\": bad record set in \"records:\"");
    assertRejected(with("metric", "metric: records:a b"), 4, "bad record set in \"records:a b\"");
  }

  @Test
  void rejectsDatesThatAreNotIso() {
    for (String bad : List.of("19/10/2022", "2022-02-30", "2022-10-19 10:00:00", "22-10-19")) {
      assertRejected(with("date", "date: " + bad), 3,
          "field \"date\" must be an ISO date (yyyy-MM-dd), found \"" + bad + "\"");
    }
    assertRejected(with("date", "date: null"), 3, "field \"date\"", "found null");
  }

  @Test
  void rejectsUnknownAndRepeatedFields() {
    assertRejected(with("claimed", "claimd: 1310"), 5, "claim 1 has unknown field \"claimd\"");
    assertRejected(with("source", "source: \"blog\"\n    metric: documents"), 8,
        "field \"metric\" appears twice in claim 1");
  }

  @Test
  void rejectsEmptyOrMissingText() {
    assertRejected(with("claimant", "claimant: \"\""), 2, "field \"claimant\" must be non-empty text, found \"\"");
    assertRejected(with("metric", "metric: \"  \""), 4, "field \"metric\" must be non-empty text");
    assertRejected(with("quote", "quote:"), 6, "field \"quote\" must be non-empty text, found null");
    assertRejected(with("source", "source: \" \""), 7, "field \"source\" must be non-empty text");
  }

  @Test
  void rejectsFieldsThatAreNotSingleValues() {
    assertRejected(with("metric", "metric: [users, documents]"), 4, "field \"metric\" must be a single value");
    assertRejected(with("claimed", "claimed: {n: 1}"), 5, "field \"claimed\" must be a single value, found a mapping");
  }

  @Test
  void rejectsAFileThatIsNotAClaimsList() {
    assertRejected("", 1, "empty file");
    assertRejected("# nothing here\n", 1, "empty file");
    assertRejected("- claimant: x\n", 1, "expected a mapping with one key \"claims\"", "found a list");
    assertRejected("just words\n", 1, "found \"just words\"");
    assertRejected("claim: []\n", 1, "unknown key \"claim\"");
    assertRejected("other: 1\n", 1, "unknown key \"other\"");
    assertRejected("claims: []\nextra: 1\n", 2, "unknown key \"extra\"");
    assertRejected("claims:\n", 1, "\"claims\" must be a list", "found null");
    assertRejected("claims: 5\n", 1, "\"claims\" must be a list");
    assertRejected("claims:\n  - just text\n", 2, "claim 1 must be a mapping of fields, found \"just text\"");
    assertRejected("claims: []\nclaims: []\n", 2, "key \"claims\" appears twice");
  }

  @Test
  void wrapsYamlSyntaxErrors() {
    assertRejected(with("source", "source: \"unterminated"), 8, "not valid YAML", "end of stream");
    assertRejected(with("quote", "quote: \"a\" b"), 6, "not valid YAML");
    assertRejected(with("quote", "quote: a: b"), 6, "not valid YAML", "mapping values are not allowed");
    assertRejected(with("metric", " metric: documents"), 4, "not valid YAML");
    assertRejected(ONE.replace("    quote:", "\tquote:"), 6, "not valid YAML", "TAB");
    assertRejected("claims: [}\n", 1, "not valid YAML");
    assertRejected("claims: []\n---\nclaims: []\n", 2, "not valid YAML", "single document");
    assertRejected("claims: [*nope]\n", 1, "not valid YAML", "undefined alias nope");
  }

  @Test
  void rejectsJavaTypeTags() {
    assertRejected(with("claimant", "claimant: !!java.io.File /etc/passwd"), 2, "Global tag is not allowed");
  }

  @Test
  void rejectsHostileFilesQuickly() {
    String laughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
        g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
        claims: [*g,*g,*g,*g,*g,*g,*g,*g,*g]
        """;
    String huge = "claims: []\n# " + "x".repeat(1 << 20) + "\n";
    String deep = "claims: " + "[".repeat(1000) + "]".repeat(1000) + "\n";
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (String hostile : List.of(laughs, huge, deep)) {
        ClaimsException e = assertThrows(ClaimsException.class, () -> Claims.parse(hostile, "claims.yaml"));
        assertTrue(e.getMessage().startsWith("claims.yaml"), e.getMessage());
      }
    });
  }

  @Test
  void cutsLongValuesShortInMessages() {
    String longValue = "x".repeat(10_000);
    ClaimsException e = assertThrows(ClaimsException.class,
        () -> Claims.parse(with("claimed", "claimed: " + longValue), "claims.yaml"));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
  }

  /** ONE with the line of {@code field} replaced by {@code line}, or removed when {@code line} is null. */
  private static String with(String field, String line) {
    return ONE.lines()
        .filter(l -> line != null || !l.trim().startsWith(field + ":"))
        .map(l -> l.trim().startsWith(field + ":") || l.trim().startsWith("- " + field + ":")
            ? l.substring(0, l.indexOf(field)) + line
            : l)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  private static Claim parseOne(String yaml) {
    List<Claim> claims = Claims.parse(yaml, "claims.yaml");
    assertEquals(1, claims.size());
    return claims.get(0);
  }

  /** Parsing fails with a message that starts with the file name and line and contains each fragment. */
  private static void assertRejected(String yaml, int line, String... fragments) {
    ClaimsException e = assertThrows(ClaimsException.class, () -> Claims.parse(yaml, "claims.yaml"), yaml);
    assertTrue(e.getMessage().startsWith("claims.yaml line " + line + ": "), e.getMessage());
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
  }
}
