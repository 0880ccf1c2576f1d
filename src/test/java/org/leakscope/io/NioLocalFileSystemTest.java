package org.leakscope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.common.SessionDefaults;
import org.leakscope.testing.SparkTestSession;

/** The local file system that sets permissions without a process: the same modes, checksums and tables. */
class NioLocalFileSystemTest {
  @TempDir java.nio.file.Path tmp;

  private static FileSystem fs() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.permissions.umask-mode", "022");
    NioLocalFileSystem fs = new NioLocalFileSystem();
    fs.initialize(java.net.URI.create("file:///"), conf);
    return fs;
  }

  private String mode(java.nio.file.Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void setsEveryModeAsChmodWould() throws IOException {
    java.nio.file.Path file = Files.createFile(tmp.resolve("f"));
    try (FileSystem fs = fs()) {
      for (String octal : List.of("0755", "0644", "0600", "0700", "0421", "0000", "0777")) {
        fs.setPermission(new Path(file.toUri()), new FsPermission(Short.parseShort(octal, 8)));
        assertEquals(new FsPermission(Short.parseShort(octal, 8)).toString(), mode(file), octal);
      }
    }
  }

  @Test
  void createsFilesAndDirectoriesWithTheUmaskApplied() throws IOException {
    try (FileSystem fs = fs()) {
      Path dir = new Path(tmp.resolve("a/b").toUri());
      assertTrue(fs.mkdirs(dir, new FsPermission((short) 0777)));
      assertEquals("rwxr-xr-x", mode(tmp.resolve("a/b")));
      Path file = new Path(dir, "part-0");
      try (OutputStream out = fs.create(file, new FsPermission((short) 0666), true, 4096, (short) 1, 1 << 20, null)) {
        out.write("row".getBytes(StandardCharsets.UTF_8));
      }
      assertEquals("rw-r--r--", mode(tmp.resolve("a/b/part-0")));
      // Still a checksummed file system: the .crc file beside it, and the bytes read back.
      assertTrue(Files.exists(tmp.resolve("a/b/.part-0.crc")));
      assertEquals("row", new String(fs.open(file).readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aMissingPathIsAnError() throws IOException {
    try (FileSystem fs = fs()) {
      IOException e = assertThrows(IOException.class,
          () -> fs.setPermission(new Path(tmp.resolve("missing").toUri()), new FsPermission((short) 0644)));
      assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }
  }

  @Test
  void theTestSessionWritesAndReadsTablesThroughIt() throws IOException {
    SparkSession spark = SparkTestSession.get();
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    assertInstanceOf(NioLocalFileSystem.class, FileSystem.get(java.net.URI.create("file:///"), conf));
    String path = tmp.resolve("table").toString();
    spark.range(10).repartition(3).write().parquet(path);
    assertEquals(45L, spark.read().parquet(path).agg(org.apache.spark.sql.functions.sum("id")).first().getLong(0));
    assertEquals("rw-r--r--", mode(Files.list(tmp.resolve("table"))
        .filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow()));
  }

  @Test
  void onlyLocalMastersGetIt() {
    for (String master : List.of("local", "local[2]", "local[*]", "local[4,2]", " local[*] ")) {
      assertTrue(SessionDefaults.isLocal(master), master);
    }
    for (String master : List.of("local-cluster[2,1,1024]", "spark://host:7077", "yarn", "k8s://https://h:443",
        "localhost", "")) {
      assertFalse(SessionDefaults.isLocal(master), master);
    }
    assertFalse(SessionDefaults.isLocal(null));
  }

  @Test
  void aLocalSessionGetsItAndAClusterOneDoesNot() {
    assertEquals(NioLocalFileSystem.class.getName(),
        SessionDefaults.settings("local[2]").get(SessionDefaults.LOCAL_FILE_SYSTEM));
    assertFalse(SessionDefaults.settings("spark://h:7077").containsKey(SessionDefaults.LOCAL_FILE_SYSTEM));
    assertEquals("UTC", SessionDefaults.settings("spark://h:7077").get("spark.sql.session.timeZone"));
  }
}
