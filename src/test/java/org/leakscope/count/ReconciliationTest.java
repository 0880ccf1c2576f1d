package org.leakscope.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How one claim is reconciled with the measured values, and the sentence it gets (golden findings). */
class ReconciliationTest {
  private static final Map<String, Long> MESSAGES = values(Map.entry("raw", 1310L), Map.entry("exact_unique", 450L),
      Map.entry("near_unique", 419L));

  @Test
  void aRawCountIsMatchedAndSetAgainstTheUniqueCount() {
    Reconciliation.Reconciled r = reconcile("email_messages", 1310L, MESSAGES);
    assertEquals("raw", r.closestBasis());
    assertEquals(0.0, r.closestRelativeDifference());
    assertEquals("near_unique", r.strictestBasis());
    assertEquals(1310 / 419.0, r.overstatement(), 1e-12);
    assertEquals("The claim of 1,310 email messages matches the raw count (1,310, every stored copy); counted "
        + "strictly (near-unique: near copies collapsed) there are 419, so the claim is 3.1 times the unique count.",
        r.finding());
  }

  @Test
  void aClaimWithinFivePercentMatchesAndSaysHowFarOff() {
    Reconciliation.Reconciled r = reconcile("email_messages", 470L, MESSAGES);
    assertEquals("exact_unique", r.closestBasis());
    assertEquals((450 - 470) / 470.0, r.closestRelativeDifference(), 1e-12);
    assertEquals("The claim of 470 email messages matches the exact-unique count (450, exact copies collapsed, "
        + "-4.3%); counted strictly (near-unique: near copies collapsed) there are 419, so the claim is 1.1 times "
        + "the unique count.", r.finding());
  }

  @Test
  void tiesGoToTheStricterBasisSoAnHonestClaimIsNotOverstated() {
    Reconciliation.Reconciled r = reconcile("documents", 50L,
        values(Map.entry("raw", 50L), Map.entry("exact_unique", 50L), Map.entry("near_unique", 50L)));
    assertEquals("near_unique", r.closestBasis());
    assertEquals("The claim of 50 documents matches the strictest count (near-unique, 50): it is not overstated.",
        r.finding());
  }

  @Test
  void aClaimNoBasisReproducesSaysSo() {
    Reconciliation.Reconciled r = reconcile("email_messages", 5000L, MESSAGES);
    assertEquals("raw", r.closestBasis());
    assertEquals("The claim of 5,000 email messages matches no counting definition; the nearest is the raw count "
        + "(1,310, every stored copy, -73.8%); counted strictly (near-unique: near copies collapsed) there are 419, "
        + "so the claim is 11.9 times the unique count.", r.finding());
  }

  @Test
  void aStatementWithoutANumberGetsTheShareOfRepeats() {
    Reconciliation.Reconciled r = reconcile("email_messages", null, MESSAGES);
    assertNull(r.closestBasis());
    assertNull(r.overstatement());
    assertEquals("near_unique", r.strictestBasis());
    assertEquals("The statement gives no number; the dump holds 1,310 email messages counted raw (every stored copy) "
        + "but 419 near-unique (near copies collapsed): 68% of the raw count are repeats.", r.finding());
  }

  @Test
  void aMetricTheDumpLacksIsSaidPlainly() {
    Reconciliation.Reconciled r = reconcile("records:projects", 133_000L, Map.of());
    assertNull(r.closestBasis());
    assertNull(r.strictestBasis());
    assertEquals("The dump holds no records of the \"projects\" export, so there is nothing to compare the claim of "
        + "133,000 with.", r.finding());
  }

  @Test
  void aClaimOfZeroHasNoRelativeDifferenceAndNoDivisionByZero() {
    Reconciliation.Reconciled r = reconcile("countries", 0L,
        values(Map.entry("raw", 0L), Map.entry("distinct_raw", 0L), Map.entry("distinct_normalized", 0L)));
    assertNull(r.closestRelativeDifference());
    assertNull(r.overstatement());
    assertEquals("distinct_normalized", r.closestBasis());
  }

  private static Reconciliation.Reconciled reconcile(String metric, Long claimed, Map<String, Long> values) {
    Claim claim = new Claim("Finder", LocalDate.of(2022, 10, 19), metric, claimed, "quote", "blog", 1);
    return Reconciliation.of(List.of(claim), Map.of(metric, values)).get(0);
  }

  @SafeVarargs
  private static Map<String, Long> values(Map.Entry<String, Long>... entries) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }
}
