package org.leakscope.extract.rules;

import java.util.Locale;

/**
 * Account logins reduced to one spelling per account, so that the Windows form {@code CONTOSO\jdoe} and the user
 * principal name {@code jdoe@contoso.com} count as the same login {@code contoso\jdoe}.
 *
 * <p>Normalized values are <code>qualifier&#92;user</code> or a bare {@code user}, lower case ({@link Locale#ROOT}). The
 * qualifier is the NetBIOS domain: from <code>DOMAIN&#92;user</code> the domain (its first label if it was written as a DNS
 * name), from {@code user@domain.tld} the first label of the DNS domain, both cut to the 15 characters NetBIOS
 * allows. The first label is what Active Directory proposes as the NetBIOS name of a DNS domain
 * ({@code corp.contoso.com → CORP}), which is what makes the two forms meet.
 *
 * <p>Rejection reasons of {@link #normalize}: {@code empty} (null or blank), {@code numeric_id} (only digits: a
 * record key, not a login), {@code invalid_login} (whitespace or a control character inside, over 256 characters,
 * more than one {@code \}, or an empty user or domain around the {@code \} or {@code @}).
 *
 * <p>Which fields hold logins is decided by {@link FieldRoles}.
 */
public final class Logins {
  static final int MAX_LENGTH = 256;
  static final int NETBIOS_MAX = 15;
  private static final int SAM_USER_MAX = 104;

  /** A parsed normalized login: the user and its NetBIOS domain, null when the login was unqualified. */
  public record Login(String user, String qualifier) {}

  private Logins() {}

  /** The normalized login, or why the value is not one. */
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
    s = s.toLowerCase(Locale.ROOT);
    int backslash = -1;
    boolean digitsOnly = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        return Normalized.rejected("invalid_login");
      }
      if (c == '\\') {
        if (backslash >= 0) {
          return Normalized.rejected("invalid_login");
        }
        backslash = i;
      }
      digitsOnly &= c >= '0' && c <= '9';
    }
    if (digitsOnly) {
      return Normalized.rejected("numeric_id");
    }
    if (backslash >= 0) {
      String domain = s.substring(0, backslash);
      String user = s.substring(backslash + 1);
      String qualifier = netbiosName(domain);
      return qualifier == null || user.isEmpty()
          ? Normalized.rejected("invalid_login")
          : Normalized.ok(qualifier + '\\' + user);
    }
    int at = s.lastIndexOf('@');
    if (at >= 0) {
      String user = s.substring(0, at);
      String qualifier = netbiosName(s.substring(at + 1));
      return qualifier == null || user.isEmpty()
          ? Normalized.rejected("invalid_login")
          : Normalized.ok(qualifier + '\\' + user);
    }
    return Normalized.ok(s);
  }

  /** The first label of a (DNS or NetBIOS) domain, cut to 15 characters; null when it is empty. */
  private static String netbiosName(String domain) {
    int dot = domain.indexOf('.');
    String label = dot < 0 ? domain : domain.substring(0, dot);
    if (label.isEmpty()) {
      return null;
    }
    return label.length() > NETBIOS_MAX ? label.substring(0, NETBIOS_MAX) : label;
  }

  /**
   * Splits a value produced by {@link #normalize}.
   *
   * @throws IllegalArgumentException if the argument is null or empty
   */
  public static Login parse(String normalized) {
    if (normalized == null || normalized.isEmpty()) {
      throw new IllegalArgumentException("not a normalized login: " + (normalized == null ? "null" : "\"\""));
    }
    int backslash = normalized.indexOf('\\');
    return backslash < 0
        ? new Login(normalized, null)
        : new Login(normalized.substring(backslash + 1), normalized.substring(0, backslash));
  }

  /**
   * Whether a value has the shape <code>DOMAIN&#92;user</code>: a NetBIOS domain of 1–15 characters {@code [A-Za-z0-9._-]},
   * one backslash, a user of 1–104 characters {@code [A-Za-z0-9._$-]} (the {@code sAMAccountName} limits). A
   * single bounded scan, so it can be asked of every value of a column; values longer than 120 characters are
   * rejected before the scan.
   */
  public static boolean looksLikeQualifiedLogin(String value) {
    if (value == null || value.length() < 3 || value.length() > NETBIOS_MAX + 1 + SAM_USER_MAX) {
      return false;
    }
    int backslash = value.indexOf('\\');
    int userLength = value.length() - backslash - 1;
    if (backslash < 1 || backslash > NETBIOS_MAX || userLength < 1 || userLength > SAM_USER_MAX) {
      return false;
    }
    for (int i = 0; i < backslash; i++) {
      char c = value.charAt(i);
      if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
        return false;
      }
    }
    for (int i = backslash + 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!isAsciiLetterOrDigit(c) && c != '.' && c != '_' && c != '$' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
