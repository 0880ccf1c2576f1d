package org.leakscope.extract;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.leakscope.common.Concurrently;
import org.leakscope.common.Materialize;
import org.leakscope.common.Steps;
import org.leakscope.common.WorkDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Schemas;
import org.leakscope.io.TableFormat;
import org.leakscope.privacy.PseudonymKey;
import org.leakscope.privacy.Pseudonymize;
import org.leakscope.privacy.Tokens;

/**
 * The extract stage: entity mentions in every item, normalized, then resolved into companies and users. Reads
 * {@code items}, writes {@code mentions} and {@code users} to the restricted zone with their pseudonymized copies
 * to {@code tables/}, and {@code companies}. The rules are in docs/entities.md.
 */
public final class ExtractJob {
  private static final String STAGE = "extract";

  private final SparkSession spark;
  private final ExtractConfig config;
  private final OutputLayout out;
  private final Steps steps = new Steps(STAGE);

  public ExtractJob(SparkSession spark, ExtractConfig config) {
    this.spark = spark;
    this.config = config;
    this.out = OutputLayout.open(config.output(), null, spark.sparkContext().hadoopConfiguration());
  }

  public ExtractResult run() {
    TableFormat.apply(spark, out);
    long started = System.nanoTime();
    spark.sparkContext().setJobGroup(STAGE, "leakscope extract", false);
    try {
      // The schema given: ingest writes it, and Spark need not run a job to read it from the files' footers.
      Dataset<Row> items = spark.read().schema(Schemas.ITEMS).parquet(
          out.requireRestricted(OutputLayout.ITEMS, "ingest", spark.sparkContext().hadoopConfiguration()));
      Tokens tokens = key().tokens(); // a bad key fails before any work
      Dataset<Row> found = steps.time("mentions",
          () -> byType(Mentions.of(items, config.canonicalAddresses()), work("found")));
      // The users' address tables do not depend on the companies: saved while those resolve.
      AtomicReference<UserResolution.Addresses> addresses = new AtomicReference<>();
      CompanyResolution.Resolved companies = steps.time("companies", () -> {
        AtomicReference<CompanyResolution.Resolved> resolved = new AtomicReference<>();
        Concurrently.run(List.of(
            () -> resolved.set(companies(found)),
            () -> addresses.set(UserResolution.addresses(found, this::save))));
        return resolved.get();
      });
      UserResolution.Resolved users = steps.time("users", () -> {
        UserResolution.Resolved r = UserResolution.resolve(
            spark, found, companies, addresses.get(), round -> work("users-cc-" + round), this::save);
        return new UserResolution.Resolved(r.nodes(),
            Materialize.at(spark, r.users(), out.restricted(OutputLayout.USERS)), r.loginKeys());
      });
      Dataset<Row> mentions = steps.time("mentions table",
          () -> Materialize.at(spark, withIds(found, companies, users), out.restricted(OutputLayout.MENTIONS)));
      // The BI copies and the summary's counts read the same tables and are independent: run at once.
      AtomicReference<Counts> counts = new AtomicReference<>();
      steps.time("pseudonymized tables and counts", () -> {
        Concurrently.run(List.of(
            () -> write(Pseudonymize.mentions(mentions, tokens), OutputLayout.MENTIONS),
            () -> write(Pseudonymize.users(users.users(), tokens), OutputLayout.USERS),
            () -> counts.set(counts(mentions, companies.companies(), users.users()))));
        return null;
      });
      return result(counts.get(), started);
    } finally {
      WorkDir.delete(spark, out.work(STAGE), STAGE);
      spark.sparkContext().clearJobGroup();
    }
  }

  /** Resolves the companies and writes the {@code companies} table. */
  private CompanyResolution.Resolved companies(Dataset<Row> found) {
    CompanyResolution.Resolved r =
        CompanyResolution.resolve(spark, found, round -> work("companies-cc-" + round), this::save);
    List<Dataset<Row>> saved = Concurrently.all(List.of(
        () -> Materialize.at(spark, r.companies(), out.table(OutputLayout.COMPANIES)),
        () -> save(r.contextCompany(), "context-company"),
        () -> save(r.names(), "company-names")));
    return new CompanyResolution.Resolved(r.nodes(), saved.get(0), saved.get(1), saved.get(2));
  }

