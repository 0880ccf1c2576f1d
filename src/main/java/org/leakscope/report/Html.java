package org.leakscope.report;

import java.util.Set;

/**
 * A small HTML writer that escapes by construction: {@link #text} and every attribute value are escaped, and only
 * {@link #raw} takes markup as is (for markup this package built itself, such as {@link Svg} charts). Data from a
 * dump never needs to be escaped by hand.
 *
 * <pre>{@code
 * Html h = new Html();
 * h.open("p", "class", "note").text(companyName).close("p");
 * }</pre>
 */
final class Html {
  /** Tags whose closing tag ends a line, so the page source stays readable. */
  private static final Set<String> BLOCKS = Set.of("html", "head", "body", "main", "section", "article", "header",
      "footer", "div", "p", "h1", "h2", "h3", "ul", "ol", "li", "dl", "dd", "table", "thead", "tbody", "tr",
      "figure", "blockquote", "svg", "g", "rect", "text", "line", "style");

  private final StringBuilder out = new StringBuilder(8192);

  /** Escapes text for use between tags and inside double- or single-quoted attribute values; null is empty. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&#39;";
        default -> null;
      };
      if (r != null && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        if (r != null) {
          b.append(r);
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Opens {@code tag} with attributes given as name, value pairs; a pair whose value is null is left out. Names are
   * the caller's constants; values are escaped.
   */
  Html open(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs; got " + attributes.length);
    }
    out.append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"").append(escape(attributes[i + 1])).append('"');
      }
    }
    out.append('>');
    return this;
  }

  /** A void element such as {@code <meta>}: opened, never closed. */
  Html empty(String tag, String... attributes) {
    open(tag, attributes);
    out.append('\n');
    return this;
  }

  Html close(String tag) {
    out.append("</").append(tag).append('>');
    if (BLOCKS.contains(tag)) {
      out.append('\n');
    }
    return this;
  }

  /** {@code <tag …>text</tag>}, the text escaped. */
  Html el(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  Html text(String s) {
    out.append(escape(s));
    return this;
  }

  /** Markup taken as is: only for markup built by this package, never for data. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
