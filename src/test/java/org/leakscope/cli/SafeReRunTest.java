package org.leakscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.FileTrees;
import org.leakscope.testing.Paths;
import org.leakscope.testing.RunOutputs;
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
    // The first run: a copy of the reference (the same dump, key and claims give the same files).
    Path out = tmp.resolve("twice");
    FileTrees.copy(reference, out);
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

  private static void assertSameRun(Path expected, Path actual) throws Exception {
    RunOutputs.assertSameRun(expected, actual, true);
  }
}
