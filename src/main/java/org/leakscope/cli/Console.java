package org.leakscope.cli;

import java.util.Map;
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

  private static void row(StringBuilder sb, String label, long value) {
    sb.append(String.format("  %-22s %,15d%n", label, value));
  }
}
