package org.leakscope.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MinHasherTest {
  private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{Nd}]+");

  @Test
  void estimatesTheJaccardSimilarityOfWordShingles() {
    MinHasher h = new MinHasher(256, 5);
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      String a = words(r, 300);
      String b = edited(r, a, 1 + r.nextInt(40));
      double exact = jaccard(shingles(a, 5), shingles(b, 5));
      h.hash(a);
      long[] sa = h.signature().clone();
      h.hash(b);
      double estimate = MinHasher.similarity(sa, h.signature());
      // 256 permutations: standard error sqrt(J(1-J)/256) <= 0.031; 4 of them is far outside chance.
      assertEquals(exact, estimate, 0.125, "estimate off for exact Jaccard " + exact);
    }
  }

  @Test
  void countsShinglesAndIgnoresCaseAndPunctuation() {
    MinHasher h = new MinHasher(64, 3);
    assertEquals(4, h.hash("one two three four five six"));
    long[] plain = h.signature().clone();
    assertEquals(4, h.hash("  One, TWO -- three!\n\nfour (five) six."));
    assertArrayEquals(plain, h.signature());
    assertEquals(0, h.hash("too short"));
    assertEquals(0, h.hash(""));
  }

  @Test
  void wordOrderMatters() {
    MinHasher h = new MinHasher(64, 2);
    h.hash("alpha beta gamma delta");
    long[] one = h.signature().clone();
    h.hash("delta gamma beta alpha");
    assertTrue(MinHasher.similarity(one, h.signature()) < 0.2);
  }

  @Test
  void handlesLettersBeyondTheBasicPlane() {
    MinHasher h = new MinHasher(32, 1);
    assertEquals(2, h.hash("\uD835\uDC00\uD835\uDC01 \u4E2D\u6587"));
    long[] a = h.signature().clone();
    h.hash("\uD835\uDC00\uD835\uDC02 \u4E2D\u6587");
    assertNotEquals(1.0, MinHasher.similarity(a, h.signature()));
  }

  @Test
  void signaturesAreTheSameInEveryRunAndMachine() {
    // Signatures are written to tables and compared across runs: a change here changes every cluster.
    MinHasher h = new MinHasher(4, 2);
    h.hash("the quick brown fox");
    MinHasher again = new MinHasher(4, 2);
    again.hash("the quick brown fox");
    assertArrayEquals(h.signature(), again.signature());
    assertEquals(
        "[-6831987922469662705, -5552120935959541544, -4612322530275355411, -8634989289225612194]",
        java.util.Arrays.toString(h.signature()));
  }

  @Test
  void bandsAgreeExactlyWhenTheirRowsAgree() {
    long[] a = {1, 2, 3, 4, 5, 6};
    long[] b = {1, 2, 3, 9, 5, 6};
    long[] ba = MinHasher.bands(a, 3, 2, new long[3]);
    long[] bb = MinHasher.bands(b, 3, 2, new long[3]);
    assertEquals(ba[0], bb[0]);
    assertNotEquals(ba[1], bb[1]);
    assertEquals(ba[2], bb[2]);
    assertNotEquals(ba[0], ba[2], "the band index is part of the hash");
    assertThrows(IllegalArgumentException.class, () -> MinHasher.bands(a, 4, 2, new long[4]));
  }

  @Test
  void rejectsImpossibleSettings() {
    assertThrows(IllegalArgumentException.class, () -> new MinHasher(0, 5));
    assertThrows(IllegalArgumentException.class, () -> new MinHasher(128, 0));
  }

  static String words(SplittableRandom r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : " ").append("w").append(r.nextInt(2000));
    }
    return sb.toString();
  }

  private static String edited(SplittableRandom r, String text, int changes) {
    String[] w = text.split(" ");
    for (int i = 0; i < changes; i++) {
      w[r.nextInt(w.length)] = "x" + r.nextInt(1_000_000);
    }
    return String.join(" ", w);
  }

  private static Set<String> shingles(String text, int k) {
    String[] w = WORDS.split(text.toLowerCase(Locale.ROOT).trim());
    Set<String> out = new HashSet<>();
    for (int i = 0; i + k <= w.length; i++) {
      out.add(String.join(" ", java.util.Arrays.copyOfRange(w, i, i + k)));
    }
    return out;
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / union.size();
  }
}
