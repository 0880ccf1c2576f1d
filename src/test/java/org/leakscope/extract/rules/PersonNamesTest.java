package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonNamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Jane Doe                 | jane doe",
        "  JANE   DOE  \t         | jane doe",
        "\"Doe, Jane\"            | jane doe",
        "Doe, Jane                | jane doe",
        "'Jane Doe'               | jane doe",
        "“Jane Doe”               | jane doe",
        "Doe,Jane Q.              | jane q. doe",
        "Doe, Jane, Jr.           | doe, jane, jr.",
        "Doe,                     | doe,",
        "José Núñez               | josé núñez",
        "Ｊａｎｅ　Ｄｏｅ           | jane doe",
        "Strauß, Johann           | johann strauss",
        "山田 太郎                 | 山田 太郎",
      })
  void normalizes(String raw, String expected) {
    assertEquals(Normalized.ok(expected), PersonNames.normalize(raw));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\"\"", "' '"})
  void blankIsEmpty(String raw) {
    assertEquals(Normalized.rejected("empty"), PersonNames.normalize(raw));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jane@enron.com", "\"jane@enron.com\"", "12345", "--", "?"})
  void addressesAndNoLettersAreNotNames(String raw) {
    assertEquals(Normalized.rejected("not_a_name"), PersonNames.normalize(raw));
  }

  @Test
  void joinsFirstAndLast() {
    assertEquals("Jane Doe", PersonNames.join(" Jane ", "Doe"));
    assertEquals("Jane", PersonNames.join("Jane", null));
    assertEquals("Doe", PersonNames.join("", "Doe"));
    assertNull(PersonNames.join(null, "  "));
    assertEquals(Normalized.ok("jane doe"), PersonNames.normalize(PersonNames.join("JANE", "DOE")));
  }
}
