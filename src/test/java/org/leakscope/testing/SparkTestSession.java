package org.leakscope.testing;

import org.apache.spark.sql.SparkSession;
import org.leakscope.common.SessionDefaults;
import org.leakscope.io.NioLocalFileSystem;

/**
 * The one local SparkSession all tests share: local[2], UI off, few shuffle partitions, loopback host, and the local
 * file system that the CLI's local sessions get (so every test that writes a table goes through it). It starts on
 * first use and stops when the test JVM exits; if it cannot start, the first test that needs it fails loudly.
 */
public final class SparkTestSession {
  private static SparkSession spark;

  private SparkTestSession() {}

  public static synchronized SparkSession get() {
    if (spark == null) {
      spark =
          SparkSession.builder()
              .appName("leakscope-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.sql.shuffle.partitions", "4")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.session.timeZone", "UTC")
              .config(SessionDefaults.LOCAL_FILE_SYSTEM, NioLocalFileSystem.class.getName())
              .getOrCreate();
      Runtime.getRuntime().addShutdownHook(new Thread(spark::stop));
    }
    return spark;
  }
}
