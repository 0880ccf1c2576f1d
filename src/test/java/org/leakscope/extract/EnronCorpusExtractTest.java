package org.leakscope.extract;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.extract.rules.Domains;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Ingested;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/**
 * Extraction on real mail (the Berkeley Enron subset in ../shared/corpora). No true counts are known, so the test
 * holds what must be true of any mail, checked against values computed here without the stage's rules: every
 * mailbox of the From/To/Cc headers becomes an address mention (valid or rejected with a reason), free-mail
 * providers never become companies, and the company whose mail it is comes out on top. Skipped without shared/.
 */
class EnronCorpusExtractTest {
  @TempDir static Path tmp;
  private static Dataset<Row> items;
  private static Dataset<Row> mentions;
  private static Dataset<Row> companies;
  private static ExtractResult result;

  @BeforeAll
  static void ingestAndExtract() {
    Path corpora = Paths.sharedCorpora();
    assumeTrue(corpora != null, "no ../shared/corpora beside the checkout");
    SparkSession spark = SparkTestSession.get();
    String run = tmp.resolve("run").toString();
    Ingested.run(spark, corpora.resolve("enron-berkeley"), run);
    result = new ExtractJob(spark, new ExtractConfig(run, false)).run();
    OutputLayout out = new OutputLayout(run);
    items = spark.read().parquet(out.restricted(OutputLayout.ITEMS));
    mentions = spark.read().parquet(out.restricted(OutputLayout.MENTIONS)).cache();
    companies = spark.read().parquet(out.table(OutputLayout.COMPANIES));
  }

  @Test
  void everyHeaderMailboxIsAnAddressMention() {
    long mailboxes = 0;
    for (Row r : items.where(col("kind").equalTo("email"))
        .selectExpr("size(coalesce(mail_to, array())) + size(coalesce(mail_cc, array()))"
            + " + size(coalesce(mail_bcc, array())) + size(coalesce(mail_reply_to, array()))"
            + " + if(mail_from is null, 0, 1) as n")
        .collectAsList()) {
      mailboxes += r.getInt(0);
    }
    long fromHeaders =
        mentions.where(col("entity_type").equalTo(Mentions.EMAIL_ADDRESS)
                .and(col("source").startsWith("header:")))
            .select("item_id", "context").distinct().count();
    // Each mailbox is one context; a mailbox ingest could not parse may hold none or several addresses.
    assertTrue(fromHeaders >= mailboxes * 0.99, fromHeaders + " header contexts with an address, of " + mailboxes);
    assertTrue(mailboxes > 3000, "the corpus has header mailboxes: " + mailboxes);
  }

  @Test
  void rejectedAddressesAreFewAndSayWhy() {
    long all = result.mentions().get(Mentions.EMAIL_ADDRESS);
    long rejected = result.rejected().get(Mentions.EMAIL_ADDRESS);
    assertTrue(rejected < all * 0.02, rejected + " of " + all + " address mentions rejected");
    assertEquals(0, mentions.where(col("normalized_value").isNull().and(col("reject_reason").isNull())).count());
  }

  @Test
  void freeMailProvidersAreNeverCompanies() {
    Set<String> domains = new HashSet<>();
    for (Row c : companies.select("domains").collectAsList()) { // some hundred companies
      for (Object d : c.getList(0)) {
        domains.add((String) d);
      }
    }
    for (String d : domains) {
      assertFalse(Domains.isFreeMail(d), d + " is free mail but became a company");
    }
    assertTrue(mentions.where(col("domain").isin("aol.com", "hotmail.com", "yahoo.com")).count() > 0,
        "the corpus has free-mail addresses, so the check means something");
  }

  @Test
  void enronIsTheCompanyMostMentioned() {
    Row top = companies.orderBy(col("domain_mentions").desc(), col("company_id")).first();
    List<Object> domains = top.getList(top.fieldIndex("domains"));
    assertEquals(List.of("enron.com"), domains);
    assertEquals(0L, result.metrics().get("users").get("resolved"), "mail holds addresses, not accounts");
    assertTrue(result.metrics().get("email_addresses").get("distinct_normalized")
        < result.metrics().get("email_addresses").get("distinct_raw"),
        "case variants of one address are one address: " + result.metrics());
  }
}
