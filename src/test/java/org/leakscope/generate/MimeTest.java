package org.leakscope.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator's fast encoders give exactly what the plain definitions give (the dumps must not change). */
class MimeTest {
  private static final List<String> TRICKY = List.of("", "\n", "\n\n", "a\n\n\nb", "x\n\n", "\n\nx",
      "trailing space \nnext", "ends with space ", "tab\tand = sign", "Zoë Łukasz Ørsted, naïve café",
      "emoji \uD83D\uDE00 ok", "lone \uD800 surrogate", "lone low \uDC00", "a".repeat(200),
      "é".repeat(60) + " " + "x".repeat(80), "=".repeat(30), "line one\nline two\n\nparagraph <b>&</b>\n");

  @Test
  void quotedPrintableIsRfc2045OfTheUtf8Bytes() {
    for (String text : trickyAndRandom(7, "ab =\n\t<>&éŁ\uD83D\uDE00~", 300)) {
      assertEquals(reference(text),
          new String(Mime.quotedPrintableBytes(text), StandardCharsets.ISO_8859_1), text);
    }
  }

  @Test
  void htmlEscapesEachParagraphAndBreaksItsLines() {
    for (String text : trickyAndRandom(11, "ab \n\n<>&;é", 200)) {
      assertEquals(referenceHtml(text), Mime.html(text), text);
    }
  }

  @Test
  void paragraphsSplitLikeStringSplit() {
    for (String text : TRICKY) {
      assertEquals(Arrays.asList(text.split("\n\n")), Mime.paragraphs(text), text);
    }
  }

  /** The tricky texts and 2,000 random ones of up to {@code maxLength} chars from {@code alphabet}. */
  private static List<String> trickyAndRandom(long seed, String alphabet, int maxLength) {
    List<String> inputs = new ArrayList<>(TRICKY);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(maxLength);
      for (int j = 0; j < n; j++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      inputs.add(b.toString());
    }
    return inputs;
  }

  /** The plain definition: each paragraph of {@code split("\n\n")} in a p element, char by char. */
  private static String referenceHtml(String text) {
    StringBuilder sb = new StringBuilder("<html><body>\n");
    for (String para : text.split("\n\n")) {
      sb.append("<p>");
      for (char c : para.toCharArray()) {
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

  /** The plain definition: per line, its UTF-8 bytes, literal or =XX, soft breaks before column 76. */
  private static String reference(String text) {
    char[] hex = "0123456789ABCDEF".toCharArray();
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int l = 0; l < lines.length; l++) {
      byte[] b = lines[l].getBytes(StandardCharsets.UTF_8);
      int col = 0;
      for (int i = 0; i < b.length; i++) {
        int c = b[i] & 0xFF;
        boolean literal = (c >= 33 && c <= 126 && c != '=') || (c == ' ' && i != b.length - 1);
        int width = literal ? 1 : 3;
        if (col + width > 75) {
          out.append("=\n");
          col = 0;
        }
        if (literal) {
          out.append((char) c);
        } else {
          out.append('=').append(hex[c >>> 4]).append(hex[c & 0xF]);
        }
        col += width;
      }
      if (l < lines.length - 1) {
        out.append('\n');
      }
    }
    return out.toString();
  }
}
