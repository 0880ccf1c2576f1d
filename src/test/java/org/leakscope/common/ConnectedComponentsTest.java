package org.leakscope.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.testing.SparkTestSession;

class ConnectedComponentsTest {
  private static final StructType EDGES =
      new StructType().add("src", DataTypes.StringType).add("dst", DataTypes.StringType);

  @TempDir Path tmp;

  @Test
  void aLongPathIsOneComponentNamedByItsSmallestNode() {
    List<String[]> edges = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // Node names out of order along the path, so the smallest sits in the middle.
      edges.add(new String[] {node((i * 7919) % 301), node(((i + 1) * 7919) % 301)});
    }
    Map<String, String> components = run(edges);
    assertEquals(301, components.size());
    assertEquals(1, components.values().stream().distinct().count());
    assertEquals(node(0), components.values().iterator().next());
  }

  @Test
  void randomGraphsAgreeWithUnionFind() {
    SplittableRandom r = new SplittableRandom(11);
    for (int trial = 0; trial < 3; trial++) {
      int n = 400;
      List<String[]> edges = new ArrayList<>();
      int[] parent = new int[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
      }
      for (int e = 0; e < 300; e++) {
        int a = r.nextInt(n);
        int b = r.nextInt(n);
        edges.add(new String[] {node(a), node(b)});
        parent[find(parent, a)] = find(parent, b);
      }
      Map<String, String> expected = new TreeMap<>();
      Map<Integer, String> smallest = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        smallest.merge(find(parent, i), node(i), (x, y) -> x.compareTo(y) <= 0 ? x : y);
      }
      for (String[] e : edges) {
        if (!e[0].equals(e[1])) { // a node is listed when it has an edge to another node
          for (String v : e) {
            expected.put(v, smallest.get(find(parent, Integer.parseInt(v.substring(1)))));
          }
        }
      }
      assertEquals(expected, run(edges), "trial " + trial);
    }
  }

  @Test
  void denseComponentsShrinkInStarRoundsThenFinishInOneTask() {
    List<String[]> edges = new ArrayList<>();
    for (int clique = 0; clique < 3; clique++) {
      for (int a = 0; a < 20; a++) {
        for (int b = a + 1; b < 20; b++) {
          edges.add(new String[] {node(clique * 100 + a), node(clique * 100 + b)});
        }
      }
    }
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.createDataFrame(rows(edges), EDGES).repartition(3);
    List<String> paths = new ArrayList<>();
    Map<String, String> mixed = collect(ConnectedComponents.of(spark, data, i -> {
      String path = tmp.resolve("mixed-" + i).toString();
      paths.add(path);
      return path;
    }, 100));
    // 570 distinct edges, more than 100: at least one star round (path 1) before the one-task finish (path 2+).
    assertTrue(paths.size() >= 3, "paths " + paths);
    assertEquals(60, mixed.size());
    for (Map.Entry<String, String> e : mixed.entrySet()) {
      int clique = Integer.parseInt(e.getKey().substring(1)) / 100;
      assertEquals(node(clique * 100), e.getValue(), e.getKey());
    }
  }

  @Test
  void selfLoopsAndRepeatsAddNothing() {
    Map<String, String> c =
        run(List.of(new String[] {"b", "a"}, new String[] {"a", "b"}, new String[] {"c", "c"}));
    assertEquals(Map.of("a", "a", "b", "a"), c);
  }

  private Map<String, String> run(List<String[]> edges) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> data = spark.createDataFrame(rows(edges), EDGES).repartition(3);
    Map<String, String> distributed =
        collect(ConnectedComponents.of(spark, data, i -> tmp.resolve("star-" + i).toString(), 0));
    Map<String, String> oneTask =
        collect(ConnectedComponents.of(spark, data, i -> tmp.resolve("one-task-" + i).toString()));
    assertEquals(distributed, oneTask, "star rounds and union-find in one task agree");
    return distributed;
  }

  private static List<Row> rows(List<String[]> edges) {
    List<Row> rows = new ArrayList<>();
    for (String[] e : edges) {
      rows.add(RowFactory.create(e[0], e[1]));
    }
    return rows;
  }

  private static Map<String, String> collect(Dataset<Row> components) {
    Map<String, String> out = new TreeMap<>();
    for (Row r : components.collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  private static String node(int i) {
    return String.format("n%04d", i);
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}
