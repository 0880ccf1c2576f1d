package org.leakscope.extract;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.struct;
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
 * Resolves company mentions to companies. Nodes are normalized names qualified by the country of the record that
 * names them ({@code n:contoso|FR}: a parent and its foreign subsidiary share a name, not a country) and
 * registrable domains ({@code d:contoso.com}). A record that names exactly one company links that name to every
 * company domain in it (its domain fields and the domains of its addresses); a name seen without a country joins
 * the one country it is seen with elsewhere. Connected components of that graph (in Spark) are the companies.
 * A record that names two companies links neither: it cannot say which domain is whose.
 */
final class CompanyResolution {
  /**
   * Node to company id, the companies table, each record's company, and the node of each record's company names
   * (for the mentions table; a signature's node is computed from its own columns).
   */
  record Resolved(Dataset<Row> nodes, Dataset<Row> companies, Dataset<Row> contextCompany, Dataset<Row> names) {}

  /** Strength of a country's evidence: lower is stronger (docs/entities.md). */
  static final int FIELD = 1;
  static final int PHONE = 2;
  static final int TLD = 3;

  private CompanyResolution() {}

  /**
   * Resolves the companies. {@code save} materializes an intermediate under a name and returns it read back: the
   * record names, signatures, domains and nodes are each used by several of the outputs, and are computed once.
   */
  static Resolved resolve(SparkSession spark, Dataset<Row> mentions, IntFunction<String> roundPath,
      BiFunction<Dataset<Row>, String, Dataset<Row>> save) {
    Dataset<Row> valid = mentions.where(Mentions.valid());
    Dataset<Row> domains = valid.where(col("entity_type").equalTo(Mentions.DOMAIN));
    // Four independent intermediates, saved at once (each is a few small jobs: mostly driver latency).
    List<Dataset<Row>> saved = Concurrently.all(List.of(
        () -> save.apply(recordNameNodes(valid), "company-record-names"),
        () -> save.apply(signatureNames(valid), "company-signatures"),
        // Most domain mentions come from mail headers and say nothing but "this domain": counted once per domain
        // here, and only record mentions (the few that can link a name to a domain) are carried further one by one.
        () -> save.apply(
            domains.groupBy("normalized_value")
                .agg(count(lit(1)).as("mentions"))
                .withColumn("node", concat(lit("d:"), col("normalized_value"))), "company-domain-counts"),
        () -> save.apply(
            domains.where(col("context").equalTo(Mentions.RECORD))
                .select(col("item_id"), col("context"), concat(lit("d:"), col("normalized_value")).as("node")),
            "company-record-domains")));
    Dataset<Row> recordNames = saved.get(0);
    Dataset<Row> signatures = saved.get(1);
    Dataset<Row> domainCounts = saved.get(2);
    Dataset<Row> recordDomains = saved.get(3);
    Dataset<Row> names =
        recordNames.select(col("normalized_value"), col("raw_value"), col("context_country"), col("country_rank"),
                col("node"), lit(1L).as("mentions"))
            .unionByName(signatures.drop("domain"));
    Dataset<Row> edges =
        nameDomainEdges(recordNames, recordDomains)
            .unionByName(signatures.where(col("domain").isNotNull())
                .select(col("node").as("src"), concat(lit("d:"), col("domain")).as("dst")))
            .unionByName(countrylessNameEdges(names));
    Dataset<Row> components = ConnectedComponents.of(spark, edges, roundPath);
    Dataset<Row> nodes = save.apply(
        names.select("node").union(domainCounts.select("node")).distinct()
            .join(components, "node", "left")
            .select(col("node"), companyId(coalesce(col("component"), col("node"))).as("company_id")),
        "company-nodes");
    Dataset<Row> companies = companies(valid, names, domainCounts, nodes);
    return new Resolved(nodes, companies, contextCompany(recordNames, recordDomains, nodes),
        recordNames.select("item_id", "context", "normalized_value", "node").distinct());
  }

