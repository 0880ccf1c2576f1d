package org.leakscope.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.leakscope.count.Claim;
import org.leakscope.count.Claims;
import org.leakscope.count.CountConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The count stage's options, shared by {@code count} and {@code run}. */
final class CountOptions {
  @Option(names = "--claims", paramLabel = "FILE", description = "Published claims to reconcile (YAML, docs/claims.md).")
  String claims;

  @Option(
      names = "--retention-years",
      split = ",",
      paramLabel = "N[,N…]",
      description = "Retention periods for the what-ifs, in years (default 1,2,3).")
  List<Integer> retentionYears = new ArrayList<>(CountConfig.DEFAULT_RETENTION_YEARS);

  @Option(
      names = "--leak-date",
      paramLabel = "YYYY-MM-DD",
      converter = IsoDate.class,
      description = "When the data leaked, for the retention what-ifs (default: the newest item date).")
  LocalDate leakDate;

  /** The config, with the claims file read through Hadoop (so it may sit on any file system the run can read). */
  CountConfig toConfig(String output, Configuration hadoop) {
    List<Claim> parsed = claims == null ? List.of() : Claims.read(claims, hadoop);
    return new CountConfig(output, parsed, retentionYears, leakDate);
  }

  static final class IsoDate implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expected an ISO date (YYYY-MM-DD), got \"" + value + "\"");
      }
    }
  }
}
