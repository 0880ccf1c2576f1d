package org.leakscope.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Operations on a run's zones. */
public final class Zones {
  private Zones() {}

  /** What a run writes in its restricted zone (the generated key aside, which a re-run keeps). */
  private static final List<String> RESTRICTED_OUTPUTS = List.of(OutputLayout.ITEMS, OutputLayout.QUARANTINE,
      OutputLayout.INGEST_MANIFEST, OutputLayout.MENTIONS, OutputLayout.USERS, OutputLayout.CLUSTER_SUMMARY,
      OutputLayout.THREADS, OutputLayout.SKETCHES, "exports", "_work");

  /**
   * Before a whole run into an existing output: removes what an earlier run (or an interrupted one, or an older
   * version of leakscope) left — every table, export and report, and the restricted zone's tables — so that the new
   * run's output holds nothing else. The generated key stays (a re-run gives the same tokens); files in the output
   * that leakscope does not write are not touched.
   */
  public static void clearForRun(SparkSession spark, OutputLayout out) {
    List<Path> paths = new ArrayList<>();
    for (String dir : List.of("tables", "exports", "report", "_work")) {
      paths.add(new Path(out.root() + "/" + dir));
    }
    RESTRICTED_OUTPUTS.forEach(name -> paths.add(new Path(out.restricted(name))));
    paths.forEach(p -> delete(spark, p, "clear " + p + " before the run"));
  }

  /** Deletes the restricted zone (after a run, once the BI tables are written); its absence is not an error. */
  public static void drop(SparkSession spark, OutputLayout out) {
    delete(spark, new Path(out.restrictedRoot()), "drop the restricted zone at " + out.restrictedRoot());
  }

  /** Deletes a file or directory tree if it exists; an error says what could not be done ({@code what}). */
  private static void delete(SparkSession spark, Path p, String what) {
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (fs.exists(p) && !fs.delete(p, true)) {
        throw new IOException("the file system refused to delete it");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
