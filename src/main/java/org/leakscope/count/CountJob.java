package org.leakscope.count;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leakscope.common.Concurrently;
import org.leakscope.common.Materialize;
import org.leakscope.common.Steps;
import org.leakscope.common.WorkDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.TableFormat;

/**
 * The count stage: every metric at every basis (exact, and estimated with DataSketches), the claims reconciliation,
 * who is affected, and how old the exposed data is. Reads {@code items}, {@code item_clusters}, {@code mentions},
 * {@code companies} and {@code users}; writes {@code metric_counts}, {@code sketches}, {@code reconciliation},
 * {@code company_impact}, {@code company_activity}, {@code country_impact} and {@code retention}. Definitions are
 * in docs/counts.md.
 */
public final class CountJob {
  private static final String STAGE = "count";

  /** The tables count reads, and the stage that writes each. */
  private static final Map<String, String> INPUTS = inputs();

  private final SparkSession spark;
  /** Inputs read in clear from the restricted zone (their tables/ copies are pseudonymized). */
  private static final Set<String> RESTRICTED_INPUTS =
      Set.of(OutputLayout.ITEMS, OutputLayout.MENTIONS, OutputLayout.USERS);

  private final CountConfig config;
  private final OutputLayout out;
  private final Steps steps = new Steps(STAGE);

  public CountJob(SparkSession spark, CountConfig config) {
    this.spark = spark;
    this.config = config;
    this.out = OutputLayout.open(config.output(), null, spark.sparkContext().hadoopConfiguration());
  }

  public CountResult run() {
    TableFormat.apply(spark, out);
    long started = System.nanoTime();
    Timestamp now = Timestamp.from(Instant.now());
    requireInputs();
    spark.sparkContext().setJobGroup(STAGE, "leakscope count", false);
    try {
      Dataset<Row> items = table(OutputLayout.ITEMS);
      Dataset<Row> mentions = table(OutputLayout.MENTIONS);
      Dataset<Row> companies = table(OutputLayout.COMPANIES);
      Dataset<Row> users = table(OutputLayout.USERS);
      Dataset<Row> dated = steps.time("item dates",
          () -> Materialize.at(spark, ItemDates.of(items, table(OutputLayout.ITEM_CLUSTERS)), work("dated-items")));
      LocalDate leakDate = config.leakDate() != null ? config.leakDate() : Retention.newestDate(dated, now);
      Map<String, Map<String, CountResult.MetricValue>> metrics = steps.time("counts and sketches", () ->
          metricCounts(MetricSketches.aggregate(
              MetricKeys.items(dated).unionAll(MetricKeys.entities(mentions, dated, users, companies)))));
      // Two independent steps of small tables, each a series of short jobs: run at once, so that their driver
      // latencies overlap. (The counts above run alone: on large dumps they keep both cores busy by themselves, and
      // running them beside these made the stage slower at scale 8: 46.6 -> 51.5 s.)
      Map<String, Runnable> independent = new LinkedHashMap<>();
      independent.put("impact", () -> {
        // Read by both company tables: computed once.
        Dataset<Row> companyItems =
            Materialize.at(spark, Impact.companyItems(mentions, dated), work("company-items"));
        Concurrently.run(List.of(
            () -> write(Impact.companies(companyItems, mentions, companies, users).orderBy("company_id"),
                OutputLayout.COMPANY_IMPACT),
            () -> write(Impact.activity(companyItems, mentions, dated, users).orderBy("company_id", "month"),
                OutputLayout.COMPANY_ACTIVITY),
            () -> write(Impact.countries(mentions, companies, users).orderBy("country"),
                OutputLayout.COUNTRY_IMPACT)));
      });
      independent.put("retention", () -> {
        Dataset<Row> lastSeen = Retention.lastSeen(dated, mentions, users);
        write(spark.createDataFrame(Retention.rows(lastSeen, leakDate, config.retentionYears()), Retention.SCHEMA),
            OutputLayout.RETENTION);
      });
      steps.timeConcurrently(independent);
      List<Reconciliation.Reconciled> claims = steps.time("reconciliation", () -> {
        List<Reconciliation.Reconciled> r = Reconciliation.of(config.claims(), CountResult.values(metrics));
        write(spark.createDataFrame(r.stream().map(Reconciliation::row).toList(), Reconciliation.SCHEMA),
            OutputLayout.RECONCILIATION);
        return r;
      });
      boolean canonical = metrics.getOrDefault(Vocabulary.EMAIL_ADDRESSES, Map.of())
          .containsKey(Vocabulary.DISTINCT_CANONICAL);
      return new CountResult(metrics, claims, leakDate, canonical, steps.seconds(),
          (System.nanoTime() - started) / 1e9);
    } finally {
      WorkDir.delete(spark, out.work(STAGE), STAGE);
      spark.sparkContext().clearJobGroup();
    }
  }

