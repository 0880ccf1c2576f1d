package org.leakscope.extract;

import java.util.Objects;

/**
 * Settings of the extract stage.
 *
 * @param output the run's output directory (its {@code items} table is read)
 * @param canonicalAddresses also compute {@code canonical_value} for addresses (plus-tags stripped, Gmail dots
 *     removed): an extra counting basis, off by default because breach counters do not strip them
 * @param keyFile the pseudonymization key's file (any Hadoop path); null: the environment variable, the run's
 *     generated key, or a new one (see docs/privacy.md)
 */
public record ExtractConfig(String output, boolean canonicalAddresses, String keyFile) {
  public ExtractConfig(String output, boolean canonicalAddresses) {
    this(output, canonicalAddresses, null);
  }

  public ExtractConfig {
    Objects.requireNonNull(output, "output");
    if (output.isBlank()) {
      throw new IllegalArgumentException("output directory is blank");
    }
  }
}
