package org.leakscope.extract;

import java.util.Objects;

/**
 * Settings of the extract stage.
 *
 * @param output the run's output directory (its {@code items} table is read)
 * @param canonicalAddresses also compute {@code canonical_value} for addresses (plus-tags stripped, Gmail dots
 *     removed): an extra counting basis, off by default because breach counters do not strip them
 */
public record ExtractConfig(String output, boolean canonicalAddresses) {
  public ExtractConfig {
    Objects.requireNonNull(output, "output");
    if (output.isBlank()) {
      throw new IllegalArgumentException("output directory is blank");
    }
  }
}
