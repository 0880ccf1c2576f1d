package org.leakscope.extract.rules;

import java.text.Normalizer;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Country fields of any spelling reduced to ISO 3166-1 alpha-2 codes: {@code DE}, {@code deu}, {@code Germany},
 * {@code Deutschland}, {@code Allemagne} and {@code ALEMANIA} are all {@code DE}.
 *
 * <p>The table is built once per JVM, on first use, from what the JDK already carries: the alpha-2 and alpha-3
 * codes, and every display name that the JDK's CLDR locale data gives for each country in each language of
 * {@link Locale#getAvailableLocales()} (about 250 countries × 210 languages). The hand-maintained
 * {@code country-variants.txt} adds abbreviations, former and formal names ({@code UK}, {@code Holland},
 * {@code Korea, Republic of}). Building it takes 1.1–1.3 s in a cold JVM on a 2-core machine (JDK 17, measured
 * around the first {@code normalize} call): 0.9–1.1 s of it is the JDK loading the locale-name bundles of 212
 * languages, 0.2 s computing our keys. It happens once per executor JVM, and {@link #nameOf} does not trigger it.
 *
 * <p>Names are matched by a key: case folded, NFKD, accents removed, the punctuation {@code . , ' ’ ( )} dropped,
 * hyphens and whitespace collapsed to one space, a leading {@code the} dropped. Precedence, lowest first:
 *
 * <ol>
 *   <li>CLDR names; a key that names two different countries in two languages ("Kongo") is ambiguous and dropped,
 *       and a name whose key is two ASCII letters never enters (it would shadow a code); English names also enter
 *       with {@code &} spelled "and" and {@code St.} spelled "Saint", and names with a parenthesized part also
 *       without it ({@code Myanmar (Burma)} is also {@code Myanmar});
 *   <li>alpha-3 codes ({@link Locale#getISO3Country()});
 *   <li>alpha-2 codes;
 *   <li>the variants file, which decides ambiguous keys (its tests keep it from redefining a code).
 * </ol>
 */
public final class Countries {
  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  private Countries() {}

  /** Built on first use of {@link #normalize}, so {@link #nameOf} never pays for it. */
  private static final class Table {
    static final Map<String, String> BY_KEY = build();
  }

  /**
   * The ISO 3166-1 alpha-2 code (upper case) of a country given by code, name or common variant in any case, or
   * null when it names no country or is ambiguous ({@code Atlantis}, {@code ??}, blank, null).
   */
  public static String normalize(String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.length() == 2 && isAsciiLetter(raw.charAt(0)) && isAsciiLetter(raw.charAt(1))) {
      String code = raw.toUpperCase(Locale.ROOT);
      if (ISO_COUNTRIES.contains(code)) {
        return code;
      }
    }
    String key = key(raw);
    return key.isEmpty() ? null : Table.BY_KEY.get(key);
  }

  /** The English name of a country for reports ({@code DE → Germany}), or null when it is not an ISO code. */
  public static String nameOf(String alpha2) {
    if (alpha2 == null) {
      return null;
    }
    String code = alpha2.strip().toUpperCase(Locale.ROOT);
    return ISO_COUNTRIES.contains(code) ? new Locale("", code).getDisplayCountry(Locale.ENGLISH) : null;
  }

  /**
   * The matching key of a name; see the class comment. Decomposes with NFKD and drops the diacritics without
   * recomposing: the key only has to agree with itself, and one normalization pass instead of three matters when
   * the table is built from 50,000 names.
   */
  static String key(String raw) {
    String folded = Text.fold(raw);
    String s = Text.isAscii(folded) ? folded : Normalizer.normalize(folded, Normalizer.Form.NFKD);
    StringBuilder sb = new StringBuilder(s.length());
    boolean pendingSpace = false;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c == '.' || c == ',' || c == '\'' || c == '’' || c == '‘' || c == '(' || c == ')' || Text.isDiacritic(c)) {
        continue;
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '_'
          || Character.getType(c) == Character.DASH_PUNCTUATION) {
        pendingSpace = sb.length() > 0;
        continue;
      }
      if (pendingSpace) {
        sb.append(' ');
        pendingSpace = false;
      }
      sb.append(c);
    }
    int from = sb.length() > 4 && sb.indexOf("the ") == 0 ? 4 : 0;
    return sb.substring(from);
  }

  private static Map<String, String> build() {
    String[] codes = Locale.getISOCountries();
    Locale[] regions = new Locale[codes.length];
    for (int i = 0; i < codes.length; i++) {
      regions[i] = new Locale("", codes[i]);
    }
    Map<String, String> byKey = new HashMap<>(1 << 16);
    Set<String> ambiguous = new HashSet<>();
    // Half of the 50,000 names repeat (languages without their own name fall back to another language's).
    Set<String> seen = new HashSet<>(1 << 16);
    for (Locale language : languages()) {
      for (int i = 0; i < codes.length; i++) {
        String name = regions[i].getDisplayCountry(language);
        if (seen.add(codes[i] + name)) {
          addName(byKey, ambiguous, name, codes[i]);
        }
      }
    }
    for (int i = 0; i < codes.length; i++) {
      String english = regions[i].getDisplayCountry(Locale.ENGLISH);
      String spelled = english.replace("&", "and");
      addName(byKey, ambiguous, spelled, codes[i]);
      if (spelled.startsWith("St. ")) {
        addName(byKey, ambiguous, "Saint " + spelled.substring(4), codes[i]);
      }
    }
    byKey.keySet().removeAll(ambiguous);
    for (int i = 0; i < codes.length; i++) {
      byKey.put(regions[i].getISO3Country().toLowerCase(Locale.ROOT), codes[i]);
      byKey.put(codes[i].toLowerCase(Locale.ROOT), codes[i]);
    }
    for (String[] variant : variants()) {
      byKey.put(key(variant[0]), variant[1]);
    }
    return Collections.unmodifiableMap(byKey);
  }

  private static void addName(Map<String, String> byKey, Set<String> ambiguous, String name, String code) {
    addKey(byKey, ambiguous, key(name), code);
    if (name.indexOf('(') >= 0) {
      addKey(byKey, ambiguous, key(withoutParentheses(name)), code);
    }
  }

  private static void addKey(Map<String, String> byKey, Set<String> ambiguous, String key, String code) {
    if (key.isEmpty() || isTwoAsciiLetters(key)) {
      return;
    }
    String previous = byKey.putIfAbsent(key, code);
    if (previous != null && !previous.equals(code)) {
      ambiguous.add(key);
    }
  }

  private static String withoutParentheses(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    int depth = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The distinct languages of the available locales, in a fixed order. */
  private static List<Locale> languages() {
    Set<String> languages = new TreeSet<>();
    for (Locale locale : Locale.getAvailableLocales()) {
      if (!locale.getLanguage().isEmpty()) {
        languages.add(locale.getLanguage());
      }
    }
    return languages.stream().map(Locale::new).toList();
  }

  /** The lines of {@code country-variants.txt} as {@code [variant, code]}. */
  static List<String[]> variants() {
    return EntityLists.lines(EntityLists.COUNTRY_VARIANTS).stream().map(Countries::parseVariant).toList();
  }

  private static String[] parseVariant(String line) {
    int sep = Math.max(line.lastIndexOf('\t'), line.lastIndexOf(' '));
    String code = sep < 0 ? "" : line.substring(sep + 1);
    String variant = sep < 0 ? "" : line.substring(0, sep).strip();
    if (variant.isEmpty() || !ISO_COUNTRIES.contains(code)) {
      throw new IllegalStateException(
          EntityLists.COUNTRY_VARIANTS + ": expected \"variant<TAB>ISO alpha-2 code\", got \"" + line + "\"");
    }
    return new String[] {variant, code};
  }

  private static boolean isTwoAsciiLetters(String s) {
    return s.length() == 2 && isAsciiLetter(s.charAt(0)) && isAsciiLetter(s.charAt(1));
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

}
