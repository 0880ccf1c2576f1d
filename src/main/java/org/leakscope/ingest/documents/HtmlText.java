package org.leakscope.ingest.documents;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/** HTML to readable text with jsoup: block elements and line breaks become newlines; scripts and styles are dropped. */
public final class HtmlText {
  private static final Set<String> BLOCKS =
      Set.of(
          "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote",
          "pre", "hr", "section", "article", "header", "footer", "title", "dd", "dt");

  private HtmlText() {}

  public static String toText(String html) {
    Document doc = Jsoup.parse(html);
    doc.select("script, style, noscript").remove();
    StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 20));
    doc.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
              out.append(t.text());
            } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
              newline(out);
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
              newline(out);
            }
          }
        });
    return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
  }

  private static void newline(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }
}
