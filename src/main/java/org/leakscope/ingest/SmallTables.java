package org.leakscope.ingest;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.leakscope.io.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code quarantine} and {@code ingest_manifest} tables, written part by part by the ingest tasks
 * ({@link BookkeepingWriter}) and completed on the driver.
 *
 * <p>On a file system that renames atomically (local, HDFS) the tasks write their parts straight into the tables, as
 * Spark's own rename committer would, and nothing is left to do but mark the tables complete; a table of more than
 * {@link #MAX_PARTS} parts (a dump of many gigabytes) is then compacted into one file, so that BI tools do not read
 * thousands of tiny files. On S3A, where every table is committed by an S3A committer and nothing is renamed into
 * place, the tasks write their parts to the stage's working directory and a Spark job writes each table from them.
 *
 * @param quarantine the quarantine table's directory
 * @param manifest   the ingest manifest's directory
 * @param work       a working directory of the stage
 * @param codec      Spark's name of the Parquet codec the tables are written with
 * @param direct     whether the tasks write into the tables themselves
 */
public record SmallTables(String quarantine, String manifest, String work, String codec, boolean direct)
    implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(SmallTables.class);

  /** Parts above which a table written directly is rewritten as one file. */
  public static final int MAX_PARTS = 64;

  /** On an executor: the writer of the quarantine part of task {@code partition}, attempt {@code attempt}. */
  public BookkeepingWriter quarantineWriter(Configuration conf, int partition, int attempt) {
    return new BookkeepingWriter(Schemas.QUARANTINE, Schemas.INGEST_OUTPUT, conf, parts(quarantine, "quarantine"),
        codec, partition, attempt);
  }

  /** On an executor: the writer of the manifest part of task {@code partition}, attempt {@code attempt}. */
  public BookkeepingWriter manifestWriter(Configuration conf, int partition, int attempt) {
    return new BookkeepingWriter(Schemas.INGEST_MANIFEST, Schemas.INGEST_OUTPUT, conf,
        parts(manifest, "ingest_manifest"), codec, partition, attempt);
  }

  /** Before the tasks run: removes an earlier run's tables and parts (the tasks add parts to whatever is there). */
  public void clear(SparkSession spark) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    for (String dir : new String[] {quarantine, manifest, parts(quarantine, "quarantine"),
        parts(manifest, "ingest_manifest")}) {
      delete(conf, dir);
    }
  }

  /** After every task committed: completes both tables. */
  public void finish(SparkSession spark) {
    finish(spark, Schemas.QUARANTINE, quarantine, "quarantine");
    finish(spark, Schemas.INGEST_MANIFEST, manifest, "ingest_manifest");
  }

  private void finish(SparkSession spark, StructType schema, String table, String name) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String parts = parts(table, name);
    int count = BookkeepingWriter.finish(schema, conf, parts, codec);
    if (direct && count <= MAX_PARTS) {
      return;
    }
    if (direct) { // many parts: move them aside, then write the table anew from them
      parts = work + "/" + name + "-parts";
      rename(conf, table, parts);
    }
    spark.sparkContext().setJobDescription("ingest: write " + table + " from " + count + " parts");
    spark.read().schema(schema).parquet(parts).coalesce(1).write().mode(SaveMode.Overwrite).parquet(table);
    LOG.info("ingest: wrote {} as one file from {} parts", table, count);
  }

  /** Where the tasks write a table's parts. */
  private String parts(String table, String name) {
    return direct ? table : work + "/" + name + "-parts";
  }

  private static void rename(Configuration conf, String from, String to) {
    Path target = new Path(to);
    try {
      FileSystem fs = target.getFileSystem(conf);
      fs.delete(target, true);
      fs.mkdirs(target.getParent());
      if (!fs.rename(new Path(from), target)) {
        throw new IOException("rename returned false");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static void delete(Configuration conf, String dir) {
    Path p = new Path(dir);
    try {
      p.getFileSystem(conf).delete(p, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir + " before writing it", e);
    }
  }
}
