package org.leakscope.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Writes one ingest task's rows of a small table ({@code quarantine} or {@code ingest_manifest}) as a Parquet part
 * file of that table, while the task's items stream to Spark's {@code items} writer: one parse of the dump feeds
 * all three tables, and the small tables need no job of their own.
 *
 * <p>Each attempt writes a hidden {@code _attempt-N-A.parquet} and renames it to {@code part-N.CODEC.parquet} only when
 * the task's whole input was read. A retried or speculative attempt writes the same rows (the parse is deterministic),
 * so when the part is already there the attempt drops its own copy. A task with no rows for the table writes no file.
 * Once every task is done, {@link #finish} sweeps what killed attempts left, makes sure the table has a file (an empty
 * one carries the schema), and marks it complete with {@code _SUCCESS} as a Spark job would. The files carry Spark's
 * schema in their metadata, as Spark's own writer puts it there, so readers get the exact types and nullability.
 */
public final class BookkeepingWriter implements Closeable {
  /** The key under which Spark stores a Parquet file's Spark schema. */
  static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  private final StructType schema;
  private final int[] sourceIndex;
  private final MessageType parquetSchema;
  private final SimpleGroupFactory groups;
  private final Configuration conf;
  private final CompressionCodecName codec;
  private final Path tmp;
  private final Path done;
  private ParquetWriter<Group> writer;
  private long rows;
  private boolean committed;

  /**
   * A writer of {@code schema} rows into the table at {@code dir}, for task {@code partition}, attempt
   * {@code attempt}. The rows given to {@link #write} are of {@code source}, a wider schema whose columns include the
   * table's by name.
   */
  public BookkeepingWriter(
      StructType schema, StructType source, Configuration conf, String dir, String codec, int partition,
      int attempt) {
    this.schema = schema;
    this.sourceIndex = new int[schema.size()];
    for (int i = 0; i < sourceIndex.length; i++) {
      sourceIndex[i] = source.fieldIndex(schema.fields()[i].name());
    }
    this.parquetSchema = parquetSchema(schema);
    this.groups = new SimpleGroupFactory(parquetSchema);
    this.conf = conf;
    this.codec = codecOf(codec);
    Path base = new Path(dir);
    this.tmp = new Path(base, "_attempt-" + partition + "-" + attempt + ".parquet");
    this.done = new Path(base, partFile(partition, this.codec));
  }

  /** Appends one row (of the source schema); the first row creates the attempt's file. */
  public void write(Row row) {
    Group g = groups.newGroup();
    StructField[] fields = schema.fields();
    for (int i = 0; i < fields.length; i++) {
      Object v = row.get(sourceIndex[i]);
      if (v == null) {
        if (!fields[i].nullable()) {
          throw new IllegalArgumentException("column " + fields[i].name() + " of " + done.getParent().getName()
              + " is null in " + row);
        }
      } else if (v instanceof String s) {
        g.add(i, s);
      } else if (v instanceof Long l) {
        g.add(i, l);
      } else {
        throw new IllegalArgumentException("column " + fields[i].name() + " holds a " + v.getClass().getName()
            + "; the small tables hold strings and longs only");
      }
    }
    try {
      if (writer == null) {
        writer = open(tmp, parquetSchema, schema, codec, conf);
      }
      writer.write(g);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  public long rows() {
    return rows;
  }

  /** Closes the file and publishes it as the task's part; call once the task's whole input was read. */
  public void commit() {
    try {
      if (writer != null) {
        writer.close();
        FileSystem fs = tmp.getFileSystem(conf);
        if (!fs.rename(tmp, done)) {
          if (!fs.exists(done)) {
            throw new IOException("rename " + tmp + " -> " + done + " failed");
          }
          fs.delete(tmp, false); // another attempt of the same task committed the same rows first
        }
      }
      committed = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit " + done, e);
    }
  }

  /** Without a commit, drops the attempt's file (a failed or killed task leaves no rows behind). */
  @Override
  public void close() {
    if (committed || writer == null) {
      return;
    }
    try {
      writer.close();
      tmp.getFileSystem(conf).delete(tmp, false);
    } catch (IOException | RuntimeException e) {
      // A leftover hidden attempt file is never read, and finish() sweeps it.
    }
  }

  /**
   * Completes the table at {@code dir} once every task has committed: deletes files that killed attempts left, writes
   * an empty file with the schema when no task had rows, and writes {@code _SUCCESS}. Returns the number of parts.
   */
  public static int finish(StructType schema, Configuration conf, String dir, String codec) {
    Path base = new Path(dir);
    try {
      FileSystem fs = base.getFileSystem(conf);
      fs.mkdirs(base);
      List<Path> parts = new ArrayList<>();
      for (FileStatus f : fs.listStatus(base)) {
        String name = f.getPath().getName();
        if (name.startsWith("_attempt-")) {
          fs.delete(f.getPath(), false);
        } else if (name.startsWith("part-")) {
          parts.add(f.getPath());
        }
      }
      if (parts.isEmpty()) {
        CompressionCodecName c = codecOf(codec);
        open(new Path(base, partFile(0, c)), parquetSchema(schema), schema, c, conf).close();
      }
      fs.create(new Path(base, "_SUCCESS"), true).close();
      return Math.max(parts.size(), 1);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot complete the table at " + dir, e);
    }
  }

  static String partFile(int partition, CompressionCodecName codec) {
    return String.format("part-%05d%s.parquet", partition, codec.getExtension());
  }

  private static ParquetWriter<Group> open(
      Path path, MessageType parquetSchema, StructType schema, CompressionCodecName codec, Configuration conf)
      throws IOException {
    return ExampleParquetWriter.builder(HadoopOutputFile.fromPath(path, conf))
        .withConf(conf)
        .withType(parquetSchema)
        .withCompressionCodec(codec)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
        .withExtraMetaData(Map.of(SPARK_SCHEMA_KEY, schema.json()))
        .build();
  }

  /** Spark's names for Parquet codecs ({@code spark.sql.parquet.compression.codec}). */
  static CompressionCodecName codecOf(String spark) {
    String c = spark.toLowerCase(Locale.ROOT);
    return c.equals("none") || c.equals("uncompressed")
        ? CompressionCodecName.UNCOMPRESSED
        : CompressionCodecName.valueOf(c.toUpperCase(Locale.ROOT));
  }

  /** The Parquet schema Spark writes for a table of strings and longs. */
  static MessageType parquetSchema(StructType schema) {
    List<Type> fields = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Type.Repetition repetition = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      DataType t = f.dataType();
      if (t.equals(DataTypes.StringType)) {
        fields.add(Types.primitive(PrimitiveTypeName.BINARY, repetition)
            .as(LogicalTypeAnnotation.stringType()).named(f.name()));
      } else if (t.equals(DataTypes.LongType)) {
        fields.add(Types.primitive(PrimitiveTypeName.INT64, repetition).named(f.name()));
      } else {
        throw new IllegalArgumentException("column " + f.name() + " is " + t + "; the small tables hold strings "
            + "and longs only");
      }
    }
    return new MessageType("spark_schema", fields);
  }
}
