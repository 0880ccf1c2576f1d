package org.leakscope.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * How Spark commits what a stage writes to S3. Spark's own committer (Hadoop's FileOutputCommitter) commits by
 * renaming, which S3A emulates by copying and deleting every file: slow, and a failure part-way leaves a table half
 * moved. So when an output location is on S3A, every write of the session goes through an S3A committer, bound to
 * Spark SQL by spark-hadoop-cloud: {@code PathOutputCommitProtocol} for every format, {@code
 * BindingParquetOutputCommitter} for Parquet. The committer writes a JSON {@code _SUCCESS} that names it.
 *
 * <p>Which committer, first found: {@code fs.s3a.committer.name} set on the session ({@code spark.conf().set});
 * set in the Hadoop configuration ({@code --conf spark.hadoop.fs.s3a.committer.name=…}, {@code core-site.xml}, or per
 * bucket as {@code fs.s3a.bucket.BUCKET.committer.name}); otherwise {@value #DEFAULT}.
 * {@code magic}, {@code directory} and {@code partitioned} are accepted; {@code file} — the classic rename committer,
 * Hadoop's default — is refused when set explicitly. Magic is the default because it needs nothing but the bucket:
 * tasks upload straight to the destination as multipart uploads that only the job commit completes, whereas the
 * directory committer stages each task's output on local disk and passes its list of pending uploads through a
 * cluster file system (HDFS), which a Kubernetes or standalone cluster may not have.
 *
 * <p>Outputs elsewhere (local disk, HDFS) change nothing. Settings stay on the session: a later write elsewhere goes
 * through the same protocol, which falls back to the classic committer for file systems without a committer of their
 * own.
 */
public final class Committers {
  public static final String DEFAULT = "magic";
  static final Set<String> S3A_COMMITTERS = Set.of("magic", "directory", "partitioned");

  static final String PROTOCOL = "spark.sql.sources.commitProtocolClass";
  static final String PARQUET_COMMITTER = "spark.sql.parquet.output.committer.class";
  static final String NAME = "fs.s3a.committer.name";
  static final String FACTORY_PREFIX = "mapreduce.outputcommitter.factory.scheme.";

  static final String PATH_OUTPUT_COMMIT_PROTOCOL = "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol";
  static final String BINDING_PARQUET_COMMITTER = "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter";
  static final String S3A_COMMITTER_FACTORY = "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory";
  // By name: a cluster without hadoop-aws never reaches an s3a:// path, and must not fail to load this class.
  static final String S3A_FILE_SYSTEM = "org.apache.hadoop.fs.s3a.S3AFileSystem";
  private static final String HADOOP_DEFAULTS = "core-default.xml";

  private Committers() {}

  /**
   * Binds the S3A committer to the session when any of {@code locations} is on S3A (any scheme the S3A file system
   * serves, {@code s3a://} usually).
   *
   * @return the committer's name, or null when no location is on S3A (nothing was set)
   * @throws IllegalArgumentException when the configuration names a committer that is not an S3A committer
   */
  public static String apply(SparkSession spark, String... locations) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String session = spark.conf().contains(NAME) ? spark.conf().get(NAME) : null;
    String chosen = null;
    for (FileSystem fs : s3a(Arrays.asList(locations), hadoop)) {
      // The file system's own configuration has its bucket's fs.s3a.bucket.* options resolved.
      String name = choose(session, fs.getConf());
      if (chosen != null && !chosen.equals(name)) {
        throw new IllegalArgumentException("the output locations name different S3A committers (" + chosen + ", "
            + name + "): set " + NAME + " once for the run");
      }
      chosen = name;
      spark.conf().set(FACTORY_PREFIX + fs.getUri().getScheme(), S3A_COMMITTER_FACTORY);
    }
    if (chosen != null) {
      spark.conf().set(PROTOCOL, PATH_OUTPUT_COMMIT_PROTOCOL);
      spark.conf().set(PARQUET_COMMITTER, BINDING_PARQUET_COMMITTER);
      spark.conf().set(NAME, chosen);
    }
    return chosen;
  }

  /** True when {@code location} is on the S3A file system: written through a committer, never by renaming. */
  public static boolean onS3a(Configuration conf, String location) {
    return !s3a(List.of(location), conf).isEmpty();
  }

  /**
   * The committer for a bucket: the session's setting, else one set in the file system's configuration (not
   * Hadoop's {@code file} default), else {@value #DEFAULT}; only an S3A committer.
   */
  static String choose(String sessionValue, Configuration fsConf) {
    String name = sessionValue;
    if (name == null || name.isBlank()) {
      name = explicit(fsConf, NAME);
    }
    if (name == null || name.isBlank()) {
      return DEFAULT;
    }
    name = name.strip();
    if (name.equals("file")) {
      throw new IllegalArgumentException(NAME + "=file selects the classic rename committer, which can lose or "
          + "corrupt output on S3; use magic (the default) or directory");
    }
    if (!S3A_COMMITTERS.contains(name)) {
      throw new IllegalArgumentException(
          NAME + "=" + name + " is not an S3A committer (magic, directory, partitioned)");
    }
    return name;
  }

  /** A value set anywhere but in Hadoop's built-in defaults, or null. */
  private static String explicit(Configuration conf, String key) {
    String[] sources = conf.getPropertySources(key);
    if (sources == null || (sources.length == 1 && HADOOP_DEFAULTS.equals(sources[0]))) {
      return null;
    }
    return conf.getTrimmed(key);
  }

  private static List<FileSystem> s3a(List<String> locations, Configuration conf) {
    return locations.stream()
        .filter(l -> l != null && !l.isBlank())
        .map(l -> fileSystem(l, conf))
        .filter(fs -> fs.getClass().getName().equals(S3A_FILE_SYSTEM))
        .toList();
  }

  private static FileSystem fileSystem(String location, Configuration conf) {
    Path path = new Path(location);
    try {
      return path.getFileSystem(conf);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the file system of " + location + ": " + e.getMessage(), e);
    }
  }
}
