package org.leakscope.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.leakscope.common.Concurrently;
import org.leakscope.common.WorkDir;
import org.leakscope.io.Committers;
import org.leakscope.io.HadoopConf;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.TableFormat;
import org.leakscope.io.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: list the input, parse every file in Spark tasks that write {@code items} and, part by part,
 * {@code quarantine} and {@code ingest_manifest}, then check from the written tables that every unit found is an item
 * or quarantined.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  /** The items' columns whose values repeat (the small tables are written with dictionaries everywhere). */
  private static final List<String> REPEATING_COLUMNS =
      List.of("kind", "format", "record_set", "source_uri", "source_path");

  private static final String STAGE = "ingest";
  private static final int ROW_TYPE = Schemas.outputIndex("row_type");
  private static final int[] ITEM_COLUMNS =
      Arrays.stream(Schemas.ITEMS_WIRE.fieldNames()).mapToInt(Schemas::outputIndex).toArray();

  private final SparkSession spark;
  private final IngestConfig config;

  public IngestJob(SparkSession spark, IngestConfig config) {
    this.spark = spark;
    this.config = config;
  }

  public IngestResult run() {
    long start = System.nanoTime();
    OutputLayout out = OutputLayout.open(config.output(), null, spark.sparkContext().hadoopConfiguration());
    TableFormat.apply(spark, out);
    List<FileTask> files = listInput();
    SmallTables small = new SmallTables(
        out.restricted(OutputLayout.QUARANTINE), out.restricted(OutputLayout.INGEST_MANIFEST), out.work(STAGE),
        spark.conf().get(TableFormat.COMPRESSION),
        !Committers.onS3a(spark.sparkContext().hadoopConfiguration(), out.restrictedRoot()));
    // One parse, three tables: the items stream to Spark's writer, and each task writes its quarantine and
    // manifest rows as parts of those tables itself (BookkeepingWriter, SmallTables).
    small.clear(spark);
    try {
      writeItems(parse(files, small), out.restricted(OutputLayout.ITEMS));
      small.finish(spark);
    } finally {
      WorkDir.delete(spark, out.work(STAGE), STAGE);
    }
    Totals totals = verify(out, files.size());
    return totals.result((System.nanoTime() - start) / 1e9);
  }

  private List<FileTask> listInput() {
    long t0 = System.nanoTime();
    spark.sparkContext().setJobDescription("ingest: list " + config.input());
    List<FileTask> files = FileListing.list(config.input(), spark.sparkContext().hadoopConfiguration());
    LOG.info("ingest: {} files under {}, listed in {} s", files.size(), config.input(), (System.nanoTime() - t0) / 1e9);
    return files;
  }

  /**
   * Every file's item rows, from Spark tasks of about taskBytes each; each task writes its quarantine and manifest
   * rows as parts of those tables as it goes.
   */
  private Dataset<Row> parse(List<FileTask> files, SmallTables small) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
    int parallelism = spark.sparkContext().defaultParallelism();
    List<List<FileTask>> groups = FileListing.pack(files, config.taskBytes(), parallelism, 100_000);
    Limits limits = config.limits();
    List<byte[]> encoded = groups.stream().map(FileTask::encode).toList();
    JavaRDD<Row> rows =
        jsc.parallelize(encoded, Math.max(groups.size(), 1))
            .mapPartitions(
                (Iterator<byte[]> it) -> {
                  List<FileTask> tasks = new ArrayList<>();
                  it.forEachRemaining(group -> tasks.addAll(FileTask.decode(group)));
                  TaskContext task = TaskContext.get();
                  int partition = task.partitionId();
                  int attempt = task.attemptNumber();
                  Configuration hadoop = conf.value().get();
                  return new RowProducer(
                      "leakscope-ingest",
                      sink -> {
                        try (BookkeepingWriter quarantine = small.quarantineWriter(hadoop, partition, attempt);
                            BookkeepingWriter manifest = small.manifestWriter(hadoop, partition, attempt)) {
                          FileIngestor ingestor = new FileIngestor(limits, hadoop);
                          Consumer<Row> split =
                              row -> {
                                String type = row.getString(ROW_TYPE);
                                if (Schemas.ROW_ITEM.equals(type)) {
                                  sink.accept(itemRow(row));
                                } else if (Schemas.ROW_QUARANTINE.equals(type)) {
                                  quarantine.write(row);
                                } else {
                                  manifest.write(row);
                                }
                              };
                          for (FileTask file : tasks) {
                            ingestor.ingest(file, split);
                          }
                          quarantine.commit();
                          manifest.commit();
                        }
                      });
                });
    return spark.createDataFrame(rows, Schemas.ITEMS_WIRE);
  }

  /**
   * An item row of {@link Schemas#INGEST_OUTPUT} narrowed to {@link Schemas#ITEMS_WIRE}: Spark converts only the
   * items' columns, not the small tables' ones that are always null in an item row.
   */
  private static Row itemRow(Row row) {
    Object[] v = new Object[ITEM_COLUMNS.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = row.get(ITEM_COLUMNS[i]);
    }
    return RowFactory.create(v);
  }

  private void writeItems(Dataset<Row> items, String path) {
    long t0 = System.nanoTime();
    spark.sparkContext().setJobDescription("ingest: parse the input and write " + path);
    // One file per task. Dictionaries only where values repeat: for texts, ids, hashes, subjects and addresses
    // Parquet would hash every value only to fall back to plain encoding page after page.
    var writer = items.select(columnsOf(Schemas.ITEMS)).write().mode(SaveMode.Overwrite);
    writer = writer.option("parquet.enable.dictionary", "false");
    for (String column : REPEATING_COLUMNS) {
      writer = writer.option("parquet.enable.dictionary#" + column, "true");
    }
    writer.parquet(path);
    LOG.info("ingest: wrote {} in {} s", path, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The table's columns, cast where the wire type differs (text travels as UTF-8 bytes and is cast to a string, a
   * cast that wraps the bytes without copying them).
   */
  private static Column[] columnsOf(StructType schema) {
    Column[] columns = new Column[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      StructField f = schema.fields()[i];
      boolean sameType = Schemas.ITEMS_WIRE.apply(f.name()).dataType().equals(f.dataType());
      columns[i] = sameType ? col(f.name()) : col(f.name()).cast(f.dataType()).as(f.name());
    }
    return columns;
  }

  /** The totals read back from the written tables. */
  record Totals(
      long files, long bytes, long units, long items, long quarantined, Map<String, Long> kinds,
      Map<String, Long> reasons) {
    IngestResult result(double seconds) {
      return new IngestResult(files, bytes, units, items, quarantined, kinds, reasons, seconds);
    }
  }

  /**
   * Checks the accounting invariant from the written tables and returns the totals. Per file, the manifest row adds
   * its counts and each item or quarantine row adds one, so a file with no manifest row, two of them, or rows its
   * manifest does not count has a broken sum; the same per-file sums add up to the totals. Beside that aggregation,
   * the items are counted by kind and the quarantine rows by reason, and a value outside either fixed vocabulary fails
   * the check too. The broken files themselves are looked up only when there are any.
   */
  Totals verify(OutputLayout out, long filesListed) {
    spark.sparkContext().setJobDescription("ingest: check that every unit is accounted for");
    // With the schemas given, Spark does not run a job per table to read a footer for them.
    Dataset<Row> manifest =
        spark.read().schema(Schemas.INGEST_MANIFEST).parquet(out.restricted(OutputLayout.INGEST_MANIFEST));
    Dataset<Row> items = spark.read().schema(Schemas.ITEMS).parquet(out.restricted(OutputLayout.ITEMS));
    Dataset<Row> quarantine = spark.read().schema(Schemas.QUARANTINE).parquet(out.restricted(OutputLayout.QUARANTINE));
    Column zero = lit(0L);
    Column one = lit(1L);
    Dataset<Row> perFile =
        manifest
            .select(col("source_uri"), one.as("manifest_rows"), col("size_bytes"), col("units_found"),
                col("items_written"), col("units_quarantined"), zero.as("items_in_table"),
                zero.as("quarantined_in_table"))
            .unionByName(items.select(col("source_uri"), zero.as("manifest_rows"), zero.as("size_bytes"),
                zero.as("units_found"), zero.as("items_written"), zero.as("units_quarantined"),
                one.as("items_in_table"), zero.as("quarantined_in_table")))
            .unionByName(quarantine.select(col("source_uri"), zero.as("manifest_rows"), zero.as("size_bytes"),
                zero.as("units_found"), zero.as("items_written"), zero.as("units_quarantined"),
                zero.as("items_in_table"), one.as("quarantined_in_table")))
            .groupBy("source_uri")
            .agg(sum("manifest_rows").as("manifest_rows"), sum("size_bytes").as("size_bytes"),
                sum("units_found").as("units_found"), sum("items_written").as("items_written"),
                sum("units_quarantined").as("units_quarantined"), sum("items_in_table").as("items_in_table"),
                sum("quarantined_in_table").as("quarantined_in_table"))
            .withColumn("broken",
                col("manifest_rows").notEqual(1)
                    .or(col("units_found").notEqual(col("items_written").plus(col("units_quarantined"))))
                    .or(col("items_written").notEqual(col("items_in_table")))
                    .or(col("units_quarantined").notEqual(col("quarantined_in_table"))));
    List<List<Row>> results = Concurrently.all(List.of(
        () -> perFile
            .agg(coalesce(sum("manifest_rows"), zero).as("manifest_rows"),
                coalesce(sum("size_bytes"), zero).as("size_bytes"),
                coalesce(sum("units_found"), zero).as("units_found"),
                coalesce(sum("items_written"), zero).as("items_written"),
                coalesce(sum("units_quarantined"), zero).as("units_quarantined"),
                coalesce(sum(when(col("broken"), 1L).otherwise(0L)), zero).as("broken_files"))
            .collectAsList(),
        // Bounded: a table holding values outside the vocabularies shows at most a thousand of them.
        () -> items.select(concat(lit("kind:"), col("kind")).as("key"))
            .unionByName(quarantine.select(concat(lit("reason:"), col("reason")).as("key")))
            .groupBy("key").count().limit(1000).collectAsList()));
    Row t = results.get(0).get(0);
    long broken = t.getAs("broken_files");
    if (broken > 0) {
      List<Row> first =
          perFile.filter(col("broken")).select(Arrays.stream(new String[] {"source_uri", "manifest_rows",
                  "units_found", "items_written", "items_in_table", "units_quarantined", "quarantined_in_table"})
                  .map(functions::col).toArray(Column[]::new))
              .orderBy("source_uri").limit(5).collectAsList();
      throw new AccountingException(
          broken + " files where units found != items + quarantined, first: "
              + first.stream()
                  .map(r -> r.getString(0) + " (manifest rows " + r.get(1) + ", found " + r.get(2) + ", items "
                      + r.get(3) + " written / " + r.get(4) + " in table, quarantined " + r.get(5) + " / " + r.get(6)
                      + " in table)")
                  .toList());
    }
    long manifestRows = t.getAs("manifest_rows");
    if (manifestRows != filesListed) {
      throw new AccountingException(filesListed + " files listed but " + manifestRows + " manifest rows written");
    }
    Map<String, Long> kinds = new TreeMap<>();
    Map<String, Long> reasons = new TreeMap<>();
    Set<String> kindCodes = Arrays.stream(Format.Kind.values()).map(Format.Kind::code).collect(Collectors.toSet());
    Set<String> reasonCodes = Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.toSet());
    long outside = 0;
    for (Row r : results.get(1)) {
      String key = r.isNullAt(0) ? "" : r.getString(0); // a null kind or reason is outside the vocabulary too
      String value = key.substring(key.indexOf(':') + 1);
      if (key.startsWith("kind:") && kindCodes.contains(value)) {
        kinds.put(value, r.getLong(1));
      } else if (key.startsWith("reason:") && reasonCodes.contains(value)) {
        reasons.put(value, r.getLong(1));
      } else {
        outside += r.getLong(1);
      }
    }
    if (outside > 0) {
      throw new AccountingException(outside + " rows with a kind or quarantine reason outside the fixed vocabulary");
    }
    Totals totals =
        new Totals(manifestRows, t.getAs("size_bytes"), t.getAs("units_found"), t.getAs("items_written"),
            t.getAs("units_quarantined"), kinds, reasons);
    LOG.info(
        "ingest: {} files, {} units = {} items + {} quarantined",
        totals.files(), totals.units(), totals.items(), totals.quarantined());
    return totals;
  }
}
