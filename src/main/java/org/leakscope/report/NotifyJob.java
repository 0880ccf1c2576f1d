package org.leakscope.report;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakscope.io.OutputLayout;
import org.leakscope.io.Summary;

/**
 * {@code notify}: one company's impact statement (JSON and HTML) from a counted run, with only that company's data:
 * its exposed users, addresses, messages and documents (stored copies and unique), their date range and the
 * countries involved; with identifiers, the list of its affected addresses and logins, read from the restricted
 * zone, for the company's own notification duty. Counts are exact: the statement goes to the company itself.
 */
public final class NotifyJob {
  /** Identifiers listed per company at most (a statement stays a readable file). */
  public static final int MAX_IDENTIFIERS = 100_000;

  private final SparkSession spark;
  private final OutputLayout out;
  private final boolean withIdentifiers;

  public NotifyJob(SparkSession spark, String input, boolean withIdentifiers) {
    this.spark = spark;
    this.out = OutputLayout.open(input, null, spark.sparkContext().hadoopConfiguration());
    this.withIdentifiers = withIdentifiers;
  }

  /** The ids of the companies matching a company id, a domain or a name (case-insensitive); empty if none. */
  public List<String> find(String company) {
    String c = company.strip().toLowerCase(Locale.ROOT);
    return spark.read().parquet(out.table(OutputLayout.COMPANIES))
        .where(lower(col("company_id")).equalTo(c).or(array_contains(col("domains"), c))
            .or(array_contains(col("names"), c)))
        .select("company_id").orderBy("company_id").collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /** Every company of the run, by id (for {@code --all}); one row per company, bounded by the companies table. */
  public List<String> all() {
    return spark.read().parquet(out.table(OutputLayout.COMPANY_IMPACT)).select("company_id").orderBy("company_id")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  /** Writes {@code dir/statement.json} and {@code dir/statement.html} for one company; returns the JSON. */
  public ObjectNode write(String companyId, String dir) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    ObjectNode s = statement(companyId);
    Summary.write(dir + "/statement.json", s, conf);
    ReportJob.writeText(dir + "/statement.html", html(s), conf);
    return s;
  }

  ObjectNode statement(String companyId) {
    Dataset<Row> impact = spark.read().parquet(out.table(OutputLayout.COMPANY_IMPACT))
        .where(col("company_id").equalTo(companyId));
    List<Row> rows = impact.collectAsList(); // one row
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no company " + companyId + " in " + out.table(OutputLayout.COMPANY_IMPACT));
    }
    Row r = rows.get(0);
    ObjectNode s = Summary.json().createObjectNode();
    s.put("leakscope_version", Summary.version());
    s.put("run", out.root());
    s.put("company_id", companyId);
    s.put("name", r.<String>getAs("name"));
    s.put("country", r.<String>getAs("country"));
    s.put("domains", r.<String>getAs("domains"));
    ObjectNode exposed = s.putObject("exposed");
    for (String f : List.of("users", "unique_addresses", "mentions", "messages_raw", "messages_exact_unique",
        "messages_near_unique", "documents_raw", "documents_exact_unique", "documents_near_unique", "records_raw",
        "records_exact_unique")) {
      exposed.put(f, r.<Long>getAs(f));
    }
    s.put("first_item_date", r.getAs("first_item_date") == null ? null : r.getAs("first_item_date").toString());
    s.put("last_item_date", r.getAs("last_item_date") == null ? null : r.getAs("last_item_date").toString());
    ArrayNode countries = s.putArray("countries_involved");
    spark.read().parquet(out.table(OutputLayout.MENTIONS))
        .where(col("company_id").equalTo(companyId).and(col("country_code").isNotNull()))
        .groupBy("country_code").count().orderBy(col("count").desc(), col("country_code"))
        .collectAsList() // at most one row per country
        .forEach(c -> countries.addObject().put("country", c.getString(0)).put("mentions", c.getLong(1)));
    if (withIdentifiers) {
      identifiers(s.putObject("identifiers"), companyId);
    }
    return s;
  }

