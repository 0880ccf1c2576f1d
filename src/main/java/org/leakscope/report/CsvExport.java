package org.leakscope.report;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * A small table as one CSV file ({@code exports/<table>.csv}): UTF-8, a header row, RFC 4180 quoting (a quote inside
 * a value is doubled), ISO dates, empty cells for nulls, text that a spreadsheet would run as a formula guarded
 * ({@link #spreadsheetSafe}). Spark writes it into a directory beside the target; its one
 * part file is then moved into place.
 */
public final class CsvExport {
  private CsvExport() {}

  /**
   * A text cell that a spreadsheet would take for a formula (or a cell that starts a new line or a tab): OWASP's
   * list for CSV injection.
   */
  static final String FORMULA_START = "^[=+\\-@\t\r\n]";

  /** What is put before such a cell so that a spreadsheet shows it as text. */
  static final String GUARD = "'";

  public static void write(Dataset<Row> table, String target) {
    String staging = target + ".tmp";
    spreadsheetSafe(table).coalesce(1).write().mode(SaveMode.Overwrite)
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

  /**
   * Every text column with {@link #GUARD} before any value that starts like a formula ({@code =}, {@code +},
   * {@code -}, {@code @}, tab, CR, LF), so that no cell of an export runs in a spreadsheet. Numbers stay numbers (a
   * negative number is a number, not a formula). Readers that want the value back remove one leading {@code '}
   * before such a character (the notebooks do).
   */
  static Dataset<Row> spreadsheetSafe(Dataset<Row> table) {
    Column[] columns = new Column[table.schema().size()];
    for (int i = 0; i < columns.length; i++) {
      StructField f = table.schema().fields()[i];
      Column c = table.col(f.name());
      columns[i] = f.dataType().equals(DataTypes.StringType)
          ? when(c.rlike(FORMULA_START), concat(lit(GUARD), c)).otherwise(c).as(f.name())
          : c;
    }
    return table.select(columns);
  }
}
