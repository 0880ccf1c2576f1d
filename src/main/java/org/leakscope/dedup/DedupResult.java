package org.leakscope.dedup;

import java.util.Map;
import org.leakscope.dedup.minhash.LshParams;

/**
 * What the dedup stage found, from the written tables.
 *
 * @param byKind     per item kind: {@code raw}, {@code exact_unique}, {@code near_unique}, {@code too_short}
 *                   (exact groups too short to shingle), {@code record_groups}, {@code threads}, {@code inclusive}
 * @param candidatePairs candidate pairs the LSH index produced (before verification)
 * @param shingles   shingles hashed into signatures
 * @param lsh        bands and rows used
 * @param sweep      near-unique items per kind at each threshold reported
 * @param stepSeconds wall-clock time of each named step
 * @param seconds    wall-clock time of the stage
 */
public record DedupResult(
    Map<String, Map<String, Long>> byKind,
    long candidatePairs,
    long shingles,
    LshParams lsh,
    Map<Double, Map<String, Long>> sweep,
    Map<String, Double> stepSeconds,
    double seconds) {

  public long count(String kind, String what) {
    return byKind.getOrDefault(kind, Map.of()).getOrDefault(what, 0L);
  }
}
