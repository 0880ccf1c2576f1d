package org.leakscope.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected components of an undirected graph in Spark, by alternating large-star and small-star rounds (Kiveris et
 * al., "Connected Components in MapReduce and Beyond", 2014) until the edge set stops changing. At that point every
 * component is a star around its smallest node, so the component id is the smallest member id: deterministic,
 * whatever the partitioning. Each round's edges are written to Parquet and read back, so lineage stays short and a
 * lost executor recomputes one round, not all of them. Once the edges are at most {@link #ONE_TASK_EDGES} (the
 * input's, or a round's), the rest is solved by union-find in a single Spark task on an executor, with the same
 * result: a round costs a few Spark jobs whatever the graph's size, while one task solves a small graph in one pass.
 * Nothing is collected to the driver on either path.
 */
public final class ConnectedComponents {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectedComponents.class);
  /** Far above the O(log² n) rounds the algorithm needs; reaching it means something is wrong. */
  static final int MAX_ROUNDS = 100;

  private static final StructType NODES =
      new StructType()
          .add("node", DataTypes.StringType)
          .add("component", DataTypes.StringType);

  private ConnectedComponents() {}

  /**
   * Components of the graph with edges {@code (src, dst)} (strings; self-loops and repeats allowed). Returns
   * {@code (node, component)} for every node that has at least one edge to another node, {@code component} being
   * the smallest node of its component (a node with no such edge is a component of its own and is not listed).
   *
   * @param roundPath where round {@code i}'s edges are written (a fresh path per round)
   */
  public static Dataset<Row> of(SparkSession spark, Dataset<Row> edges, IntFunction<String> roundPath) {
    return of(spark, edges, roundPath, ONE_TASK_EDGES);
  }

  /**
   * Graphs of at most this many distinct edges are finished by union-find in one Spark task: a round of star
   * operations costs a few Spark jobs whatever the graph's size, so a small graph (entity links and near-duplicate
   * edges are often a few thousand) is solved in one pass over at most this many rows (tens of MB in the task's
   * memory) instead of a dozen jobs. The result is the same either way (the smallest member names each component);
   * {@code ConnectedComponentsTest} checks both paths.
   */
  public static final long ONE_TASK_EDGES = 200_000;

  static Dataset<Row> of(SparkSession spark, Dataset<Row> edges, IntFunction<String> roundPath, long oneTaskEdges) {
    Dataset<Row> current =
        edges.select(least(col("src"), col("dst")).as("u"), greatest(col("src"), col("dst")).as("v"))
            .where(col("u").notEqual(col("v")))
            .distinct();
    current = Materialize.at(spark, current, roundPath.apply(0));
    long size = current.count();
    if (size == 0) {
      return spark.createDataFrame(List.of(), NODES);
    }
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      if (size <= oneTaskEdges) {
        LOG.info("connected components of {} edges finished in one task after {} star rounds", size, round - 1);
        return Materialize.at(spark, inOneTask(current), roundPath.apply(round));
      }
      Dataset<Row> next = Materialize.at(spark, smallStar(largeStar(current)), roundPath.apply(round));
      long nextSize = next.count();
      boolean same = nextSize == size && next.except(current).isEmpty();
      current = next;
      size = nextSize;
      if (same) {
        LOG.info("connected components converged after {} rounds ({} edges)", round, size);
        return current.select(col("v").as("node"), col("u").as("component"))
            .union(current.select(col("u").as("node"), col("u").as("component")))
            .distinct();
      }
    }
    throw new IllegalStateException("connected components did not converge in " + MAX_ROUNDS + " rounds");
  }

  /**
   * Union-find over edges known to be few (the caller counted them), in a single task: the edge files are read by
   * one task without a shuffle ({@code coalesce(1)}), and the task returns {@code (node, component)}.
   */
  static Dataset<Row> inOneTask(Dataset<Row> edges) {
    return edges.coalesce(1).mapPartitions((MapPartitionsFunction<Row, Row>) ConnectedComponents::unionFind,
        Encoders.row(NODES));
  }

  /** Components of the edges {@code (u, v)}: every node with its smallest connected node (itself if none). */
  static Iterator<Row> unionFind(Iterator<Row> edges) {
    Map<String, String> parent = new HashMap<>();
    while (edges.hasNext()) {
      Row e = edges.next();
      String a = find(parent, e.getString(0));
      String b = find(parent, e.getString(1));
      if (!a.equals(b)) {
        parent.put(a.compareTo(b) < 0 ? b : a, a.compareTo(b) < 0 ? a : b); // the smaller root stays the root
      }
    }
    List<Row> nodes = new ArrayList<>(parent.size());
    for (String node : parent.keySet()) {
      nodes.add(RowFactory.create(node, find(parent, node)));
    }
    return nodes.iterator();
  }

  /** The root of {@code x}, halving the path on the way; a new node is its own root. */
  private static String find(Map<String, String> parent, String x) {
    parent.putIfAbsent(x, x);
    String node = x;
    while (true) {
      String p = parent.get(node);
      if (p.equals(node)) {
        return node;
      }
      String grand = parent.get(p);
      parent.put(node, grand);
      node = grand;
    }
  }

  /**
   * Large star: every node {@code x} links each larger neighbour to the smallest of its neighbourhood
   * (itself included).
   */
  static Dataset<Row> largeStar(Dataset<Row> edges) {
    Dataset<Row> both =
        edges.select(col("u").as("x"), col("v").as("y")).union(edges.select(col("v").as("x"), col("u").as("y")));
    Dataset<Row> smallest =
        both.groupBy("x").agg(min("y").as("m")).select(col("x").as("mx"), least(col("x"), col("m")).as("m"));
    return both.join(smallest, both.col("x").equalTo(smallest.col("mx")))
        .where(col("y").gt(col("x")))
        .select(least(col("y"), col("m")).as("u"), greatest(col("y"), col("m")).as("v"))
        .distinct();
  }

  /**
   * Small star: every node {@code x} links itself and each smaller neighbour to the smallest of those (its
   * smallest neighbour).
   */
  static Dataset<Row> smallStar(Dataset<Row> edges) {
    Dataset<Row> smallest = edges.groupBy("v").agg(min("u").as("m")).withColumnRenamed("v", "x");
    Dataset<Row> others =
        edges.join(smallest, edges.col("v").equalTo(smallest.col("x")))
            .where(col("u").notEqual(col("m")))
            .select(least(col("u"), col("m")).as("u"), greatest(col("u"), col("m")).as("v"));
    return others.union(smallest.select(col("m").as("u"), col("x").as("v"))).distinct();
  }
}
