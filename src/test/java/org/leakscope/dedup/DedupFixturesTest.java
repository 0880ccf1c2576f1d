package org.leakscope.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Items;
import org.leakscope.testing.SparkTestSession;

/** The dedup stage on small hand-made items, one behaviour per test. */
class DedupFixturesTest {
  private static final String BODY =
      "Hi Bo,\n\nthe statement of work for the Lisbon rollout is attached. Please check the milestones in section two"
          + " and the payment schedule in section four before Friday, so that legal can sign it next week.\n\n"
          + "Best regards,\nAna Ruiz\nContoso Ltd";

  private static final String BODY2 =
      "Hello team,\n\nplease find the revised quotation for the Porto data centre below. The hardware prices are"
          + " valid until the end of the month and include three years of support and on-site spares.\n\n"
          + "Kind regards,\nDan Ito\nNorthwind Traders";

  @TempDir static Path shared;
  @TempDir Path tmp;
  private static Map<String, Row> c;

  /** One run over the items of every scenario below (they share no text), as a stage run is not cheap. */
  @BeforeAll
  static void runOnce() {
    List<Row> items = new ArrayList<>();
    items.addAll(envelopes());
    items.addAll(forwardAndReplies());
    items.addAll(shortTexts());
    items.addAll(records());
    c = run(items, DedupConfig.defaults(shared.toString()));
  }

  static List<Row> envelopes() {
    return List.of(
        Items.email("a1", "\"Ana Ruiz\" <Ana@Contoso.com>", List.of("bo@fabrikam.de", "cy@fabrikam.de"),
            "2019-03-04T09:12:00Z", "SOW", BODY, "<1.0@mail.contoso.com>", null),
        // Another mailbox's copy: own Message-ID, recipients in another order, other case, rewrapped text.
        Items.email("a2", "ana@contoso.com", List.of("Cy <CY@fabrikam.de>", "bo@fabrikam.de"),
            "2019-03-04T09:12:00Z", "SOW", BODY.replace(" the payment", "\nthe payment") + "\n\n",
            "<1.1@mail.fabrikam.de>", null),
        // Same text, another day: another message.
        Items.email("a3", "ana@contoso.com", List.of("bo@fabrikam.de", "cy@fabrikam.de"),
            "2019-03-05T09:12:00Z", "SOW", BODY, "<2.0@mail.contoso.com>", null));
  }

  @Test
  void storedCopiesOfAMessageAreOneExactGroupWhateverTheirEnvelope() {
    assertEquals("a1", c.get("a2").getAs("exact_group"));
    assertEquals("a3", c.get("a3").getAs("exact_group"));
    assertEquals(2L, (long) c.get("a1").getAs("exact_group_size"));
    // a3 has the same body: a near copy of a1.
    assertEquals("a1", c.get("a3").getAs("near_cluster"));
    assertEquals(1.0, (double) c.get("a3").getAs("similarity_to_representative"));
  }

  static List<Row> forwardAndReplies() {
    return List.of(
        Items.email("m1", "ana@contoso.com", List.of("bo@fabrikam.de"), "2019-03-04T09:12:00Z", "Quote", BODY2,
            "<m1@x>", null),
        Items.email("m2", "bo@fabrikam.de", List.of("dan@northwind.com"), "2019-03-04T10:00:00Z", "Fwd: Quote",
            "FYI, see below.\n\n" + BODY2, "<m2@x>", null),
        Items.email("m3", "bo@fabrikam.de", List.of("ana@contoso.com"), "2019-03-04T11:00:00Z", "Re: Quote",
            "Thanks Ana, we will review it this week and come back to you.\n\n-----Original Message-----\nFrom: Ana"
                + "\nSubject: Quote\n\n" + BODY2, "<m3@x>", "<m1@x>"),
        Items.email("m4", "bo@fabrikam.de", List.of("ana@contoso.com"), "2019-03-04T12:00:00Z", "Re: Quote",
            "One more question: does the price include installation at our site?\n"
                + BODY2.lines().map(l -> "> " + l).reduce((x, y) -> x + "\n" + y).orElseThrow(), "<m4@x>", null));
  }

  @Test
  void aForwardIsANearCopyAndAReplyIsNot() {
    assertEquals("m1", c.get("m2").getAs("near_cluster"));
    assertTrue((double) c.get("m2").getAs("similarity_to_representative") >= 0.8);
    assertEquals("m3", c.get("m3").getAs("near_cluster"));
    assertEquals("m4", c.get("m4").getAs("near_cluster"));
    // One conversation (In-Reply-To for m3, subject and participants for m2 and m4); m1 is quoted or forwarded
    // by the others, so only they are inclusive.
    for (String id : List.of("m2", "m3", "m4")) {
      assertEquals("m1", c.get(id).getAs("thread_id"), id);
      assertEquals(true, c.get(id).getAs("is_inclusive"), id);
    }
    assertEquals(false, c.get("m1").getAs("is_inclusive"));
  }