  /**
   * The public mentions: each with the company and user it was resolved to (null when it names neither), without
   * the working columns.
   */
  static Dataset<Row> withIds(
      Dataset<Row> found, CompanyResolution.Resolved companies, UserResolution.Resolved users) {
    Dataset<Row> nameNodes =
        companies.names()
            .select(col("item_id"), col("context"), col("normalized_value"), col("node").as("name_node"))
            .withColumn("entity_type", lit(Mentions.COMPANY));
    Dataset<Row> loginNodes =
        users.loginKeys().select(col("item_id"), col("context"), col("normalized_value"), col("node").as("login_node"))
            .distinct()
            .withColumn("entity_type", lit(Mentions.USER));
    String[] key = {"item_id", "context", "normalized_value", "entity_type"};
    Column type = col("entity_type");
    Dataset<Row> keyed =
        found.join(nameNodes, key, "left")
            .join(loginNodes, key, "left")
            .withColumn("company_node",
                when(type.equalTo(Mentions.COMPANY).and(col("context").equalTo(Mentions.RECORD)), col("name_node"))
                    .when(type.equalTo(Mentions.COMPANY).and(col("normalized_value").isNotNull()),
                        CompanyResolution.signatureNode(col("normalized_value"), col("country_code"), col("domain")))
                    .when(col("normalized_value").isNotNull().and(col("domain").isNotNull())
                        .and(type.isin(Mentions.DOMAIN, Mentions.EMAIL_ADDRESS)), concat(lit("d:"), col("domain"))))
            .withColumn("user_node",
                when(type.equalTo(Mentions.USER), col("login_node"))
                    .when(type.equalTo(Mentions.EMAIL_ADDRESS).and(col("normalized_value").isNotNull()),
                        concat(lit("a:"), col("normalized_value"))));
    Dataset<Row> companyIds = companies.nodes().withColumnRenamed("node", "company_node");
    Dataset<Row> userIds = users.nodes().select(col("node").as("user_node"), col("user_id"));
    return keyed.join(companyIds, new String[] {"company_node"}, "left")
        .join(userIds, new String[] {"user_node"}, "left")
        .select(col("item_id"), col("entity_type"), col("raw_value"), col("normalized_value"),
            col("canonical_value"), col("domain"), col("source"), col("rule"), col("country_code"),
            col("reject_reason"), col("context"), col("company_id"), col("user_id"));
  }


  /**
   * The summary's aggregates: per entity type its mention counts at each basis, the resolved companies and their
   * countries, and the resolved users.
   */
  private record Counts(List<Row> byType, Row companies, long users) {}

  private Counts counts(Dataset<Row> mentions, Dataset<Row> companies, Dataset<Row> users) {
    return new Counts(countsByType(mentions).collectAsList(), // one row per entity type: a handful
        companies.agg(count(lit(1)), count_distinct(col("country"))).first(), users.count());
  }

  /**
   * Per entity type: its mentions, the rejected ones, and its counts at the raw, distinct_raw, distinct_normalized
   * and distinct_canonical bases. The mentions are first counted per distinct combination of the values counted:
   * a plain hash aggregation that each task does before its shuffle, which turns millions of mentions (the same
   * addresses in every stored copy of every message) into one row per spelling. The distinct counts then expand
   * those rows, not every mention, once per basis.
   */
  static Dataset<Row> countsByType(Dataset<Row> mentions) {
    Column n = col("n");
    Column valid = Mentions.valid(); // of normalized_value, a key of the first grouping
    Column explicit = col("explicit"); // needs the rule, which the first grouping does not keep
    return mentions
        .groupBy(col("entity_type"), Mentions.explicit().as("explicit"), col("raw_value"), col("normalized_value"),
            col("canonical_value"))
        .agg(count(lit(1)).as("n"))
        .groupBy("entity_type")
        .agg(sum(n).as("mentions"),
            sum(when(valid, 0L).otherwise(n)).as("rejected"),
            coalesce(sum(when(explicit, n)), lit(0L)).as("raw"),
            count_distinct(when(explicit, col("raw_value"))).as("distinct_raw"),
            count_distinct(when(valid, col("normalized_value"))).as("distinct_normalized"),
            count_distinct(when(valid, col("canonical_value"))).as("distinct_canonical"));
  }

