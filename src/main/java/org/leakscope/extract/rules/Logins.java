package org.leakscope.extract.rules;

/**
 * Login names of accounts, in the three forms exports write them: {@code DOMAIN\user}, {@code user@domain.tld} and
 * plain {@code user}. Normalized: trimmed and case-folded, with the qualifier unified to the NetBIOS-style name —
 * {@code CONTOSO\JDoe} and {@code jdoe@contoso.com} both become {@code contoso\jdoe} (the qualifier of an
 * {@code @} form is the domain's first label; NetBIOS names are at most 15 characters, so both are cut there). A
 * plain {@code jdoe} stays {@code jdoe}: which company it belongs to is resolution's business, from its record.
 *
 * <p>Reasons: {@code empty}; {@code numeric_id} (only digits: a record key, not a login); {@code invalid_login}
 * (whitespace or control characters inside, more than one backslash, an empty side, longer than 256).
 */
public final class Logins {
  /** A normalized login's parts; {@code qualifier} is null for a plain login. */
  public record Login(String user, String qualifier) {}

  static final int NETBIOS_MAX = 15;
  private static final int MAX_LENGTH = 256;

  private Logins() {}

  public static Normalized normalize(String raw) {
    if (raw == null) {
      return Normalized.rejected("empty");
    }
    String s = raw.strip();
    if (s.isEmpty()) {
      return Normalized.rejected("empty");
    }
    if (s.length() > MAX_LENGTH) {
      return Normalized.rejected("invalid_login");
    }
    boolean digits = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return Normalized.rejected("invalid_login");
      }
      digits &= c >= '0' && c <= '9';
    }
    if (digits) {
      return Normalized.rejected("numeric_id");
    }
    s = Text.fold(Text.nfkc(s));
    int slash = s.indexOf('\\');
    if (slash >= 0) {
      if (slash != s.lastIndexOf('\\') || slash == 0 || slash == s.length() - 1) {
        return Normalized.rejected("invalid_login");
      }
      return Normalized.ok(qualify(s.substring(0, slash), s.substring(slash + 1)));
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      if (at == 0 || at == s.length() - 1) {
        return Normalized.rejected("invalid_login");
      }
      String domain = s.substring(at + 1);
      int dot = domain.indexOf('.');
      return Normalized.ok(qualify(dot < 0 ? domain : domain.substring(0, dot), s.substring(0, at)));
    }
    return Normalized.ok(s);
  }

  /** The parts of a value {@link #normalize} returned. */
  public static Login parse(String normalized) {
    int slash = normalized.indexOf('\\');
    return slash < 0
        ? new Login(normalized, null)
        : new Login(normalized.substring(slash + 1), normalized.substring(0, slash));
  }

  /**
   * Whether a value of a field not named as a login has the {@code DOMAIN\user} shape: 1–15 of
   * {@code [A-Za-z0-9._-]}, a backslash, 1–104 of {@code [A-Za-z0-9._$-]}. A single scan, no regular expression.
   */
  public static boolean looksLikeQualifiedLogin(String value) {
    if (value == null) {
      return false;
    }
    int slash = value.indexOf('\\');
    int n = value.length();
    if (slash < 1 || slash > NETBIOS_MAX || n - slash - 1 < 1 || n - slash - 1 > 104) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
          || c == '_' || c == '-' || (i > slash && c == '$') || i == slash;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String qualify(String qualifier, String user) {
    String q = qualifier.length() > NETBIOS_MAX ? qualifier.substring(0, NETBIOS_MAX) : qualifier;
    return q + "\\" + user;
  }
}
