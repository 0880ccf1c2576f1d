package org.leakscope.ingest.mail;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuotedPrintableTest {
  @Test
  void softBreaksEscapesAndMalformedEscapes() {
    QuotedPrintable.Decoded d = decode("caf=C3=A9 =\r\nsoft=  \nbreak =ZZ end=");
    assertEquals("café softbreak =ZZ end", new String(d.bytes(), 0, d.len(), UTF_8));
    assertEquals(1, d.malformed());
  }

  /** The run-copying loop decodes exactly as the byte-by-byte loop it replaced, on random QP-ish input. */
  @Test
  void matchesTheByteByByteDecoder() {
    Random r = new Random(3);
    String[] pieces =
        {"=", "=\r\n", "=\n", "= \t\n", "=3D", "=c3", "=A9", "=G1", "a", "bc", " ", "\r\n", "\u00e9", "x"};
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      for (int k = r.nextInt(30); k > 0; k--) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      byte[] in = sb.toString().getBytes(ISO_8859_1);
      QuotedPrintable.Decoded got = QuotedPrintable.decode(in, in.length);
      Reference want = reference(in, in.length);
      assertArrayEquals(want.bytes, Arrays.copyOf(got.bytes(), got.len()), sb::toString);
      assertEquals(want.malformed, got.malformed(), sb::toString);
    }
  }

  private static QuotedPrintable.Decoded decode(String s) {
    byte[] b = s.getBytes(US_ASCII);
    return QuotedPrintable.decode(b, b.length);
  }

  private record Reference(byte[] bytes, int malformed) {}

  /** The decoder as it was before it copied literal runs in bulk. */
  private static Reference reference(byte[] in, int len) {
    byte[] out = new byte[len];
    int o = 0;
    int malformed = 0;
    int i = 0;
    while (i < len) {
      byte b = in[i];
      if (b != '=') {
        out[o++] = b;
        i++;
        continue;
      }
      int j = i + 1;
      while (j < len && (in[j] == ' ' || in[j] == '\t')) {
        j++;
      }
      if (j < len && (in[j] == '\n' || (in[j] == '\r' && j + 1 < len && in[j + 1] == '\n'))) {
        i = in[j] == '\r' ? j + 2 : j + 1;
        continue;
      }
      if (j == len) {
        i = len;
        continue;
      }
      int hi = i + 2 < len ? Character.digit(in[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
      if (hi >= 0 && lo >= 0) {
        out[o++] = (byte) ((hi << 4) | lo);
        i += 3;
      } else {
        out[o++] = b;
        malformed++;
        i++;
      }
    }
    return new Reference(Arrays.copyOf(out, o), malformed);
  }
}
