package org.leakscope.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.leakscope.io.HadoopConf;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.TableFormat;
import org.leakscope.io.Schemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: list the input, parse every file in Spark tasks, write {@code items}, {@code quarantine} and
 * {@code ingest_manifest}, then check from the written tables that every unit found is an item or quarantined.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private static final List<String> REPEATING_COLUMNS =
      List.of("kind", "format", "record_set", "source_uri", "source_path", "reason", "status");

  private static final String CACHE_COMPRESSED = "spark.sql.inMemoryColumnarStorage.compressed";

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
    // One parse, three tables: the parse output is cached on the executors' local disks and split. On disk, so
    // that no heap grows with the dump; measured as fast as a memory cache here (BENCHMARKS.md). Columnar
    // compression of the cache is off: it would build dictionaries over every message text.
    String compressed = spark.conf().get(CACHE_COMPRESSED, "true");
    spark.conf().set(CACHE_COMPRESSED, "false");
    Dataset<Row> parsed = parse(files).persist(StorageLevel.DISK_ONLY());
    // The small tables' rows, read from the disk cache once for both tables.
    Dataset<Row> bookkeeping =
        parsed.filter(col("row_type").notEqual(Schemas.ROW_ITEM)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      write(parsed, Schemas.ROW_ITEM, Schemas.ITEMS, out.restricted(OutputLayout.ITEMS), false);
      write(bookkeeping, Schemas.ROW_QUARANTINE, Schemas.QUARANTINE, out.restricted(OutputLayout.QUARANTINE), true);
      write(bookkeeping, Schemas.ROW_MANIFEST, Schemas.INGEST_MANIFEST, out.restricted(OutputLayout.INGEST_MANIFEST),
          true);
    } finally {
      bookkeeping.unpersist();
      parsed.unpersist();
      spark.conf().set(CACHE_COMPRESSED, compressed);
    }
    Totals totals = verify(out, files);
    return totals.result((System.nanoTime() - start) / 1e9);
  }

  private List<FileTask> listInput() {
    spark.sparkContext().setJobDescription("ingest: list " + config.input());
    List<FileTask> files = FileListing.list(config.input(), spark.sparkContext().hadoopConfiguration());
    LOG.info("ingest: {} files under {}", files.size(), config.input());
    return files;
  }

  /** Every file's rows (items, quarantine, manifest side by side), from Spark tasks of about taskBytes each. */
  private Dataset<Row> parse(List<FileTask> files) {
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
                  return new RowProducer(
                      "leakscope-ingest",
                      sink -> {
                        for (FileTask task : tasks) {
                          FileIngestor.ingest(task, limits, conf.value().get(), sink);
                        }
                      });
                });
    return spark.createDataFrame(rows, Schemas.INGEST_OUTPUT);
  }

  private void write(Dataset<Row> parsed, String rowType, StructType schema, String path, boolean small) {
    long t0 = System.nanoTime();
    spark.sparkContext().setJobDescription("ingest: write " + path);
    Column[] columns = new Column[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      StructField f = schema.fields()[i];
      // Columns whose wire type differs (text travels as UTF-8 bytes) are cast to the table's type.
      boolean sameType = Schemas.INGEST_OUTPUT.apply(f.name()).dataType().equals(f.dataType());
      columns[i] = sameType ? col(f.name()) : col(f.name()).cast(f.dataType()).as(f.name());
    }
    Dataset<Row> table = parsed.filter(col("row_type").equalTo(rowType)).select(columns);
    // Small tables as one file; items keep one file per task.
    var writer = (small ? table.repartition(1) : table).write().mode(SaveMode.Overwrite);
    // Dictionaries only where values repeat: for texts, ids, hashes, subjects and addresses Parquet would hash
    // every value only to fall back to plain encoding page after page.
    writer = writer.option("parquet.enable.dictionary", "false");
    for (String column : REPEATING_COLUMNS) {
      writer = writer.option("parquet.enable.dictionary#" + column, "true");
    }
    writer.parquet(path);
    LOG.info("ingest: wrote {} in {} s", path, (System.nanoTime() - t0) / 1e9);
  }

  /** The totals read back from the written tables. */
  private record Totals(
      long files, long bytes, long units, long items, long quarantined, Map<String, Long> kinds,
      Map<String, Long> reasons) {
    IngestResult result(double seconds) {
      return new IngestResult(files, bytes, units, items, quarantined, kinds, reasons, seconds);
    }
  }

  /** Checks the accounting invariant from the written tables and returns the totals. */
  private Totals verify(OutputLayout out, List<FileTask> files) {
    spark.sparkContext().setJobDescription("ingest: check that every unit is accounted for");
    Dataset<Row> manifest = spark.read().parquet(out.restricted(OutputLayout.INGEST_MANIFEST));
    Dataset<Row> items = spark.read().parquet(out.restricted(OutputLayout.ITEMS));
    Dataset<Row> quarantine = spark.read().parquet(out.restricted(OutputLayout.QUARANTINE));
    // Rows per file as they are in the tables, items and quarantine in one aggregation.
    Dataset<Row> inTables =
        items
            .select(col("source_uri"), lit(1L).as("i"), lit(0L).as("q"))
            .unionByName(quarantine.select(col("source_uri"), lit(0L).as("i"), lit(1L).as("q")))
            .groupBy("source_uri")
            .agg(sum("i").as("items_in_table"), sum("q").as("quarantined_in_table"));
    List<Row> broken =
        manifest
            .join(inTables, manifest.col("source_uri").equalTo(inTables.col("source_uri")), "full_outer")
            .select(
                coalesce(manifest.col("source_uri"), inTables.col("source_uri")).as("source_uri"),
                col("units_found"),
                col("items_written"),
                col("units_quarantined"),
                coalesce(col("items_in_table"), lit(0L)).as("items_in_table"),
                coalesce(col("quarantined_in_table"), lit(0L)).as("quarantined_in_table"))
            .filter(
                col("units_found").isNull()
                    .or(col("units_found").notEqual(col("items_written").plus(col("units_quarantined"))))
                    .or(col("items_written").notEqual(col("items_in_table")))
                    .or(col("units_quarantined").notEqual(col("quarantined_in_table"))))
            .orderBy("source_uri")
            .limit(5)
            .collectAsList();
    if (!broken.isEmpty()) {
      throw new AccountingException(
          "units found != items + quarantined for "
              + broken.stream()
                  .map(r -> r.getString(0) + " (found " + r.get(1) + ", items " + r.get(2) + " written / "
                      + r.get(4) + " in table, quarantined " + r.get(3) + " / " + r.get(5) + " in table)")
                  .toList());
    }
    Row t =
        manifest
            .agg(
                count(lit(1)),
                coalesce(sum("size_bytes"), lit(0L)),
                coalesce(sum("units_found"), lit(0L)),
                coalesce(sum("items_written"), lit(0L)),
                coalesce(sum("units_quarantined"), lit(0L)))
            .first();
    if (t.getLong(0) != files.size()) {
      throw new AccountingException(files.size() + " files listed but " + t.getLong(0) + " manifest rows written");
    }
    Totals totals =
        new Totals(
            t.getLong(0), t.getLong(1), t.getLong(2), t.getLong(3), t.getLong(4), countBy(items, "kind"),
            countBy(quarantine, "reason"));
    LOG.info(
        "ingest: {} files, {} units = {} items + {} quarantined",
        totals.files(), totals.units(), totals.items(), totals.quarantined());
    return totals;
  }

  /** Counts per value of a low-cardinality column (kinds, reasons: a fixed vocabulary). */
  private static Map<String, Long> countBy(Dataset<Row> table, String column) {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : table.groupBy(column).count().collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }
}
