package org.leakscope.report;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The CSV exports that are views of larger tables, made for spreadsheets and the notebooks: the largest near-duplicate
 * clusters, a few members of each side by side, and each company's users. Every one is bounded (a fixed number of
 * rows, or one row per resolved user) and ordered, so the files are the same on every run.
 */
public final class Exports {
  /** Rows of {@code largest_clusters.csv}. */
  public static final int LARGEST_CLUSTERS = 500;
  /** Clusters whose members are listed: the largest with more than one exact group (true near copies) ... */
  public static final int NEAR_CLUSTERS_LISTED = 20;
  /** ... and the largest of all (often exact copies only). */
  public static final int CLUSTERS_LISTED = 10;
  /** Members listed per cluster: the representative, then one per exact group, least similar first. */
  public static final int MEMBERS_LISTED = 6;
  /** Characters of text kept per listed member. */
  public static final int TEXT_CHARS = 4000;

  private Exports() {}

  /** {@code largest_clusters}: the {@link #LARGEST_CLUSTERS} largest rows of {@code cluster_summary}. */
  public static Dataset<Row> largestClusters(Dataset<Row> clusterSummary) {
    return clusterSummary.orderBy(col("size").desc(), col("near_cluster")).limit(LARGEST_CLUSTERS);
  }

  /**
   * {@code cluster_members}: for the listed clusters, the representative and one member per other exact group (the
   * least similar first), with where each was found and its text (cut at {@link #TEXT_CHARS} characters).
   */
  public static Dataset<Row> clusterMembers(
      Dataset<Row> clusterSummary, Dataset<Row> itemClusters, Dataset<Row> items) {
    Dataset<Row> largest = clusterSummary.orderBy(col("size").desc(), col("near_cluster"));
    Dataset<Row> listed = largest.where(col("exact_groups").gt(1)).limit(NEAR_CLUSTERS_LISTED)
        .union(largest.limit(CLUSTERS_LISTED)).distinct()
        .select(col("near_cluster"), col("size").as("cluster_size"), col("exact_groups"));
    // One member per exact group (the representative's group is represented by the representative itself).
    Dataset<Row> members = itemClusters.join(listed, "near_cluster")
        .withColumn("in_group", row_number().over(Window.partitionBy("near_cluster", "exact_group")
            .orderBy(col("is_representative").desc(), col("item_id"))))
        .where(col("in_group").equalTo(1))
        .withColumn("rank", row_number().over(Window.partitionBy("near_cluster")
            .orderBy(col("is_representative").desc(), col("similarity_to_representative").asc_nulls_last(),
                col("item_id"))))
        .where(col("rank").leq(MEMBERS_LISTED));
    Column text = col("text");
    // At most NEAR_CLUSTERS_LISTED + CLUSTERS_LISTED clusters of MEMBERS_LISTED members: sent to every task of the
    // items scan, so the items (their texts) are not shuffled to meet them (at scale 2 that shuffle was 67 MB).
    return items.select("item_id", "source_path", "locator", "mail_subject", "mail_from", "mail_date", "text")
        .join(broadcast(members), "item_id")
        .select(col("near_cluster"), col("cluster_size"), col("exact_groups"), col("rank").cast("long").as("rank"),
            col("item_id"), col("kind"), col("is_representative"), col("similarity_to_representative"),
            col("exact_group"), col("exact_group_size"), col("source_path"), col("locator"),
            col("mail_subject").as("subject"), col("mail_from").as("sender"), col("mail_date").as("date"),
            substring(text, 1, TEXT_CHARS).as("text"),
            when(length(text).gt(TEXT_CHARS), lit(true)).otherwise(lit(false)).as("text_cut"))
        .orderBy(col("cluster_size").desc(), col("near_cluster"), col("rank"));
  }

  /** {@code company_users}: one row per resolved user with the company's name; lists joined with "; ". */
  public static Dataset<Row> companyUsers(Dataset<Row> users, Dataset<Row> companyImpact) {
    Column[] columns = {
      col("company_id"), col("company_name"), col("user_id"), col("country"),
      array_join(col("logins"), "; ").as("logins"), array_join(col("addresses"), "; ").as("addresses"),
      array_join(col("names"), "; ").as("names"), col("login_mentions"), col("address_mentions")
    };
    return users.join(companyImpact.select(col("company_id"), col("name").as("company_name")), "company_id", "left")
        .select(columns)
        .orderBy(col("company_id").asc_nulls_last(), col("user_id"));
  }
}
