package org.leakscope.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.leakscope.ingest.Hashing;

/**
 * Near-duplicate quality against the generator's ground truth ({@code ground-truth-clusters.jsonl}), counted over
 * logical units (a message, a document version), so exact copies do not inflate the figures: a pair of units is
 * predicted when their items share a near cluster, true when the ground truth puts them in one cluster. Units the
 * clusters file does not list are singletons in truth, and are identified by their exact group.
 */
public final class ClusterQuality {
  /**
   * @param precision       true predicted pairs / predicted pairs (1 when nothing is predicted)
   * @param recall          true predicted pairs / true pairs
   * @param splitUnits      listed units whose stored copies are not all in one exact group
   * @param mergedUnits     exact groups that hold copies of two listed units
   * @param missed          some true pairs not predicted, as "cluster: unit ~ unit"
   * @param wrong           some predicted pairs that are not true, as "unit ~ unit"
   */
  public record Result(
      long predictedPairs, long truePairs, long correctPairs, double precision, double recall, List<String> splitUnits,
      List<String> mergedUnits, List<String> missed, List<String> wrong) {}

  private ClusterQuality() {}

  /** Item id → [truth cluster, unit] for every member of the clusters file. */
  public static Map<String, String[]> truth(Path clustersFile) {
    ObjectMapper json = new ObjectMapper();
    Map<String, String[]> out = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(clustersFile)) {
      for (String line; (line = in.readLine()) != null; ) {
        JsonNode c = json.readTree(line);
        for (JsonNode m : c.get("members")) {
          String id = Hashing.unitId(m.get("source_path").asText(), m.get("locator").asText());
          out.put(id, new String[] {c.get("cluster").asText(), m.get("unit").asText()});
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** Scores {@code item_clusters} (item_id, kind, exact_group, near_cluster) of the given kinds. */
  public static Result score(Dataset<Row> itemClusters, Map<String, String[]> truth, List<String> kinds) {
    Map<String, String> unitCluster = new HashMap<>(); // unit -> truth cluster
    Map<String, String> unitPredicted = new HashMap<>(); // unit -> predicted near cluster
    Map<String, String> unitExact = new HashMap<>();
    Map<String, String> exactUnit = new HashMap<>();
    List<String> split = new ArrayList<>();
    List<String> merged = new ArrayList<>();
    java.util.Iterator<Row> rows = itemClusters.where(itemClusters.col("kind").isin(kinds.toArray()))
        .select("item_id", "exact_group", "near_cluster").toLocalIterator();
    while (rows.hasNext()) {
      Row r = rows.next();
      String[] t = truth.get(r.getString(0));
      String unit = t == null ? "exact:" + r.getString(1) : t[1];
      unitCluster.putIfAbsent(unit, t == null ? unit : t[0]);
      unitPredicted.putIfAbsent(unit, r.getString(2));
      String seenExact = unitExact.putIfAbsent(unit, r.getString(1));
      if (seenExact != null && !seenExact.equals(r.getString(1)) && split.size() < 10) {
        split.add(unit);
      }
      String seenUnit = exactUnit.putIfAbsent(r.getString(1), unit);
      if (seenUnit != null && !seenUnit.equals(unit) && merged.size() < 10) {
        merged.add(seenUnit + " + " + unit);
      }
    }
    Map<String, List<String>> byTruth = groups(unitCluster);
    Map<String, List<String>> byPredicted = groups(unitPredicted);
    long truePairs = pairs(byTruth);
    long predictedPairs = pairs(byPredicted);
    long correct = 0;
    Map<String, Map<String, Long>> overlap = new TreeMap<>();
    for (Map.Entry<String, String> e : unitCluster.entrySet()) {
      overlap.computeIfAbsent(e.getValue(), k -> new TreeMap<>()).merge(unitPredicted.get(e.getKey()), 1L, Long::sum);
    }
    for (Map<String, Long> m : overlap.values()) {
      for (long n : m.values()) {
        correct += n * (n - 1) / 2;
      }
    }
    List<String> missed = new ArrayList<>();
    for (Map.Entry<String, List<String>> c : byTruth.entrySet()) {
      List<String> units = c.getValue();
      for (int i = 1; i < units.size() && missed.size() < 10; i++) {
        if (!unitPredicted.get(units.get(0)).equals(unitPredicted.get(units.get(i)))) {
          missed.add(c.getKey() + ": " + units.get(0) + " ~ " + units.get(i));
        }
      }
    }
    List<String> wrong = new ArrayList<>();
    for (List<String> units : byPredicted.values()) {
      for (int i = 1; i < units.size() && wrong.size() < 10; i++) {
        if (!unitCluster.get(units.get(0)).equals(unitCluster.get(units.get(i)))) {
          wrong.add(units.get(0) + " ~ " + units.get(i));
        }
      }
    }
    return new Result(predictedPairs, truePairs, correct,
        predictedPairs == 0 ? 1.0 : (double) correct / predictedPairs,
        truePairs == 0 ? 1.0 : (double) correct / truePairs, split, merged, missed, wrong);
  }

  private static Map<String, List<String>> groups(Map<String, String> assignment) {
    Map<String, List<String>> out = new TreeMap<>();
    assignment.forEach((unit, group) -> out.computeIfAbsent(group, g -> new ArrayList<>()).add(unit));
    out.values().forEach(java.util.Collections::sort);
    return out;
  }

  private static long pairs(Map<String, List<String>> groups) {
    long n = 0;
    for (List<String> g : groups.values()) {
      n += (long) g.size() * (g.size() - 1) / 2;
    }
    return n;
  }
}
