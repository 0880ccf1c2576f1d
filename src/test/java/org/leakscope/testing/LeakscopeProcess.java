package org.leakscope.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A leakscope command line in a JVM of its own, as {@code jobs/leakscope} runs one: {@code org.leakscope.cli.Main}
 * on the test classpath, with Spark's {@code --add-opens} (system property {@code leakscope.java.opens}, from the
 * pom), a fresh local Spark ({@code local[2]}, UI off, loopback), an environment of the caller's choosing and
 * everything it prints captured. For what an in-JVM run cannot show: a session built from the command line's own
 * {@code --conf}, credentials from the environment, Log4j's console output.
 *
 * @param code   the exit code
 * @param output standard output and standard error, interleaved as printed
 */
public record LeakscopeProcess(int code, String output) {
  private static final List<String> SPARK = List.of(
      "-Dspark.master=local[2]",
      "-Dspark.ui.enabled=false",
      "-Dspark.ui.showConsoleProgress=false",
      "-Dspark.driver.host=127.0.0.1",
      "-Dspark.driver.bindAddress=127.0.0.1",
      "-Dspark.sql.shuffle.partitions=4");

  /**
   * Runs {@code leakscope args…}; {@code env} is added to the test JVM's environment after removing every
   * {@code AWS_*} variable and {@code LEAKSCOPE_PSEUDONYM_KEY} (so that only what the test passes is seen);
   * {@code log4j} is the Log4j configuration file. Fails when the process outlives {@code timeout}.
   */
  public static LeakscopeProcess run(Map<String, String> env, Path log4j, Duration timeout, String... args)
      throws IOException, InterruptedException {
    String classpath = System.getProperty("java.class.path");
    if (!classpath.contains("classes")) {
      throw new IllegalStateException("the test classpath is not in java.class.path: " + classpath);
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(Arrays.asList(System.getProperty("leakscope.java.opens", "").trim().split("\\s+")));
    command.addAll(SPARK);
    command.add("-Dlog4j2.configurationFile=" + log4j);
    command.addAll(List.of("-cp", classpath, "org.leakscope.cli.Main"));
    command.addAll(Arrays.asList(args));
    command.removeIf(String::isEmpty);

    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("LEAKSCOPE_PSEUDONYM_KEY"));
    pb.environment().putAll(env);
    Path out = Files.createTempFile("leakscope-process", ".log");
    try {
      pb.redirectErrorStream(true).redirectOutput(out.toFile());
      Process p = pb.start();
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IllegalStateException("leakscope " + String.join(" ", args) + " still running after " + timeout
            + ":\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new LeakscopeProcess(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
