package org.leakscope.ingest;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Scans over byte arrays eight bytes at a time: most of a mail dump is ASCII text, and the readers' hot loops (is
 * this UTF-8, where is the next '=') spend their time skipping bytes that need no work.
 */
public final class Bytes {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private Bytes() {}

  /** The index of the first byte in {@code [from, to)} with its high bit set, or {@code to} when all are ASCII. */
  public static int firstNonAscii(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long high = (long) LONGS.get(b, i) & HIGHS;
      if (high != 0) {
        return i + (Long.numberOfTrailingZeros(high) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] < 0) {
        return i;
      }
    }
    return to;
  }

  /** The index of the first {@code target} byte in {@code [from, to)}, or -1. */
  public static int indexOf(byte[] b, int from, int to, byte target) {
    long pattern = (target & 0xFFL) * ONES;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      // A zero byte of x is a match; the lowest flagged byte is always a true one (the trick's false positives only
      // ever sit above a true match).
      long found = (x - ONES) & ~x & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }
}
