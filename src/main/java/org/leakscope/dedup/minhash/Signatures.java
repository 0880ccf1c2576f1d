package org.leakscope.dedup.minhash;

import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * MinHash signatures of items, computed in one {@link MinHasher} per partition: {@code (item_id, kind, shingles,
 * signature)}, {@code signature} null when the text has fewer words than the shingle size.
 */
public final class Signatures {
  public static final StructType SCHEMA =
      new StructType()
          .add("item_id", StringType, false)
          .add("kind", StringType, false)
          .add("shingles", LongType, false)
          .add("signature", DataTypes.createArrayType(LongType, false), true);

  private Signatures() {}

  /**
   * Signatures of {@code items (item_id, kind, text)}; messages are shingled without their quoted part unless
   * {@code keepQuotes}.
   */
  public static Dataset<Row> of(Dataset<Row> items, int numPerm, int shingleSize, boolean keepQuotes) {
    return items.select("item_id", "kind", "text")
        .mapPartitions(new Compute(numPerm, shingleSize, keepQuotes), Encoders.row(SCHEMA));
  }

  private record Compute(int numPerm, int shingleSize, boolean keepQuotes) implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      MinHasher hasher = new MinHasher(numPerm, shingleSize);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public Row next() {
          Row r = rows.next();
          String kind = r.getString(1);
          String text = r.isNullAt(2) ? "" : r.getString(2);
          CharSequence shingled = !keepQuotes && "email".equals(kind) ? QuoteStripper.ownText(text) : text;
          long shingles = hasher.hash(shingled);
          return RowFactory.create(r.getString(0), kind, shingles, shingles == 0 ? null : hasher.signature().clone());
        }
      };
    }
  }
}
