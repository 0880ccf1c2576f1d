package org.leakscope.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.MinHashLSH;
import org.apache.spark.ml.feature.MinHashLSHModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.leakscope.common.SessionDefaults;
import org.leakscope.dedup.DedupConfig;
import org.leakscope.dedup.DedupJob;
import org.leakscope.dedup.DedupResult;
import org.leakscope.dedup.minhash.MinHasher;
import org.leakscope.dedup.minhash.QuoteStripper;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.ClusterQuality;

/**
 * The dedup benchmark's measurements, one per JVM (jobs/bench-dedup runs them and writes BENCHMARKS.md):
 *
 * <ul>
 *   <li>{@code ours RUN TRUTH OUT}: leakscope's dedup stage on an ingested run; wall time, candidate pairs, pairwise
 *       precision and recall against the generator's clusters, peak heap.
 *   <li>{@code peer RUN TRUTH OUT TABLES}: Spark MLlib's {@code MinHashLSH} with {@code approxSimilarityJoin} at the
 *       same threshold, then connected components (GraphX, as a Spark user would), on the same items and the same
 *       shingles (word 5-grams of the text, messages without their quoted part), scored the same way.
 *   <li>{@code sweep RUN TRUTH OUT T,T,…}: counts, precision and recall at each threshold.
 *   <li>{@code loop RUN OUT}: MinHash signatures in a plain single-threaded Java loop over the same texts held in
 *       memory, the limit the Spark stage approaches.
 * </ul>
 */
