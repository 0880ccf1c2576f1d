package org.leakscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.leakscope.io.Committers;
import org.leakscope.testing.FileTrees;
import org.leakscope.testing.LeakscopeProcess;
import org.leakscope.testing.Paths;
import org.leakscope.testing.S3Proxy;
import org.leakscope.testing.SparkTestSession;

/**
 * {@code run} on object storage: the {@code mixed} sample and a claims file uploaded to an S3Proxy bucket, the whole
 * pipeline run in its own JVM from {@code s3a://} to {@code s3a://} with the endpoint given as {@code --conf
 * spark.hadoop.fs.s3a.*} and the credentials only in the standard AWS environment variables, then its output
 * downloaded and held against a local run of the same dump with the same token key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreRunTest {
  private static final String BUCKET = "leakscope";
  private static final String DUMP = "s3a://" + BUCKET + "/dump";
  private static final String CLAIMS = "s3a://" + BUCKET + "/claims.yaml";
  private static final String OUT = "s3a://" + BUCKET + "/out";
  private static final String ACCESS_KEY = "leakscope-test";
  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** Planted: the server accepts only it, so the run used it; any trace of it in an output or the console leaks. */
  private final String secret = "planted-s3-secret-" + UUID.randomUUID().toString().replace("-", "");

  private Path dir;
  private S3Proxy s3;
  private LeakscopeProcess s3Run;
  /** The S3 run's output, downloaded as it is stored (every object). */
  private Path s3Out;
  private Path localOut;

  @BeforeAll
  void runOnS3AndLocally() throws Exception {
    dir = Files.createTempDirectory("leakscope-s3");
    s3 = S3Proxy.start(dir.resolve("s3proxy"), ACCESS_KEY, secret, BUCKET);
    Path dump = Paths.samples().resolve("mixed");
    Path claims = Paths.samples().resolve("bluebleed-mini/claims.yaml");
    try (FileSystem fs = client()) {
      upload(fs, dump, DUMP);
      upload(fs, claims, CLAIMS);
    }

    List<String> args = new ArrayList<>(List.of("run", "--input", DUMP, "--output", OUT, "--claims", CLAIMS));
    for (String setting : s3.s3aSettings()) {
      args.addAll(List.of("--conf", "spark.hadoop." + setting));
    }
    // Everything at INFO, Spark's and Hadoop's loggers too: more than jobs/leakscope shows, so more to leak.
    Path log4j = dir.resolve("log4j2.properties");
    Files.writeString(log4j, String.join("\n",
        "rootLogger.level = info",
        "rootLogger.appenderRef.stderr.ref = console",
        "appender.console.type = Console",
        "appender.console.name = console",
        "appender.console.target = SYSTEM_ERR",
        "appender.console.layout.type = PatternLayout",
        "appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex",
        ""));
    s3Run = LeakscopeProcess.run(Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secret), log4j,
        TIMEOUT, args.toArray(String[]::new));
    assertEquals(0, s3Run.code(), s3Run.output());

    s3Out = dir.resolve("s3-out");
    try (FileSystem fs = client()) {
      fs.copyToLocalFile(false, new org.apache.hadoop.fs.Path(OUT), new org.apache.hadoop.fs.Path(s3Out.toUri()), true);
    }

    // The same dump and claims from local disk, with the key the S3 run generated: tokens must match too.
    SparkTestSession.get();
    localOut = dir.resolve("local-out");
    int code = Main.execute("run", "--input", dump.toString(), "--output", localOut.toString(),
        "--claims", claims.toString(), "--key-file", s3Out.resolve("restricted/pseudonym.key").toString());
    assertEquals(0, code, "local run");
  }

  @AfterAll
  void stop() throws InterruptedException {
    if (s3 != null) {
      s3.close();
    }
    if (dir != null) {
      FileTrees.deleteQuietly(dir);
    }
  }

  @Test
  void everyTableEqualsTheLocalRunsAsASetOfRows() throws IOException {
    SparkSession spark = SparkTestSession.get();
    List<String> tables = new ArrayList<>();
    for (String zone : List.of("tables", "restricted")) {
      Set<String> local = tableNames(localOut.resolve(zone));
      assertEquals(local, tableNames(s3Out.resolve(zone)), zone + "/: the same tables");
      local.forEach(t -> tables.add(zone + "/" + t));
    }
    assertTrue(tables.containsAll(List.of("tables/metric_counts", "tables/company_impact", "tables/mentions",
        "tables/reconciliation", "restricted/items", "restricted/quarantine")), tables.toString());
    for (String table : tables) {
      Dataset<Row> fromS3 = comparable(spark.read().parquet(s3Out.resolve(table).toString()));
      Dataset<Row> local = comparable(spark.read().parquet(localOut.resolve(table).toString()));
      assertEquals(local.count(), fromS3.count(), table + ": rows");
      assertEquals(0, local.exceptAll(fromS3).count(), table + ": rows only in the local run");
      assertEquals(0, fromS3.exceptAll(local).count(), table + ": rows only in the S3 run");
    }
    assertEquals(71, spark.read().parquet(s3Out.resolve("restricted/items").toString()).count()
        + spark.read().parquet(s3Out.resolve("restricted/quarantine").toString()).count(),
        "every unit of the mixed sample is an item or a quarantine row");
  }

  @Test
  void everyTableIsCommittedByTheMagicCommitter() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Path> tables = new ArrayList<>();
    for (String zone : List.of("tables", "restricted")) {
      tableNames(s3Out.resolve(zone)).forEach(t -> tables.add(s3Out.resolve(zone).resolve(t)));
    }
    assertTrue(tables.size() >= 15, tables.toString());
    for (Path table : tables) {
      Path success = table.resolve("_SUCCESS");
      assertTrue(Files.isRegularFile(success), success + " missing");
      assertTrue(Files.size(success) > 0, success + ": the classic committer writes an empty _SUCCESS");
      JsonNode manifest = json.readTree(success.toFile());
      assertTrue(manifest.path("name").asText().startsWith("org.apache.hadoop.fs.s3a.commit.files.SuccessData"),
          success + ": " + manifest.path("name"));
      assertEquals(Committers.DEFAULT, manifest.path("committer").asText(), success.toString());
      assertTrue(manifest.path("success").asBoolean(), success.toString());
    }
    // Nothing of the commits is left: no magic or staging directories, no uncompleted multipart uploads.
    try (Stream<Path> files = Files.walk(s3Out)) {
      List<String> leftovers = files.map(p -> s3Out.relativize(p).toString())
          .filter(p -> p.contains("__magic") || p.contains("_temporary") || p.contains(".tmp"))
          .toList();
      assertEquals(List.of(), leftovers);
    }
    try (FileSystem fs = client()) {
      assertEquals(List.of(), ((S3AFileSystem) fs).listMultipartUploads("out/"), "pending uploads");
    }
  }

  @Test
  void theFilesWrittenOutsideSparkAreOnS3Too() throws IOException {
    ObjectMapper json = new ObjectMapper();
    JsonNode summary = json.readTree(s3Out.resolve("report/summary.json").toFile());
    JsonNode local = json.readTree(localOut.resolve("report/summary.json").toFile());
    assertEquals(DUMP, summary.path("input").asText());
    assertEquals(71, summary.at("/ingest/units").asLong());
    assertEquals(local.get("metrics"), summary.get("metrics"));
    assertEquals(local.get("reconciliation"), summary.get("reconciliation"));
    assertTrue(Files.size(s3Out.resolve("report/index.html")) > 10_000);
    assertTrue(Files.readString(s3Out.resolve("restricted/pseudonym.key")).strip().matches("[0-9a-f]{64}"),
        "a generated key");
    assertTrue(s3Run.output().contains("summary: " + OUT + "/report/summary.json"), s3Run.output());
    for (String zone : List.of("exports", "restricted/exports")) {
      Set<String> names = fileNames(localOut.resolve(zone));
      assertFalse(names.isEmpty(), zone);
      assertEquals(names, fileNames(s3Out.resolve(zone)), zone);
      for (String csv : names) {
        assertEquals(new TreeSet<>(Files.readAllLines(localOut.resolve(zone).resolve(csv))),
            new TreeSet<>(Files.readAllLines(s3Out.resolve(zone).resolve(csv))), zone + "/" + csv);
      }
    }
  }

  @Test
  void theSecretKeyAppearsNowhere() throws IOException {
    assertTrue(s3Run.output().lines().count() > 50, "the console was captured at INFO:\n" + s3Run.output());
    assertFalse(s3Run.output().contains(secret), "the console output");
    assertFalse(Files.readString(s3Out.resolve("report/summary.json")).contains(secret), "summary.json");
    assertFalse(Files.readString(s3Out.resolve("report/index.html")).contains(secret), "index.html");
    // Every object of the bucket: the output, and anything a commit may have left beside it.
    assertEquals(List.of(), objectsContaining(secret));
  }

  /**
   * Uploads a file or a tree through {@code FileSystem.create}, the path the job's own small files take (S3A's
   * copyFromLocalFile goes through the SDK's asynchronous transfer manager, whose signed uploads S3Proxy rejects).
   */
  private static void upload(FileSystem fs, Path local, String target) throws IOException {
    try (Stream<Path> walk = Files.walk(local)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String key = Files.isDirectory(local) ? target + "/" + local.relativize(file)
            : target;
        try (OutputStream out = fs.create(new org.apache.hadoop.fs.Path(key), true)) {
          Files.copy(file, out);
        }
      }
    }
  }

  private FileSystem client() throws IOException {
    return FileSystem.newInstance(URI.create("s3a://" + BUCKET + "/"), s3.clientConf());
  }

  /** A table without what may rightly differ: the dump's absolute location, and maps (no set operations on maps). */
  private static Dataset<Row> comparable(Dataset<Row> table) {
    List<Column> columns = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      if (!f.name().equals("source_uri") && !(f.dataType() instanceof MapType)) {
        columns.add(table.col(f.name()));
      }
    }
    return table.select(columns.toArray(Column[]::new));
  }

  /** The tables of a zone: its directories, except the exports and stages' working data. */
  private static Set<String> tableNames(Path zone) throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> list = Files.list(zone)) {
      list.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("exports") && !n.startsWith("_"))
          .forEach(names::add);
    }
    return names;
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      // Not the local file system's .crc checksum files.
      return new TreeSet<>(list.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".")).toList());
    }
  }

  private List<String> objectsContaining(String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    List<String> found = new ArrayList<>();
    int objects = 0;
    try (FileSystem fs = client()) {
      RemoteIterator<LocatedFileStatus> it = fs.listFiles(new org.apache.hadoop.fs.Path("s3a://" + BUCKET + "/"), true);
      while (it.hasNext()) {
        org.apache.hadoop.fs.Path object = it.next().getPath();
        objects++;
        try (InputStream in = fs.open(object)) {
          if (indexOf(in.readAllBytes(), needle) >= 0) {
            found.add(object.toString());
          }
        }
      }
    }
    assertTrue(objects > 50, objects + " objects in the bucket");
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
