package org.leakscope.dedup.minhash;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * MinHash signatures of a text's word shingles in one pass over its characters, with no object per token or
 * shingle.
 *
 * <p>Words are maximal runs of letters and digits, lower-cased. Each word is hashed to 64 bits as it is read; a
 * shingle is the last {@code k} word hashes combined; each shingle hash {@code x} is mapped by every permutation
 * {@code i} to {@code a[i] * x + b[i]} (mod 2^64, {@code a[i]} odd, so each map is a bijection of the 64-bit
 * values) and the signature keeps the minimum per permutation. The multipliers are fixed by a constant seed, so
 * signatures are comparable across runs and machines.
 *
 * <p>An instance holds reusable buffers and is not thread-safe: use one per task.
 */
public final class MinHasher {
  /** Seed of the permutations: changing it changes every signature ever written. */
  private static final long PERMUTATION_SEED = 0x6c65616b73636f70L; // "leakscop"

  private final int numPerm;
  private final int shingleSize;
  private final long[] a;
  private final long[] b;
  private final long[] window;
  private final long[] signature;
  private long shingles;

  public MinHasher(int numPerm, int shingleSize) {
    if (numPerm < 1) {
      throw new IllegalArgumentException("num-perm must be at least 1, got " + numPerm);
    }
    if (shingleSize < 1) {
      throw new IllegalArgumentException("shingle size must be at least 1, got " + shingleSize);
    }
    this.numPerm = numPerm;
    this.shingleSize = shingleSize;
    this.a = new long[numPerm];
    this.b = new long[numPerm];
    SplittableRandom r = new SplittableRandom(PERMUTATION_SEED);
    for (int i = 0; i < numPerm; i++) {
      a[i] = r.nextLong() | 1L;
      b[i] = r.nextLong();
    }
    this.window = new long[shingleSize];
    this.signature = new long[numPerm];
  }

  public int numPerm() {
    return numPerm;
  }

  /**
   * Computes the signature of {@code text}; returns the number of shingles hashed (0 when the text has fewer words
   * than the shingle size, in which case the signature is meaningless). The signature is in {@link #signature()}
   * until the next call.
   */
  public long hash(CharSequence text) {
    Arrays.fill(signature, Long.MAX_VALUE);
    shingles = 0;
    long words = 0;
    long word = 0;
    boolean inWord = false;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      int c = text.charAt(i);
      if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        c = Character.toCodePoint((char) c, text.charAt(++i));
      }
      if (Character.isLetterOrDigit(c)) {
        word = (inWord ? word : 0xcbf29ce484222325L) ^ Character.toLowerCase(c);
        word *= 0x100000001b3L; // FNV-1a step per code point
        inWord = true;
      } else if (inWord) {
        addWord(word, words++);
        inWord = false;
      }
    }
    if (inWord) {
      addWord(word, words);
    }
    return shingles;
  }

  private void addWord(long word, long index) {
    window[(int) (index % shingleSize)] = mix(word);
    if (index + 1 < shingleSize) {
      return;
    }
    // The shingle's words in text order, oldest first.
    long x = 0;
    int oldest = (int) ((index + 1) % shingleSize);
    for (int j = 0; j < shingleSize; j++) {
      x = mix(x * 0x9e3779b97f4a7c15L + window[(oldest + j) % shingleSize]);
    }
    for (int i = 0; i < numPerm; i++) {
      long v = a[i] * x + b[i];
      if (v < signature[i]) {
        signature[i] = v;
      }
    }
    shingles++;
  }

  /** The signature of the last text hashed (a view of the internal buffer: copy it to keep it). */
  public long[] signature() {
    return signature;
  }

  /** The fraction of positions where two signatures agree: the estimated Jaccard similarity of their shingles. */
  public static double similarity(long[] x, long[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("signatures differ in length: " + x.length + " and " + y.length);
    }
    int same = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        same++;
      }
    }
    return (double) same / x.length;
  }

  /** SplitMix64's finalizer: spreads a word hash over all 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * The band hashes of a signature: band {@code j} covers positions {@code j*rows .. j*rows+rows-1}; two signatures
   * share a band hash (barring a 64-bit collision) exactly when they agree on all of its rows.
   */
  public static long[] bands(long[] signature, int bands, int rows, long[] out) {
    if ((long) bands * rows > signature.length) {
      throw new IllegalArgumentException(
          bands + " bands of " + rows + " rows need " + (long) bands * rows + " positions, the signature has "
              + signature.length);
    }
    for (int j = 0; j < bands; j++) {
      long h = j;
      for (int r = 0; r < rows; r++) {
        h = mix(h * 0x9e3779b97f4a7c15L + signature[j * rows + r]);
      }
      out[j] = h;
    }
    return out;
  }
}
