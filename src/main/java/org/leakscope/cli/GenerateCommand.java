package org.leakscope.cli;

import java.util.concurrent.Callable;
import org.leakscope.generate.GenerateConfig;
import org.leakscope.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code generate}: a synthetic leaked dump with its ground truth. Runs on local threads, without Spark. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Write a synthetic leaked dump (OUTPUT/dump) and its ground truth (OUTPUT/ground-truth.json).")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--profile", defaultValue = "bluebleed", description = "Dump profile (default bluebleed).")
  String profile;

  @Option(names = "--scale", defaultValue = "1", description = "Size: 1 is about 100 MB; linear (default 1).")
  double scale;

  @Option(names = "--seed", defaultValue = "1", description = "Same seed and scale, same bytes (default 1).")
  long seed;

  @Option(names = "--output", required = true, description = "Directory to write (must not hold a dump yet).")
  String output;

  @Option(names = "--threads", description = "Shards written at once (default: the machine's cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Override
  public Integer call() {
    Generator.Result r = new Generator(new GenerateConfig(profile, scale, seed, output, threads)).run();
    System.out.printf(
        "generate  %.1f s%n  files %,15d%n  bytes %,15d%n  messages %,12d%n  %.1f MB/s%n",
        r.seconds(), r.files(), r.bytes(), r.messages(), r.bytes() / 1e6 / Math.max(r.seconds(), 1e-9));
    return 0;
  }
}
