package org.leakscope.generate;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

  /** Quoted-printable (RFC 2045): hard line breaks kept, lines cut at 76 with soft breaks. */
  static String quotedPrintable(String text) {
    StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
    String[] lines = text.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      byte[] b = lines[l].getBytes(StandardCharsets.UTF_8);
      int col = 0;
      for (int i = 0; i < b.length; i++) {
        int c = b[i] & 0xFF;
        boolean last = i == b.length - 1;
        boolean literal = (c >= 33 && c <= 126 && c != '=') || (c == ' ' && !last);
        int width = literal ? 1 : 3;
        if (col + width > 75) {
          out.append("=\n");
          col = 0;
        }
        if (literal) {
          out.append((char) c);
        } else {
          out.append('=').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
        }
        col += width;
      }
      if (l < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  static String html(String text) {
    StringBuilder sb = new StringBuilder("<html><body>\n");
    for (String para : text.split("\n\n")) {
      sb.append("<p>")
          .append(para.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>\n"))
          .append("</p>\n");
    }
    return sb.append("</body></html>\n").toString();
  }
}
