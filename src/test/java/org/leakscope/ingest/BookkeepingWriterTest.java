package org.leakscope.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.Schemas;
import org.leakscope.testing.SparkTestSession;

class BookkeepingWriterTest {
  private static final Configuration CONF = new Configuration();

  /** Quarantine rows as the ingest emits them, from two tasks, read back by Spark as the table. */
  @Test
  void partsOfTwoTasksReadBackAsOneTable(@TempDir Path dir) {
    List<Row> rows = new ArrayList<>();
    Units units = new Units("file:/dump/ü €.csv", "ü €.csv", rows::add);
    units.quarantine("row:7", Reason.MALFORMED, "3 fields, header has 2: \"a\",\n\tb", 12, new byte[] {0, 1});
    units.quarantine("row:9", Reason.TOO_LARGE, null, -1, null);
    units.quarantine("row:11", Reason.EMPTY, "no bytes", 0, null);
    for (int task = 0; task < 2; task++) {
      try (BookkeepingWriter w = writer(Schemas.QUARANTINE, dir, task, 0)) {
        for (Row r : task == 0 ? rows.subList(0, 2) : rows.subList(2, 3)) {
          w.write(r);
        }
        w.commit();
        assertEquals(task == 0 ? 2 : 1, w.rows());
      }
    }
    assertEquals(2, BookkeepingWriter.finish(Schemas.QUARANTINE, CONF, dir.toString(), "snappy"));
    assertEquals(List.of("_SUCCESS", "part-00000.snappy.parquet", "part-00001.snappy.parquet"), names(dir));

    SparkSession spark = SparkTestSession.get();
    StructType read = spark.read().parquet(dir.toString()).schema();
    assertEquals(Schemas.QUARANTINE.asNullable(), read.asNullable(), "Spark's own types, from the files");
    List<Row> back = spark.read().schema(Schemas.QUARANTINE).parquet(dir.toString()).orderBy("size_bytes")
        .collectAsList();
    assertEquals(3, back.size());
    List<Row> expected = List.of(rows.get(1), rows.get(2), rows.get(0)); // size_bytes null, 0, 12
    for (int i = 0; i < 3; i++) {
      for (String column : Schemas.QUARANTINE.fieldNames()) {
        assertEquals(expected.get(i).get(Schemas.outputIndex(column)),
            back.get(i).get(Schemas.QUARANTINE.fieldIndex(column)), "row " + i + " column " + column);
      }
    }
  }

  @Test
  void aLoneSurrogateIsStoredAsSparkStoresIt(@TempDir Path dir) {
    List<Row> rows = new ArrayList<>();
    new Units("file:/dump/a\uD800b", "a\uD800b", rows::add).manifest(1, Format.UNSUPPORTED);
    try (BookkeepingWriter w = writer(Schemas.INGEST_MANIFEST, dir, 0, 0)) {
      w.write(rows.get(0));
      w.commit();
    }
    SparkSession spark = SparkTestSession.get();
    String back = spark.read().parquet(dir.toString()).first().getAs("source_path");
    String stored = spark.createDataFrame(List.of(RowFactory.create("a\uD800b")),
        new StructType().add("s", DataTypes.StringType)).first().getString(0);
    assertEquals(stored, back);
  }

  @Test
  void aRetryKeepsTheCommittedPartAndKilledAttemptsLeaveNothing(@TempDir Path dir) throws IOException {
    Row row = manifestRow("x");
    try (BookkeepingWriter first = writer(Schemas.INGEST_MANIFEST, dir, 1, 0)) {
      first.write(row);
      first.commit();
    }
    byte[] committed = Files.readAllBytes(dir.resolve("part-00001.snappy.parquet"));
    try (BookkeepingWriter retry = writer(Schemas.INGEST_MANIFEST, dir, 1, 1)) {
      retry.write(row);
      retry.commit();
    }
    try (BookkeepingWriter killed = writer(Schemas.INGEST_MANIFEST, dir, 2, 0)) {
      killed.write(row);
    }
    try (BookkeepingWriter empty = writer(Schemas.INGEST_MANIFEST, dir, 3, 0)) {
      empty.commit();
    }
    Files.writeString(dir.resolve("_attempt-4-0.parquet"), "left by a lost executor");
    assertEquals(1, BookkeepingWriter.finish(Schemas.INGEST_MANIFEST, CONF, dir.toString(), "snappy"));
    assertEquals(List.of("_SUCCESS", "part-00001.snappy.parquet"), names(dir),
        "no attempt files left, no part for the killed task or the task without rows");
    assertArrayEquals(committed, Files.readAllBytes(dir.resolve("part-00001.snappy.parquet")));
    assertEquals(1, SparkTestSession.get().read().parquet(dir.toString()).count());
  }

