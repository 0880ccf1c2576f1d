package org.leakscope.io;

/** Where a run's outputs live under its output directory (the layout is a contract, see ARCHITECTURE.md). */
public record OutputLayout(String root) {
  public static final String ITEMS = "items";
  public static final String QUARANTINE = "quarantine";
  public static final String INGEST_MANIFEST = "ingest_manifest";

  public OutputLayout {
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String table(String name) {
    return root + "/tables/" + name;
  }

  public String report() {
    return root + "/report";
  }

  public String summaryJson() {
    return report() + "/summary.json";
  }
}
