package org.leakscope.generate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Transfer encodings for generated bodies; every encoding decodes back to exactly the same text. */
final class Mime {
  private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

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

  /**
   * Quoted-printable (RFC 2045) of the UTF-8 bytes, as ASCII bytes: hard line breaks kept, lines cut at 76 with soft
   * breaks. One pass over the UTF-8 bytes (the JDK's encoder is fast; a lone surrogate becomes '?') into a buffer
   * sized for the worst case, so the loop checks no capacity. A line feed is never part of a multi-byte sequence and
   * the bytes of one are never literal, so a byte is the last of its line exactly when a line feed or the end follows
   * it (a space there must be encoded).
   */
  static byte[] quotedPrintableBytes(String text) {
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    int n = in.length;
    // At most three bytes out per byte in, and a soft break (two bytes) per at least 73 bytes out.
    byte[] out = new byte[3 * n + 2 * (3 * n / 73 + 1) + 2];
    int len = 0;
    int col = 0;
    for (int i = 0; i < n; i++) {
      int b = in[i] & 0xFF;
      if (b == '\n') {
        out[len++] = '\n';
        col = 0;
        continue;
      }
      boolean literal = (b >= 33 && b <= 126 && b != '=') || (b == ' ' && i + 1 < n && in[i + 1] != '\n');
      int width = literal ? 1 : 3;
      if (col + width > 75) {
        out[len++] = '=';
        out[len++] = '\n';
        col = 0;
      }
      if (literal) {
        out[len++] = (byte) b;
      } else {
        out[len++] = '=';
        out[len++] = HEX[b >>> 4];
        out[len++] = HEX[b & 0xF];
      }
      col += width;
    }
    return java.util.Arrays.copyOf(out, len);
  }

  /** Paragraphs (split at blank lines, as {@code String.split("\n\n")} does) as HTML, text escaped. */
  static String html(String text) {
    String escaped = text.indexOf('&') < 0 && text.indexOf('<') < 0 && text.indexOf('>') < 0
        ? text
        : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    StringBuilder sb = new StringBuilder(text.length() + 64).append("<html><body>\n");
    for (String para : paragraphs(escaped)) {
      sb.append("<p>").append(para.replace("\n", "<br>\n")).append("</p>\n");
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
