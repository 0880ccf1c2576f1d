package org.leakscope.count;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leakscope.extract.Mentions;

/**
 * The age of the exposed data ({@code retention}): each unique message, document, record, user and address dated by
 * the newest item it appears in, counted by year; and, per retention period, the share a policy deleting data older
 * than that at the leak date would have removed. Something seen in any newer item survives the policy, so it counts
 * as kept; undated things are always kept.
 *
 * <p>One long table, BI-friendly: {@code view} is {@code by_year} (one row per metric and year, {@code year} null
 * for undated) or {@code policy} (one row per metric and retention period).
 */
public final class Retention {
  private Retention() {}

  public static final String BY_YEAR = "by_year";
  public static final String POLICY = "policy";

  public static final StructType SCHEMA = new StructType()
      .add("view", DataTypes.StringType, false)
      .add("metric", DataTypes.StringType, false)
      .add("basis", DataTypes.StringType, false)
      .add("year", DataTypes.IntegerType)
      .add("retention_years", DataTypes.IntegerType)
      .add("leak_date", DataTypes.DateType)
      .add("cutoff", DataTypes.DateType)
      .add("value", DataTypes.LongType, false)
      .add("total", DataTypes.LongType, false)
      .add("share", DataTypes.DoubleType);

  /** What each metric's unit is, for the retention view, and at which basis it is counted. */
  private static final Map<String, String> BASES = Map.of(
      Vocabulary.EMAIL_MESSAGES, Vocabulary.EXACT_UNIQUE,
      Vocabulary.DOCUMENTS, Vocabulary.EXACT_UNIQUE,
      Vocabulary.RECORDS, Vocabulary.EXACT_UNIQUE,
      Vocabulary.USERS, Vocabulary.RESOLVED,
      Vocabulary.EMAIL_ADDRESSES, Vocabulary.DISTINCT_NORMALIZED);

  /**
   * {@code metric, key, last_date}: every unique thing with the newest date it was seen at (null: undated). Users
   * without a dated mention (and users without mentions) are undated.
   */
  public static Dataset<Row> lastSeen(Dataset<Row> datedItems, Dataset<Row> mentions, Dataset<Row> users) {
    Dataset<Row> items = datedItems
        .groupBy(MetricKeys.metricOfKind(col("kind")).as("metric"), col("exact_group").as("key"))
        .agg(max("item_date").as("last_date"));
    Dataset<Row> itemDates = datedItems.select("item_id", "item_date");
    Dataset<Row> userDates = mentions.where(col("user_id").isNotNull())
        .select("item_id", "user_id").join(itemDates, "item_id")
        .groupBy("user_id").agg(max("item_date").as("last_date"));
    Dataset<Row> userRows = users.select("user_id").join(userDates, "user_id", "left")
        .select(lit(Vocabulary.USERS).as("metric"), col("user_id").as("key"), col("last_date"));
    Dataset<Row> addresses = mentions
        .where(col("entity_type").equalTo(Mentions.EMAIL_ADDRESS).and(Mentions.valid()))
        .select("item_id", "normalized_value").join(itemDates, "item_id")
        .groupBy(col("normalized_value").as("key")).agg(max("item_date").as("last_date"))
        .select(lit(Vocabulary.EMAIL_ADDRESSES).as("metric"), col("key"), col("last_date"));
    return items.unionByName(userRows).unionByName(addresses);
  }

  /** The newest item date not after {@code notAfter} (dates in the future are clock errors), or null. */
  public static LocalDate newestDate(Dataset<Row> datedItems, java.sql.Timestamp notAfter) {
    Row r = datedItems.where(col("item_date").leq(lit(notAfter))).agg(max("item_date")).first();
    return r.isNullAt(0) ? null : r.getTimestamp(0).toLocalDateTime().toLocalDate();
  }

  /**
   * The rows of the {@code retention} table (a handful per metric: years and periods), from one aggregation: per
   * metric and year, how many, and how many each policy would remove.
   */
  public static List<Row> rows(Dataset<Row> lastSeen, LocalDate leakDate, List<Integer> periods) {
    List<Integer> retentionYears = leakDate == null ? List.of() : periods;
    List<Column> removed = new ArrayList<>();
    for (int years : retentionYears) {
      Date cutoff = Date.valueOf(leakDate.minusYears(years));
      removed.add(sum(when(col("last_date").lt(lit(cutoff)), 1L).otherwise(0L)).as("removed_" + years));
    }
    // Bounded: one row per metric and year of the data.
    List<Row> byYear = lastSeen.groupBy(col("metric"), year(col("last_date")).as("year"))
        .agg(count(lit(1)).as("value"), removed.toArray(Column[]::new))
        .orderBy(col("metric"), col("year").asc_nulls_last()).collectAsList();
    Map<String, long[]> totals = new TreeMap<>(); // metric → total, then removed per period
    for (Row r : byYear) {
      long[] t = totals.computeIfAbsent(r.getString(0), m -> new long[1 + retentionYears.size()]);
      t[0] += r.getLong(2);
      for (int i = 0; i < retentionYears.size(); i++) {
        t[1 + i] += r.getLong(3 + i);
      }
    }
    Date leak = leakDate == null ? null : Date.valueOf(leakDate);
    List<Row> out = new ArrayList<>();
    for (Row r : byYear) {
      String metric = r.getString(0);
      long total = totals.get(metric)[0];
      out.add(RowFactory.create(BY_YEAR, metric, BASES.get(metric), r.isNullAt(1) ? null : r.getInt(1), null, leak,
          null, r.getLong(2), total, share(r.getLong(2), total)));
    }
    for (int i = 0; i < retentionYears.size(); i++) {
      int years = retentionYears.get(i);
      for (Map.Entry<String, long[]> e : totals.entrySet()) {
        long total = e.getValue()[0];
        long gone = e.getValue()[1 + i];
        out.add(RowFactory.create(POLICY, e.getKey(), BASES.get(e.getKey()), null, years, leak,
            Date.valueOf(leakDate.minusYears(years)), gone, total, share(gone, total)));
      }
    }
    return out;
  }

  private static Double share(long part, long total) {
    return total == 0 ? null : (double) part / total;
  }
}
