package org.leakscope.extract.rules;

import java.text.Normalizer;
import java.util.Locale;

/** Unicode helpers shared by the normalizers; every one returns its argument unchanged when there is nothing to do. */
final class Text {
  private Text() {}

  static boolean isAscii(CharSequence s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  static String nfkc(String s) {
    return isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
  }

  static String nfc(String s) {
    return isAscii(s) || Normalizer.isNormalized(s, Normalizer.Form.NFC)
        ? s
        : Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /**
   * Lower-cases with {@link Locale#ROOT} and applies the two full case foldings that matter in names and that
   * {@code toLowerCase} leaves alone: {@code ß → ss} and final sigma {@code ς → σ}. (Ligatures such as {@code ﬁ} are
   * handled by NFKC, which callers apply first.)
   */
  static String fold(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (isAscii(lower) || (lower.indexOf('ß') < 0 && lower.indexOf('ς') < 0)) {
      return lower;
    }
    return lower.replace("ß", "ss").replace('ς', 'σ');
  }

  /**
   * Removes the diacritics of Latin, Greek and Cyrillic letters ({@code é → e}, {@code ö → o}, {@code ё → е}): the
   * marks in the combining-diacritics blocks, after NFD, recomposed to NFC afterwards.
   *
   * <p>Deliberately not every combining mark ({@code \p{M}}): in Indic scripts vowel signs are marks, and in Japanese
   * the voicing marks are, so stripping them all merges different words (Hindi "Togo" and "Tonga" become one key;
   * ガス becomes カス).
   */
  static String stripDiacritics(String s) {
    if (isAscii(s)) {
      return s;
    }
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder sb = null;
    for (int i = 0, n = d.length(); i < n; i++) {
      char c = d.charAt(i);
      if (isDiacritic(c)) {
        if (sb == null) {
          sb = new StringBuilder(n).append(d, 0, i);
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : Normalizer.normalize(sb, Normalizer.Form.NFC);
  }

  static boolean isDiacritic(char c) {
    return (c >= '\u0300' && c <= '\u036F') // Combining Diacritical Marks
        || (c >= '\u1AB0' && c <= '\u1AFF') // ... Extended
        || (c >= '\u1DC0' && c <= '\u1DFF') // ... Supplement
        || (c >= '\u20D0' && c <= '\u20FF') // ... for Symbols
        || (c >= '\uFE20' && c <= '\uFE2F'); // Combining Half Marks
  }

  /** Letters, digits and the combining marks that belong to letters in Indic and other scripts. */
  static boolean isWordChar(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  static boolean hasLetter(String s) {
    for (int i = 0, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      if (Character.isLetter(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }
}
