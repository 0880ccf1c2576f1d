package org.leakscope.dedup;

import java.util.Map;
import org.leakscope.dedup.minhash.LshParams;

/**
 * What the dedup stage found, from the written tables.
 *
 * @param byKind     per item kind: {@code raw}, {@code exact_unique}, {@code near_unique}, {@code too_short}
 *                   (exact groups too short to shingle), {@code record_groups}, {@code threads}, {@code inclusive}
 * @param candidatePairs candidate pairs the LSH index produced (before verification)
 * @param lsh        bands and rows used
 * @param sweep      near-unique items per kind at each threshold reported
 * @param seconds    wall-clock time of the stage
 */
public record DedupResult(
    Map<String, Map<String, Long>> byKind,
    long candidatePairs,
    LshParams lsh,
    Map<Double, Map<String, Long>> sweep,
    double seconds) {

  public long count(String kind, String what) {
    return byKind.getOrDefault(kind, Map.of()).getOrDefault(what, 0L);
  }
}
