package org.leakscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.HostileCorpus;
import org.leakscope.testing.SparkTestSession;

/**
 * The hostile-input corpus ({@link HostileCorpus}, {@code src/test/resources/hostile/expected.tsv}) through the whole
 * pipeline: {@code leakscope run} on a dump of hostile files beside good ones, in a JVM of its own with a 1 GB heap
 * (in local mode the executors live in the driver's JVM, so {@code -Xmx1g} caps them). The run must finish, every
 * file must give exactly the items and quarantine reasons {@code expected.tsv} lists, and every unit found must be an
 * item or quarantined, per file and in {@code summary.json}.
 *
 * <p>Everything runs at the default limits and every case at its full size but one: the 2 GB mbox without
 * separators is a 192 MiB file here, three times {@code --max-unit-bytes}, so still one message over the unit limit
 * scanned to its end, without 2 GB of disk writes in every CI run; {@code HostileInputTest} streams the full
 * 2 GiB + 1 MiB through the same reader from memory, which shows offsets past 2^31 handled. The generated files take
 * about 370 MB of the temporary directory and are deleted as soon as the run ends.
 */
class HostileCorpusRunTest {
  private static final long RUN_TIMEOUT_MINUTES = 10;

  @TempDir static Path tmp;
  static Path dump;
  static Path out;
  static int exit;
  static String log;
  static Map<String, Expected> expected;

  /** One line of expected.tsv. */
  record Expected(String path, String origin, long items, Map<String, Long> reasons, List<String> warnings) {}