  @Test
  void aTableWithoutRowsGetsAnEmptyFileWithItsSchema(@TempDir Path dir) {
    Path table = dir.resolve("quarantine");
    assertEquals(1, BookkeepingWriter.finish(Schemas.QUARANTINE, CONF, table.toString(), "snappy"));
    assertEquals(List.of("_SUCCESS", "part-00000.snappy.parquet"), names(table));
    var df = SparkTestSession.get().read().parquet(table.toString());
    assertEquals(0, df.count());
    assertEquals(Schemas.QUARANTINE.asNullable(), df.schema().asNullable());
  }

  @Test
  void aMissingRequiredValueOrAnotherTypeNamesTheColumn(@TempDir Path dir) {
    Object[] v = new Object[Schemas.INGEST_OUTPUT.size()];
    v[Schemas.outputIndex("row_type")] = Schemas.ROW_MANIFEST;
    v[Schemas.outputIndex("source_uri")] = "file:/x";
    v[Schemas.outputIndex("source_path")] = "x";
    try (BookkeepingWriter w = writer(Schemas.INGEST_MANIFEST, dir, 0, 0)) {
      IllegalArgumentException missing =
          assertThrows(IllegalArgumentException.class, () -> w.write(RowFactory.create(v)));
      assertTrue(missing.getMessage().startsWith("column size_bytes of "), missing.getMessage());
      v[Schemas.outputIndex("size_bytes")] = 3; // an Integer, not a Long
      IllegalArgumentException type =
          assertThrows(IllegalArgumentException.class, () -> w.write(RowFactory.create(v)));
      assertTrue(type.getMessage().startsWith("column size_bytes holds a java.lang.Integer"), type.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("part-00000.snappy.parquet")));
  }

  @Test
  void manyPartsAreCompactedIntoOneFile(@TempDir Path dir) {
    Path table = dir.resolve("ingest_manifest");
    int tasks = SmallTables.MAX_PARTS + 1;
    for (int t = 0; t < tasks; t++) {
      try (BookkeepingWriter w = writer(Schemas.INGEST_MANIFEST, table, t, 0)) {
        w.write(manifestRow("f" + t));
        w.commit();
      }
    }
    SmallTables small = new SmallTables(dir.resolve("quarantine").toString(), table.toString(),
        dir.resolve("work").toString(), "snappy", true);
    small.finish(SparkTestSession.get());
    List<String> files = names(table);
    assertEquals(2, files.size(), files.toString());
    assertEquals("_SUCCESS", files.get(0));
    assertTrue(files.get(1).startsWith("part-") && files.get(1).endsWith(".parquet"), files.toString());
    assertEquals(tasks, SparkTestSession.get().read().parquet(table.toString()).select("source_path").distinct()
        .count());
    assertEquals(List.of("_SUCCESS", "part-00000.snappy.parquet"), names(dir.resolve("quarantine")));
  }

  /** Where tables are committed by a committer (S3A), the parts are staged and Spark writes the table from them. */
  @Test
  void stagedPartsBecomeATableWrittenBySpark(@TempDir Path dir) {
    SmallTables small = new SmallTables(dir.resolve("quarantine").toString(),
        dir.resolve("ingest_manifest").toString(), dir.resolve("work").toString(), "snappy", false);
    Configuration conf = SparkTestSession.get().sparkContext().hadoopConfiguration();
    for (int t = 0; t < 3; t++) {
      try (BookkeepingWriter w = small.manifestWriter(conf, t, 0)) {
        w.write(manifestRow("f" + t));
        w.commit();
      }
    }
    assertFalse(Files.exists(dir.resolve("ingest_manifest")), "nothing written into the table by the tasks");
    small.finish(SparkTestSession.get());
    assertEquals(3, SparkTestSession.get().read().parquet(dir.resolve("ingest_manifest").toString()).count());
    assertEquals(0, SparkTestSession.get().read().parquet(dir.resolve("quarantine").toString()).count());
    assertTrue(Files.exists(dir.resolve("ingest_manifest/_SUCCESS")));
  }

  private static BookkeepingWriter writer(StructType schema, Path dir, int task, int attempt) {
    return new BookkeepingWriter(schema, Schemas.INGEST_OUTPUT, CONF, dir.toString(), "snappy", task, attempt);
  }

  private static Row manifestRow(String path) {
    List<Row> out = new ArrayList<>();
    new Units("file:/dump/" + path, path, out::add).manifest(5, Format.EML);
    return out.get(0);
  }

  /** The table's file names, without Hadoop's hidden checksum files. */
  private static List<String> names(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
