package org.leakscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time scans agree with a byte-by-byte loop on every offset, length and byte value. */
class BytesTest {
  @Test
  void firstNonAsciiMatchesAByteLoop() {
    Random r = new Random(11);
    for (int n = 0; n < 5_000; n++) {
      byte[] b = randomBytes(r);
      int from = r.nextInt(b.length + 1);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = to;
      for (int i = from; i < to; i++) {
        if (b[i] < 0) {
          expected = i;
          break;
        }
      }
      assertEquals(expected, Bytes.firstNonAscii(b, from, to), () -> "from " + from + " to " + to);
    }
  }

  @Test
  void indexOfMatchesAByteLoopForEveryTargetValue() {
    Random r = new Random(12);
    for (int n = 0; n < 20_000; n++) {
      byte[] b = randomBytes(r);
      byte target = (byte) (n % 4 == 0 ? '=' : r.nextInt(256)); // high bytes, NUL and 0x01 too
      int from = r.nextInt(b.length + 1);
      int to = from + r.nextInt(b.length - from + 1);
      int expected = -1;
      for (int i = from; i < to; i++) {
        if (b[i] == target) {
          expected = i;
          break;
        }
      }
      assertEquals(expected, Bytes.indexOf(b, from, to, target), () -> "target " + target + " from " + from);
    }
  }

  /** Up to 40 bytes drawn mostly from a few values, so that matches and near-matches are frequent. */
  private static byte[] randomBytes(Random r) {
    byte[] pool = {'a', '=', 0, 1, (byte) 0x80, (byte) 0xFF, (byte) 0x3C, (byte) 0xBD, (byte) 0x7F};
    byte[] b = new byte[r.nextInt(41)];
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : pool[r.nextInt(pool.length)];
    }
    return b;
  }
}
