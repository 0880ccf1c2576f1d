package org.leakscope.count;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.leakscope.testing.SparkTestSession;

/** The retention rows of a few hand-dated things, every number worked out by hand. */
class RetentionTest {
  private static final StructType LAST_SEEN = new StructType()
      .add("metric", DataTypes.StringType)
      .add("key", DataTypes.StringType)
      .add("last_date", DataTypes.TimestampType);

  @Test
  void countsByYearAndWhatEachPolicyRemoves() {
    SparkSession spark = SparkTestSession.get();
    List<Row> seen = List.of(
        seen("email_messages", "m1", "2019-03-01T10:00:00"),
        seen("email_messages", "m2", "2020-06-30T23:00:00"),
        seen("email_messages", "m3", "2021-07-01T00:00:00"),
        seen("email_messages", "m4", "2022-06-01T00:00:00"),
        seen("users", "u1", "2019-12-31T00:00:00"),
        seen("users", "u2", null));
    List<Row> rows = Retention.rows(spark.createDataFrame(seen, LAST_SEEN), LocalDate.of(2022, 7, 1), List.of(1, 2));
    List<String> got = new ArrayList<>();
    for (Row r : rows) {
      got.add(r.getString(0) + " " + r.getString(1) + " " + r.get(3) + " " + r.get(4) + " " + r.get(6) + " "
          + r.getLong(7) + "/" + r.getLong(8));
    }
    // A policy of 1 year at 2022-07-01 removes what was last seen before 2021-07-01 (m3 on that day stays);
    // 2 years: before 2020-07-01 (m2 on 2020-06-30 goes). The undated user is never removed.
    assertEquals(List.of(
        "by_year email_messages 2019 null null 1/4",
        "by_year email_messages 2020 null null 1/4",
        "by_year email_messages 2021 null null 1/4",
        "by_year email_messages 2022 null null 1/4",
        "by_year users 2019 null null 1/2",
        "by_year users null null null 1/2",
        "policy email_messages null 1 2021-07-01 2/4",
        "policy users null 1 2021-07-01 1/2",
        "policy email_messages null 2 2020-07-01 2/4",
        "policy users null 2 2020-07-01 1/2"), got);
    assertEquals(0.5, rows.get(6).<Double>getAs(9));
  }

  @Test
  void withoutALeakDateThereAreNoPolicies() {
    SparkSession spark = SparkTestSession.get();
    List<Row> rows = Retention.rows(spark.createDataFrame(List.of(seen("users", "u", null)), LAST_SEEN), null,
        List.of(1, 2, 3));
    assertEquals(1, rows.size());
    assertEquals("by_year", rows.get(0).getString(0));
  }

  private static Row seen(String metric, String key, String date) {
    return RowFactory.create(metric, key, date == null ? null : Timestamp.valueOf(date.replace('T', ' ')));
  }
}
