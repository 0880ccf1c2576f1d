package org.leakscope.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakscope.generate.GroundTruthPeople;
import org.leakscope.testing.SampleRun;
import org.leakscope.testing.SparkTestSession;

/**
 * The privacy promise, checked on the sample run (a generated dump): not one address, login, person name or phone
 * number of the ground truth, nor any personal value the run itself found, appears in clear in any file under
 * {@code tables/}, {@code exports/} or {@code report/}, or in what the run printed. Parquet files are searched both
 * as bytes (footers, statistics) and as decoded rows (compressed pages hide their strings from a byte search).
 */
class LeakScanTest {
  private static SampleRun run;
  private static SparkSession spark;
  /** Needle (lower case) → what it is. */
  private static final Map<String, String> NEEDLES = new TreeMap<>();

  @BeforeAll
  static void needles() {
    run = SampleRun.get();
    spark = SparkTestSession.get();
    GroundTruthPeople people = new GroundTruthPeople(2022, 40);
    people.addresses.forEach(a -> NEEDLES.put(lower(a), "ground-truth address"));
    people.logins.forEach(l -> NEEDLES.put(lower(l), "ground-truth login"));
    people.names.forEach(n -> NEEDLES.put(lower(n), "ground-truth name"));
    // Every personal value the run found, as written and normalized (phones included).
    Dataset<Row> found = spark.read().parquet(run.run.resolve("restricted/mentions").toString())
        .where("entity_type in ('email_address', 'user', 'person_name', 'phone')");
    for (Row r : found.select("entity_type", "raw_value", "normalized_value").distinct().collectAsList()) {
      for (int i = 1; i <= 2; i++) {
        String v = r.getString(i);
        if (v != null && specific(r.getString(0), v.strip())) {
          NEEDLES.put(lower(v.strip()), "found " + r.getString(0));
        }
      }
    }
  }

  /** Values long enough to be a person's, not a word or number that any text contains. */
  private static boolean specific(String type, String v) {
    return switch (type) {
      case "phone" -> v.replaceAll("\\D", "").length() >= 7;
      case "person_name" -> v.contains(" ") && v.length() >= 7;
      default -> v.length() >= 5;
    };
  }

  @Test
  void theNeedlesAreRealAndTheRestrictedZoneHoldsThem() {
    assertTrue(NEEDLES.size() > 1000, "needles: " + NEEDLES.size());
    assertTrue(NEEDLES.containsValue("found phone"), "the sample has phone numbers to look for");
    // The scan finds what it looks for: the restricted zone does hold them in clear.
    List<String> hits = scan(run.run.resolve("restricted/mentions"));
    assertFalse(hits.isEmpty(), "the scan must find clear values where they are kept");
  }

  @Test
  void noPersonalValueInTablesExportsOrReport() {
    List<String> hits = new ArrayList<>();
    for (String zone : List.of("tables", "exports", "report")) {
      Path dir = run.run.resolve(zone);
      assertTrue(Files.isDirectory(dir), dir.toString());
      hits.addAll(scan(dir));
    }
    assertEquals(0, hits.size(), hits.size() + " hits, the first: " + hits.subList(0, Math.min(20, hits.size())));
  }

  @Test
  void noPersonalValueInWhatTheRunPrinted() {
    String printed = lower(run.console);
    assertFalse(printed.isBlank());
    List<String> hits = new ArrayList<>();
    NEEDLES.forEach((n, what) -> {
      if (printed.contains(n)) {
        hits.add(what + " '" + n + "' in the console output");
      }
    });
    assertEquals(List.of(), hits);
  }

  /** Every file under a directory as bytes, and every Parquet table in it as decoded rows. */
  private static List<String> scan(Path dir) {
    List<String> hits = new ArrayList<>();
    TreeSet<Path> tables = new TreeSet<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        search(lower(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)), f.toString(), hits);
        if (f.getFileName().toString().endsWith(".parquet")) {
          tables.add(f.getParent());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path table : tables) {
      Dataset<Row> rows = spark.read().parquet(table.toString());
      StringBuilder text = new StringBuilder();
      for (Row r : rows.selectExpr("to_json(struct(*))").collectAsList()) {
        text.append(r.getString(0)).append('\n');
      }
      search(lower(text.toString()), table + " (rows)", hits);
    }
    return hits;
  }

  private static void search(String text, String where, List<String> hits) {
    NEEDLES.forEach((needle, what) -> {
      if (text.contains(needle)) {
        hits.add(what + " '" + needle + "' in " + where);
      }
    });
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
