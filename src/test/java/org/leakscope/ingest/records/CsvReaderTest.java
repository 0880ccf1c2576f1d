package org.leakscope.ingest.records;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leakscope.testing.IngestRows.fields;
import static org.leakscope.testing.IngestRows.str;
import static org.leakscope.testing.IngestRows.warnings;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Sniffer;
import org.leakscope.ingest.TextDecoding;
import org.leakscope.testing.IngestRows;

class CsvReaderTest {
  private static IngestRows read(String name, byte[] bytes) throws IOException {
    return read(name, bytes, Limits.defaults());
  }

  private static IngestRows read(String name, byte[] bytes, Limits limits) throws IOException {
    IngestRows rows = new IngestRows(name);
    byte[] head = Arrays.copyOf(bytes, Math.min(bytes.length, Sniffer.HEAD_BYTES));
    new CsvReader(limits)
        .read(new ByteArrayInputStream(bytes), head, head.length, name, "", "set", rows.units());
    return rows.assertAccounted();
  }

  private static IngestRows read(String name, String csv) throws IOException {
    return read(name, csv.getBytes(UTF_8));
  }

  private static Map<String, String> map(String... keyThenValue) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < keyThenValue.length; i += 2) {
      m.put(keyThenValue[i], keyThenValue[i + 1]);
    }
    return m;
  }

  private static Limits maxUnitBytes(long max) {
    Limits d = Limits.defaults();
    return new Limits(
        max, d.maxLineBytes(), d.maxHeaderCount(), d.maxHeaderBytes(), d.maxMimeDepth(), d.maxArchiveDepth(),
        d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(), d.maxFields(), d.maxJsonDepth(),
        d.maxTextChars());
  }

  @Test
  void emptyInputHasNoUnits() throws IOException {
    assertEquals(0, read("empty.csv", "").units().found());
  }

  @Test
  void headerOnlyHasNoUnits() throws IOException {
    assertEquals(0, read("header.csv", "id,name,email\n").units().found());
    assertEquals(0, read("header.csv", "id,name,email").units().found(), "without a final line end too");
  }

  @Test
  void quotedFieldsKeepDelimitersDoubledQuotesAndNewlines() throws IOException {
    IngestRows rows =
        read("people.csv",
            "id,name,note\n"
                + "1,\"Smith, John\",\"He said \"\"hi\"\"\"\n"
                + "2,\"Doe, Jane\",\"line one\nline two\"\n"
                + "3,plain,end\n");
    List<Row> items = rows.items();
    assertEquals(3, items.size());
    assertEquals(map("id", "1", "name", "Smith, John", "note", "He said \"hi\""), fields(items.get(0)));
    assertEquals(map("id", "2", "name", "Doe, Jane", "note", "line one\nline two"), fields(items.get(1)));
    assertEquals(map("id", "3", "name", "plain", "note", "end"), fields(items.get(2)));
    assertEquals(List.of("#line=2", "#line=3", "#line=5"), rows.locators(), "each row at the line it starts on");
    assertEquals("set", str(items.get(0), "record_set"));
    assertEquals("csv", str(items.get(0), "format"));
  }

  @Test
  void aRowWithTheWrongFieldCountIsQuarantinedMalformed() throws IOException {
    IngestRows rows = read("counts.csv", "a,b\n1,2\n3\n4,5,6\n7,8\n");
    assertEquals(List.of("#line=2", "#line=5"), rows.items().stream().map(r -> str(r, "locator")).toList());
    assertEquals(List.of("malformed", "malformed"), rows.reasons());
    assertEquals("expected 2 fields, found 1", str(rows.at("#line=3"), "detail"));
    assertEquals("expected 2 fields, found 3", str(rows.at("#line=4"), "detail"));
  }

  @ParameterizedTest
  @ValueSource(strings = {",", "\t", ";", "|"})
  void theDelimiterIsSniffed(String d) throws IOException {
    // Values hold the other candidates, as real exports do (decimal commas, "a;b" lists).
    String other = d.equals(",") ? "x;y|z" : "1,5";
    String csv = String.join(d, "id", "value", "note") + "\n"
        + String.join(d, "1", other, "first") + "\n"
        + String.join(d, "2", other, "second") + "\n";
    IngestRows rows = read("export.txt", csv);
    assertEquals(2, rows.items().size(), () -> "rows: " + rows.all());
    assertEquals(map("id", "1", "value", other, "note", "first"), fields(rows.items().get(0)));
  }

  @Test
  void duplicateAndEmptyHeaderNamesAreMadeUnique() throws IOException {
    IngestRows rows = read("dupes.csv", "name,,name, email ,\nAda,x,Lovelace,ada@example.com,y\n");
    assertEquals(
        List.of("name", "column_2", "name_2", "email", "column_5"),
        List.copyOf(fields(rows.items().get(0)).keySet()));
  }

  @Test
  void aWindows1252FileIsDecodedWithAWarning() throws IOException {
    byte[] bytes =
        "name,city,price\nJosé,Málaga,€12\nRenée,Besançon,“9”\n".getBytes(Charset.forName("windows-1252"));
    IngestRows rows = read("legacy.csv", bytes);
    assertEquals(map("name", "José", "city", "Málaga", "price", "€12"), fields(rows.items().get(0)));
    assertEquals(map("name", "Renée", "city", "Besançon", "price", "“9”"), fields(rows.items().get(1)));
    assertTrue(warnings(rows.items().get(0)).contains(TextDecoding.WARN_NOT_UTF8));
  }

  @Test
  void aUtf8ByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
    IngestRows rows = read("bom.csv", "\uFEFFid,name\n1,Ada\n");
    assertEquals(map("id", "1", "name", "Ada"), fields(rows.items().get(0)));
  }

  @Test
  void anUnbalancedQuoteStopsTheFileWithTheRemainderQuarantined() {
    String csv = "a,b\n1,2\n3,\"never closed\n4,5\n6,7\n";
    IngestRows rows = IngestRows.dispatch("broken.csv", csv.getBytes(UTF_8)).assertAccounted();
    assertEquals(List.of("#line=2", "#unread"), rows.locators());
    assertEquals(List.of("malformed"), rows.reasons());
    assertTrue(str(rows.at("#unread"), "detail").contains("line 3"), str(rows.at("#unread"), "detail"));
  }

  @Test
  void anUnbalancedQuoteSwallowingMoreThanAUnitIsTooLarge() {
    StringBuilder csv = new StringBuilder("a,b\n1,2\n3,\"never closed\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append(i).append(",row ").append(i).append('\n');
    }
    IngestRows rows =
        IngestRows.dispatch("swallowed.csv", csv.toString().getBytes(UTF_8), maxUnitBytes(1000)).assertAccounted();
    assertEquals(List.of("#line=2", "#unread"), rows.locators());
    assertEquals(List.of("too_large"), rows.reasons());
  }

  @Test
  void theRecordSetIsTheFileNameWithoutExtensions() {
    IngestRows rows =
        IngestRows.dispatch("exports/users.2021.csv", "id,name\n1,Ada\n".getBytes(UTF_8)).assertAccounted();
    assertEquals("users", str(rows.at("#line=2"), "record_set"));
  }
}
