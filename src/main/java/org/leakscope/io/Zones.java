package org.leakscope.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Operations on a run's zones. */
public final class Zones {
  private Zones() {}

  /** Deletes the restricted zone (after a run, once the BI tables are written); its absence is not an error. */
  public static void drop(SparkSession spark, OutputLayout out) {
    Path zone = new Path(out.restrictedRoot());
    try {
      FileSystem fs = zone.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(zone) && !fs.delete(zone, true)) {
        throw new IOException("the file system refused to delete it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot drop the restricted zone at " + zone + ": " + e.getMessage(), e);
    }
  }
}
