package org.leakscope.count;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What the count stage measured.
 *
 * @param metrics     metric → basis → value and estimate, in report order (every basis that applies)
 * @param claims      the reconciled claims, in file order
 * @param leakDate    the leak date of the retention view (null when no item is dated)
 * @param canonicalAddresses the run counted canonical addresses (extract ran with --canonical-addresses)
 * @param stepSeconds wall-clock time of each named step
 * @param seconds     wall-clock time of the stage
 */
public record CountResult(
    Map<String, Map<String, MetricValue>> metrics,
    List<Reconciliation.Reconciled> claims,
    LocalDate leakDate,
    boolean canonicalAddresses,
    Map<String, Double> stepSeconds,
    double seconds) {

  /** A metric's exact value at a basis and its HLL estimate with 95% bounds. */
  public record MetricValue(long value, double estimate, double lower95, double upper95) {}

  /** metric → basis → exact value. */
  public Map<String, Map<String, Long>> values() {
    return values(metrics);
  }

  static Map<String, Map<String, Long>> values(Map<String, Map<String, MetricValue>> metrics) {
    Map<String, Map<String, Long>> out = new java.util.LinkedHashMap<>();
    metrics.forEach((m, bases) -> {
      Map<String, Long> v = new java.util.LinkedHashMap<>();
      bases.forEach((b, mv) -> v.put(b, mv.value()));
      out.put(m, v);
    });
    return out;
  }
}
