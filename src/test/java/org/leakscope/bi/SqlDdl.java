package org.leakscope.bi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Renders the files of {@code sql/}: the DDL that registers a run's tables in Spark SQL, Trino/Presto and Amazon
 * Athena, and the DuckDB views, from the schemas the tables really have. {@code SqlFilesTest} checks that the
 * committed files are exactly this rendering (and rewrites them with {@code -Dleakscope.sql.update=true}), so a schema
 * change cannot leave the DDL behind.
 */
final class SqlDdl {
  /** The placeholder for the run's output directory (spark-sql substitutes it; for the others, see sql/README.md). */
  static final String OUT = "${out}";

  enum Dialect {
    SPARK("spark", "Spark SQL tables", "spark-sql -d out=s3a://bucket/runs/2022-10 -f sql/spark/%s",
        "CREATE DATABASE IF NOT EXISTS leakscope;"),
    TRINO("trino", "Trino/Presto Hive-connector tables (replace hive with your catalog)",
        "sed 's#${out}#s3://bucket/runs/2022-10#g' sql/trino/%s | trino", "CREATE SCHEMA IF NOT EXISTS hive.leakscope;"),
    ATHENA("athena", "Amazon Athena external tables (run each statement in Athena)",
        "sed 's#${out}#s3://bucket/runs/2022-10#g' sql/athena/%s", "CREATE DATABASE IF NOT EXISTS leakscope;"),
    DUCKDB("duckdb", "DuckDB views", "sed 's#${out}#/path/to/run#g' sql/duckdb/%s | duckdb leakscope.duckdb", null);

    final String dir;
    final String what;
    final String usage;
    final String createSchema;

    Dialect(String dir, String what, String usage, String createSchema) {
      this.dir = dir;
      this.what = what;
      this.usage = usage;
      this.createSchema = createSchema;
    }

    /** The file for a run's tables. */
    String tablesFile() {
      return dir + "/" + (this == DUCKDB ? "create_views.sql" : "create_tables.sql");
    }

    /** The file for the {@code comparison} table, which exists only after {@code compare}. */
    String comparisonFile() {
      return dir + "/create_comparison.sql";
    }
  }

  /** A table of a run, where it lives below the output directory, and what it holds. */
  record Table(String name, String dir, String about, StructType schema) {}

  private SqlDdl() {}

  /** The file {@code sql/<file>} of this dialect, declaring {@code tables}. */
  static String render(Dialect dialect, String file, List<Table> tables) {
    StringBuilder b = new StringBuilder();
    b.append("-- leakscope: a run's tables as ").append(dialect.what).append(",\n");
    b.append("-- generated from the tables' schemas by SqlFilesTest (see sql/README.md); ${out} is the run's output.\n");
    b.append("-- ").append(String.format(Locale.ROOT, dialect.usage, file.substring(file.indexOf('/') + 1)))
        .append('\n');
    if (dialect.createSchema != null) {
      b.append(dialect.createSchema).append('\n');
    }
    for (Table t : tables) {
      b.append('\n').append("-- ").append(t.name()).append(": ").append(t.about()).append('\n');
      b.append(create(dialect, t)).append('\n');
    }
    return b.toString();
  }

  private static String create(Dialect d, Table t) {
    String location = OUT + "/" + t.dir();
    return switch (d) {
      case SPARK -> "CREATE TABLE IF NOT EXISTS leakscope." + t.name() + " (\n" + columns(t.schema(), f ->
          "`" + f.name() + "` " + sparkType(f.dataType())) + "\n) USING parquet\nLOCATION '" + location + "';";
      case TRINO -> "CREATE TABLE IF NOT EXISTS hive.leakscope." + t.name() + " (\n" + columns(t.schema(), f ->
          "\"" + f.name() + "\" " + trinoType(f.dataType())) + "\n) WITH (format = 'PARQUET', external_location = '"
          + location + "');";
      case ATHENA -> "CREATE EXTERNAL TABLE IF NOT EXISTS leakscope." + t.name() + " (\n" + columns(t.schema(), f ->
          "`" + f.name() + "` " + athenaType(f.dataType())) + "\n) STORED AS PARQUET\nLOCATION '" + location + "/';";
      case DUCKDB -> "CREATE OR REPLACE VIEW " + t.name() + " AS SELECT * FROM read_parquet('" + location
          + "/*.parquet');";
    };
  }

  private static String columns(StructType schema, java.util.function.Function<StructField, String> column) {
    return java.util.Arrays.stream(schema.fields()).map(f -> "  " + column.apply(f))
        .collect(Collectors.joining(",\n"));
  }

  private static final Map<DataType, String> SCALARS_HIVE = Map.of(
      DataTypes.StringType, "string", DataTypes.LongType, "bigint", DataTypes.IntegerType, "int",
      DataTypes.DoubleType, "double", DataTypes.BooleanType, "boolean", DataTypes.DateType, "date",
      DataTypes.TimestampType, "timestamp", DataTypes.BinaryType, "binary");

  private static final Map<DataType, String> SCALARS_TRINO = Map.of(
      DataTypes.StringType, "varchar", DataTypes.LongType, "bigint", DataTypes.IntegerType, "integer",
      DataTypes.DoubleType, "double", DataTypes.BooleanType, "boolean", DataTypes.DateType, "date",
      // The Hive connector reads Parquet timestamps at its configured precision (milliseconds by default).
      DataTypes.TimestampType, "timestamp(3)", DataTypes.BinaryType, "varbinary");

  static String sparkType(DataType t) {
    return hiveType(t, ": ");
  }

  static String athenaType(DataType t) {
    return hiveType(t, ":");
  }

  private static String hiveType(DataType t, String fieldSeparator) {
    if (t instanceof ArrayType a) {
      return "array<" + hiveType(a.elementType(), fieldSeparator) + ">";
    }
    if (t instanceof MapType m) {
      return "map<" + hiveType(m.keyType(), fieldSeparator) + "," + hiveType(m.valueType(), fieldSeparator) + ">";
    }
    if (t instanceof StructType s) {
      List<String> fields = new ArrayList<>();
      for (StructField f : s.fields()) {
        fields.add(f.name() + fieldSeparator + hiveType(f.dataType(), fieldSeparator));
      }
      return "struct<" + String.join(",", fields) + ">";
    }
    return scalar(SCALARS_HIVE, t);
  }

  static String trinoType(DataType t) {
    if (t instanceof ArrayType a) {
      return "array(" + trinoType(a.elementType()) + ")";
    }
    if (t instanceof MapType m) {
      return "map(" + trinoType(m.keyType()) + ", " + trinoType(m.valueType()) + ")";
    }
    if (t instanceof StructType s) {
      List<String> fields = new ArrayList<>();
      for (StructField f : s.fields()) {
        fields.add("\"" + f.name() + "\" " + trinoType(f.dataType()));
      }
      return "row(" + String.join(", ", fields) + ")";
    }
    return scalar(SCALARS_TRINO, t);
  }

  private static String scalar(Map<DataType, String> names, DataType t) {
    String name = names.get(t);
    if (name == null) {
      throw new IllegalArgumentException("no SQL type for " + t.simpleString().toLowerCase(Locale.ROOT));
    }
    return name;
  }
}
