package org.leakscope.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.dedup.DedupConfig;
import org.leakscope.dedup.DedupJob;
import org.leakscope.extract.ExtractConfig;
import org.leakscope.extract.ExtractJob;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.GeneratedRun;
import org.leakscope.testing.Ingested;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/**
 * {@code compare} from the stored Theta sketches: a run against itself overlaps completely, a run against an unrelated
 * dump (the hand-made {@code mixed} sample) not at all, within the bounds.
 */
class CompareTest {
  @TempDir static Path tmp;
  private static SparkSession spark;
  private static String generated;
  private static String mixed;

  @BeforeAll
  static void countTwoRuns() {
    spark = SparkTestSession.get();
    generated = GeneratedRun.get().run;
    mixed = tmp.resolve("mixed").toString();
    Ingested.run(spark, Paths.samples().resolve("mixed"), mixed);
    new ExtractJob(spark, new ExtractConfig(mixed, false)).run();
    new DedupJob(spark, DedupConfig.defaults(mixed)).run();
    new CountJob(spark, CountConfig.defaults(mixed)).run();
  }

  @Test
  void aRunAgainstItselfOverlapsCompletely() {
    List<CompareJob.Overlap> rows = new CompareJob(spark, generated, generated, tmp.resolve("self").toString()).run();
    int bases = GeneratedRun.get().count.metrics().values().stream().mapToInt(java.util.Map::size).sum();
    assertEquals(bases, rows.size());
    for (CompareJob.Overlap r : rows) {
      String what = r.metric() + " " + r.basis();
      if (r.rightValue() == 0) {
        continue;
      }
      assertEquals(1.0, r.rightInLeftShare(), 1e-9, what);
      assertEquals(r.rightEstimate(), r.intersectionEstimate(), 1e-9, what);
      assertTrue(r.rightInLeftLower95() <= 1.0 && r.rightInLeftUpper95() >= 1.0, what);
    }
    assertEquals(rows.size(), spark.read().parquet(new OutputLayout(tmp.resolve("self").toString())
        .table(OutputLayout.COMPARISON)).count());
  }

  @Test
  void unrelatedDumpsDoNotOverlap() {
    List<CompareJob.Overlap> rows = new CompareJob(spark, generated, mixed, tmp.resolve("apart").toString()).run();
    assertTrue(rows.size() >= 20, "every metric and basis both runs have: " + rows.size());
    int compared = 0;
    for (CompareJob.Overlap r : rows) {
      String what = r.metric() + " " + r.basis();
      // Countries, company names and logins like "admin" are shared by unrelated dumps: only content is compared.
      if (!List.of("email_messages", "documents", "records", "email_addresses").contains(r.metric())) {
        continue;
      }
      if (r.rightInLeftShare() == null) {
        assertEquals(0L, r.rightValue(), what + ": a share is missing only for an empty right side");
        continue;
      }
      compared++;
      assertTrue(r.rightInLeftShare() <= 0.02 && r.rightInLeftLower95() <= 0.02,
          what + ": unrelated dumps share (almost) nothing, " + r);
    }
    assertTrue(compared >= 10, "items and addresses at every basis: " + compared);
  }

  @Test
  void theCommandWritesTheTableAndCsv() throws Exception {
    Path outDir = tmp.resolve("cli");
    int code = org.leakscope.cli.Main.execute("compare", "--left", generated, "--right", generated, "--output",
        outDir.toString());
    assertEquals(0, code);
    List<String> csv = Files.readAllLines(outDir.resolve("exports/comparison.csv"));
    assertTrue(csv.get(0).startsWith("metric,basis,left_value,right_value"), csv.get(0));
    assertTrue(csv.stream().anyMatch(l -> l.startsWith("email_messages,raw,")), String.join("\n", csv));
  }
}
