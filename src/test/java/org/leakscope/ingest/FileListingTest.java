package org.leakscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileListingTest {
  private static final long MB = 1_000_000;

  @Test
  void groupsComeInWholeWavesOfTheCoresAndHoldEveryFileOnce() {
    List<FileTask> files = files(197, 1 * MB); // 197 MB: 4 tasks of 64 MB by size
    List<List<FileTask>> groups = FileListing.pack(files, 64 * MB, 2, 100_000);
    assertEquals(4, groups.size(), "4 groups by size, already a multiple of 2 cores");
    assertEquals(6, FileListing.pack(files, 64 * MB, 3, 100_000).size(), "4 rounded up to whole waves of 3");
    assertEquals(files.size(), groups.stream().mapToInt(List::size).sum());
    assertEquals(files.stream().map(FileTask::path).sorted().toList(),
        groups.stream().flatMap(List::stream).map(FileTask::path).sorted().toList());
    long min = groups.stream().mapToLong(FileListingTest::bytes).min().orElseThrow();
    long max = groups.stream().mapToLong(FileListingTest::bytes).max().orElseThrow();
    assertTrue(max - min <= MB, "balanced within one file: " + min + ".." + max);
  }

  @Test
  void limitsBoundTheGroups() {
    assertEquals(1, FileListing.pack(files(1, 10), 64 * MB, 8, 100_000).size(), "never more groups than files");
    assertEquals(5, FileListing.pack(files(100, 10 * MB), 64 * MB, 2, 5).size(), "never more than the maximum");
    assertEquals(List.of(List.of()), FileListing.pack(List.of(), 64 * MB, 2, 100_000), "no files: one empty group");
  }

  @Test
  void theGroupsDoNotDependOnTheListingOrder() {
    List<FileTask> files = files(300, 0);
    Random r = new Random(7);
    List<FileTask> shuffled = new ArrayList<>(files);
    Collections.shuffle(shuffled, r);
    assertEquals(FileListing.pack(files, 64 * MB, 2, 100_000), FileListing.pack(shuffled, 64 * MB, 2, 100_000));
  }

  @Test
  void theLocalWalkListsWhatHadoopListsWithTheSameUris(@TempDir Path dir) throws IOException {
    write(dir.resolve(".DS_Store"), "junk");
    write(dir.resolve("a b/msg 1.eml"), "From: a@b.c");
    write(dir.resolve("a b/deeper/x%41y"), "percent in a name");
    write(dir.resolve("ünïcode/ß.csv"), "a,b");
    write(dir.resolve("empty"), "");
    Files.createDirectories(dir.resolve("no files here"));
    Configuration conf = new Configuration();
    List<FileTask> walked = FileListing.list(dir.toString(), conf);

    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toString());
    FileSystem raw = FileSystem.getLocal(conf).getRaw();
    String prefix = raw.getFileStatus(root).getPath().toUri().getPath() + "/";
    List<FileTask> hadoop = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = raw.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus f = it.next();
      String p = f.getPath().toUri().getPath();
      hadoop.add(new FileTask(f.getPath().toString(), p.substring(prefix.length()), f.getLen()));
    }
    hadoop.sort(java.util.Comparator.comparing(FileTask::path));
    assertEquals(hadoop, walked);
    assertEquals(List.of(".DS_Store", "a b/deeper/x%41y", "a b/msg 1.eml", "empty", "ünïcode/ß.csv"),
        walked.stream().map(FileTask::path).toList());
  }

  @Test
  void linksAreFollowedAndALoopIsListedOnce(@TempDir Path dir) throws IOException {
    Path real = dir.resolve("real");
    write(real.resolve("m.eml"), "From: a@b.c");
    Files.createSymbolicLink(dir.resolve("alias.eml"), real.resolve("m.eml"));
    Files.createSymbolicLink(real.resolve("back"), dir); // real/back -> the root: a loop
    List<FileTask> files = FileListing.list(dir.toString(), new Configuration());
    assertEquals(List.of("alias.eml", "real/m.eml"), files.stream().map(FileTask::path).toList());
    assertEquals(11, files.get(0).size(), "a link to a file is listed with the target's size");
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  @Test
  void aGroupTravelsAsBytesAndComesBackAsItWas() {
    List<FileTask> group = new ArrayList<>(files(300, 0));
    group.add(new FileTask("file:/dump/odd\ud800\tname\n", "odd\ud800\tname\n", 0));
    group.add(new FileTask("s3a://b/ü €/x", "ü €/x", Long.MAX_VALUE));
    assertEquals(group, FileTask.decode(FileTask.encode(group)));
    assertEquals(List.of(), FileTask.decode(FileTask.encode(List.of())));
  }

  /** {@code n} files; with {@code size} 0, sizes from 1 byte to 2 MB varying by index. */
  private static List<FileTask> files(int n, long size) {
    List<FileTask> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long s = size > 0 ? size : 1 + (i * 7919L) % (2 * MB);
      out.add(new FileTask("file:/dump/f" + i, "f" + i, s));
    }
    return out;
  }

  private static long bytes(List<FileTask> group) {
    return group.stream().mapToLong(FileTask::size).sum();
  }
}
