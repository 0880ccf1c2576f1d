package org.leakscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.report.ReportJob;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/** The command line as a user meets it: exit codes, one-line errors, and the summary.json contract. */
class CliTest {
  @TempDir Path tmp;

  /** Runs a command line, capturing stderr. */
  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new Outcome(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    Outcome o = run("ingest", "--output", tmp.toString());
    assertEquals(2, o.code());
    assertTrue(o.err().contains("--input"), o.err());
  }

  @Test
  void badSizeNamesTheValue() {
    Outcome o = run("ingest", "--input", "x", "--output", "y", "--max-unit-bytes", "12x");
    assertNotEquals(0, o.code());
    assertTrue(o.err().contains("'12x'"), o.err());
  }

  @Test
  void nonPositiveLimitNamesTheLimit() {
    Outcome o = run("ingest", "--input", "x", "--output", "y", "--max-mime-depth", "0");
    assertEquals(1, o.code());
    assertTrue(o.err().startsWith("leakscope: maxMimeDepth must be positive, got 0"), o.err());
  }

  @Test
  void missingInputFailsWithOneLine() {
    SparkTestSession.get();
    Outcome o = run("ingest", "--input", tmp.resolve("nope").toString(), "--output", tmp.resolve("o").toString());
    assertEquals(1, o.code());
    assertTrue(o.err().startsWith("leakscope: input does not exist: "), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, run("frobnicate").code());
  }

  @Test
  void theRestrictedZoneCanBePlacedElsewhereAndDroppedAfterTheRun() throws Exception {
    SparkTestSession.get();
    Path out = tmp.resolve("zoned");
    Path zone = tmp.resolve("locked/case-1");
    Outcome o = run("run", "--input", Paths.samples().resolve("mixed").toString(), "--output", out.toString(),
        "--restricted-output", zone.toString(), "--drop-restricted");
    assertEquals(0, o.code(), o.err());
    assertEquals(zone.toString(), Files.readString(out.resolve(OutputLayout.LOCATION_FILE)).strip(),
        "later stages find the zone");
    assertFalse(Files.exists(out.resolve("restricted")), "nothing written to the default place");
    assertFalse(Files.exists(zone), "dropped after the run");
    for (String table : List.of("mentions", "users", "company_impact", "metric_counts")) {
      assertTrue(Files.isDirectory(out.resolve("tables/" + table)), table);
    }
    assertTrue(Files.exists(out.resolve("report/index.html")));
    // A later stage on the dropped run: the report is rewritten, the restricted exports are skipped, saying why.
    Outcome report = run("report", "--input", out.toString());
    assertEquals(0, report.code(), report.err());
    assertTrue(report.err().contains("no restricted zone at " + zone), report.err());
    Outcome extract = run("extract", "--input", out.toString());
    assertEquals(1, extract.code(), "extract needs the dropped items");
    assertTrue(extract.err().contains("no items table at " + zone.resolve("items")), extract.err());
    assertTrue(extract.err().contains("--drop-restricted"), extract.err());
  }

  @Test
  void runWritesTheSummaryContract() throws Exception {
    SparkTestSession.get();
    Path out = tmp.resolve("out");
    String claims = Paths.samples().resolve("bluebleed-mini/claims.yaml").toString();
    Outcome o = run("run", "--input", Paths.samples().resolve("mixed").toString(), "--output", out.toString(),
        "--claims", claims);
    assertEquals(0, o.code(), o.err());
    assertTrue(Files.size(out.resolve("report/index.html")) > 10_000);
    List<String> exports = new ArrayList<>(ReportJob.EXPORTS);
    exports.add(ReportJob.LARGEST_CLUSTERS);
    exports = new ArrayList<>(exports.stream().map(e -> "exports/" + e).toList());
    exports.addAll(List.of("restricted/exports/" + ReportJob.COMPANY_USERS,
        "restricted/exports/" + ReportJob.CLUSTER_MEMBERS));
    for (String table : exports) {
      List<String> csv = Files.readAllLines(out.resolve(table + ".csv"));
      assertTrue(!csv.isEmpty() && csv.get(0).contains(","), table + ".csv has a header");
    }
    for (String table : List.of("metric_counts", "reconciliation", "company_impact", "country_impact", "retention",
        "near_unique_by_threshold")) {
      assertTrue(Files.readAllLines(out.resolve("exports/" + table + ".csv")).size() >= 2, table + ".csv has rows");
    }
    JsonNode summary = new ObjectMapper().readTree(out.resolve("report/summary.json").toFile());
    List<String> golden =
        Files.readAllLines(Paths.repo().resolve("src/test/resources/golden/summary-shape.txt")).stream()
            .filter(l -> !l.isBlank() && !l.startsWith("#"))
            .toList();
    assertEquals(golden, shape(summary, ""), "summary.json shape (golden file)");
    assertEquals(71, summary.at("/ingest/units").asLong());
    assertEquals(
        summary.at("/ingest/items").asLong() + summary.at("/ingest/quarantined").asLong(),
        summary.at("/ingest/units").asLong());
    assertEquals(22, summary.at("/metrics/email_messages/raw").asLong());
    assertTrue(summary.at("/stages/ingest/seconds").asDouble() > 0);
    assertTrue(summary.at("/metrics/email_messages/exact_unique").asLong() <= 22);
    assertTrue(summary.at("/stages/dedup/seconds").asDouble() > 0);
    assertTrue(summary.at("/stages/extract/seconds").asDouble() > 0);
    assertTrue(summary.at("/metrics/email_addresses/distinct_normalized").asLong() > 0);
  }

