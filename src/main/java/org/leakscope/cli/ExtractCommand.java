package org.leakscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.leakscope.extract.ExtractJob;
import org.leakscope.extract.ExtractResult;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;
import org.leakscope.report.SummaryParts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code extract}: entity mentions of an ingested run, normalized and resolved into companies and users. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description = "Find and normalize email addresses, users, companies, countries and phones in a run's items, "
        + "and resolve them into companies and users.")
final class ExtractCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Output directory of an ingested run.")
  String input;

  @Mixin ExtractOptions extract;
  @Mixin ZoneOptions zone;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    try (SparkOptions.Session session = sparkOptions.session("extract")) {
      SparkSession spark = session.spark();
      OutputLayout out = zone.layout(spark, input);
      ExtractResult result = new ExtractJob(spark, extract.toConfig(input)).run();
      var hadoop = spark.sparkContext().hadoopConfiguration();
      ObjectNode summary = Summary.read(out.summaryJson(), hadoop);
      SummaryParts.extract(summary, result);
      Summary.write(out.summaryJson(), summary, hadoop);
      System.out.println(Console.extract(result));
      return 0;
    }
  }
}
