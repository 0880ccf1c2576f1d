package org.leakscope.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * A small table as one CSV file ({@code exports/<table>.csv}): UTF-8, a header row, RFC 4180 quoting (a quote inside
 * a value is doubled), ISO dates, empty cells for nulls. Spark writes it into a directory beside the target; its one
 * part file is then moved into place.
 */
public final class CsvExport {
  private CsvExport() {}

  public static void write(Dataset<Row> table, String target) {
    String staging = target + ".tmp";
    table.coalesce(1).write().mode(SaveMode.Overwrite)
        .option("header", "true")
        .option("encoding", "UTF-8")
        .option("quote", "\"")
        .option("escape", "\"")
        .option("lineSep", "\n")
        .option("dateFormat", "yyyy-MM-dd")
        .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss'Z'")
        .option("emptyValue", "\"\"")
        .csv(staging);
    Path dir = new Path(staging);
    Path file = new Path(target);
    try {
      FileSystem fs = dir.getFileSystem(table.sparkSession().sparkContext().hadoopConfiguration());
      Path part = null;
      for (FileStatus s : fs.listStatus(dir)) {
        if (s.getPath().getName().startsWith("part-")) {
          part = s.getPath();
        }
      }
      fs.delete(file, false);
      fs.mkdirs(file.getParent());
      if (part == null) {
        throw new IOException("Spark wrote no part file for " + target);
      }
      if (!fs.rename(part, file)) {
        throw new IOException("cannot move " + part + " to " + file);
      }
      fs.delete(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }
}
