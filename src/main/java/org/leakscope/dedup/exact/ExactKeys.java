package org.leakscope.dedup.exact;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The normalized-content key of an item, as Spark expressions: two items with the same key are exact duplicates.
 * See docs/dedup.md for what each kind's content is.
 *
 * <ul>
 *   <li>Message: the sender's and recipients' (To, Cc) addresses lower-cased, recipients sorted; the date as a UTC
 *       instant (as written when unparseable); the subject and the body text with whitespace runs collapsed.
 *       Received lines, folders, Message-IDs, Bcc and transfer encodings are not part of it.
 *   <li>Record: its fields as {@code name=value} pairs, names lower-cased, values trimmed with whitespace
 *       collapsed, sorted — the record set is not part of it, so the same row in two exports is one group.
 *   <li>Document: its text with whitespace collapsed; a document without text falls back to its bytes' hash, so
 *       two different scans without a text layer are not one group.
 * </ul>
 */
public final class ExactKeys {
  private static final String SEP = "\u0001";

  private ExactKeys() {}

  /** {@code items} with an {@code exact_key} column (hex SHA-256 of the kind and its normalized content). */
  public static Dataset<Row> withExactKey(Dataset<Row> items) {
    return items.withColumn("exact_key", exactKey());
  }

  static Column exactKey() {
    Column text = collapsed(col("text"));
    Column message =
        concat_ws(
            SEP,
            lit("email"),
            coalesce(address(col("mail_from")), lit("")),
            array_join(array_sort(transform(col("mail_to"), ExactKeys::address)), ","),
            array_join(array_sort(transform(col("mail_cc"), ExactKeys::address)), ","),
            coalesce(col("mail_date").cast("long").cast("string"), concat(lit("raw:"), col("mail_date_raw")), lit("")),
            coalesce(collapsed(col("mail_subject")), lit("")),
            coalesce(text, lit("")));
    Column record =
        concat_ws(
            SEP,
            lit("record"),
            array_join(
                array_sort(
                    transform(
                        map_entries(col("fields")),
                        e -> concat(lower(trim(e.getField("key"))), lit("="),
                            coalesce(collapsed(e.getField("value")), lit("")))) ),
                SEP));
    Column document =
        when(coalesce(text, lit("")).notEqual(""), concat_ws(SEP, lit("document"), text))
            .otherwise(concat_ws(SEP, lit("document-bytes"), col("content_sha256")));
    return sha2(
        when(col("kind").equalTo("email"), message)
            .when(col("kind").equalTo("record"), record)
            .otherwise(document),
        256);
  }

  /** Whitespace runs (any Unicode space, line breaks included) as one space, ends trimmed. */
  public static Column collapsed(Column c) {
    return trim(regexp_replace(c, "[\\s\\p{Z}\\u200B\\uFEFF]+", " "));
  }

  /** The address of a mailbox written {@code Name <addr>} or {@code addr}, lower-cased. */
  public static Column address(Column mailbox) {
    Column angle = regexp_extract(mailbox, "<([^<>]*)>\\s*$", 1);
    return lower(trim(when(angle.notEqual(""), angle).otherwise(mailbox)));
  }
}
