package org.leakscope.count;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.leakscope.extract.Mentions;

/** Who is affected: the {@code company_impact}, {@code company_activity} and {@code country_impact} tables. */
public final class Impact {
  private Impact() {}

  private static final Column EMAIL = col("kind").equalTo("email");
  private static final Column DOCUMENT = col("kind").equalTo("document");
  private static final Column RECORD = col("kind").equalTo("record");

  private static final String[] COUNTS = {
    "unique_addresses", "users", "mentions", "messages_raw", "messages_exact_unique", "messages_near_unique",
    "documents_raw", "documents_exact_unique", "documents_near_unique", "records_raw", "records_exact_unique"
  };

  /**
   * One row per resolved company: its name, country and domains; its unique (normalized) addresses and resolved
   * users; the items that mention it (by its name, its domains or its addresses) at the raw, exact-unique and
   * near-unique bases; the first and last date of those items.
   */
  public static Dataset<Row> companies(
      Dataset<Row> companyItems, Dataset<Row> mentions, Dataset<Row> companies, Dataset<Row> users) {
    Dataset<Row> byCompany = companyItems.groupBy("company_id").agg(
        sum("mentions").as("mentions"),
        count(when(EMAIL, lit(1))).as("messages_raw"),
        count_distinct(when(EMAIL, col("exact_group"))).as("messages_exact_unique"),
        count_distinct(when(EMAIL, col("near_cluster"))).as("messages_near_unique"),
        count(when(DOCUMENT, lit(1))).as("documents_raw"),
        count_distinct(when(DOCUMENT, col("exact_group"))).as("documents_exact_unique"),
        count_distinct(when(DOCUMENT, col("near_cluster"))).as("documents_near_unique"),
        count(when(RECORD, lit(1))).as("records_raw"),
        count_distinct(when(RECORD, col("exact_group"))).as("records_exact_unique"),
        min("item_date").cast("date").as("first_item_date"),
        max("item_date").cast("date").as("last_item_date"));
    Dataset<Row> addressCounts = mentions
        .where(col("entity_type").equalTo(Mentions.EMAIL_ADDRESS).and(col("company_id").isNotNull())
            .and(Mentions.valid()))
        .select("company_id", "normalized_value").distinct()
        .groupBy("company_id").agg(count(lit(1)).as("unique_addresses"));
    Dataset<Row> userCounts =
        users.where(col("company_id").isNotNull()).groupBy("company_id").agg(count(lit(1)).as("users"));
    // The name as most people would write it: the first written form that is not all capitals, if there is one.
    Column name = coalesce(
        try_element_at(filter(col("names_as_written"), n -> n.notEqual(upper(n))), lit(1)),
        try_element_at(col("names_as_written"), lit(1)), try_element_at(col("names"), lit(1)),
        try_element_at(col("domains"), lit(1)));
    List<Column> columns = new ArrayList<>(List.of(col("company_id"), name.as("name"), col("country"),
        array_join(col("domains"), ", ").as("domains")));
    for (String c : COUNTS) {
      columns.add(coalesce(col(c), lit(0L)).as(c));
    }
    columns.add(col("first_item_date"));
    columns.add(col("last_item_date"));
    return companies.join(byCompany, "company_id", "left").join(addressCounts, "company_id", "left")
        .join(userCounts, "company_id", "left")
        .select(columns.toArray(Column[]::new));
  }

