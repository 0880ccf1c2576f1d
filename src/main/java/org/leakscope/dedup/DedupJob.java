package org.leakscope.dedup;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.functions.zip_with;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.leakscope.common.ConnectedComponents;
import org.leakscope.common.Materialize;
import org.leakscope.common.Steps;
import org.leakscope.common.WorkDir;
import org.leakscope.dedup.exact.ExactKeys;
import org.leakscope.dedup.minhash.LshParams;
import org.leakscope.dedup.minhash.Signatures;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Schemas;
import org.leakscope.io.TableFormat;
import org.leakscope.privacy.Pseudonymize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dedup stage: exact groups, MinHash/LSH near-duplicate clusters, conversation threads. Reads {@code items},
 * writes {@code item_clusters}, {@code cluster_summary}, {@code near_unique_by_threshold} and {@code threads}. How
 * and why is in docs/dedup.md.
 */
public final class DedupJob {
  /** Kinds compared by MinHash; records are compared exactly only (their near copies are entity resolution). */
  static final List<String> NEAR_KINDS = List.of("email", "document");

  static final String MINHASH = "minhash";
  static final String TOO_SHORT = "too_short";
  static final String NOT_COMPARED = "not_compared";

  /** Member locators listed per cluster in {@code cluster_summary}. */
  static final int LISTED_MEMBERS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(DedupJob.class);

  private final SparkSession spark;
  private final DedupConfig config;
  private final OutputLayout out;
  private final Steps steps = new Steps("dedup");

  public DedupJob(SparkSession spark, DedupConfig config) {
    this.spark = spark;
    this.config = config;
    this.out = OutputLayout.open(config.output(), null, spark.sparkContext().hadoopConfiguration());
  }

