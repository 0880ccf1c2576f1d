package org.leakscope.io;

import org.apache.spark.sql.SparkSession;

/**
 * How every table is written, set on the session by each stage before it writes: timestamps as Parquet
 * {@code TIMESTAMP(MICROS, UTC)} — the logical type that DuckDB, Trino, Athena and BI tools read as a timestamp —
 * instead of Spark's default, the deprecated INT96; Snappy compression; and, when the run's output or restricted zone
 * is on S3A, an S3A committer instead of the rename-based one ({@link Committers}). All are output-only settings: they
 * change nothing a stage computes.
 */
public final class TableFormat {
  static final String TIMESTAMP_TYPE = "spark.sql.parquet.outputTimestampType";
  public static final String COMPRESSION = "spark.sql.parquet.compression.codec";

  private TableFormat() {}

  public static void apply(SparkSession spark, OutputLayout out) {
    spark.conf().set(TIMESTAMP_TYPE, "TIMESTAMP_MICROS");
    spark.conf().set(COMPRESSION, "snappy");
    Committers.apply(spark, out.root(), out.restrictedRoot());
  }
}
