package org.leakscope.extract;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.leakscope.testing.SparkTestSession;

/** The summary's per-type counts, which count each distinct spelling once before counting distinct values. */
class ExtractCountsTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("entity_type", DataTypes.StringType)
          .add("rule", DataTypes.StringType)
          .add("raw_value", DataTypes.StringType)
          .add("normalized_value", DataTypes.StringType)
          .add("canonical_value", DataTypes.StringType);

  private static Row mention(String type, String rule, String raw, String normalized, String canonical) {
    return RowFactory.create(type, rule, raw, normalized, canonical);
  }

  /** Addresses repeated and respelled, a rejected one, countries stated and implied, phones all rejected. */
  private static List<Row> fixture() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      rows.add(mention(Mentions.EMAIL_ADDRESS, "header", "Jo@Contoso.com", "jo@contoso.com", "jo@contoso.com"));
    }
    rows.add(mention(Mentions.EMAIL_ADDRESS, "header", "jo@contoso.com", "jo@contoso.com", "jo@contoso.com"));
    rows.add(mention(Mentions.EMAIL_ADDRESS, "body", "jo+x@contoso.com", "jo+x@contoso.com", "jo@contoso.com"));
    rows.add(mention(Mentions.EMAIL_ADDRESS, "body", "jo@@contoso", null, null));
    rows.add(mention(Mentions.COUNTRY, Mentions.FIELD_COUNTRY, "France", "FR", null));
    rows.add(mention(Mentions.COUNTRY, Mentions.FIELD_COUNTRY, "FRA", "FR", null));
    rows.add(mention(Mentions.COUNTRY, Mentions.PHONE_REGION, "+33 1 23 45 67 89", "FR", null));
    rows.add(mention(Mentions.COUNTRY, Mentions.CCTLD, "contoso.de", "DE", null));
    rows.add(mention(Mentions.COUNTRY, null, "somewhere", "XX", null));
    rows.add(mention(Mentions.PHONE, "phone", "+0000", null, null));
    rows.add(mention(Mentions.PHONE, "phone", "+0000", null, null));
    return rows;
  }

  @Test
  void eachBasisCountsWhatTheVocabularySays() {
    Map<String, List<Long>> counts = byType(ExtractJob.countsByType(mentions()));
    // mentions, rejected, raw, distinct_raw, distinct_normalized, distinct_canonical
    assertEquals(List.of(6L, 1L, 5L, 3L, 2L, 1L), counts.get(Mentions.EMAIL_ADDRESS));
    // Only country fields are raw mentions; a country without a rule is not one either.
    assertEquals(List.of(5L, 0L, 2L, 2L, 3L, 0L), counts.get(Mentions.COUNTRY));
    // No valid mention at all: the raw count is zero, not missing.
    assertEquals(List.of(2L, 2L, 0L, 0L, 0L, 0L), counts.get(Mentions.PHONE));
  }

  @Test
  void theCountsEqualDistinctCountsOverEveryMention() {
    Column valid = Mentions.valid();
    Column explicit = Mentions.explicit();
    Dataset<Row> direct =
        mentions().groupBy("entity_type")
            .agg(count(lit(1)), sum(when(valid, 0L).otherwise(1L)), count(when(explicit, lit(1))),
                count_distinct(when(explicit, col("raw_value"))),
                count_distinct(when(valid, col("normalized_value"))),
                count_distinct(when(valid, col("canonical_value"))));
    assertEquals(byType(direct), byType(ExtractJob.countsByType(mentions().repartition(3))));
  }

  private static Dataset<Row> mentions() {
    SparkSession spark = SparkTestSession.get();
    return spark.createDataFrame(fixture(), SCHEMA);
  }

  private static Map<String, List<Long>> byType(Dataset<Row> counts) {
    Map<String, List<Long>> out = new TreeMap<>();
    for (Row r : counts.collectAsList()) {
      List<Long> values = new ArrayList<>();
      for (int i = 1; i < r.length(); i++) {
        values.add(r.getLong(i));
      }
      out.put(r.getString(0), values);
    }
    return out;
  }
}
