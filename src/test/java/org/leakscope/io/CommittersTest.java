package org.leakscope.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.SparkTestSession;

/** Which committer an S3A output gets (the run on S3Proxy is in ObjectStoreRunTest). */
class CommittersTest {
  @TempDir Path tmp;

  /** Hadoop's defaults (core-default.xml) name the classic "file" committer: that is not a choice. */
  private static Configuration defaults() {
    Configuration conf = new Configuration();
    assertEquals("file", conf.get(Committers.NAME), "Hadoop's default");
    return conf;
  }

  @Test
  void nothingSetMeansMagic() {
    assertEquals("magic", Committers.choose(null, defaults()));
    assertEquals(Committers.DEFAULT, Committers.choose("", defaults()));
  }

  @Test
  void aCommitterSetInTheHadoopConfigurationIsKept() {
    Configuration conf = defaults();
    conf.set(Committers.NAME, "directory");
    assertEquals("directory", Committers.choose(null, conf));
  }

  @Test
  void aBucketsOwnSettingIsKept() {
    // What S3A does with fs.s3a.bucket.BUCKET.committer.name when it opens that bucket.
    Configuration conf = defaults();
    conf.set(Committers.NAME, "partitioned", "fs.s3a.bucket.case-42.committer.name");
    assertEquals("partitioned", Committers.choose(null, conf));
  }

  @Test
  void theSessionsSettingComesFirst() {
    Configuration conf = defaults();
    conf.set(Committers.NAME, "directory");
    assertEquals("magic", Committers.choose("magic", conf));
  }

  @Test
  void theClassicCommitterIsRefusedWhenAskedFor() {
    Configuration conf = defaults();
    conf.set(Committers.NAME, "file");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Committers.choose(null, conf));
    assertTrue(e.getMessage().startsWith("fs.s3a.committer.name=file selects the classic rename committer"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Committers.choose("file", defaults()));
  }

  @Test
  void anUnknownCommitterNamesTheValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Committers.choose("magik", defaults()));
    assertEquals("fs.s3a.committer.name=magik is not an S3A committer (magic, directory, partitioned)",
        e.getMessage());
  }

  @Test
  void localOutputsKeepSparksCommitter() {
    SparkSession spark = SparkTestSession.get().newSession();
    assertNull(Committers.apply(spark, tmp.resolve("out").toString(), tmp.resolve("restricted").toString(), null));
    assertFalse(spark.conf().contains(Committers.NAME));
    assertFalse(spark.conf().get(Committers.PROTOCOL).contains("PathOutputCommitProtocol"));
  }
}
