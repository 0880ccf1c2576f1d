package org.leakscope.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.leakscope.common.SessionDefaults;
import picocli.CommandLine.Option;

/**
 * Options that shape the Spark session. Precedence, lowest first: Spark's defaults, {@link SessionDefaults},
 * spark-submit's settings (or the system properties jobs/leakscope sets), then {@code --master} and {@code --conf}
 * here.
 */
final class SparkOptions {
  @Option(
      names = "--master",
      description = "Spark master URL (default: the one spark-submit gives; jobs/leakscope uses local[*]).")
  String master;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      description = "Extra Spark setting; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  /** A session and whether this command owns it (and so must stop it). */
  record Session(SparkSession spark, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        spark.stop();
      }
    }
  }

  /**
   * The session to run in: an already running one (an embedding application, a notebook, the test suite) is used as
   * it is and left running; otherwise a new one is built and stopped when the command ends.
   */
  Session session(String command) {
    scala.Option<SparkSession> running = SparkSession.getActiveSession();
    if (running.isEmpty()) {
      running = SparkSession.getDefaultSession();
    }
    if (running.isDefined()) {
      return new Session(running.get(), false);
    }
    return new Session(open(command), true);
  }

  private SparkSession open(String command) {
    SparkSession.Builder builder = SparkSession.builder().appName("leakscope " + command);
    if (master != null) {
      builder.master(master);
    }
    SessionDefaults.apply(builder, master);
    conf.forEach(builder::config);
    return builder.getOrCreate();
  }
}
