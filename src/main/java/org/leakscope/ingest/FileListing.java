package org.leakscope.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the input's files on the driver (through the Hadoop FileSystem, so {@code file:}, {@code hdfs:} and
 * {@code s3a:} alike, recursively, hidden files included: a leaked {@code .DS_Store} is a unit too) and packs them into
 * balanced groups of roughly equal bytes, deterministically from the sorted listing.
 */
public final class FileListing {
  private static final Logger LOG = LoggerFactory.getLogger(FileListing.class);

  private FileListing() {}

  /** Every file under {@code input}, sorted by relative path. */
  public static List<FileTask> list(String input, Configuration conf) {
    try {
      Path root = new Path(input);
      FileSystem fs = root.getFileSystem(conf);
      FileStatus status = fs.getFileStatus(root);
      List<FileTask> files = new ArrayList<>();
      if (status.isFile()) {
        files.add(new FileTask(status.getPath().toString(), status.getPath().getName(), status.getLen()));
        return files;
      }
      String prefix = status.getPath().toUri().getPath();
      prefix = prefix.endsWith("/") ? prefix : prefix + "/";
      if (fs instanceof LocalFileSystem) {
        walk(fs, status.getPath(), prefix, files);
      } else {
        // Object stores list a whole tree in a few flat requests.
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
        while (it.hasNext()) {
          add(files, it.next(), prefix);
        }
      }
      files.sort(Comparator.comparing(FileTask::path));
      return files;
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException("input does not exist: " + input, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list input " + input + ": " + e.getMessage(), e);
    }
  }

  /**
   * A local tree, walked with one {@code stat} per entry: Hadoop's local listing makes several calls per file, which
   * on a tree of small messages took seconds. Links are followed as Hadoop follows them; a link that loops back to a
   * directory being walked is skipped (its files are listed under the real directory). Paths are built as Hadoop's
   * listing builds them, so the file URIs are the same either way.
   */
  private static void walk(FileSystem fs, Path dir, String prefix, List<FileTask> files) throws IOException {
    java.io.File base = ((LocalFileSystem) fs).pathToFile(dir);
    Files.walkFileTree(
        base.toPath(),
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          private final Deque<Path> dirs = new ArrayDeque<>();

          @Override
          public FileVisitResult preVisitDirectory(java.nio.file.Path d, BasicFileAttributes attrs) {
            dirs.push(dirs.isEmpty() ? dir : child(dirs.peek(), d));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(java.nio.file.Path d, IOException e) throws IOException {
            dirs.pop();
            if (e != null) {
              throw e;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(java.nio.file.Path f, BasicFileAttributes attrs) {
            Path p = child(dirs.peek(), f);
            String path = p.toUri().getPath();
            String relative = path.startsWith(prefix) ? path.substring(prefix.length()) : p.getName();
            files.add(new FileTask(p.toString(), relative, attrs.size()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(java.nio.file.Path f, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
              LOG.warn("skipping {}: a link back to a directory already being listed", f);
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  private static Path child(Path parent, java.nio.file.Path entry) {
    return new Path(parent, new Path(null, null, entry.getFileName().toString()));
  }

  private static void add(List<FileTask> files, FileStatus f, String prefix) {
    String p = f.getPath().toUri().getPath();
    String relative = p.startsWith(prefix) ? p.substring(prefix.length()) : f.getPath().getName();
    files.add(new FileTask(f.getPath().toString(), relative, f.getLen()));
  }

  /**
   * Packs files into at most {@code maxGroups} groups of about {@code targetBytes} each (largest first, each to the
   * lightest group; ties broken by path), so that one huge mbox does not share a task with everything else. The
   * number of groups is a multiple of {@code parallelism} (the cores that run them) where the limits allow: three
   * tasks on two cores take two task-times with one core idle for one, four smaller ones take two with none idle.
   * The tables written one file per task are read back as evenly.
   */
  public static List<List<FileTask>> pack(List<FileTask> files, long targetBytes, int parallelism, int maxGroups) {
    long total = 0;
    for (FileTask f : files) {
      total += Math.max(f.size(), 1);
    }
    long bySize = (total + targetBytes - 1) / targetBytes;
    long waves = (Math.max(bySize, 1) + parallelism - 1) / parallelism;
    int groups = (int) Math.min(maxGroups, waves * parallelism);
    groups = Math.max(1, Math.min(groups, Math.max(files.size(), 1)));
    List<List<FileTask>> out = new ArrayList<>(groups);
    long[] load = new long[groups];
    for (int i = 0; i < groups; i++) {
      out.add(new ArrayList<>());
    }
    List<FileTask> largestFirst = new ArrayList<>(files);
    largestFirst.sort(Comparator.comparingLong(FileTask::size).reversed().thenComparing(FileTask::path));
    for (FileTask f : largestFirst) {
      int lightest = 0;
      for (int i = 1; i < groups; i++) {
        if (load[i] < load[lightest]) {
          lightest = i;
        }
      }
      out.get(lightest).add(f);
      load[lightest] += Math.max(f.size(), 1) + 4096; // per-file overhead, so many tiny files spread out too
    }
    return out;
  }
}
