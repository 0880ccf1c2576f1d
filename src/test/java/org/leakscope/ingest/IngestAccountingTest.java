package org.leakscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.FileTrees;
import org.leakscope.testing.SparkTestSession;

/**
 * The accounting check reads the written tables back: tampering with any of them (a lost, extra or duplicated row,
 * a value outside a vocabulary) fails the stage with a message that names what does not add up.
 */
class IngestAccountingTest {
  private static final String MESSAGE = "From: a@example.com\nTo: b@example.com\nSubject: s\n\nbody\n";

  @TempDir Path tmp;
  private SparkSession spark;
  private IngestJob job;
  private OutputLayout out;

  @BeforeEach
  void ingest() throws IOException {
    spark = SparkTestSession.get();
    Path dump = tmp.resolve("dump");
    write(dump.resolve("a.eml"), MESSAGE);
    write(dump.resolve("b.eml"), MESSAGE);
    write(dump.resolve("junk.bin"), "\u0000\u0001\u0002");
    job = new IngestJob(spark, new IngestConfig(dump.toString(), tmp.resolve("out").toString(), Limits.defaults(),
        IngestConfig.DEFAULT_TASK_BYTES));
    IngestResult result = job.run();
    assertEquals(3, result.files());
    assertEquals(2, result.items());
    assertEquals(1, result.quarantined());
    out = OutputLayout.open(tmp.resolve("out").toString(), null, spark.sparkContext().hadoopConfiguration());
  }

  @Test
  void theUntouchedTablesAddUp() {
    IngestJob.Totals t = job.verify(out, 3);
    assertEquals(Map.of("email", 2L), t.kinds());
    assertEquals(Map.of("unsupported_format", 1L), t.reasons());
  }

  @Test
  void aLostItemNamesItsFile() {
    rewrite(OutputLayout.ITEMS, items -> items.filter(col("source_path").notEqual("a.eml")));
    AccountingException e = assertThrows(AccountingException.class, () -> job.verify(out, 3));
    assertTrue(e.getMessage().startsWith("1 files where units found != items + quarantined"), e.getMessage());
    assertTrue(e.getMessage().contains("a.eml (manifest rows 1, found 1, items 1 written / 0 in table"),
        e.getMessage());
  }

  @Test
  void anExtraQuarantineRowIsCaught() {
    rewrite(OutputLayout.QUARANTINE, q -> q.unionByName(q));
    AccountingException e = assertThrows(AccountingException.class, () -> job.verify(out, 3));
    assertTrue(e.getMessage().contains("junk.bin (manifest rows 1, found 1, items 0 written / 0 in table, "
        + "quarantined 1 / 2 in table)"), e.getMessage());
  }

  @Test
  void aDuplicatedManifestRowIsCaught() {
    rewrite(OutputLayout.INGEST_MANIFEST, m -> m.unionByName(m.filter(col("source_path").equalTo("b.eml"))));
    AccountingException e = assertThrows(AccountingException.class, () -> job.verify(out, 3));
    assertTrue(e.getMessage().contains("b.eml (manifest rows 2"), e.getMessage());
  }

  @Test
  void aReasonOutsideTheVocabularyIsCaught() {
    rewrite(OutputLayout.QUARANTINE, q -> q.withColumn("reason", lit("weird")));
    AccountingException e = assertThrows(AccountingException.class, () -> job.verify(out, 3));
    assertEquals("1 rows with a kind or quarantine reason outside the fixed vocabulary", e.getMessage());
  }

  @Test
  void aKindOutsideTheVocabularyIsCaught() {
    rewrite(OutputLayout.ITEMS, items -> items.withColumn("kind",
        when(col("source_path").equalTo("a.eml"), lit("blob")).otherwise(col("kind"))));
    AccountingException e = assertThrows(AccountingException.class, () -> job.verify(out, 3));
    assertEquals("1 rows with a kind or quarantine reason outside the fixed vocabulary", e.getMessage());
  }

  @Test
  void moreFilesListedThanManifestRowsIsCaught() {
    AccountingException e = assertThrows(AccountingException.class, () -> job.verify(out, 4));
    assertEquals("4 files listed but 3 manifest rows written", e.getMessage());
  }

  /** Replaces a written table with {@code change} applied to it. */
  private void rewrite(String table, UnaryOperator<Dataset<Row>> change) {
    Path dir = Path.of(out.restricted(table).replaceFirst("^file:", ""));
    Path copy = tmp.resolve("rewritten-" + table);
    change.apply(spark.read().parquet(dir.toString())).write().mode(SaveMode.Overwrite).parquet(copy.toString());
    FileTrees.deleteQuietly(dir);
    try {
      Files.move(copy, dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.ISO_8859_1);
  }
}
