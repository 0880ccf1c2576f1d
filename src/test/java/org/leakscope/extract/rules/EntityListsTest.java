package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hand-maintained lists load, repeat nothing, and are written the way their readers look them up. */
class EntityListsTest {
  @Test
  void freeMailDomainsAreDistinctRegistrableDomains() {
    List<String> domains = EntityLists.lines(EntityLists.FREE_MAIL_DOMAINS);
    assertTrue(domains.size() >= 150, "only " + domains.size() + " free-mail domains");
    assertNoDuplicates(domains);
    for (String d : domains) {
      assertEquals(d.toLowerCase(Locale.ROOT), d, "not lower case");
      assertTrue(Text.isAscii(d), d + " is not ASCII");
      assertEquals(d, Domains.registrable(d), d + " is not a registrable domain");
      assertTrue(Domains.isFreeMail(d), d);
    }
  }

  @Test
  void legalSuffixesAreDistinctAndAlreadyNormalized() {
    List<String> suffixes = EntityLists.lines(EntityLists.LEGAL_SUFFIXES);
    assertTrue(suffixes.size() >= 100, "only " + suffixes.size() + " legal suffixes");
    assertNoDuplicates(suffixes);
    for (String s : suffixes) {
      assertEquals(s, CompanyNames.words(Text.stripDiacritics(Text.fold(Text.nfkc(s)))), "not normalized");
      assertTrue(Text.isAscii(s), s + " is not ASCII");
    }
  }

  @Test
  void countryVariantsHaveDistinctKeysAndNeverRedefineACode() {
    List<String[]> variants = Countries.variants();
    assertTrue(variants.size() >= 50, "only " + variants.size() + " country variants");
    Map<String, String> alpha3 = new HashMap<>();
    for (String code : Locale.getISOCountries()) {
      alpha3.put(new Locale("", code).getISO3Country().toLowerCase(Locale.ROOT), code);
    }
    Set<String> isoCodes = Set.of(Locale.getISOCountries());
    Set<String> keys = new HashSet<>();
    for (String[] v : variants) {
      String key = Countries.key(v[0]);
      assertTrue(keys.add(key), "two variants with the key \"" + key + "\"");
      assertFalse(isoCodes.contains(key.toUpperCase(Locale.ROOT)), v[0] + " redefines an ISO alpha-2 code");
      String byAlpha3 = alpha3.get(key);
      assertTrue(byAlpha3 == null || byAlpha3.equals(v[1]), v[0] + " is the alpha-3 code of " + byAlpha3);
      assertEquals(v[1], Countries.normalize(v[0]), v[0]);
    }
  }

  @Test
  void aMissingListNamesItself() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> EntityLists.lines("nope.txt"));
    assertTrue(e.getMessage().contains("/org/leakscope/extract/nope.txt"), e.getMessage());
  }

  private static void assertNoDuplicates(List<String> entries) {
    Set<String> seen = new HashSet<>();
    for (String e : entries) {
      assertTrue(seen.add(e), "duplicate entry " + e);
    }
  }
}
