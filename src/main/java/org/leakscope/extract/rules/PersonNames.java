package org.leakscope.extract.rules;

/**
 * Person names as mail headers and exports write them: {@code "Okafor, Ana"} and {@code Ana Okafor} are one name.
 * Normalized: surrounding quotes removed, {@code Last, First} turned to {@code First Last} (exactly one comma, a
 * word on each side), Unicode NFKC, case-folded, whitespace collapsed. Person names are not a metric; they are
 * listed on the users they belong to.
 *
 * <p>Reasons: {@code empty}; {@code not_a_name} (an {@code @}, or no letter at all).
 */
public final class PersonNames {
  private PersonNames() {}

  public static Normalized normalize(String raw) {
    if (raw == null) {
      return Normalized.rejected("empty");
    }
    String s = collapse(Text.nfkc(raw));
    while (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')
        && s.charAt(s.length() - 1) == s.charAt(0)) {
      s = s.substring(1, s.length() - 1).strip();
    }
    if (s.isEmpty()) {
      return Normalized.rejected("empty");
    }
    if (s.indexOf('@') >= 0 || !Text.hasLetter(s)) {
      return Normalized.rejected("not_a_name");
    }
    int comma = s.indexOf(',');
    if (comma > 0 && comma == s.lastIndexOf(',')) {
      String last = s.substring(0, comma).strip();
      String first = s.substring(comma + 1).strip();
      if (!last.isEmpty() && !first.isEmpty()) {
        s = first + " " + last;
      }
    }
    return Normalized.ok(collapse(Text.fold(s)));
  }

  /** A name from separate first and last fields (either may be null). */
  public static String join(String first, String last) {
    String f = first == null ? "" : first.strip();
    String l = last == null ? "" : last.strip();
    return f.isEmpty() ? l : l.isEmpty() ? f : f + " " + l;
  }

  private static String collapse(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
