package org.leakscope.bi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.leakscope.io.OutputLayout;

/** The tables of a run that BI tools read, in the order of the pipeline, with a line on what each holds. */
final class BiTables {
  private BiTables() {}

  static final Map<String, String> RUN_TABLES = runTables();

  /** Written by {@code compare} into a run (its default output), so declared in a file of its own. */
  static final String COMPARISON_ABOUT =
      "after compare: how much of one run's data is already in another, per metric and basis";

  /**
   * Aggregates and other small tables: no nested types (every BI tool reads them), one Parquet file each. The others
   * are per item, mention or entity and may be large; they keep lists where an entity has several values.
   */
  static final Set<String> SMALL = Set.of(
      OutputLayout.CLUSTER_SUMMARY, OutputLayout.THREADS, OutputLayout.NEAR_UNIQUE_BY_THRESHOLD,
      OutputLayout.METRIC_COUNTS, OutputLayout.RECONCILIATION, OutputLayout.COMPANY_IMPACT,
      OutputLayout.COMPANY_ACTIVITY, OutputLayout.COUNTRY_IMPACT, OutputLayout.RETENTION, OutputLayout.COMPARISON);

  /** The restricted zone's tables (clear values; not for BI tools), documented in docs/tables.md too. */
  static final List<String> RESTRICTED = List.of(OutputLayout.ITEMS, OutputLayout.QUARANTINE,
      OutputLayout.INGEST_MANIFEST, OutputLayout.MENTIONS, OutputLayout.USERS, OutputLayout.CLUSTER_SUMMARY,
      OutputLayout.THREADS, OutputLayout.SKETCHES);

  private static Map<String, String> runTables() {
    Map<String, String> t = new LinkedHashMap<>();
    t.put(OutputLayout.MENTIONS,
        "one row per entity mention; personal values (addresses, logins, names, phones) as keyed tokens");
    t.put(OutputLayout.COMPANIES, "one row per resolved company: names, domains, country");
    t.put(OutputLayout.USERS, "one row per resolved user (account): tokens of its logins, addresses, names; company");
    t.put(OutputLayout.ITEM_CLUSTERS, "one row per item: exact group, near-duplicate cluster, similarity, thread");
    t.put(OutputLayout.CLUSTER_SUMMARY, "one row per near-duplicate cluster of two or more items");
    t.put(OutputLayout.THREADS, "one row per conversation: messages, stored copies, inclusive messages");
    t.put(OutputLayout.NEAR_UNIQUE_BY_THRESHOLD, "near-unique items per kind at each similarity threshold");
    t.put(OutputLayout.METRIC_COUNTS, "every metric at every basis: exact value, HLL estimate, 95% bounds");
    t.put(OutputLayout.RECONCILIATION, "one row per published claim: measured at every basis, closest, strictest");
    t.put(OutputLayout.COMPANY_IMPACT, "one row per company: addresses, users, messages and documents, dates");
    t.put(OutputLayout.COMPANY_ACTIVITY, "one row per company and month: items, addresses and users mentioned");
    t.put(OutputLayout.COUNTRY_IMPACT, "one row per country: companies, users, addresses");
    t.put(OutputLayout.RETENTION, "exposed data by year, and what each retention policy would have deleted");
    return t;
  }

  /** The tables of {@code run} with their real schemas (the comparison table last, when present). */
  static List<SqlDdl.Table> read(SparkSession spark, Path run, boolean comparison) {
    List<SqlDdl.Table> tables = new ArrayList<>();
    RUN_TABLES.forEach((name, about) -> tables.add(table(spark, run, name, about)));
    if (comparison) {
      tables.add(table(spark, run, OutputLayout.COMPARISON, COMPARISON_ABOUT));
    }
    return tables;
  }

  /** The restricted zone's tables of {@code run}, named {@code restricted/<table>}. */
  static List<SqlDdl.Table> readRestricted(SparkSession spark, Path run) {
    List<SqlDdl.Table> tables = new ArrayList<>();
    for (String name : RESTRICTED) {
      String dir = "restricted/" + name;
      tables.add(new SqlDdl.Table(dir, dir, "", spark.read().parquet(run.resolve(dir).toString()).schema()));
    }
    return tables;
  }

  private static SqlDdl.Table table(SparkSession spark, Path run, String name, String about) {
    String dir = "tables/" + name;
    return new SqlDdl.Table(name, dir, about, spark.read().parquet(run.resolve(dir).toString()).schema());
  }

  /** The table directories a run holds. */
  static List<String> present(Path run) throws IOException {
    try (var dirs = Files.list(run.resolve("tables"))) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
