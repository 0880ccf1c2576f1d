package org.leakscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakscope.count.Vocabulary;

/**
 * A read-only view of {@code summary.json} for the report, tolerant of absent parts (a run without claims, without
 * entity metrics, or one stage only): every accessor returns null or an empty collection rather than failing.
 * Metrics and bases come back in report order ({@link Vocabulary#METRICS}, {@link Vocabulary#BASES}).
 */
final class SummaryView {
  /** A sketch estimate with its 95% bounds. */
  record Estimate(double estimate, double lower95, double upper95) {}

  /**
   * One reconciled claim. {@code claimed}, {@code closestBasis} and {@code overstatement} are null when the
   * statement gave no number; {@code measured} holds the measured value at each basis, in basis order.
   */
  record Claim(
      String claimant,
      String date,
      String metric,
      Long claimed,
      String quote,
      String source,
      Map<String, Long> measured,
      String closestBasis,
      Long measuredAtClosest,
      String strictestBasis,
      Long measuredStrictest,
      Double overstatement,
      String finding) {}

  private final JsonNode root;

  SummaryView(ObjectNode summary) {
    this.root = summary == null ? JsonNodeFactory.instance.objectNode() : summary;
  }

  /** The node at a JSON pointer ({@code /ingest/files}), or a missing node. */
  JsonNode node(String pointer) {
    return root.at(pointer);
  }

  /** The text at a pointer, or null when absent, null or blank. */
  String text(String pointer) {
    return text(root.at(pointer));
  }

  /** The whole number at a pointer, or null when absent or not a number. */
  Long count(String pointer) {
    return count(root.at(pointer));
  }

  /** The number at a pointer, or null when absent or not a number. */
  Double number(String pointer) {
    JsonNode n = root.at(pointer);
    return n.isNumber() ? n.asDouble() : null;
  }

  /** Whole numbers under an object ({@code items_by_kind}), in the order written; empty when absent. */
  Map<String, Long> counts(String pointer) {
    Map<String, Long> out = new LinkedHashMap<>();
    root.at(pointer).fields().forEachRemaining(e -> {
      Long v = count(e.getValue());
      if (v != null) {
        out.put(e.getKey(), v);
      }
    });
    return out;
  }

  /** Every metric with its bases, both in report order; empty when the summary has no metrics. */
  Map<String, Map<String, Long>> metrics() {
    List<String> names = new ArrayList<>();
    root.path("metrics").fieldNames().forEachRemaining(names::add);
    names.sort(Vocabulary::compareMetrics);
    Map<String, Map<String, Long>> out = new LinkedHashMap<>();
    for (String name : names) {
      Map<String, Long> bases = inBasisOrder(counts("/metrics/" + escapePointer(name)));
      if (!bases.isEmpty()) {
        out.put(name, bases);
      }
    }
    return out;
  }

  /** The estimate of a metric at a basis, or null when the summary has none. */
  Estimate estimate(String metric, String basis) {
    JsonNode e = root.path("estimates").path(metric).path(basis);
    if (!e.path("estimate").isNumber()) {
      return null;
    }
    double est = e.path("estimate").asDouble();
    return new Estimate(est, e.path("lower95").asDouble(est), e.path("upper95").asDouble(est));
  }

  /** The reconciled claims in the order written; empty when the run had none. */
  List<Claim> claims() {
    List<Claim> out = new ArrayList<>();
    for (JsonNode c : root.path("claims")) {
      if (c.isObject()) {
        out.add(claim(c));
      }
    }
    return out;
  }

  /** Stage timings in pipeline order (stages not in the pipeline follow, as written). */
  Map<String, Double> stageSeconds() {
    List<String> order = List.of("ingest", "extract", "dedup", "count", "report");
    List<Map.Entry<String, JsonNode>> stages = new ArrayList<>();
    root.path("stages").fields().forEachRemaining(stages::add);
    stages.sort(Comparator.comparingInt(e -> rank(order, e.getKey())));
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : stages) {
      JsonNode s = e.getValue().path("seconds");
      if (s.isNumber()) {
        out.put(e.getKey(), s.asDouble());
      }
    }
    return out;
  }

  /** The strictest basis present (the last in {@link Vocabulary#BASES} order), or null for no bases. */
  static String strictest(Map<String, Long> bases) {
    String last = null;
    for (String basis : inBasisOrder(bases).keySet()) {
      last = basis;
    }
    return last;
  }

  /** The bases sorted loosest to strictest; bases outside the vocabulary follow, as written. */
  static Map<String, Long> inBasisOrder(Map<String, Long> bases) {
    List<String> keys = new ArrayList<>(bases.keySet());
    keys.sort(Comparator.comparingInt(k -> rank(Vocabulary.BASES, k)));
    Map<String, Long> out = new LinkedHashMap<>();
    keys.forEach(k -> out.put(k, bases.get(k)));
    return out;
  }

  private static Claim claim(JsonNode c) {
    Map<String, Long> measured = new LinkedHashMap<>();
    c.path("measured").fields().forEachRemaining(e -> {
      Long v = count(e.getValue());
      if (v != null) {
        measured.put(e.getKey(), v);
      }
    });
    JsonNode over = c.path("overstatement");
    return new Claim(text(c.path("claimant")), text(c.path("date")), text(c.path("metric")), count(c.path("claimed")),
        text(c.path("quote")), text(c.path("source")), inBasisOrder(measured), text(c.path("closest_basis")),
        count(c.path("measured_at_closest")), text(c.path("strictest_basis")), count(c.path("measured_strictest")),
        over.isNumber() ? over.asDouble() : null, text(c.path("finding")));
  }

  private static String text(JsonNode n) {
    if (n.isMissingNode() || n.isNull() || n.isContainerNode()) {
      return null;
    }
    String s = n.asText();
    return s.isBlank() ? null : s;
  }

  private static Long count(JsonNode n) {
    if (!n.isNumber()) {
      return null;
    }
    return n.isIntegralNumber() ? n.asLong() : Math.round(n.asDouble());
  }

  private static int rank(List<String> order, String key) {
    int i = order.indexOf(key);
    return i < 0 ? order.size() : i;
  }

  /** Escapes a field name for a JSON pointer (RFC 6901). */
  private static String escapePointer(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
