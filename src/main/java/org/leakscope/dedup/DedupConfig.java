package org.leakscope.dedup;

import java.util.List;

/**
 * Validated settings of the dedup stage.
 *
 * @param output     the run's output directory (items are read from it, dedup tables written to it)
 * @param threshold  estimated Jaccard similarity at or above which two items are near copies
 * @param numPerm    MinHash permutations (signature length)
 * @param shingle    words per shingle
 * @param sweep      further thresholds whose near-unique counts are reported (may be empty)
 * @param keepQuotes shingle messages with their quoted part (by default it is left out)
 * @param threadWindowDays how far apart two messages with the same subject and a shared participant may be to join
 *                   one conversation
 */
public record DedupConfig(
    String output,
    double threshold,
    int numPerm,
    int shingle,
    List<Double> sweep,
    boolean keepQuotes,
    int threadWindowDays) {
  public static final double DEFAULT_THRESHOLD = 0.8;
  public static final int DEFAULT_NUM_PERM = 128;
  public static final int DEFAULT_SHINGLE = 5;
  public static final int DEFAULT_THREAD_WINDOW_DAYS = 30;

  public DedupConfig {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("output directory is empty");
    }
    checkThreshold("--threshold", threshold);
    sweep = List.copyOf(sweep);
    for (double t : sweep) {
      checkThreshold("--sweep", t);
    }
    if (numPerm < 2 || numPerm > 1024) {
      throw new IllegalArgumentException("--num-perm must be between 2 and 1024, got " + numPerm);
    }
    if (shingle < 1 || shingle > 32) {
      throw new IllegalArgumentException("--shingle must be between 1 and 32 words, got " + shingle);
    }
    if (threadWindowDays < 0) {
      throw new IllegalArgumentException("--thread-window-days must not be negative, got " + threadWindowDays);
    }
  }

  public static DedupConfig defaults(String output) {
    return new DedupConfig(
        output, DEFAULT_THRESHOLD, DEFAULT_NUM_PERM, DEFAULT_SHINGLE, List.of(), false, DEFAULT_THREAD_WINDOW_DAYS);
  }

  /** The lowest threshold of the run: the LSH index is built for it, so one pass serves every threshold. */
  public double lowestThreshold() {
    return sweep.stream().mapToDouble(Double::doubleValue).min().stream()
        .map(t -> Math.min(t, threshold)).findFirst().orElse(threshold);
  }

  private static void checkThreshold(String option, double t) {
    if (!(t > 0 && t < 1)) {
      throw new IllegalArgumentException(option + " must be between 0 and 1 (exclusive), got " + t);
    }
  }
}
