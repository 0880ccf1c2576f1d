package org.leakscope.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.leakscope.count.CountConfig;
import org.leakscope.count.CountJob;
import org.leakscope.count.CountResult;
import org.leakscope.dedup.DedupConfig;
import org.leakscope.dedup.DedupJob;
import org.leakscope.dedup.DedupResult;
import org.leakscope.extract.ExtractJob;
import org.leakscope.extract.ExtractResult;
import org.leakscope.ingest.IngestConfig;
import org.leakscope.ingest.IngestJob;
import org.leakscope.ingest.IngestResult;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;
import org.leakscope.io.Zones;
import org.leakscope.report.ReportJob;
import org.leakscope.report.SummaryParts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: every stage in one Spark application, then summary.json. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on a dump: ingest, extract, dedup, count, report.")
final class RunCommand implements Callable<Integer> {
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
  @Mixin ExtractOptions extract;
  @Mixin DedupOptions dedup;
  @Mixin CountOptions count;
  @Mixin PublishOptions publish;
  @Mixin ZoneOptions zone;
  @Mixin SparkOptions sparkOptions;

  @Option(
      names = "--drop-restricted",
      description = "Delete the restricted zone (leaked content, identifiers in clear, the generated key) once the "
          + "BI tables, exports and report are written. Later stages cannot then be re-run on this output.")
  boolean dropRestricted;

  @Override
  public Integer call() {
    IngestConfig ingestConfig = new IngestConfig(input, output, limits.toLimits(), taskBytes);
    DedupConfig dedupConfig = dedup.toConfig(output);
    Instant started = Instant.now();
    try (SparkOptions.Session session = sparkOptions.session("run")) {
      SparkSession spark = session.spark();
      OutputLayout out = zone.layout(spark, output);
      var hadoop = spark.sparkContext().hadoopConfiguration();
      CountConfig countConfig = count.toConfig(output, hadoop); // a bad claims file fails before any work
      Zones.clearForRun(spark, out); // a re-run leaves nothing of an earlier (or interrupted) one
      // summary.json grows after each stage, so a run interrupted later can be resumed stage by stage.
      ObjectNode summary = Summary.json().createObjectNode();
      SummaryParts.run(summary, input, started, started);
      summary.remove("finished");
      IngestResult ingest = new IngestJob(spark, ingestConfig).run();
      SummaryParts.ingest(summary, ingest);
      Summary.write(out.summaryJson(), summary, hadoop);
      ExtractResult extractResult = new ExtractJob(spark, extract.toConfig(output)).run();
      SummaryParts.extract(summary, extractResult);
      Summary.write(out.summaryJson(), summary, hadoop);
      DedupResult dedupResult = new DedupJob(spark, dedupConfig).run();
      SummaryParts.dedup(summary, dedupResult, dedupConfig);
      Summary.write(out.summaryJson(), summary, hadoop);
      CountResult countResult = new CountJob(spark, countConfig).run();
      SummaryParts.count(summary, countResult, countConfig);
      SummaryParts.run(summary, input, started, Instant.now());
      Summary.write(out.summaryJson(), summary, hadoop);
      new ReportJob(spark, output, publish.suppression()).run();
      if (dropRestricted) {
        Zones.drop(spark, out);
      }
      System.out.println(Console.ingest(ingest));
      System.out.println(Console.extract(extractResult));
      System.out.println(Console.dedup(dedupResult));
      System.out.println(Console.count(countResult));
      System.out.println("report:  " + out.reportHtml());
      System.out.println("summary: " + out.summaryJson());
      System.out.println(dropRestricted ? "restricted zone: dropped (" + out.restrictedRoot() + ")"
          : "restricted zone: " + out.restrictedRoot() + " (leaked content and identifiers in clear: keep it locked)");
      return 0;
    }
  }
}
