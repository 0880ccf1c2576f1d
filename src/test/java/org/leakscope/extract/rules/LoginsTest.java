package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LoginsTest {
  private static final int TEN_MB = 10 * 1024 * 1024;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "CONTOSO\\jdoe                       | contoso\\jdoe",
        "jdoe@contoso.com                    | contoso\\jdoe",
        "JDoe@Contoso.COM                    | contoso\\jdoe",
        "jdoe@corp.contoso.com               | corp\\jdoe",
        "contoso.com\\jdoe                   | contoso\\jdoe",
        "VeryLongDomainName\\jdoe            | verylongdomainn\\jdoe",
        "jdoe@verylongdomainname.com         | verylongdomainn\\jdoe",
        "  jdoe                              | jdoe",
        "svc_backup$                         | svc_backup$",
        "CONTOSO\\12345                      | contoso\\12345",
      })
  void normalizes(String raw, String expected) {
    assertEquals(Normalized.ok(expected), Logins.normalize(raw));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                      | empty",
        "'   '                   | empty",
        "12345                   | numeric_id",
        "john doe                | invalid_login",
        "a\\b\\c                 | invalid_login",
        "\\jdoe                  | invalid_login",
        "contoso\\               | invalid_login",
        "@contoso.com            | invalid_login",
        "jdoe@                   | invalid_login",
        "jdoe@.com               | invalid_login",
      })
  void rejectsWithAReason(String raw, String reason) {
    assertEquals(Normalized.rejected(reason), Logins.normalize(raw));
  }

  @Test
  void rejectsNullControlCharactersAndOverlongLogins() {
    assertEquals(Normalized.rejected("empty"), Logins.normalize(null));
    assertEquals(Normalized.rejected("invalid_login"), Logins.normalize("jd\u0000oe"));
    assertEquals(Normalized.rejected("invalid_login"), Logins.normalize("a".repeat(257)));
    assertTrue(Logins.normalize("a".repeat(256)).isOk());
  }

  @Test
  void parsesNormalizedLogins() {
    assertEquals(new Logins.Login("jdoe", "contoso"), Logins.parse("contoso\\jdoe"));
    assertEquals(new Logins.Login("jdoe", null), Logins.parse("jdoe"));
    assertThrows(IllegalArgumentException.class, () -> Logins.parse(null));
    assertThrows(IllegalArgumentException.class, () -> Logins.parse(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CONTOSO\\jdoe", "c\\j", "corp-eu.1\\svc_backup$", "ABCDEFGHIJKLMNO\\x"})
  void qualifiedLoginShapes(String value) {
    assertTrue(Logins.looksLikeQualifiedLogin(value));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
    "jdoe", "\\jdoe", "CONTOSO\\", "A\\B\\C", "ABCDEFGHIJKLMNOP\\x", "CON TOSO\\jdoe", "CONTOSO\\j doe",
    "C:\\Windows", "CONTOSO\\jdoe@x", "jdoe@contoso.com"
  })
  void notQualifiedLoginShapes(String value) {
    assertFalse(Logins.looksLikeQualifiedLogin(value));
  }

  @Test
  void qualifiedLoginCheckIsBoundedOnHugeValues() {
    String huge = "A".repeat(10) + "\\" + "b".repeat(TEN_MB);
    String slashes = "\\".repeat(TEN_MB);
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertFalse(Logins.looksLikeQualifiedLogin(huge));
      assertFalse(Logins.looksLikeQualifiedLogin(slashes));
      assertEquals(Normalized.rejected("invalid_login"), Logins.normalize(huge));
    });
  }
}
