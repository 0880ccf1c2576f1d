package org.leakscope.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Ingested;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/**
 * The same items give the same mentions, companies and users — ids included — however they are partitioned: the
 * sample is extracted twice, once from items in 1 file with 3 shuffle partitions and once from items in 7 files
 * with 11, and the tables are compared as sets of rows in both directions.
 */
class ExtractDeterminismTest {
  @TempDir Path tmp;

  @Test
  void idsAndTablesDoNotDependOnPartitioning() {
    SparkSession spark = SparkTestSession.get();
    String ingested = tmp.resolve("ingested").toString();
    Ingested.run(spark, Paths.samples().resolve("bluebleed-mini/dump"), ingested);
    Dataset<Row> items = spark.read().parquet(new OutputLayout(ingested).restricted(OutputLayout.ITEMS));
    String before = spark.conf().get("spark.sql.shuffle.partitions");
    try {
      OutputLayout a = extract(spark, items.coalesce(1), 3, "a");
      OutputLayout b = extract(spark, items.repartition(7), 11, "b");
      // Both zones: the clear tables, and the pseudonymized ones (the same key gives the same tokens).
      for (String path : List.of(OutputLayout.MENTIONS, OutputLayout.COMPANIES, OutputLayout.USERS,
          "restricted/" + OutputLayout.MENTIONS, "restricted/" + OutputLayout.USERS)) {
        String table = path.startsWith("restricted/") ? path : "tables/" + path;
        Dataset<Row> ta = spark.read().parquet(a.root() + "/" + table);
        Dataset<Row> tb = spark.read().parquet(b.root() + "/" + table);
        assertTrue(ta.count() > 0, table + " is not empty");
        assertEquals(ta.count(), tb.count(), table + " rows");
        assertEquals(0, ta.exceptAll(tb).count(), table + ": rows of the first run missing from the second");
        assertEquals(0, tb.exceptAll(ta).count(), table + ": rows of the second run missing from the first");
      }
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", before);
    }
  }

  /** One key for both runs. */
  private String key() {
    Path key = tmp.resolve("pseudonym.key");
    try {
      if (!Files.exists(key)) {
        Files.writeString(key, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n");
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return key.toString();
  }

  private OutputLayout extract(SparkSession spark, Dataset<Row> items, int shufflePartitions, String name) {
    OutputLayout out = new OutputLayout(tmp.resolve(name).toString());
    items.write().mode(SaveMode.Overwrite).parquet(out.restricted(OutputLayout.ITEMS));
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
    new ExtractJob(spark, new ExtractConfig(out.root(), false, key())).run();
    return out;
  }
}
