package org.leakscope.ingest.records;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leakscope.testing.IngestRows.fields;
import static org.leakscope.testing.IngestRows.str;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.StreamStopped;
import org.leakscope.ingest.UnitRejected;
import org.leakscope.testing.IngestRows;

class JsonReaderTest {
  private static final Limits DEPTH_3 = depth(3);

  private static Limits depth(int maxJsonDepth) {
    Limits d = Limits.defaults();
    return new Limits(
        d.maxUnitBytes(), d.maxLineBytes(), d.maxHeaderCount(), d.maxHeaderBytes(), d.maxMimeDepth(),
        d.maxArchiveDepth(), d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(), d.maxFields(),
        maxJsonDepth, d.maxTextChars());
  }

  private static IngestRows document(String json) throws IOException {
    return document(json, Limits.defaults());
  }

  private static IngestRows document(String json, Limits limits) throws IOException {
    IngestRows rows = new IngestRows("x.json");
    new JsonReader(limits).readDocument(new ByteArrayInputStream(json.getBytes(UTF_8)), "", "x", rows.units());
    return rows.assertAccounted();
  }

  private static IngestRows lines(String jsonl, Limits limits) throws IOException {
    IngestRows rows = new IngestRows("x.jsonl");
    new JsonReader(limits).readLines(new ByteArrayInputStream(jsonl.getBytes(UTF_8)), "", "x", rows.units());
    return rows.assertAccounted();
  }

