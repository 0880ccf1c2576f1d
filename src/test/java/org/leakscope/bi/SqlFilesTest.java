package org.leakscope.bi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.SampleRun;
import org.leakscope.testing.SparkTestSession;

/**
 * The committed {@code sql/} files: the DDL of every dialect is exactly the rendering of the tables' real schemas
 * ({@code -Dleakscope.sql.update=true} rewrites it after a schema change), it declares every table a run writes, and
 * Spark SQL registers the tables with it and answers the example queries exactly as DuckDB does.
 */
class SqlFilesTest {
  @Test
  void theDdlOfEveryDialectDeclaresTheTablesRealSchemas() throws Exception {
    SampleRun sample = SampleRun.get();
    List<SqlDdl.Table> all = BiTables.read(SparkTestSession.get(), sample.run, true);
    List<SqlDdl.Table> runTables = all.subList(0, all.size() - 1);
    List<SqlDdl.Table> comparison = all.subList(all.size() - 1, all.size());
    boolean update = Boolean.getBoolean("leakscope.sql.update");
    List<String> stale = new ArrayList<>();
    for (SqlDdl.Dialect d : SqlDdl.Dialect.values()) {
      for (var file : Map.of(d.tablesFile(), runTables, d.comparisonFile(), comparison).entrySet()) {
        Path path = SqlScript.dir().resolve(file.getKey());
        String rendered = SqlDdl.render(d, file.getKey(), file.getValue());
        if (update) {
          Files.createDirectories(path.getParent());
          Files.writeString(path, rendered);
        } else if (!Files.exists(path) || !Files.readString(path).equals(rendered)) {
          stale.add("sql/" + file.getKey());
        }
      }
    }
    assertEquals(List.of(), stale,
        "out of date with the tables' schemas: run mvn test -Dtest=SqlFilesTest -Dleakscope.sql.update=true");
  }

  @Test
  void everyTableARunWritesIsDeclared() throws Exception {
    TreeSet<String> declared = new TreeSet<>(BiTables.RUN_TABLES.keySet());
    declared.add(OutputLayout.COMPARISON);
    assertEquals(List.copyOf(declared), BiTables.present(SampleRun.get().run));
  }

  @Test
  void sparkSqlRegistersTheTablesAndAnswersTheExampleQueriesAsDuckDbDoes() throws Exception {
    SampleRun sample = SampleRun.get();
    SparkSession spark = SparkTestSession.get();
    // spark-sql -d out=… sets the variable as a session setting; ${out} is then substituted in every statement.
    spark.conf().set("out", sample.run.toAbsolutePath().toString());
    try (DuckDb duck = new DuckDb(sample.run, true)) {
      for (String file : List.of(SqlDdl.Dialect.SPARK.tablesFile(), SqlDdl.Dialect.SPARK.comparisonFile())) {
        for (String statement : SqlScript.statements(file)) {
          spark.sql(statement);
        }
      }
      for (String table : BiTables.present(sample.run)) {
        long rows = spark.read().parquet(sample.run.resolve("tables/" + table).toString()).count();
        assertEquals(rows, spark.sql("SELECT count(*) FROM leakscope." + table).first().getLong(0), table);
      }
      spark.sql("USE leakscope");
      List<String> queries = SqlScript.queries();
      assertEquals(List.of("claims_vs_measured", "company_timeline", "funnel", "retention_shares", "top_companies",
          "top_countries"), queries);
      for (String name : queries) {
        String query = SqlScript.query(name);
        List<String> bySpark = spark.sql(query).collectAsList().stream().map(SqlFilesTest::sparkRow).toList();
        List<String> byDuck = duck.rows(query).stream().map(SqlFilesTest::duckRow).toList();
        assertFalse(bySpark.isEmpty(), name);
        assertEquals(byDuck, bySpark, name);
      }
    } finally {
      spark.sql("USE default");
      spark.sql("DROP DATABASE IF EXISTS leakscope CASCADE");
      spark.conf().unset("out");
    }
  }

  private static String sparkRow(Row r) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < r.length(); i++) {
      cells.add(cell(r.get(i)));
    }
    return String.join(" | ", cells);
  }

  private static String duckRow(Map<String, Object> r) {
    return String.join(" | ", r.values().stream().map(SqlFilesTest::cell).toList());
  }

  /** Both engines' values on one footing: numbers to 9 significant digits, dates as ISO text. */
  private static String cell(Object v) {
    if (v instanceof Double d) {
      return String.format(Locale.ROOT, "%.9g", d);
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    return String.valueOf(v);
  }
}
