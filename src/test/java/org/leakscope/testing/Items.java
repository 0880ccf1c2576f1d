package org.leakscope.testing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Schemas;

/** Hand-made rows of the items table, for stage tests that start after ingest. */
public final class Items {
  private Items() {}

  public static Row email(
      String id, String from, List<String> to, String date, String subject, String text, String messageId,
      String inReplyTo) {
    Object[] v = base(id, "email", "eml");
    v[i("mail_from")] = from;
    v[i("mail_to")] = to;
    v[i("mail_date")] = date == null ? null : Timestamp.from(Instant.parse(date));
    v[i("mail_date_raw")] = date;
    v[i("mail_subject")] = subject;
    v[i("text")] = text;
    v[i("mail_message_id")] = messageId;
    v[i("mail_in_reply_to")] = inReplyTo;
    return RowFactory.create(v);
  }

  public static Row document(String id, String text) {
    Object[] v = base(id, "document", "text");
    v[i("text")] = text;
    return RowFactory.create(v);
  }

  public static Row record(String id, String recordSet, Map<String, String> fields) {
    Object[] v = base(id, "record", "csv");
    v[i("record_set")] = recordSet;
    v[i("fields")] = fields;
    return RowFactory.create(v);
  }

  /** Writes {@code rows} as the items table of a run under {@code output}. */
  public static OutputLayout write(SparkSession spark, List<Row> rows, String output) {
    OutputLayout out = new OutputLayout(output);
    spark.createDataFrame(rows, Schemas.ITEMS).repartition(3).write().mode(SaveMode.Overwrite)
        .parquet(out.restricted(OutputLayout.ITEMS));
    return out;
  }

  private static Object[] base(String id, String kind, String format) {
    Object[] v = new Object[Schemas.ITEMS.size()];
    v[i("item_id")] = id;
    v[i("kind")] = kind;
    v[i("format")] = format;
    v[i("source_uri")] = "file:/fixture/" + id;
    v[i("source_path")] = id;
    v[i("locator")] = "";
    v[i("size_bytes")] = 0L;
    v[i("content_sha256")] = "sha-" + id;
    return v;
  }

  private static int i(String column) {
    return Schemas.ITEMS.fieldIndex(column);
  }
}
