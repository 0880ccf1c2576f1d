package org.leakscope.common;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes intermediate data to Parquet and reads it back: computed once however often it is read afterwards, and a
 * short lineage (a lost executor recomputes from the file, not from the start).
 */
public final class Materialize {
  private Materialize() {}

  /**
   * The data written to {@code path} and read back with the schema it was written with: Spark does not run a job to
   * read the schema back from the files' footers (one per saved table, and a resolution saves many small ones), and
   * a table with no rows reads back the same.
   */
  public static Dataset<Row> at(SparkSession spark, Dataset<Row> data, String path) {
    data.write().mode(SaveMode.Overwrite).parquet(path);
    return spark.read().schema(data.schema()).parquet(path);
  }
}
