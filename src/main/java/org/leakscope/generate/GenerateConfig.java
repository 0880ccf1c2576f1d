package org.leakscope.generate;

import java.util.Objects;

/**
 * What {@code generate} makes.
 *
 * @param profile the dump's profile (only {@code bluebleed} so far)
 * @param scale   size: 1 is about 100 MB of dump; linear
 * @param seed    the dump is a function of (profile, scale, seed)
 * @param output  the directory to write: {@code dump/} and the ground truth beside it
 * @param threads how many shards are written at once
 */
public record GenerateConfig(String profile, double scale, long seed, String output, int threads) {
  public GenerateConfig {
    Objects.requireNonNull(output, "--output is required");
    if (!"bluebleed".equals(profile)) {
      throw new IllegalArgumentException("unknown profile '" + profile + "' (known: bluebleed)");
    }
    if (!(scale > 0) || scale > 10_000) {
      throw new IllegalArgumentException("--scale must be in (0, 10000], got " + scale);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }
}
