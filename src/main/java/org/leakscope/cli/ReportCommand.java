package org.leakscope.cli;

import java.util.concurrent.Callable;
import org.leakscope.io.OutputLayout;
import org.leakscope.report.ReportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code report}: the HTML page and the CSV exports of a counted run. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write report/index.html and exports/*.csv of a run that has been counted.")
final class ReportCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, description = "Output directory of the run.")
  String input;

  @Mixin PublishOptions publish;
  @Mixin ZoneOptions zone;
  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    try (SparkOptions.Session session = sparkOptions.session("report")) {
      OutputLayout out = zone.layout(session.spark(), input);
      double seconds = new ReportJob(session.spark(), input, publish.suppression()).run();
      System.out.printf("report  %.1f s%n  %s%n  %s%n", seconds, out.reportHtml(), out.export("*"));
      return 0;
    }
  }
}
