package org.leakscope.extract;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Items;
import org.leakscope.testing.SparkTestSession;

/** The extract stage on tiny hand-made items, one scenario per test. */
class ExtractFixturesTest {
  @TempDir Path tmp;

  private record Run(ExtractResult result, Dataset<Row> mentions, Dataset<Row> companies, Dataset<Row> users) {
    long metric(String metric, String basis) {
      return result.metrics().getOrDefault(metric, Map.of()).getOrDefault(basis, -1L);
    }

    Set<String> values(String type, String column) {
      Set<String> out = new TreeSet<>();
      for (Row r : mentions.where(col("entity_type").equalTo(type)).select(column).collectAsList()) {
        out.add(r.isNullAt(0) ? "<null>" : r.getString(0));
      }
      return out;
    }
  }

  private Run run(List<Row> items) {
    return run(items, false);
  }

  private Run run(List<Row> items, boolean canonicalAddresses) {
    SparkSession spark = SparkTestSession.get();
    OutputLayout out = Items.write(spark, items, tmp.resolve("run").toString());
    ExtractResult result = new ExtractJob(spark, new ExtractConfig(out.root(), canonicalAddresses)).run();
    return new Run(result, spark.read().parquet(out.restricted(OutputLayout.MENTIONS)),
        spark.read().parquet(out.table(OutputLayout.COMPANIES)), spark.read().parquet(out.restricted(OutputLayout.USERS)));
  }

  private static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void noItemsGiveEmptyTables() {
    Run r = run(List.of());
    assertEquals(0, r.mentions().count());
    assertEquals(0, r.companies().count());
    assertEquals(0, r.users().count());
  }

  @Test
  void headerAddressesAreNormalizedAndCarryTheirDisplayName() {
    Run r = run(List.of(Items.email("m1", "\"Okafor, Ana\" <Ana.Okafor@Contoso.COM>",
        List.of("bob@gmail.com", "Carla <carla@fabrikam.de>"), "2021-03-01T10:00:00Z", "Hi", "Hello.", null, null)));
    assertEquals(Set.of("ana.okafor@contoso.com", "bob@gmail.com", "carla@fabrikam.de"),
        r.values(Mentions.EMAIL_ADDRESS, "normalized_value"));
    assertEquals(Set.of("Ana.Okafor@Contoso.COM", "bob@gmail.com", "carla@fabrikam.de"),
        r.values(Mentions.EMAIL_ADDRESS, "raw_value"));
    // Free mail names a person, not a company: only the two company domains.
    assertEquals(Set.of("contoso.com", "fabrikam.de"), r.values(Mentions.DOMAIN, "normalized_value"));
    assertEquals(Set.of("DE"), r.values(Mentions.COUNTRY, "normalized_value"), "ccTLD of fabrikam.de; .com says none");
    assertEquals(Set.of("ana okafor", "carla"), r.values(Mentions.PERSON_NAME, "normalized_value"));
    assertEquals(2, r.companies().count());
    assertEquals(0, r.users().count(), "addresses alone are not accounts");
    assertEquals(3, r.metric("email_addresses", "distinct_normalized"));
  }

