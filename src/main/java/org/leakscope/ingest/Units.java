package org.leakscope.ingest;

import static org.leakscope.io.Schemas.INGEST_OUTPUT;
import static org.leakscope.io.Schemas.outputIndex;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.leakscope.io.Schemas;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The accounting of one input file: every unit a reader finds ends here exactly once, as an item row or a
 * quarantine row, and the counts become the file's manifest row. The job later checks these counts against the
 * rows that reached the tables.
 */
public final class Units {
  /** Parses one unit into an item, or throws {@link UnitRejected} to quarantine it. */
  @FunctionalInterface
  public interface Parse {
    Item parse() throws Exception;
  }

  static final int PREVIEW_BYTES = 32;

  private final String sourceUri;
  private final String sourcePath;
  private final Consumer<Row> out;
  private long items;
  private long quarantined;

  public Units(String sourceUri, String sourcePath, Consumer<Row> out) {
    this.sourceUri = sourceUri;
    this.sourcePath = sourcePath;
    this.out = out;
  }

  public String sourcePath() {
    return sourcePath;
  }

  public long items() {
    return items;
  }

  public long quarantined() {
    return quarantined;
  }

  public long found() {
    return items + quarantined;
  }

  /** The id a unit at this locator gets (items and quarantine rows alike). */
  public String idOf(String locator) {
    return Hashing.unitId(sourcePath, locator);
  }

  /**
   * Parses a unit and records its outcome. A rejection quarantines it; a rejection that broke the stream is
   * recorded and then thrown on as {@link StreamStopped}, so every reader around it stops. {@code preview} may be
   * null.
   */
  public void unit(String locator, long sizeBytes, byte[] preview, Parse parse) {
    Item item;
    try {
      item = parse.parse();
    } catch (UnitRejected r) {
      quarantine(locator, r.reason(), r.getMessage(), sizeBytes, preview);
      if (r.streamBroken()) {
        throw new StreamStopped(r);
      }
      return;
    } catch (StackOverflowError e) {
      quarantine(locator, Reason.TOO_DEEP, "nesting too deep for the parser's stack", sizeBytes, preview);
      return;
    } catch (Exception e) {
      quarantine(locator, Reason.PARSER_ERROR, describe(e), sizeBytes, preview);
      return;
    }
    item(item);
  }

  /** Records a parsed item. */
  public void item(Item it) {
    items++;
    Object[] v = new Object[INGEST_OUTPUT.size()];
    v[C.ROW_TYPE] = Schemas.ROW_ITEM;
    v[C.ITEM_ID] = idOf(it.locator);
    v[C.KIND] = it.format.kind().code();
    v[C.FORMAT] = it.format.code();
    v[C.SOURCE_URI] = sourceUri;
    v[C.SOURCE_PATH] = sourcePath;
    v[C.LOCATOR] = it.locator;
    v[C.RECORD_SET] = it.recordSet;
    v[C.SIZE_BYTES] = it.sizeBytes;
    v[C.CONTENT_SHA256] = it.contentSha256;
    v[C.MESSAGE_ID] = it.messageId;
    v[C.DATE] = it.date == null ? null : Timestamp.from(it.date);
    v[C.DATE_RAW] = it.dateRaw;
    v[C.FROM] = it.from;
    v[C.TO] = seq(it.to);
    v[C.CC] = seq(it.cc);
    v[C.BCC] = seq(it.bcc);
    v[C.REPLY_TO] = seq(it.replyTo);
    v[C.SUBJECT] = it.subject;
    v[C.IN_REPLY_TO] = it.inReplyTo;
    v[C.REFERENCES] = seq(it.references);
    v[C.TEXT] = it.textBytes();
    v[C.FIELDS] = it.fields == null ? null : CollectionConverters.asScala(it.fields);
    if (it.format.kind() == Format.Kind.EMAIL) {
      List<Row> atts = new ArrayList<>(it.attachments.size());
      for (Item.Attachment a : it.attachments) {
        atts.add(RowFactory.create(a.name(), a.mediaType(), a.sizeBytes(), a.sha256(), a.itemId()));
      }
      v[C.ATTACHMENTS] = seq(atts);
    }
    v[C.PARENT_ITEM_ID] = it.parentItemId;
    v[C.PARSE_WARNINGS] = it.warnings.isEmpty() ? null : seq(it.warnings);
    out.accept(RowFactory.create(v));
  }

