package org.leakscope.ingest.mail;

import org.leakscope.ingest.Bytes;

/** Strict UTF-8 validation in one pass without decoding (no overlongs, no surrogates, nothing above U+10FFFF). */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] b) {
    int n = b.length;
    int i = Bytes.firstNonAscii(b, 0, n);
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xFF;
      int more;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        more = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        more = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        more = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + more >= n) {
        return false;
      }
      int cp = c & (0x3F >> more);
      for (int k = 1; k <= more; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return false;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return false;
      }
      i += more + 1;
    }
    return true;
  }
}
