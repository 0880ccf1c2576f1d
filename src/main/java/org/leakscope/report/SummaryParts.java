package org.leakscope.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.leakscope.count.CountConfig;
import org.leakscope.count.CountResult;
import org.leakscope.count.MetricSketches;
import org.leakscope.count.Reconciliation;
import org.leakscope.dedup.DedupConfig;
import org.leakscope.dedup.DedupResult;
import org.leakscope.extract.ExtractResult;
import org.leakscope.ingest.IngestResult;
import org.leakscope.io.Summary;

/** Fills the parts of {@code summary.json} that each stage owns (the contract is in ARCHITECTURE.md). */
public final class SummaryParts {
  private SummaryParts() {}

  /** Item kinds and the metrics that count them. */
  private static final Map<String, String> KIND_METRICS =
      Map.of("email", "email_messages", "document", "documents", "record", "records");

  /** Version, input and timing of the run. */
  public static void run(ObjectNode summary, String input, Instant started, Instant finished) {
    summary.put("leakscope_version", Summary.version());
    summary.put("input", input);
    summary.put("started", started.toString());
    summary.put("finished", finished.toString());
  }

  /** The {@code ingest} part, the raw item counts under {@code metrics}, and the stage's time. */
  public static void ingest(ObjectNode summary, IngestResult r) {
    ObjectNode ingest = summary.putObject("ingest");
    ingest.put("files", r.files());
    ingest.put("bytes", r.bytes());
    ingest.put("units", r.units());
    ingest.put("items", r.items());
    ingest.put("quarantined", r.quarantined());
    ObjectNode kinds = ingest.putObject("items_by_kind");
    r.itemsByKind().forEach(kinds::put);
    ObjectNode reasons = ingest.putObject("quarantine_by_reason");
    r.quarantineByReason().forEach(reasons::put);

    ObjectNode metrics = summary.has("metrics") ? (ObjectNode) summary.get("metrics") : summary.putObject("metrics");
    for (Map.Entry<String, String> m : KIND_METRICS.entrySet()) {
      ObjectNode metric =
          metrics.has(m.getValue()) ? (ObjectNode) metrics.get(m.getValue()) : metrics.putObject(m.getValue());
      metric.put("raw", r.itemsByKind().getOrDefault(m.getKey(), 0L));
    }
    stage(summary, "ingest", r.seconds());
  }

  /** Exact- and near-unique item counts under {@code metrics}, the {@code dedup} part, and the stage's time. */
  public static void dedup(ObjectNode summary, DedupResult r, DedupConfig config) {
    ObjectNode metrics = summary.has("metrics") ? (ObjectNode) summary.get("metrics") : summary.putObject("metrics");
    for (Map.Entry<String, String> m : KIND_METRICS.entrySet()) {
      ObjectNode metric =
          metrics.has(m.getValue()) ? (ObjectNode) metrics.get(m.getValue()) : metrics.putObject(m.getValue());
      metric.put("exact_unique", r.count(m.getKey(), "exact_unique"));
      if (!m.getKey().equals("record")) {
        metric.put("near_unique", r.count(m.getKey(), "near_unique"));
      }
    }
    ObjectNode dedup = summary.putObject("dedup");
    dedup.put("threshold", config.threshold());
    dedup.put("num_perm", config.numPerm());
    dedup.put("shingle", config.shingle());
    dedup.put("lsh_bands", r.lsh().bands());
    dedup.put("lsh_rows", r.lsh().rows());
    dedup.put("candidate_pairs", r.candidatePairs());
    ObjectNode tooShort = dedup.putObject("too_short_for_shingles");
    for (String kind : r.byKind().keySet()) {
      if (!kind.equals("record")) {
        tooShort.put(kind, r.count(kind, "too_short"));
      }
    }
    ObjectNode threads = dedup.putObject("threads");
    threads.put("conversations", r.count("email", "threads"));
    threads.put("inclusive_messages", r.count("email", "inclusive"));
    var sweep = dedup.putArray("near_unique_by_threshold");
    r.sweep().forEach((t, kinds) -> {
      ObjectNode row = sweep.addObject().put("threshold", t);
      kinds.forEach(row::put);
    });
    stage(summary, "dedup", r.seconds());
  }

  /**
   * Entity metrics at each basis under {@code metrics}, the {@code extract} part (mentions and rejected mentions
   * per entity type, the countries of the resolved companies), and the stage's time.
   */
  public static void extract(ObjectNode summary, ExtractResult r) {
    ObjectNode metrics = summary.has("metrics") ? (ObjectNode) summary.get("metrics") : summary.putObject("metrics");
    r.metrics().forEach((metric, bases) -> {
      ObjectNode node = metrics.has(metric) ? (ObjectNode) metrics.get(metric) : metrics.putObject(metric);
      bases.forEach(node::put);
    });
    ObjectNode extract = summary.putObject("extract");
    ObjectNode mentions = extract.putObject("mentions");
    r.mentions().forEach(mentions::put);
    ObjectNode rejected = extract.putObject("rejected");
    r.rejected().forEach(rejected::put);
    extract.put("company_countries", r.companyCountries());
    stage(summary, "extract", r.seconds());
  }

