package org.leakscope.report;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakscope.common.Concurrently;
import org.leakscope.count.Retention;
import org.leakscope.count.Vocabulary;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;
import org.leakscope.io.TableFormat;
import org.leakscope.privacy.Suppression;

/**
 * The report stage: {@code exports/*.csv} of the small tables, and {@code report/index.html} from
 * {@code report/summary.json} and the few rows of the impact and retention tables it charts.
 */
public final class ReportJob {
  private static final String STAGE = "report";

  /** The tables exported as CSV, in this order. */
  public static final List<String> EXPORTS = List.of(OutputLayout.METRIC_COUNTS, OutputLayout.RECONCILIATION,
      OutputLayout.COMPANY_IMPACT, OutputLayout.COMPANY_ACTIVITY, OutputLayout.COUNTRY_IMPACT, OutputLayout.RETENTION,
      OutputLayout.NEAR_UNIQUE_BY_THRESHOLD);

  /** The exports that are bounded views of larger tables (see {@link Exports}). */
  public static final String LARGEST_CLUSTERS = "largest_clusters";
  public static final String CLUSTER_MEMBERS = "cluster_members";
  public static final String COMPANY_USERS = "company_users";

  /** Count columns of the published impact tables (small counts hidden, see {@link Suppression}). */
  private static final List<String> COMPANY_COUNTS = List.of("unique_addresses", "users", "mentions", "messages_raw",
      "messages_exact_unique", "messages_near_unique", "documents_raw", "documents_exact_unique",
      "documents_near_unique", "records_raw", "records_exact_unique");
  private static final List<String> ACTIVITY_COUNTS = List.of("messages_raw", "messages_near_unique",
      "documents_raw", "documents_near_unique", "records_raw", "addresses", "users");
  private static final List<String> COUNTRY_COUNTS = List.of("companies", "users", "addresses", "country_mentions");

  private final SparkSession spark;
  private final OutputLayout out;
  private final Suppression suppression;
  /**
   * The tables published with small counts hidden, and how: each in its key's order (the suppression's join does not
   * keep the stored order).
   */
  private final Map<String, UnaryOperator<Dataset<Row>>> suppressions;
  private final Map<String, Dataset<Row>> suppressed = new ConcurrentHashMap<>();

  public ReportJob(SparkSession spark, String output, Suppression suppression) {
    this.spark = spark;
    this.out = OutputLayout.open(output, null, spark.sparkContext().hadoopConfiguration());
    this.suppression = suppression;
    this.suppressions = Map.of(
        OutputLayout.COMPANY_IMPACT, t -> suppression.apply(t, COMPANY_COUNTS, Map.of(), List.of("country"),
            List.of("company_id")).orderBy("company_id"),
        OutputLayout.COMPANY_ACTIVITY, t -> suppression.apply(t, ACTIVITY_COUNTS, Map.of(), List.of("company_id"),
            List.of("month")).orderBy("company_id", "month"),
        OutputLayout.COUNTRY_IMPACT, t -> suppression.apply(t, COUNTRY_COUNTS, Map.of(), List.of(),
            List.of("country")).orderBy("country"),
        OutputLayout.RETENTION, t -> suppression.apply(t, List.of("value"), Map.of("value", List.of("share")),
                List.of("view", "metric", "basis"), List.of("year", "retention_years"))
            .orderBy(col("view"), col("metric"), col("basis"), col("year").asc_nulls_last(),
                col("retention_years").asc_nulls_last()));
  }

  public ReportJob(SparkSession spark, String output) {
    this(spark, output, new Suppression(Suppression.DEFAULT_K));
  }

