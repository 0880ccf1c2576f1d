package org.leakscope.count;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/**
 * Validated settings of the count stage.
 *
 * @param output         the run's output directory (its tables are read, the count tables written to it)
 * @param claims         published claims to reconcile (may be empty)
 * @param retentionYears retention periods whose what-ifs are computed, in years (distinct, ascending)
 * @param leakDate       the date the data leaked, for the retention what-ifs; null: the newest item date
 */
public record CountConfig(String output, List<Claim> claims, List<Integer> retentionYears, LocalDate leakDate) {
  public static final List<Integer> DEFAULT_RETENTION_YEARS = List.of(1, 2, 3);

  public CountConfig {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("output directory is empty");
    }
    claims = List.copyOf(claims);
    for (int years : retentionYears) {
      if (years < 1 || years > 100) {
        throw new IllegalArgumentException("--retention-years must be between 1 and 100, got " + years);
      }
    }
    retentionYears = List.copyOf(new TreeSet<>(retentionYears));
  }

  public static CountConfig defaults(String output) {
    return new CountConfig(output, List.of(), DEFAULT_RETENTION_YEARS, null);
  }
}
