package org.leakscope.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Ingested;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/**
 * The same items give the same dedup tables on local[1], local[2] and local[4], whatever the shuffle partitions and
 * the number of files the items come in. local[1] and local[4] run in JVMs of their own (one Spark context per
 * JVM), through the CLI, as a user would start them.
 */
class DedupDeterminismTest {
  private static final List<String> TABLES =
      List.of(OutputLayout.ITEM_CLUSTERS, OutputLayout.CLUSTER_SUMMARY, OutputLayout.THREADS,
          OutputLayout.NEAR_UNIQUE_BY_THRESHOLD);

  @TempDir Path tmp;

  @Test
  void tablesDoNotDependOnCoresPartitionsOrFiles() throws Exception {
    SparkSession spark = SparkTestSession.get();
    Path ingested = tmp.resolve("ingested");
    Ingested.run(spark, Paths.samples().resolve("bluebleed-mini/dump"), ingested.toString());

    Path base = copyOfItems(ingested, tmp.resolve("local2"));
    new DedupJob(spark, config(base)).run();

    // Same session, other shuffle partitions, items in seven files.
    Path repartitioned = tmp.resolve("local2-repartitioned");
    new OutputLayout(repartitioned.toString());
    spark.read().parquet(new OutputLayout(ingested.toString()).restricted(OutputLayout.ITEMS)).repartition(7)
        .write().parquet(new OutputLayout(repartitioned.toString()).restricted(OutputLayout.ITEMS));
    String saved = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "11");
    try {
      new DedupJob(spark, config(repartitioned)).run();
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", saved);
    }
    assertSameTables(spark, base, repartitioned);

    Path one = copyOfItems(ingested, tmp.resolve("local1"));
    cli(one, "local[1]", "spark.sql.shuffle.partitions=1");
    assertSameTables(spark, base, one);
    Path four = copyOfItems(ingested, tmp.resolve("local4"));
    cli(four, "local[4]", "spark.sql.shuffle.partitions=23");
    assertSameTables(spark, base, four);
  }

  private static DedupConfig config(Path run) {
    return new DedupConfig(run.toString(), 0.8, 128, 5, List.of(0.7), false, 30);
  }

  private static void assertSameTables(SparkSession spark, Path expected, Path actual) {
    for (String table : TABLES) {
      assertEquals(rows(spark, expected, table), rows(spark, actual, table), table + " of " + actual.getFileName());
    }
  }

  private static List<String> rows(SparkSession spark, Path run, String table) {
    Dataset<Row> data = spark.read().parquet(new OutputLayout(run.toString()).table(table));
    return data.collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static Path copyOfItems(Path from, Path to) throws IOException {
    Path source = Path.of(new OutputLayout(from.toString()).restricted(OutputLayout.ITEMS));
    Path target = Path.of(new OutputLayout(to.toString()).restricted(OutputLayout.ITEMS));
    try (Stream<Path> files = Files.walk(source)) {
      for (Path p : files.toList()) {
        Path dest = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest);
        }
      }
    }
    return to;
  }

  /** {@code dedup} through the CLI in a JVM of its own. */
  private static void cli(Path run, String master, String conf) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The --add-opens Spark needs, as this JVM got them.
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).toList());
    command.addAll(List.of("-Xmx1g", "-Dspark.ui.enabled=false", "-Dspark.driver.host=127.0.0.1",
        "-Dspark.driver.bindAddress=127.0.0.1", "-cp", System.getProperty("java.class.path"),
        "org.leakscope.cli.Main", "dedup", "--input", run.toString(), "--master", master, "--conf", conf,
        "--sweep", "0.7"));
    Path log = run.resolve("cli.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("dedup on " + master + " did not finish in 5 minutes; log: " + Files.readString(log));
    }
    assertEquals(0, p.exitValue(), "dedup on " + master + " failed; log:\n" + Files.readString(log));
  }
}
