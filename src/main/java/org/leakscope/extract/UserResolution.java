package org.leakscope.extract;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakscope.common.Concurrently;
import org.leakscope.common.ConnectedComponents;

/**
 * Resolves logins and addresses to users. A login is keyed by its company and its user part
 * ({@code u:<company_id>/jdoe}), so {@code jdoe}, {@code CONTOSO\jdoe} and {@code jdoe@contoso.com} in records of
 * Contoso are one account, and {@code jdoe} at two companies are two. A login without a known company keeps its
 * qualifier ({@code u:?/contoso\jdoe}). Addresses ({@code a:…}) join a login when
 * <ul>
 *   <li>a record holding exactly one login holds the address too — unless, within one record set, the address
 *       sits beside two different logins (a shared mailbox: linking it would merge two people);
 *   <li>the address's local part is a login at the company of the address's domain;
 *   <li>a record without a login lists it in the same field as other addresses ({@code emails.0},
 *       {@code emails.1}: one person's addresses).
 * </ul>
 * The connected components that hold at least one login are the users; address-only components are people known
 * only by their address (counted as addresses, not users).
 */
final class UserResolution {
  /** Node to user id (logins and addresses of users), and the users table. */
  record Resolved(Dataset<Row> nodes, Dataset<Row> users, Dataset<Row> loginKeys) {}

  private UserResolution() {}

  /**
   * The address tables the resolution reads: every address once, with its mention count and display names, and
   * the mentions of addresses in records. They do not depend on the companies, so they can be saved while the
   * companies resolve.
   */
  record Addresses(Dataset<Row> all, Dataset<Row> inRecords) {}

  /** Saves the address tables (at once: each is a few small jobs, mostly driver latency). */
  static Addresses addresses(Dataset<Row> mentions, BiFunction<Dataset<Row>, String, Dataset<Row>> save) {
    Dataset<Row> addressMentions =
        mentions.where(Mentions.valid().and(col("entity_type").equalTo(Mentions.EMAIL_ADDRESS)))
            .select(col("item_id"), col("context"), col("record_set"), col("source"), col("normalized_value"),
                col("domain"), col("display_name"), concat(lit("a:"), col("normalized_value")).as("node"));
    List<Dataset<Row>> saved = Concurrently.all(List.of(
        // Most address mentions are mail headers, which link nothing: each address is carried on once, with its
        // mention count and the display names it was written with; only record mentions go further one by one.
        // Counted per display name first: a plain hash aggregation before the shuffle, where collecting the names
        // of a million mentions at once falls back to sorting them (past 128 addresses per task).
        () -> save.apply(
            addressMentions.groupBy("node", "normalized_value", "domain", "display_name")
                .agg(count(lit(1)).as("mentions"))
                .groupBy("node", "normalized_value", "domain")
                .agg(sum("mentions").as("mentions"),
                    slice(sort_array(collect_set("display_name")), 1, 20).as("display_names")), "user-addresses"),
        () -> save.apply(addressMentions.where(col("context").equalTo(Mentions.RECORD)), "user-record-addresses")));
    return new Addresses(saved.get(0), saved.get(1));
  }

  /**
   * Resolves the users. {@code save} materializes an intermediate under a name and returns it read back: the logins
   * and nodes are each used by several of the outputs, and are computed once.
   */
  static Resolved resolve(SparkSession spark, Dataset<Row> mentions, CompanyResolution.Resolved companies,
      Addresses saved, IntFunction<String> roundPath, BiFunction<Dataset<Row>, String, Dataset<Row>> save) {
    Dataset<Row> valid = mentions.where(Mentions.valid());
    Dataset<Row> logins = save.apply(loginKeys(valid, companies.contextCompany()), "user-logins");
    Dataset<Row> addresses = saved.all();
    Dataset<Row> recordAddresses = saved.inRecords();
    Dataset<Row> edges =
        loginAddressEdges(logins, recordAddresses)
            .unionByName(localPartEdges(logins, addresses, companies.nodes()))
            .unionByName(sameFieldEdges(logins, recordAddresses));
    Dataset<Row> components = ConnectedComponents.of(spark, edges, roundPath);
    Dataset<Row> allNodes =
        logins.select("node").union(addresses.select("node")).distinct()
            .join(components, "node", "left")
            .select(col("node"), coalesce(col("component"), col("node")).as("component"));
    // A component is a user when it holds a login; its id comes from its smallest login.
    Dataset<Row> userOf =
        allNodes.where(col("node").startsWith("u:"))
            .groupBy("component")
            .agg(min("node").as("first_login"))
            .select(col("component"), col("first_login"),
                concat(lit("us-"), substring(sha2(col("first_login"), 256), 1, 16)).as("user_id"));
    Dataset<Row> nodes =
        save.apply(allNodes.join(userOf, "component").select("node", "user_id", "first_login"), "user-nodes");
    return new Resolved(nodes, users(valid, logins, addresses, recordAddresses, nodes, companies), logins);
  }

  /** Login mentions with their key. */
  static Dataset<Row> loginKeys(Dataset<Row> valid, Dataset<Row> contextCompany) {
    Column userPart = substring_index(col("normalized_value"), "\\", -1);
    return valid.where(col("entity_type").equalTo(Mentions.USER))
        .join(contextCompany, new String[] {"item_id", "context"}, "left")
        .select(col("item_id"), col("context"), col("record_set"), col("normalized_value"), col("raw_value"),
            col("context_company"), userPart.as("user_part"),
            when(col("context_company").isNotNull(), concat(lit("u:"), col("context_company"), lit("/"), userPart))
                .otherwise(concat(lit("u:?/"), col("normalized_value"))).as("node"));
  }

