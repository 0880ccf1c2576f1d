package org.leakscope.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Small-count suppression for published aggregates (exports and the report; the {@code tables/} keep exact counts
 * for authorized analysts). A count from 1 to k−1 is <em>primary</em>-suppressed: written as null, and its column
 * named in the row's {@code suppressed} column. So that a hidden cell cannot be recovered by subtracting the others
 * from a published total, each column is checked within each <em>margin</em> (the rows whose sum is published
 * elsewhere: a company's months add up to its {@code company_impact} row, a country's companies to its
 * {@code country_impact} row): where exactly one cell of a margin is hidden, the smallest other cell (non-zero
 * first, then by the table's key) is hidden too (<em>complementary</em> suppression). A zero is never hidden for
 * itself (it says that nothing was found, which is not a small group of people), but it is the complementary cell
 * when every other cell of the margin is zero: otherwise the hidden cell would equal the total. One pass, per
 * column and margin: cells of different columns of one row are not combined (the tables have no published row
 * totals).
 *
 * @param k the threshold: counts below it are hidden (at least 2; 1 turns suppression off)
 */
public record Suppression(int k) {
  /** The column naming a row's hidden cells, comma-separated; null when none. */
  public static final String SUPPRESSED = "suppressed";
  public static final int DEFAULT_K = 5;

  public Suppression {
    if (k < 1) {
      throw new IllegalArgumentException("--k-suppression must be at least 1 (1: no suppression), got " + k);
    }
  }

  /**
   * The table with its small counts hidden.
   *
   * @param counts  the count columns to check
   * @param derived for each count column, columns derived from it (e.g. a share) hidden with it; may be empty
   * @param margin  the columns grouping the rows whose sums are published (empty: the whole table is one margin)
   * @param order   the table's key, to choose complementary cells deterministically
   */
  public Dataset<Row> apply(Dataset<Row> table, List<String> counts, java.util.Map<String, List<String>> derived,
      List<String> margin, List<String> order) {
    if (k == 1) {
      return table.withColumn(SUPPRESSED, lit(null).cast("string"));
    }
    Column[] by = margin.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    WindowSpec group = Window.partitionBy(by);
    Dataset<Row> t = table;
    List<Column> flags = new ArrayList<>();
    for (String c : counts) {
      String primary = "_primary_" + c;
      String hidden = "_hidden_" + c;
      t = t.withColumn(primary, col(c).between(1, k - 1).and(col(c).isNotNull()));
      List<Column> rank = new ArrayList<>();
      rank.add(col(primary)); // unhidden cells first
      rank.add(when(col(c).equalTo(0), 1).otherwise(0)); // non-zero first
      rank.add(col(c));
      order.forEach(o -> rank.add(col(o)));
      t = t.withColumn("_hidden_count", sum(when(col(primary), 1).otherwise(0)).over(group))
          .withColumn("_rank", row_number().over(group.orderBy(rank.toArray(Column[]::new))))
          .withColumn(hidden, col(primary).or(col("_hidden_count").equalTo(1).and(col("_rank").equalTo(1))
              .and(col(c).isNotNull())));
      t = t.withColumn(c, when(col(hidden), lit(null)).otherwise(col(c)));
      for (String d : derived.getOrDefault(c, List.of())) {
        t = t.withColumn(d, when(col(hidden), lit(null)).otherwise(col(d)));
      }
      flags.add(when(col(hidden), lit(c)));
      t = t.drop(primary, "_hidden_count", "_rank");
    }
    t = t.withColumn(SUPPRESSED, concat_ws(",", flags.toArray(Column[]::new)));
    t = t.withColumn(SUPPRESSED, when(col(SUPPRESSED).equalTo(""), lit(null)).otherwise(col(SUPPRESSED)));
    for (String c : counts) {
      t = t.drop("_hidden_" + c);
    }
    return t;
  }
}