  @Test
  void oneAccountWrittenThreeWaysAtOneCompanyIsOneUser() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("login", "CONTOSO\\JDoe", "email", "jdoe@contoso.com",
            "company", "Contoso Ltd", "country", "United Kingdom")),
        Items.record("r2", "vpn", fields("username", " jdoe ", "company", "CONTOSO LIMITED", "country", "GB")),
        Items.record("r3", "sso", fields("upn", "JDoe@contoso.com"))));
    assertEquals(3, r.metric("users", "raw"));
    assertEquals(3, r.metric("users", "distinct_raw"));
    assertEquals(2, r.metric("users", "distinct_normalized"), "contoso\\jdoe (twice) and jdoe");
    assertEquals(1, r.metric("users", "resolved"));
    Row user = r.users().first();
    assertEquals(List.of("contoso\\jdoe", "jdoe"), user.getList(user.fieldIndex("logins")));
    assertEquals(List.of("jdoe@contoso.com"), user.getList(user.fieldIndex("addresses")));
    assertEquals("GB", user.getString(user.fieldIndex("country")));
    assertEquals(1, r.metric("companies", "resolved"));
    assertEquals(1, r.metric("companies", "distinct_normalized"), "Contoso Ltd = CONTOSO LIMITED");
  }

  @Test
  void theSameLoginAtTwoCompaniesIsTwoUsers() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("login", "jdoe", "email", "jdoe@contoso.com", "company", "Contoso")),
        Items.record("r2", "users", fields("login", "jdoe", "email", "jdoe@fabrikam.com", "company", "Fabrikam"))));
    assertEquals(1, r.metric("users", "distinct_normalized"));
    assertEquals(2, r.metric("users", "resolved"));
  }

  @Test
  void aSharedMailboxDoesNotMergeTwoPeople() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("login", "ana", "email", "info@contoso.com", "company", "Contoso")),
        Items.record("r2", "users", fields("login", "bob", "email", "info@contoso.com", "company", "Contoso")),
        Items.record("r3", "users", fields("login", "carla", "email", "carla.r@contoso.com", "company", "Contoso"))));
    assertEquals(3, r.metric("users", "resolved"));
    Map<String, List<Object>> addressesByLogin = new java.util.TreeMap<>();
    for (Row u : r.users().collectAsList()) {
      addressesByLogin.put((String) u.getList(u.fieldIndex("logins")).get(0), u.getList(u.fieldIndex("addresses")));
    }
    assertEquals(Map.of("ana", List.of(), "bob", List.of(), "carla", List.of("carla.r@contoso.com")),
        addressesByLogin, "info@ belongs to neither; an address of one login still joins it");
  }

  @Test
  void addressesOfOneContactAndTheLocalPartRuleJoinTheirUser() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("login", "CONTOSO\\ana.ruiz", "company", "Contoso", "domain",
            "contoso.com")),
        Items.record("r2", "contacts", fields("emails.0", "Ana.Ruiz@contoso.com", "emails.1",
            "ana.ruiz1983@gmail.com", "company.name", "Contoso"))));
    assertEquals(1, r.metric("users", "resolved"));
    Row user = r.users().first();
    assertEquals(List.of("ana.ruiz1983@gmail.com", "ana.ruiz@contoso.com"), user.getList(user.fieldIndex("addresses")));
  }

  @Test
  void aParentAndItsForeignSubsidiaryAreTwoCompaniesWithOneName() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("email", "a@acme.com", "company", "Acme Ltd", "country", "GB")),
        Items.record("r2", "users", fields("email", "b@acme.de", "company", "Acme GmbH", "country", "Deutschland")),
        Items.record("r3", "contacts", fields("emails.0", "c@acme.com", "company.name", "ACME LIMITED",
            "company.domains.0", "acme.com", "company.domains.1", "acme.co.uk"))));
    assertEquals(1, r.metric("companies", "distinct_normalized"));
    assertEquals(2, r.metric("companies", "resolved"));
    Map<String, String> countryByDomain = new java.util.TreeMap<>();
    for (Row c : r.companies().collectAsList()) {
      for (Object d : c.getList(c.fieldIndex("domains"))) {
        countryByDomain.put((String) d, c.getString(c.fieldIndex("country")));
      }
    }
    assertEquals(Map.of("acme.com", "GB", "acme.co.uk", "GB", "acme.de", "DE"), countryByDomain);
    assertEquals(2, r.result().companyCountries());
  }

  @Test
  void aSignatureLinksItsCompanyToTheSendersDomainButNotAForwardedOne() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("email", "a@acme.com", "company", "Acme Ltd", "country", "GB")),
        Items.email("m1", "Bea Berg <bea@acme-mail.com>", List.of("x@gmail.com"), "2021-03-01T10:00:00Z", "s",
            "Hello.\n\nBest regards,\nBea Berg\nACME LIMITED", null, null),
        // A namesake forwards it: only the subject says the signature is not the forwarder's.
        Items.email("m2", "Bea Berg <bea@fabrikam.com>", List.of("x@gmail.com"), "2021-03-01T10:00:00Z", "Fwd: s",
            "FYI, see below.\n\nHello.\n\nBest regards,\nBea Berg\nACME LIMITED", null, null)));
    Map<String, List<Object>> domainsByName = new java.util.TreeMap<>();
    for (Row c : r.companies().collectAsList()) {
      List<Object> names = c.getList(c.fieldIndex("names"));
      domainsByName.put(names.isEmpty() ? "-" : (String) names.get(0), c.getList(c.fieldIndex("domains")));
    }
    // acme-mail.com joins Acme through Bea's signature (the name seen without a country joins its only country);
    // the forward's signature is the original's, so fabrikam.com stays a company of its own.
    assertEquals(Map.of("acme", List.of("acme-mail.com", "acme.com"), "-", List.of("fabrikam.com")), domainsByName);
    assertEquals(2, r.metric("companies", "raw"), "the record's name and one signature");
  }

  @Test
  void aRecordNamingTwoCompaniesLinksNeitherToItsDomains() {
    Run r = run(List.of(Items.record("r1", "orders", fields("customer", "Contoso", "vendor", "Fabrikam",
        "email", "x@northwind.com"))));
    assertEquals(3, r.metric("companies", "resolved"), "contoso, fabrikam and northwind.com apart");
  }

  @Test
  void aCompanyGetsItsCountryFromTheStrongestEvidence() {
    Run r = run(List.of(
        Items.record("r1", "contacts", fields("company", "Globex", "domain", "globex.fr", "phone", "+49 30 123456",
            "country", "Japan")),
        Items.record("r2", "contacts", fields("company", "Initech", "domain", "initech.fr", "phone",
            "+49 30 123456")),
        Items.record("r3", "contacts", fields("company", "Umbrella", "domain", "umbrella.fr"))));
    Map<String, String> byName = new java.util.TreeMap<>();
    for (Row c : r.companies().collectAsList()) {
      byName.put((String) c.getList(c.fieldIndex("names")).get(0),
          c.getString(c.fieldIndex("country")) + "/" + c.getString(c.fieldIndex("country_evidence")));
    }
    assertEquals(Map.of("globex", "JP/field", "initech", "DE/phone", "umbrella", "FR/cctld"), byName);
  }

  @Test
  void valuesThatLookLikeEntitiesButFailAreKeptAsRejected() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("email", "n/a", "country", "Atlantis", "login", "12345",
            "phone", "0301234", "company", "---")),
        Items.document("d1", "write to ana@@contoso or ana@localhost, or see mailto:Bob@Fabrikam.com.")));
    Map<String, String> reasons = new java.util.TreeMap<>();
    for (Row m : r.mentions().where(col("normalized_value").isNull()).collectAsList()) {
      reasons.put(m.getString(m.fieldIndex("entity_type")) + ":" + m.getString(m.fieldIndex("raw_value")),
          m.getString(m.fieldIndex("reject_reason")));
    }
    assertEquals("no_address", reasons.get("email_address:n/a"));
    assertEquals("unknown_country", reasons.get("country:Atlantis"));
    assertEquals("numeric_id", reasons.get("user:12345"));
    assertEquals("no_region", reasons.get("phone:0301234"));
    assertEquals("not_a_name", reasons.get("company:---"));
    assertTrue(r.values(Mentions.EMAIL_ADDRESS, "normalized_value").contains("bob@fabrikam.com"));
    Row mailto = r.mentions().where(col("raw_value").equalTo("Bob@Fabrikam.com")).first();
    assertEquals("text_mailto", mailto.getString(mailto.fieldIndex("rule")));
    assertEquals(0, r.metric("users", "raw"), "rejected logins are not counted");
    assertEquals(1, r.result().rejected().get(Mentions.USER));
  }

  @Test
  void plusTagsAndGmailDotsAreAnExtraBasisOnlyWhenAskedFor() {
    List<Row> items = List.of(Items.document("d1",
        "Ana.Okafor+news@gmail.com, anaokafor@googlemail.com and jdoe+x@contoso.com wrote to jdoe@contoso.com"));
    Run plain = run(items);
    assertEquals(4, plain.metric("email_addresses", "distinct_normalized"));
    assertEquals(-1, plain.metric("email_addresses", "distinct_canonical"), "absent unless asked for");
    assertEquals(Set.of("<null>"), plain.values(Mentions.EMAIL_ADDRESS, "canonical_value"));
    Run canonical = run(items, true);
    assertEquals(4, canonical.metric("email_addresses", "distinct_normalized"));
    assertEquals(2, canonical.metric("email_addresses", "distinct_canonical"));
  }

  @Test
  void mentionsCarryTheIdsTheyResolvedTo() {
    Run r = run(List.of(
        Items.record("r1", "users", fields("login", "jdoe", "email", "jdoe@contoso.com", "company", "Contoso")),
        Items.email("m1", "J Doe <jdoe@contoso.com>", List.of("x@gmail.com"), "2021-03-01T10:00:00Z", "s", "b.",
            null, null)));
    Row user = r.users().first();
    String userId = user.getString(user.fieldIndex("user_id"));
    String companyId = user.getString(user.fieldIndex("company_id"));
    for (Row m : r.mentions().where(col("normalized_value").equalTo("jdoe@contoso.com")).collectAsList()) {
      assertEquals(userId, m.getString(m.fieldIndex("user_id")));
      assertEquals(companyId, m.getString(m.fieldIndex("company_id")));
    }
    assertEquals(List.of("j doe"), user.getList(user.fieldIndex("names")), "the display name of its address");
    Row free = r.mentions().where(col("normalized_value").equalTo("x@gmail.com")).first();
    assertNull(free.getString(free.fieldIndex("company_id")));
    assertNull(free.getString(free.fieldIndex("user_id")));
    assertNotEquals(userId, companyId);
  }
}
