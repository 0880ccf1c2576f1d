package org.leakscope.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Small-count suppression for published aggregates (exports and the report; the {@code tables/} keep exact counts
 * for authorized analysts). A count from 1 to k−1 is <em>primary</em>-suppressed: written as null, and its column
 * named in the row's {@code suppressed} column. So that a hidden cell cannot be recovered by subtracting the others
 * from a published total, each column is checked within each <em>margin</em> (the rows whose sum is published
 * elsewhere: a company's months add up to its {@code company_impact} row, a country's companies to its
 * {@code country_impact} row): where exactly one cell of a margin is hidden, the smallest other cell (non-zero
 * first, then by the table's key) is hidden too (<em>complementary</em> suppression). A zero is never hidden for
 * itself (it says that nothing was found, which is not a small group of people), but it is the complementary cell
 * when every other cell of the margin is zero: otherwise the hidden cell would equal the total. A cell without a
 * count (null) is never the complement. One pass, per column and margin: cells of different columns of one row are
 * not combined (the tables have no published row totals).
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
    // One aggregation over the margins for every count column (how many cells are primary, and which cell would be
    // the complement), joined back to the rows: a flat plan whatever the number of columns, where a window per
    // column sorted the table once per column.
    Dataset<Row> t = table;
    List<Column> perMargin = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      Column c = col(counts.get(i));
      t = t.withColumn("_primary_" + i, c.between(1, k - 1).and(c.isNotNull()));
      perMargin.add(sum(when(col("_primary_" + i), 1).otherwise(0)).as("_primaries_" + i));
      // The complement: the smallest unhidden cell with a count (non-zero first, then by count, then by the key).
      perMargin.add(min(when(not(col("_primary_" + i)).and(c.isNotNull()), rank(c, order))).as("_complement_" + i));
    }
    Column first = perMargin.get(0);
    Column[] rest = perMargin.subList(1, perMargin.size()).toArray(Column[]::new);
    Dataset<Row> margins;
    if (margin.isEmpty()) {
      margins = t.agg(first, rest);
      t = t.crossJoin(margins);
    } else {
      Column[] by = new Column[margin.size()];
      for (int m = 0; m < margin.size(); m++) {
        by[m] = col(margin.get(m)).as("_margin_" + m);
      }
      margins = t.groupBy(by).agg(first, rest);
      Column same = lit(true);
      for (int m = 0; m < margin.size(); m++) {
        same = same.and(t.col(margin.get(m)).eqNullSafe(margins.col("_margin_" + m))); // a null margin is one too
      }
      t = t.join(margins, same, "left");
      for (int m = 0; m < margin.size(); m++) {
        t = t.drop("_margin_" + m);
      }
    }
    List<Column> flags = new ArrayList<>();
    for (int i = 0; i < counts.size(); i++) {
      String c = counts.get(i);
      Column hidden = col("_primary_" + i).or(col("_primaries_" + i).equalTo(1)
          .and(rank(col(c), order).eqNullSafe(col("_complement_" + i))));
      t = t.withColumn("_hidden_" + i, hidden);
      t = t.withColumn(c, when(col("_hidden_" + i), lit(null)).otherwise(col(c)));
      for (String d : derived.getOrDefault(c, List.of())) {
        t = t.withColumn(d, when(col("_hidden_" + i), lit(null)).otherwise(col(d)));
      }
      flags.add(when(col("_hidden_" + i), lit(c)));
    }
    t = t.withColumn(SUPPRESSED, concat_ws(",", flags.toArray(Column[]::new)));
    t = t.withColumn(SUPPRESSED, when(col(SUPPRESSED).equalTo(""), lit(null)).otherwise(col(SUPPRESSED)));
    for (int i = 0; i < counts.size(); i++) {
      t = t.drop("_primary_" + i, "_primaries_" + i, "_complement_" + i, "_hidden_" + i);
    }
    return t;
  }

  /** A cell's place in the choice of a complement: non-zero first, then by count, then by the table's key. */
  private static Column rank(Column count, List<String> order) {
    List<Column> fields = new ArrayList<>();
    fields.add(when(count.equalTo(0), 1).otherwise(0).as("zero"));
    fields.add(count.as("count"));
    for (int o = 0; o < order.size(); o++) {
      fields.add(col(order.get(o)).as("key_" + o));
    }
    return struct(fields.toArray(Column[]::new));
  }
}
