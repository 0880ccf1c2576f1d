package org.leakscope.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
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

  public static void stage(ObjectNode summary, String stage, double seconds) {
    ObjectNode stages = summary.has("stages") ? (ObjectNode) summary.get("stages") : summary.putObject("stages");
    stages.putObject(stage).put("seconds", Math.round(seconds * 1000) / 1000.0);
  }
}
