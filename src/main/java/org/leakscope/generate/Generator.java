package org.leakscope.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic leaked dump and its ground truth, known by construction (nothing here runs leakscope's own
 * readers or counters). The dump is cut into shards of messages written in parallel; each shard's files depend
 * only on (seed, shard), so the output is byte-identical for the same seed and scale whatever the thread count,
 * and memory is bounded by a shard, not by the scale.
 *
 * <p>Layout: {@code OUTPUT/dump/} is the dump to ingest; {@code OUTPUT/ground-truth.json} holds the true counts and
 * {@code OUTPUT/ground-truth-clusters.jsonl} the true near-duplicate clusters (one JSON object per line, member
 * locators as ingest writes them).
 */
public final class Generator {
  /** Logical messages per unit of scale: about 100 MB of stored mail. */
  static final int MESSAGES_PER_SCALE = 15_000;
  static final int SHARD_MESSAGES = 250;
  static final int SHARD_COMPANIES = 50;
  /** Document families per unit of scale, and per shard. */
  static final int FAMILIES_PER_SCALE = 400;
  static final int SHARD_FAMILIES = 50;
  private static final long NOISE = 20;

  private final GenerateConfig config;

  public Generator(GenerateConfig config) {
    this.config = config;
  }

  /** What was written. */
  public record Result(long files, long bytes, long messages, double seconds) {}

  public Result run() {
    long start = System.nanoTime();
    Path out = Path.of(config.output());
    Path dump = out.resolve("dump");
    try {
      if (Files.exists(dump)) {
        throw new IllegalArgumentException("output already holds a dump: " + dump + " (choose an empty directory)");
      }
      Files.createDirectories(dump);
      Files.createDirectories(out.resolve(".clusters"));
      long messages = Math.max(SHARD_MESSAGES, Math.round(config.scale() * MESSAGES_PER_SCALE));
      int companies = (int) Math.max(40, Math.round(config.scale() * 300));
      World world = new World(config.seed(), companies);
      DumpTree tree = new DumpTree(dump);
      List<MailShard.Result> shards = writeShards(world, tree, messages);
      List<ExportShard.Result> exports = writeExports(world, tree, companies);
      long families = Math.max(SHARD_FAMILIES, Math.round(config.scale() * FAMILIES_PER_SCALE));
      List<DocShard.Result> documents = writeDocuments(world, tree, families);
      Noise noise = writeNoise(dump);
      return writeGroundTruth(
          out, world, shards, exports, documents, noise, messages, companies, (System.nanoTime() - start) / 1e9);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
  }

  private List<MailShard.Result> writeShards(World world, DumpTree dump, long messages) throws IOException {
    return sharded(messages, SHARD_MESSAGES,
        (shard, first, n) -> () ->
            new MailShard(world, config.seed(), dump, clusterFile("mail", shard), shard, first, n).write());
  }

  private List<ExportShard.Result> writeExports(World world, DumpTree dump, int companies) throws IOException {
    return sharded(companies, SHARD_COMPANIES,
        (shard, first, n) -> () -> new ExportShard(world, config.seed(), dump, shard, (int) first, n).write());
  }

  private List<DocShard.Result> writeDocuments(World world, DumpTree dump, long families) throws IOException {
    return sharded(families, SHARD_FAMILIES,
        (shard, first, n) -> () ->
            new DocShard(world, config.seed(), dump, clusterFile("docs", shard), first, n).write());
  }

  /** Where a shard writes its clusters before they are joined in shard order. */
  private Path clusterFile(String kind, int shard) {
    return Path.of(config.output(), ".clusters", kind + "-" + String.format("%05d", shard) + ".jsonl");
  }

  /** Makes the shard with index {@code shard}, covering [first, first + count). */
  @FunctionalInterface
  private interface ShardMaker<T> {
    Callable<T> make(int shard, long first, int count);
  }

  /** Cuts [0, total) into shards of {@code perShard}, runs them in parallel, returns results in shard order. */
  private <T> List<T> sharded(long total, int perShard, ShardMaker<T> maker) throws IOException {
    int count = (int) ((total + perShard - 1) / perShard);
    List<Callable<T>> shards = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      long first = (long) s * perShard;
      shards.add(maker.make(s, first, (int) Math.min(perShard, total - first)));
    }
    return inParallel(shards);
  }

