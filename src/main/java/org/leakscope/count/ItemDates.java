package org.leakscope.count;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every item with its date and its dedup groups: {@code item_id, kind, record_set, content_sha256, item_date,
 * exact_key, exact_group, near_cluster, record_group}. A message's date is its Date header; an attachment's, its
 * message's; documents and records found loose in a dump carry no date of their own (null: "undated").
 */
public final class ItemDates {
  private ItemDates() {}

  public static Dataset<Row> of(Dataset<Row> items, Dataset<Row> clusters) {
    Dataset<Row> parents = items.where(col("kind").equalTo("email"))
        .select(col("item_id").as("parent_item_id"), col("mail_date").as("parent_date"));
    return items.select("item_id", "kind", "record_set", "content_sha256", "mail_date", "parent_item_id")
        .join(parents, "parent_item_id", "left")
        .join(clusters.select("item_id", "exact_key", "exact_group", "near_cluster", "record_group"), "item_id")
        .select(col("item_id"), col("kind"), col("record_set"), col("content_sha256"),
            coalesce(col("mail_date"), col("parent_date")).as("item_date"), col("exact_key"), col("exact_group"),
            col("near_cluster"), col("record_group"));
  }
}
