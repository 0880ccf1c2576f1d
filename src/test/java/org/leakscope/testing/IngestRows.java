package org.leakscope.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.leakscope.ingest.Dispatcher;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.Sniffer;
import org.leakscope.ingest.StreamStopped;
import org.leakscope.ingest.Units;
import org.leakscope.ingest.archive.ArchiveBudget;
import org.leakscope.io.Schemas;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The rows one ingest pass emitted, read back by column name of {@link Schemas#INGEST_OUTPUT}. Build it around a
 * {@link Units} to drive a reader directly, or use {@link #dispatch} to run a whole file through the
 * {@link Dispatcher} in memory, as {@code FileIngestor} does on an executor.
 */
public final class IngestRows implements Consumer<Row> {
  private static final Set<String> REASONS =
      Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.toUnmodifiableSet());

  private final List<Row> rows = new ArrayList<>();
  private final Units units;

  public IngestRows(String sourcePath) {
    this.units = new Units("mem:/" + sourcePath, sourcePath, this);
  }

  /** Ingests {@code bytes} as the file {@code name} through the dispatcher, with the file-level wiring. */
  public static IngestRows dispatch(String name, byte[] bytes, Limits limits) {
    return dispatch(name, bytes, limits, bytes.length);
  }

  /** As {@link #dispatch(String, byte[], Limits)}, with the file listed at {@code listedSize} bytes. */
  public static IngestRows dispatch(String name, byte[] bytes, Limits limits, long listedSize) {
    IngestRows rows = new IngestRows(name);
    ArchiveBudget budget = new ArchiveBudget(limits);
    Dispatcher dispatcher = new Dispatcher(limits, rows.units, budget);
    try (InputStream in =
        new BufferedInputStream(budget.countRaw(new ByteArrayInputStream(bytes)), 2 * Sniffer.HEAD_BYTES)) {
      dispatcher.dispatch(in, name, "", listedSize, 0);
    } catch (StreamStopped stopped) {
      // recorded where it happened, as in FileIngestor
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  public static IngestRows dispatch(String name, byte[] bytes) {
    return dispatch(name, bytes, Limits.defaults());
  }

  @Override
  public void accept(Row row) {
    rows.add(row);
  }

  public Units units() {
    return units;
  }

  public List<Row> all() {
    return rows;
  }

  public List<Row> items() {
    return ofType(Schemas.ROW_ITEM);
  }

  public List<Row> quarantined() {
    return ofType(Schemas.ROW_QUARANTINE);
  }

  private List<Row> ofType(String type) {
    return rows.stream().filter(r -> type.equals(str(r, "row_type"))).toList();
  }

  /** The one row at {@code locator}; fails when there is none or more than one. */
  public Row at(String locator) {
    List<Row> found = rows.stream().filter(r -> locator.equals(str(r, "locator"))).toList();
    assertEquals(1, found.size(), () -> "rows at locator '" + locator + "' among " + locators());
    return found.get(0);
  }

  public List<String> locators() {
    return rows.stream().map(r -> str(r, "locator")).toList();
  }

  /** Quarantine reasons in row order. */
  public List<String> reasons() {
    return quarantined().stream().map(r -> str(r, "reason")).toList();
  }

  /**
   * The accounting invariant: every unit the readers found is exactly one item or quarantine row, and every
   * quarantine row carries a reason from the fixed vocabulary.
   */
  public IngestRows assertAccounted() {
    assertEquals(units.found(), items().size() + quarantined().size(), "units found = item + quarantine rows");
    assertEquals(units.items(), items().size(), "items counted once");
    assertEquals(units.quarantined(), quarantined().size(), "quarantine rows counted once");
    for (Row q : quarantined()) {
      assertTrue(REASONS.contains(str(q, "reason")), () -> "reason outside the vocabulary: " + q);
    }
    return this;
  }

  public static Object get(Row row, String column) {
    return row.get(Schemas.INGEST_OUTPUT.fieldIndex(column));
  }

  /** A string column; {@code text} travels as UTF-8 bytes in the ingest output and is read back as a string. */
  public static String str(Row row, String column) {
    Object v = get(row, column);
    return v instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : (String) v;
  }

  public static Long num(Row row, String column) {
    return (Long) get(row, column);
  }

  public static Timestamp time(Row row, String column) {
    return (Timestamp) get(row, column);
  }

  /** An array column as a Java list (null stays null). */
  @SuppressWarnings("unchecked")
  public static <T> List<T> list(Row row, String column) {
    Object v = get(row, column);
    return v == null ? null : CollectionConverters.asJava((scala.collection.Seq<T>) v);
  }

  /** The {@code fields} map column as a Java map. */
  @SuppressWarnings("unchecked")
  public static Map<String, String> fields(Row row) {
    Object v = get(row, "fields");
    return v == null ? null : CollectionConverters.asJava((scala.collection.Map<String, String>) v);
  }

  /** The parse warnings, empty when there are none. */
  public static List<String> warnings(Row row) {
    List<String> w = list(row, "parse_warnings");
    return w == null ? List.of() : w;
  }
}
