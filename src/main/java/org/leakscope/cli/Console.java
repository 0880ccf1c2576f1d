package org.leakscope.cli;

import java.util.Map;
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


  private static void row(StringBuilder sb, String label, long value) {
    sb.append(String.format("  %-22s %,15d%n", label, value));
  }
}
