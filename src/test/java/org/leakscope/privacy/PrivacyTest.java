package org.leakscope.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakscope.io.OutputLayout;
import org.leakscope.testing.SparkTestSession;

/** Keyed tokens, the key's sources, and small-count suppression, on tiny named fixtures. */
class PrivacyTest {
  private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  @TempDir Path tmp;

  @Test
  void aTokenIsTheHmacSha256OfTheValueUnderTheKey() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    String expected = "tk-" + HexFormat.of().formatHex(mac.doFinal("ana@contoso.com".getBytes(StandardCharsets.UTF_8)),
        0, 16);
    Tokens tokens = new Tokens(KEY);
    assertEquals(expected, tokens.token("ana@contoso.com"));
    assertNull(tokens.token((String) null));
    byte[] other = KEY.clone();
    other[0] = 1;
    assertNotEquals(tokens.token("ana@contoso.com"), new Tokens(other).token("ana@contoso.com"), "another key");
    assertTrue(tokens.userId("us-0123456789abcdef").matches("us-[0-9a-f]{16}"));
    assertThrows(IllegalArgumentException.class, () -> new Tokens(new byte[8]));
  }

  @Test
  void repeatedAndCollidingValuesGetTheirOwnTokensFromTheCache() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    Tokens tokens = new Tokens(KEY);
    // "Aa" and "BB" have the same String hash, so they share a cache slot and evict each other.
    for (int round = 0; round < 3; round++) {
      for (String v : List.of("Aa", "BB", "Aa", "ana@contoso.com", "BB")) {
        String expected =
            "tk-" + HexFormat.of().formatHex(mac.doFinal(v.getBytes(StandardCharsets.UTF_8)), 0, 16);
        assertEquals(expected, tokens.token(v), v + " in round " + round);
      }
    }
    assertNotEquals(tokens.userId("Aa"), tokens.token("Aa"), "user ids and values are cached apart");
    assertEquals(tokens.userId("Aa"), new Tokens(KEY).userId("Aa"));
  }

  @Test
  void theSparkColumnsGiveTheSameTokensOnScalarsAndArrays() {
    SparkSession spark = SparkTestSession.get();
    Tokens tokens = new Tokens(KEY);
    StructType schema = new StructType().add("v", DataTypes.StringType)
        .add("vs", DataTypes.createArrayType(DataTypes.StringType));
    Dataset<Row> data = spark.createDataFrame(List.of(RowFactory.create("a@b.com", List.of("x", "a@b.com").toArray()),
        RowFactory.create(null, null)), schema);
    List<Row> rows = data.select(tokens.token(data.col("v")), tokens.tokenEach(data.col("vs"))).collectAsList();
    assertEquals(tokens.token("a@b.com"), rows.get(0).getString(0));
    assertEquals(List.of(tokens.token("x"), tokens.token("a@b.com")), rows.get(0).getList(1));
    assertTrue(rows.get(1).isNullAt(0) && rows.get(1).isNullAt(1));
  }

  @Test
  void theKeyComesFromTheFileTheEnvironmentTheRunOrIsGeneratedOnce() throws Exception {
    OutputLayout out = new OutputLayout(tmp.resolve("run").toString());
    Configuration conf = new Configuration();
    Path file = tmp.resolve("key.txt");
    Files.writeString(file, HexFormat.of().formatHex(KEY) + "\n");
    PseudonymKey fromFile = PseudonymKey.resolve(file.toString(), Map.of(), out, conf);
    assertEquals(HexFormat.of().formatHex(KEY), HexFormat.of().formatHex(fromFile.bytes()));
    String base64 = java.util.Base64.getEncoder().encodeToString(KEY);
    assertEquals(HexFormat.of().formatHex(KEY), HexFormat.of().formatHex(
        PseudonymKey.resolve(null, Map.of(PseudonymKey.ENV, base64), out, conf).bytes()));
    PseudonymKey generated = PseudonymKey.resolve(null, Map.of(), out, conf);
    assertTrue(generated.generated());
    assertTrue(Files.exists(Path.of(out.generatedKey())));
    PseudonymKey again = PseudonymKey.resolve(null, Map.of(), out, conf);
    assertEquals(HexFormat.of().formatHex(generated.bytes()), HexFormat.of().formatHex(again.bytes()),
        "a re-run reuses the generated key, so its tokens do not change");
    IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
        () -> PseudonymKey.resolve(null, Map.of(PseudonymKey.ENV, "abcd"), out, conf));
    assertTrue(shortKey.getMessage().contains("$" + PseudonymKey.ENV) && !shortKey.getMessage().contains("abcd"),
        "the error names where the key came from, never the key: " + shortKey.getMessage());
  }

  private static final StructType CELLS = new StructType().add("margin", DataTypes.StringType)
      .add("key", DataTypes.StringType).add("n", DataTypes.LongType);

  private static Map<String, String> suppressed(List<Row> input, int k) {
    SparkSession spark = SparkTestSession.get();
    Dataset<Row> out = new Suppression(k).apply(spark.createDataFrame(input, CELLS), List.of("n"), Map.of(),
        List.of("margin"), List.of("key"));
    Map<String, String> cells = new TreeMap<>();
    for (Row r : out.collectAsList()) {
      String hidden = r.getAs(Suppression.SUPPRESSED);
      assertEquals(r.isNullAt(2) && hidden != null, "n".equals(hidden), "hidden cells and only they are named");
      cells.put(r.getString(0) + "/" + r.getString(1),
          hidden != null ? "hidden" : r.isNullAt(2) ? "none" : Long.toString(r.getLong(2)));
    }
    return cells;
  }

  @Test
  void aSmallCountIsHiddenWithTheSmallestOtherCellOfItsMargin() {
    Map<String, String> cells = suppressed(List.of(
        RowFactory.create("ES", "a", 3L), RowFactory.create("ES", "b", 40L), RowFactory.create("ES", "c", 12L),
        RowFactory.create("FR", "d", 2L), RowFactory.create("FR", "e", 4L), RowFactory.create("FR", "f", 9L),
        RowFactory.create("DE", "g", 7L), RowFactory.create("DE", "h", 0L), RowFactory.create("DE", "i", 8L),
        RowFactory.create("IT", "j", 1L), RowFactory.create("IT", "k", 0L)), 5);
    assertEquals("hidden", cells.get("ES/a"), "primary");
    assertEquals("hidden", cells.get("ES/c"), "complementary: the smallest other cell");
    assertEquals("40", cells.get("ES/b"));
    assertEquals("hidden", cells.get("FR/d"));
    assertEquals("hidden", cells.get("FR/e"), "two primaries protect each other");
    assertEquals("9", cells.get("FR/f"));
    assertEquals("7", cells.get("DE/g"));
    assertEquals("0", cells.get("DE/h"), "zero is not hidden for itself");
    assertEquals("hidden", cells.get("IT/j"));
    assertEquals("hidden", cells.get("IT/k"), "a zero is the complement when nothing else is left");
  }

  @Test
  void aCellWithoutACountIsNeverTheComplementAndRowsWithoutAMarginAreOneMargin() {
    Map<String, String> cells = suppressed(List.of(
        RowFactory.create("PT", "a", 2L), RowFactory.create("PT", "b", null), RowFactory.create("PT", "c", 9L),
        RowFactory.create("PT", "d", 30L),
        RowFactory.create(null, "x", 3L), RowFactory.create(null, "y", 20L), RowFactory.create(null, "z", 50L)), 5);
    assertEquals("hidden", cells.get("PT/a"));
    assertEquals("hidden", cells.get("PT/c"), "the smallest other cell with a count, not the one without");
    assertEquals("none", cells.get("PT/b"));
    assertEquals("30", cells.get("PT/d"));
    assertEquals("hidden", cells.get("null/x"));
    assertEquals("hidden", cells.get("null/y"), "rows without a margin value are checked together");
    assertEquals("50", cells.get("null/z"));
  }

  @Test
  void kOfOneHidesNothing() {
    assertEquals(Map.of("ES/a", "3"), suppressed(List.<Row>of(RowFactory.create("ES", "a", 3L)), 1));
    assertThrows(IllegalArgumentException.class, () -> new Suppression(0));
  }
}
