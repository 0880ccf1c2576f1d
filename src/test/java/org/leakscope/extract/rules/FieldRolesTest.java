package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leakscope.extract.rules.FieldRoles.Role;

class FieldRolesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "company.name            | ORGANIZATION",
        "company.domains.0       | DOMAIN",
        "emails.1                | EMAIL",
        "name.first              | FIRST_NAME",
        "name.last               | LAST_NAME",
        "user_id                 | NONE",
        "id                      | NONE",
        "userid                  | NONE",
        "display_name            | PERSON_NAME",
        "Login Name              | LOGIN",
        "E-Mail                  | EMAIL",
        "sAMAccountName          | LOGIN",
        "UserPrincipalName       | LOGIN",
        "user                    | LOGIN",
        "Benutzername            | LOGIN",
        "contact.Work Email      | EMAIL",
        "Courriel                | EMAIL",
        "Mobile Phone            | PHONE",
        "phones.0.number         | NONE",
        "Téléphone               | PHONE",
        "address.country         | COUNTRY",
        "Country/Region          | COUNTRY",
        "País                    | COUNTRY",
        "website                 | DOMAIN",
        "Company Name            | ORGANIZATION",
        "employer                | ORGANIZATION",
        "organisation.name       | ORGANIZATION",
        "tenants.3.name          | ORGANIZATION",
        "companies.0.name        | ORGANIZATION",
        "contacts.0.name         | PERSON_NAME",
        "tenant.name             | ORGANIZATION",
        "Société                 | ORGANIZATION",
        "name                    | PERSON_NAME",
        "author.name             | PERSON_NAME",
        "Full Name               | PERSON_NAME",
        "cn                      | PERSON_NAME",
        "First Name              | FIRST_NAME",
        "Prénom                  | FIRST_NAME",
        "Surname                 | LAST_NAME",
        "nom                     | LAST_NAME",
        "created_at              | NONE",
        "0                       | NONE",
        "''                      | NONE",
        "...                     | NONE",
      })
  void roleByPath(String path, Role expected) {
    assertEquals(expected, FieldRoles.of(path));
  }

  @Test
  void nullPathHasNoRole() {
    assertEquals(Role.NONE, FieldRoles.of(null));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "emails.1                | emails",
        "company.domains.0       | company.domains",
        "phones.0.number         | phones.number",
        "a.1.2.b.3               | a.b",
        "name.first              | name.first",
        "0                       | ''",
        "''                      | ''",
        "v2.email                | v2.email",
      })
  void stemDropsNumericSegments(String path, String expected) {
    assertEquals(expected, FieldRoles.stem(path));
  }

  @Test
  void nullPathHasNoStem() {
    assertNull(FieldRoles.stem(null));
  }
}
