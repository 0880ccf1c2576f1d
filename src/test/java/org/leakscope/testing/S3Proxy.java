package org.leakscope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server (S3Proxy) on 127.0.0.1, for tests that read and write {@code s3a://}. It runs in a JVM of
 * its own, from the self-contained jar the build copies to {@code target/s3proxy/} (system property
 * {@code leakscope.s3proxy.jar}): that jar bundles Jetty 12, jclouds, Guava 33, Jackson and Logback, which would
 * displace Spark's versions on one classpath. Objects are kept in the server's memory (the {@code transient}
 * backend: it lists directory markers as S3 does; the {@code filesystem-nio2} and {@code transient-nio2} backends
 * list them without a size, which S3A cannot parse).
 *
 * <pre>{@code
 * try (S3Proxy s3 = S3Proxy.start(tmp.resolve("s3proxy"), "access", "secret", "bucket")) {
 *   FileSystem fs = FileSystem.newInstance(URI.create("s3a://bucket/"), s3.clientConf());
 * }
 * }</pre>
 */
public final class S3Proxy implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final int ATTEMPTS = 3;

  private final Process process;
  private final String endpoint;
  private final Path log;
  private final String accessKey;
  private final String secretKey;

  private S3Proxy(Process process, String endpoint, Path log, String accessKey, String secretKey) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /**
   * Starts a server that accepts only the given credentials (AWS signature v2 or v4), with empty {@code buckets};
   * {@code dir} holds the server's configuration and its log. Fails, quoting the log, when the server does not answer
   * within a minute.
   */
  public static S3Proxy start(Path dir, String accessKey, String secretKey, String... buckets)
      throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("leakscope.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no S3Proxy jar at " + jar + ": the build copies it there "
          + "(maven-dependency-plugin, phase generate-test-resources); run the tests through Maven");
    }
    Files.createDirectories(dir);
    IllegalStateException failure = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      // A free port now may be taken by the time the server binds it: then the server exits and another is tried.
      int port = freePort();
      String endpoint = "http://127.0.0.1:" + port;
      Path properties = dir.resolve("s3proxy-" + attempt + ".properties");
      Files.writeString(properties, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + accessKey,
          "s3proxy.credential=" + secretKey,
          "jclouds.provider=transient",
          // The backend's own credentials (memory needs none, but jclouds wants them).
          "jclouds.identity=local",
          "jclouds.credential=local",
          ""), StandardCharsets.UTF_8);
      Path log = dir.resolve("s3proxy-" + attempt + ".log");
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx256m", "-jar", jar.toString(),
          "--properties", properties.toString()));
      pb.environment().put("LOG_LEVEL", "warn");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      Process process = pb.start();
      S3Proxy server = new S3Proxy(process, endpoint, log, accessKey, secretKey);
      if (server.awaitReady()) {
        server.createBuckets(buckets);
        return server;
      }
      server.close();
      failure = new IllegalStateException("S3Proxy did not start on " + endpoint + ":\n" + server.logTail());
    }
    throw failure;
  }

  /** The endpoint URL, for {@code fs.s3a.endpoint}. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The S3A settings of this server other than credentials: endpoint, path-style requests (no bucket host names on
   * 127.0.0.1), a region (for signing; S3Proxy ignores it).
   */
  public List<String> s3aSettings() {
    return List.of(
        "fs.s3a.endpoint=" + endpoint,
        "fs.s3a.path.style.access=true",
        "fs.s3a.endpoint.region=us-east-1");
  }

  /** A Hadoop configuration for the test's own S3A client: {@link #s3aSettings()} and the credentials. */
  public Configuration clientConf() {
    Configuration conf = new Configuration();
    for (String s : s3aSettings()) {
      int eq = s.indexOf('=');
      conf.set(s.substring(0, eq), s.substring(eq + 1));
    }
    conf.set("fs.s3a.access.key", accessKey);
    conf.set("fs.s3a.secret.key", secretKey);
    return conf;
  }

  /** Through the AWS SDK (S3A creates no buckets); the SDK comes with hadoop-aws. */
  private void createBuckets(String... buckets) {
    try (S3Client client = S3Client.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build()) {
      for (String bucket : buckets) {
        client.createBucket(b -> b.bucket(bucket));
      }
    }
  }

  /** Ready when it answers an anonymous request with S3's access-denied error. */
  private boolean awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      try {
        HttpURLConnection c = (HttpURLConnection) URI.create(endpoint + "/").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(5000);
        int status = c.getResponseCode();
        try (InputStream body = c.getErrorStream() != null ? c.getErrorStream() : c.getInputStream()) {
          String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
          if (status == 403 && text.contains("AccessDenied") && process.isAlive()) {
            return true;
          }
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    return false;
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
