package org.leakscope.dedup.minhash;

/**
 * Bands and rows of the LSH index for a similarity threshold: the {@code (b, r)} with {@code b * r <= numPerm} that
 * minimizes the weighted sum of the false-positive area (pairs below the threshold that become candidates) and the
 * false-negative area (pairs above it that do not) — the rule of datasketch's {@code MinHashLSH}, with its weights
 * set for dedup: a false negative is a duplicate lost for good, a false positive only costs one signature comparison
 * in verification, so false negatives weigh 0.9 and false positives 0.1. A pair of similarity {@code s} becomes a
 * candidate with probability {@code 1 - (1 - s^r)^b}.
 */
public record LshParams(int bands, int rows) {
  private static final int STEPS = 200;
  static final double FALSE_POSITIVE_WEIGHT = 0.1;
  static final double FALSE_NEGATIVE_WEIGHT = 0.9;

  public LshParams {
    if (bands < 1 || rows < 1) {
      throw new IllegalArgumentException("bands and rows must be positive, got " + bands + " and " + rows);
    }
  }

  /** The probability that a pair of Jaccard similarity {@code s} shares at least one band. */
  public double candidateProbability(double s) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  public static LshParams forThreshold(double threshold, int numPerm) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be between 0 and 1 (exclusive), got " + threshold);
    }
    LshParams best = null;
    double bestError = Double.MAX_VALUE;
    for (int b = 1; b <= numPerm; b++) {
      for (int r = 1; b * r <= numPerm; r++) {
        LshParams p = new LshParams(b, r);
        double falsePositive = integrate(p, 0, threshold, false);
        double falseNegative = integrate(p, threshold, 1, true);
        double error = FALSE_POSITIVE_WEIGHT * falsePositive + FALSE_NEGATIVE_WEIGHT * falseNegative;
        if (error < bestError - 1e-12) {
          bestError = error;
          best = p;
        }
      }
    }
    return best;
  }

  /** Trapezoid rule over [from, to] of the candidate probability, or of its complement. */
  private static double integrate(LshParams p, double from, double to, boolean complement) {
    double step = (to - from) / STEPS;
    double sum = 0;
    for (int i = 0; i <= STEPS; i++) {
      double s = from + i * step;
      double v = complement ? 1 - p.candidateProbability(s) : p.candidateProbability(s);
      sum += (i == 0 || i == STEPS) ? v / 2 : v;
    }
    return sum * step;
  }
}
