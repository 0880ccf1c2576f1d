package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CountriesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DE                          | DE",
        "de                          | DE",
        "deu                         | DE",
        "Germany                     | DE",
        "Deutschland                 | DE",
        "Allemagne                   | DE",
        "ALEMANIA                    | DE",
        "fr                          | FR",
        "FRA                         | FR",
        "France                      | FR",
        "UK                          | GB",
        "U.K.                        | GB",
        "United Kingdom              | GB",
        "USA                         | US",
        "U.S.A.                      | US",
        "U.S.                        | US",
        "United States of America    | US",
        "Holland                     | NL",
        "The Netherlands             | NL",
        "日本                         | JP",
        "Österreich                  | AT",
        "Saint-Martin                | MF",
        "Sint Maarten                | SX",
        "Oesterreich                 | ''",
        "Côte d'Ivoire               | CI",
        "Cote d'Ivoire               | CI",
        "Côte d’Ivoire               | CI",
        "Ivory Coast                 | CI",
        "Россия                      | RU",
        "Korea                       | KR",
        "Korea, Republic of          | KR",
        "North Korea                 | KP",
        "Czech Republic              | CZ",
        "Türkiye                     | TR",
        "Turkey                      | TR",
        "Myanmar                     | MM",
        "Burma                       | MM",
        "Trinidad and Tobago         | TT",
        "Saint Lucia                 | LC",
        "St. Lucia                   | LC",
        "Guinea-Bissau               | GW",
        "guinea bissau               | GW",
        "  the   bahamas             | BS",
        "Congo                       | CG",
        "Kongo                       | ''",
      })
  void normalizesToAlpha2(String raw, String expected) {
    assertEquals(expected.isEmpty() ? null : expected, Countries.normalize(raw));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"Atlantis", "??", "   ", "EU", "XK", "zz", "zzz"})
  void unknownIsNull(String raw) {
    assertNull(Countries.normalize(raw));
  }

  @Test
  void everyCodeAndEnglishNameMapsToItself() {
    for (String code : java.util.Locale.getISOCountries()) {
      assertEquals(code, Countries.normalize(code), code);
      assertEquals(code, Countries.normalize(code.toLowerCase(java.util.Locale.ROOT)), code);
      String english = Countries.nameOf(code);
      assertEquals(code, Countries.normalize(english), english);
    }
  }

  @Test
  void englishNameForReports() {
    assertEquals("Germany", Countries.nameOf("DE"));
    assertEquals("Japan", Countries.nameOf("jp"));
    assertNull(Countries.nameOf("UK"));
    assertNull(Countries.nameOf(""));
    assertNull(Countries.nameOf(null));
  }

  @Test
  void keyIgnoresAccentsCasePunctuationAndTheArticle() {
    assertEquals("cote divoire", Countries.key("  Côte  d’Ivoire "));
    assertEquals("bahamas", Countries.key("The Bahamas"));
    assertEquals("the", Countries.key("The"));
    assertEquals("usa", Countries.key("U.S.A."));
  }
}
