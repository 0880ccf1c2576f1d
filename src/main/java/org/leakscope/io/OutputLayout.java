package org.leakscope.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a run's outputs live (the layout is a contract, see ARCHITECTURE.md and docs/privacy.md). Two zones:
 * {@code tables/} is BI-facing (aggregates and pseudonymized identifiers only); {@code restricted/} holds leaked
 * content and personal identifiers in clear, the stages' working data. The restricted zone defaults to
 * {@code <root>/restricted} and can be placed elsewhere; the place is remembered in {@code <root>/restricted.location}
 * so that later stages, run alone, find it.
 *
 * @param root           the run's output directory
 * @param restrictedRoot the restricted zone
 */
public record OutputLayout(String root, String restrictedRoot) {
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

  /** The file under the output root that records where the restricted zone was placed. */
  public static final String LOCATION_FILE = "restricted.location";

  public OutputLayout {
    root = trim(root);
    restrictedRoot = trim(restrictedRoot == null ? root + "/restricted" : restrictedRoot);
  }

  /** The default layout: the restricted zone inside the output directory. */
  public OutputLayout(String root) {
    this(root, null);
  }

  /**
   * The layout of an existing or new run: the restricted zone at {@code restricted} when given (and remembered for
   * later stages), otherwise where an earlier stage placed it, otherwise {@code <root>/restricted}.
   */
  public static OutputLayout open(String root, String restricted, Configuration conf) {
    Path location = new Path(trim(root) + "/" + LOCATION_FILE);
    try {
      FileSystem fs = location.getFileSystem(conf);
      if (restricted != null && !restricted.isBlank()) {
        OutputLayout layout = new OutputLayout(root, restricted);
        try (FSDataOutputStream o = fs.create(location, true)) {
          o.write((layout.restrictedRoot() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return layout;
      }
      if (fs.exists(location)) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(location), StandardCharsets.UTF_8))) {
          String line = r.readLine();
          if (line == null || line.isBlank()) {
            throw new IllegalStateException(location + " is empty: it should name the restricted zone's location");
          }
          return new OutputLayout(root, line.strip());
        }
      }
      return new OutputLayout(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + location + ": " + e.getMessage(), e);
    }
  }

  /** A BI-facing table: aggregates and pseudonymized identifiers. */
  public String table(String name) {
    return root + "/tables/" + name;
  }

  /** A table of the restricted zone: leaked content or personal identifiers in clear. */
  public String restricted(String name) {
    return restrictedRoot + "/" + name;
  }

  /**
   * The path of a restricted table a stage reads, or a clear error (see {@link #requireTable}).
   */
  public String requireRestricted(String name, String writtenBy, Configuration conf) {
    return requireTable(restricted(name), name, writtenBy, conf);
  }

  /**
   * A table a stage reads, checked whole: it must exist and carry the {@code _SUCCESS} marker its writing job
   * leaves when it commits. Otherwise the error says why: the stage that writes it has not run, was interrupted
   * (resume by running that stage again), or the restricted zone was dropped.
   */
  public static String requireTable(String uri, String name, String writtenBy, Configuration conf) {
    Path p = new Path(uri);
    try {
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new IllegalStateException("no " + name + " table at " + p + ": run " + writtenBy
            + " on this output first (or run, which does every stage); if the run used --drop-restricted, run "
            + "again from the dump");
      }
      if (!fs.exists(new Path(p, "_SUCCESS"))) {
        throw new IllegalStateException("the " + name + " table at " + p + " is incomplete (no _SUCCESS: the "
            + writtenBy + " stage that writes it was interrupted): run " + writtenBy + " on this output again");
      }
      return p.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  /** Intermediate data of a stage (restricted: it holds clear values), deleted when the stage ends. */
  public String work(String stage) {
    return restrictedRoot + "/_work/" + stage;
  }

  /** The pseudonymization key generated for a run that was given none. */
  public String generatedKey() {
    return restrictedRoot + "/pseudonym.key";
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

  /** {@code exports/<table>.csv}: published aggregates, with small counts suppressed. */
  public String export(String table) {
    return root + "/exports/" + table + ".csv";
  }

  /** {@code restricted/exports/<name>.csv}: exports that list leaked content or identifiers. */
  public String restrictedExport(String name) {
    return restrictedRoot + "/exports/" + name + ".csv";
  }

  private static String trim(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
