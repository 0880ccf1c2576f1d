package org.leakscope.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One ingest task's quarantine and manifest rows, spooled to a JSON Lines file beside the job while the task's
 * items stream to the {@code items} writer. The small tables are then written from the spool, so the one parse of
 * the dump feeds all three tables without caching the dump's text anywhere.
 *
 * <p>Each attempt writes a hidden {@code _part-N.attempt-A.tmp} file and renames it to {@code part-N.jsonl} only
 * when the whole task's input was read. A retried or speculative attempt writes the same rows (the parse is
 * deterministic), so when {@code part-N.jsonl} is already there the attempt keeps it and drops its own copy. Only
 * non-null columns are written; every value is a string or a long (the small tables' types), and anything else is
 * a programming error that fails the task. Non-ASCII characters are escaped, so a lone surrogate in a file name
 * survives the round trip as it would in a Spark string.
 */
public final class BookkeepingSpool implements Closeable {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

  private final StructType schema;
  private final FileSystem fs;
  private final Path tmp;
  private final Path done;
  private final JsonGenerator out;
  private long rows;
  private boolean committed;

  private BookkeepingSpool(StructType schema, FileSystem fs, Path tmp, Path done) throws IOException {
    this.schema = schema;
    this.fs = fs;
    this.tmp = tmp;
    this.done = done;
    this.out = JSON.createGenerator((OutputStream) fs.create(tmp, true), JsonEncoding.UTF8);
    out.setRootValueSeparator(null);
  }

  /** Opens the spool of task {@code partition}, attempt {@code attempt}, under {@code dir}. */
  public static BookkeepingSpool open(StructType schema, Configuration conf, String dir, int partition, int attempt) {
    Path base = new Path(dir);
    try {
      return new BookkeepingSpool(
          schema, base.getFileSystem(conf), new Path(base, "_part-" + partition + ".attempt-" + attempt + ".tmp"),
          new Path(base, partFile(partition)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the ingest spool under " + dir, e);
    }
  }

  /** The name of a committed spool file. */
  public static String partFile(int partition) {
    return String.format("part-%05d.jsonl", partition);
  }

  /** Appends one row of {@code schema} (null columns are left out). */
  public void write(Row row) {
    try {
      out.writeStartObject();
      StructField[] fields = schema.fields();
      for (int i = 0; i < fields.length; i++) {
        Object v = row.get(i);
        if (v == null) {
          continue;
        }
        out.writeFieldName(fields[i].name());
        if (v instanceof String s) {
          out.writeString(s);
        } else if (v instanceof Long l) {
          out.writeNumber(l);
        } else {
          throw new IllegalArgumentException(
              "column " + fields[i].name() + " holds a " + v.getClass().getName() + "; the spool takes strings and "
                  + "longs only");
        }
      }
      out.writeEndObject();
      out.writeRaw('\n');
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ingest spool " + tmp, e);
    }
  }

  public long rows() {
    return rows;
  }

  /** Closes the file and publishes it as {@code part-N.jsonl}; call once the task's whole input was read. */
  public void commit() {
    try {
      out.close();
      if (!fs.rename(tmp, done)) {
        if (!fs.exists(done)) {
          throw new IOException("rename " + tmp + " -> " + done + " failed");
        }
        fs.delete(tmp, false); // another attempt of the same task committed the same rows first
      }
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the ingest spool " + done, e);
    }
  }

  /** Without a commit, drops the attempt's file (a failed or killed task leaves no rows behind). */
  @Override
  public void close() {
    if (committed) {
      return;
    }
    try {
      out.close();
      fs.delete(tmp, false);
    } catch (IOException e) {
      // A leftover hidden attempt file is never read (readers skip names starting with '_').
    }
  }
}
