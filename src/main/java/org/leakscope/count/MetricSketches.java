package org.leakscope.count;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.theta.Sketches;
import org.apache.datasketches.theta.UpdateSketch;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Exact distinct counts and DataSketches sketches of the {@code (metric, basis, key)} table. Repeated values are
 * dropped first (Spark's {@code distinct}); then the keys are hashed (xxHash64 of metric, basis and key) into
 * {@value #BUCKETS} buckets and sorted within them by that hash, each bucket counts its distinct keys and builds one
 * HLL and one Theta sketch per metric and basis, in hash order, and the buckets' sketches of a metric and basis are
 * unioned in bucket order. Only one row per metric and basis reaches the driver.
 *
 * <p>Every step has a fixed order (the hash and Spark's bucket of it do not depend on the cluster, and the bucket
 * count is not the shuffle-partition setting), so the sketches are the same bytes on any master and partitioning —
 * not only the same estimates: a small HLL sketch (list or set mode) lists its coupons in insertion order, an HLL
 * accumulates its HIP estimator in update order, and a Theta sketch's hash table is laid out in insertion order.
 *
 * <p>HLL (type HLL_8, {@code lgK} {@value #HLL_LG_K}): relative standard error about 1.6%; the estimate and 95%
 * bounds (two standard deviations) of each metric, from the registers alone (see {@link #outOfOrder}). Theta
 * ({@code lgK} {@value #THETA_LG_K}, the 4,096 smallest key hashes): for set operations between runs ({@code
 * compare}).
 */
public final class MetricSketches {
  public static final int HLL_LG_K = 12;
  public static final int THETA_LG_K = 12;
  /** Standard deviations of the reported bounds: about a 95% confidence interval (95.4%). */
  public static final int BOUNDS_STD_DEVS = 2;
  /**
   * Buckets of keys, each sketched by one task: enough tasks for a cluster, few enough that a metric's partial
   * sketches (at most 4 KB HLL and 32 KB Theta each) fit one row. Changing it changes the sketches' bytes (not their
   * estimates in exact mode).
   */
  static final int BUCKETS = 64;

  private static final TgtHllType HLL_TYPE = TgtHllType.HLL_8;

  private static final StructType PARTIAL = new StructType()
      .add("metric", DataTypes.StringType)
      .add("basis", DataTypes.StringType)
      .add("bucket", DataTypes.IntegerType)
      .add("value", DataTypes.LongType)
      .add("hll", DataTypes.BinaryType)
      .add("theta", DataTypes.BinaryType);

  private static final StructType RESULT = new StructType()
      .add("metric", DataTypes.StringType)
      .add("basis", DataTypes.StringType)
      .add("value", DataTypes.LongType)
      .add("hll", DataTypes.BinaryType)
      .add("theta", DataTypes.BinaryType);

  private MetricSketches() {}

  /**
   * {@code metric, basis, value} (the exact number of distinct keys), {@code hll} and {@code theta} (serialized
   * sketches of the keys), from {@code metric, basis, key, occurrence} rows. A row with {@code occurrence} true is
   * one occurrence of its key: the n-th equal row is counted and sketched as {@code key + "\0" + n} (null counts as
   * false). The rows of one metric, basis and key are expected to agree on it: MetricKeys makes a basis all one or
   * the other.
   */
  public static Dataset<Row> aggregate(Dataset<Row> keys) {
    Dataset<Row> all = keys.where(col("key").isNotNull())
        .select(col("metric"), col("basis"), col("key"), coalesce(col("occurrence"), lit(false)).as("occurrence"));
    // A value is counted once however often it recurs, and most recur (an address in every message it is in):
    // each task drops its repeats before the shuffle (Spark's partial aggregation), so the buckets receive a few
    // rows per value instead of one per mention (at scale 8, 4 M rows fewer to shuffle and sort).
    Dataset<Row> distinctValues = all.where(not(col("occurrence"))).distinct();
    // Sorted by a 64-bit hash of the whole key first: the sort compares longs (Spark's sort prefix), not strings
    // that share their first bytes, and equal keys still end up adjacent.
    return distinctValues.unionAll(all.where(col("occurrence")))
        .withColumn("hash", xxhash64(col("metric"), col("basis"), col("key")))
        .repartition(BUCKETS, col("hash"))
        .sortWithinPartitions("hash", "metric", "basis", "key")
        .mapPartitions(new BucketSketches(), Encoders.row(PARTIAL))
        .groupBy("metric", "basis")
        .agg(collect_list(struct("bucket", "value", "hll", "theta")).as("buckets"))
        .map(new UnionInBucketOrder(), Encoders.row(RESULT));
  }

  /** An estimate with its 95% bounds. */
  public record Estimate(double estimate, double lower95, double upper95) {
    static final Estimate ZERO = new Estimate(0, 0, 0);
  }

  /** The estimate and bounds of a serialized HLL sketch (null or empty: zero). */
  public static Estimate hllEstimate(byte[] hll) {
    if (hll == null || hll.length == 0) {
      return Estimate.ZERO;
    }
    HllSketch sketch = HllSketch.heapify(hll);
    return new Estimate(sketch.getEstimate(), sketch.getLowerBound(BOUNDS_STD_DEVS),
        sketch.getUpperBound(BOUNDS_STD_DEVS));
  }

  /** A serialized HLL sketch of nothing (for bases that apply but found nothing). */
  public static byte[] emptyHll() {
    return new HllSketch(HLL_LG_K, HLL_TYPE).toCompactByteArray();
  }

  /** A serialized Theta sketch of nothing. */
  public static byte[] emptyTheta() {
    return newTheta().compact(true, null).toByteArray();
  }

  public static Sketch heapifyTheta(byte[] theta) {
    return Sketches.heapifySketch(Memory.wrap(theta));
  }

  private static UpdateSketch newTheta() {
    return UpdateSketch.builder().setNominalEntries(1 << THETA_LG_K).build();
  }

  /**
   * One bucket's keys, sorted by hash: per metric and basis, the number of distinct keys and their sketches, built in
   * that order. Equal keys are adjacent, so the first of each run is the one counted; in a run of equal occurrences,
   * each is counted under its running number.
   */
  private static final class BucketSketches implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      int bucket = TaskContext.getPartitionId();
      Map<MetricBasis, Partial> partials = new TreeMap<>(MetricBasis.ORDER);
      long hash = 0;
      String metric = null;
      String basis = null;
      String key = null;
      Partial partial = null;
      long repeat = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        boolean occurrence = r.getBoolean(3);
        if (metric != null && r.getLong(4) == hash && r.getString(0).equals(metric) && r.getString(1).equals(basis)
            && r.getString(2).equals(key)) {
          if (occurrence) {
            partial.add(key + MetricKeys.SEP + ++repeat);
          }
          continue; // the same value again
        }
        hash = r.getLong(4);
        metric = r.getString(0);
        basis = r.getString(1);
        key = r.getString(2);
        partial = partials.computeIfAbsent(new MetricBasis(metric, basis), k -> new Partial());
        repeat = 1;
        partial.add(occurrence ? key + MetricKeys.SEP + repeat : key);
      }
      List<Row> out = new ArrayList<>(partials.size());
      partials.forEach((m, p) -> out.add(RowFactory.create(m.metric(), m.basis(), bucket, p.count,
          p.hll.toCompactByteArray(), p.theta.compact(true, null).toByteArray())));
      return out.iterator();
    }
  }

  private record MetricBasis(String metric, String basis) {
    static final Comparator<MetricBasis> ORDER =
        Comparator.comparing(MetricBasis::metric).thenComparing(MetricBasis::basis);
  }

  /** The distinct keys of one metric and basis in one bucket: their number and sketches. */
  private static final class Partial {
    long count;
    final HllSketch hll = new HllSketch(HLL_LG_K, HLL_TYPE);
    final UpdateSketch theta = newTheta();

    void add(String key) {
      count++;
      hll.update(key);
      theta.update(key);
    }
  }

  /** A metric's bucket sketches, unioned in bucket order: the count summed, one HLL and one Theta sketch. */
  private static final class UnionInBucketOrder implements MapFunction<Row, Row> {
    @Override
    public Row call(Row r) {
      List<Row> buckets = new ArrayList<>(r.<Row>getList(2));
      buckets.sort(Comparator.comparingInt(b -> b.getInt(0)));
      org.apache.datasketches.hll.Union hll = new org.apache.datasketches.hll.Union(HLL_LG_K);
      org.apache.datasketches.theta.Union theta =
          SetOperation.builder().setNominalEntries(1 << THETA_LG_K).buildUnion();
      long count = 0;
      for (Row b : buckets) {
        count += b.getLong(1);
        hll.update(HllSketch.heapify((byte[]) b.get(2)));
        theta.union(heapifyTheta((byte[]) b.get(3)));
      }
      return RowFactory.create(r.getString(0), r.getString(1), count,
          outOfOrder(hll.getResult(HLL_TYPE).toCompactByteArray()), theta.getResult(true, null).toByteArray());
    }
  }

  /**
   * Marks a sketch in HLL mode "out of order", so it is estimated from its registers alone (the composite
   * estimator), as a union of sketches that saw different keys should be: a union keeps the HIP estimator of the
   * first sketch it copied, which only that bucket's keys fed. Layout: DataSketches HLL preamble, flags in byte 5,
   * current mode in the low two bits of byte 7 (2 = HLL; list and set modes hold exact coupons and have no HIP
   * estimate).
   */
  static byte[] outOfOrder(byte[] hll) {
    final int flagsByte = 5;
    final int modeByte = 7;
    final int hllMode = 2;
    final int outOfOrderFlag = 16;
    if ((hll[modeByte] & 3) == hllMode) {
      hll[flagsByte] |= outOfOrderFlag;
    }
    return hll;
  }
}
