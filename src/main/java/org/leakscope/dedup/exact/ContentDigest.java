package org.leakscope.dedup.exact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.leakscope.ingest.Hashing;

/**
 * SHA-256 over a sequence of fields, each encoded as UTF-8 and ended by a separator byte that UTF-8 text cannot
 * contain, so field boundaries cannot be forged by the content. Text fields can be fed with whitespace collapsed on
 * the fly. One instance per task: it reuses its buffers.
 */
final class ContentDigest {
  private static final byte SEPARATOR = (byte) 0xFF; // never a byte of UTF-8
  private final MessageDigest md = Hashing.sha256();
  private final byte[] buffer = new byte[8192];
  private int used;

  void field(String value) {
    append(value == null ? "" : value, false);
    end();
  }

  /** A text field with every whitespace run as one space and both ends trimmed. */
  void collapsed(String value) {
    append(value == null ? "" : value, true);
    end();
  }

  String finishHex() {
    flush();
    return HexFormat.of().formatHex(md.digest());
  }

  /** The collapsed form of a value as a string (for values that are sorted before they are hashed). */
  static String collapse(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(value.length());
    boolean pending = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isSpace(c)) {
        pending = sb.length() > 0;
      } else {
        if (pending) {
          sb.append(' ');
          pending = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
  }

  private void append(String s, boolean collapse) {
    boolean pending = false;
    boolean any = false;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (collapse && isSpace(c)) {
        pending = any;
        continue;
      }
      if (pending) {
        put((byte) ' ');
        pending = false;
      }
      any = true;
      if (c < 0x80) {
        put((byte) c);
      } else if (c < 0x800) {
        put((byte) (0xC0 | (c >> 6)));
        put((byte) (0x80 | (c & 0x3F)));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        put((byte) (0xF0 | (cp >> 18)));
        put((byte) (0x80 | ((cp >> 12) & 0x3F)));
        put((byte) (0x80 | ((cp >> 6) & 0x3F)));
        put((byte) (0x80 | (cp & 0x3F)));
      } else if (Character.isSurrogate(c)) {
        for (byte b : "\uFFFD".getBytes(StandardCharsets.UTF_8)) { // a lone surrogate, as Java's encoder writes it
          put(b);
        }
      } else {
        put((byte) (0xE0 | (c >> 12)));
        put((byte) (0x80 | ((c >> 6) & 0x3F)));
        put((byte) (0x80 | (c & 0x3F)));
      }
    }
  }

  private void end() {
    put(SEPARATOR);
  }

  private void put(byte b) {
    if (used == buffer.length) {
      flush();
    }
    buffer[used++] = b;
  }

  private void flush() {
    md.update(buffer, 0, used);
    used = 0;
  }
}
