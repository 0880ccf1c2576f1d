package org.leakscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leakscope.cli.Main;

/**
 * The README's main command on the committed sample ({@code data-samples/bluebleed-mini} with its claims), plus a
 * threshold sweep, run once per test JVM through the CLI, and a {@code compare} of that run with itself (into the run, its default): the output
 * that BI tools, the {@code sql/} files and the notebooks are tested against.
 */
public final class SampleRun {
  private static SampleRun instance;

  /** The run's output directory. */
  public final Path run;
  public final JsonNode summary;

  private SampleRun(Path dir) throws IOException {
    SparkTestSession.get();
    run = dir.resolve("run");
    Path sample = Paths.samples().resolve("bluebleed-mini");
    execute("run", "--input", sample.resolve("dump").toString(), "--output", run.toString(),
        "--claims", sample.resolve("claims.yaml").toString(), "--sweep", "0.6,0.7,0.9");
    execute("compare", "--left", run.toString(), "--right", run.toString());
    summary = new ObjectMapper().readTree(run.resolve("report/summary.json").toFile());
  }

  private static void execute(String... args) {
    int code = Main.execute(args);
    if (code != 0) {
      throw new IllegalStateException("leakscope " + String.join(" ", args) + " exited with " + code);
    }
  }

  public static synchronized SampleRun get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("leakscope-sample-run");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(dir)));
        instance = new SampleRun(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }
}
