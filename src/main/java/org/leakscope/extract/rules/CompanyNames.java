package org.leakscope.extract.rules;

import java.util.HashSet;
import java.util.Set;

/**
 * Company names reduced to one spelling per organization, so that {@code Contoso Ltd}, {@code CONTOSO LIMITED} and
 * {@code Contoso, Ltd.} count once.
 *
 * <p>Steps: NFKC; case folded ({@link java.util.Locale#ROOT}); Latin, Greek and Cyrillic diacritics removed
 * ({@code Anónima → anonima}); {@code &} spelled {@code and}; apostrophes removed ({@code McDonald's} and
 * {@code McDonalds} are one name); a dot after a single letter and before a letter removed without a space, so
 * abbreviations close up ({@code S.A. → sa}, {@code S.p.A. → spa}, {@code K.K. → kk}); every other character that
 * is not a letter, digit or combining mark becomes a space ({@code Pvt. Ltd. → pvt ltd}); whitespace collapsed;
 * then legal-form suffixes from {@code legal-suffixes.txt} stripped from the end, longest first and repeatedly
 * ({@code acme gmbh and co kg → acme}, {@code acme pty ltd → acme}). A suffix is stripped only if a word remains
 * before it: the first word is never stripped, so {@code Limited} stays {@code limited}.
 *
 * <p>Rejection reasons: {@code empty} (null or blank), {@code not_a_name} (no letter at all: {@code 12345},
 * {@code ---}).
 */
public final class CompanyNames {
  private static final Set<String> SUFFIXES = new HashSet<>(EntityLists.lines(EntityLists.LEGAL_SUFFIXES));
  private static final int MAX_SUFFIX_WORDS = maxWords(SUFFIXES);

  private CompanyNames() {}

  /** The normalized company name, or why the value is not one. */
  public static Normalized normalize(String raw) {
    if (raw == null) {
      return Normalized.rejected("empty");
    }
    String s = Text.nfkc(raw).strip();
    if (s.isEmpty()) {
      return Normalized.rejected("empty");
    }
    if (!Text.hasLetter(s)) {
      return Normalized.rejected("not_a_name");
    }
    return Normalized.ok(stripSuffixes(words(Text.stripDiacritics(Text.fold(s)))));
  }

  /**
   * The folded text as words separated by single spaces: {@code &} as {@code and}, apostrophes and abbreviation
   * dots removed, other punctuation as spaces (see the class comment).
   */
  static String words(String folded) {
    int n = folded.length();
    StringBuilder sb = new StringBuilder(n + 8);
    boolean pendingSpace = false;
    for (int i = 0; i < n; ) {
      int cp = folded.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (Text.isWordChar(cp)) {
        if (pendingSpace && sb.length() > 0) {
          sb.append(' ');
        }
        pendingSpace = false;
        sb.appendCodePoint(cp);
      } else if (cp == '&') {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append("and");
        pendingSpace = true;
      } else if (isApostrophe(cp) || (cp == '.' && isAbbreviationDot(folded, i))) {
        // removed without a space
      } else {
        pendingSpace = true;
      }
      i = next;
    }
    return sb.toString();
  }

  private static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == '’' || cp == '‘' || cp == 'ʼ' || cp == '`' || cp == '´';
  }

  /** A dot after a one-letter word and directly before a letter: {@code s.a}, {@code s.p.a}. */
  private static boolean isAbbreviationDot(String s, int dot) {
    return dot >= 1
        && dot + 1 < s.length()
        && Character.isLetter(s.charAt(dot - 1))
        && (dot == 1 || !Text.isWordChar(s.charAt(dot - 2)))
        && Character.isLetter(s.charAt(dot + 1));
  }

  /** Strips legal-form suffixes from words separated by single spaces; see the class comment. */
  static String stripSuffixes(String words) {
    int[] starts = wordStarts(words);
    int count = starts.length;
    int end = words.length(); // the kept text is words[0, end)
    boolean stripped = true;
    while (stripped && count > 1) {
      stripped = false;
      for (int k = Math.min(MAX_SUFFIX_WORDS, count - 1); k >= 1; k--) {
        int from = starts[count - k];
        if (SUFFIXES.contains(words.substring(from, end))) {
          count -= k;
          end = from - 1; // the space before the suffix
          stripped = true;
          break;
        }
      }
    }
    return end == words.length() ? words : words.substring(0, end);
  }

  private static int[] wordStarts(String words) {
    int count = words.isEmpty() ? 0 : 1;
    for (int i = 0; i < words.length(); i++) {
      if (words.charAt(i) == ' ') {
        count++;
      }
    }
    int[] starts = new int[count];
    for (int i = 0, w = 1; i < words.length() && w < count; i++) {
      if (words.charAt(i) == ' ') {
        starts[w++] = i + 1;
      }
    }
    return starts;
  }

  private static int maxWords(Set<String> suffixes) {
    int max = 1;
    for (String s : suffixes) {
      max = Math.max(max, s.split(" ").length);
    }
    return max;
  }

}
