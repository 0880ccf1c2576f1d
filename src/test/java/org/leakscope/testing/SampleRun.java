package org.leakscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.output.TeeOutputStream;
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
  /** What the run and the compare printed on standard output and error (Spark's and Log4j's own logging aside). */
  public final String console;

  private SampleRun(Path dir) throws IOException {
    SparkTestSession.get();
    run = dir.resolve("run");
    Path sample = Paths.samples().resolve("bluebleed-mini");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(new PrintStream(new TeeOutputStream(out, printed), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new TeeOutputStream(err, printed), true, StandardCharsets.UTF_8));
    try {
      execute("run", "--input", sample.resolve("dump").toString(), "--output", run.toString(),
          "--claims", sample.resolve("claims.yaml").toString(), "--sweep", "0.6,0.7,0.9");
      execute("compare", "--left", run.toString(), "--right", run.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    console = printed.toString(StandardCharsets.UTF_8);
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
