package org.leakscope.extract.rules;

/**
 * Person display names, as in mail headers ({@code "Doe, Jane" <jane@…>}) and contact exports, reduced to one
 * spelling per name: {@code Jane Doe}, {@code "Doe, Jane"} and {@code JANE  DOE} are all {@code jane doe}.
 *
 * <p>Steps: NFKC; trimmed; surrounding quotes removed ({@code "…"}, {@code '…'}, {@code “…”}, {@code ‘…’},
 * {@code «…»}, {@code „…“}); {@code Last, First} turned into {@code First Last} when there is exactly one comma and
 * both sides have a letter; case folded ({@link java.util.Locale#ROOT}); whitespace collapsed to one space.
 * Accents and other punctuation are kept: in a person's name they are part of the name.
 *
 * <p>Rejection reasons: {@code empty} (null, blank, or only quotes), {@code not_a_name} (contains {@code @}, so it
 * is an address used as a display name, or has no letter).
 */
public final class PersonNames {
  private static final String OPENING_QUOTES = "\"'“‘«„";
  private static final String CLOSING_QUOTES = "\"'”’»“";

  private PersonNames() {}

  /** The normalized display name, or why the value is not one. */
  public static Normalized normalize(String raw) {
    if (raw == null) {
      return Normalized.rejected("empty");
    }
    String s = unquote(Text.nfkc(raw).strip());
    if (s.isEmpty()) {
      return Normalized.rejected("empty");
    }
    if (s.indexOf('@') >= 0 || !Text.hasLetter(s)) {
      return Normalized.rejected("not_a_name");
    }
    return Normalized.ok(collapseWhitespace(Text.fold(lastCommaFirst(s))));
  }

  /**
   * A display name from separate first and last name fields: the trimmed parts joined by a space, either part
   * alone when the other is null or blank, null when both are. Pass the result to {@link #normalize}.
   */
  public static String join(String first, String last) {
    String f = first == null ? "" : first.strip();
    String l = last == null ? "" : last.strip();
    if (f.isEmpty()) {
      return l.isEmpty() ? null : l;
    }
    return l.isEmpty() ? f : f + ' ' + l;
  }

  private static String unquote(String s) {
    while (s.length() >= 2) {
      int kind = OPENING_QUOTES.indexOf(s.charAt(0));
      if (kind < 0 || s.charAt(s.length() - 1) != CLOSING_QUOTES.charAt(kind)) {
        break;
      }
      s = s.substring(1, s.length() - 1).strip();
    }
    return s;
  }

  /** {@code Last, First} as {@code First Last} when there is exactly one comma and a letter on both sides. */
  private static String lastCommaFirst(String s) {
    int comma = s.indexOf(',');
    if (comma < 0 || s.indexOf(',', comma + 1) >= 0) {
      return s;
    }
    String last = s.substring(0, comma).strip();
    String first = s.substring(comma + 1).strip();
    return Text.hasLetter(last) && Text.hasLetter(first) ? first + ' ' + last : s;
  }

  private static String collapseWhitespace(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        pendingSpace = sb.length() > 0;
      } else {
        if (pendingSpace) {
          sb.append(' ');
          pendingSpace = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
