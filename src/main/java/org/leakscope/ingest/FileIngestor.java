package org.leakscope.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.leakscope.ingest.archive.ArchiveBudget;

/** Ingests one input file on an executor: every unit becomes an item or quarantine row, then one manifest row. */
public final class FileIngestor {
  private FileIngestor() {}

  public static void ingest(FileTask task, Limits limits, Configuration conf, Consumer<Row> out) {
    Units units = new Units(task.uri(), task.path(), out);
    ArchiveBudget budget = new ArchiveBudget(limits);
    Dispatcher dispatcher = new Dispatcher(limits, units, budget);
    Path path = new Path(task.uri());
    InputStream raw;
    try {
      FileSystem fs = path.getFileSystem(conf);
      // Leaked trees have no Hadoop .crc side files; the raw local file system skips looking for them.
      raw = fs instanceof LocalFileSystem local ? local.getRaw().open(path) : fs.open(path);
    } catch (IOException e) {
      units.quarantine("", Reason.IO_ERROR, "cannot open: " + Units.describe(e), task.size(), null);
      units.manifest(task.size(), Format.UNSUPPORTED);
      return;
    }
    try (InputStream in =
        new BufferedInputStream(budget.countRaw(StorageException.marking(raw)), 2 * Sniffer.HEAD_BYTES)) {
      dispatcher.dispatch(in, task.path(), "", task.size(), 0);
    } catch (StreamStopped stopped) {
      // Recorded where it happened.
    } catch (IOException e) {
      // Only close() can get here; every unit is already recorded.
    }
    Format format = dispatcher.topFormat();
    units.manifest(task.size(), format == null ? Format.UNSUPPORTED : format);
  }
}
