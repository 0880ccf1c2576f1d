package org.leakscope.common;

import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Spark settings a session that leakscope builds gets unless spark-submit (or a system property, which is how
 * spark-submit passes them) sets them: the CLI's sessions and the benchmarks' sessions run the same way.
 */
public final class SessionDefaults {
  /**
   * Timestamps print the same on every machine. Every shuffle writes one sorted file per map task: Spark's default
   * writes one file per reduce partition (200) from every map task of a small shuffle, and the stages' many small
   * shuffles (resolution, clustering, counts) spent more time creating those files than moving data (extract at
   * scale 2: 47 s → 40 s; docs/cluster.md). A task writing a table partitioned by a column of few values (extract's
   * mentions by entity type) keeps one file open per value instead of sorting its rows by that column first; past
   * 16 values it falls back to sorting.
   */
  public static final Map<String, String> SETTINGS = Map.of(
      "spark.sql.session.timeZone", "UTC",
      "spark.shuffle.sort.bypassMergeThreshold", "0",
      "spark.sql.maxConcurrentOutputFileWriters", "16");

  private SessionDefaults() {}

  /** {@code builder} with each setting: its system property's value if there is one, else the default. */
  public static SparkSession.Builder apply(SparkSession.Builder builder) {
    SETTINGS.forEach((key, value) -> builder.config(key, System.getProperty(key, value)));
    return builder;
  }
}