  /**
   * A signature's name node: qualified by its sender domain's ccTLD country (computed with the mention), or,
   * without one, by the sender's domain itself, so two companies' signatures never share a node.
   */
  static Column signatureNode(Column normalized, Column country, Column domain) {
    return concat(lit("n:"), normalized, lit("|"), coalesce(country, concat(lit("@"), domain), lit("")));
  }

  /**
   * Signature mentions, one row per distinct name, spelling, country and sender domain (they repeat in every
   * stored copy of every message), with their count.
   */
  private static Dataset<Row> signatureNames(Dataset<Row> valid) {
    return valid.where(col("entity_type").equalTo(Mentions.COMPANY).and(col("context").notEqual(Mentions.RECORD)))
        .groupBy("normalized_value", "raw_value", "country_code", "domain")
        .agg(count(lit(1)).as("mentions"))
        .select(col("normalized_value"), col("raw_value"), col("country_code").as("context_country"),
            when(col("country_code").isNotNull(), lit(TLD)).as("country_rank"),
            signatureNode(col("normalized_value"), col("country_code"), col("domain")).as("node"),
            col("mentions"), col("domain"));
  }

  /** A stable, short id from the component's smallest node. */
  static Column companyId(Column component) {
    return concat(lit("co-"), org.apache.spark.sql.functions.substring(
        org.apache.spark.sql.functions.sha2(component, 256), 1, 16));
  }

  /**
   * Company-name mentions of records with their node: the name qualified by the country the record states — a
   * country field, else a phone number's region, else the ccTLD of a domain in it.
   */
  static Dataset<Row> recordNameNodes(Dataset<Row> valid) {
    Dataset<Row> recordNames =
        valid.where(col("entity_type").equalTo(Mentions.COMPANY).and(col("context").equalTo(Mentions.RECORD)));
    Dataset<Row> contextCountry =
        valid.where(col("entity_type").equalTo(Mentions.COUNTRY).and(col("context").equalTo(Mentions.RECORD)))
            .join(recordNames.select("item_id").distinct(), new String[] {"item_id"}, "left_semi")
            .withColumn("rank", when(col("rule").equalTo(Mentions.FIELD_COUNTRY), FIELD)
                .when(col("rule").equalTo(Mentions.PHONE_REGION), PHONE).otherwise(TLD))
            .groupBy("item_id", "context")
            .agg(min(struct(col("rank"), col("normalized_value"))).as("best"))
            .select(col("item_id"), col("context"), col("best.normalized_value").as("context_country"),
                col("best.rank").as("country_rank"));
    return recordNames.join(contextCountry, new String[] {"item_id", "context"}, "left")
        .select(col("item_id"), col("context"), col("normalized_value"), col("raw_value"),
            col("context_country"), col("country_rank"),
            concat(lit("n:"), col("normalized_value"), lit("|"), coalesce(col("context_country"), lit("")))
                .as("node"));
  }

  private static Dataset<Row> nameDomainEdges(Dataset<Row> names, Dataset<Row> domains) {
    Dataset<Row> single =
        names.groupBy("item_id", "context")
            .agg(count_distinct(col("node")).as("names"), min("node").as("src"))
            .where(col("names").equalTo(1));
    return single.join(domains, new String[] {"item_id", "context"})
        .select(col("src"), col("node").as("dst"));
  }

  /**
   * A name seen without a country ({@code n:contoso|}, or a signature's {@code n:contoso|@contoso-mail.com}) joins
   * {@code n:contoso|FR} when FR is the only country the name is seen with.
   */
  private static Dataset<Row> countrylessNameEdges(Dataset<Row> names) {
    Dataset<Row> single =
        names.where(col("context_country").isNotNull())
            .groupBy("normalized_value")
            .agg(count_distinct(col("context_country")).as("countries"), min("context_country").as("country"))
            .where(col("countries").equalTo(1));
    return names.where(col("context_country").isNull())
        .select("normalized_value", "node")
        .distinct()
        .join(single, "normalized_value")
        .select(col("node").as("src"),
            concat(lit("n:"), col("normalized_value"), lit("|"), col("country")).as("dst"));
  }