  /** Records a quarantined unit; {@code preview} (may be null) holds its first bytes. */
  public void quarantine(String locator, Reason reason, String detail, long sizeBytes, byte[] preview) {
    quarantined++;
    Object[] v = new Object[INGEST_OUTPUT.size()];
    v[C.ROW_TYPE] = Schemas.ROW_QUARANTINE;
    v[C.UNIT_ID] = idOf(locator);
    v[C.SOURCE_URI] = sourceUri;
    v[C.SOURCE_PATH] = sourcePath;
    v[C.LOCATOR] = locator;
    v[C.REASON] = reason.code();
    v[C.DETAIL] = detail;
    v[C.SIZE_BYTES] = sizeBytes < 0 ? null : sizeBytes;
    v[C.PREVIEW_HEX] =
        preview == null ? null : Hashing.hex(preview, 0, Math.min(PREVIEW_BYTES, preview.length));
    out.accept(RowFactory.create(v));
  }

  /** Emits the file's manifest row. */
  public void manifest(long sizeBytes, Format format) {
    Object[] v = new Object[INGEST_OUTPUT.size()];
    v[C.ROW_TYPE] = Schemas.ROW_MANIFEST;
    v[C.SOURCE_URI] = sourceUri;
    v[C.SOURCE_PATH] = sourcePath;
    v[C.SIZE_BYTES] = sizeBytes;
    v[C.MANIFEST_FORMAT] = format.code();
    v[C.UNITS_FOUND] = found();
    v[C.ITEMS_WRITTEN] = items;
    v[C.UNITS_QUARANTINED] = quarantined;
    v[C.STATUS] = status();
    out.accept(RowFactory.create(v));
  }

  private String status() {
    if (found() == 0) {
      return "no_units";
    }
    if (quarantined == 0) {
      return "ok";
    }
    return items == 0 ? "quarantined" : "partial";
  }

  /** Spark's row encoder takes Scala collections. */
  private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
    return list == null ? null : CollectionConverters.asScala(list).toList();
  }

  static String describe(Throwable e) {
    String msg = e.getMessage();
    String text = e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    return text.length() > 500 ? text.substring(0, 500) + "…" : text;
  }

  /** Column positions in {@link Schemas#INGEST_OUTPUT}. */
  private static final class C {
    static final int ROW_TYPE = outputIndex("row_type");
    static final int ITEM_ID = outputIndex("item_id");
    static final int KIND = outputIndex("kind");
    static final int FORMAT = outputIndex("format");
    static final int MANIFEST_FORMAT = FORMAT;
    static final int SOURCE_URI = outputIndex("source_uri");
    static final int SOURCE_PATH = outputIndex("source_path");
    static final int LOCATOR = outputIndex("locator");
    static final int RECORD_SET = outputIndex("record_set");
    static final int SIZE_BYTES = outputIndex("size_bytes");
    static final int CONTENT_SHA256 = outputIndex("content_sha256");
    static final int MESSAGE_ID = outputIndex("mail_message_id");
    static final int DATE = outputIndex("mail_date");
    static final int DATE_RAW = outputIndex("mail_date_raw");
    static final int FROM = outputIndex("mail_from");
    static final int TO = outputIndex("mail_to");
    static final int CC = outputIndex("mail_cc");
    static final int BCC = outputIndex("mail_bcc");
    static final int REPLY_TO = outputIndex("mail_reply_to");
    static final int SUBJECT = outputIndex("mail_subject");
    static final int IN_REPLY_TO = outputIndex("mail_in_reply_to");
    static final int REFERENCES = outputIndex("mail_references");
    static final int TEXT = outputIndex("text");
    static final int FIELDS = outputIndex("fields");
    static final int ATTACHMENTS = outputIndex("attachments");
    static final int PARENT_ITEM_ID = outputIndex("parent_item_id");
    static final int PARSE_WARNINGS = outputIndex("parse_warnings");
    static final int UNIT_ID = outputIndex("unit_id");
    static final int REASON = outputIndex("reason");
    static final int DETAIL = outputIndex("detail");
    static final int PREVIEW_HEX = outputIndex("preview_hex");
    static final int UNITS_FOUND = outputIndex("units_found");
    static final int ITEMS_WRITTEN = outputIndex("items_written");
    static final int UNITS_QUARANTINED = outputIndex("units_quarantined");
    static final int STATUS = outputIndex("status");
  }
}
