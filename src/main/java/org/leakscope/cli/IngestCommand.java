package org.leakscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.leakscope.ingest.IngestConfig;
import org.leakscope.ingest.IngestJob;
import org.leakscope.ingest.IngestResult;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;
import org.leakscope.report.SummaryParts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ingest}: raw dump to items, quarantine and ingest_manifest. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Convert a raw dump (any Hadoop FileSystem URI) to Parquet tables, accounting for every unit.")
final class IngestCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Dump file or directory (file:, hdfs:, s3a: …).")
  String input;

  @Option(names = "--output", required = true, description = "Output directory of the run.")
  String output;

  @Option(
      names = "--task-bytes",
      converter = Sizes.class,
      description = "Input bytes per Spark task (default 64m).")
  long taskBytes = IngestConfig.DEFAULT_TASK_BYTES;

  @Mixin LimitOptions limits;
  @Mixin ZoneOptions zone;
  @Mixin SparkOptions sparkOptions;

  IngestConfig config() {
    return new IngestConfig(input, output, limits.toLimits(), taskBytes);
  }

  @Override
  public Integer call() {
    IngestConfig config = config();
    try (SparkOptions.Session session = sparkOptions.session("ingest")) {
      SparkSession spark = session.spark();
      OutputLayout out = zone.layout(spark, config.output());
      IngestResult result = new IngestJob(spark, config).run();
      var hadoop = spark.sparkContext().hadoopConfiguration();
      ObjectNode summary = Summary.read(out.summaryJson(), hadoop);
      SummaryParts.ingest(summary, result);
      Summary.write(out.summaryJson(), summary, hadoop);
      System.out.println(Console.ingest(result));
      return 0;
    }
  }
}