  private static Dataset<Row> loginAddressEdges(Dataset<Row> logins, Dataset<Row> addresses) {
    Dataset<Row> single =
        logins.groupBy("item_id", "context")
            .agg(count_distinct(col("node")).as("logins"), min("node").as("login"))
            .where(col("logins").equalTo(1));
    Dataset<Row> pairs =
        single.join(addresses, new String[] {"item_id", "context"})
            .select(col("record_set"), col("login"), col("node").as("address"));
    Dataset<Row> shared =
        pairs.groupBy("record_set", "address")
            .agg(count_distinct(col("login")).as("logins"))
            .where(col("logins").gt(1))
            .select(col("address").as("shared_address"))
            .distinct();
    // Named apart: shared comes from pairs, and a condition between two columns of one lineage is always true.
    return pairs.join(shared, col("address").equalTo(col("shared_address")), "left_anti")
        .select(col("login").as("src"), col("address").as("dst"));
  }

  private static Dataset<Row> localPartEdges(Dataset<Row> logins, Dataset<Row> addresses, Dataset<Row> companyNodes) {
    Dataset<Row> atCompany =
        addresses.select("node", "normalized_value", "domain")
            .join(companyNodes.withColumnRenamed("node", "domain_node"),
                concat(lit("d:"), col("domain")).equalTo(col("domain_node")))
            .select(col("node").as("address"), col("company_id"),
                substring_index(col("normalized_value"), "@", 1).as("local_part"));
    Dataset<Row> keys =
        logins.where(col("context_company").isNotNull())
            .select(col("node").as("login"), col("context_company"), col("user_part"))
            .distinct();
    return atCompany.join(keys, atCompany.col("company_id").equalTo(keys.col("context_company"))
            .and(atCompany.col("local_part").equalTo(keys.col("user_part"))))
        .select(col("login").as("src"), col("address").as("dst"));
  }

  private static Dataset<Row> sameFieldEdges(Dataset<Row> logins, Dataset<Row> addresses) {
    Dataset<Row> withLogin = logins.select("item_id", "context").distinct();
    Dataset<Row> grouped =
        addresses.where(col("context").equalTo(Mentions.RECORD))
            .join(withLogin, new String[] {"item_id", "context"}, "left_anti")
            .withColumn("stem", regexp_replace(col("source"), "\\.[0-9]+(?=\\.|$)", ""));
    Dataset<Row> roots = grouped.groupBy("item_id", "stem").agg(min("node").as("root"));
    return grouped.join(roots, new String[] {"item_id", "stem"})
        .select(col("node").as("src"), col("root").as("dst"));
  }

  /**
   * One row per user: logins, addresses and names seen (display names of its addresses in mail, names in the
   * records of its logins and addresses), company and its country.
   */
  private static Dataset<Row> users(Dataset<Row> valid, Dataset<Row> logins, Dataset<Row> addresses,
      Dataset<Row> recordAddresses, Dataset<Row> nodes, CompanyResolution.Resolved companies) {
    Dataset<Row> byLogin =
        logins.join(nodes, "node")
            .groupBy("user_id")
            .agg(sort_array(collect_set("normalized_value")).as("logins"),
                slice(sort_array(collect_set("raw_value")), 1, 20).as("logins_as_written"),
                count(lit(1)).as("login_mentions"), min("first_login").as("first_login"));
    Dataset<Row> byAddress =
        addresses.join(nodes, "node")
            .groupBy("user_id")
            .agg(sort_array(collect_list("normalized_value")).as("addresses"), sum("mentions").as("address_mentions"),
                flatten(collect_list("display_names")).as("display_names"));
    Dataset<Row> recordContexts =
        logins.select("item_id", "context", "node").union(recordAddresses.select("item_id", "context", "node"))
            .join(nodes, "node")
            .select("item_id", "context", "user_id")
            .distinct();
    Dataset<Row> byRecordName =
        valid.where(col("entity_type").equalTo(Mentions.PERSON_NAME).and(col("context").equalTo(Mentions.RECORD)))
            .join(recordContexts, new String[] {"item_id", "context"})
            .groupBy("user_id")
            .agg(collect_set("normalized_value").as("record_names"));
    Dataset<Row> company =
        companies.companies().select(col("company_id"), col("country"));
    Column empty = org.apache.spark.sql.functions.array().cast("array<string>");
    Column names =
        slice(sort_array(array_distinct(concat(coalesce(col("display_names"), empty),
            coalesce(col("record_names"), empty)))), 1, 20);
    return byLogin
        .join(byAddress, new String[] {"user_id"}, "left")
        .join(byRecordName, new String[] {"user_id"}, "left")
        .withColumn("company_id",
            when(col("first_login").startsWith("u:?/"), lit(null).cast("string"))
                .otherwise(regexp_extract(col("first_login"), "^u:([^/]+)/", 1)))
        .join(company, new String[] {"company_id"}, "left")
        .select(col("user_id"), col("logins"), col("logins_as_written"),
            coalesce(col("addresses"), empty).as("addresses"), names.as("names"),
            col("company_id"), col("country"), col("login_mentions"),
            coalesce(col("address_mentions"), lit(0L)).as("address_mentions"));
  }
}
