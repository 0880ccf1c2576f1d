package org.leakscope.dedup;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.leakscope.common.ConnectedComponents;
import org.leakscope.common.Materialize;
import org.leakscope.common.Steps;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.leakscope.dedup.exact.ExactKeys;
import org.leakscope.dedup.minhash.QuoteStripper;

/**
 * Conversation threads of messages, as eDiscovery tools group them. Logical messages (exact groups) are linked
 * when one names another in In-Reply-To or References (by any stored copy's Message-ID), and when they share a
 * normalized subject and a participant and are at most the configured window apart (consecutive in time); a
 * thread is a connected component, its id the smallest member id. A message is <em>inclusive</em> unless another
 * message of its thread contains its own text and more (so reading the inclusive messages reads the whole
 * conversation); in threads of more than {@link #PAIRWISE_THREAD_LIMIT} messages only linked messages are compared.
 */
final class Threads {
  /** Reply and forward prefixes of many clients and languages, repeated or numbered ("Re[2]:"). */
  static final String SUBJECT_PREFIXES =
      "^(\\s*(re|fw|fwd|aw|wg|sv|vs|antw|r|rif|tr|ref|odp|pd|rv|enc|res)\\s*(\\[\\d{1,4}\\]|\\(\\d{1,4}\\))?\\s*:)+";

  /** Threads up to this many messages have every pair of messages checked for containment. */
  static final int PAIRWISE_THREAD_LIMIT = 200;

  private Threads() {}

  /** {@code (thread_item, thread_id, is_inclusive)} for every message item. */
  static Dataset<Row> assign(
      SparkSession spark, Dataset<Row> items, Dataset<Row> exact, DedupConfig config, Function<String, String> work,
      Steps steps) {
    // Headers only: texts are read later, and only for messages that share their thread with another.
    Dataset<Row> messages = steps.time("thread headers", () -> Materialize.at(spark,
        items.where(col("kind").equalTo("email"))
            .select("item_id", "mail_message_id", "mail_in_reply_to", "mail_references", "mail_subject", "mail_from",
                "mail_to", "mail_cc", "mail_date")
            .join(exact.select("item_id", "exact_group"), "item_id"),
        work.apply("thread-messages")));
    Dataset<Row> logical = messages.where(col("item_id").equalTo(col("exact_group")));
    Dataset<Row> edges = steps.time("thread links", () -> Materialize.at(spark,
        referenceEdges(messages).union(subjectEdges(logical, config.threadWindowDays())), work.apply("thread-edges")));
    Dataset<Row> components = steps.time("thread components",
        () -> ConnectedComponents.of(spark, edges, round -> work.apply("threads-cc-" + round)));
    Dataset<Row> threadOf =
        logical.select("exact_group")
            .join(components, col("exact_group").equalTo(components.col("node")), "left")
            .select(col("exact_group"), coalesce(col("component"), col("exact_group")).as("thread_id"));
    Dataset<Row> contained = steps.time("inclusive messages",
        () -> Materialize.at(spark, containedMessages(items, comparedPairs(threadOf, edges)), work.apply("thread-contained")));
    Dataset<Row> groups =
        threadOf.join(contained, threadOf.col("exact_group").equalTo(contained.col("contained")), "left")
            .select(col("exact_group"), col("thread_id"), col("contained").isNull().as("is_inclusive"));
    return messages.select(col("item_id").as("thread_item"), col("exact_group"))
        .join(groups, "exact_group")
        .select("thread_item", "thread_id", "is_inclusive");
  }

  /** Edges from In-Reply-To and References to the message any stored copy of which has that Message-ID. */
  static Dataset<Row> referenceEdges(Dataset<Row> messages) {
    Dataset<Row> ids =
        messages.select(messageId(col("mail_message_id")).as("mid"), col("exact_group"))
            .where(col("mid").notEqual(""))
            .groupBy("mid")
            // A Message-ID that two different messages carry (clients do reuse them) points nowhere.
            .agg(min("exact_group").as("target"), count_distinct(col("exact_group")).as("n"))
            .where(col("n").equalTo(1));
    Dataset<Row> refs =
        messages.select(
                col("exact_group").as("src"),
                explode(array_compact(concat(array(col("mail_in_reply_to")),
                    coalesce(col("mail_references"), noStrings())))).as("ref"))
            .select(col("src"), messageId(col("ref")).as("mid"));
    return refs.join(ids, "mid").where(col("src").notEqual(col("target")))
        .select(col("src"), col("target").as("dst"));
  }

  /**
   * Edges between logical messages with the same normalized subject and a common participant, each to the previous
   * such message when it is at most {@code windowDays} older.
   */
  static Dataset<Row> subjectEdges(Dataset<Row> logical, int windowDays) {
    Column participants =
        array_distinct(array_compact(concat(array(ExactKeys.address(col("mail_from"))),
            transform(coalesce(col("mail_to"), noStrings()), ExactKeys::address),
            transform(coalesce(col("mail_cc"), noStrings()), ExactKeys::address))));
    Dataset<Row> byParticipant =
        logical.select(col("exact_group"), normalizedSubject(col("mail_subject")).as("subject"),
                col("mail_date"), explode(participants).as("participant"))
            .where(col("subject").notEqual("").and(col("mail_date").isNotNull()).and(col("participant").notEqual("")));
    var w = Window.partitionBy("subject", "participant").orderBy("mail_date", "exact_group");
    return byParticipant
        .withColumn("prev", lag("exact_group", 1).over(w))
        .withColumn("prev_date", lag("mail_date", 1).over(w))
        .where(col("prev").isNotNull()
            .and(unix_seconds(col("mail_date")).minus(unix_seconds(col("prev_date"))).leq(windowDays * 86_400L)))
        .select(col("prev").as("src"), col("exact_group").as("dst"));
  }