  private static Map<String, String> map(String... keyThenValue) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyThenValue.length; i += 2) {
      m.put(keyThenValue[i], keyThenValue[i + 1]);
    }
    return m;
  }

  @Test
  void emptyInputsHaveNoUnits() throws IOException {
    assertEquals(0, document("").units().found());
    assertEquals(0, document("  \n ").units().found());
    assertEquals(0, document("[]").units().found());
    assertEquals(0, lines("", Limits.defaults()).units().found());
    assertEquals(0, lines("\n\n  \n", Limits.defaults()).units().found());
  }

  @Test
  void anArrayOfObjectsIsOneUnitPerElement() throws IOException {
    IngestRows rows = document("[{\"id\":1,\"name\":\"Ada\"},\n {\"id\":2,\"name\":\"Grace\",\"admin\":true}]");
    assertEquals(List.of("#record=0", "#record=1"), rows.locators());
    assertEquals(map("id", "1", "name", "Ada"), fields(rows.items().get(0)));
    assertEquals(map("id", "2", "name", "Grace", "admin", "true"), fields(rows.items().get(1)));
    assertEquals("json", str(rows.items().get(0), "format"));
    assertEquals("x", str(rows.items().get(0), "record_set"));
  }

  @Test
  void nestedFieldsAreFlattenedToDottedNamesWithArrayIndexes() throws IOException {
    IngestRows rows =
        document("{\"user\":{\"name\":\"Ada\",\"address\":{\"city\":\"London\"}},"
            + "\"tags\":[\"a\",\"b\"],\"matrix\":[[1,2],[3]],\"people\":[{\"n\":\"x\"}],\"gone\":null}");
    Map<String, String> expected = map(
        "user.name", "Ada", "user.address.city", "London", "tags.0", "a", "tags.1", "b",
        "matrix.0.0", "1", "matrix.0.1", "2", "matrix.1.0", "3", "people.0.n", "x");
    expected.put("gone", null);
    assertEquals(expected, fields(rows.at("#record=0")));
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(fields(rows.at("#record=0")).keySet()), "in order");
  }

  @Test
  void aSingleObjectIsOneUnit() throws IOException {
    IngestRows rows = document("{\n  \"company\": \"Contoso\",\n  \"founded\": 1975\n}\n");
    assertEquals(List.of("#record=0"), rows.locators());
    assertEquals(map("company", "Contoso", "founded", "1975"), fields(rows.items().get(0)));
  }

  @Test
  void scalarRootValuesBecomeAValueField() throws IOException {
    assertEquals(map("value", "42"), fields(document("42").items().get(0)));
    assertEquals(map("value", "hello"), fields(document("\"hello\"").items().get(0)));
    assertEquals(Collections.singletonMap("value", null), fields(document("null").items().get(0)));
    IngestRows array = document("[1, \"two\", true]");
    assertEquals(
        List.of(map("value", "1"), map("value", "two"), map("value", "true")),
        array.items().stream().map(IngestRows::fields).toList());
  }

  @Test
  void jsonLinesQuarantineABadLineAndReadTheNext() throws IOException {
    IngestRows rows = lines("{\"a\":1}\n{\"a\":\n\n{\"a\":3}\n{\"a\":4} {\"a\":5}\n", Limits.defaults());
    assertEquals(List.of("#line=1", "#line=2", "#line=4", "#line=5"), rows.locators());
    assertEquals(map("a", "3"), fields(rows.at("#line=4")));
    assertEquals("malformed", str(rows.at("#line=2"), "reason"));
    assertEquals("malformed", str(rows.at("#line=5"), "reason"), "two values on one line");
    assertEquals("jsonl", str(rows.at("#line=1"), "format"));
  }

  @Test
  void aJsonLineThatIsNotJsonFromItsFirstOrLastTokenIsMalformedNotAParserError() throws IOException {
    // Found by ReaderFuzzTest: the first token and the one after the value were read outside the error mapping.
    IngestRows rows = lines("{\"a\":1}\nZorro\n[1,2] x\n,\n{\"a\":3}\n", Limits.defaults());
    assertEquals(List.of("#line=1", "#line=2", "#line=3", "#line=4", "#line=5"), rows.locators());
    assertEquals(List.of("malformed", "malformed", "malformed"), rows.reasons());
    assertEquals(map("a", "3"), fields(rows.at("#line=5")));
  }

  @Test
  void jsonLinesNestingUpToTheDepthLimitIsReadAndDeeperIsTooDeep() throws IOException {
    IngestRows rows =
        lines("{\"a\":{\"b\":{\"c\":1}}}\n{\"a\":{\"b\":{\"c\":{\"d\":1}}}}\n{\"ok\":true}\n", DEPTH_3);
    assertEquals(map("a.b.c", "1"), fields(rows.at("#line=1")));
    assertEquals("too_deep", str(rows.at("#line=2"), "reason"));
    assertEquals(map("ok", "true"), fields(rows.at("#line=3")));
  }

  @Test
  void aDocumentNestedDeeperThanTheLimitIsTooDeepAndStops() {
    IngestRows rows = new IngestRows("deep.json");
    String json = "[{\"ok\":1},{\"a\":{\"b\":{\"c\":1}}},{\"never\":\"read\"}]";
    assertThrows(
        StreamStopped.class,
        () -> new JsonReader(DEPTH_3)
            .readDocument(new ByteArrayInputStream(json.getBytes(UTF_8)), "", "deep", rows.units()));
    rows.assertAccounted();
    assertEquals(List.of("#record=0", "#record=1"), rows.locators());
    assertEquals(List.of("too_deep"), rows.reasons());
  }

  @Test
  void aTruncatedElementIsQuarantinedAndTheDocumentStops() {
    IngestRows rows = new IngestRows("cut.json");
    String json = "[{\"a\":1},{\"a\":2},{\"a\":";
    assertThrows(
        StreamStopped.class,
        () -> new JsonReader(Limits.defaults())
            .readDocument(new ByteArrayInputStream(json.getBytes(UTF_8)), "", "cut", rows.units()));
    rows.assertAccounted();
    assertEquals(List.of("#record=0", "#record=1", "#record=2"), rows.locators());
    assertEquals(List.of("malformed"), rows.reasons());
  }

  @Test
  void anArrayCutBetweenElementsHasItsRemainderQuarantined() {
    IngestRows direct = new IngestRows("cut.json");
    UnitRejected r =
        assertThrows(
            UnitRejected.class,
            () -> new JsonReader(Limits.defaults())
                .readDocument(new ByteArrayInputStream("[{\"a\":1},".getBytes(UTF_8)), "", "cut", direct.units()));
    assertTrue(r.streamBroken());

    IngestRows rows = IngestRows.dispatch("cut.json", "[{\"a\":1},{\"a\":2},".getBytes(UTF_8)).assertAccounted();
    assertEquals(List.of("#record=0", "#record=1", "#unread"), rows.locators());
    assertEquals(List.of("malformed"), rows.reasons());
  }
}