  /** Runs shards on the configured threads and returns their results in shard order. */
  private <T> List<T> inParallel(List<Callable<T>> shards) throws IOException {
    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    try {
      List<Future<T>> futures = new ArrayList<>(shards.size());
      for (Callable<T> shard : shards) {
        futures.add(pool.submit(shard));
      }
      List<T> results = new ArrayList<>(shards.size());
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Staff, legal entities and distinct countries of the world, counted company by company (memory: the set of
   * countries). A subsidiary counts when someone works for it (its parent has at least two staff).
   */
  private record Population(long staff, long companies, int countries) {}

  private static Population population(World world) {
    long staff = 0;
    long entities = 0;
    java.util.Set<String> countries = new java.util.TreeSet<>();
    for (int c = 0; c < world.companies(); c++) {
      World.Company company = world.company(c);
      staff += company.staff();
      entities++;
      countries.add(company.country());
      World.Company subsidiary = world.subsidiary(company);
      if (subsidiary != null && company.staff() >= 2) {
        entities++;
        countries.add(subsidiary.country());
      }
    }
    return new Population(staff, entities, countries.size());
  }

  private static void moveInto(OutputStream out, Path file) throws IOException {
    Files.copy(file, out);
    Files.delete(file);
  }

  /** Files ingest must quarantine, by the reason it must give. */
  private record Noise(long files, long bytes, long empty, long unsupported, long malformed) {}

  private Noise writeNoise(Path dump) throws IOException {
    int each = (int) Math.max(1, Math.round(config.scale() * 2));
    long files = 0;
    long bytes = 0;
    for (int i = 0; i < each; i++) {
      SplittableRandom r = Rng.of(config.seed(), NOISE, i);
      Path dir = dump.resolve("misc");
      Files.createDirectories(dir);
      Files.write(dir.resolve("empty-" + i + ".txt"), new byte[0]);
      byte[] junk = new byte[512 + r.nextInt(4096)];
      r.nextBytes(junk);
      junk[0] = 0; // NUL bytes: binary whatever the rest happens to be
      Files.write(dir.resolve("blob-" + i + ".bin"), junk);
      byte[] gz = gzip(("log line " + i + " ").repeat(800).getBytes(StandardCharsets.US_ASCII));
      byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
      Files.write(dir.resolve("trace-" + i + ".log.gz"), truncated);
      files += 3;
      bytes += junk.length + truncated.length;
    }
    return new Noise(files, bytes, each, each, each);
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(data);
    }
    // Zero the gzip header's mtime (bytes 4-7) so the output does not depend on the clock.
    byte[] b = bytes.toByteArray();
    b[4] = b[5] = b[6] = b[7] = 0;
    return b;
  }

  private Result writeGroundTruth(
      Path out,
      World world,
      List<MailShard.Result> shards,
      List<ExportShard.Result> exports,
      List<DocShard.Result> documents,
      Noise noise,
      long messages,
      int companies,
      double seconds)
      throws IOException {
    long files = noise.files();
    long bytes = noise.bytes();
    long copies = 0;
    long originals = 0;
    long forwards = 0;
    long replies = 0;
    long inclusive = 0;
    long clusters = 0;
    EntityTally entities = new EntityTally();
    java.util.Map<String, Long> folders = new java.util.TreeMap<>();
    try (OutputStream c = Files.newOutputStream(out.resolve("ground-truth-clusters.jsonl"))) {
      for (MailShard.Result s : shards) {
        files += s.files();
        bytes += s.bytes();
        copies += s.copies();
        s.copiesByFolder().forEach((folder, n) -> folders.merge(folder, n, Long::sum));
        originals += s.originals();
        forwards += s.forwards();
        replies += s.replies();
        inclusive += s.inclusive();
        entities.merge(s.entities());
      }
      for (int s = 0; s < shards.size(); s++) {
        clusters += shards.get(s).clusters();
        moveInto(c, clusterFile("mail", s));
      }
      for (int s = 0; s < documents.size(); s++) {
        clusters += documents.get(s).clusters();
        moveInto(c, clusterFile("docs", s));
      }
    }
    Files.delete(out.resolve(".clusters"));
    long docFiles = 0;
    long versions = 0;
    long families = 0;
    for (DocShard.Result d : documents) {
      files += d.files();
      bytes += d.bytes();
      docFiles += d.documents();
      versions += d.versions();
      families += d.families();
    }
    long users = 0;
    long usersUnique = 0;
    long contacts = 0;
    long contactsUnique = 0;
    long freeMail = 0;
    for (ExportShard.Result e : exports) {
      files += e.files();
      bytes += e.bytes();
      users += e.users();
      usersUnique += e.usersUnique();
      contacts += e.contacts();
      contactsUnique += e.contactsUnique();
      freeMail += e.freeMail();
      entities.merge(e.entities());
    }
    long records = users + contacts;
    Population population = population(world);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode truth = json.createObjectNode();
    truth.put("profile", config.profile());
    truth.put("scale", config.scale());
    truth.put("seed", config.seed());
    truth.put("dump", "dump");
    truth.put("files", files);
    truth.put("bytes", bytes);
    long quarantined = noise.empty() + noise.unsupported() + noise.malformed();
    truth.put("units", copies + records + docFiles + quarantined);
    truth.put("items", copies + records + docFiles);
    truth.put("quarantined", quarantined);
    ObjectNode kinds = truth.putObject("items_by_kind");
    kinds.put("document", docFiles);
    kinds.put("email", copies);
    kinds.put("record", records);
    ObjectNode reasons = truth.putObject("quarantine_by_reason");
    reasons.put("empty", noise.empty());
    reasons.put("malformed", noise.malformed());
    reasons.put("unsupported_format", noise.unsupported());
    ObjectNode metrics = truth.putObject("metrics");
    ObjectNode mail = metrics.putObject("email_messages");
    mail.put("raw", copies);
    mail.put("exact_unique", messages);
    mail.put("near_unique", messages - forwards);
    ObjectNode docs = metrics.putObject("documents");
    docs.put("raw", docFiles);
    docs.put("exact_unique", versions);
    docs.put("near_unique", families);
    ObjectNode rec = metrics.putObject("records");
    rec.put("raw", records);
    rec.put("exact_unique", usersUnique + contactsUnique);
    ObjectNode usersSet = metrics.putObject("records:users");
    usersSet.put("raw", users);
    usersSet.put("exact_unique", usersUnique);
    ObjectNode contactsSet = metrics.putObject("records:contacts");
    contactsSet.put("raw", contacts);
    contactsSet.put("exact_unique", contactsUnique);
    // Entities: every member of staff has a row in users.csv, so every person, address and company of the world
    // appears in the dump. Bases as in ARCHITECTURE.md; what each one counts is in docs/generator.md.
    ObjectNode addresses = metrics.putObject("email_addresses");
    addresses.put("raw", entities.addressMentions);
    addresses.put("distinct_raw", entities.addressRaw.size());
    addresses.put("distinct_normalized", entities.addressNormalized.size());
    ObjectNode usersMetric = metrics.putObject("users");
    usersMetric.put("raw", entities.loginMentions);
    usersMetric.put("distinct_raw", entities.loginRaw.size());
    usersMetric.put("distinct_normalized", entities.loginNormalized.size());
    usersMetric.put("resolved", population.staff());
    ObjectNode companiesMetric = metrics.putObject("companies");
    companiesMetric.put("raw", entities.companyMentions);
    companiesMetric.put("distinct_raw", entities.companyRaw.size());
    companiesMetric.put("distinct_normalized", entities.companyNormalized.size());
    companiesMetric.put("resolved", population.companies());
    metrics.putObject("countries").put("distinct_normalized", population.countries());
    if (entities.addressNormalized.size() != population.staff() + freeMail) {
      throw new IllegalStateException("generator bug: " + entities.addressNormalized.size()
          + " distinct addresses written, but the world has " + (population.staff() + freeMail));
    }
    ObjectNode byFolder = truth.putObject("stored_copies_by_folder");
    folders.forEach(byFolder::put);
    ObjectNode threads = truth.putObject("threads");
    threads.put("originals", originals);
    threads.put("replies", replies);
    threads.put("forwards", forwards);
    // Replies and forwards join their parent's conversation, so there is one per original; a message is inclusive
    // unless another message contains its text (a reply quoting it, a forward, or either of those of a forward
    // with the same text).
    threads.put("conversations", originals);
    threads.put("inclusive_messages", inclusive);
    ObjectNode near = truth.putObject("near_duplicate_clusters");
    near.put("count", clusters);
    near.put("file", "ground-truth-clusters.jsonl");
    ObjectNode worldNode = truth.putObject("world");
    worldNode.put("companies", companies);
    json.writeValue(out.resolve("ground-truth.json").toFile(), truth);
    return new Result(files, bytes, messages, seconds);
  }
}
