package org.leakscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.generate.GenerateConfig;
import org.leakscope.generate.Generator;
import org.leakscope.testing.FileTrees;
import org.leakscope.testing.RunOutputs;
import org.leakscope.testing.SparkTestSession;

/**
 * leakscope on a real Spark standalone cluster: {@code jobs/local-cluster} starts a master and two workers as JVMs of
 * their own, {@code jobs/submit} ships the job jar to it in client mode, and the outputs must equal, row for row, a
 * {@code local[2]} run of the same generated dump (in the test's JVM) — a whole {@code run} undisturbed, and the dedup
 * stage again with an executor JVM killed (SIGKILL) while it runs its tasks. Runs after {@code package} (failsafe),
 * against {@code target/leakscope.jar}.
 */
class StandaloneClusterIT {
  @TempDir static Path tmp;
  private static final Path REPO = Path.of(System.getProperty("leakscope.basedir", System.getProperty("user.dir")));
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(12);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXECUTOR_LOST = Pattern.compile("Lost executor (\\d+) on 127\\.0\\.0\\.1");
  private static final Pattern GRANTED = Pattern.compile("Granted executor ID \\S+ on hostPort ([0-9.]+):");
  private static Path input;
  private static Path key;
  private static Path reference;
  private static Map<String, String> clusterEnv;
  private static String master;