public final class DedupBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> KINDS = List.of("email", "document");

  private DedupBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String run = args[1];
    ObjectNode result = JSON.createObjectNode();
    SparkSession spark =
        SessionDefaults.apply(SparkSession.builder().appName("leakscope bench " + mode)).getOrCreate();
    try {
      switch (mode) {
        case "ours" -> ours(spark, run, Path.of(args[2]), result);
        case "peer" -> peer(spark, run, Path.of(args[2]), Integer.parseInt(args[4]), result);
        case "loop" -> loop(spark, run, result);
        case "sweep" -> sweep(spark, run, Path.of(args[2]), args[4], result);
        default -> throw new IllegalArgumentException("unknown mode " + mode);
      }
      result.put("peak_heap_mb", peakHeapMb());
      result.put("old_gen_peak_mb", oldGenPeakMb());
      result.put("cores", Runtime.getRuntime().availableProcessors());
      JSON.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[mode.equals("loop") ? 2 : 3]).toFile(), result);
    } finally {
      spark.stop();
    }
  }

  private static void ours(SparkSession spark, String run, Path truth, ObjectNode result) {
    long start = System.nanoTime();
    DedupResult r = new DedupJob(spark, DedupConfig.defaults(run)).run();
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("candidate_pairs", r.candidatePairs());
    result.put("shingles", r.shingles());
    result.put("lsh", r.lsh().bands() + " bands x " + r.lsh().rows() + " rows");
    ObjectNode steps = result.putObject("steps");
    r.stepSeconds().forEach(steps::put);
    long items = 0;
    for (String kind : List.of("email", "document", "record")) {
      items += r.count(kind, "raw");
    }
    result.put("items", items);
    Dataset<Row> clusters = spark.read().parquet(new OutputLayout(run).table(OutputLayout.ITEM_CLUSTERS));
    score(clusters, truth, result);
    ObjectNode unique = result.putObject("near_unique");
    KINDS.forEach(k -> unique.put(k, r.count(k, "near_unique")));
  }

  /** Quality and counts at each threshold (one run each, so each is scored on its own clusters). */
  private static void sweep(SparkSession spark, String run, Path truth, String thresholds, ObjectNode result) {
    var rows = result.putArray("thresholds");
    for (String t : thresholds.split(",")) {
      double threshold = Double.parseDouble(t);
      DedupResult r = new DedupJob(spark, new DedupConfig(run, threshold, DedupConfig.DEFAULT_NUM_PERM,
          DedupConfig.DEFAULT_SHINGLE, List.of(), false, DedupConfig.DEFAULT_THREAD_WINDOW_DAYS)).run();
      ObjectNode row = rows.addObject();
      row.put("threshold", threshold);
      row.put("lsh", r.lsh().bands() + " bands x " + r.lsh().rows() + " rows");
      row.put("candidate_pairs", r.candidatePairs());
      KINDS.forEach(k -> row.put(k + "_near_unique", r.count(k, "near_unique")));
      score(spark.read().parquet(new OutputLayout(run).table(OutputLayout.ITEM_CLUSTERS)), truth, row);
    }
  }

  private static void peer(SparkSession spark, String run, Path truth, int tables, ObjectNode result) {
    OutputLayout out = new OutputLayout(run);
    String work = run + "/_work/peer";
    long start = System.nanoTime();
    Dataset<Row> items = spark.read().parquet(out.restricted(OutputLayout.ITEMS)).where(col("kind").isin(KINDS.toArray()));
    var ownText = org.apache.spark.sql.functions.udf(
        (UDF1<String, String>) s -> QuoteStripper.ownText(s == null ? "" : s).toString(), DataTypes.StringType);
    Dataset<Row> texts =
        items.select(col("item_id"), col("kind"),
            when(col("kind").equalTo("email"), ownText.apply(col("text"))).otherwise(col("text")).as("text"));
    PipelineModel features = new Pipeline().setStages(new PipelineStage[] {
        new RegexTokenizer().setInputCol("text").setOutputCol("words").setPattern("[^\\p{L}\\p{N}]+")
            .setToLowercase(true),
        new NGram().setN(5).setInputCol("words").setOutputCol("shingles"),
        new HashingTF().setInputCol("shingles").setOutputCol("features").setNumFeatures(1 << 20).setBinary(true)
    }).fit(texts);
    var nonEmpty = org.apache.spark.sql.functions.udf(
        (UDF1<Vector, Boolean>) v -> ((SparseVector) v).numNonzeros() > 0, DataTypes.BooleanType);
    // MinHashLSH cannot hash an empty set: items with fewer than five words are left out (singletons).
    Dataset<Row> vectors = features.transform(texts).where(nonEmpty.apply(col("features")))
        .select("item_id", "kind", "features");
    MinHashLSHModel lsh = new MinHashLSH().setNumHashTables(tables).setSeed(2022).setInputCol("features")
        .setOutputCol("hashes").fit(vectors);
    Dataset<Row> hashed = lsh.transform(vectors);
    double distance = 1 - DedupConfig.DEFAULT_THRESHOLD;
    Dataset<Row> pairs = lsh.approxSimilarityJoin(hashed, hashed, distance, "distance")
        .where(col("datasetA.item_id").lt(col("datasetB.item_id"))
            .and(col("datasetA.kind").equalTo(col("datasetB.kind"))))
        .select(col("datasetA.item_id").as("src"), col("datasetB.item_id").as("dst"));
    pairs.write().mode(SaveMode.Overwrite).parquet(work + "/pairs");
    Dataset<Row> edges = spark.read().parquet(work + "/pairs");
    long verified = edges.count();
    Dataset<Row> components = GraphxComponents.of(spark, edges);
    Dataset<Row> clusters =
        items.select("item_id", "kind")
            .join(components, items.col("item_id").equalTo(components.col("node")), "left")
            .select(col("item_id"), col("kind"), col("item_id").as("exact_group"),
                org.apache.spark.sql.functions.coalesce(col("component"), col("item_id")).as("near_cluster"));
    clusters.write().mode(SaveMode.Overwrite).parquet(work + "/clusters");
    result.put("seconds", (System.nanoTime() - start) / 1e9);
    result.put("hash_tables", tables);
    result.put("pairs_within_threshold", verified);
    // Pairs colliding in some hash table: what approxSimilarityJoin compares (counted once per table).
    result.put("candidate_pairs", bucketPairs(hashed, tables));
    // Scored with leakscope's exact groups (which the tests hold exact against the truth), so both are judged on
    // near pairs alone: MLlib has no exact stage of its own.
    Dataset<Row> exact = spark.read().parquet(out.table(OutputLayout.ITEM_CLUSTERS)).select("item_id", "exact_group");
    Dataset<Row> scored = spark.read().parquet(work + "/clusters").drop("exact_group").join(exact, "item_id");
    score(scored, truth, result);
    ObjectNode unique = result.putObject("near_unique");
    for (String k : KINDS) {
      unique.put(k, scored.where(col("kind").equalTo(k)).select("near_cluster").distinct().count());
    }
  }

  private static long bucketPairs(Dataset<Row> hashed, int tables) {
    long total = 0;
    for (int t = 0; t < tables; t++) {
      int table = t;
      var hashAt = org.apache.spark.sql.functions.udf(
          (UDF1<scala.collection.Seq<Vector>, Double>) hs -> hs.apply(table).apply(0), DataTypes.DoubleType);
      Row r = hashed.select(col("kind"), hashAt.apply(col("hashes")).as("h")).groupBy("kind", "h").count()
          .selectExpr("sum(count * (count - 1) / 2)").first();
      total += r.isNullAt(0) ? 0 : Math.round(r.getDouble(0));
    }
    return total;
  }

  private static void loop(SparkSession spark, String run, ObjectNode result) {
    List<String> texts = new ArrayList<>();
    long chars = 0;
    // The texts the stage hashes (one per exact group; messages without their quoted part), as far as they fit.
    Dataset<Row> clusters = spark.read().parquet(new OutputLayout(run).table(OutputLayout.ITEM_CLUSTERS))
        .where(col("near_method").equalTo("minhash").and(col("item_id").equalTo(col("exact_group"))));
    Dataset<Row> items = spark.read().parquet(new OutputLayout(run).restricted(OutputLayout.ITEMS));
    var it = items.join(clusters.select("item_id"), "item_id").select("kind", "text").toLocalIterator();
    while (it.hasNext() && chars < 400_000_000L) {
      Row r = it.next();
      String t = r.getString(1) == null ? "" : r.getString(1);
      texts.add("email".equals(r.getString(0)) ? QuoteStripper.ownText(t).toString() : t);
      chars += t.length();
    }
    MinHasher h = new MinHasher(DedupConfig.DEFAULT_NUM_PERM, DedupConfig.DEFAULT_SHINGLE);
    for (String t : texts.subList(0, Math.min(2000, texts.size()))) {
      h.hash(t); // warm-up
    }
    long shingles = 0;
    long start = System.nanoTime();
    for (String t : texts) {
      shingles += h.hash(t);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    result.put("texts", texts.size());
    result.put("chars", chars);
    result.put("shingles", shingles);
    result.put("seconds", seconds);
    result.put("shingles_per_second", shingles / seconds);
  }

  private static void score(Dataset<Row> clusters, Path truth, ObjectNode result) {
    Map<String, String[]> t = ClusterQuality.truth(truth);
    for (String kind : KINDS) {
      ClusterQuality.Result q = ClusterQuality.score(clusters, t, List.of(kind));
      ObjectNode k = result.putObject(kind);
      k.put("precision", q.precision());
      k.put("recall", q.recall());
      k.put("true_pairs", q.truePairs());
      k.put("predicted_pairs", q.predictedPairs());
    }
    ClusterQuality.Result all = ClusterQuality.score(clusters, t, KINDS);
    result.put("precision", all.precision());
    result.put("recall", all.recall());
  }

  /** The old generation's peak: the data that survived collections, what grows when memory is held. */
  private static long oldGenPeakMb() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old Gen")) {
        return pool.getPeakUsage().getUsed() >> 20;
      }
    }
    return -1;
  }

  /** The sum of each heap pool's peak (they peak at different times, so this can exceed -Xmx). */
  private static long peakHeapMb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak >> 20;
  }

  /** GraphX's connected components over string ids (mapped to longs by a join, back by another). */
  static final class GraphxComponents {
    private GraphxComponents() {}

    static Dataset<Row> of(SparkSession spark, Dataset<Row> edges) {
      // A vertex id that is a function of the item id (monotonically_increasing_id is not: it changes when a
      // plan is re-evaluated with other partitions); 64-bit, so collisions among a million ids are ~1e-8 likely.
      Dataset<Row> nodes = edges.select(col("src").as("node")).union(edges.select(col("dst").as("node"))).distinct()
          .withColumn("vid", org.apache.spark.sql.functions.xxhash64(col("node")));
      Dataset<Row> numbered =
          edges.join(nodes.withColumnRenamed("node", "src").withColumnRenamed("vid", "a"), "src")
              .join(nodes.withColumnRenamed("node", "dst").withColumnRenamed("vid", "b"), "dst")
              .select("a", "b");
      var graphEdges = numbered.javaRDD().map(r -> new org.apache.spark.graphx.Edge<>(r.getLong(0), r.getLong(1), 1));
      var disk = org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK();
      var ints = scala.reflect.ClassTag$.MODULE$.<Integer>apply(Integer.class);
      var graph = org.apache.spark.graphx.Graph.fromEdges(graphEdges.rdd(), 1, disk, disk, ints, ints);
      var cc = org.apache.spark.graphx.lib.ConnectedComponents.run(graph, ints, ints);
      var labels = cc.vertices().toJavaRDD().map(t -> org.apache.spark.sql.RowFactory.create(
          (Long) t._1(), (Long) t._2()));
      Dataset<Row> vl = spark.createDataFrame(labels, new org.apache.spark.sql.types.StructType()
          .add("vid", DataTypes.LongType).add("label", DataTypes.LongType));
      // The component's name: its smallest item id, as in leakscope.
      Dataset<Row> named = vl.join(nodes, "vid");
      Dataset<Row> smallest = named.groupBy("label").agg(org.apache.spark.sql.functions.min("node").as("component"));
      return named.join(smallest, "label").select("node", "component");
    }
  }
}
