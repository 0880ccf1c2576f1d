package org.leakscope.cli;

import java.util.ArrayList;
import java.util.List;
import org.leakscope.dedup.DedupConfig;
import picocli.CommandLine.Option;

/** The dedup stage's options, shared by {@code dedup} and {@code run}. */
final class DedupOptions {
  @Option(
      names = "--threshold",
      description = "Estimated Jaccard similarity at or above which items are near copies (default 0.8).")
  double threshold = DedupConfig.DEFAULT_THRESHOLD;

  @Option(names = "--num-perm", description = "MinHash permutations (default 128).")
  int numPerm = DedupConfig.DEFAULT_NUM_PERM;

  @Option(names = "--shingle", description = "Words per shingle (default 5).")
  int shingle = DedupConfig.DEFAULT_SHINGLE;

  @Option(
      names = "--sweep",
      split = ",",
      paramLabel = "T[,T…]",
      description = "Also report near-unique counts at these thresholds (one signature pass), e.g. 0.7,0.8,0.9.")
  List<Double> sweep = new ArrayList<>();

  @Option(names = "--keep-quotes", description = "Shingle messages with their quoted part (default: left out).")
  boolean keepQuotes;

  @Option(
      names = "--thread-window-days",
      description = "Days within which messages with one subject and a shared participant join a thread (default 30).")
  int threadWindowDays = DedupConfig.DEFAULT_THREAD_WINDOW_DAYS;

  DedupConfig toConfig(String output) {
    return new DedupConfig(output, threshold, numPerm, shingle, sweep, keepQuotes, threadWindowDays);
  }
}