  /** The {@code metric_counts} and {@code sketches} tables, with every basis that applies (zero when none found). */
  private Map<String, Map<String, CountResult.MetricValue>> metricCounts(Dataset<Row> aggregated) {
    // One row per metric and basis: a few dozen small sketches.
    Map<String, Row> found = new TreeMap<>();
    for (Row r : aggregated.collectAsList()) {
      found.put(r.getAs("metric") + "/" + r.getAs("basis"), r);
    }
    boolean canonical = found.containsKey(Vocabulary.EMAIL_ADDRESSES + "/" + Vocabulary.DISTINCT_CANONICAL);
    List<String> metricNames = new ArrayList<>(Vocabulary.METRICS);
    found.values().stream().map(r -> (String) r.getAs("metric"))
        .filter(m -> m.startsWith(Vocabulary.RECORD_SET_PREFIX)).distinct().forEach(metricNames::add);
    metricNames.sort(Vocabulary::compareMetrics);

    Map<String, Map<String, CountResult.MetricValue>> metrics = new LinkedHashMap<>();
    List<Row> countRows = new ArrayList<>();
    List<Row> sketchRows = new ArrayList<>();
    for (String metric : metricNames) {
      Map<String, CountResult.MetricValue> bases = new LinkedHashMap<>();
      for (String basis : Vocabulary.bases(metric, canonical)) {
        Row r = found.get(metric + "/" + basis);
        long value = r == null || r.isNullAt(r.fieldIndex("value")) ? 0L : r.<Long>getAs("value");
        byte[] hll = r == null || r.isNullAt(r.fieldIndex("hll")) ? MetricSketches.emptyHll() : r.getAs("hll");
        byte[] theta = r == null || r.isNullAt(r.fieldIndex("theta")) ? MetricSketches.emptyTheta() : r.getAs("theta");
        MetricSketches.Estimate e = MetricSketches.hllEstimate(hll);
        CountResult.MetricValue mv = new CountResult.MetricValue(value, e.estimate(), e.lower95(), e.upper95());
        bases.put(basis, mv);
        countRows.add(RowFactory.create(metric, basis, value, e.estimate(), e.lower95(), e.upper95()));
        sketchRows.add(
            RowFactory.create(metric, basis, hll, MetricSketches.HLL_LG_K, theta, MetricSketches.THETA_LG_K));
      }
      metrics.put(metric, bases);
    }
    write(spark.createDataFrame(countRows, METRIC_COUNTS_SCHEMA), OutputLayout.METRIC_COUNTS);
    // Restricted: a Theta sketch keeps the hashes of up to 4,096 values, hashed with DataSketches' public seed,
    // so anyone holding it could test whether a guessed address is among them.
    spark.createDataFrame(sketchRows, SKETCHES_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(out.restricted(OutputLayout.SKETCHES));
    return metrics;
  }

  public static final StructType METRIC_COUNTS_SCHEMA = new StructType()
      .add("metric", DataTypes.StringType, false)
      .add("basis", DataTypes.StringType, false)
      .add("value", DataTypes.LongType, false)
      .add("estimate", DataTypes.DoubleType, false)
      .add("lower95", DataTypes.DoubleType, false)
      .add("upper95", DataTypes.DoubleType, false);

  public static final StructType SKETCHES_SCHEMA = new StructType()
      .add("metric", DataTypes.StringType, false)
      .add("basis", DataTypes.StringType, false)
      .add("hll", DataTypes.BinaryType, false)
      .add("hll_lg_k", DataTypes.IntegerType, false)
      .add("theta", DataTypes.BinaryType, false)
      .add("theta_lg_k", DataTypes.IntegerType, false);

  private void requireInputs() {
    INPUTS.forEach((name, stage) ->
        OutputLayout.requireTable(path(name), name, stage, spark.sparkContext().hadoopConfiguration()));
  }

  private static Map<String, String> inputs() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(OutputLayout.ITEMS, "ingest");
    m.put(OutputLayout.ITEM_CLUSTERS, "dedup");
    m.put(OutputLayout.MENTIONS, "extract");
    m.put(OutputLayout.COMPANIES, "extract");
    m.put(OutputLayout.USERS, "extract");
    return m;
  }

  /** The stage's inputs: the clear tables of the restricted zone where there are two. */
  private Dataset<Row> table(String name) {
    return spark.read().parquet(path(name));
  }

  private String path(String name) {
    return RESTRICTED_INPUTS.contains(name) ? out.restricted(name) : out.table(name);
  }


  /** Small tables are written as one file each (BI tools prefer few files). */
  private void write(Dataset<Row> data, String name) {
    data.coalesce(1).write().mode(SaveMode.Overwrite).parquet(out.table(name));
  }

  private String work(String name) {
    return out.work(STAGE) + "/" + name;
  }
}
