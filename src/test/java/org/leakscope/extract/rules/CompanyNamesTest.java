package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CompanyNamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Contoso Ltd                          | contoso",
        "CONTOSO LIMITED                      | contoso",
        "Contoso, Ltd.                        | contoso",
        "Contoso Systems Sociedad Anónima     | contoso systems",
        "Contoso Systems S.A.                 | contoso systems",
        "CONTOSO SYSTEMS SA                   | contoso systems",
        "Contoso Systems, S.A.                | contoso systems",
        "Contoso Systems S. A.                | contoso systems",
        "Acme Pty Ltd                         | acme",
        "Acme Proprietary Limited             | acme",
        "Acme Pvt. Ltd.                       | acme",
        "Acme S.p.A.                          | acme",
        "Acme GmbH & Co. KG                   | acme",
        "Acme Ltda.                           | acme",
        "Acme K.K.                            | acme",
        "Acme Kabushiki Kaisha                | acme",
        "Acme Sp. z o.o.                      | acme",
        "Acme s.r.o.                          | acme",
        "Acme S.à r.l.                        | acme",
        "Acme S.A. de C.V.                    | acme",
        "Acme Co.,Ltd.                        | acme",
        "Acme Inc. Ltd. LLC                   | acme",
        "Fourth Coffee Group Inc.             | fourth coffee group",
        "Alpine Ski 2 B.V.                    | alpine ski 2",
        "AT&T Inc.                            | at and t",
        "McDonald's Corporation               | mcdonalds",
        "Ｃｏｎｔｏｓｏ　Ｌｔｄ                  | contoso",
        "Straße GmbH                          | strasse",
        "Limited                              | limited",
        "Sociedad Anónima                     | sociedad anonima",
        "Ltd Ltd                              | ltd",
        "  Coca-Cola   Company  (The)         | coca cola company the",
        "株式会社トヨタ                          | 株式会社トヨタ",
        "ガス Ltd                              | ガス",
      })
  void normalizes(String raw, String expected) {
    assertEquals(Normalized.ok(expected), CompanyNames.normalize(raw));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t"})
  void blankIsEmpty(String raw) {
    assertEquals(Normalized.rejected("empty"), CompanyNames.normalize(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "---", "(42)", "&"})
  void noLettersIsNotAName(String raw) {
    assertEquals(Normalized.rejected("not_a_name"), CompanyNames.normalize(raw));
  }

  @Test
  void wordsCloseUpAbbreviationsOnly() {
    assertEquals("usa inc", CompanyNames.words("u.s.a. inc."));
    assertEquals("contoso com", CompanyNames.words("contoso.com"));
    assertEquals("web 2 0", CompanyNames.words("web 2.0"));
  }
}
