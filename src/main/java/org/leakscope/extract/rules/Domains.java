package org.leakscope.extract.rules;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Host names reduced to what a leak report counts: the registrable domain (the organization that owns the name),
 * whether that domain is a free-mail provider, and the country of a country-code TLD.
 *
 * <pre>{@code
 * String org = Domains.registrable(EmailAddresses.domainOf(address)); // "mail.acme.co.uk" -> "acme.co.uk"
 * boolean personal = Domains.isFreeMail(org);
 * }</pre>
 *
 * <p>Hosts are expected in ASCII (punycode) form, as {@link EmailAddresses#normalize} produces them; they are
 * lower-cased and a trailing dot is ignored.
 */
public final class Domains {
  private static final Set<String> FREE_MAIL = new HashSet<>(EntityLists.lines(EntityLists.FREE_MAIL_DOMAINS));

  private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

  /**
   * Country-code TLDs that are sold and used worldwide as generic names (startups on .io and .ai, media on .tv and
   * .fm, personal sites on .me): a domain under one of them says nothing about where its owner is.
   */
  private static final Set<String> GENERIC_CCTLDS = Set.of("io", "co", "tv", "me", "ai", "ly", "fm", "ws", "cc");

  /** Internationalized country-code TLDs in use, by their Unicode name; converted to punycode once. */
  private static final Map<String, String> IDN_CCTLDS = punycodeKeys(Map.ofEntries(
      Map.entry("рф", "RU"),
      Map.entry("укр", "UA"),
      Map.entry("бел", "BY"),
      Map.entry("срб", "RS"),
      Map.entry("қаз", "KZ"),
      Map.entry("中国", "CN"),
      Map.entry("中國", "CN"),
      Map.entry("香港", "HK"),
      Map.entry("台灣", "TW"),
      Map.entry("新加坡", "SG"),
      Map.entry("한국", "KR"),
      Map.entry("ไทย", "TH"),
      Map.entry("भारत", "IN"),
      Map.entry("ελ", "GR"),
      Map.entry("مصر", "EG"),
      Map.entry("السعودية", "SA"),
      Map.entry("امارات", "AE"),
      Map.entry("ایران", "IR")));

  private Domains() {}

  /**
   * The registrable domain ("eTLD+1") of a host by the Public Suffix List that Guava bundles (ICANN and private
   * sections, via {@link InternetDomainName#topPrivateDomain()}): {@code mail.acme.co.uk → acme.co.uk},
   * {@code ect.enron.com → enron.com}.
   *
   * <p>Fallback when the list gives no registrable part: the last two labels. That happens when the host is itself
   * a public suffix, as every second-level name under a wildcard rule is ({@code *.bd}, {@code *.ck}, {@code *.er},
   * {@code *.jm}, {@code *.kh}, {@code *.mm}, {@code *.np}, {@code *.pg}, {@code *.fk}: {@code acme.bd → acme.bd}),
   * and when the TLD is not in the list at all ({@code .bl}, {@code .bq}, {@code .eh}, {@code .mf}, {@code .um}:
   * {@code x.acme.bl → acme.bl}). Two labels is the best guess there, and it keeps such hosts countable instead of
   * dropping them.
   *
   * @return the registrable domain, or null for null, a single label ({@code localhost}) or a string that is not a
   *     valid host name (an IP address, a label with spaces)
   */
  public static String registrable(String asciiHost) {
    String host = clean(asciiHost);
    if (host == null) {
      return null;
    }
    InternetDomainName name;
    try {
      name = InternetDomainName.from(host);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (name.isUnderPublicSuffix()) {
      return name.topPrivateDomain().toString();
    }
    int last = host.lastIndexOf('.');
    if (last < 0) {
      return null;
    }
    int secondLast = host.lastIndexOf('.', last - 1);
    return secondLast < 0 ? host : host.substring(secondLast + 1);
  }

  /**
   * Whether a registrable domain (as {@link #registrable} returns it) belongs to a free-mail or ISP mail provider,
   * from the hand-maintained list {@code free-mail-domains.txt}. Give it the registrable domain, not a host:
   * {@code vip.163.com} is looked up as {@code 163.com}.
   */
  public static boolean isFreeMail(String registrableDomain) {
    String domain = clean(registrableDomain);
    return domain != null && FREE_MAIL.contains(domain);
  }

  /**
   * The ISO 3166-1 alpha-2 code of a host's country-code TLD ({@code acme.de → DE}, {@code acme.co.uk → GB}, and a
   * few internationalized ccTLDs such as {@code .рф → RU}), or null.
   *
   * <p>Null for generic TLDs ({@code com}, {@code org}…), for {@code eu}, {@code su} and {@code asia}, which name no
   * single country, and for the country codes used worldwide as generic names: {@code .io}, {@code .co},
   * {@code .tv}, {@code .me}, {@code .ai}, {@code .ly}, {@code .fm}, {@code .ws} and {@code .cc}.
   */
  public static String countryOfTld(String asciiHost) {
    String host = clean(asciiHost);
    if (host == null) {
      return null;
    }
    String tld = host.substring(host.lastIndexOf('.') + 1);
    if (tld.startsWith("xn--")) {
      return IDN_CCTLDS.get(tld);
    }
    if (tld.length() != 2 || GENERIC_CCTLDS.contains(tld)) {
      return null;
    }
    if (tld.equals("uk")) {
      return "GB";
    }
    String code = tld.toUpperCase(Locale.ROOT);
    return ISO_COUNTRIES.contains(code) ? code : null;
  }

  /**
   * The host of a domain field's value: a bare domain, or a URL's host; lower case and ASCII, {@code www.}
   * dropped. Null when nothing host-like is there.
   */
  public static String host(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    int scheme = v.indexOf("://");
    if (scheme >= 0) {
      v = v.substring(scheme + 3);
    }
    int end = v.length();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '/' || c == ':' || c == '?' || c == '#' || c == ' ') {
        end = i;
        break;
      }
    }
    v = v.substring(0, end);
    int at = v.lastIndexOf('@');
    if (at >= 0) {
      v = v.substring(at + 1);
    }
    if (v.endsWith(".")) {
      v = v.substring(0, v.length() - 1);
    }
    if (v.startsWith("www.")) {
      v = v.substring(4);
    }
    if (v.indexOf('.') < 0) {
      return null;
    }
    String ascii = toAscii(v);
    return ascii != null && InternetDomainName.isValid(ascii) ? ascii : null;
  }

  /** The ASCII (punycode) form of a lower-cased domain, or null when it is empty or IDNA rejects it. */
  static String toAscii(String domain) {
    if (domain.isEmpty()) {
      return null;
    }
    try {
      // IDN.toASCII lower-cases ASCII labels only when they need conversion; keep the whole result lower case.
      return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Lower case without a trailing dot, or null when nothing is left. */
  private static String clean(String host) {
    if (host == null) {
      return null;
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.isEmpty() ? null : h;
  }

  private static Map<String, String> punycodeKeys(Map<String, String> byUnicodeName) {
    Map<String, String> out = new HashMap<>();
    byUnicodeName.forEach((name, code) -> out.put(IDN.toASCII(name), code));
    return Map.copyOf(out);
  }
}
