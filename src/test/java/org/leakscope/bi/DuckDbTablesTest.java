package org.leakscope.bi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.leakscope.testing.SampleRun;
import org.leakscope.testing.SparkTestSession;

/**
 * A sample run read as a BI tool reads it: through DuckDB's JDBC driver, with the views of {@code sql/duckdb/}. The
 * types DuckDB sees are the documented ones, the files are sensible, and the example queries of {@code sql/queries/}
 * give the answers that {@code summary.json} states.
 */
class DuckDbTablesTest {
  /** The only 32-bit integers allowed: calendar years, periods in years and sketch sizes. Counts are 64-bit. */
  private static final Set<String> INT_COLUMNS = Set.of("year", "retention_years", "hll_lg_k", "theta_lg_k");

  private static final double TOLERANCE = 1e-3;

  @Test
  void everyTableHasItsSparkSchemaInBiTypes() throws Exception {
    SampleRun sample = SampleRun.get();
    try (DuckDb duck = new DuckDb(sample.run, true)) {
      for (SqlDdl.Table t : BiTables.read(SparkTestSession.get(), sample.run, true)) {
        Map<String, String> seen = duck.describe(t.name());
        List<String> expected = new ArrayList<>();
        for (StructField f : t.schema().fields()) {
          expected.add(f.name() + " " + duckType(f.dataType()));
          assertTrue(f.name().matches("[a-z][a-z0-9_]*"), t.name() + "." + f.name() + " is snake_case");
          if (f.dataType().equals(DataTypes.IntegerType)) {
            assertTrue(INT_COLUMNS.contains(f.name()), t.name() + "." + f.name() + " is a count: must be bigint");
          }
        }
        List<String> actual = seen.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
        assertEquals(expected, actual, t.name() + " as DuckDB sees it");
        if (BiTables.SMALL.contains(t.name())) {
          for (String type : seen.values()) {
            assertFalse(type.endsWith("[]") || type.startsWith("STRUCT") || type.startsWith("MAP"),
                t.name() + " is a small table and has a nested column: " + type);
          }
        }
      }
    }
  }

  @Test
  void timestampsAreUtcInstantsNotInt96() throws Exception {
    SampleRun sample = SampleRun.get();
    try (DuckDb duck = new DuckDb(sample.run, false)) {
      for (String table : List.of("threads")) {
        List<Map<String, Object>> rows = duck.rows("SELECT name, type, logical_type FROM parquet_schema('"
            + sample.run.resolve("tables/" + table) + "/*.parquet') WHERE name IN ('mail_date', 'first_date')");
        assertFalse(rows.isEmpty(), table);
        for (Map<String, Object> r : rows) {
          assertEquals("INT64", r.get("type"), table + "." + r.get("name"));
          String logical = String.valueOf(r.get("logical_type"));
          assertTrue(logical.contains("isAdjustedToUTC=1") && logical.contains("MICROS"), logical);
        }
      }
      // The same instants as Spark reads: the sum of every thread's first epoch second agrees.
      long spark = SparkTestSession.get().read().parquet(sample.run.resolve("tables/threads").toString())
          .selectExpr("sum(unix_seconds(first_date)) AS s").first().getLong(0);
      Object duckSum = duck.rows("SELECT sum(epoch(first_date))::BIGINT AS s FROM threads").get(0).get("s");
      assertEquals(spark, (Long) duckSum);
    }
  }

  @Test
  void smallTablesAreOneCompressedFileAndLargeOnesAreNotShredded() throws Exception {
    SampleRun sample = SampleRun.get();
    int parallelism = SparkTestSession.get().sparkContext().defaultParallelism();
    try (DuckDb duck = new DuckDb(sample.run, true)) {
      for (String table : BiTables.present(sample.run)) {
        String glob = sample.run.resolve("tables/" + table) + "/*.parquet";
        long files = (Long) duck.rows("SELECT count(*) AS n FROM glob('" + glob + "')").get(0).get("n");
        assertTrue(files >= 1, table);
        // Small tables are one file; the others one per task, and a 3 MB sample makes no more tasks than cores.
        long most = BiTables.SMALL.contains(table) ? 1 : Math.max(4, parallelism);
        assertTrue(files <= most, table + ": " + files + " files, at most " + most);
        List<Map<String, Object>> codecs = duck.rows(
            "SELECT DISTINCT compression FROM parquet_metadata('" + glob + "') ORDER BY compression");
        assertEquals(List.of("SNAPPY"), codecs.stream().map(r -> r.get("compression")).toList(), table);
      }
    }
  }

