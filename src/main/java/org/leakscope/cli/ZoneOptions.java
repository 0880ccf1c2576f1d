package org.leakscope.cli;

import org.apache.spark.sql.SparkSession;
import org.leakscope.io.OutputLayout;
import picocli.CommandLine.Option;

/** Where the restricted zone lives (see docs/privacy.md); shared by every command that reads or writes it. */
final class ZoneOptions {
  @Option(
      names = "--restricted-output",
      paramLabel = "URI",
      description = "Place the restricted zone (leaked content and identifiers in clear, the stages' working data) "
          + "here instead of OUTPUT/restricted, e.g. a locked-down bucket. Remembered for later stages.")
  String restrictedOutput;

  /** The run's layout, recording the restricted zone's place when one is given. */
  OutputLayout layout(SparkSession spark, String output) {
    return OutputLayout.open(output, restrictedOutput, spark.sparkContext().hadoopConfiguration());
  }
}
