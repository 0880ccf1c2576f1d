package org.leakscope.ingest;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.leakscope.ingest.archive.ArchiveBudget;

/**
 * Ingests input files on an executor, one after another: every unit becomes an item or quarantine row, then one
 * manifest row per file. One instance serves one task; it keeps the readers and the file systems between files.
 */
public final class FileIngestor {
  private final Readers readers;
  private final Limits limits;
  private final Configuration conf;
  private final Map<String, FileSystem> fileSystems = new HashMap<>();

  public FileIngestor(Limits limits, Configuration conf) {
    this.readers = Readers.of(limits);
    this.limits = limits;
    this.conf = conf;
  }

  public void ingest(FileTask task, Consumer<Row> out) {
    Units units = new Units(task.uri(), task.path(), out);
    ArchiveBudget budget = new ArchiveBudget(limits);
    Dispatcher dispatcher = new Dispatcher(readers, units, budget);
    InputStream raw;
    try {
      raw = open(new Path(task.uri()));
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

  /**
   * Local files are opened directly: leaked trees have no Hadoop {@code .crc} side files to check, and Hadoop's local
   * streams would add a status call and a 64 KB buffer per file, which on a tree of small messages cost more than
   * reading them.
   */
  private InputStream open(Path path) throws IOException {
    URI uri = path.toUri();
    String key = uri.getScheme() + "://" + uri.getAuthority();
    FileSystem fs = fileSystems.get(key);
    if (fs == null) {
      fs = path.getFileSystem(conf);
      fileSystems.put(key, fs);
    }
    return fs instanceof LocalFileSystem local ? new FileInputStream(local.pathToFile(path)) : fs.open(path);
  }
}
