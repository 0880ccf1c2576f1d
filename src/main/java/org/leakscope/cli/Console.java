package org.leakscope.cli;

import java.util.List;
import java.util.Map;
import org.leakscope.count.CompareJob;
import org.leakscope.count.CountResult;
import org.leakscope.count.Reconciliation;
import org.leakscope.dedup.DedupResult;
import org.leakscope.extract.ExtractJob;
import org.leakscope.extract.ExtractResult;
import org.leakscope.ingest.IngestResult;

/** The short plain-text tables printed at the end of a command. */
final class Console {
  private Console() {}

  static String ingest(IngestResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("ingest  %.1f s%n", r.seconds()));
    row(sb, "files", r.files());
    row(sb, "bytes", r.bytes());
    row(sb, "units found", r.units());
    row(sb, "items", r.items());
    for (Map.Entry<String, Long> e : r.itemsByKind().entrySet()) {
      row(sb, "  " + e.getKey(), e.getValue());
    }
    row(sb, "quarantined", r.quarantined());
    for (Map.Entry<String, Long> e : r.quarantineByReason().entrySet()) {
      row(sb, "  " + e.getKey(), e.getValue());
    }
    return sb.toString().stripTrailing();
  }

  static String dedup(DedupResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("dedup  %.1f s  (LSH %d bands x %d rows, %,d candidate pairs)%n", r.seconds(),
        r.lsh().bands(), r.lsh().rows(), r.candidatePairs()));
    sb.append(String.format("  %-22s %15s %15s %15s%n", "kind", "raw", "exact_unique", "near_unique"));
    for (String kind : r.byKind().keySet()) {
      sb.append(String.format("  %-22s %,15d %,15d %,15d%n", kind, r.count(kind, "raw"), r.count(kind, "exact_unique"),
          r.count(kind, "near_unique")));
    }
    sb.append(String.format("  %-22s %,15d%n", "threads", r.count("email", "threads")));
    return sb.toString().stripTrailing();
  }

  static String extract(ExtractResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("extract  %.1f s%n", r.seconds()));
    sb.append(String.format("  %-16s %12s %12s %12s %12s %10s%n", "metric", "raw", "distinct_raw",
        "normalized", "resolved", "rejected"));
    ExtractJob.METRICS.forEach((type, metric) -> {
      Map<String, Long> bases = r.metrics().getOrDefault(metric, Map.of());
      sb.append(String.format("  %-16s %,12d %,12d %,12d %12s %,10d%n", metric,
          bases.getOrDefault("raw", 0L), bases.getOrDefault("distinct_raw", 0L),
          bases.getOrDefault("distinct_normalized", 0L),
          bases.containsKey("resolved") ? String.format("%,d", bases.get("resolved")) : "",
          r.rejected().getOrDefault(type, 0L)));
    });
    sb.append(String.format("  companies in %,d countries", r.companyCountries()));
    return sb.toString();
  }

  /** The run's numbers: every metric at every basis, then the claims' findings. */
  static String count(CountResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("count  %.1f s%n", r.seconds()));
    sb.append(String.format("  %-22s %-20s %15s %27s%n", "metric", "basis", "value", "estimate (95% bounds)"));
    r.metrics().forEach((metric, bases) -> bases.forEach((basis, v) ->
        sb.append(String.format("  %-22s %-20s %,15d %,11.0f (%,.0f–%,.0f)%n", metric, basis, v.value(),
            v.estimate(), v.lower95(), v.upper95()))));
    for (Reconciliation.Reconciled c : r.claims()) {
      sb.append(String.format("claim  %s, %s: %s%n  %s%n", c.claim().claimant(), c.claim().date(),
          c.claim().claimed() == null ? "no number" : String.format("%,d %s", c.claim().claimed(), c.claim().metric()),
          c.finding()));
    }
    return sb.toString().stripTrailing();
  }

  /** Per metric and basis: each side, the overlap, and the share of the right run already in the left. */
  static String compare(List<CompareJob.Overlap> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("  %-22s %-20s %12s %12s %12s %24s%n", "metric", "basis", "left", "right", "both",
        "right in left (95%)"));
    for (CompareJob.Overlap r : rows) {
      String share = r.rightInLeftShare() == null ? "" : String.format("%5.1f%% (%.1f–%.1f%%)",
          100 * r.rightInLeftShare(), 100 * r.rightInLeftLower95(), 100 * r.rightInLeftUpper95());
      sb.append(String.format("  %-22s %-20s %,12d %,12d %,12.0f %24s%n", r.metric(), r.basis(), r.leftValue(),
          r.rightValue(), r.intersectionEstimate(), share));
    }
    return sb.toString().stripTrailing();
  }

  private static void row(StringBuilder sb, String label, long value) {
    sb.append(String.format("  %-22s %,15d%n", label, value));
  }
}