  /**
   * The ordered pairs {@code (a, b)} of logical messages checked for containment ({@code a} containing {@code b}):
   * every two messages of a thread of at most {@link #PAIRWISE_THREAD_LIMIT} messages, and in larger threads the
   * linked ones only (so a huge thread costs its links, not the square of its size).
   */
  static Dataset<Row> comparedPairs(Dataset<Row> threadOf, Dataset<Row> edges) {
    Dataset<Row> sizes = threadOf.groupBy("thread_id").agg(count(lit(1)).as("n"));
    Dataset<Row> small =
        threadOf.join(sizes, "thread_id").where(col("n").between(2, PAIRWISE_THREAD_LIMIT))
            .select("thread_id", "exact_group");
    Dataset<Row> other = small.select(col("thread_id").as("t"), col("exact_group").as("b"));
    Dataset<Row> within =
        small.join(other, small.col("thread_id").equalTo(other.col("t")))
            .where(col("exact_group").notEqual(col("b")))
            .select(col("exact_group").as("a"), col("b"));
    return within
        .union(edges.select(col("src").as("a"), col("dst").as("b")))
        .union(edges.select(col("dst").as("a"), col("src").as("b")))
        .distinct();
  }

  /** Logical messages whose own text another message of the pairs contains (with more text besides). */
  static Dataset<Row> containedMessages(Dataset<Row> items, Dataset<Row> pairs) {
    UserDefinedFunction ownText =
        udf((UDF1<String, String>) s -> QuoteStripper.ownText(s).toString(), DataTypes.StringType);
    // Only messages in some pair are compared.
    Dataset<Row> linked = pairs.select(col("a").as("item_id")).distinct();
    Dataset<Row> texts =
        items.select("item_id", "text").join(linked, "item_id").withColumnRenamed("item_id", "exact_group").select(
            col("exact_group"),
            comparable(regexp_replace(col("text"), "(?m)^[ \\t]*>[> \\t]*", "")).as("full"),
            comparable(ownText.apply(col("text"))).as("own"));
    Dataset<Row> container = texts.select(col("exact_group").as("a"), col("full"));
    Dataset<Row> inner = texts.select(col("exact_group").as("b"), col("own"));
    return pairs.join(container, "a").join(inner, "b")
        .where(length(col("own")).gt(0)
            .and(length(col("full")).gt(length(col("own"))))
            .and(instr(col("full"), col("own")).gt(0)))
        .select(col("b").as("contained"))
        .distinct();
  }

  /** One row per thread: its subject, logical messages, stored copies, inclusive messages and time span. */
  static Dataset<Row> summary(Dataset<Row> clusters, Dataset<Row> items) {
    Dataset<Row> messages =
        clusters.where(col("thread_id").isNotNull())
            .join(items.select("item_id", "mail_subject", "mail_date"), "item_id");
    return messages.groupBy("thread_id")
        .agg(
            min_by(normalizedSubject(col("mail_subject")), concat(
                coalesce(col("mail_date").cast("string"), lit("~")), col("item_id"))).as("subject"),
            count_distinct(col("exact_group")).as("messages"),
            count(lit(1)).as("stored_copies"),
            count_distinct(when(col("is_inclusive"), col("exact_group"))).as("inclusive_messages"),
            min("mail_date").as("first_date"),
            max("mail_date").as("last_date"),
            sum(when(col("is_representative"), 1).otherwise(0)).cast("long").as("near_unique_messages"))
        .orderBy(col("messages").desc(), col("thread_id"));
  }

  /** The subject without reply and forward prefixes, lower-cased, whitespace collapsed. */
  static Column normalizedSubject(Column subject) {
    Column collapsed = trim(regexp_replace(coalesce(subject, lit("")), "\\s+", " "));
    return trim(regexp_replace(lower(collapsed), SUBJECT_PREFIXES, ""));
  }

  /** A Message-ID without angle brackets, spaces and case differences ("" when absent). */
  static Column messageId(Column id) {
    Column inner = regexp_extract(coalesce(id, lit("")), "<([^<>]+)>", 1);
    return lower(trim(when(inner.notEqual(""), inner).otherwise(coalesce(id, lit("")))));
  }

  private static Column noStrings() {
    return array().cast(DataTypes.createArrayType(DataTypes.StringType));
  }

  /** Text for containment checks: lower-cased, whitespace runs as one space. */
  private static Column comparable(Column text) {
    return trim(regexp_replace(lower(coalesce(text, lit(""))), "[\\s\\p{Z}]+", " "));
  }
}
