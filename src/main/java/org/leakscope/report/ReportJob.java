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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakscope.count.Retention;
import org.leakscope.count.Vocabulary;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;

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

  private final SparkSession spark;
  private final OutputLayout out;

  public ReportJob(SparkSession spark, String output) {
    this.spark = spark;
    this.out = new OutputLayout(output);
  }

  /** Writes the exports and the page; returns the stage's seconds (also recorded in summary.json). */
  public double run() {
    long started = System.nanoTime();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    ObjectNode summary = Summary.read(out.summaryJson(), hadoop);
    if (!summary.has("metrics") || !summary.has("count")) {
      throw new IllegalStateException("no counts in " + out.summaryJson() + ": run count on this output first");
    }
    spark.sparkContext().setJobGroup(STAGE, "leakscope report", false);
    try {
      for (String table : EXPORTS) {
        CsvExport.write(table(table), out.export(table));
      }
      Dataset<Row> clusterSummary = table(OutputLayout.CLUSTER_SUMMARY);
      CsvExport.write(Exports.largestClusters(clusterSummary), out.export(LARGEST_CLUSTERS));
      CsvExport.write(Exports.clusterMembers(clusterSummary, table(OutputLayout.ITEM_CLUSTERS),
          table(OutputLayout.ITEMS)), out.export(CLUSTER_MEMBERS));
      CsvExport.write(Exports.companyUsers(table(OutputLayout.USERS), table(OutputLayout.COMPANY_IMPACT)),
          out.export(COMPANY_USERS));
      double seconds = (System.nanoTime() - started) / 1e9;
      SummaryParts.stage(summary, STAGE, seconds);
      // A few rows per metric (years and periods): read once for both views.
      List<Row> retention = table(OutputLayout.RETENTION).collectAsList();
      ReportData data = new ReportData(summary, topCompanies(), topCountries(), years(retention), policies(retention));
      SummaryParts.impact(summary, data, table(OutputLayout.COMPANY_IMPACT).count(),
          table(OutputLayout.COUNTRY_IMPACT).count(), view(retention, Retention.POLICY));
      writeText(out.reportHtml(), HtmlReport.render(data), hadoop);
      seconds = (System.nanoTime() - started) / 1e9;
      SummaryParts.stage(summary, STAGE, seconds);
      Summary.write(out.summaryJson(), summary, hadoop);
      return seconds;
    } finally {
      spark.sparkContext().clearJobGroup();
    }
  }

  private List<ReportData.CompanyRow> topCompanies() {
    List<ReportData.CompanyRow> rows = new ArrayList<>();
    for (Row r : table(OutputLayout.COMPANY_IMPACT)
        .orderBy(col("unique_addresses").desc(), col("mentions").desc(), col("company_id"))
        .limit(ReportData.TOP).collectAsList()) {
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
    for (Row r : table(OutputLayout.COUNTRY_IMPACT)
        .orderBy(col("users").desc(), col("companies").desc(), col("addresses").desc(), col("country"))
        .limit(ReportData.TOP).collectAsList()) {
      rows.add(new ReportData.CountryRow(r.getAs("country"), r.getAs("country_name"), r.<Long>getAs("companies"),
          r.<Long>getAs("users"), r.<Long>getAs("addresses")));
    }
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
      Double share = r.isNullAt(r.fieldIndex("share")) ? 0.0 : r.<Double>getAs("share");
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

  private static void writeText(String uri, String text, Configuration conf) {
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
