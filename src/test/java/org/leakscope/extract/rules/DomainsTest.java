package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainsTest {
  @ParameterizedTest
  @CsvSource({
    "mail.acme.co.uk,  acme.co.uk",
    "ect.enron.com,    enron.com",
    "enron.com,        enron.com",
    "ENRON.COM.,       enron.com",
    "a.b.c.acme.com.au, acme.com.au",
    "vip.163.com,      163.com",
    "xn--exmple-cua.de, xn--exmple-cua.de",
    // wildcard rules: the host is itself a public suffix
    "acme.bd,          acme.bd",
    "acme.ck,          acme.ck",
    "acme.np,          acme.np",
    // TLDs missing from the list
    "x.acme.bl,        acme.bl",
    "acme.um,          acme.um",
    // a public suffix given as a host
    "co.uk,            co.uk",
  })
  void registrableDomain(String host, String expected) {
    assertEquals(expected, Domains.registrable(host));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"localhost", "com", "1.2.3.4", "a b.com", "."})
  void noRegistrableDomain(String host) {
    assertNull(Domains.registrable(host));
  }

  @Test
  void freeMailIsLookedUpOnTheRegistrableDomain() {
    assertTrue(Domains.isFreeMail("gmail.com"));
    assertTrue(Domains.isFreeMail("Hotmail.co.uk"));
    assertTrue(Domains.isFreeMail(Domains.registrable("vip.163.com")));
    assertFalse(Domains.isFreeMail("vip.163.com"));
    assertFalse(Domains.isFreeMail("enron.com"));
    assertFalse(Domains.isFreeMail(""));
    assertFalse(Domains.isFreeMail(null));
  }

  @ParameterizedTest
  @CsvSource({
    "acme.de,         DE",
    "mail.acme.co.uk, GB",
    "acme.gb,         GB",
    "ACME.FR.,        FR",
    "acme.xn--p1ai,   RU",
    "acme.xn--fiqs8s, CN",
  })
  void countryOfCountryCodeTld(String host, String expected) {
    assertEquals(expected, Domains.countryOfTld(host));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "acme.com", "acme.org", "acme.eu", "acme.su", "acme.asia", "acme.io", "acme.co", "acme.tv", "acme.me",
    "acme.ai", "acme.ly", "acme.fm", "acme.ws", "acme.cc", "acme.zz", "acme.xn--unknown", "localhost"
  })
  void noCountryForGenericTlds(String host) {
    assertNull(Domains.countryOfTld(host));
  }

  @Test
  void aDomainFieldsHostIsFoundInBareDomainsAndUrls() {
    assertEquals("contoso.com", Domains.host(" Contoso.COM. "));
    assertEquals("contoso.com", Domains.host("https://www.contoso.com:8443/about?x=1"));
    assertEquals("mail.contoso.co.uk", Domains.host("ana@mail.contoso.co.uk"));
    assertEquals("xn--exmple-cua.de", Domains.host("exämple.de/path"));
    assertNull(Domains.host("localhost"));
    assertNull(Domains.host("n/a"));
    assertNull(Domains.host(""));
    assertNull(Domains.host("bad_host!.com"));
  }
}
