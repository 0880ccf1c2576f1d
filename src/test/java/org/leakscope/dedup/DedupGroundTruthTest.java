package org.leakscope.dedup;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.generate.GenerateConfig;
import org.leakscope.generate.Generator;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Ingested;
import org.leakscope.testing.ClusterQuality;
import org.leakscope.testing.SparkTestSession;

/**
 * Dedup against the generator's ground truth, end to end: a fresh dump (scale 0.1, about 7,000 items and 200
 * near-duplicate clusters) is generated, ingested and deduplicated, and every count and pair is checked.
 */
class DedupGroundTruthTest {
  @TempDir static Path tmp;
  private static JsonNode truth;
  private static Map<String, String[]> truthClusters;
  private static DedupResult result;
  private static Dataset<Row> clusters;
  private static OutputLayout out;

  @BeforeAll
  static void generateIngestDedup() throws IOException {
    SparkSession spark = SparkTestSession.get();
    Path generated = tmp.resolve("generated");
    new Generator(new GenerateConfig("bluebleed", 0.1, 99, generated.toString(), 2)).run();
    truth = new ObjectMapper().readTree(generated.resolve("ground-truth.json").toFile());
    truthClusters = ClusterQuality.truth(generated.resolve("ground-truth-clusters.jsonl"));
    String run = tmp.resolve("run").toString();
    Ingested.run(spark, generated.resolve("dump"), run);
    result = new DedupJob(spark, new DedupConfig(run, 0.8, 128, 5, List.of(0.7, 0.9), false, 30)).run();
    out = new OutputLayout(run);
    clusters = spark.read().parquet(out.table(OutputLayout.ITEM_CLUSTERS)).cache();
  }

  @Test
  void countsEqualTheGroundTruth() {
    for (String[] m : new String[][] {{"email", "email_messages"}, {"document", "documents"}}) {
      for (String basis : List.of("raw", "exact_unique", "near_unique")) {
        assertEquals(truth.at("/metrics/" + m[1] + "/" + basis).asLong(), result.count(m[0], basis),
            m[1] + " " + basis);
      }
    }
    assertEquals(truth.at("/metrics/records/exact_unique").asLong(), result.count("record", "exact_unique"));
    // Records are grouped per record set, and the generator's duplicates repeat rows within one export.
    assertEquals(truth.at("/metrics/records/exact_unique").asLong(), result.count("record", "record_groups"));
    assertEquals(0, result.count("email", "too_short") + result.count("document", "too_short"));
  }

  @Test
  void exactGroupsAreExactlyTheStoredCopiesOfOneUnit() {
    ClusterQuality.Result q = ClusterQuality.score(clusters, truthClusters, List.of("email", "document"));
    assertEquals(List.of(), q.splitUnits(), "copies of one message or document version in several exact groups");
    assertEquals(List.of(), q.mergedUnits(), "copies of two units in one exact group");
  }

  @Test
  void nearDuplicatePairsArePreciseAndComplete() {
    for (String kind : List.of("email", "document")) {
      ClusterQuality.Result q = ClusterQuality.score(clusters, truthClusters, List.of(kind));
      assertTrue(q.truePairs() > 50, kind + ": the dump has near duplicates to find: " + q);
      assertTrue(q.precision() >= 0.98, kind + " precision " + q.precision() + ", wrong pairs " + q.wrong());
      assertTrue(q.recall() >= 0.95, kind + " recall " + q.recall() + ", missed pairs " + q.missed());
      // Replies (units outside every cluster) and template-built documents of other families are never merged
      // into what they quote or resemble.
      assertEquals(List.of(), q.wrong(), kind);
    }
  }

  @Test
  void conversationsAndInclusiveMessagesEqualTheGroundTruth() {
    assertEquals(truth.at("/threads/conversations").asLong(), result.count("email", "threads"));
    assertEquals(truth.at("/threads/inclusive_messages").asLong(), result.count("email", "inclusive"));
    Dataset<Row> threads = SparkTestSession.get().read().parquet(out.table(OutputLayout.THREADS));
    assertEquals(truth.at("/threads/conversations").asLong(), threads.count());
    Row totals = threads.selectExpr("sum(messages)", "sum(stored_copies)").first();
    assertEquals(truth.at("/metrics/email_messages/exact_unique").asLong(), totals.getLong(0));
    assertEquals(truth.at("/metrics/email_messages/raw").asLong(), totals.getLong(1));
  }

  @Test
  void theSweepMovesTheRightWay() {
    Map<String, Long> low = result.sweep().get(0.7);
    Map<String, Long> mid = result.sweep().get(0.8);
    Map<String, Long> high = result.sweep().get(0.9);
    for (String kind : List.of("email", "document")) {
      assertTrue(low.get(kind) <= mid.get(kind) && mid.get(kind) <= high.get(kind), kind + " " + result.sweep());
      assertTrue(high.get(kind) <= result.count(kind, "exact_unique"));
    }
    assertEquals(result.count("email", "near_unique"), mid.get("email"));
  }

  @Test
  void clusterSummaryDescribesEveryClusterOfTwoOrMore() {
    Dataset<Row> summary = SparkTestSession.get().read().parquet(out.restricted(OutputLayout.CLUSTER_SUMMARY));
    long multi = clusters.groupBy("near_cluster").count().where(col("count").gt(1)).count();
    assertEquals(multi, summary.count());
    for (Row r : summary.collectAsList()) {
      long size = r.getAs("size");
      String[] listed = ((String) r.getAs("member_locators")).split("\n");
      assertEquals(Math.min(size, DedupJob.LISTED_MEMBERS), listed.length, r.toString());
      assertTrue((double) r.getAs("min_similarity") <= (double) r.getAs("max_similarity"), r.toString());
    }
    Row biggest = summary.first();
    long largest = summary.agg(org.apache.spark.sql.functions.max("size")).first().getLong(0);
    assertEquals(largest, (long) biggest.getAs("size"), "largest clusters first");
  }

  @Test
  void everyItemHasOneRowAndEachClusterOneRepresentative() {
    assertEquals(truth.at("/items").asLong(), clusters.count());
    assertEquals(clusters.select("near_cluster").distinct().count(),
        clusters.where(col("is_representative")).count());
    assertEquals(0, clusters.where(col("is_representative").and(col("item_id").notEqual(col("near_cluster")))).count());
  }
}
