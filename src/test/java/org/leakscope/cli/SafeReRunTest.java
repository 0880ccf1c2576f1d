package org.leakscope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/**
 * Re-runs are safe: a second {@code run} into the same output, and a run killed halfway then resumed (stage by stage,
 * or by {@code run} again), give the same tables, exports and summary as one uninterrupted run, with nothing left
 * over. All runs use one key, so their tokens agree.
 */
class SafeReRunTest {
  @TempDir static Path tmp;
  private static Path reference;
  private static String key;
  private static String claims;
  private static final String INPUT = Paths.samples().resolve("mixed").toString();

  @BeforeAll
  static void referenceRun() throws Exception {
    SparkTestSession.get();
    Path keyFile = tmp.resolve("pseudonym.key");
    Files.writeString(keyFile, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
    key = keyFile.toString();
    claims = Paths.samples().resolve("bluebleed-mini/claims.yaml").toString();
    reference = tmp.resolve("reference");
    run(reference);
  }

  private static void run(Path out) {
    assertEquals(0, Main.execute("run", "--input", INPUT, "--output", out.toString(), "--claims", claims,
        "--key-file", key));
  }

  @Test
  void aSecondRunIntoTheSameOutputLeavesNothingOfTheFirst() throws Exception {
    Path out = tmp.resolve("twice");
    run(out);
    // Leftovers an earlier run or an older version could have left: a clear table in tables/, a comparison.
    Files.createDirectories(out.resolve("tables/items"));
    Files.writeString(out.resolve("tables/items/part-0.parquet"), "old");
    Files.writeString(out.resolve("exports/comparison.csv"), "metric\n");
    run(out);
    assertFalse(Files.exists(out.resolve("tables/items")));
    assertFalse(Files.exists(out.resolve("exports/comparison.csv")));
    assertSameRun(reference, out);
  }

  @Test
  void aRunKilledHalfwayResumesStageByStageOrRunsAgainToTheSameResult() throws Exception {
    Path out = tmp.resolve("killed");
    killDuringExtract(out);
    // The interrupted stage's tables are refused with a reason, not read half-written.
    if (!Files.exists(out.resolve("restricted/mentions/_SUCCESS"))) {
      assertEquals(1, Main.execute("count", "--input", out.toString()), "count must refuse missing mentions");
    }
    for (String[] stage : List.of(new String[] {"extract", "--key-file", key}, new String[] {"dedup"},
        new String[] {"count", "--claims", claims}, new String[] {"report"})) {
      List<String> args = new ArrayList<>(List.of(stage[0], "--input", out.toString()));
      args.addAll(List.of(stage).subList(1, stage.length));
      assertEquals(0, Main.execute(args.toArray(String[]::new)), String.join(" ", args));
    }
    assertSameRun(reference, out);
    run(out);
    assertSameRun(reference, out);
  }

  /** Starts {@code run} in a JVM of its own and kills it once ingest is complete and extract has begun. */
  private static void killDuringExtract(Path out) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).toList());
    command.addAll(List.of("-Xmx1g", "-Dspark.ui.enabled=false", "-cp", System.getProperty("java.class.path"),
        "org.leakscope.cli.Main", "run", "--input", INPUT, "--output", out.toString(), "--claims", claims,
        "--key-file", key, "--master", "local[2]", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1"));
    Files.createDirectories(out);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile())
        .start();
    // summary.json appears when ingest is done (tables written and accounted): extract starts next.
    Path ingested = out.resolve("report/summary.json");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(ingested) && p.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(Files.exists(ingested), "ingest did not complete: " + Files.readString(tmp.resolve("killed.log")));
    Thread.sleep(2000);
    assertTrue(p.isAlive(), "the run ended before it could be killed");
    p.destroyForcibly().waitFor(1, TimeUnit.MINUTES);
    assertFalse(Files.exists(out.resolve("report/index.html")), "killed before the report");
  }

  /** Every table of both zones as sorted rows, every export byte for byte, and summary.json but its times. */
  private static void assertSameRun(Path expected, Path actual) throws Exception {
    SparkSession spark = SparkTestSession.get();
    Map<String, Path> tables = tables(expected);
    assertEquals(tables.keySet(), tables(actual).keySet(), "the same tables");
    for (String table : tables.keySet()) {
      assertEquals(rows(spark, expected.resolve(table)), rows(spark, actual.resolve(table)), table);
      assertEquals(parts(expected.resolve(table)), parts(actual.resolve(table)), table + ": data files");
    }
    for (String csv : files(expected.resolve("exports"))) {
      assertArrayEquals(Files.readAllBytes(expected.resolve("exports").resolve(csv)),
          Files.readAllBytes(actual.resolve("exports").resolve(csv)), csv);
    }
    assertEquals(files(expected.resolve("exports")), files(actual.resolve("exports")));
    JsonNode want = summary(expected);
    JsonNode got = summary(actual);
    want.fieldNames().forEachRemaining(f -> assertEquals(want.get(f), got.get(f), "summary.json " + f));
    assertEquals(want, got);
  }

  private static Map<String, Path> tables(Path run) throws Exception {
    Map<String, Path> tables = new TreeMap<>();
    for (String zone : List.of("tables", "restricted")) {
      try (Stream<Path> dirs = Files.list(run.resolve(zone))) {
        dirs.filter(d -> Files.exists(d.resolve("_SUCCESS")))
            .forEach(d -> tables.put(zone + "/" + d.getFileName(), d));
      }
    }
    return tables;
  }

  private static List<String> rows(SparkSession spark, Path table) {
    // As JSON, so binary columns (sketches) compare by content.
    return spark.read().parquet(table.toString()).selectExpr("to_json(struct(*))").collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList();
  }

  private static long parts(Path table) throws Exception {
    try (Stream<Path> files = Files.list(table)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
    }
  }

  private static List<String> files(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static JsonNode summary(Path run) throws Exception {
    ObjectNode s = (ObjectNode) new ObjectMapper().readTree(run.resolve("report/summary.json").toFile());
    s.remove(List.of("started", "finished", "stages"));
    return s;
  }
}
