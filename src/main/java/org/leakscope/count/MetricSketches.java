package org.leakscope.count;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.hll_sketch_agg;
import static org.apache.spark.sql.functions.udaf;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.theta.Union;
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
 * Exact distinct counts and DataSketches sketches of the {@code (metric, basis, key)} table, aggregated by Spark.
 *
 * <p>HLL ({@code lgK} {@value #HLL_LG_K}, type HLL_8, through Spark's {@code hll_sketch_agg}): relative standard
 * error about 1.6%, the estimate and 95% bounds (two standard deviations) of each metric. Theta ({@code lgK}
 * {@value #THETA_LG_K}, the 4,096 smallest key hashes): for set operations between runs ({@code compare}). Each
 * partition builds one Theta sketch per metric and basis; Spark merges them into one row per metric and basis. The
 * merged sketch keeps the 4,096 smallest hashes of all keys whatever the partitioning, so it is deterministic.
 */
public final class MetricSketches {
  public static final int HLL_LG_K = 12;
  public static final int THETA_LG_K = 12;
  /** Standard deviations of the reported bounds: about a 95% confidence interval (95.4%). */
  public static final int BOUNDS_STD_DEVS = 2;

  private static final String SEP = "\u0000";

  private MetricSketches() {}

  /** {@code metric, basis, value} (exact distinct keys), {@code hll} (serialized HLL sketch). */
  public static Dataset<Row> exactAndHll(Dataset<Row> keys) {
    return keys.groupBy("metric", "basis")
        .agg(count_distinct(col("key")).as("value"), hll_sketch_agg(col("key"), HLL_LG_K).as("hll"));
  }

  /** {@code metric, basis, theta} (serialized compact Theta sketch of the keys). */
  public static Dataset<Row> theta(Dataset<Row> keys) {
    StructType partial = new StructType()
        .add("metric", DataTypes.StringType)
        .add("basis", DataTypes.StringType)
        .add("theta", DataTypes.BinaryType);
    return keys.select("metric", "basis", "key")
        .mapPartitions(new PartialTheta(), Encoders.row(partial))
        .groupBy("metric", "basis")
        .agg(udaf(new ThetaUnion(), Encoders.BINARY()).apply(col("theta")).as("theta"));
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
    return new HllSketch(HLL_LG_K).toCompactByteArray();
  }

  /** A serialized Theta sketch of nothing. */
  public static byte[] emptyTheta() {
    return UpdateSketch.builder().setNominalEntries(1 << THETA_LG_K).build().compact(true, null).toByteArray();
  }

  public static Sketch heapifyTheta(byte[] theta) {
    return org.apache.datasketches.theta.Sketches.heapifySketch(Memory.wrap(theta));
  }

  /** One Theta sketch per metric and basis of a partition's keys. */
  private static final class PartialTheta implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Map<String, UpdateSketch> sketches = new TreeMap<>();
      while (rows.hasNext()) {
        Row r = rows.next();
        if (r.isNullAt(2)) {
          continue;
        }
        sketches.computeIfAbsent(r.getString(0) + SEP + r.getString(1),
                k -> UpdateSketch.builder().setNominalEntries(1 << THETA_LG_K).build())
            .update(r.getString(2));
      }
      List<Row> out = new ArrayList<>(sketches.size());
      sketches.forEach((k, s) -> {
        int sep = k.indexOf(SEP);
        out.add(RowFactory.create(k.substring(0, sep), k.substring(sep + 1), s.compact(true, null).toByteArray()));
      });
      return out.iterator();
    }
  }

  /** Merges serialized Theta sketches into one (ordered, compact). */
  static final class ThetaUnion extends Aggregator<byte[], byte[], byte[]> {
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
      if (a.length == 0) {
        return b == null ? a : b;
      }
      if (b == null || b.length == 0) {
        return a;
      }
      Union union = SetOperation.builder().setNominalEntries(1 << THETA_LG_K).buildUnion();
      union.union(heapifyTheta(a));
      union.union(heapifyTheta(b));
      CompactSketch result = union.getResult(true, null);
      return result.toByteArray();
    }

    /**
     * Always through a union, which keeps the k smallest hashes: a sketch built in one partition holds up to 2k
     * (an update sketch rebuilds lazily), so without this one partition and seven would give different bytes.
     */
    @Override
    public byte[] finish(byte[] reduction) {
      if (reduction.length == 0) {
        return emptyTheta();
      }
      Union union = SetOperation.builder().setNominalEntries(1 << THETA_LG_K).buildUnion();
      union.union(heapifyTheta(reduction));
      return union.getResult(true, null).toByteArray();
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
}
