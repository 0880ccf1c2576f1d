package org.leakscope.bi;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory DuckDB (through its JDBC driver, as BI tools connect) with a run's tables registered by the committed
 * {@code sql/duckdb/} files. Extension auto-install is off: nothing may download at test time.
 */
final class DuckDb implements AutoCloseable {
  private final Connection connection;

  DuckDb(Path run, boolean comparison) throws SQLException, IOException {
    connection = DriverManager.getConnection("jdbc:duckdb:");
    execute("SET autoinstall_known_extensions = false");
    execute("SET autoload_known_extensions = false");
    execute("SET TimeZone = 'UTC'");
    String out = run.toAbsolutePath().toString();
    List<String> files = new ArrayList<>(List.of(SqlDdl.Dialect.DUCKDB.tablesFile()));
    if (comparison) {
      files.add(SqlDdl.Dialect.DUCKDB.comparisonFile());
    }
    for (String file : files) {
      for (String statement : SqlScript.statements(file)) {
        execute(statement.replace(SqlDdl.OUT, out));
      }
    }
  }

  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /** Every row as column label → value (JDBC objects: Long, Double, String, java.sql.Date, …). */
  List<Map<String, Object>> rows(String sql) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
      ResultSetMetaData meta = r.getMetaData();
      while (r.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), r.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Column name → DuckDB type name, in table order. */
  Map<String, String> describe(String table) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    for (Map<String, Object> r : rows("DESCRIBE " + table)) {
      types.put((String) r.get("column_name"), (String) r.get("column_type"));
    }
    return types;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
