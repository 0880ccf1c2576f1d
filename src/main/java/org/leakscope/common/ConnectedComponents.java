package org.leakscope.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.sql.Dataset;
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
 * lost executor recomputes one round, not all of them. A graph of at most {@link #DRIVER_EDGES} edges is solved
 * by union-find on the driver instead (bounded: the edges are counted first), with the same result.
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
    return of(spark, edges, roundPath, DRIVER_EDGES);
  }

  /**
   * Graphs of at most this many distinct edges are solved by union-find on the driver: a round of star
   * operations costs a few Spark jobs whatever the graph's size, so a small graph (entity links are often a few
   * thousand edges) is solved in one pass over at most this many rows instead of a dozen jobs. The result is the
   * same either way (the smallest member names each component); {@code ConnectedComponentsTest} checks both paths.
   */
  public static final long DRIVER_EDGES = 200_000;

  static Dataset<Row> of(SparkSession spark, Dataset<Row> edges, IntFunction<String> roundPath, long driverEdges) {
    Dataset<Row> current =
        edges.select(least(col("src"), col("dst")).as("u"), greatest(col("src"), col("dst")).as("v"))
            .where(col("u").notEqual(col("v")))
            .distinct();
    current = Materialize.at(spark, current, roundPath.apply(0));
    long size = current.count();
    if (size == 0) {
      return spark.createDataFrame(List.of(), NODES);
    }
    if (size <= driverEdges) {
      return onDriver(spark, current, roundPath.apply(1));
    }
    for (int round = 1; round <= MAX_ROUNDS; round++) {
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

  /** Union-find over edges known to be few (the caller counted them), written to {@code path} and read back. */
  private static Dataset<Row> onDriver(SparkSession spark, Dataset<Row> edges, String path) {
    Map<String, String> parent = new HashMap<>();
    List<Row> rows = edges.collectAsList(); // at most driverEdges rows
    for (Row e : rows) {
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
    LOG.info("connected components of {} edges solved on the driver", rows.size());
    return Materialize.at(spark, spark.createDataFrame(nodes, NODES), path);
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