  @BeforeAll
  static void dumpReferenceAndCluster() throws Exception {
    SparkTestSession.get();
    input = tmp.resolve("dump");
    new Generator(new GenerateConfig("bluebleed", 0.01, 2207, input.toString(), 2)).run();
    key = tmp.resolve("pseudonym.key");
    Files.writeString(key, "8899aabbccddeeff00112233445566778899aabbccddeeff0011223344556677\n");
    // The reference: local[2] (the tests' session), four shuffle partitions.
    reference = tmp.resolve("local");
    assertEquals(0, Main.execute("run", "--input", input.toString(), "--output", reference.toString(), "--key-file",
        key.toString()));

    clusterEnv = Map.of("LEAKSCOPE_CLUSTER_DIR", tmp.resolve("local-cluster").toString());
    int port = freePort();
    master = "spark://127.0.0.1:" + port;
    Script start = script(List.of("jobs/local-cluster", "start", "--port", String.valueOf(port), "--webui-port",
        String.valueOf(freePort())), clusterEnv, tmp.resolve("cluster-start.log"), Duration.ofMinutes(3));
    assertEquals(0, start.code(), "jobs/local-cluster start:\n" + start.output());
    assertTrue(start.output().contains("2 workers"), start.output());
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterEnv != null) {
      Script stop = script(List.of("jobs/local-cluster", "stop"), clusterEnv, tmp.resolve("cluster-stop.log"),
          Duration.ofMinutes(1));
      assertEquals(0, stop.code(), stop.output());
    }
  }

  @Test
  void aClusterRunEqualsALocalRun() throws Exception {
    Path log = tmp.resolve("cluster-run.log");
    Process run = submit(List.of("run", "--input", input.toString(), "--output", tmp.resolve("cluster").toString(),
        "--key-file", key.toString()), freePort(), log);
    Script result = Script.await(run, log, RUN_TIMEOUT);
    assertEquals(0, result.code(), result.output());
    // Both workers ran an executor of this application: the work really left the driver.
    assertEquals(List.of("127.0.0.1", "127.0.0.1"), GRANTED.matcher(result.output()).results().map(m -> m.group(1))
        .toList(), "executors granted:\n" + tail(result.output()));
    assertEquals(2, Pattern.compile("Executor added: \\S+ on (worker-\\S+)").matcher(result.output()).results()
        .map(m -> m.group(1)).distinct().count(), "one executor on each worker:\n" + tail(result.output()));
    RunOutputs.assertSameRun(reference, tmp.resolve("cluster"), false);
  }

  /**
   * The dedup stage alone on the cluster, resumed on a copy of the local run's ingest and extract tables (its own
   * tables removed), with an executor killed while it runs dedup tasks: the stage where LSH buckets, connected
   * components and threads are built from shuffles. (A whole second run on the cluster would add 2.5 minutes to CI
   * for stages the undisturbed cluster run already covers.)
   */
  @Test
  void anExecutorKilledMidStageChangesNothing() throws Exception {
    Path out = tmp.resolve("faulted");
    FileTrees.copy(reference, out);
    for (String table : List.of("tables/item_clusters", "tables/cluster_summary", "tables/threads",
        "tables/near_unique_by_threshold", "restricted/cluster_summary", "restricted/threads")) {
      assertTrue(Files.isDirectory(out.resolve(table)), table);
      FileTrees.deleteQuietly(out.resolve(table));
    }
    int ui = freePort();
    Path log = tmp.resolve("faulted-dedup.log");
    Process run = submit(List.of("dedup", "--input", out.toString()), ui, log);
    List<String> killed = killExecutorsUntilATaskIsLost(run, ui, log);
    Script result = Script.await(run, log, RUN_TIMEOUT);
    assertEquals(0, result.code(), result.output());
    assertEquals(killed, EXECUTOR_LOST.matcher(result.output()).results().map(m -> m.group(1)).distinct().toList(),
        "the executors lost are the ones killed");
    // Mid-stage: a task was running on the last one killed when it died, and was retried elsewhere.
    assertTrue(result.output().contains(taskLost(killed.get(killed.size() - 1))), tail(result.output()));
    // The master replaced each with a new executor, and the stage went on.
    assertEquals(2 + killed.size(), GRANTED.matcher(result.output()).results().count(), tail(result.output()));
    RunOutputs.assertSameRun(reference, out, false);
  }

  /**
   * Waits, through the driver's REST API, for a dedup job in flight with an executor running its tasks after it has
   * finished others (its shuffle files are lost with it), and kills that executor's JVM with SIGKILL. A task can end
   * between the API's answer and the kill: then the next executor running dedup tasks is killed, up to three times,
   * until the driver reports a task lost with its executor. Returns the executor ids killed, in order.
   */
  private static List<String> killExecutorsUntilATaskIsLost(Process run, int ui, Path log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String api = "http://127.0.0.1:" + ui + "/api/v1/applications";
    List<String> killed = new ArrayList<>();
    long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
    while (run.isAlive() && System.nanoTime() < deadline && killed.size() < 3) {
      Thread.sleep(100);
      Optional<JsonNode> apps = get(http, api);
      if (apps.isEmpty() || apps.get().isEmpty()) {
        continue;
      }
      String app = apps.get().get(0).get("id").asText();
      Optional<JsonNode> jobs = get(http, api + "/" + app + "/jobs?status=running");
      boolean dedup = jobs.isPresent() && jobs.get().findValues("jobGroup").stream()
          .anyMatch(g -> g.asText().equals("dedup"));
      Optional<JsonNode> executors = get(http, api + "/" + app + "/executors");
      if (!dedup || executors.isEmpty()) {
        continue;
      }
      for (JsonNode e : executors.get()) {
        String id = e.get("id").asText();
        if (!id.equals("driver") && !killed.contains(id) && e.get("activeTasks").asInt() > 0
            && e.get("completedTasks").asInt() > 0) {
          ProcessHandle jvm = executorJvm(app, id);
          assertTrue(jvm.destroyForcibly(), "could not kill executor " + id + " (pid " + jvm.pid() + ")");
          jvm.onExit().get(1, TimeUnit.MINUTES);
          killed.add(id);
          // The driver hears of it within a heartbeat or two (the worker reports the exit at once).
          long heard = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (!Files.readString(log).contains("Lost executor " + id + " ") && System.nanoTime() < heard) {
            Thread.sleep(100);
          }
          if (Files.readString(log).contains(taskLost(id))) {
            return killed;
          }
          break;
        }
      }
    }
    throw new AssertionError("no dedup task was lost with an executor (killed: " + killed + "):\n"
        + tail(Files.readString(log)));
  }

  /** The driver's line for a task that was running on an executor when the executor died. */
  private static String taskLost(String executor) {
    return "ExecutorLostFailure (executor " + executor + " exited";
  }

  private static ProcessHandle executorJvm(String app, String executor) {
    return ProcessHandle.allProcesses().filter(p -> {
      List<String> args = List.of(p.info().arguments().orElse(new String[0]));
      int id = args.indexOf("--executor-id");
      return args.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend") && args.contains(app)
          && id >= 0 && id + 1 < args.size() && args.get(id + 1).equals(executor);
    }).findFirst().orElseThrow(() -> new AssertionError("no JVM for executor " + executor + " of " + app));
  }

  private static Optional<JsonNode> get(HttpClient http, String url) throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
          .build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (IOException notUpYet) {
      return Optional.empty();
    }
  }

  /** {@code jobs/submit} of a leakscope command line to the cluster in client mode, as to a production one. */
  private static Process submit(List<String> leakscope, int uiPort, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(REPO.resolve("jobs/submit").toString(),
        "--master", master, "--deploy-mode", "client",
        "--driver-memory", "1g", "--executor-memory", "1g",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--conf", "spark.ui.port=" + uiPort, "--conf", "spark.ui.showConsoleProgress=false",
        // Another partitioning than the local run's four shuffle partitions.
        "--conf", "spark.sql.shuffle.partitions=6",
        "--"));
    command.addAll(leakscope);
    ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SPARK_HOME", tmp.resolve("local-cluster/spark-home").toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("LEAKSCOPE_PSEUDONYM_KEY"));
    return pb.start();
  }

  private static Script script(List<String> args, Map<String, String> env, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(args);
    command.set(0, REPO.resolve(args.get(0)).toString());
    ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return Script.await(pb.start(), log, timeout);
  }

  /** A finished script: its exit code and everything it printed. */
  private record Script(int code, String output) {
    static Script await(Process p, Path log, Duration timeout) throws IOException, InterruptedException {
      if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("still running after " + timeout + ":\n" + tail(Files.readString(log)));
      }
      return new Script(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String tail(String text) {
    assertNotNull(text);
    return text.length() > 20_000 ? "…" + text.substring(text.length() - 20_000) : text;
  }
}
