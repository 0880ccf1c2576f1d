package org.leakscope.extract.rules;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Email addresses: found in free text, normalized to one spelling per mailbox, and optionally reduced to a
 * canonical mailbox.
 *
 * <pre>{@code
 * EmailAddresses.find(body, (raw, mailto) -> {
 *   Normalized n = EmailAddresses.normalize(raw);
 *   if (n.isOk()) emit(n.value()); else countRejected(n.reason());
 * });
 * }</pre>
 *
 * <p>Rejection reasons of {@link #normalize}:
 *
 * <ul>
 *   <li>{@code empty}: null or blank;
 *   <li>{@code no_at}: no {@code @};
 *   <li>{@code empty_local_part}: nothing before the last {@code @};
 *   <li>{@code local_part_too_long}: more than 64 characters before the {@code @} (RFC 5321);
 *   <li>{@code invalid_local_part}: outside quotes, whitespace, a control character, a leading or trailing dot,
 *       or one of the specials {@code @ " ( ) , : ; < > [ \ ]}; inside quotes, a control character. Two dots in a
 *       row are accepted although RFC 5322 forbids them: mail systems issued and delivered such addresses
 *       (Enron's Exchange wrote middle initials away as {@code m..schmidt@enron.com}, hundreds of times in the
 *       Berkeley subset), and a counter must count the mailboxes that exist;
 *   <li>{@code invalid_domain}: not convertible to ASCII by IDNA, not a valid host name, or a single label;
 *   <li>{@code invalid_tld}: the last label is neither all letters nor an IDN ({@code xn--}) label;
 *   <li>{@code domain_too_long}: over 253 characters in ASCII form.
 * </ul>
 */
public final class EmailAddresses {
  static final int MAX_LOCAL = 64;
  static final int MAX_DOMAIN = 253;

  private static final String MAILTO = "mailto:";
  private static final String SPECIALS = "@\"(),:;<>[\\]";

  private EmailAddresses() {}

  /**
   * Finds the addresses in free text in one linear pass, calling {@code sink} with each address as written and
   * whether {@code mailto:} (any case) came right before it.
   *
   * <p>The scan is anchored at each {@code @}: it expands left over local-part characters (ASCII letters and
   * digits, {@code ._%+-'}, Unicode letters, digits and marks) and right over domain characters (letters including
   * Unicode ones for IDN, digits, marks, {@code -} and {@code .}). Neither run can cross an {@code @}, so the runs of
   * different {@code @}s never overlap and the whole scan reads each character a bounded number of times, whatever
   * the input; no regular expression is involved. An address is reported with leading dots and quotes of the local
   * part and trailing dots and hyphens of the domain removed (other trailing punctuation such as {@code , ; ) >}
   * and quotes is never part of a run). A match is ignored when the local part is empty, longer than 64 characters
   * or ends with a quote, when the domain is longer than 253 characters, has no dot, starts with a dot or contains
   * {@code ..}, and when its local part would reuse characters of the previous address's domain
   * ({@code a@b.com@c.com} yields only {@code a@b.com}).
   *
   * <p>The only allocation per address is the substring given to the sink (the flag is a cached {@code Boolean}).
   */
  public static void find(String text, BiConsumer<String, Boolean> sink) {
    if (text == null) {
      return;
    }
    int n = text.length();
    int floor = 0; // characters before this belong to an address already reported
    for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
      int runStart = at;
      while (runStart > floor && at - runStart <= MAX_LOCAL) {
        int cp = Character.codePointBefore(text, runStart);
        if (!isLocalChar(cp)) {
          break;
        }
        runStart -= Character.charCount(cp);
      }
      if (at - runStart > MAX_LOCAL) {
        continue;
      }
      int runEnd = at + 1;
      while (runEnd < n && runEnd - at - 1 <= MAX_DOMAIN) {
        int cp = text.codePointAt(runEnd);
        if (!isDomainChar(cp)) {
          break;
        }
        runEnd += Character.charCount(cp);
      }
      int localStart = runStart;
      while (localStart < at && (text.charAt(localStart) == '.' || text.charAt(localStart) == '\'')) {
        localStart++;
      }
      int domainEnd = runEnd;
      while (domainEnd > at + 1 && (text.charAt(domainEnd - 1) == '.' || text.charAt(domainEnd - 1) == '-')) {
        domainEnd--;
      }
      if (localStart == at
          || text.charAt(at - 1) == '\''
          || runEnd - at - 1 > MAX_DOMAIN
          || !isPlausibleDomain(text, at + 1, domainEnd)) {
        continue;
      }
      boolean mailto = runStart >= MAILTO.length()
          && text.regionMatches(true, runStart - MAILTO.length(), MAILTO, 0, MAILTO.length());
      sink.accept(text.substring(localStart, domainEnd), mailto);
      floor = domainEnd;
    }
  }

  /** Non-empty, contains a dot, does not start with one, and has no empty label ({@code ..}). */
  private static boolean isPlausibleDomain(String text, int start, int end) {
    if (start >= end || text.charAt(start) == '.') {
      return false;
    }
    boolean dot = false;
    for (int i = start + 1; i < end; i++) {
      if (text.charAt(i) == '.') {
        if (text.charAt(i - 1) == '.') {
          return false;
        }
        dot = true;
      }
    }
    return dot;
  }

  private static boolean isLocalChar(int cp) {
    if (cp < 0x80) {
      return isAsciiLetterOrDigit(cp)
          || cp == '.' || cp == '_' || cp == '%' || cp == '+' || cp == '-' || cp == '\'';
    }
    return Text.isWordChar(cp);
  }

  private static boolean isDomainChar(int cp) {
    if (cp < 0x80) {
      return isAsciiLetterOrDigit(cp) || cp == '-' || cp == '.';
    }
    return Text.isWordChar(cp);
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /**
   * Normalizes one address to {@code local@asciidomain}.
   *
   * <p>Trims, drops a leading {@code mailto:} and surrounding {@code <>}, and splits at the last {@code @}. The local
   * part is lower-cased ({@link Locale#ROOT}) and, when not ASCII, put in NFC. RFC 5321 says local parts are
   * case-sensitive, but no real provider treats them so, and breach counters (Have I Been Pwned) lower-case them: two
   * spellings that differ only in case are one mailbox. The domain is lower-cased, loses a trailing dot, and is
   * converted to ASCII with {@link IDN#toASCII(String, int) IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED)}, so an IDN
   * written in Unicode and in punycode is one domain. Reasons are listed in the class comment.
   */
  public static Normalized normalize(String raw) {
    if (raw == null) {
      return Normalized.rejected("empty");
    }
    String s = raw.strip();
    if (s.regionMatches(true, 0, MAILTO, 0, MAILTO.length())) {
      s = s.substring(MAILTO.length()).strip();
    }
    if (s.length() >= 2 && s.charAt(0) == '<' && s.charAt(s.length() - 1) == '>') {
      s = s.substring(1, s.length() - 1).strip();
    }
    if (s.isEmpty()) {
      return Normalized.rejected("empty");
    }
    int at = s.lastIndexOf('@');
    if (at < 0) {
      return Normalized.rejected("no_at");
    }
    if (at == 0) {
      return Normalized.rejected("empty_local_part");
    }
    String local = Text.nfc(s.substring(0, at).toLowerCase(Locale.ROOT));
    if (local.length() > MAX_LOCAL) {
      return Normalized.rejected("local_part_too_long");
    }
    if (!isValidLocalPart(local)) {
      return Normalized.rejected("invalid_local_part");
    }
    String domain = s.substring(at + 1).toLowerCase(Locale.ROOT);
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    String ascii = Domains.toAscii(domain);
    if (ascii == null) {
      return Normalized.rejected("invalid_domain");
    }
    if (ascii.length() > MAX_DOMAIN) {
      return Normalized.rejected("domain_too_long");
    }
    int lastDot = ascii.lastIndexOf('.');
    if (lastDot < 0 || !InternetDomainName.isValid(ascii)) {
      return Normalized.rejected("invalid_domain");
    }
    if (!isValidTld(ascii, lastDot + 1)) {
      return Normalized.rejected("invalid_tld");
    }
    return Normalized.ok(local + '@' + ascii);
  }

  private static boolean isValidLocalPart(String local) {
    int n = local.length();
    if (n >= 2 && local.charAt(0) == '"' && local.charAt(n - 1) == '"') {
      for (int i = 1; i < n - 1; i++) {
        if (Character.isISOControl(local.charAt(i))) {
          return false;
        }
      }
      return true;
    }
    if (local.charAt(0) == '.' || local.charAt(n - 1) == '.') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = local.charAt(i);
      if (Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.isISOControl(c)
          || SPECIALS.indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValidTld(String ascii, int start) {
    if (ascii.startsWith("xn--", start)) {
      return true;
    }
    for (int i = start; i < ascii.length(); i++) {
      char c = ascii.charAt(i);
      if (c < 'a' || c > 'z') {
        return false;
      }
    }
    return true;
  }

  /**
   * The mailbox behind a normalized address, for the optional "canonical mailbox" counting basis: a {@code +tag} is
   * removed from the local part for every domain ({@code jane+news@acme.com → jane@acme.com}), and for Gmail the
   * dots in the local part are removed and {@code googlemail.com} becomes {@code gmail.com}.
   *
   * <p>Optional and off by default, because it is a claim about delivery that the source cannot confirm: subaddressing
   * is a per-provider convention (some providers use {@code -}, some none, and {@code +} is a legal character), and
   * Have I Been Pwned, which readers compare our counts with, does not strip tags or dots. Quoted local parts are
   * returned unchanged.
   *
   * @throws IllegalArgumentException if the argument has no {@code @}
   */
  public static String canonical(String normalizedAddress) {
    String local = localPartOf(normalizedAddress);
    String domain = domainOf(normalizedAddress);
    if (local.startsWith("\"")) {
      return normalizedAddress;
    }
    int plus = local.indexOf('+');
    if (plus > 0) {
      local = local.substring(0, plus);
    }
    if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
      domain = "gmail.com";
      String undotted = local.replace(".", "");
      local = undotted.isEmpty() ? local : undotted;
    }
    return local + '@' + domain;
  }

  /**
   * The domain of a normalized address (after its last {@code @}).
   *
   * @throws IllegalArgumentException if the argument has no {@code @}
   */
  public static String domainOf(String normalizedAddress) {
    return normalizedAddress.substring(lastAt(normalizedAddress) + 1);
  }

  /**
   * The local part of a normalized address (before its last {@code @}).
   *
   * @throws IllegalArgumentException if the argument has no {@code @}
   */
  public static String localPartOf(String normalizedAddress) {
    return normalizedAddress.substring(0, lastAt(normalizedAddress));
  }

  private static int lastAt(String address) {
    int at = address == null ? -1 : address.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("not an email address (no '@'): " + address);
    }
    return at;
  }
}
