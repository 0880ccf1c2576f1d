package org.leakscope.ingest.mail;

import org.leakscope.ingest.Bytes;

/**
 * Lenient quoted-printable decoding (RFC 2045 §6.7) over a whole part held in memory. mime4j's stream decoder
 * takes about a quarter of all ingest time on QP-heavy mail (measured in BENCHMARKS.md); this loop does the same
 * work in one pass. Soft line breaks ({@code =} before CRLF or LF, trailing blanks allowed) are removed; an
 * {@code =} not followed by two hex digits is kept as written and counted, as mime4j's lenient mode does.
 */
final class QuotedPrintable {
  private QuotedPrintable() {}

  /** The decoded bytes and how many malformed escapes were kept literally. */
  record Decoded(byte[] bytes, int len, int malformed) {}

  static Decoded decode(byte[] in, int len) {
    byte[] out = new byte[len];
    int o = 0;
    int malformed = 0;
    int i = 0;
    while (i < len) {
      int eq = Bytes.indexOf(in, i, len, (byte) '=');
      int end = eq < 0 ? len : eq;
      System.arraycopy(in, i, out, o, end - i); // the literal run up to the next '='
      o += end - i;
      i = end;
      if (eq < 0) {
        break;
      }
      byte b = in[i];
      int j = i + 1;
      while (j < len && (in[j] == ' ' || in[j] == '\t')) {
        j++; // transport may add blanks after a soft break's '='
      }
      if (j < len && (in[j] == '\n' || (in[j] == '\r' && j + 1 < len && in[j + 1] == '\n'))) {
        i = in[j] == '\r' ? j + 2 : j + 1;
        continue;
      }
      if (j == len) {
        i = len; // '=' at the very end: a soft break with its line end cut off
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
    return new Decoded(out, o, malformed);
  }
}