  @Test
  void dedupRunsOnAnIngestedRunAndAddsItsPartToTheSummary() throws Exception {
    SparkTestSession.get();
    Path out = tmp.resolve("out");
    String sample = Paths.samples().resolve("bluebleed-mini").toString();
    assertEquals(0, run("ingest", "--input", sample + "/dump", "--output", out.toString()).code());
    Outcome o = run("dedup", "--input", out.toString(), "--sweep", "0.7,0.9");
    assertEquals(0, o.code(), o.err());
    JsonNode summary = new ObjectMapper().readTree(out.resolve("report/summary.json").toFile());
    JsonNode truth = new ObjectMapper().readTree(Path.of(sample, "ground-truth.json").toFile());
    assertTrue(summary.at("/ingest/units").asLong() > 0, "the ingest part is kept");
    for (String metric : List.of("email_messages", "documents")) {
      for (String basis : List.of("raw", "exact_unique", "near_unique")) {
        assertEquals(truth.at("/metrics/" + metric + "/" + basis).asLong(),
            summary.at("/metrics/" + metric + "/" + basis).asLong(), metric + " " + basis);
      }
    }
    assertEquals(truth.at("/threads/conversations").asLong(), summary.at("/dedup/threads/conversations").asLong());
    assertEquals(3, summary.at("/dedup/near_unique_by_threshold").size());
  }

  @Test
  void aBadClaimsFileFailsWithItsLineAndField() throws Exception {
    SparkTestSession.get();
    Path claims = tmp.resolve("claims.yaml");
    Files.writeString(claims, """
        claims:
          - claimant: "Finder"
            date: 2022-10-19
            metric: email_messages
            claimed: lots
            quote: "many emails"
            source: "blog"
        """);
    Outcome o = run("count", "--input", tmp.toString(), "--claims", claims.toString());
    assertEquals(1, o.code());
    assertTrue(o.err().contains("line 5") && o.err().contains("\"claimed\"") && o.err().contains("lots"), o.err());
    assertEquals(1, o.err().strip().lines().count(), o.err());
  }

  @Test
  void countBeforeTheEarlierStagesSaysWhichToRun() {
    SparkTestSession.get();
    Outcome o = run("count", "--input", tmp.resolve("empty").toString());
    assertEquals(1, o.code());
    assertTrue(o.err().startsWith("leakscope: no items table at ") && o.err().contains("run ingest"), o.err());
  }

  @Test
  void badThresholdNamesTheValue() {
    Outcome o = run("dedup", "--input", tmp.toString(), "--threshold", "1.5");
    assertEquals(1, o.code());
    assertTrue(o.err().startsWith("leakscope: --threshold must be between 0 and 1 (exclusive), got 1.5"), o.err());
  }

  /** Every path in the JSON with its node type, sorted: the shape, not the values. */
  private static List<String> shape(JsonNode node, String path) {
    List<String> out = new ArrayList<>();
    out.add((path.isEmpty() ? "/" : path) + " " + node.getNodeType());
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (path.endsWith("_by_kind") || path.endsWith("_by_reason") || path.equals("/extract/mentions")
            || path.equals("/extract/rejected") || e.getKey().startsWith("records:")) {
          continue; // their keys depend on the input
        }
        out.addAll(shape(e.getValue(), path + "/" + e.getKey()));
      }
    }
    if (node.isArray() && path.equals("/claims")) {
      // Each claim has the same shape; the first, a claim with a number, stands for all.
      out.addAll(shape(node.get(0), path + "/0"));
    }
    return out.stream().sorted().toList();
  }
}
