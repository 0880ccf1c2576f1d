package org.leakscope.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.leakscope.common.Concurrently;
import org.leakscope.common.WorkDir;
import org.leakscope.io.HadoopConf;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.TableFormat;
import org.leakscope.io.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: list the input, parse every file in Spark tasks while writing {@code items}, write
 * {@code quarantine} and {@code ingest_manifest} from the tasks' spools, then check from the written tables that every
 * unit found is an item or quarantined.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private static final List<String> REPEATING_COLUMNS =
      List.of("kind", "format", "record_set", "source_uri", "source_path", "reason", "status");

  private static final String STAGE = "ingest";
  private static final int ROW_TYPE = Schemas.outputIndex("row_type");

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
    String spool = out.work(STAGE) + "/bookkeeping";
    WorkDir.delete(spark, out.work(STAGE), STAGE); // an earlier failed run's spool must not be read as this run's
    try {
      // One parse, three tables: the items stream to their writer, and each task spools its quarantine and
      // manifest rows (BookkeepingSpool), from which the two small tables are written next.
      writeItems(parse(files, spool), out.restricted(OutputLayout.ITEMS));
      Dataset<Row> bookkeeping =
          spark.read().schema(Schemas.INGEST_BOOKKEEPING).option("mode", "FAILFAST").json(spool);
      Concurrently.run(List.of(
          () -> writeSmall(bookkeeping, Schemas.ROW_QUARANTINE, Schemas.QUARANTINE,
              out.restricted(OutputLayout.QUARANTINE)),
          () -> writeSmall(bookkeeping, Schemas.ROW_MANIFEST, Schemas.INGEST_MANIFEST,
              out.restricted(OutputLayout.INGEST_MANIFEST))));
    } finally {
      WorkDir.delete(spark, out.work(STAGE), STAGE);
    }
    Totals totals = verify(out, files);
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
   * Every file's item rows, from Spark tasks of about taskBytes each; each task spools its quarantine and manifest
   * rows under {@code spool} as it goes.
   */
  private Dataset<Row> parse(List<FileTask> files, String spool) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<HadoopConf> conf = jsc.broadcast(new HadoopConf(spark.sparkContext().hadoopConfiguration()));
    int parallelism = spark.sparkContext().defaultParallelism();
    List<List<FileTask>> groups = FileListing.pack(files, config.taskBytes(), parallelism, 100_000);
    Limits limits = config.limits();
    JavaRDD<Row> rows =
        jsc.parallelize(groups, Math.max(groups.size(), 1))
            .mapPartitions(
                (Iterator<List<FileTask>> it) -> {
                  List<FileTask> tasks = new ArrayList<>();
                  it.forEachRemaining(tasks::addAll);
                  TaskContext task = TaskContext.get();
                  int partition = task.partitionId();
                  int attempt = task.attemptNumber();
                  Configuration hadoop = conf.value().get();
                  return new RowProducer(
                      "leakscope-ingest",
                      sink -> {
                        try (BookkeepingSpool bookkeeping =
                            BookkeepingSpool.open(Schemas.INGEST_OUTPUT, hadoop, spool, partition, attempt)) {
                          FileIngestor ingestor = new FileIngestor(limits, hadoop);
                          Consumer<Row> split =
                              row -> {
                                if (Schemas.ROW_ITEM.equals(row.getString(ROW_TYPE))) {
                                  sink.accept(row);
                                } else {
                                  bookkeeping.write(row);
                                }
                              };
                          for (FileTask file : tasks) {
                            ingestor.ingest(file, split);
                          }
                          bookkeeping.commit();
                        }
                      });
                });
    return spark.createDataFrame(rows, Schemas.INGEST_OUTPUT);
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

  /** A small table, as one file. */
  private void writeSmall(Dataset<Row> bookkeeping, String rowType, StructType schema, String path) {
    long t0 = System.nanoTime();
    spark.sparkContext().setJobDescription("ingest: write " + path);
    bookkeeping
        .filter(col("row_type").equalTo(rowType))
        .select(columnsOf(schema))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(path);
    LOG.info("ingest: wrote {} in {} s", path, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * The table's columns, cast where the wire type differs (text travels as UTF-8 bytes and is cast to a string, a
   * cast that wraps the bytes without copying them), and nullable as the table's schema says.
   */
  private static Column[] columnsOf(StructType schema) {
    Column[] columns = new Column[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      StructField f = schema.fields()[i];
      boolean sameType = Schemas.INGEST_OUTPUT.apply(f.name()).dataType().equals(f.dataType());
      columns[i] = sameType ? col(f.name()) : col(f.name()).cast(f.dataType()).as(f.name());
    }
    return columns;
  }

  /** The totals read back from the written tables. */
  private record Totals(
      long files, long bytes, long units, long items, long quarantined, Map<String, Long> kinds,
      Map<String, Long> reasons) {
    IngestResult result(double seconds) {
      return new IngestResult(files, bytes, units, items, quarantined, kinds, reasons, seconds);
    }
  }

  /**
   * Checks the accounting invariant from the written tables and returns the totals, in one aggregation: per file, the
   * manifest row adds its counts and each item or quarantine row adds one, so a file with no manifest row, two of
   * them, or rows its manifest does not count has a broken sum. The same per-file sums add up to the totals, and a
   * kind or reason outside the fixed vocabulary is counted too (and fails the check). The broken files themselves are
   * looked up only when there are any.
   */
  private Totals verify(OutputLayout out, List<FileTask> files) {
    spark.sparkContext().setJobDescription("ingest: check that every unit is accounted for");
    // With the schemas given, Spark does not run a job per table to read a footer for them.
    Dataset<Row> manifest =
        spark.read().schema(Schemas.INGEST_MANIFEST).parquet(out.restricted(OutputLayout.INGEST_MANIFEST));
    Dataset<Row> items = spark.read().schema(Schemas.ITEMS).parquet(out.restricted(OutputLayout.ITEMS));
    Dataset<Row> quarantine = spark.read().schema(Schemas.QUARANTINE).parquet(out.restricted(OutputLayout.QUARANTINE));
    Column zero = lit(0L);
    Column one = lit(1L);
    Column none = lit(null).cast("string");
    Dataset<Row> rows =
        manifest
            .select(col("source_uri"), one.as("manifest_rows"), col("size_bytes"), col("units_found"),
                col("items_written"), col("units_quarantined"), zero.as("items_in_table"),
                zero.as("quarantined_in_table"), none.as("kind"), none.as("reason"))
            .unionByName(items.select(col("source_uri"), zero.as("manifest_rows"), zero.as("size_bytes"),
                zero.as("units_found"), zero.as("items_written"), zero.as("units_quarantined"),
                one.as("items_in_table"), zero.as("quarantined_in_table"), col("kind"), none.as("reason")))
            .unionByName(quarantine.select(col("source_uri"), zero.as("manifest_rows"), zero.as("size_bytes"),
                zero.as("units_found"), zero.as("items_written"), zero.as("units_quarantined"),
                zero.as("items_in_table"), one.as("quarantined_in_table"), none.as("kind"), col("reason")));
    List<String> sums = List.of("manifest_rows", "size_bytes", "units_found", "items_written", "units_quarantined",
        "items_in_table", "quarantined_in_table");
    List<String> kinds = Arrays.stream(Format.Kind.values()).map(Format.Kind::code).toList();
    List<String> reasons = Arrays.stream(Reason.values()).map(Reason::code).toList();
    List<Column> perFileSums = new ArrayList<>();
    sums.forEach(c -> perFileSums.add(sum(c).as(c)));
    kinds.forEach(k -> perFileSums.add(countWhere(col("kind").equalTo(k)).as("kind:" + k)));
    perFileSums.add(countWhere(col("kind").isNotNull().and(not(col("kind").isin(kinds.toArray())))).as("kind:?"));
    reasons.forEach(r -> perFileSums.add(countWhere(col("reason").equalTo(r)).as("reason:" + r)));
    perFileSums.add(
        countWhere(col("reason").isNotNull().and(not(col("reason").isin(reasons.toArray())))).as("reason:?"));
    Column broken =
        col("manifest_rows").notEqual(1)
            .or(col("units_found").notEqual(col("items_written").plus(col("units_quarantined"))))
            .or(col("items_written").notEqual(col("items_in_table")))
            .or(col("units_quarantined").notEqual(col("quarantined_in_table")));
    Dataset<Row> perFile =
        rows.groupBy("source_uri")
            .agg(perFileSums.get(0), perFileSums.subList(1, perFileSums.size()).toArray(new Column[0]))
            .withColumn("broken", broken);
    String[] totalColumns = perFile.drop("source_uri", "broken").columns();
    List<Column> totalSums = new ArrayList<>();
    for (String c : totalColumns) {
      totalSums.add(coalesce(sum(col("`" + c + "`")), zero).as(c));
    }
    totalSums.add(countWhere(col("broken")).as("broken_files"));
    Row t = perFile.agg(totalSums.get(0), totalSums.subList(1, totalSums.size()).toArray(new Column[0])).first();
    if (t.getLong(t.fieldIndex("broken_files")) > 0) {
      List<Row> first =
          perFile.filter(col("broken")).select(Arrays.stream(new String[] {"source_uri", "manifest_rows",
                  "units_found", "items_written", "items_in_table", "units_quarantined", "quarantined_in_table"})
                  .map(functions::col).toArray(Column[]::new))
              .orderBy("source_uri").limit(5).collectAsList();
      throw new AccountingException(
          t.getLong(t.fieldIndex("broken_files")) + " files where units found != items + quarantined, first: "
              + first.stream()
                  .map(r -> r.getString(0) + " (manifest rows " + r.get(1) + ", found " + r.get(2) + ", items "
                      + r.get(3) + " written / " + r.get(4) + " in table, quarantined " + r.get(5) + " / " + r.get(6)
                      + " in table)")
                  .toList());
    }
    long outside = t.getLong(t.fieldIndex("kind:?")) + t.getLong(t.fieldIndex("reason:?"));
    if (outside > 0) {
      throw new AccountingException(outside + " rows with a kind or quarantine reason outside the fixed vocabulary");
    }
    long manifestRows = t.getLong(t.fieldIndex("manifest_rows"));
    if (manifestRows != files.size()) {
      throw new AccountingException(files.size() + " files listed but " + manifestRows + " manifest rows written");
    }
    Totals totals =
        new Totals(
            manifestRows, t.getLong(t.fieldIndex("size_bytes")), t.getLong(t.fieldIndex("units_found")),
            t.getLong(t.fieldIndex("items_written")), t.getLong(t.fieldIndex("units_quarantined")),
            nonZero(t, "kind:", kinds), nonZero(t, "reason:", reasons));
    LOG.info(
        "ingest: {} files, {} units = {} items + {} quarantined",
        totals.files(), totals.units(), totals.items(), totals.quarantined());
    return totals;
  }

  /** How many rows of a group match. */
  private static Column countWhere(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  /** The counts of the {@code prefix + value} columns of {@code totals} that are not zero. */
  private static Map<String, Long> nonZero(Row totals, String prefix, List<String> values) {
    Map<String, Long> out = new TreeMap<>();
    for (String v : values) {
      long n = totals.getLong(totals.fieldIndex(prefix + v));
      if (n > 0) {
        out.put(v, n);
      }
    }
    return out;
  }
}