  /**
   * Every metric at every basis under {@code metrics} (the count stage's values replace the earlier stages' own),
   * their {@code estimates}, the reconciled {@code claims}, the {@code count} part and the stage's time.
   */
  public static void count(ObjectNode summary, CountResult r, CountConfig config) {
    ObjectNode metrics = summary.putObject("metrics");
    ObjectNode estimates = summary.putObject("estimates");
    r.metrics().forEach((metric, bases) -> {
      ObjectNode m = metrics.putObject(metric);
      ObjectNode e = estimates.putObject(metric);
      bases.forEach((basis, v) -> {
        m.put(basis, v.value());
        e.putObject(basis).put("estimate", round(v.estimate())).put("lower95", round(v.lower95()))
            .put("upper95", round(v.upper95()));
      });
    });
    ArrayNode claims = summary.putArray("claims");
    for (Reconciliation.Reconciled c : r.claims()) {
      ObjectNode o = claims.addObject();
      o.put("claimant", c.claim().claimant());
      o.put("date", c.claim().date().toString());
      o.put("metric", c.claim().metric());
      o.put("claimed", c.claim().claimed());
      o.put("quote", c.claim().quote());
      o.put("source", c.claim().source());
      ObjectNode measured = o.putObject("measured");
      c.measured().forEach(measured::put);
      o.put("closest_basis", c.closestBasis());
      o.put("measured_at_closest", c.closestValue());
      o.put("closest_relative_difference", c.closestRelativeDifference() == null ? null
          : round(c.closestRelativeDifference()));
      o.put("strictest_basis", c.strictestBasis());
      o.put("measured_strictest", c.strictestValue());
      o.put("overstatement", c.overstatement() == null ? null : round(c.overstatement()));
      o.put("finding", c.finding());
    }
    ObjectNode count = summary.putObject("count");
    count.put("leak_date", r.leakDate() == null ? null : r.leakDate().toString());
    ArrayNode years = count.putArray("retention_years");
    config.retentionYears().forEach(years::add);
    count.put("hll_lg_k", MetricSketches.HLL_LG_K);
    count.put("theta_lg_k", MetricSketches.THETA_LG_K);
    count.put("bounds_std_devs", MetricSketches.BOUNDS_STD_DEVS);
    count.put("canonical_addresses", r.canonicalAddresses());
    stage(summary, "count", r.seconds());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  public static void stage(ObjectNode summary, String stage, double seconds) {
    ObjectNode stages = summary.has("stages") ? (ObjectNode) summary.get("stages") : summary.putObject("stages");
    stages.putObject(stage).put("seconds", Math.round(seconds * 1000) / 1000.0);
  }

  /**
   * The {@code impact} part (how many companies and countries are affected, and the top ones the report charts) and
   * the {@code retention} part (every policy's removals): the answers the example queries in {@code sql/} give.
   */
  public static void impact(ObjectNode summary, ReportData data, long companies, long countries, List<Row> policies) {
    ObjectNode impact = summary.putObject("impact");
    impact.put("companies", companies);
    impact.put("countries", countries);
    ArrayNode top = impact.putArray("top_companies");
    for (ReportData.CompanyRow c : data.topCompanies()) {
      ObjectNode o = top.addObject();
      o.put("company_id", c.companyId());
      o.put("name", c.name());
      o.put("country", c.country());
      o.put("unique_addresses", c.addresses());
      o.put("users", c.users());
      o.put("messages_raw", c.messagesRaw());
      o.put("messages_near_unique", c.messagesNearUnique());
    }
    ArrayNode topCountries = impact.putArray("top_countries");
    for (ReportData.CountryRow c : data.topCountries()) {
      ObjectNode o = topCountries.addObject();
      o.put("country", c.country());
      o.put("country_name", c.name());
      o.put("companies", c.companies());
      o.put("users", c.users());
      o.put("addresses", c.addresses());
    }
    ArrayNode rows = summary.putObject("retention").putArray("policies");
    policies.stream()
        .sorted(Comparator.comparing((Row r) -> r.<String>getAs("metric")).thenComparing(r -> r.<String>getAs("basis"))
            .thenComparing(r -> r.<Integer>getAs("retention_years")))
        .forEach(r -> {
          ObjectNode o = rows.addObject();
          o.put("metric", r.<String>getAs("metric"));
          o.put("basis", r.<String>getAs("basis"));
          o.put("retention_years", r.<Integer>getAs("retention_years"));
          o.put("cutoff", r.getAs("cutoff").toString());
          o.put("value", r.<Long>getAs("value"));
          o.put("total", r.<Long>getAs("total"));
          if (r.isNullAt(r.fieldIndex("share"))) {
            o.putNull("share");
          } else {
            o.put("share", r.<Double>getAs("share"));
          }
        });
  }

  /**
   * The {@code privacy} part: the small-count threshold applied to the published breakdowns (null counts in
   * {@code impact} and {@code retention} are hidden ones).
   */
  public static void privacy(ObjectNode summary, int k) {
    ObjectNode privacy = summary.putObject("privacy");
    privacy.put("suppress_below", k);
    privacy.put("identifiers", "pseudonymized: HMAC-SHA-256 tokens in tables/; clear only in the restricted zone");
  }
}
