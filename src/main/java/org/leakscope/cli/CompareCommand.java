package org.leakscope.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.leakscope.count.CompareJob;
import org.leakscope.io.OutputLayout;
import org.leakscope.report.CsvExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compare}: the overlap of two counted runs, from their Theta sketches. */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = "Estimate how much of the right run's data is already in the left run (recycled data), per metric "
        + "and basis, from the Theta sketches both runs stored.")
final class CompareCommand implements Callable<Integer> {
  @Option(names = "--left", required = true, description = "Output directory of the earlier (reference) run.")
  String left;

  @Option(names = "--right", required = true, description = "Output directory of the run to check for recycled data.")
  String right;

  @Option(
      names = "--output",
      description = "Where to write tables/comparison and exports/comparison.csv (default: the right run).")
  String output;

  @Mixin SparkOptions sparkOptions;

  @Override
  public Integer call() {
    try (SparkOptions.Session session = sparkOptions.session("compare")) {
      List<CompareJob.Overlap> rows = new CompareJob(session.spark(), left, right, output).run();
      OutputLayout out = new OutputLayout(output == null ? right : output);
      CsvExport.write(session.spark().read().parquet(out.table(OutputLayout.COMPARISON)),
          out.export(OutputLayout.COMPARISON));
      System.out.println(Console.compare(rows));
      return 0;
    }
  }
}