  /** Writes the exports and the page; returns the stage's seconds (also recorded in summary.json). */
  public double run() {
    long started = System.nanoTime();
    TableFormat.apply(spark, out); // the exports are written by Spark: on S3A, through its committer too
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    ObjectNode summary = Summary.read(out.summaryJson(), hadoop);
    if (!summary.has("metrics") || !summary.has("count")) {
      throw new IllegalStateException("no counts in " + out.summaryJson() + ": run count on this output first");
    }
    spark.sparkContext().setJobGroup(STAGE, "leakscope report", false);
    try {
      // A dozen small exports, each a few short jobs: written at once, so that their driver latencies overlap.
      List<Runnable> exports = new ArrayList<>();
      for (String table : EXPORTS) {
        exports.add(() -> CsvExport.write(published(table), out.export(table)));
      }
      exports.add(() -> CsvExport.write(
          Exports.largestClusters(table(OutputLayout.CLUSTER_SUMMARY)), out.export(LARGEST_CLUSTERS)));
      exports.add(this::restrictedExports);
      Concurrently.run(exports);
      double seconds = (System.nanoTime() - started) / 1e9;
      SummaryParts.stage(summary, STAGE, seconds);
      // A few rows per metric (years and periods): read once for both views.
      List<Row> retention = published(OutputLayout.RETENTION).collectAsList();
      ReportData data = new ReportData(summary, topCompanies(), topCountries(), years(retention), policies(retention),
          suppression.k());
      SummaryParts.impact(summary, data, table(OutputLayout.COMPANY_IMPACT).count(),
          table(OutputLayout.COUNTRY_IMPACT).count(), view(retention, Retention.POLICY));
      SummaryParts.privacy(summary, suppression.k());
      writeText(out.reportHtml(), HtmlReport.render(data), hadoop);
      seconds = (System.nanoTime() - started) / 1e9;
      SummaryParts.stage(summary, STAGE, seconds);
      Summary.write(out.summaryJson(), summary, hadoop);
      return seconds;
    } finally {
      suppressed.clear();
      spark.sparkContext().clearJobGroup();
    }
  }

  /**
   * A table as exports and the page publish it: the impact and retention breakdowns with small counts hidden
   * ({@link Suppression}: a company's months add up to its row, a country's companies to the country's row, a
   * metric's years to its total); dump-wide totals (metric_counts, reconciliation, the sweep) as they are: they
   * describe the dump, not a group of people, and are the numbers being reconciled.
   */
  private Dataset<Row> published(String name) {
    UnaryOperator<Dataset<Row>> suppress = suppressions.get(name);
    if (suppress == null) {
      return table(name);
    }
    // Computed once and kept (on the executors) for the page and summary.json after the export: a suppressed table
    // is small, but its plan (an aggregation per margin, a join and a sort) costs a second or more to optimize and
    // run. A checkpoint, not a cache: every later query would compare its plan with the cached one's, which costs
    // more than recomputing.
    return suppressed.computeIfAbsent(name, n -> suppress.apply(table(n)).localCheckpoint());
  }

  /**
   * The exports that list leaked content or identifiers in clear ({@code cluster_members}: texts and senders;
   * {@code company_users}: each company's logins and addresses), for authorized analysts, in the restricted zone.
   */
  private void restrictedExports() {
    Path items = new Path(out.restricted(OutputLayout.ITEMS));
    try {
      if (!items.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(items)) {
        System.err.println("report: no restricted zone at " + out.restrictedRoot()
            + " (dropped?): cluster_members.csv and company_users.csv not written");
        return;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + items + ": " + e.getMessage(), e);
    }
    CsvExport.write(Exports.clusterMembers(restricted(OutputLayout.CLUSTER_SUMMARY), table(OutputLayout.ITEM_CLUSTERS),
        restricted(OutputLayout.ITEMS)), out.restrictedExport(CLUSTER_MEMBERS));
    CsvExport.write(Exports.companyUsers(restricted(OutputLayout.USERS), table(OutputLayout.COMPANY_IMPACT)),
        out.restrictedExport(COMPANY_USERS));
  }

  /** The top companies by unique addresses (ordered by the exact counts), as published. */
  private List<ReportData.CompanyRow> topCompanies() {
    List<ReportData.CompanyRow> rows = new ArrayList<>();
    List<String> top = topKeys(table(OutputLayout.COMPANY_IMPACT)
        .orderBy(col("unique_addresses").desc(), col("mentions").desc(), col("company_id")), "company_id");
    for (Row r : inOrder(published(OutputLayout.COMPANY_IMPACT), "company_id", top)) {
      rows.add(new ReportData.CompanyRow(r.getAs("company_id"), r.getAs("name"), r.getAs("country"),
          r.<Long>getAs("unique_addresses"), r.<Long>getAs("users"), r.<Long>getAs("messages_raw"),
          r.<Long>getAs("messages_exact_unique"), r.<Long>getAs("messages_near_unique"),
          r.<Long>getAs("documents_exact_unique"), r.<Long>getAs("documents_near_unique"),
          date(r, "first_item_date"), date(r, "last_item_date")));
    }
    return rows;
  }

