package org.leakscope.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakscope.extract.Mentions;

/**
 * The BI-facing copies of the restricted tables that hold personal identifiers: pure functions from the clear
 * table to its {@code tables/} form. Personal identifiers (addresses, logins, person names, phone numbers) become
 * keyed tokens ({@link Tokens}); company names, domains and countries stay in clear; leaked content (subjects, file
 * paths that name mailboxes) is left out. See docs/privacy.md.
 */
public final class Pseudonymize {
  /** Entity types whose values identify a person. */
  public static final List<String> PERSONAL =
      List.of(Mentions.EMAIL_ADDRESS, Mentions.USER, Mentions.PERSON_NAME, Mentions.PHONE);

  private Pseudonymize() {}

  /**
   * {@code mentions}: for personal types, {@code raw_value} is dropped (null) and {@code normalized_value} and
   * {@code canonical_value} are tokens; a country implied by a phone number loses its {@code raw_value} (the
   * number); {@code user_id} is pseudonymized; every other column as in the clear table.
   */
  public static Dataset<Row> mentions(Dataset<Row> mentions, Tokens tokens) {
    Column personal = col("entity_type").isin(PERSONAL.toArray());
    // A country implied by a phone number was written as that number.
    Column writtenAsPersonal = personal.or(col("rule").equalTo(Mentions.PHONE_REGION));
    return mentions.select(
        col("item_id"), col("entity_type"),
        when(writtenAsPersonal, lit(null).cast("string")).otherwise(col("raw_value")).as("raw_value"),
        when(personal, tokens.token(col("normalized_value"))).otherwise(col("normalized_value"))
            .as("normalized_value"),
        when(personal, tokens.token(col("canonical_value"))).otherwise(col("canonical_value")).as("canonical_value"),
        col("domain"), col("source"), col("rule"), col("country_code"), col("reject_reason"), col("context"),
        col("company_id"), tokens.userId(col("user_id")).as("user_id"));
  }

  /** {@code users}: the id pseudonymized, logins, addresses and names as tokens; the as-written logins left out. */
  public static Dataset<Row> users(Dataset<Row> users, Tokens tokens) {
    return users.select(
        tokens.userId(col("user_id")).as("user_id"),
        tokens.tokenEach(col("logins")).as("logins"),
        tokens.tokenEach(col("addresses")).as("addresses"),
        tokens.tokenEach(col("names")).as("names"),
        col("company_id"), col("country"), col("login_mentions"), col("address_mentions"));
  }

  /** {@code cluster_summary} without the members' file paths (mailbox folders name people). */
  public static Dataset<Row> clusterSummary(Dataset<Row> summary) {
    return summary.drop("representative", "member_locators");
  }

  /** {@code threads} without the subject (leaked content). */
  public static Dataset<Row> threads(Dataset<Row> threads) {
    return threads.drop("subject");
  }
}