  private ExtractResult result(Counts counts, long started) {
    List<Row> rows = counts.byType();
    Map<String, Long> mentionCounts = new TreeMap<>();
    Map<String, Long> rejected = new TreeMap<>();
    Map<String, Row> byType = new TreeMap<>();
    for (Row r : rows) {
      mentionCounts.put(r.getString(0), r.getLong(1));
      rejected.put(r.getString(0), r.getLong(2));
      byType.put(r.getString(0), r);
    }
    Row resolved = counts.companies();
    long userCount = counts.users();
    // Every basis that applies is present, zero when nothing was found (ARCHITECTURE.md: absent means "does not
    // apply", never "none found").
    Map<String, Map<String, Long>> ordered = new LinkedHashMap<>();
    METRICS.forEach((type, metric) -> {
      Row r = byType.get(type);
      Map<String, Long> bases = new LinkedHashMap<>();
      bases.put("raw", r == null ? 0L : r.getLong(3));
      bases.put("distinct_raw", r == null ? 0L : r.getLong(4));
      bases.put("distinct_normalized", r == null ? 0L : r.getLong(5));
      if (type.equals(Mentions.EMAIL_ADDRESS) && config.canonicalAddresses()) {
        bases.put("distinct_canonical", r == null ? 0L : r.getLong(6));
      }
      if (type.equals(Mentions.USER)) {
        bases.put("resolved", userCount);
      }
      if (type.equals(Mentions.COMPANY)) {
        bases.put("resolved", resolved.getLong(0));
      }
      ordered.put(metric, bases);
    });
    return new ExtractResult(ordered, mentionCounts, rejected, resolved.getLong(1), steps.seconds(),
        (System.nanoTime() - started) / 1e9);
  }

  /** Entity types whose mentions are counted as a metric of the counting vocabulary, in report order. */
  public static final Map<String, String> METRICS = metrics();

  private static Map<String, String> metrics() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Mentions.EMAIL_ADDRESS, "email_addresses");
    m.put(Mentions.USER, "users");
    m.put(Mentions.COMPANY, "companies");
    m.put(Mentions.COUNTRY, "countries");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The mentions written partitioned by entity type, so each resolution step reads only the types it uses (most
   * mentions are the addresses, domains and names of mail headers). Each task keeps a file open per type rather
   * than sorting its mentions by type ({@code spark.sql.maxConcurrentOutputFileWriters}, set by
   * {@link org.leakscope.common.SessionDefaults}), and this working copy is written without dictionaries: read a
   * few times and deleted, it is not worth their cost (at scale 2 the two took 2.4 of the pass's 12.6 s).
   */
  private Dataset<Row> byType(Dataset<Row> mentions, String path) {
    mentions.write().mode(SaveMode.Overwrite).option("parquet.enable.dictionary", "false")
        .partitionBy("entity_type").parquet(path);
    // An explicit schema (partition column last), so no mentions at all still reads as an empty table.
    StructType schema = new StructType();
    for (StructField f : Mentions.SCHEMA.fields()) {
      if (!f.name().equals("entity_type")) {
        schema = schema.add(f);
      }
    }
    return spark.read().schema(schema.add("entity_type", DataTypes.StringType)).parquet(path);
  }

  private Dataset<Row> save(Dataset<Row> data, String name) {
    return Materialize.at(spark, data, work(name));
  }

  private String work(String name) {
    return out.work(STAGE) + "/" + name;
  }

  private PseudonymKey key() {
    PseudonymKey key = PseudonymKey.resolve(config.keyFile(), System.getenv(), out,
        spark.sparkContext().hadoopConfiguration());
    if (key.generated()) {
      System.err.println("extract: no pseudonymization key was given, so one was " + key.source()
          + "; keep it with the restricted zone (see docs/privacy.md)");
    }
    return key;
  }

  /** A BI-facing table. */
  private void write(Dataset<Row> table, String name) {
    table.write().mode(SaveMode.Overwrite).parquet(out.table(name));
  }
}
