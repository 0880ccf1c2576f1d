package org.leakscope.count;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udaf;

import java.util.ArrayList;
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
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Aggregator;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Exact distinct counts and DataSketches sketches of the {@code (metric, basis, key)} table, in one Spark pass: the
 * keys are made distinct (one shuffle), then each partition counts its keys and builds one HLL and one Theta sketch
 * per metric and basis, and Spark sums the counts and unions the sketches into one row per metric and basis. Only
 * those rows reach the driver.
 *
 * <p>HLL (type HLL_8, {@code lgK} {@value #HLL_LG_K}): relative standard error about 1.6%; the estimate and 95%
 * bounds (two standard deviations) of each metric. Theta ({@code lgK} {@value #THETA_LG_K}, the 4,096 smallest key
 * hashes): for set operations between runs ({@code compare}). Both are merged through a union even when one
 * partition built them, so the estimates are the same on any partitioning: a Theta union keeps the 4,096 smallest
 * hashes of all keys (byte for byte the same sketch), an HLL union the register maxima, estimated from the registers
 * alone (see {@link HllUnion#outOfOrder}).
 */
public final class MetricSketches {
  public static final int HLL_LG_K = 12;
  public static final int THETA_LG_K = 12;
  /** Standard deviations of the reported bounds: about a 95% confidence interval (95.4%). */
  public static final int BOUNDS_STD_DEVS = 2;

  private static final String SEP = "\u0000";
  private static final TgtHllType HLL_TYPE = TgtHllType.HLL_8;

  private static final StructType PARTIAL = new StructType()
      .add("metric", DataTypes.StringType)
      .add("basis", DataTypes.StringType)
      .add("value", DataTypes.LongType)
      .add("hll", DataTypes.BinaryType)
      .add("theta", DataTypes.BinaryType);

  private MetricSketches() {}

  /**
   * {@code metric, basis, value} (the exact number of distinct keys), {@code hll} and {@code theta} (serialized
   * sketches of the keys).
   */
  public static Dataset<Row> aggregate(Dataset<Row> keys) {
    return keys.select("metric", "basis", "key").where(col("key").isNotNull()).distinct()
        .mapPartitions(new PartialSketches(), Encoders.row(PARTIAL))
        .groupBy("metric", "basis")
        .agg(sum("value").as("value"),
            udaf(new HllUnion(), Encoders.BINARY()).apply(col("hll")).as("hll"),
            udaf(new ThetaUnion(), Encoders.BINARY()).apply(col("theta")).as("theta"));
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

  /** Per metric and basis of a partition's (distinct) keys: how many, and their HLL and Theta sketches. */
  private static final class PartialSketches implements MapPartitionsFunction<Row, Row> {
    private static final class Partial {
      long count;
      final HllSketch hll = new HllSketch(HLL_LG_K, HLL_TYPE);
      final UpdateSketch theta = newTheta();
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<String, Partial> partials = new TreeMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        Partial p = partials.computeIfAbsent(r.getString(0) + SEP + r.getString(1), k -> new Partial());
        String key = r.getString(2);
        p.count++;
        p.hll.update(key);
        p.theta.update(key);
      }
      List<Row> out = new ArrayList<>(partials.size());
      partials.forEach((k, p) -> {
        int sep = k.indexOf(SEP);
        out.add(RowFactory.create(k.substring(0, sep), k.substring(sep + 1), p.count, p.hll.toCompactByteArray(),
            p.theta.compact(true, null).toByteArray()));
      });
      return out.iterator();
    }
  }

  /** Merges serialized sketches into one; the final result always comes out of a union (see the class comment). */
  private abstract static class SketchUnion extends Aggregator<byte[], byte[], byte[]> {
    abstract byte[] union(byte[]... sketches);

    @Override
    public byte[] zero() {
      return new byte[0];
    }

    @Override
    public byte[] reduce(byte[] buffer, byte[] sketch) {
      return merge(buffer, sketch);
    }

    @Override
    public byte[] merge(byte[] a, byte[] b) {
      if (b == null || b.length == 0) {
        return a;
      }
      return a.length == 0 ? b : union(a, b);
    }

    @Override
    public byte[] finish(byte[] reduction) {
      return union(reduction);
    }

    @Override
    public Encoder<byte[]> bufferEncoder() {
      return Encoders.BINARY();
    }

    @Override
    public Encoder<byte[]> outputEncoder() {
      return Encoders.BINARY();
    }
  }

  static final class HllUnion extends SketchUnion {
    @Override
    byte[] union(byte[]... sketches) {
      org.apache.datasketches.hll.Union union = new org.apache.datasketches.hll.Union(HLL_LG_K);
      for (byte[] s : sketches) {
        if (s.length > 0) {
          union.update(HllSketch.heapify(s));
        }
      }
      return outOfOrder(union.getResult(HLL_TYPE).toCompactByteArray());
    }

    /**
     * Marks a sketch in HLL mode "out of order", so it is estimated from its registers alone (the composite
     * estimator). A union keeps the order-dependent HIP estimator when it copied one partition's sketch or merged
     * small ones into it coupon by coupon, so without the mark one partition and seven would give different
     * estimates of the same registers. Layout: DataSketches HLL preamble, flags in byte 5, current mode in the low
     * two bits of byte 7 (2 = HLL; list and set modes hold exact coupons and have no HIP estimate).
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

  static final class ThetaUnion extends SketchUnion {
    @Override
    byte[] union(byte[]... sketches) {
      org.apache.datasketches.theta.Union union =
          SetOperation.builder().setNominalEntries(1 << THETA_LG_K).buildUnion();
      for (byte[] s : sketches) {
        if (s.length > 0) {
          union.union(heapifyTheta(s));
        }
      }
      return union.getResult(true, null).toByteArray();
    }
  }
}
