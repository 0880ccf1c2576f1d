package org.leakscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.leakscope.count.Claim;
import org.leakscope.count.CountConfig;
import org.leakscope.count.CountJob;
import org.leakscope.count.CountResult;
import org.leakscope.dedup.DedupConfig;
import org.leakscope.dedup.DedupJob;
import org.leakscope.extract.ExtractConfig;
import org.leakscope.extract.ExtractJob;
import org.leakscope.extract.ExtractResult;
import org.leakscope.generate.GenerateConfig;
import org.leakscope.generate.Generator;

/**
 * One generated dump (bluebleed, scale 0.2, seed 7: 60 companies and 7 foreign subsidiaries in 45 countries, 732
 * people, 10,000 items) taken through ingest, extract, dedup and count once per test JVM, for every test that checks
 * a stage against the generator's ground truth. The claims are built from the truth: see {@link #CLAIMS}.
 */
public final class GeneratedRun {
  private static GeneratedRun instance;

  public final Path generated;
  public final String run;
  public final JsonNode truth;
  public final ExtractResult extract;
  public final CountConfig countConfig;
  public final CountResult count;

  /** Claimants of the claims the run reconciles. */
  public static final String VENDOR = "Finder";
  public static final String OWNER = "Owner";

  private GeneratedRun(Path dir) throws IOException {
    SparkSession spark = SparkTestSession.get();
    generated = dir.resolve("generated");
    new Generator(new GenerateConfig("bluebleed", 0.2, 7, generated.toString(), 2)).run();
    truth = new ObjectMapper().readTree(generated.resolve("ground-truth.json").toFile());
    run = dir.resolve("run").toString();
    Ingested.run(spark, generated.resolve("dump"), run);
    extract = new ExtractJob(spark, new ExtractConfig(run, false)).run();
    new DedupJob(spark, DedupConfig.defaults(run)).run();
    countConfig = new CountConfig(run, claims(truth), CountConfig.DEFAULT_RETENTION_YEARS, null);
    count = new CountJob(spark, countConfig).run();
  }

  public static synchronized GeneratedRun get() {
    if (instance == null) {
      try {
        Path dir = Files.createTempDirectory("leakscope-generated-run");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> FileTrees.deleteQuietly(dir)));
        instance = new GeneratedRun(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  /**
   * The vendor's numbers are raw counts of the truth (messages as stored, user records as exported); one claim gives
   * the strict count of documents; one names a record set the dump does not have; the owner gives no number.
   */
  private static List<Claim> claims(JsonNode truth) {
    LocalDate day = LocalDate.of(2022, 10, 19);
    return List.of(
        new Claim(VENDOR, day, "email_messages", truth.at("/metrics/email_messages/raw").asLong(), "emails", "blog", 1),
        new Claim(VENDOR, day, "records:users", truth.at("/metrics/records:users/raw").asLong(), "user records",
            "blog", 2),
        new Claim(VENDOR, day, "documents", truth.at("/metrics/documents/near_unique").asLong(), "documents", "blog",
            3),
        new Claim(VENDOR, day, "records:projects", 133L, "projects", "blog", 4),
        new Claim(OWNER, day.plusDays(1), "email_messages", null, "duplicates", "statement", 5));
  }
}