  /** Its addresses and logins in clear, from the restricted zone (bounded by {@link #MAX_IDENTIFIERS}). */
  private void identifiers(ObjectNode ids, String companyId) {
    String mentions = out.requireRestricted(OutputLayout.MENTIONS, "extract", spark.sparkContext().hadoopConfiguration());
    List<Row> addresses = spark.read().parquet(mentions)
        .where(col("company_id").equalTo(companyId).and(col("entity_type").equalTo(lit("email_address")))
            .and(col("normalized_value").isNotNull()))
        .select("normalized_value").distinct().orderBy("normalized_value").limit(MAX_IDENTIFIERS).collectAsList();
    ArrayNode a = ids.putArray("email_addresses");
    addresses.forEach(x -> a.add(x.getString(0)));
    List<Row> users = spark.read().parquet(out.restricted(OutputLayout.USERS))
        .where(col("company_id").equalTo(companyId)).orderBy("user_id").limit(MAX_IDENTIFIERS).collectAsList();
    ArrayNode u = ids.putArray("users");
    for (Row user : users) {
      ObjectNode o = u.addObject();
      o.put("user_id", user.<String>getAs("user_id"));
      ArrayNode logins = o.putArray("logins");
      user.<String>getList(user.fieldIndex("logins")).forEach(logins::add);
      ArrayNode linked = o.putArray("addresses");
      user.<String>getList(user.fieldIndex("addresses")).forEach(linked::add);
    }
    ids.put("truncated", addresses.size() == MAX_IDENTIFIERS || users.size() == MAX_IDENTIFIERS);
  }

  static String html(ObjectNode s) {
    Html h = new Html();
    h.raw("<!DOCTYPE html>\n");
    h.open("html", "lang", "en").open("head").empty("meta", "charset", "utf-8")
        .el("title", "Impact statement: " + s.path("name").asText(s.path("company_id").asText()))
        .open("style").raw(Styles.CSS).close("style").close("head");
    h.open("body").open("main");
    h.el("h1", "Impact statement: " + s.path("name").asText(s.path("company_id").asText()));
    Page.note(h, "What a leaked dump holds about this company only (" + s.path("company_id").asText() + ", "
        + s.path("country").asText("country unknown") + ", " + s.path("domains").asText("") + "). Stored copies "
        + "count every file the dump keeps; unique counts collapse exact and near duplicates.");
    ObjectNode e = (ObjectNode) s.get("exposed");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("Users (accounts)", Numbers.count(e.path("users").asLong()), ""));
    rows.add(List.of("Email addresses", Numbers.count(e.path("unique_addresses").asLong()), ""));
    rows.add(List.of("Email messages", Numbers.count(e.path("messages_raw").asLong()),
        Numbers.count(e.path("messages_near_unique").asLong())));
    rows.add(List.of("Documents", Numbers.count(e.path("documents_raw").asLong()),
        Numbers.count(e.path("documents_near_unique").asLong())));
    rows.add(List.of("Records", Numbers.count(e.path("records_raw").asLong()),
        Numbers.count(e.path("records_exact_unique").asLong())));
    Page.table(h, "Exposed", List.of(Page.Col.text("What"), Page.Col.num("Stored copies / distinct"),
        Page.Col.num("Unique")), rows);
    Page.openFacts(h);
    Page.fact(h, "Dated items from", Page.orDash(s.path("first_item_date").asText(null)));
    Page.fact(h, "Dated items to", Page.orDash(s.path("last_item_date").asText(null)));
    List<String> countries = new ArrayList<>();
    s.withArray("countries_involved").forEach(c -> countries.add(c.path("country").asText()));
    Page.fact(h, "Countries involved", countries.isEmpty() ? "—" : String.join(", ", countries));
    h.close("dl");
    if (s.has("identifiers")) {
      h.el("h2", "Affected identifiers");
      List<List<String>> ids = new ArrayList<>();
      s.get("identifiers").withArray("email_addresses").forEach(a -> ids.add(List.of("email address", a.asText())));
      s.get("identifiers").withArray("users").forEach(u -> u.withArray("logins")
          .forEach(l -> ids.add(List.of("login", l.asText()))));
      Page.table(h, ids.size() + " identifiers", List.of(Page.Col.text("Type"), Page.Col.text("Identifier")), ids);
    }
    h.close("main").close("body").close("html");
    return h.toString();
  }
}