  /**
   * One row per company and month that has items mentioning it: the items (raw and near-unique messages and
   * documents, raw records) and the distinct normalized addresses and resolved users of that company mentioned in
   * them. {@code month} is the first day of the month (UTC); items without a date are one row with a null month.
   */
  public static Dataset<Row> activity(
      Dataset<Row> companyItems, Dataset<Row> mentions, Dataset<Row> datedItems, Dataset<Row> users) {
    Column month = trunc(col("item_date").cast("date"), "month").as("month");
    Dataset<Row> items = companyItems.groupBy(col("company_id"), month).agg(
        count(when(EMAIL, lit(1))).as("messages_raw"),
        count_distinct(when(EMAIL, col("near_cluster"))).as("messages_near_unique"),
        count(when(DOCUMENT, lit(1))).as("documents_raw"),
        count_distinct(when(DOCUMENT, col("near_cluster"))).as("documents_near_unique"),
        count(when(RECORD, lit(1))).as("records_raw"),
        lit(0L).as("addresses"), lit(0L).as("users"));
    // The people: one key per distinct address or user per company and month, then counted by type. An address
    // belongs to the company its mention was resolved to; a user (login or address) to the user's resolved company.
    Dataset<Row> addresses = mentions
        .where(col("entity_type").equalTo(Mentions.EMAIL_ADDRESS).and(col("company_id").isNotNull())
            .and(Mentions.valid()))
        .select(col("company_id"), col("item_id"), lit(true).as("is_address"), col("normalized_value").as("person"));
    Dataset<Row> userMentions = mentions.where(col("user_id").isNotNull().and(Mentions.valid()))
        .select(col("user_id"), col("item_id"))
        .join(users.where(col("company_id").isNotNull()).select("user_id", "company_id"), "user_id")
        .select(col("company_id"), col("item_id"), lit(false).as("is_address"), col("user_id").as("person"));
    Dataset<Row> people = addresses.unionByName(userMentions)
        .join(datedItems.select("item_id", "item_date"), "item_id")
        .select(col("company_id"), month, col("is_address"), col("person")).distinct()
        .groupBy("company_id", "month").agg(
            lit(0L).as("messages_raw"), lit(0L).as("messages_near_unique"), lit(0L).as("documents_raw"),
            lit(0L).as("documents_near_unique"), lit(0L).as("records_raw"),
            count(when(col("is_address"), lit(1))).as("addresses"),
            count(when(not(col("is_address")), lit(1))).as("users"));
    // Grouping (not a join) puts the two halves together: a null month is one group, as it must be.
    return items.unionByName(people).groupBy("company_id", "month").agg(
        sum("messages_raw").as("messages_raw"), sum("messages_near_unique").as("messages_near_unique"),
        sum("documents_raw").as("documents_raw"), sum("documents_near_unique").as("documents_near_unique"),
        sum("records_raw").as("records_raw"), sum("addresses").as("addresses"), sum("users").as("users"));
  }

  /**
   * One row per company and item that mentions it (a company is named many times in one message), with the item's
   * kind, date and dedup groups: what {@link #companies} and {@link #activity} count.
   */
  public static Dataset<Row> companyItems(Dataset<Row> mentions, Dataset<Row> datedItems) {
    return mentions.where(col("company_id").isNotNull().and(Mentions.valid()))
        .groupBy("company_id", "item_id").agg(count(lit(1)).as("mentions"))
        .join(datedItems.select("item_id", "kind", "item_date", "exact_group", "near_cluster"), "item_id");
  }

  /**
   * One row per ISO country named anywhere: its English name, the resolved companies and users based there, their
   * unique addresses, and the mentions of the country itself (fields, phone regions, ccTLDs).
   */
  public static Dataset<Row> countries(Dataset<Row> mentions, Dataset<Row> companies, Dataset<Row> users) {
    Dataset<Row> companyCounts = companies.where(col("country").isNotNull())
        .groupBy("country").agg(count(lit(1)).as("companies"));
    Dataset<Row> userCounts = users.where(col("country").isNotNull())
        .groupBy("country").agg(count(lit(1)).as("users"));
    Dataset<Row> addressCounts =
        mentions.where(col("entity_type").equalTo(Mentions.EMAIL_ADDRESS).and(Mentions.valid())
                .and(col("company_id").isNotNull()))
            .select("company_id", "normalized_value")
            .join(companies.where(col("country").isNotNull()).select("company_id", "country"), "company_id")
            .groupBy("country").agg(count_distinct(col("normalized_value")).as("addresses"));
    Dataset<Row> mentionCounts =
        mentions.where(col("entity_type").equalTo(Mentions.COUNTRY).and(Mentions.valid()))
            .groupBy(col("normalized_value").as("country")).agg(count(lit(1)).as("country_mentions"));
    return companyCounts.join(userCounts, "country", "full")
        .join(addressCounts, "country", "full")
        .join(mentionCounts, "country", "full")
        .select(col("country"), countryName(col("country")).as("country_name"),
            coalesce(col("companies"), lit(0L)).as("companies"), coalesce(col("users"), lit(0L)).as("users"),
            coalesce(col("addresses"), lit(0L)).as("addresses"),
            coalesce(col("country_mentions"), lit(0L)).as("country_mentions"));
  }

  /** The English name of an ISO 3166-1 alpha-2 code (a literal map of the JDK's ~250 codes; the code if unknown). */
  static Column countryName(Column code) {
    List<Column> entries = new ArrayList<>();
    for (String c : Locale.getISOCountries()) {
      entries.add(lit(c));
      entries.add(lit(new Locale("", c).getDisplayCountry(Locale.ENGLISH)));
    }
    return coalesce(try_element_at(functions.map(entries.toArray(Column[]::new)), code), code);
  }
}
