package org.leakscope.io;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Explicit schemas of the tables leakscope writes. Column meanings are in docs/tables.md. */
public final class Schemas {
  private Schemas() {}

  public static final StructType ATTACHMENT =
      new StructType()
          .add("name", StringType)
          .add("media_type", StringType)
          .add("size_bytes", LongType)
          .add("sha256", StringType)
          .add("item_id", StringType);

  public static final StructType ITEMS =
      new StructType()
          .add("item_id", StringType, false)
          .add("kind", StringType, false)
          .add("format", StringType, false)
          .add("source_uri", StringType, false)
          .add("source_path", StringType, false)
          .add("locator", StringType, false)
          .add("record_set", StringType)
          .add("size_bytes", LongType, false)
          .add("content_sha256", StringType, false)
          .add("mail_message_id", StringType)
          .add("mail_date", TimestampType)
          .add("mail_date_raw", StringType)
          .add("mail_from", StringType)
          .add("mail_to", DataTypes.createArrayType(StringType))
          .add("mail_cc", DataTypes.createArrayType(StringType))
          .add("mail_bcc", DataTypes.createArrayType(StringType))
          .add("mail_reply_to", DataTypes.createArrayType(StringType))
          .add("mail_subject", StringType)
          .add("mail_in_reply_to", StringType)
          .add("mail_references", DataTypes.createArrayType(StringType))
          .add("text", StringType)
          .add("fields", DataTypes.createMapType(StringType, StringType))
          .add("attachments", DataTypes.createArrayType(ATTACHMENT))
          .add("parent_item_id", StringType)
          .add("parse_warnings", DataTypes.createArrayType(StringType));

  public static final StructType QUARANTINE =
      new StructType()
          .add("unit_id", StringType, false)
          .add("source_uri", StringType, false)
          .add("source_path", StringType, false)
          .add("locator", StringType, false)
          .add("reason", StringType, false)
          .add("detail", StringType)
          .add("size_bytes", LongType)
          .add("preview_hex", StringType);

  public static final StructType INGEST_MANIFEST =
      new StructType()
          .add("source_uri", StringType, false)
          .add("source_path", StringType, false)
          .add("size_bytes", LongType, false)
          .add("format", StringType, false)
          .add("units_found", LongType, false)
          .add("items_written", LongType, false)
          .add("units_quarantined", LongType, false)
          .add("status", StringType, false);

  /** Row types of {@link #INGEST_OUTPUT}. */
  public static final String ROW_ITEM = "item";
  public static final String ROW_QUARANTINE = "quarantine";
  public static final String ROW_MANIFEST = "manifest";

  /** The item rows of {@link #INGEST_OUTPUT} as they travel to the {@code items} writer: text as UTF-8 bytes. */
  public static final StructType ITEMS_WIRE = withType(ITEMS, "text", DataTypes.BinaryType);

  /**
   * What one ingest pass produces: the columns of items, quarantine and manifest side by side (shared names once),
   * with {@code row_type} saying which table a row belongs to. Every column is nullable here; each table's own
   * schema is applied when it is split off.
   */
  public static final StructType INGEST_OUTPUT = union("row_type", ITEMS_WIRE, QUARANTINE, INGEST_MANIFEST);

  /**
   * The ingest output carries {@code text} as UTF-8 bytes, cast to a string when {@code items} is written (a cast
   * that wraps the bytes without copying or re-encoding them).
   */
  private static StructType withType(StructType schema, String column, org.apache.spark.sql.types.DataType type) {
    StructField[] fields = schema.fields().clone();
    int i = schema.fieldIndex(column);
    fields[i] = DataTypes.createStructField(column, type, fields[i].nullable());
    return DataTypes.createStructType(fields);
  }

  private static StructType union(String discriminator, StructType... parts) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    fields.put(discriminator, DataTypes.createStructField(discriminator, StringType, false));
    for (StructType part : parts) {
      for (StructField f : part.fields()) {
        StructField seen = fields.putIfAbsent(f.name(), DataTypes.createStructField(f.name(), f.dataType(), true));
        if (seen != null && !seen.dataType().equals(f.dataType())) {
          throw new IllegalStateException("column " + f.name() + " has two types: " + seen.dataType() + ", "
              + f.dataType());
        }
      }
    }
    return DataTypes.createStructType(new ArrayList<>(fields.values()));
  }

  /** Index of each column of {@link #INGEST_OUTPUT}, for building rows by name. */
  public static int outputIndex(String column) {
    return INGEST_OUTPUT.fieldIndex(column);
  }

  public static List<String> columns(StructType schema) {
    return List.of(schema.fieldNames());
  }
}
