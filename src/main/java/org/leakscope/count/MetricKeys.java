package org.leakscope.count;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakscope.extract.ExtractJob;
import org.leakscope.extract.Mentions;

/**
 * What each metric counts at each basis, as one long table of {@code (metric, basis, key, occurrence)}: the value of
 * a metric at a basis is the number of distinct keys. One definition serves the exact count, the HLL estimate and the
 * Theta sketch, so they always count the same thing. At the {@code raw} basis a key is a place and each row is one
 * occurrence ({@code occurrence} true): rows that agree (the same bytes stored twice, an address written twice in one
 * body) are numbered by {@link MetricSketches}, so each keeps its own key.
 *
 * <p>Keys come from content, not location, so the Theta sketches of two runs can be intersected ({@code compare}):
 *
 * <ul>
 *   <li>items: {@code raw} keys are stored copies, {@code exact_unique} normalized contents, {@code near_unique} near
 *       clusters (by their representative's content); records qualified by set ({@code records:users}) count
 *       contents within the set;
 *   <li>entities: {@code raw} keys are occurrences (stored copy, source, context, rule, value, and a running number
 *       for a value written twice in one place), {@code distinct_raw} the values as written,
 *       {@code distinct_normalized} the normalized values, {@code distinct_canonical} the canonical addresses,
 *       {@code resolved} the ids of resolved users and companies.
 * </ul>
 */
public final class MetricKeys {
  private MetricKeys() {}

  /** Separates the parts of a place, and a place from its running number. */
  static final String SEP = "\u0000";

  /** Metrics of item kinds. */
  public static final Map<String, String> KIND_METRICS =
      Map.of("email", Vocabulary.EMAIL_MESSAGES, "document", Vocabulary.DOCUMENTS, "record", Vocabulary.RECORDS);

  /**
   * Item keys from {@code dated_items}. Keys are derived from content, never from where an item sits, so two runs can
   * be compared: a stored copy is its bytes' hash (numbered when the same bytes are stored more than once), an exact
   * group its normalized-content hash, a near cluster its representative's, a record group its set and content.
   */
  public static Dataset<Row> items(Dataset<Row> datedItems) {
    Column metric = metricOfKind(col("kind"));
    Column records = col("kind").equalTo("record");
    Dataset<Row> representatives = datedItems.where(col("item_id").equalTo(col("near_cluster")))
        .select(col("item_id").as("near_cluster"), col("exact_key").as("cluster_key"));
    Dataset<Row> items = datedItems.join(representatives, "near_cluster", "left");
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(occurrences(items.select(metric.as("metric"), col("content_sha256").as("place"))));
    parts.add(values(items.select(metric.as("metric"), lit(Vocabulary.EXACT_UNIQUE).as("basis"),
        col("exact_key").as("key"))));
    parts.add(values(items.where(records.unary_$bang())
        .select(metric.as("metric"), lit(Vocabulary.NEAR_UNIQUE).as("basis"), col("cluster_key").as("key"))));
    Dataset<Row> inSets = items.where(records.and(col("record_set").isNotNull()));
    Column setMetric = concat(lit(Vocabulary.RECORD_SET_PREFIX), col("record_set"));
    parts.add(occurrences(inSets.select(setMetric.as("metric"), col("content_sha256").as("place"))));
    parts.add(values(inSets.select(setMetric.as("metric"), lit(Vocabulary.EXACT_UNIQUE).as("basis"),
        col("exact_key").as("key"))));
    return union(parts);
  }

  /**
   * Entity keys from the {@code mentions}, {@code users} and {@code companies} tables ({@code dated_items} gives each
   * mention's item its content hash).
   */
  public static Dataset<Row> entities(
      Dataset<Row> mentions, Dataset<Row> datedItems, Dataset<Row> users, Dataset<Row> companies) {
    Column metric = metricOfType(col("entity_type"));
    Dataset<Row> counted = mentions.where(metric.isNotNull());
    List<Dataset<Row>> parts = new ArrayList<>();
    parts.add(rawOccurrences(counted.where(Mentions.explicit())
        .join(datedItems.select("item_id", "content_sha256"), "item_id")));
    parts.add(values(counted.where(Mentions.explicit())
        .select(metric.as("metric"), lit(Vocabulary.DISTINCT_RAW).as("basis"), col("raw_value").as("key"))));
    parts.add(values(counted.where(Mentions.valid())
        .select(metric.as("metric"), lit(Vocabulary.DISTINCT_NORMALIZED).as("basis"),
            col("normalized_value").as("key"))));
    parts.add(values(counted.where(Mentions.valid().and(col("canonical_value").isNotNull()))
        .select(metric.as("metric"), lit(Vocabulary.DISTINCT_CANONICAL).as("basis"),
            col("canonical_value").as("key"))));
    parts.add(values(users.select(lit(Vocabulary.USERS).as("metric"), lit(Vocabulary.RESOLVED).as("basis"),
        col("user_id").as("key"))));
    parts.add(values(companies.select(lit(Vocabulary.COMPANIES).as("metric"), lit(Vocabulary.RESOLVED).as("basis"),
        col("company_id").as("key"))));
    return union(parts);
  }

  /** Raw entity keys: the stored copy's content hash, where in it, the rule and the value as written. */
  private static Dataset<Row> rawOccurrences(Dataset<Row> explicit) {
    Column place = concat_ws(SEP, col("content_sha256"), col("source"), coalesce(col("context"), lit("")),
        col("rule"), col("raw_value"));
    return occurrences(explicit.select(metricOfType(col("entity_type")).as("metric"), place.as("place")));
  }

  /** {@code raw} keys of {@code (metric, place)} rows: one occurrence per row, however many rows agree. */
  private static Dataset<Row> occurrences(Dataset<Row> places) {
    return places.select(col("metric"), lit(Vocabulary.RAW).as("basis"), col("place").as("key"),
        lit(true).as("occurrence"));
  }

  /** Keys of {@code (metric, basis, key)} rows that count each value once. */
  private static Dataset<Row> values(Dataset<Row> keys) {
    return keys.withColumn("occurrence", lit(false));
  }

  static Column metricOfKind(Column kind) {
    Column m = lit(null).cast("string");
    for (Map.Entry<String, String> e : KIND_METRICS.entrySet()) {
      m = when(kind.equalTo(e.getKey()), e.getValue()).otherwise(m);
    }
    return m;
  }

  private static Column metricOfType(Column type) {
    Column m = lit(null).cast("string");
    for (Map.Entry<String, String> e : ExtractJob.METRICS.entrySet()) {
      m = when(type.equalTo(e.getKey()), e.getValue()).otherwise(m);
    }
    return m;
  }

  private static Dataset<Row> union(List<Dataset<Row>> parts) {
    Dataset<Row> all = parts.get(0);
    for (Dataset<Row> p : parts.subList(1, parts.size())) {
      all = all.unionAll(p);
    }
    return all;
  }
}
