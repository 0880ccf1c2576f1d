package org.leakscope.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * Compares two {@code run} outputs: every table of both zones (those with a {@code _SUCCESS}) as sorted rows, every
 * export byte for byte, and {@code summary.json} but its times and input path.
 */
public final class RunOutputs {
  private RunOutputs() {}

  /**
   * Asserts that {@code actual} holds what {@code expected} holds. With {@code sameFiles}, each table must also have
   * as many data files (a re-run on the same master); without, only the rows count (another master or partitioning).
   */
  public static void assertSameRun(Path expected, Path actual, boolean sameFiles) throws IOException {
    SparkSession spark = SparkTestSession.get();
    Map<String, Path> tables = tables(expected);
    assertEquals(tables.keySet(), tables(actual).keySet(), "the same tables");
    for (String table : tables.keySet()) {
      List<String> want = rows(spark, expected.resolve(table));
      List<String> got = rows(spark, actual.resolve(table));
      if (!want.equals(got)) {
        fail(table + ": " + want.size() + " rows expected, " + got.size() + " found; only expected: "
            + sample(want, got) + "; only found: " + sample(got, want));
      }
      if (sameFiles) {
        assertEquals(parts(expected.resolve(table)), parts(actual.resolve(table)), table + ": data files");
      }
    }
    assertEquals(files(expected.resolve("exports")), files(actual.resolve("exports")), "the same exports");
    for (String csv : files(expected.resolve("exports"))) {
      assertArrayEquals(Files.readAllBytes(expected.resolve("exports").resolve(csv)),
          Files.readAllBytes(actual.resolve("exports").resolve(csv)), csv);
    }
    JsonNode want = summary(expected);
    JsonNode got = summary(actual);
    want.fieldNames().forEachRemaining(f -> assertEquals(want.get(f), got.get(f), "summary.json " + f));
    assertEquals(want, got);
  }

  /** The tables of a run, as {@code zone/name} → directory. */
  public static Map<String, Path> tables(Path run) throws IOException {
    Map<String, Path> tables = new TreeMap<>();
    for (String zone : List.of("tables", "restricted")) {
      try (Stream<Path> dirs = Files.list(run.resolve(zone))) {
        dirs.filter(d -> Files.exists(d.resolve("_SUCCESS")))
            .forEach(d -> tables.put(zone + "/" + d.getFileName(), d));
      }
    }
    return tables;
  }

  /** A few rows of {@code rows} that {@code others} lacks, each cut short. */
  private static String sample(List<String> rows, List<String> others) {
    Set<String> other = new HashSet<>(others);
    return rows.stream().filter(r -> !other.contains(r)).limit(3)
        .map(r -> r.length() > 400 ? r.substring(0, 400) + "…" : r).toList().toString();
  }

  private static List<String> rows(SparkSession spark, Path table) {
    // As JSON, so binary columns (sketches) compare by content.
    return spark.read().parquet(table.toString()).selectExpr("to_json(struct(*))").collectAsList().stream()
        .map(r -> r.getString(0)).sorted().toList();
  }

  private static long parts(Path table) throws IOException {
    try (Stream<Path> files = Files.list(table)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count();
    }
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).filter(f -> !f.endsWith(".crc")).sorted().toList();
    }
  }

  private static JsonNode summary(Path run) throws IOException {
    ObjectNode s = (ObjectNode) new ObjectMapper().readTree(run.resolve("report/summary.json").toFile());
    s.remove(List.of("started", "finished", "stages"));
    return s;
  }
}