  @Test
  void aReplyIsANearCopyWhenQuotesAreKept() {
    List<Row> items = List.of(
        Items.email("m1", "ana@contoso.com", List.of("bo@fabrikam.de"), "2019-03-04T09:12:00Z", "SOW", BODY,
            "<m1@x>", null),
        Items.email("m3", "bo@fabrikam.de", List.of("ana@contoso.com"), "2019-03-04T11:00:00Z", "Re: SOW",
            "Thanks.\n\n-----Original Message-----\n" + BODY, "<m3@x>", "<m1@x>"));
    Map<String, Row> kept = run(items, new DedupConfig(tmp.toString(), 0.8, 128, 5, List.of(), true, 30));
    assertEquals("m1", kept.get("m3").getAs("near_cluster"));
  }

  static List<Row> shortTexts() {
    return List.of(
        Items.document("d1", "Too short."), Items.document("d2", "too   SHORT."), Items.document("d3", "Too short."),
        Items.document("d4", ""));
  }

  @Test
  void textsShorterThanAShingleAreComparedExactlyOnly() {
    assertEquals(DedupJob.TOO_SHORT, c.get("d1").getAs("near_method"));
    assertEquals("d1", c.get("d3").getAs("exact_group"));
    assertNotEquals("d1", c.get("d2").getAs("exact_group"), "case is content for exact matching");
    assertEquals("d2", c.get("d2").getAs("near_cluster"));
    assertEquals("d4", c.get("d4").getAs("exact_group"));
  }

  static List<Row> records() {
    return List.of(
        Items.record("r1", "users", Map.of("Email", "ana@contoso.com", "Name", "Ana  Ruiz")),
        Items.record("r2", "users", Map.of("name", "Ana Ruiz", "email", "ana@contoso.com ")),
        Items.record("r3", "contacts", Map.of("email", "ana@contoso.com", "name", "Ana Ruiz")),
        Items.record("r4", "users", Map.of("email", "bo@fabrikam.de", "name", "Bo Berg")));
  }

  @Test
  void recordsAreGroupedExactlyAndPerRecordSet() {
    assertEquals("r1", c.get("r2").getAs("exact_group"));
    assertEquals("r1", c.get("r3").getAs("exact_group"));
    assertEquals("r1", c.get("r2").getAs("record_group"));
    assertEquals("r3", c.get("r3").getAs("record_group"));
    assertEquals("r4", c.get("r4").getAs("exact_group"));
    assertEquals(DedupJob.NOT_COMPARED, c.get("r4").getAs("near_method"));
  }

  @Test
  void aBucketSharedByManyItemsGivesOneEdgePerMemberNotOnePerPair() {
    SplittableRandom r = new SplittableRandom(1);
    StringBuilder boilerplate = new StringBuilder();
    for (int w = 0; w < 400; w++) {
      boilerplate.append(" word").append(r.nextInt(5000));
    }
    List<Row> items = new ArrayList<>();
    int k = 1500;
    for (int d = 0; d < k; d++) {
      items.add(Items.document(String.format("doc%05d", d), boilerplate + " unique" + d));
    }
    DedupConfig config = DedupConfig.defaults(tmp.toString());
    Items.write(SparkTestSession.get(), items, config.output());
    DedupResult result = new DedupJob(SparkTestSession.get(), config).run();
    // The texts differ in one shingle of ~400, so nearly every band of every item agrees: a band is one or two
    // buckets, each giving an edge per member to its head. Pairs would be k(k-1)/2 = 1,124,250.
    assertTrue(result.candidatePairs() >= k - 1 && result.candidatePairs() <= (long) result.lsh().bands() * (k - 1),
        "candidate pairs: " + result.candidatePairs());
    assertEquals(1, result.count("document", "near_unique"));
  }

  private static Map<String, Row> run(List<Row> items, DedupConfig config) {
    SparkSession spark = SparkTestSession.get();
    Items.write(spark, items, config.output());
    new DedupJob(spark, config).run();
    Map<String, Row> out = new HashMap<>();
    for (Row row : spark.read().parquet(new OutputLayout(config.output()).table(OutputLayout.ITEM_CLUSTERS))
        .collectAsList()) {
      out.put(row.getAs("item_id"), row);
    }
    return out;
  }
}