  /**
   * One row per company: names, domains, country by the strongest evidence (a record's country field, then its
   * phone numbers, then the ccTLDs of its domains; more mentions win within a kind, then the smaller code).
   */
  private static Dataset<Row> companies(
      Dataset<Row> valid, Dataset<Row> names, Dataset<Row> domainCounts, Dataset<Row> nodes) {
    Dataset<Row> byName =
        names.join(nodes, "node")
            .groupBy("company_id")
            .agg(sort_array(collect_set("normalized_value")).as("names"),
                slice(sort_array(collect_set("raw_value")), 1, 20).as("names_as_written"),
                sum("mentions").as("name_mentions"));
    Dataset<Row> byDomain =
        domainCounts.join(nodes, "node")
            .groupBy("company_id")
            .agg(sort_array(collect_list("normalized_value")).as("domains"), sum("mentions").as("domain_mentions"));
    Dataset<Row> tlds =
        valid.where(col("entity_type").equalTo(Mentions.COUNTRY).and(col("rule").equalTo(Mentions.CCTLD)))
            .groupBy("domain", "normalized_value")
            .agg(count(lit(1)).as("mentions"))
            .select(concat(lit("d:"), col("domain")).as("node"), col("normalized_value").as("country"),
                lit(TLD).as("rank"), col("mentions"));
    Dataset<Row> evidence =
        names.where(col("context_country").isNotNull())
            .groupBy("node", "context_country", "country_rank")
            .agg(sum("mentions").as("mentions"))
            .select(col("node"), col("context_country").as("country"), col("country_rank").as("rank"),
                col("mentions"))
            .union(tlds)
            .join(nodes, "node")
            .groupBy("company_id", "country", "rank")
            .agg(sum("mentions").as("mentions"))
            .groupBy("company_id")
            .agg(min(struct(col("rank"), col("mentions").multiply(-1).as("fewer"), col("country"))).as("best"))
            .select(col("company_id"), col("best.country").as("country"),
                when(col("best.rank").equalTo(FIELD), "field")
                    .when(col("best.rank").equalTo(PHONE), "phone")
                    .otherwise("cctld").as("country_evidence"));
    Column empty = org.apache.spark.sql.functions.array().cast("array<string>");
    return nodes.select("company_id").distinct()
        .join(byName, new String[] {"company_id"}, "left")
        .join(byDomain, new String[] {"company_id"}, "left")
        .join(evidence, new String[] {"company_id"}, "left")
        .select(col("company_id"),
            coalesce(col("names"), empty).as("names"),
            coalesce(col("names_as_written"), empty).as("names_as_written"),
            coalesce(col("domains"), empty).as("domains"),
            col("country"), col("country_evidence"),
            coalesce(col("name_mentions"), lit(0L)).as("name_mentions"),
            coalesce(col("domain_mentions"), lit(0L)).as("domain_mentions"));
  }

  /**
   * Each record's company: the company of its one name, or, when it names none, of its domains if they all
   * belong to one company. Null when it names several.
   */
  private static Dataset<Row> contextCompany(Dataset<Row> names, Dataset<Row> recordDomains, Dataset<Row> nodes) {
    return names.select(col("item_id"), col("context"), col("node"), lit(true).as("is_name"))
        .union(recordDomains.select(col("item_id"), col("context"), col("node"), lit(false).as("is_name")))
        .join(nodes, "node")
        .groupBy("item_id", "context")
        .agg(count_distinct(when(col("is_name"), col("company_id"))).as("by_name"),
            min(when(col("is_name"), col("company_id"))).as("name_company"),
            count_distinct(col("company_id")).as("by_any"),
            min("company_id").as("any_company"))
        .select(col("item_id"), col("context"),
            when(col("by_name").equalTo(1), col("name_company"))
                .when(col("by_name").equalTo(0).and(col("by_any").equalTo(1)), col("any_company"))
                .as("context_company"));
  }
}
