package org.leakscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Paths;
import org.leakscope.testing.JsonCounts;
import org.leakscope.testing.SparkTestSession;

/**
 * Ingest of the hand-made mixed sample, checked against the counts its maker wrote down by construction
 * (data-samples/mixed-expected.json): per file, per kind and per quarantine reason.
 */
class MixedSampleIngestTest {
  @TempDir static Path out;
  static IngestResult result;
  static JsonNode expected;
  static OutputLayout layout;

  @BeforeAll
  static void ingest() throws Exception {
    SparkSession spark = SparkTestSession.get();
    layout = new OutputLayout(out.toString());
    result =
        new IngestJob(
                spark,
                new IngestConfig(
                    Paths.samples().resolve("mixed").toString(),
                    out.toString(),
                    Limits.defaults(),
                    IngestConfig.DEFAULT_TASK_BYTES))
            .run();
    expected = new ObjectMapper().readTree(Paths.samples().resolve("mixed-expected.json").toFile());
  }

  @Test
  void everyFileMatchesItsExpectedCounts() {
    Dataset<Row> manifest = SparkTestSession.get().read().parquet(layout.restricted(OutputLayout.INGEST_MANIFEST));
    Map<String, String> actual = new TreeMap<>();
    for (Row r : manifest.collectAsList()) {
      actual.put(
          r.getAs("source_path"),
          r.getAs("units_found") + "/" + r.getAs("items_written") + "/" + r.getAs("units_quarantined"));
    }
    Map<String, String> wanted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("per_file").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode f = e.getValue();
      wanted.put(e.getKey(), f.get("units").asLong() + "/" + f.get("items").asLong() + "/"
          + f.get("quarantined").asLong());
    }
    assertEquals(wanted, actual, "units/items/quarantined per file");
  }

  @Test
  void totalsAndReasonsMatch() {
    assertEquals(expected.get("files").asLong(), result.files());
    assertEquals(expected.get("units").asLong(), result.units());
    assertEquals(expected.get("items").asLong(), result.items());
    assertEquals(expected.get("quarantined").asLong(), result.quarantined());
    assertEquals(JsonCounts.of(expected.get("items_by_kind")), result.itemsByKind());
    assertEquals(JsonCounts.of(expected.get("quarantine_by_reason")), result.quarantineByReason());
  }

  @Test
  void idsAreUniqueAndAttachmentsPointAtTheirItems() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> items = spark.read().parquet(layout.restricted(OutputLayout.ITEMS));
    assertEquals(items.count(), items.select("item_id").distinct().count(), "item ids are unique");
    List<Row> children = items.filter(col("parent_item_id").isNotNull()).select("parent_item_id").collectAsList();
    assertEquals(3, children.size(), "the PDF, DOCX and text attachments become items");
    long orphans =
        items.filter(col("parent_item_id").isNotNull())
            .join(items.select(col("item_id").as("pid")), col("parent_item_id").equalTo(col("pid")), "left_anti")
            .count();
    assertEquals(0, orphans, "every attachment item's parent is an item");
  }
}
