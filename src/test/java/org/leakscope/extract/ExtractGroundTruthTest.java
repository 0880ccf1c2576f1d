package org.leakscope.extract;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.GeneratedRun;
import org.leakscope.testing.SparkTestSession;

/**
 * The extract stage against the generator's ground truth, end to end: a fresh dump (scale 0.2, seed 7: 60
 * companies and 7 foreign subsidiaries in 45 countries, 732 people, 10,000 items) is generated, ingested and
 * extracted, and every entity metric at every basis the truth has must be equal. A failure names the rule that
 * decides that basis.
 */
class ExtractGroundTruthTest {
  private static JsonNode truth;
  private static ExtractResult result;
  private static Dataset<Row> companies;
  private static Dataset<Row> users;

  /** Which rule a basis depends on: said when the count is wrong. */
  private static final Map<String, String> RULES = Map.of(
      "email_addresses", "EmailAddresses.find/normalize (header mailboxes, field values, lower-casing)",
      "users", "Logins.normalize (case, DOMAIN\\user and user@domain unified) and FieldRoles (login fields)",
      "users/resolved", "UserResolution (company of the login's record, same login at the same company)",
      "companies", "CompanyNames.normalize (legal suffixes, punctuation) and FieldRoles (organization fields)",
      "companies/resolved", "CompanyResolution (name|country nodes, domains, free mail excluded)",
      "countries", "Countries.normalize, Phones region, Domains.countryOfTld");

  @BeforeAll
  static void generateIngestExtract() {
    GeneratedRun generated = GeneratedRun.get();
    truth = generated.truth;
    result = generated.extract;
    OutputLayout out = new OutputLayout(generated.run);
    SparkSession spark = SparkTestSession.get();
    companies = spark.read().parquet(out.table(OutputLayout.COMPANIES));
    users = spark.read().parquet(out.restricted(OutputLayout.USERS));
  }

  @Test
  void everyEntityMetricAtEveryBasisEqualsTheGroundTruth() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (String metric : List.of("email_addresses", "users", "companies", "countries")) {
      JsonNode bases = truth.at("/metrics/" + metric);
      for (Iterator<String> it = bases.fieldNames(); it.hasNext(); ) {
        String basis = it.next();
        long expected = bases.get(basis).asLong();
        long measured = result.metrics().getOrDefault(metric, Map.of()).getOrDefault(basis, -1L);
        checked++;
        if (expected != measured) {
          wrong.add(metric + " " + basis + ": truth " + expected + ", measured " + measured + " -> check "
              + RULES.getOrDefault(metric + "/" + basis, RULES.get(metric)));
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(checked >= 12, "the truth has raw, distinct and resolved bases: " + checked);
    assertTrue(truth.at("/metrics/companies/resolved").asLong() > truth.at("/metrics/companies/distinct_normalized")
        .asLong(), "the dump has subsidiaries that share their parent's name, so the test can tell them apart");
  }

  @Test
  void theCompaniesAreInTheTruesCountriesAndEachHasOne() {
    assertEquals(0, companies.where(col("country").isNull()).count(), "every company gets a country");
    assertEquals(truth.at("/metrics/countries/distinct_normalized").asLong(), result.companyCountries());
  }

  @Test
  void everyUserHasACompanyAndAnAddress() {
    assertEquals(0, users.where(col("company_id").isNull()).count());
    assertEquals(0, users.where(org.apache.spark.sql.functions.size(col("addresses")).equalTo(0)).count());
  }

  @Test
  void aCleanDumpRejectsNothingButPhonesWithoutACountry() {
    for (Map.Entry<String, Long> e : result.rejected().entrySet()) {
      if (!e.getKey().equals(Mentions.PHONE)) {
        assertEquals(0L, e.getValue(), e.getKey() + " mentions rejected in a clean dump");
      }
    }
  }
}
