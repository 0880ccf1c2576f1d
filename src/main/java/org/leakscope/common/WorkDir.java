package org.leakscope.common;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A stage's working data under {@code OUT/_work/<stage>}, deleted when the stage ends. */
public final class WorkDir {
  private static final Logger LOG = LoggerFactory.getLogger(WorkDir.class);

  private WorkDir() {}

  /** Best effort: leftover working data is harmless (the next run overwrites it), so it is reported, not thrown. */
  public static void delete(SparkSession spark, String uri, String stage) {
    Path work = new Path(uri);
    try {
      FileSystem fs = work.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(work, true);
    } catch (IOException e) {
      LOG.warn("cannot delete the {} stage's working data at {}: {}", stage, work, e.toString());
    }
  }
}
