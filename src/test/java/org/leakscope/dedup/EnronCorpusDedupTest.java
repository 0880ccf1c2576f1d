package org.leakscope.dedup;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.dedup.minhash.QuoteStripper;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.Ingested;
import org.leakscope.testing.Paths;
import org.leakscope.testing.SparkTestSession;

/**
 * Dedup on real mail (the Berkeley Enron subset in ../shared/corpora): no true figures are known, so the test holds
 * the invariants that must hold on any mail, checked by counts independent of the stage: exact groups only join
 * messages whose normalized parts are equal, every near-duplicate merge is backed by a real (exactly computed)
 * shingle overlap, and no reply is merged into the message it quotes. Skipped without shared/.
 */
class EnronCorpusDedupTest {
  @TempDir static Path tmp;
  private static List<Row> messages;
  private static Map<String, Row> byId;

  @BeforeAll
  static void ingestAndDedup() {
    Path corpora = Paths.sharedCorpora();
    assumeTrue(corpora != null, "no ../shared/corpora beside the checkout");
    SparkSession spark = SparkTestSession.get();
    String run = tmp.resolve("run").toString();
    Ingested.run(spark, corpora.resolve("enron-berkeley"), run);
    new DedupJob(spark, DedupConfig.defaults(run)).run();
    OutputLayout out = new OutputLayout(run);
    Dataset<Row> joined = spark.read().parquet(out.table(OutputLayout.ITEM_CLUSTERS))
        .join(spark.read().parquet(out.restricted(OutputLayout.ITEMS)).select("item_id", "mail_message_id",
            "mail_in_reply_to", "mail_from", "mail_subject", "mail_date", "text"), "item_id")
        .where(col("kind").equalTo("email"));
    messages = joined.collectAsList(); // 1,702 messages
    byId = new HashMap<>();
    messages.forEach(r -> byId.put(r.getAs("item_id"), r));
  }

  @Test
  void exactGroupsOnlyJoinMessagesWithTheSameParts() {
    assertTrue(messages.size() > 1000);
    for (Row r : messages) {
      Row head = byId.get((String) r.getAs("exact_group"));
      assertEquals(norm(head.getAs("text")), norm(r.getAs("text")), (String) r.getAs("item_id"));
      assertEquals(norm(head.getAs("mail_subject")), norm(r.getAs("mail_subject")));
      assertEquals((Object) head.getAs("mail_date"), r.getAs("mail_date"));
    }
  }

  @Test
  void everyNearMergeHasARealOverlap() {
    List<String> weak = new ArrayList<>();
    long merged = 0;
    for (Row r : messages) {
      if (!r.getAs("exact_group").equals(r.getAs("near_cluster"))) {
        merged++;
        double j = jaccard(own(r), own(byId.get((String) r.getAs("near_cluster"))));
        // Clusters are transitive, so a member may be below the threshold to the representative; far below
        // means a false merge.
        if (j < 0.5) {
          weak.add(r.getAs("item_id") + " ~ " + r.getAs("near_cluster") + " exact Jaccard " + j);
        }
      }
    }
    assertEquals(List.of(), weak, merged + " messages merged into a near cluster");
  }

  @Test
  void noReplyIsMergedIntoTheMessageItQuotes() {
    Map<String, Row> byMessageId = new HashMap<>();
    messages.forEach(r -> {
      if (r.getAs("mail_message_id") != null) {
        byMessageId.put(r.getAs("mail_message_id"), r);
      }
    });
    List<String> merged = new ArrayList<>();
    for (Row reply : messages) {
      Row parent = reply.getAs("mail_in_reply_to") == null ? null : byMessageId.get(reply.getAs("mail_in_reply_to"));
      if (parent != null && parent.getAs("near_cluster").equals(reply.getAs("near_cluster"))
          && jaccard(own(reply), own(parent)) < 0.5) {
        merged.add(reply.getAs("item_id") + " into " + parent.getAs("item_id"));
      }
    }
    assertEquals(List.of(), merged);
  }

  private static String norm(String s) {
    return s == null ? "" : s.trim().replaceAll("[\\s\\p{Z}\\u200B\\uFEFF]+", " ");
  }

  private static Set<String> own(Row r) {
    String text = r.getAs("text");
    String[] w = QuoteStripper.ownText(text == null ? "" : text).toString().toLowerCase(Locale.ROOT)
        .split("[^\\p{L}\\p{Nd}]+");
    List<String> words = Arrays.stream(w).filter(s -> !s.isEmpty()).toList();
    Set<String> out = new HashSet<>();
    for (int i = 0; i + DedupConfig.DEFAULT_SHINGLE <= words.size(); i++) {
      out.add(String.join(" ", words.subList(i, i + DedupConfig.DEFAULT_SHINGLE)));
    }
    return out;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1.0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / union.size();
  }
}
