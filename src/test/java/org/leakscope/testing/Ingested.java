package org.leakscope.testing;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.leakscope.ingest.IngestConfig;
import org.leakscope.ingest.IngestJob;
import org.leakscope.ingest.Limits;

/** Ingest with default limits, as the later stages' tests start: a dump in, a run's output directory out. */
public final class Ingested {
  private Ingested() {}

  public static void run(SparkSession spark, Path dump, String output) {
    new IngestJob(spark, new IngestConfig(dump.toString(), output, Limits.defaults(),
        IngestConfig.DEFAULT_TASK_BYTES)).run();
  }
}
