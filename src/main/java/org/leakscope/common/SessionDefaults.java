package org.leakscope.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.leakscope.io.NioLocalFileSystem;

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

  /**
   * The local file system of an embedded Spark: Hadoop's own, but without a {@code chmod} process for every file
   * and directory written ({@link NioLocalFileSystem}). Only for local masters, where the driver's classpath is
   * the executors': a cluster's executors load the job jar in a class loader of their own, and their Hadoop may
   * have its native library anyway.
   */
  public static final String LOCAL_FILE_SYSTEM = "spark.hadoop.fs.file.impl";

  private static final Pattern LOCAL_MASTER = Pattern.compile("local(\\[[^\\]]*\\])?");

  private SessionDefaults() {}

  /**
   * {@code builder} with each setting: its system property's value if there is one, else the default; on a local
   * master (spark-submit's, or the one jobs/leakscope sets, both system properties) the local file system too.
   */
  public static SparkSession.Builder apply(SparkSession.Builder builder) {
    return apply(builder, null);
  }

  /** As {@link #apply(SparkSession.Builder)}, for a session built on {@code master} (null: the system property's). */
  public static SparkSession.Builder apply(SparkSession.Builder builder, String master) {
    settings(master).forEach(builder::config);
    return builder;
  }

  /** The settings a session on {@code master} gets (null: the system property's master). */
  public static Map<String, String> settings(String master) {
    Map<String, String> settings = new LinkedHashMap<>();
    SETTINGS.forEach((key, value) -> settings.put(key, System.getProperty(key, value)));
    if (isLocal(master != null ? master : System.getProperty("spark.master"))) {
      settings.put(LOCAL_FILE_SYSTEM, System.getProperty(LOCAL_FILE_SYSTEM, NioLocalFileSystem.class.getName()));
    }
    return settings;
  }

  /** Whether {@code master} runs the executors in this JVM: local, local[4], local[*], local[4,2]. */
  public static boolean isLocal(String master) {
    return master != null && LOCAL_MASTER.matcher(master.trim()).matches();
  }
}