  @BeforeAll
  static void run() throws Exception {
    expected = expected();
    long t0 = System.nanoTime();
    dump = tmp.resolve("dump");
    HostileCorpus.copyCommitted(dump);
    HostileCorpus.writeGenerated(dump);
    long t1 = System.nanoTime();
    out = tmp.resolve("out");
    Path logFile = tmp.resolve("run.log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The --add-opens Spark needs, as this JVM got them.
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).toList());
    command.addAll(List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + tmp,
        "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-cp", System.getProperty("java.class.path"), "org.leakscope.cli.Main", "run",
        "--input", dump.toString(), "--output", out.toString(), "--master", "local[2]",
        "--conf", "spark.local.dir=" + tmp.resolve("spark-local"),
        // A tiny dump: a few shuffle partitions, as the shared test session has, instead of Spark's 200.
        "--conf", "spark.sql.shuffle.partitions=4"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
    if (!p.waitFor(RUN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      p.destroyForcibly().waitFor();
      exit = -1;
    } else {
      exit = p.exitValue();
    }
    log = tail(Files.readString(logFile), 6000);
    Path summary = out.resolve("report/summary.json");
    System.out.printf("HostileCorpusRunTest: corpus written in %.1f s, run (-Xmx1g) %.1f s, exit %d, stages %s%n",
        (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9, exit,
        Files.exists(summary) ? new ObjectMapper().readTree(summary.toFile()).get("stages") : "-");
    // The large generated files are not needed to check the tables.
    for (Expected e : expected.values()) {
      if (e.origin().equals("generated")) {
        Files.deleteIfExists(dump.resolve(e.path()));
      }
    }
  }

  @Test
  void theRunFinishesUnderAOneGigabyteHeap() {
    assertEquals(0, exit, () -> "leakscope run exited " + exit + " (-1: timed out); log tail:\n" + log);
  }

  @Test
  void everyFileGivesTheItemsAndQuarantineReasonsItIsExpectedTo() {
    requireRun();
    SparkSession spark = SparkTestSession.get();
    Map<String, Long> items = new TreeMap<>();
    for (Row r : spark.read().parquet(table("items")).groupBy("source_path").count().collectAsList()) {
      items.put(r.getString(0), r.getLong(1));
    }
    Map<String, Map<String, Long>> reasons = new TreeMap<>();
    for (Row r : spark.read().parquet(table("quarantine")).groupBy("source_path", "reason").count().collectAsList()) {
      reasons.computeIfAbsent(r.getString(0), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    List<String> wrong = new ArrayList<>();
    for (Expected e : expected.values()) {
      long gotItems = items.getOrDefault(e.path(), 0L);
      Map<String, Long> gotReasons = reasons.getOrDefault(e.path(), Map.of());
      if (gotItems != e.items() || !gotReasons.equals(e.reasons())) {
        wrong.add(e.path() + ": expected " + e.items() + " items and " + e.reasons() + ", got " + gotItems
            + " items and " + gotReasons);
      }
    }
    assertEquals(List.of(), wrong, "files whose units did not end as expected.tsv says");
  }

  @Test
  void itemsCarryTheExpectedWarnings() {
    requireRun();
    Dataset<Row> items = SparkTestSession.get().read().parquet(table("items"));
    List<String> wrong = new ArrayList<>();
    for (Expected e : expected.values()) {
      if (e.warnings().isEmpty()) {
        continue;
      }
      for (Row r : items.filter(col("source_path").equalTo(e.path())).select("locator", "parse_warnings")
          .collectAsList()) {
        List<String> got = r.isNullAt(1) ? List.of() : r.getList(1);
        for (String w : e.warnings()) {
          if (got.stream().noneMatch(g -> g.startsWith(w))) {
            wrong.add(e.path() + r.getString(0) + ": no warning " + w + " in " + got);
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyFileOfTheDumpIsListedOnceInTheManifestAndInExpectedTsv() throws IOException {
    requireRun();
    Set<String> manifest = new TreeSet<>();
    for (Row r : SparkTestSession.get().read().parquet(table("ingest_manifest")).select("source_path")
        .collectAsList()) {
      assertTrue(manifest.add(r.getString(0)), () -> "two manifest rows for " + r.getString(0));
    }
    Set<String> committed = new TreeSet<>();
    Path committedDump = HostileCorpus.COMMITTED.resolve("dump");
    try (Stream<Path> walk = Files.walk(committedDump)) {
      walk.filter(Files::isRegularFile).forEach(p -> committed.add(committedDump.relativize(p).toString()));
    }
    assertEquals(expected.keySet(), manifest, "every file ingested is documented in expected.tsv, and vice versa");
    Set<String> documentedCommitted = new TreeSet<>();
    expected.values().stream().filter(e -> e.origin().equals("committed")).forEach(
        e -> documentedCommitted.add(e.path()));
    assertEquals(documentedCommitted, committed, "expected.tsv says which files are committed");
  }

  @Test
  void everyUnitFoundIsAnItemOrQuarantinedPerFileAndInTheSummary() throws IOException {
    requireRun();
    SparkSession spark = SparkTestSession.get();
    long items = spark.read().parquet(table("items")).count();
    long quarantined = spark.read().parquet(table("quarantine")).count();
    List<String> broken = new ArrayList<>();
    long found = 0;
    for (Row r : spark.read().parquet(table("ingest_manifest"))
        .select("source_path", "units_found", "items_written", "units_quarantined").collectAsList()) {
      Expected e = expected.get(r.getString(0));
      long units = e.items() + e.reasons().values().stream().mapToLong(Long::longValue).sum();
      if (r.getLong(1) != r.getLong(2) + r.getLong(3) || r.getLong(1) != units) {
        broken.add(r.toString() + " (expected " + units + " units)");
      }
      found += r.getLong(1);
    }
    assertEquals(List.of(), broken, "units_found = items_written + units_quarantined = the units expected");
    assertEquals(found, items + quarantined, "units found = item rows + quarantine rows");

    JsonNode ingest = new ObjectMapper().readTree(out.resolve("report/summary.json").toFile()).get("ingest");
    assertEquals(expected.size(), ingest.get("files").asLong());
    assertEquals(found, ingest.get("units").asLong());
    assertEquals(items, ingest.get("items").asLong());
    assertEquals(quarantined, ingest.get("quarantined").asLong());
    assertEquals(ingest.get("units").asLong(), ingest.get("items").asLong() + ingest.get("quarantined").asLong());
  }

  @Test
  void zipSlipEntriesAreReadUnderEncodedLocatorsAndNothingIsWrittenOutside() throws IOException {
    requireRun();
    List<String> locators = new ArrayList<>();
    for (Row r : SparkTestSession.get().read().parquet(table("items"))
        .filter(col("source_path").equalTo("hostile/archives/zip-slip.zip")).select("locator").orderBy("locator")
        .collectAsList()) {
      locators.add(r.getString(0));
    }
    assertEquals(
        List.of("!/%2E%2E/%2E%2E/etc/passwd", "!/%2E%2E/%2E%2E/windows/win.ini",
            "!/%2Ftmp/leakscope-zip-slip-absolute.txt", "!/docs/%2E%2E/%2E%2E/escape.txt",
            "!/docs/report%23line=1%21/x.txt"),
        locators);
    assertFalse(Files.exists(Path.of("/tmp/leakscope-zip-slip-absolute.txt")), "the absolute entry name");
    for (Path root : List.of(tmp.getParent(), tmp, dump, out)) {
      assertFalse(Files.exists(root.resolve("etc/passwd")), root + "/etc/passwd");
      assertFalse(Files.exists(root.resolve("escape.txt")), root + "/escape.txt");
      assertFalse(Files.exists(root.resolve("windows/win.ini")), root + "/windows/win.ini");
    }
    try (Stream<Path> walk = Files.walk(tmp)) {
      List<String> planted = walk.map(p -> p.getFileName().toString())
          .filter(n -> Set.of("passwd", "win.ini", "escape.txt", "x.txt").contains(n)).toList();
      assertEquals(List.of(), planted, "no entry of the zip is written anywhere");
    }
  }

  /**
   * A table of the run. The raw tables are moving from {@code tables/} to {@code restricted/}; this finds them in
   * either place.
   */
  private static String table(String name) {
    Path restricted = out.resolve("restricted").resolve(name);
    return (Files.isDirectory(restricted) ? restricted : out.resolve("tables").resolve(name)).toString();
  }

  private static void requireRun() {
    assertEquals(0, exit, () -> "leakscope run failed, so its tables cannot be checked; log tail:\n" + log);
  }

  static Map<String, Expected> expected() throws IOException {
    Map<String, Expected> byPath = new TreeMap<>();
    List<String> lines = Files.readAllLines(HostileCorpus.COMMITTED.resolve("expected.tsv"));
    for (String line : lines) {
      if (line.startsWith("#") || line.isBlank() || line.startsWith("path\t")) {
        continue;
      }
      String[] f = line.split("\t", -1);
      assertEquals(6, f.length, () -> "expected.tsv: 6 tab-separated fields in " + line);
      assertTrue(f[1].equals("committed") || f[1].equals("generated"), () -> "expected.tsv: origin of " + line);
      Map<String, Long> reasons = new TreeMap<>();
      if (!f[3].equals("-")) {
        for (String r : f[3].split(",")) {
          String[] rn = r.split("\\*");
          reasons.merge(Reason.valueOf(rn[0].toUpperCase(java.util.Locale.ROOT)).code(),
              rn.length > 1 ? Long.parseLong(rn[1]) : 1L, Long::sum);
        }
      }
      List<String> warnings = f[4].equals("-") ? List.of() : List.of(f[4].split(","));
      Expected e = new Expected(f[0], f[1], Long.parseLong(f[2]), reasons, warnings);
      assertTrue(byPath.put(e.path(), e) == null, () -> "expected.tsv lists " + e.path() + " twice");
    }
    return byPath;
  }

  private static String tail(String s, int chars) {
    return s.length() <= chars ? s : "…" + s.substring(s.length() - chars);
  }
}
