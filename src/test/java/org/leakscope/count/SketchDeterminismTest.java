package org.leakscope.count;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.leakscope.testing.SparkTestSession;

/**
 * Counts and sketches do not depend on how the keys are partitioned: the same keys in one partition (and one shuffle
 * partition) or in seven (and five) give the same exact values, the same estimates and bounds, and byte-identical
 * HLL and Theta sketches, in exact mode (a few keys), in the HLL's list and set modes (a few hundred) and in
 * estimation mode (more keys than the sketches hold). Repeated values count once, repeated occurrences each.
 */
class SketchDeterminismTest {
  @Test
  void sameKeysOnAnyPartitioningGiveTheSameCountsAndSketches() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> keys = spark.range(0, 60_000)
        .select(lit("email_addresses").as("metric"),
            lit("distinct_normalized").as("basis"),
            concat(lit("user"), (col("id").mod(50_000)).cast("string"), lit("@example.com")).as("key"),
            lit(false).as("occurrence"))
        // Occurrences: 300 rows of 250 places (50 places twice) are 300 keys.
        .unionAll(spark.range(0, 300).select(lit("countries").as("metric"), lit("raw").as("basis"),
            col("id").mod(250).cast("string").as("key"), lit(true).as("occurrence")))
        .unionAll(spark.range(0, 12).select(lit("companies").as("metric"), lit("raw").as("basis"),
            col("id").cast("string").as("key"), lit(true).as("occurrence")));
    Map<String, Object[]> one;
    Map<String, Object[]> seven;
    String shuffle = spark.conf().get("spark.sql.shuffle.partitions");
    try {
      spark.conf().set("spark.sql.shuffle.partitions", "1");
      one = measure(keys.repartition(1));
      spark.conf().set("spark.sql.shuffle.partitions", "5");
      seven = measure(keys.repartition(7));
    } finally {
      spark.conf().set("spark.sql.shuffle.partitions", shuffle);
    }
    assertEquals(one.keySet(), seven.keySet());
    for (String k : one.keySet()) {
      Object[] a = one.get(k);
      Object[] b = seven.get(k);
      assertEquals(a[0], b[0], k + " exact");
      assertEquals((double) a[1], (double) b[1], 0.0, k + " HLL estimate");
      assertEquals((double) a[2], (double) b[2], 0.0, k + " HLL lower bound");
      assertEquals((double) a[5], (double) b[5], 0.0, k + " HLL upper bound");
      assertArrayEquals((byte[]) a[3], (byte[]) b[3], k + " Theta sketch");
      assertArrayEquals((byte[]) a[4], (byte[]) b[4], k + " HLL sketch");
    }
    assertEquals(50_000L, one.get("email_addresses/distinct_normalized")[0]);
    assertEquals(300L, one.get("countries/raw")[0]);
    assertEquals(12L, one.get("companies/raw")[0]);
    double estimate = (double) one.get("email_addresses/distinct_normalized")[1];
    assertTrue(Math.abs(estimate - 50_000) < 0.05 * 50_000, "HLL estimate " + estimate);
  }

  /**
   * The n-th of equal occurrences is sketched as its key and running number, so the sketches hold the same keys as
   * before occurrences were numbered in the buckets (and compare with the sketches of earlier runs).
   */
  @Test
  void occurrencesAreSketchedAsNumberedKeys() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> occurrences = spark.range(0, 5_000).select(lit("email_addresses").as("metric"),
        lit("raw").as("basis"), col("id").mod(3_000).cast("string").as("key"), lit(true).as("occurrence"));
    // Row id is the (id / 3000 + 1)-th occurrence of its key.
    Dataset<Row> numbered = spark.range(0, 5_000).select(lit("email_addresses").as("metric"),
        lit("raw").as("basis"),
        concat(col("id").mod(3_000).cast("string"), lit(MetricKeys.SEP),
            col("id").divide(3_000).cast("long").plus(1).cast("string")).as("key"),
        lit(false).as("occurrence"));
    Object[] a = measure(occurrences).get("email_addresses/raw");
    Object[] b = measure(numbered).get("email_addresses/raw");
    assertEquals(5_000L, a[0]);
    assertEquals(b[0], a[0]);
    assertEquals((double) b[1], (double) a[1], 0.0);
    assertArrayEquals((byte[]) b[3], (byte[]) a[3], "Theta sketch");
  }

  private static Map<String, Object[]> measure(Dataset<Row> keys) {
    Map<String, Object[]> out = new TreeMap<>();
    for (Row r : MetricSketches.aggregate(keys).collectAsList()) {
      MetricSketches.Estimate e = MetricSketches.hllEstimate(r.getAs("hll"));
      out.put(r.getAs("metric") + "/" + r.getAs("basis"),
          new Object[] {r.getAs("value"), e.estimate(), e.lower95(), r.getAs("theta"), r.getAs("hll"), e.upper95()});
    }
    return out;
  }
}