  @Test
  void exampleQueriesGiveTheAnswersOfSummaryJson() throws Exception {
    SampleRun sample = SampleRun.get();
    JsonNode summary = sample.summary;
    try (DuckDb duck = new DuckDb(sample.run, false)) {
      List<Map<String, Object>> companies = duck.rows(SqlScript.query("top_companies"));
      JsonNode top = summary.at("/impact/top_companies");
      assertEquals(top.size(), companies.size());
      for (int i = 0; i < companies.size(); i++) {
        for (String field : List.of("company_id", "name", "country", "unique_addresses", "users", "messages_raw",
            "messages_near_unique")) {
          // summary.json publishes small counts hidden (null); the tables keep them exact.
          if (!top.get(i).get(field).isNull()) {
            assertEquals(top.get(i).get(field).asText(), String.valueOf(companies.get(i).get(field)), "#" + i + field);
          }
        }
      }

      List<Map<String, Object>> countries = duck.rows(SqlScript.query("top_countries"));
      JsonNode topCountries = summary.at("/impact/top_countries");
      assertEquals(topCountries.size(), countries.size());
      for (int i = 0; i < countries.size(); i++) {
        for (String field : List.of("country", "country_name", "companies", "users", "addresses")) {
          if (!topCountries.get(i).get(field).isNull()) {
            assertEquals(topCountries.get(i).get(field).asText(), String.valueOf(countries.get(i).get(field)), field);
          }
        }
      }

      List<Map<String, Object>> claims = duck.rows(SqlScript.query("claims_vs_measured"));
      assertEquals(summary.at("/claims").size(), claims.size());
      assertTrue(claims.size() >= 4, "the sample's claims");
      for (JsonNode claim : summary.at("/claims")) {
        Map<String, Object> row = claims.stream()
            .filter(r -> r.get("claimant").equals(claim.get("claimant").asText())
                && r.get("metric").equals(claim.get("metric").asText()))
            .findFirst().orElseThrow();
        assertSame(claim.get("claimed"), row.get("claimed"), "claimed");
        assertSame(claim.get("closest_basis"), row.get("closest_basis"), "closest_basis");
        assertSame(claim.get("measured_at_closest"), row.get("closest_value"), "closest_value");
        assertSame(claim.get("strictest_basis"), row.get("strictest_basis"), "strictest_basis");
        assertSame(claim.get("measured_strictest"), row.get("strictest_value"), "strictest_value");
        assertSame(claim.get("overstatement"), row.get("overstatement"), "overstatement");
        assertEquals(claim.get("finding").asText(), row.get("finding"));
      }

      List<Map<String, Object>> policies = duck.rows(SqlScript.query("retention_shares"));
      JsonNode expected = summary.at("/retention/policies");
      assertEquals(expected.size(), policies.size());
      assertFalse(policies.isEmpty());
      for (int i = 0; i < policies.size(); i++) {
        Map<String, Object> row = policies.get(i);
        JsonNode e = expected.get(i);
        assertEquals(e.get("metric").asText() + "/" + e.get("basis").asText() + "/" + e.get("retention_years")
                + "/" + e.get("cutoff").asText() + "/" + e.get("value") + "/" + e.get("total"),
            row.get("metric") + "/" + row.get("basis") + "/" + row.get("retention_years") + "/" + row.get("cutoff")
                + "/" + row.get("older_than_cutoff") + "/" + row.get("total"));
        assertSame(e.get("share"), row.get("share"), "share");
      }

      List<Map<String, Object>> funnel = duck.rows(SqlScript.query("funnel"));
      int bases = 0;
      for (var metric : (Iterable<Map.Entry<String, JsonNode>>) () -> summary.get("metrics").fields()) {
        bases += metric.getValue().size();
      }
      assertEquals(bases, funnel.size(), "one row per metric and basis in summary.json");
      for (Map<String, Object> row : funnel) {
        String path = "/" + row.get("metric") + "/" + row.get("basis");
        assertEquals(summary.at("/metrics" + path).asLong(), (Long) row.get("value"), path);
        assertEquals(summary.at("/estimates" + path + "/estimate").asDouble(), (Double) row.get("estimate"),
            TOLERANCE, path);
      }

      List<Map<String, Object>> timeline = duck.rows(SqlScript.query("company_timeline"));
      long messages = timeline.stream().mapToLong(r -> (Long) r.get("messages_raw")).sum();
      assertEquals(top.get(0).get("messages_raw").asLong(), messages, "every message of the top company, by month");
      assertTrue(timeline.stream().allMatch(r -> r.get("name").equals(top.get(0).get("name").asText())));
    }
  }

  /** A JSON value (number, string or null) and the value a query returned. */
  private static void assertSame(JsonNode json, Object value, String what) {
    if (json == null || json.isNull()) {
      assertEquals(null, value, what);
    } else if (json.isFloatingPointNumber() || value instanceof Double) {
      assertEquals(json.asDouble(), ((Number) value).doubleValue(), TOLERANCE, what);
    } else {
      assertEquals(json.asText(), String.valueOf(value), what);
    }
  }

  /** How DuckDB names a Spark type read from Parquet. */
  static String duckType(DataType t) {
    if (t instanceof ArrayType a) {
      return duckType(a.elementType()) + "[]";
    }
    if (t instanceof MapType m) {
      return "MAP(" + duckType(m.keyType()) + ", " + duckType(m.valueType()) + ")";
    }
    if (t instanceof StructType s) {
      List<String> fields = new ArrayList<>();
      for (StructField f : s.fields()) {
        fields.add(quote(f.name()) + " " + duckType(f.dataType()));
      }
      return "STRUCT(" + String.join(", ", fields) + ")";
    }
    Map<DataType, String> scalars = Map.of(DataTypes.StringType, "VARCHAR", DataTypes.LongType, "BIGINT",
        DataTypes.IntegerType, "INTEGER", DataTypes.DoubleType, "DOUBLE", DataTypes.BooleanType, "BOOLEAN",
        DataTypes.DateType, "DATE", DataTypes.TimestampType, "TIMESTAMP WITH TIME ZONE",
        DataTypes.BinaryType, "BLOB");
    String name = scalars.get(t);
    assertTrue(name != null, "a table has a column of type " + t);
    return name;
  }

  /** DuckDB quotes struct field names that are keywords (as {@code "name"}). */
  private static String quote(String name) {
    return Set.of("name", "type", "value").contains(name) ? "\"" + name + "\"" : name;
  }
}
