package org.leakscope.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.SampleRun;
import org.leakscope.testing.SparkTestSession;

/** The CSV exports that are views of larger tables, read back as a spreadsheet or a notebook reads them. */
class ExportsTest {
  /** An export: {@code exports/} or, for those listing content or identifiers, {@code restricted/exports/}. */
  private static Dataset<Row> csv(String path) {
    return SparkTestSession.get().read().option("header", "true").option("multiLine", "true")
        .option("escape", "\"").option("inferSchema", "true")
        .csv(SampleRun.get().run.resolve(path + ".csv").toString());
  }

  private static Dataset<Row> table(String path) {
    return SparkTestSession.get().read().parquet(SampleRun.get().run.resolve(path).toString());
  }

  @Test
  void clusterMembersShowTheRepresentativeThenOneMemberPerExactGroup() {
    Dataset<Row> members = csv("restricted/exports/" + ReportJob.CLUSTER_MEMBERS);
    Dataset<Row> summary = table("restricted/" + OutputLayout.CLUSTER_SUMMARY);
    Row largestNear = summary.where(col("exact_groups").gt(1)).orderBy(col("size").desc(), col("near_cluster"))
        .first();
    Dataset<Row> perCluster = members.groupBy("near_cluster").agg(count(lit(1)).as("n"),
        count_distinct(col("exact_group")).as("groups"), min("rank").as("first"), max("rank").as("last"),
        sum(col("is_representative").cast("int")).as("representatives"), max("exact_groups").as("exact_groups"));
    assertTrue(perCluster.count() >= Exports.CLUSTERS_LISTED && perCluster.count()
        <= Exports.CLUSTERS_LISTED + Exports.NEAR_CLUSTERS_LISTED, "clusters listed: " + perCluster.count());
    assertEquals(0, perCluster.where(col("n").notEqual(col("groups")).or(col("first").notEqual(1))
        .or(col("last").notEqual(col("n"))).or(col("representatives").notEqual(1))
        .or(col("n").notEqual(least(col("exact_groups"), lit(Exports.MEMBERS_LISTED))))).count(),
        "one member per exact group, the representative first, at most " + Exports.MEMBERS_LISTED);
    assertEquals(1, perCluster.where(col("near_cluster").equalTo(largestNear.<String>getAs("near_cluster"))).count(),
        "the largest cluster of near (not exact) copies is listed");
    assertEquals(0, members.where(col("rank").gt(1)
        .and(col("similarity_to_representative").gt(1.0).or(col("similarity_to_representative").lt(0.0)))).count());
    List<Row> firstThree = members.where(col("near_cluster").equalTo(largestNear.<String>getAs("near_cluster")))
        .orderBy("rank").limit(3).collectAsList();
    assertTrue(firstThree.get(0).<Boolean>getAs("is_representative"));
    assertTrue(firstThree.get(1).<Double>getAs("similarity_to_representative") < 1.0,
        "a near copy differs from the representative");
  }

  @Test
  void largestClustersAreTheBiggestRowsOfClusterSummary() {
    Dataset<Row> largest = csv("exports/" + ReportJob.LARGEST_CLUSTERS);
    Dataset<Row> summary = table("tables/" + OutputLayout.CLUSTER_SUMMARY);
    assertEquals(Math.min(Exports.LARGEST_CLUSTERS, summary.count()), largest.count());
    assertEquals(summary.agg(max("size")).first().getLong(0), ((Number) largest.first().getAs("size")).longValue());
  }

  @Test
  void companyUsersListEveryResolvedUserOnceWithTheCompanysName() {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> users = csv("restricted/exports/" + ReportJob.COMPANY_USERS);
    assertEquals(table("restricted/" + OutputLayout.USERS).count(), users.count());
    assertEquals(users.count(), users.select("user_id").distinct().count());
    assertEquals(0, users.where(col("company_id").isNotNull().and(col("company_name").isNull())).count());
    assertTrue(spark.read().parquet(SampleRun.get().run.resolve("restricted/users").toString())
        .where("size(addresses) > 1").count() == users.where(col("addresses").contains("; ")).count());
  }
}
