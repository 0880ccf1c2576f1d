package org.leakscope.dedup.exact;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * The normalized-content key of every item: two items with the same key are exact duplicates. See docs/dedup.md for
 * what each kind's content is.
 *
 * <ul>
 *   <li>Message: the sender's and recipients' (To, Cc) addresses lower-cased, recipients sorted; the date as a UTC
 *       instant (as written when unparseable); the subject and the body text with whitespace runs collapsed.
 *       Received lines, folders, Message-IDs, Bcc and transfer encodings are not part of it.
 *   <li>Record: its fields as {@code name=value} pairs, names lower-cased and trimmed, values with whitespace
 *       collapsed, sorted. The record set is not part of it, so the same row in two exports is one group (the
 *       record group, per set, is derived from it).
 *   <li>Document: its text with whitespace collapsed; a document without text falls back to its bytes' hash, so
 *       two different scans without a text layer are not one group.
 * </ul>
 *
 * <p>Computed in one pass over each text, feeding SHA-256 as it goes (a Spark expression chain would copy each text
 * several times over: it was the slowest step of the stage).
 */
public final class ExactKeys {
  public static final StructType SCHEMA =
      new StructType()
          .add("item_id", StringType, false)
          .add("kind", StringType, false)
          .add("record_set", StringType, true)
          .add("exact_key", StringType, false);

  private ExactKeys() {}

  /** {@code (item_id, kind, record_set, exact_key)} for every item. */
  public static Dataset<Row> of(Dataset<Row> items) {
    return items.select(
            col("item_id"), col("kind"), col("record_set"), col("mail_from"), col("mail_to"), col("mail_cc"),
            col("mail_date").cast("long").as("mail_date"), col("mail_date_raw"), col("mail_subject"), col("text"),
            col("fields"), col("content_sha256"))
        .mapPartitions(new Compute(), Encoders.row(SCHEMA));
  }

  private static final class Compute implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ContentDigest digest = new ContentDigest();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          String kind = r.getString(1);
          return RowFactory.create(r.getString(0), kind, r.getString(2), key(digest, kind, r));
        }
      };
    }
  }

  static String key(ContentDigest d, String kind, Row r) {
    switch (kind) {
      case "email" -> {
        d.field("email");
        d.field(address(r.getString(3)));
        d.field(String.join(",", addresses(r, 4)));
        d.field(String.join(",", addresses(r, 5)));
        d.field(r.isNullAt(6) ? "raw:" + (r.isNullAt(7) ? "" : r.getString(7)) : Long.toString(r.getLong(6)));
        d.collapsed(r.getString(8));
        d.collapsed(r.getString(9));
      }
      case "record" -> {
        d.field("record");
        List<String> pairs = new ArrayList<>();
        if (!r.isNullAt(10)) {
          for (Map.Entry<String, String> e : r.<String, String>getJavaMap(10).entrySet()) {
            pairs.add(e.getKey().trim().toLowerCase(Locale.ROOT) + "=" + ContentDigest.collapse(e.getValue()));
          }
        }
        Collections.sort(pairs);
        for (String p : pairs) {
          d.field(p);
        }
      }
      default -> {
        String text = r.getString(9);
        if (text == null || ContentDigest.collapse(text).isEmpty()) {
          d.field("document-bytes");
          d.field(r.getString(11));
        } else {
          d.field("document");
          d.collapsed(text);
        }
      }
    }
    return d.finishHex();
  }

  private static List<String> addresses(Row r, int i) {
    if (r.isNullAt(i)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object mailbox : r.getList(i)) {
      out.add(address((String) mailbox));
    }
    Collections.sort(out);
    return out;
  }

  /** The address of a mailbox written {@code Name <addr>} or {@code addr}, trimmed and lower-cased. */
  public static String address(String mailbox) {
    if (mailbox == null) {
      return "";
    }
    String m = mailbox.trim();
    if (m.endsWith(">")) {
      int open = m.lastIndexOf('<');
      if (open >= 0) {
        m = m.substring(open + 1, m.length() - 1).trim();
      }
    }
    return m.toLowerCase(Locale.ROOT);
  }

  /** {@link #address(String)} as a Spark expression, for the stages that need it on columns. */
  public static Column address(Column mailbox) {
    Column angle = regexp_extract(mailbox, "<([^<>]*)>\\s*$", 1);
    return lower(trim(when(angle.notEqual(""), angle).otherwise(trim(mailbox))));
  }
}