  private List<ReportData.CountryRow> topCountries() {
    List<ReportData.CountryRow> rows = new ArrayList<>();
    List<String> top = topKeys(table(OutputLayout.COUNTRY_IMPACT)
        .orderBy(col("users").desc(), col("companies").desc(), col("addresses").desc(), col("country")), "country");
    for (Row r : inOrder(published(OutputLayout.COUNTRY_IMPACT), "country", top)) {
      rows.add(new ReportData.CountryRow(r.getAs("country"), r.getAs("country_name"), r.<Long>getAs("companies"),
          r.<Long>getAs("users"), r.<Long>getAs("addresses")));
    }
    return rows;
  }

  /** The keys of the first {@link ReportData#TOP} rows of an ordered table (ordered by exact counts). */
  private static List<String> topKeys(Dataset<Row> ordered, String key) {
    return ordered.select(key).limit(ReportData.TOP).collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /** The published rows with those keys, in that order. */
  private static List<Row> inOrder(Dataset<Row> published, String key, List<String> keys) {
    List<Row> rows = new ArrayList<>(published.where(col(key).isin(keys.toArray())).collectAsList());
    rows.sort(java.util.Comparator.comparingInt(r -> keys.indexOf(r.<String>getAs(key))));
    return rows;
  }

  /** One row per year of the {@code by_year} view (a few dozen rows at most). */
  private static List<ReportData.YearRow> years(List<Row> retention) {
    Map<Integer, Map<String, Long>> byYear = new TreeMap<>(java.util.Comparator.nullsLast(Integer::compare));
    for (Row r : view(retention, Retention.BY_YEAR)) {
      Integer year = r.isNullAt(r.fieldIndex("year")) ? null : r.<Integer>getAs("year");
      byYear.computeIfAbsent(year, y -> new TreeMap<>()).put(r.getAs("metric"), r.<Long>getAs("value"));
    }
    List<ReportData.YearRow> rows = new ArrayList<>();
    byYear.forEach((year, m) -> rows.add(new ReportData.YearRow(year,
        m.getOrDefault(Vocabulary.EMAIL_MESSAGES, 0L), m.getOrDefault(Vocabulary.DOCUMENTS, 0L),
        m.getOrDefault(Vocabulary.RECORDS, 0L), m.getOrDefault(Vocabulary.USERS, 0L),
        m.getOrDefault(Vocabulary.EMAIL_ADDRESSES, 0L))));
    return rows;
  }

  private static List<ReportData.PolicyRow> policies(List<Row> retention) {
    Map<Integer, Map<String, Double>> shares = new TreeMap<>();
    Map<Integer, String> cutoffs = new TreeMap<>();
    for (Row r : view(retention, Retention.POLICY)) {
      int years = r.getAs("retention_years");
      cutoffs.put(years, r.getAs("cutoff").toString());
      // Null share: hidden with its value, or no data at all (0.0).
      Double share = r.isNullAt(r.fieldIndex("value")) ? null
          : r.isNullAt(r.fieldIndex("share")) ? Double.valueOf(0.0) : r.<Double>getAs("share");
      shares.computeIfAbsent(years, y -> new TreeMap<>()).put(r.getAs("metric"), share);
    }
    List<ReportData.PolicyRow> rows = new ArrayList<>();
    shares.forEach((years, m) -> rows.add(new ReportData.PolicyRow(years, cutoffs.get(years),
        m.getOrDefault(Vocabulary.EMAIL_MESSAGES, 0.0), m.getOrDefault(Vocabulary.DOCUMENTS, 0.0),
        m.getOrDefault(Vocabulary.USERS, 0.0), m.getOrDefault(Vocabulary.EMAIL_ADDRESSES, 0.0))));
    return rows;
  }

  private static List<Row> view(List<Row> retention, String view) {
    return retention.stream().filter(r -> view.equals(r.getAs("view"))).toList();
  }

  private static String date(Row r, String field) {
    Object v = r.getAs(field);
    return v == null ? null : v.toString();
  }

  private Dataset<Row> table(String name) {
    return spark.read().parquet(out.table(name));
  }

  private Dataset<Row> restricted(String name) {
    return spark.read().parquet(out.restricted(name));
  }

  static void writeText(String uri, String text, Configuration conf) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(conf);
      try (OutputStream o = fs.create(path, true)) {
        o.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri + ": " + e.getMessage(), e);
    }
  }
}
