package org.leakscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.leakscope.testing.IngestRows.str;
import static org.leakscope.testing.IngestRows.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakscope.io.Schemas;
import org.leakscope.testing.Paths;

/**
 * Every message of the shared Enron corpora (../shared/corpora) through {@link FileIngestor}, checked for the
 * invariants the corpora's README allows us to assert: every file accounted for as one email, no parser crash, and
 * stable ids. Skipped when the checkout has no shared/ beside it.
 */
class EnronCorpusIngestTest {
  private static final List<String> CORPORA = List.of("enron-berkeley", "enron-maildir-sample");

  static List<FileTask> files;
  static Map<String, List<Row>> rowsByFile;

  @BeforeAll
  static void ingest() throws IOException {
    Path root = Paths.sharedCorpora();
    assumeTrue(root != null, "no ../shared/corpora beside the checkout");
    files = new ArrayList<>();
    for (String corpus : CORPORA) {
      Path dir = root.resolve(corpus);
      assumeTrue(Files.isDirectory(dir), "no " + dir);
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .sorted()
            .forEach(p -> files.add(
                new FileTask(p.toUri().toString(), root.relativize(p).toString(), size(p))));
      }
    }
    rowsByFile = ingestAll();
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, List<Row>> ingestAll() {
    FileIngestor ingestor = new FileIngestor(Limits.defaults(), new Configuration());
    Map<String, List<Row>> out = new TreeMap<>();
    for (FileTask f : files) {
      List<Row> rows = new ArrayList<>();
      ingestor.ingest(f, rows::add);
      out.put(f.path(), rows);
    }
    return out;
  }

  private static List<Row> rows(String type) {
    return rowsByFile.values().stream().flatMap(List::stream).filter(r -> type.equals(str(r, "row_type"))).toList();
  }

  @Test
  void theCorporaAreThere() {
    assertTrue(files.size() > 1000, "files: " + files.size());
  }

  @Test
  void noParserErrors() {
    List<String> errors =
        rows(Schemas.ROW_QUARANTINE).stream()
            .filter(r -> Reason.PARSER_ERROR.code().equals(str(r, "reason")))
            .map(r -> str(r, "source_path") + ": " + str(r, "detail"))
            .toList();
    assertEquals(List.of(), errors);
  }

  @Test
  void everyFileIsExactlyOneEmailAndItsManifestAgrees() {
    List<String> wrong = new ArrayList<>();
    rowsByFile.forEach((path, rows) -> {
      long emails = rows.stream()
          .filter(r -> Schemas.ROW_ITEM.equals(str(r, "row_type")) && "email".equals(str(r, "kind")))
          .count();
      Row manifest = rows.get(rows.size() - 1);
      boolean consistent = Schemas.ROW_MANIFEST.equals(str(manifest, "row_type"))
          && (Long) manifest.getAs(Schemas.INGEST_OUTPUT.fieldIndex("units_found")) == rows.size() - 1;
      if (emails != 1 || !consistent) {
        wrong.add(path + " (" + emails + " emails, manifest consistent: " + consistent + ")");
      }
    });
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyMessageHasASenderAndAlmostEveryOneADate() {
    List<Row> emails = rows(Schemas.ROW_ITEM).stream().filter(r -> "email".equals(str(r, "kind"))).toList();
    List<String> noFrom =
        emails.stream().filter(r -> str(r, "mail_from") == null).map(r -> str(r, "source_path")).toList();
    assertEquals(List.of(), noFrom, "messages without mail_from");
    long dated = emails.stream().filter(r -> time(r, "mail_date") != null).count();
    assertTrue(dated >= 0.99 * emails.size(), dated + " of " + emails.size() + " messages have a mail_date");
  }

  @Test
  void idsAreStableAcrossRunsAndUnique() {
    List<String> ids = itemIds(rowsByFile);
    assertEquals(ids, itemIds(ingestAll()));
    assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "item ids are unique");
  }

  private static List<String> itemIds(Map<String, List<Row>> byFile) {
    return byFile.values().stream()
        .flatMap(List::stream)
        .filter(r -> Schemas.ROW_ITEM.equals(str(r, "row_type")))
        .map(r -> str(r, "item_id"))
        .toList();
  }
}
