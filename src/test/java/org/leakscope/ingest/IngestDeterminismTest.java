package org.leakscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sha2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/** The same input gives the same ids and rows whatever the task packing. */
class IngestDeterminismTest {
  @TempDir Path tmp;

  @Test
  void rowsDoNotDependOnPartitioning() {
    SparkSession spark = SparkTestSession.get();
    String input = Paths.samples().resolve("mixed").toString();
    OutputLayout few = ingest(spark, input, tmp.resolve("few"), IngestConfig.DEFAULT_TASK_BYTES);
    OutputLayout many = ingest(spark, input, tmp.resolve("many"), 1024); // one task per file or so

    assertTrue(parquetFiles(many.restricted(OutputLayout.ITEMS)) > parquetFiles(few.restricted(OutputLayout.ITEMS)) + 5,
        "the second run used many more tasks");
    assertSameRows(items(spark, few), items(spark, many));
    assertSameRows(
        spark.read().parquet(few.restricted(OutputLayout.QUARANTINE)),
        spark.read().parquet(many.restricted(OutputLayout.QUARANTINE)));
    assertSameRows(
        spark.read().parquet(few.restricted(OutputLayout.INGEST_MANIFEST)).drop("source_uri"),
        spark.read().parquet(many.restricted(OutputLayout.INGEST_MANIFEST)).drop("source_uri"));
  }

  private static long parquetFiles(String dir) {
    try (var files = java.nio.file.Files.list(Path.of(dir))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Dataset<Row> items(SparkSession spark, OutputLayout out) {
    return spark
        .read()
        .parquet(out.restricted(OutputLayout.ITEMS))
        .select(
            col("item_id"), col("kind"), col("format"), col("source_path"), col("locator"),
            col("content_sha256"), sha2(col("text"), 256).as("text_sha"), col("mail_date"), col("mail_from"));
  }

  private static void assertSameRows(Dataset<Row> a, Dataset<Row> b) {
    Dataset<Row> left = a.drop("source_uri");
    Dataset<Row> right = b.drop("source_uri");
    assertEquals(0, left.exceptAll(right).count(), "rows only in the first run");
    assertEquals(0, right.exceptAll(left).count(), "rows only in the second run");
    assertEquals(left.count(), right.count());
  }

  private static OutputLayout ingest(SparkSession spark, String input, Path out, long taskBytes) {
    new IngestJob(spark, new IngestConfig(input, out.toString(), Limits.defaults(), taskBytes)).run();
    return new OutputLayout(out.toString());
  }
}
