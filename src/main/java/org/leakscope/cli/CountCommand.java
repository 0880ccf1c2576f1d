package org.leakscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.leakscope.count.CountConfig;
import org.leakscope.count.CountJob;
import org.leakscope.count.CountResult;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;
import org.leakscope.report.SummaryParts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code count}: metrics at every basis, estimates, sketches, claims, impact and retention of a run. */
@Command(
    name = "count",
    mixinStandardHelpOptions = true,
    description = "Count every metric at every basis (exact and DataSketches estimates), reconcile claims, and write "
        + "the impact and retention tables of a run that has been ingested, extracted and deduplicated.")
final class CountCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Output directory of the run.")
  String input;

  @Mixin CountOptions count;
  @Mixin ZoneOptions zone;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    try (SparkOptions.Session session = sparkOptions.session("count")) {
      SparkSession spark = session.spark();
      OutputLayout out = zone.layout(spark, input);
      var hadoop = spark.sparkContext().hadoopConfiguration();
      CountConfig config = count.toConfig(input, hadoop);
      CountResult result = new CountJob(spark, config).run();
      ObjectNode summary = Summary.read(out.summaryJson(), hadoop);
      SummaryParts.count(summary, result, config);
      Summary.write(out.summaryJson(), summary, hadoop);
      System.out.println(Console.count(result));
      return 0;
    }
  }
}