  public DedupResult run() {
    TableFormat.apply(spark, out);
    long started = System.nanoTime();
    spark.sparkContext().setJobGroup("dedup", "leakscope dedup", false);
    try {
      // The schema given: ingest writes it, and Spark need not run a job to read it from the files' footers.
      Dataset<Row> items = spark.read().schema(Schemas.ITEMS).parquet(
          out.requireRestricted(OutputLayout.ITEMS, "ingest", spark.sparkContext().hadoopConfiguration()));
      Dataset<Row> exact = steps.time("exact groups", () -> save(exactGroups(items), "exact"));
      Dataset<Row> signatures = steps.time("signatures", () -> save(signatures(items, exact), "signatures"));
      LshParams lsh = LshParams.forThreshold(config.lowestThreshold(), config.numPerm());
      Dataset<Row> candidates =
          steps.time("candidate pairs", () -> save(candidatePairs(signatures, lsh), "candidates"));
      Dataset<Row> scored = steps.time("verification", () -> save(verify(candidates, signatures), "scored"));
      Dataset<Row> components =
          steps.time("components", () -> save(components(scored, config.threshold(), "cc"), "components"));
      Dataset<Row> threads = steps.time("threads",
          () -> save(Threads.assign(spark, items, exact, config, this::work, steps), "threads"));
      Dataset<Row> clusters = steps.time("item_clusters", () -> {
        write(itemClusters(exact, signatures, components, threads), OutputLayout.ITEM_CLUSTERS, false);
        return spark.read().parquet(out.table(OutputLayout.ITEM_CLUSTERS));
      });
      steps.time("summaries", () -> {
        // In clear (member paths, subjects) for the restricted zone; without them for tables/.
        String summary = out.restricted(OutputLayout.CLUSTER_SUMMARY);
        clusterSummary(clusters, items).coalesce(1).write().mode(SaveMode.Overwrite).parquet(summary);
        write(Pseudonymize.clusterSummary(spark.read().parquet(summary)), OutputLayout.CLUSTER_SUMMARY, true);
        String threadSummary = out.restricted(OutputLayout.THREADS);
        Threads.summary(clusters, items).coalesce(1).write().mode(SaveMode.Overwrite).parquet(threadSummary);
        write(Pseudonymize.threads(spark.read().parquet(threadSummary)), OutputLayout.THREADS, true);
        return null;
      });
      steps.time("sweep", () -> {
        write(sweep(clusters, scored), OutputLayout.NEAR_UNIQUE_BY_THRESHOLD, true);
        return null;
      });
      return result(clusters, candidates, lsh, (System.nanoTime() - started) / 1e9);
    } finally {
      deleteWork();
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * Step 1. Every item with its exact group (the smallest item id sharing its normalized-content key) and, for
   * records, its record group (the same within its record set).
   */
  private Dataset<Row> exactGroups(Dataset<Row> items) {
    Dataset<Row> keyed = save(ExactKeys.of(items), "keys"); // read three times below: computed once
    Dataset<Row> groups =
        keyed.groupBy("exact_key").agg(min("item_id").as("exact_group"), count(lit(1)).as("exact_group_size"));
    Dataset<Row> recordGroups =
        keyed.where(col("kind").equalTo("record"))
            .groupBy("record_set", "exact_key")
            .agg(min("item_id").as("record_group"))
            .withColumnRenamed("record_set", "group_set")
            .withColumnRenamed("exact_key", "group_key");
    return keyed.join(groups, "exact_key")
        .join(recordGroups, col("record_set").eqNullSafe(col("group_set"))
            .and(col("exact_key").equalTo(col("group_key"))).and(col("kind").equalTo("record")), "left")
        .select("item_id", "kind", "record_set", "exact_key", "exact_group", "exact_group_size", "record_group");
  }

  /** Step 2. MinHash signatures of one item per exact group, for the kinds compared by similarity. */
  private Dataset<Row> signatures(Dataset<Row> items, Dataset<Row> exact) {
    Dataset<Row> representatives =
        exact.where(col("item_id").equalTo(col("exact_group")).and(col("kind").isin(NEAR_KINDS.toArray())))
            .select("item_id");
    return Signatures.of(
        items.join(representatives, "item_id"), config.numPerm(), config.shingle(), config.keepQuotes());
  }

  /**
   * Step 3. Candidate pairs from LSH banding: items of one kind whose signatures agree on all rows of a band share a
   * bucket; each bucket contributes one edge per member to its smallest member ({@code k - 1} edges, never
   * {@code k²} pairs), and a bucket is only ever aggregated, never held in one task's memory.
   */
  static Dataset<Row> candidatePairs(Dataset<Row> signatures, LshParams lsh) {
    int rows = lsh.rows();
    Column bandHashes =
        transform(
            sequence(lit(0), lit(lsh.bands() - 1)),
            j -> xxhash64(j, slice(col("signature"), j.multiply(rows).plus(1), lit(rows))));
    Dataset<Row> banded =
        signatures.where(col("signature").isNotNull())
            .select(col("item_id"), col("kind"), posexplode(bandHashes).as(new String[] {"band", "bucket"}));
    Dataset<Row> buckets =
        banded.groupBy("kind", "band", "bucket")
            .agg(min("item_id").as("head"), count(lit(1)).as("members"))
            .where(col("members").gt(1));
    return banded.join(buckets, new String[] {"kind", "band", "bucket"})
        .where(col("item_id").notEqual(col("head")))
        .select(col("head").as("src"), col("item_id").as("dst"))
        .distinct();
  }

  /** Step 4. Each candidate pair with the estimated Jaccard similarity of its full signatures. */
  Dataset<Row> verify(Dataset<Row> candidates, Dataset<Row> signatures) {
    Dataset<Row> left = signatures.select(col("item_id").as("src"), col("signature").as("s1"));
    Dataset<Row> right = signatures.select(col("item_id").as("dst"), col("signature").as("s2"));
    return candidates.join(left, "src").join(right, "dst")
        .select(col("src"), col("dst"), similarity(col("s1"), col("s2"), config.numPerm()).as("similarity"));
  }

  static Column similarity(Column s1, Column s2, int numPerm) {
    Column agree = zip_with(s1, s2, (x, y) -> when(x.equalTo(y), 1).otherwise(0));
    return aggregate(agree, lit(0), (acc, x) -> acc.plus(x)).divide(numPerm);
  }

  /** Step 5. Connected components of the pairs at or above {@code threshold}: {@code (node, component)}. */
  private Dataset<Row> components(Dataset<Row> scored, double threshold, String name) {
    Dataset<Row> edges = scored.where(col("similarity").geq(threshold)).select("src", "dst");
    return ConnectedComponents.of(spark, edges, round -> work(name + "-" + round));
  }

  /** Step 6. One row per item: its exact group, near cluster, similarity to the cluster's representative, thread. */
  private Dataset<Row> itemClusters(
      Dataset<Row> exact, Dataset<Row> signatures, Dataset<Row> components, Dataset<Row> threads) {
    Dataset<Row> heads =
        signatures.select(
            col("item_id").as("exact_group"),
            when(col("signature").isNotNull(), lit(MINHASH)).otherwise(lit(TOO_SHORT)).as("near_method"),
            col("signature"));
    Dataset<Row> near =
        heads.join(components, heads.col("exact_group").equalTo(components.col("node")), "left")
            .select(col("exact_group"), col("near_method"), col("signature"),
                coalesce(col("component"), col("exact_group")).as("near_cluster"));
    Dataset<Row> headSignature = signatures.select(col("item_id").as("near_cluster"), col("signature").as("s2"));
    Dataset<Row> groupNear =
        near.join(headSignature, "near_cluster")
            .select(col("exact_group"), col("near_method"), col("near_cluster"),
                when(col("near_cluster").equalTo(col("exact_group")), lit(1.0))
                    .otherwise(similarity(col("signature"), col("s2"), config.numPerm()))
                    .as("similarity_to_representative"));
    return exact.join(groupNear, exact.col("exact_group").equalTo(groupNear.col("exact_group")), "left")
        .join(threads, exact.col("item_id").equalTo(threads.col("thread_item")), "left")
        .select(
            exact.col("item_id"),
            exact.col("kind"),
            exact.col("record_set"),
            exact.col("exact_key"),
            exact.col("exact_group"),
            exact.col("exact_group_size"),
            coalesce(groupNear.col("near_cluster"), exact.col("exact_group")).as("near_cluster"),
            coalesce(groupNear.col("near_cluster"), exact.col("exact_group")).equalTo(exact.col("item_id"))
                .as("is_representative"),
            coalesce(col("similarity_to_representative"), lit(1.0)).as("similarity_to_representative"),
            coalesce(col("near_method"), lit(NOT_COMPARED)).as("near_method"),
            exact.col("record_group"),
            col("thread_id"),
            col("is_inclusive"));
  }

  /** Step 7. One row per near cluster of two or more items. */
  private Dataset<Row> clusterSummary(Dataset<Row> clusters, Dataset<Row> items) {
    Dataset<Row> clustered =
        clusters.groupBy("near_cluster").agg(count(lit(1)).as("size")).where(col("size").gt(1)).select("near_cluster");
    Dataset<Row> members =
        save(clusters.join(clustered, "near_cluster")
            .join(items.select("item_id", "source_path", "locator", "mail_message_id"), "item_id"), "members");
    Dataset<Row> listed =
        members.withColumn("n", row_number().over(Window.partitionBy("near_cluster").orderBy("item_id")))
            .where(col("n").leq(LISTED_MEMBERS))
            .groupBy("near_cluster")
            .agg(array_join(array_sort(collect_list(concat(col("source_path"), lit(" "), col("locator")))), "\n")
                .as("member_locators"));
    Dataset<Row> sizes =
        members.groupBy("near_cluster")
            .agg(
                count(lit(1)).as("size"),
                count_distinct(col("exact_group")).as("exact_groups"),
                array_join(array_sort(collect_set(col("kind"))), ",").as("kinds"),
                min(when(col("is_representative").equalTo(false), col("similarity_to_representative")))
                    .as("min_similarity"),
                max(when(col("is_representative").equalTo(false), col("similarity_to_representative")))
                    .as("max_similarity"),
                count_distinct(col("mail_message_id")).as("distinct_message_ids"));
    Dataset<Row> representative =
        members.where(col("is_representative"))
            .select(col("near_cluster"), concat(col("source_path"), lit(" "), col("locator")).as("representative"));
    return sizes.join(representative, "near_cluster").join(listed, "near_cluster")
        .select("near_cluster", "kinds", "size", "exact_groups", "representative", "min_similarity",
            "max_similarity", "distinct_message_ids", "member_locators")
        .orderBy(col("size").desc(), col("near_cluster"));
  }

  /**
   * Step 8. Near-unique items per kind at the configured threshold (from the clusters) and at every other sweep
   * threshold, from the one set of verified pairs: each component of {@code n} exact groups removes {@code n - 1}.
   */
  private Dataset<Row> sweep(Dataset<Row> clusters, Dataset<Row> scored) {
    Dataset<Row> atThreshold =
        clusters.groupBy("kind")
            .agg(count_distinct(col("exact_group")).as("exact_unique"),
                count_distinct(col("near_cluster")).as("near_unique"))
            .select(lit(config.threshold()).as("threshold"), col("kind"), col("exact_unique"), col("near_unique"));
    Dataset<Row> result = save(atThreshold, "sweep-main");
    Dataset<Row> exactUnique = result.select("kind", "exact_unique");
    Dataset<Row> kinds =
        clusters.where(col("item_id").equalTo(col("exact_group"))).select(col("item_id").as("node"), col("kind"));
    int i = 0;
    for (double t : new java.util.TreeSet<>(config.sweep())) {
      if (t == config.threshold()) {
        continue;
      }
      Dataset<Row> merged =
          components(scored, t, "sweep-" + i)
              .join(kinds, "node")
              .groupBy("kind")
              .agg(count(lit(1)).minus(count_distinct(col("component"))).as("merged"));
      Dataset<Row> row =
          exactUnique.join(merged, new String[] {"kind"}, "left")
              .select(lit(t).as("threshold"), col("kind"), col("exact_unique"),
                  col("exact_unique").minus(coalesce(col("merged"), lit(0L))).as("near_unique"));
      result = result.union(save(row, "sweep-" + i++ + "-counts"));
    }
    return result.orderBy("threshold", "kind");
  }

  private DedupResult result(Dataset<Row> clusters, Dataset<Row> candidates, LshParams lsh, double seconds) {
    Map<String, Map<String, Long>> byKind = new TreeMap<>();
    List<Row> counts =
        clusters.groupBy("kind")
            .agg(
                count(lit(1)).as("raw"),
                count_distinct(col("exact_group")).as("exact_unique"),
                count_distinct(col("near_cluster")).as("near_unique"),
                sum(when(col("near_method").equalTo(TOO_SHORT).and(col("item_id").equalTo(col("exact_group"))), 1)
                    .otherwise(0)).as("too_short"),
                count_distinct(col("record_group")).as("record_groups"),
                count_distinct(col("thread_id")).as("threads"),
                count_distinct(when(col("is_inclusive"), col("exact_group"))).as("inclusive"))
            .collectAsList(); // one row per kind
    for (Row r : counts) {
      Map<String, Long> m = new LinkedHashMap<>();
      for (String f : new String[] {"raw", "exact_unique", "near_unique", "too_short", "record_groups", "threads",
          "inclusive"}) {
        m.put(f, r.getAs(f) == null ? 0L : ((Number) r.getAs(f)).longValue());
      }
      byKind.put(r.getString(0), m);
    }
    Map<Double, Map<String, Long>> sweep = new TreeMap<>();
    for (Row r : spark.read().parquet(out.table(OutputLayout.NEAR_UNIQUE_BY_THRESHOLD)).collectAsList()) {
      sweep.computeIfAbsent(r.getDouble(0), t -> new TreeMap<>()).put(r.getString(1), r.getLong(3));
    }
    long shingles =
        spark.read().parquet(work("signatures")).agg(coalesce(sum("shingles"), lit(0L))).first().getLong(0);
    return new DedupResult(byKind, candidates.count(), shingles, lsh, sweep, steps.seconds(), seconds);
  }

  private Dataset<Row> save(Dataset<Row> data, String name) {
    return Materialize.at(spark, data, work(name));
  }

  private String work(String name) {
    return out.work("dedup") + "/" + name;
  }

  private void write(Dataset<Row> table, String name, boolean small) {
    (small ? table.coalesce(1) : table).write().mode(SaveMode.Overwrite).parquet(out.table(name));
  }

  private void deleteWork() {
    WorkDir.delete(spark, out.work("dedup"), "dedup");
  }

}
