package org.leakscope.io;

/** Where a run's outputs live under its output directory (the layout is a contract, see ARCHITECTURE.md). */
public record OutputLayout(String root) {
  public static final String ITEMS = "items";
  public static final String QUARANTINE = "quarantine";
  public static final String INGEST_MANIFEST = "ingest_manifest";
  public static final String ITEM_CLUSTERS = "item_clusters";
  public static final String CLUSTER_SUMMARY = "cluster_summary";
  public static final String NEAR_UNIQUE_BY_THRESHOLD = "near_unique_by_threshold";
  public static final String THREADS = "threads";
  public static final String MENTIONS = "mentions";
  public static final String COMPANIES = "companies";
  public static final String USERS = "users";
  public static final String METRIC_COUNTS = "metric_counts";
  public static final String SKETCHES = "sketches";
  public static final String RECONCILIATION = "reconciliation";
  public static final String COMPANY_IMPACT = "company_impact";
  public static final String COMPANY_ACTIVITY = "company_activity";
  public static final String COUNTRY_IMPACT = "country_impact";
  public static final String RETENTION = "retention";
  public static final String COMPARISON = "comparison";

  public OutputLayout {
    root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  public String table(String name) {
    return root + "/tables/" + name;
  }

  /** Intermediate data of a stage, deleted when the stage ends. */
  public String work(String stage) {
    return root + "/_work/" + stage;
  }

  public String report() {
    return root + "/report";
  }

  public String summaryJson() {
    return report() + "/summary.json";
  }

  public String reportHtml() {
    return report() + "/index.html";
  }

  /** {@code exports/<table>.csv}. */
  public String export(String table) {
    return root + "/exports/" + table + ".csv";
  }
}
