package org.leakscope.count;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.GeneratedRun;
import org.leakscope.testing.SparkTestSession;

/**
 * The count stage against the generator's ground truth (scale 0.2, seed 7, {@link GeneratedRun}): every exact value
 * equals the truth, every truth lies within the estimate's 95% bounds, the claims built from the truth are
 * reconciled to the basis they were built at, and the impact and retention tables add up.
 */
class CountGroundTruthTest {
  private static GeneratedRun generated;
  private static JsonNode truth;
  private static CountResult result;
  private static OutputLayout out;
  private static SparkSession spark;

  @BeforeAll
  static void countTheGeneratedRun() {
    generated = GeneratedRun.get();
    truth = generated.truth;
    result = generated.count;
    out = new OutputLayout(generated.run);
    spark = SparkTestSession.get();
  }

  @Test
  void everyMetricAtEveryBasisOfTheTruthIsMeasuredExactly() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Iterator<String> metrics = truth.get("metrics").fieldNames(); metrics.hasNext(); ) {
      String metric = metrics.next();
      for (Iterator<Map.Entry<String, JsonNode>> bases = truth.at("/metrics/" + metric).fields(); bases.hasNext(); ) {
        Map.Entry<String, JsonNode> basis = bases.next();
        CountResult.MetricValue v = result.metrics().getOrDefault(metric, Map.of()).get(basis.getKey());
        checked++;
        if (v == null || v.value() != basis.getValue().asLong()) {
          wrong.add(metric + " " + basis.getKey() + ": truth " + basis.getValue() + ", measured "
              + (v == null ? "nothing" : v.value()));
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(checked >= 24, "items, record sets and entities at every basis of the truth: " + checked);
  }

  @Test
  void everyTruthLiesWithinTheEstimatesBounds() {
    List<String> outside = new ArrayList<>();
    for (Iterator<String> metrics = truth.get("metrics").fieldNames(); metrics.hasNext(); ) {
      String metric = metrics.next();
      for (Iterator<Map.Entry<String, JsonNode>> bases = truth.at("/metrics/" + metric).fields(); bases.hasNext(); ) {
        Map.Entry<String, JsonNode> basis = bases.next();
        CountResult.MetricValue v = result.metrics().get(metric).get(basis.getKey());
        long t = basis.getValue().asLong();
        if (t < v.lower95() || t > v.upper95()) {
          outside.add(metric + " " + basis.getKey() + ": " + t + " not in [" + v.lower95() + ", " + v.upper95() + "]");
        }
      }
    }
    assertEquals(List.of(), outside);
  }

  @Test
  void everyMetricHasExactlyTheBasesThatApply() {
    for (Map.Entry<String, Map<String, CountResult.MetricValue>> m : result.metrics().entrySet()) {
      assertEquals(Vocabulary.bases(m.getKey(), false), List.copyOf(m.getValue().keySet()), m.getKey());
    }
    assertTrue(result.metrics().containsKey("records:users") && result.metrics().containsKey("records:contacts"));
  }

  @Test
  void theTablesHoldWhatTheResultSays() {
    List<Row> counts = spark.read().parquet(out.table(OutputLayout.METRIC_COUNTS)).collectAsList();
    List<Row> sketches = spark.read().parquet(out.restricted(OutputLayout.SKETCHES)).collectAsList();
    int bases = result.metrics().values().stream().mapToInt(Map::size).sum();
    assertEquals(bases, counts.size());
    assertEquals(bases, sketches.size());
    for (Row s : sketches) {
      CountResult.MetricValue v = result.metrics().get(s.<String>getAs("metric")).get(s.<String>getAs("basis"));
      assertEquals(v.estimate(), MetricSketches.hllEstimate(s.getAs("hll")).estimate(), 1e-9);
      double theta = MetricSketches.heapifyTheta(s.getAs("theta")).getEstimate();
      assertTrue(Math.abs(theta - v.value()) <= Math.max(1, 0.06 * v.value()),
          s.getAs("metric") + " " + s.getAs("basis") + ": theta " + theta + " vs " + v.value());
    }
  }

  @Test
  void theVendorsNumbersAreReconciledToTheRawBasisTheyWereBuiltAt() {
    List<Reconciliation.Reconciled> claims = result.claims();
    assertEquals(5, claims.size());
    Reconciliation.Reconciled messages = claims.get(0);
    assertEquals("raw", messages.closestBasis());
    assertEquals(0.0, messages.closestRelativeDifference());
    assertEquals("near_unique", messages.strictestBasis());
    long near = truth.at("/metrics/email_messages/near_unique").asLong();
    assertEquals(near, messages.strictestValue());
    assertEquals(truth.at("/metrics/email_messages/raw").asDouble() / near, messages.overstatement(), 1e-9);
    assertTrue(messages.finding().startsWith("The claim of ") && messages.finding().contains("matches the raw count"),
        messages.finding());

    assertEquals("raw", claims.get(1).closestBasis(), claims.get(1).finding());
    assertEquals("exact_unique", claims.get(1).strictestBasis());

    Reconciliation.Reconciled documents = claims.get(2);
    assertEquals("near_unique", documents.closestBasis());
    assertTrue(documents.finding().contains("not overstated"), documents.finding());

    Reconciliation.Reconciled projects = claims.get(3);
    assertTrue(projects.measured().isEmpty());
    assertNull(projects.closestBasis());
    assertTrue(projects.finding().contains("holds no records of the \"projects\" export"), projects.finding());

    Reconciliation.Reconciled owner = claims.get(4);
    assertNull(owner.closestBasis());
    assertNull(owner.overstatement());
    assertTrue(owner.finding().startsWith("The statement gives no number"), owner.finding());

    List<Row> table = spark.read().parquet(out.table(OutputLayout.RECONCILIATION)).collectAsList();
    assertEquals(5, table.size());
    assertEquals(messages.finding(), table.get(0).getAs("finding"));
    assertEquals(truth.at("/metrics/email_messages/exact_unique").asLong(),
        table.get(0).<Long>getAs("measured_exact_unique"));
    assertNull(table.get(0).getAs("measured_resolved"), "bases that do not apply are null, never zero");
  }

  @Test
  void companyImpactHasOneRowPerResolvedCompanyAndItsNumbersNest() {
    Dataset<Row> impact = spark.read().parquet(out.table(OutputLayout.COMPANY_IMPACT));
    long companies = truth.at("/metrics/companies/resolved").asLong();
    assertEquals(companies, impact.count());
    assertEquals(companies, impact.select("company_id").distinct().count());
    Row totals = impact.agg(sum("users")).first();
    assertEquals(truth.at("/metrics/users/resolved").asLong(), totals.getLong(0), "every user is in one company");
    assertEquals(0, impact.where(col("messages_near_unique").gt(col("messages_exact_unique"))
        .or(col("messages_exact_unique").gt(col("messages_raw")))
        .or(col("documents_near_unique").gt(col("documents_exact_unique")))
        .or(col("first_item_date").gt(col("last_item_date")))).count());
    assertEquals(0, impact.where(col("name").isNull().or(col("country").isNull())).count());
    assertTrue(impact.where(col("unique_addresses").gt(0).and(col("messages_raw").gt(0))).count() > companies / 2,
        "most companies have addresses and mail");
  }

  @Test
  void companyActivityAddsUpMonthByMonthToCompanyImpact() {
    Dataset<Row> activity = spark.read().parquet(out.table(OutputLayout.COMPANY_ACTIVITY));
    Dataset<Row> impact = spark.read().parquet(out.table(OutputLayout.COMPANY_IMPACT));
    assertEquals(activity.count(), activity.select("company_id", "month").distinct().count(), "one row per month");
    assertEquals(0, activity.where(functions.dayofmonth(col("month")).notEqual(1)).count(), "months start on the 1st");
    assertTrue(activity.where(col("month").isNull()).count() > 0, "undated records are a row of their own");
    Dataset<Row> sums = activity.groupBy("company_id").agg(sum("messages_raw").as("m"), sum("documents_raw").as("d"),
        sum("records_raw").as("r"), sum("messages_near_unique").as("mn"), functions.max("addresses").as("a"),
        functions.max("users").as("u"));
    Dataset<Row> joined = impact.join(sums, new String[] {"company_id"}, "left");
    assertEquals(impact.count(), joined.count());
    // Each item has one month, so raw items add up exactly; a near cluster can span months, so unique ones add up
    // to at least the company's; no month mentions more addresses or users than the company has.
    assertEquals(0, joined.where(col("m").notEqual(col("messages_raw")).or(col("d").notEqual(col("documents_raw")))
        .or(col("r").notEqual(col("records_raw")))).count(), "raw items by month add up");
    assertEquals(0, joined.where(col("mn").lt(col("messages_near_unique"))).count());
    assertEquals(0, joined.where(col("a").gt(col("unique_addresses")).or(col("u").gt(col("users")))).count());
    assertTrue(joined.where(col("a").gt(0).and(col("u").gt(0))).count() > impact.count() / 2,
        "most companies have addresses and users in some month");
  }

  @Test
  void countryImpactCountsEachCompanyAndUserOnce() {
    Dataset<Row> impact = spark.read().parquet(out.table(OutputLayout.COUNTRY_IMPACT));
    Row totals = impact.agg(sum("companies"), sum("users")).first();
    assertEquals(truth.at("/metrics/companies/resolved").asLong(), totals.getLong(0));
    assertEquals(truth.at("/metrics/users/resolved").asLong(), totals.getLong(1));
    assertEquals(truth.at("/metrics/countries/distinct_normalized").asLong(),
        impact.where(col("companies").gt(0)).count());
    assertEquals(0, impact.where(col("country_name").isNull().or(col("country_name").equalTo(col("country"))))
        .count(), "every ISO code gets its English name");
  }

  @Test
  void retentionAddsUpAndDeletesMoreTheShorterThePeriod() {
    Dataset<Row> retention = spark.read().parquet(out.table(OutputLayout.RETENTION));
    Map<String, Long> expected = Map.of(
        "email_messages", truth.at("/metrics/email_messages/exact_unique").asLong(),
        "documents", truth.at("/metrics/documents/exact_unique").asLong(),
        "records", truth.at("/metrics/records/exact_unique").asLong(),
        "users", truth.at("/metrics/users/resolved").asLong(),
        "email_addresses", truth.at("/metrics/email_addresses/distinct_normalized").asLong());
    for (Row r : retention.where(col("view").equalTo("by_year")).groupBy("metric").agg(sum("value")).collectAsList()) {
      assertEquals(expected.get(r.getString(0)), r.getLong(1), r.getString(0) + " by year adds up to its total");
    }
    assertTrue(retention.where(col("view").equalTo("by_year").and(col("metric").equalTo("email_messages"))
        .and(col("year").isNull())).isEmpty(), "every generated message has a date");
    assertEquals(generated.count.leakDate(), retention.first().<java.sql.Date>getAs("leak_date").toLocalDate());
    for (String metric : expected.keySet()) {
      List<Row> policies = retention.where(col("view").equalTo("policy").and(col("metric").equalTo(metric)))
          .orderBy("retention_years").collectAsList();
      assertEquals(3, policies.size(), metric);
      double previous = 1.0;
      for (Row p : policies) {
        double share = p.getAs("share");
        assertTrue(share <= previous && share >= 0, metric + " shares shrink as the period grows: " + policies);
        previous = share;
      }
    }
    Row oneYear = retention.where(col("view").equalTo("policy").and(col("metric").equalTo("email_messages"))
        .and(col("retention_years").equalTo(1))).first();
    assertTrue(oneYear.<Double>getAs("share") > 0.5,
        "mail from 2017 to 2022: a one-year policy removes most of it, " + oneYear);
  }
}
