package org.leakscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.leakscope.dedup.DedupConfig;
import org.leakscope.dedup.DedupJob;
import org.leakscope.dedup.DedupResult;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;
import org.leakscope.report.SummaryParts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dedup}: exact groups, near-duplicate clusters and threads of an ingested run. */
@Command(
    name = "dedup",
    mixinStandardHelpOptions = true,
    description = "Find exact and near-duplicate items (MinHash/LSH) and conversation threads in a run's items.")
final class DedupCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Output directory of an ingested run.")
  String input;

  @Mixin DedupOptions dedup;
  @Mixin ZoneOptions zone;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    DedupConfig config = dedup.toConfig(input);
    try (SparkOptions.Session session = sparkOptions.session("dedup")) {
      SparkSession spark = session.spark();
      OutputLayout out = zone.layout(spark, input);
      DedupResult result = new DedupJob(spark, config).run();
      var hadoop = spark.sparkContext().hadoopConfiguration();
      ObjectNode summary = Summary.read(out.summaryJson(), hadoop);
      SummaryParts.dedup(summary, result, config);
      Summary.write(out.summaryJson(), summary, hadoop);
      System.out.println(Console.dedup(result));
      return 0;
    }
  }
}
