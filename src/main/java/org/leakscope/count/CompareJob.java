package org.leakscope.count;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.theta.CompactSketch;
import org.apache.datasketches.theta.Intersection;
import org.apache.datasketches.theta.SetOperation;
import org.apache.datasketches.theta.Sketch;
import org.apache.datasketches.thetacommon.BoundsOnRatiosInThetaSketchedSets;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.TableFormat;

/**
 * {@code compare}: how much two runs overlap, from their stored Theta sketches. Per metric and basis: each side's
 * count, the estimated intersection with 95% bounds, and the share of the right run already present in the left
 * (recycled data). Writes the {@code comparison} table into the output run (by default the right one).
 */
public final class CompareJob {
  public static final StructType SCHEMA = new StructType()
      .add("metric", DataTypes.StringType, false)
      .add("basis", DataTypes.StringType, false)
      .add("left_value", DataTypes.LongType, false)
      .add("right_value", DataTypes.LongType, false)
      .add("left_estimate", DataTypes.DoubleType, false)
      .add("right_estimate", DataTypes.DoubleType, false)
      .add("intersection_estimate", DataTypes.DoubleType, false)
      .add("intersection_lower95", DataTypes.DoubleType, false)
      .add("intersection_upper95", DataTypes.DoubleType, false)
      .add("right_in_left_share", DataTypes.DoubleType)
      .add("right_in_left_lower95", DataTypes.DoubleType)
      .add("right_in_left_upper95", DataTypes.DoubleType);

  /** One metric and basis compared; the share fields are null when the right side is empty. */
  public record Overlap(
      String metric,
      String basis,
      long leftValue,
      long rightValue,
      double leftEstimate,
      double rightEstimate,
      double intersectionEstimate,
      double intersectionLower95,
      double intersectionUpper95,
      Double rightInLeftShare,
      Double rightInLeftLower95,
      Double rightInLeftUpper95) {
    Row row() {
      return RowFactory.create(metric, basis, leftValue, rightValue, leftEstimate, rightEstimate,
          intersectionEstimate, intersectionLower95, intersectionUpper95, rightInLeftShare, rightInLeftLower95,
          rightInLeftUpper95);
    }
  }

  private final SparkSession spark;
  private final OutputLayout left;
  private final OutputLayout right;
  private final OutputLayout output;

  public CompareJob(SparkSession spark, String left, String right, String output) {
    this.spark = spark;
    this.left = OutputLayout.open(left, null, spark.sparkContext().hadoopConfiguration());
    this.right = OutputLayout.open(right, null, spark.sparkContext().hadoopConfiguration());
    this.output = OutputLayout.open(output == null ? right : output, null, spark.sparkContext().hadoopConfiguration());
  }

  /** The comparison, in report order; also written as {@code tables/comparison}. */
  public List<Overlap> run() {
    TableFormat.apply(spark, output);
    Dataset<Row> l = sides(left, "left");
    Dataset<Row> r = sides(right, "right");
    // One row per metric and basis present in both runs: a few dozen small sketches.
    List<Row> pairs = l.join(r, new String[] {"metric", "basis"}).collectAsList();
    List<Overlap> rows = new ArrayList<>();
    for (Row p : pairs) {
      rows.add(compare(p.getAs("metric"), p.getAs("basis"), p.<Long>getAs("left_value"),
          p.<Long>getAs("right_value"), MetricSketches.heapifyTheta(p.getAs("left_theta")),
          MetricSketches.heapifyTheta(p.getAs("right_theta"))));
    }
    rows.sort((a, b) -> {
      int c = Vocabulary.compareMetrics(a.metric(), b.metric());
      return c != 0 ? c : Integer.compare(Vocabulary.strictness(a.basis()), Vocabulary.strictness(b.basis()));
    });
    spark.createDataFrame(rows.stream().map(Overlap::row).toList(), SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(output.table(OutputLayout.COMPARISON));
    return rows;
  }

  static Overlap compare(String metric, String basis, long leftValue, long rightValue, Sketch a, Sketch b) {
    Intersection intersection = SetOperation.builder().buildIntersection();
    intersection.intersect(a);
    intersection.intersect(b);
    CompactSketch both = intersection.getResult();
    int sd = MetricSketches.BOUNDS_STD_DEVS;
    Double share = null;
    Double shareLow = null;
    Double shareHigh = null;
    if (!b.isEmpty() && b.getEstimate() > 0) {
      share = BoundsOnRatiosInThetaSketchedSets.getEstimateOfBoverA(b, both);
      shareLow = BoundsOnRatiosInThetaSketchedSets.getLowerBoundForBoverA(b, both);
      shareHigh = BoundsOnRatiosInThetaSketchedSets.getUpperBoundForBoverA(b, both);
    }
    return new Overlap(metric, basis, leftValue, rightValue, a.getEstimate(), b.getEstimate(),
        both.getEstimate(), both.getLowerBound(sd), both.getUpperBound(sd), share, shareLow, shareHigh);
  }

  private Dataset<Row> sides(OutputLayout run, String side) {
    // In the restricted zone: gone after --drop-restricted, which the error then says.
    String path = run.requireRestricted(OutputLayout.SKETCHES, "count", spark.sparkContext().hadoopConfiguration());
    Dataset<Row> sketches = spark.read().parquet(path);
    Dataset<Row> counts = spark.read().parquet(run.table(OutputLayout.METRIC_COUNTS));
    return sketches.join(counts, new String[] {"metric", "basis"})
        .select(col("metric"), col("basis"), col("value").as(side + "_value"), col("theta").as(side + "_theta"));
  }

}
