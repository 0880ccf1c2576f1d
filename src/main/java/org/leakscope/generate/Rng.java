package org.leakscope.generate;

import java.util.SplittableRandom;

/**
 * Deterministic randomness addressed by position: the generator for (seed, stream, index) is the same on every
 * run, thread and machine, so any part of a dump can be produced on its own, in any order, in parallel.
 */
final class Rng {
  private Rng() {}

  static SplittableRandom of(long seed, long stream, long index) {
    return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + index));
  }

  /** SplitMix64's finaliser: a bijective 64-bit mix. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static <T> T pick(SplittableRandom r, T[] values) {
    return values[r.nextInt(values.length)];
  }
}
