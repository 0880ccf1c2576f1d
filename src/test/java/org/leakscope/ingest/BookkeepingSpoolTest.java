package org.leakscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.Schemas;
import org.leakscope.testing.SparkTestSession;

class BookkeepingSpoolTest {
  private static final Configuration CONF = new Configuration();

  /** Quarantine and manifest rows as the ingest emits them, read back as the job reads the spool. */
  @Test
  void rowsReadBackAsTheyWereWritten(@TempDir Path dir) {
    Row[] written = new Row[2];
    Units capture = new Units("file:/dump/ü €.csv", "ü €.csv", row -> {
      written[written[0] == null ? 0 : 1] = row;
    });
    capture.quarantine("row:7", Reason.MALFORMED, "3 fields, header has 2: \"a\",\n\tb", 12, new byte[] {0, 1});
    capture.manifest(99, Format.CSV);
    try (BookkeepingSpool spool = BookkeepingSpool.open(Schemas.INGEST_OUTPUT, CONF, dir.toString(), 3, 0)) {
      spool.write(written[0]);
      spool.write(written[1]);
      spool.commit();
      assertEquals(2, spool.rows());
    }
    assertEquals(List.of("part-00003.jsonl"), names(dir));

    List<Row> back =
        SparkTestSession.get().read().schema(Schemas.INGEST_BOOKKEEPING).option("mode", "FAILFAST")
            .json(dir.toString()).collectAsList();
    assertEquals(2, back.size());
    StructType schema = Schemas.INGEST_BOOKKEEPING;
    for (int i = 0; i < 2; i++) {
      for (String column : schema.fieldNames()) {
        assertEquals(written[i].get(Schemas.outputIndex(column)), back.get(i).get(schema.fieldIndex(column)),
            "row " + i + " column " + column);
      }
    }
  }

  @Test
  void aLoneSurrogateInANameSurvivesAsSparkWouldStoreIt(@TempDir Path dir) {
    Row[] written = new Row[1];
    new Units("file:/dump/a\uD800b", "a\uD800b", row -> written[0] = row).manifest(1, Format.UNSUPPORTED);
    try (BookkeepingSpool spool = BookkeepingSpool.open(Schemas.INGEST_OUTPUT, CONF, dir.toString(), 0, 0)) {
      spool.write(written[0]);
      spool.commit();
    }
    Row back =
        SparkTestSession.get().read().schema(Schemas.INGEST_BOOKKEEPING).option("mode", "FAILFAST")
            .json(dir.toString()).first();
    String stored =
        SparkTestSession.get().createDataFrame(List.of(RowFactory.create("a\uD800b")),
            new StructType().add("s", DataTypes.StringType)).first().getString(0);
    assertEquals(stored, back.getString(Schemas.INGEST_BOOKKEEPING.fieldIndex("source_path")));
  }

  @Test
  void aSecondAttemptKeepsTheCommittedFileAndAnUncommittedAttemptLeavesNothing(@TempDir Path dir)
      throws IOException {
    Row row = manifestRow("x");
    try (BookkeepingSpool first = BookkeepingSpool.open(Schemas.INGEST_OUTPUT, CONF, dir.toString(), 1, 0)) {
      first.write(row);
      first.commit();
    }
    String committed = Files.readString(dir.resolve("part-00001.jsonl"));
    try (BookkeepingSpool retry = BookkeepingSpool.open(Schemas.INGEST_OUTPUT, CONF, dir.toString(), 1, 1)) {
      retry.write(row);
      retry.commit();
    }
    try (BookkeepingSpool killed = BookkeepingSpool.open(Schemas.INGEST_OUTPUT, CONF, dir.toString(), 2, 0)) {
      killed.write(row);
    }
    assertEquals(List.of("part-00001.jsonl"), names(dir), "no attempt files left, no part file for the killed task");
    assertEquals(committed, Files.readString(dir.resolve("part-00001.jsonl")));
    assertEquals(1, committed.lines().count());
  }

  @Test
  void aValueOfAnotherTypeIsAProgrammingErrorThatNamesTheColumn(@TempDir Path dir) {
    Object[] v = new Object[Schemas.INGEST_OUTPUT.size()];
    v[Schemas.outputIndex("row_type")] = Schemas.ROW_MANIFEST;
    v[Schemas.outputIndex("units_found")] = 3; // an Integer, not a Long
    try (BookkeepingSpool spool = BookkeepingSpool.open(Schemas.INGEST_OUTPUT, CONF, dir.toString(), 0, 0)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> spool.write(RowFactory.create(v)));
      assertTrue(e.getMessage().contains("units_found"), e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("part-00000.jsonl")));
  }

  private static Row manifestRow(String path) {
    Row[] out = new Row[1];
    new Units("file:/dump/" + path, path, row -> out[0] = row).manifest(5, Format.EML);
    return out[0];
  }

  private static List<String> names(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
