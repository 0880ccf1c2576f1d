package org.leakscope.count;

import java.sql.Date;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Each published claim against the measured values: the basis that reproduces it (the closest), the strictest
 * unique count beside it, how far the claim overstates that, and one sentence that says so. Runs on the driver over
 * a few claims and the already aggregated metric values.
 */
public final class Reconciliation {
  private Reconciliation() {}

  /** A claim within this share of a measured value "matches" that basis. */
  public static final double MATCH_TOLERANCE = 0.05;

  /**
   * One reconciled claim.
   *
   * @param measured                  the metric's value at every basis that applies, loosest first (empty when the
   *                                  dump has no such metric, e.g. a record set it does not contain)
   * @param closestBasis              the basis whose value is nearest the claim (ties: the stricter); null without
   *                                  a claimed number or measurements
   * @param closestRelativeDifference (measured − claimed) / claimed at the closest basis; null when claimed is 0
   * @param overstatement             claimed ÷ strictest value; null without a claimed number or when it is 0
   */
  public record Reconciled(
      Claim claim,
      Map<String, Long> measured,
      String closestBasis,
      Long closestValue,
      Double closestRelativeDifference,
      String strictestBasis,
      Long strictestValue,
      Double overstatement,
      String finding) {}

  public static List<Reconciled> of(List<Claim> claims, Map<String, Map<String, Long>> metrics) {
    List<Reconciled> out = new ArrayList<>();
    for (Claim c : claims) {
      out.add(reconcile(c, metrics.getOrDefault(c.metric(), Map.of())));
    }
    return out;
  }

  static Reconciled reconcile(Claim claim, Map<String, Long> values) {
    Map<String, Long> measured = new LinkedHashMap<>();
    Vocabulary.BASES.stream().filter(values::containsKey).forEach(b -> measured.put(b, values.get(b)));
    if (measured.isEmpty()) {
      return new Reconciled(claim, measured, null, null, null, null, null, null,
          "The dump holds no " + Words.metric(claim.metric()) + ", so there is nothing to compare "
              + (claim.claimed() == null ? "the statement" : "the claim of " + Words.number(claim.claimed()))
              + " with.");
    }
    String strictest = null;
    for (String b : measured.keySet()) {
      strictest = b; // ordered loosest first
    }
    long strictValue = measured.get(strictest);
    Long claimed = claim.claimed();
    if (claimed == null) {
      return new Reconciled(claim, measured, null, null, null, strictest, strictValue, null,
          noNumberFinding(claim, measured, strictest));
    }
    String closest = null;
    long best = Long.MAX_VALUE;
    for (Map.Entry<String, Long> e : measured.entrySet()) {
      long distance = Math.abs(e.getValue() - claimed);
      if (distance <= best) { // ties go to the stricter basis, which comes later
        best = distance;
        closest = e.getKey();
      }
    }
    long closestValue = measured.get(closest);
    Double relative = claimed == 0 ? null : (closestValue - claimed) / (double) claimed;
    Double overstatement = strictValue == 0 ? null : claimed / (double) strictValue;
    return new Reconciled(claim, measured, closest, closestValue, relative, strictest, strictValue, overstatement,
        finding(claim, closest, closestValue, relative, strictest, strictValue, overstatement));
  }

  private static String finding(Claim claim, String closest, long closestValue, Double relative, String strictest,
      long strictValue, Double overstatement) {
    String metric = claim.metric();
    String claimText = "The claim of " + Words.number(claim.claimed()) + " " + Words.metric(metric);
    boolean matches = relative != null ? Math.abs(relative) <= MATCH_TOLERANCE : closestValue == 0;
    String strict = "counted strictly (" + Words.basis(strictest) + ": " + Words.meaning(strictest, metric)
        + ") there are " + Words.number(strictValue);
    if (matches && closest.equals(strictest)) {
      return claimText + " matches the strictest count (" + Words.basis(strictest) + ", "
          + Words.number(strictValue) + "): it is not overstated.";
    }
    String near = Words.basis(closest) + " count (" + Words.number(closestValue) + ", "
        + Words.meaning(closest, metric) + Words.offBy(relative) + ")";
    String ratio = overstatement == null ? "" : ", so the claim is " + Words.ratio(overstatement) + " the unique count";
    if (!matches && closest.equals(strictest)) {
      return claimText + " matches no counting definition; the nearest is the strictest, the " + near
          + (overstatement == null ? "" : ": the claim is " + Words.ratio(overstatement) + " that count") + ".";
    }
    return claimText
        + (matches ? " matches the " + near : " matches no counting definition; the nearest is the " + near)
        + "; " + strict + ratio + ".";
  }

  private static String noNumberFinding(Claim claim, Map<String, Long> measured, String strictest) {
    String metric = claim.metric();
    String first = measured.keySet().iterator().next();
    long loose = measured.get(first);
    long strict = measured.get(strictest);
    StringBuilder s = new StringBuilder("The statement gives no number; the dump holds ")
        .append(Words.number(loose)).append(' ').append(Words.metric(metric)).append(" counted ")
        .append(Words.basis(first)).append(" (").append(Words.meaning(first, metric)).append(')');
    if (!first.equals(strictest) && loose == strict) {
      s.append(", and as many ").append(Words.basis(strictest)).append(" (").append(Words.meaning(strictest, metric))
          .append("): none are repeats");
    } else if (!first.equals(strictest)) {
      s.append(" but ").append(Words.number(strict)).append(' ').append(Words.basis(strictest)).append(" (")
          .append(Words.meaning(strictest, metric)).append(')');
      if (loose > 0) {
        s.append(String.format(Locale.ROOT, ": %.0f%% of the %s count are repeats", 100.0 * (loose - strict) / loose,
            Words.basis(first)));
      }
    }
    return s.append('.').toString();
  }

  /** The {@code reconciliation} table: one row per claim, the measured value of each basis in its own column. */
  public static final StructType SCHEMA = schema();

  private static StructType schema() {
    StructType s = new StructType()
        .add("claimant", DataTypes.StringType, false)
        .add("date", DataTypes.DateType, false)
        .add("metric", DataTypes.StringType, false)
        .add("claimed", DataTypes.LongType)
        .add("quote", DataTypes.StringType, false)
        .add("source", DataTypes.StringType, false);
    for (String basis : Vocabulary.BASES) {
      s = s.add("measured_" + basis, DataTypes.LongType);
    }
    return s.add("closest_basis", DataTypes.StringType)
        .add("closest_value", DataTypes.LongType)
        .add("closest_relative_difference", DataTypes.DoubleType)
        .add("strictest_basis", DataTypes.StringType)
        .add("strictest_value", DataTypes.LongType)
        .add("overstatement", DataTypes.DoubleType)
        .add("finding", DataTypes.StringType, false);
  }

  public static Row row(Reconciled r) {
    List<Object> v = new ArrayList<>();
    Claim c = r.claim();
    v.add(c.claimant());
    v.add(Date.valueOf(c.date()));
    v.add(c.metric());
    v.add(c.claimed());
    v.add(c.quote());
    v.add(c.source());
    for (String basis : Vocabulary.BASES) {
      v.add(r.measured().get(basis));
    }
    v.add(r.closestBasis());
    v.add(r.closestValue());
    v.add(r.closestRelativeDifference());
    v.add(r.strictestBasis());
    v.add(r.strictestValue());
    v.add(r.overstatement());
    v.add(r.finding());
    return RowFactory.create(v.toArray());
  }
}
