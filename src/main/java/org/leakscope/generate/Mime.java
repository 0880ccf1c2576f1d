package org.leakscope.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Transfer encodings for generated bodies; every encoding decodes back to exactly the same text. */
final class Mime {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Mime() {}

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  static String base64(String text) {
    return Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "\n";
  }

  /** Quoted-printable (RFC 2045) of the UTF-8 bytes: hard line breaks kept, lines cut at 76 with soft breaks. */
  static String quotedPrintable(String text) {
    // Char by char, each char's UTF-8 bytes made on the spot (a line feed never occurs inside a multi-byte one),
    // into an ASCII buffer that becomes a compact string without another copy through a builder.
    QpBuffer out = new QpBuffer(text.length() + text.length() / 8 + 16);
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        out.lineBreak();
      } else if (c < 0x80) {
        out.put(c, i == n - 1 || text.charAt(i + 1) == '\n');
      } else if (c < 0x800) {
        out.put(0xC0 | (c >> 6), false);
        out.put(0x80 | (c & 0x3F), false);
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out.put(0xF0 | (cp >> 18), false);
        out.put(0x80 | ((cp >> 12) & 0x3F), false);
        out.put(0x80 | ((cp >> 6) & 0x3F), false);
        out.put(0x80 | (cp & 0x3F), false);
      } else if (Character.isSurrogate(c)) {
        // A lone surrogate: String.getBytes writes '?' for it.
        out.put('?', i == n - 1 || text.charAt(i + 1) == '\n');
      } else {
        out.put(0xE0 | (c >> 12), false);
        out.put(0x80 | ((c >> 6) & 0x3F), false);
        out.put(0x80 | (c & 0x3F), false);
      }
    }
    return out.toString();
  }

  /** Quoted-printable output: literal bytes or =XX, with a soft break first when a line would pass 75. */
  private static final class QpBuffer {
    private byte[] buf;
    private int len;
    private int col;

    QpBuffer(int capacity) {
      buf = new byte[capacity];
    }

    void lineBreak() {
      room(1);
      buf[len++] = '\n';
      col = 0;
    }

    void put(int c, boolean lastOfLine) {
      boolean literal = (c >= 33 && c <= 126 && c != '=') || (c == ' ' && !lastOfLine);
      int width = literal ? 1 : 3;
      room(width + 2);
      if (col + width > 75) {
        buf[len++] = '=';
        buf[len++] = '\n';
        col = 0;
      }
      if (literal) {
        buf[len++] = (byte) c;
      } else {
        buf[len++] = '=';
        buf[len++] = (byte) HEX[c >>> 4];
        buf[len++] = (byte) HEX[c & 0xF];
      }
      col += width;
    }

    private void room(int n) {
      if (len + n > buf.length) {
        buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }

    @Override
    public String toString() {
      return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
    }
  }

  /** Paragraphs (split at blank lines, as {@code String.split("\n\n")} does) as HTML, text escaped. */
  static String html(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 64).append("<html><body>\n");
    for (String para : paragraphs(text)) {
      sb.append("<p>");
      for (int i = 0; i < para.length(); i++) {
        char c = para.charAt(i);
        switch (c) {
          case '&' -> sb.append("&amp;");
          case '<' -> sb.append("&lt;");
          case '>' -> sb.append("&gt;");
          case '\n' -> sb.append("<br>\n");
          default -> sb.append(c);
        }
      }
      sb.append("</p>\n");
    }
    return sb.append("</body></html>\n").toString();
  }

  /** {@code text.split("\n\n")} without a regular expression: trailing empty parts dropped. */
  static List<String> paragraphs(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int at = text.indexOf("\n\n"); at >= 0; at = text.indexOf("\n\n", start)) {
      parts.add(text.substring(start, at));
      start = at + 2;
    }
    if (parts.isEmpty()) {
      return List.of(text);
    }
    parts.add(text.substring(start));
    while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    return parts;
  }
}
