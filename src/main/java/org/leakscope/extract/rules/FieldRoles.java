package org.leakscope.extract.rules;

import java.util.Set;

/**
 * What kind of entity a field holds, judged from its path alone: CSV headers ({@code E-Mail}, {@code Login Name})
 * and flattened JSON paths ({@code company.name}, {@code emails.1}, {@code name.first}).
 *
 * <p>Each dot-separated segment is case folded, stripped of accents and of everything but letters and digits
 * ({@code E-Mail → email}, {@code sAMAccountName → samaccountname}, {@code Prénom → prenom}); purely numeric
 * segments (array indexes) and empty ones are dropped. The role is then decided by the last segment, looked up in
 * the sets below in this order: LOGIN, EMAIL, PHONE, COUNTRY, DOMAIN, ORGANIZATION; then {@code name} under an
 * organization segment, singular or plural ({@code company.name}, {@code companies.0.name}), is ORGANIZATION; then FIRST_NAME, LAST_NAME and PERSON_NAME (which
 * includes {@code name} elsewhere). Anything else, identifiers such as {@code user_id} included, is NONE.
 */
public final class FieldRoles {
  /** The entity a field holds. */
  public enum Role { EMAIL, LOGIN, ORGANIZATION, DOMAIN, COUNTRY, PHONE, PERSON_NAME, FIRST_NAME, LAST_NAME, NONE }

  private static final Set<String> LOGIN = Set.of(
      "login", "loginname", "logon", "logonname", "username", "user", "upn", "userprincipalname", "account",
      "accountname", "samaccountname", "uid", "userlogin", "principal", "principalname", "benutzername",
      "identifiant");
  private static final Set<String> EMAIL = Set.of(
      "email", "emails", "mail", "emailaddress", "emailaddresses", "mailaddress", "email1", "email2", "workemail",
      "personalemail", "smtp", "contactemail", "courriel", "correo");
  private static final Set<String> PHONE = Set.of(
      "phone", "phones", "telephone", "tel", "mobile", "cell", "cellphone", "mobilephone", "phonenumber", "fax",
      "workphone", "telefon", "telefono");
  private static final Set<String> COUNTRY = Set.of(
      "country", "countrycode", "countryname", "nation", "land", "pays", "pais", "countryregion", "countryiso");
  private static final Set<String> DOMAIN = Set.of(
      "domain", "domains", "website", "web", "url", "homepage", "emaildomain");
  private static final Set<String> ORGANIZATION = Set.of(
      "company", "companyname", "organization", "organisation", "org", "orgname", "organizationname", "employer",
      "firm", "customer", "customername", "partner", "partnername", "tenant", "tenantname", "vendor", "vendorname",
      "firma", "entreprise", "empresa", "societe");
  private static final Set<String> FIRST_NAME = Set.of(
      "first", "firstname", "givenname", "forename", "vorname", "prenom");
  private static final Set<String> LAST_NAME = Set.of(
      "last", "lastname", "surname", "familyname", "nachname", "nom");
  private static final Set<String> PERSON_NAME = Set.of(
      "name", "fullname", "displayname", "contactname", "personname", "cn");

  private FieldRoles() {}

  /** The role of a field by its path; NONE for null or a path without a meaningful segment. */
  public static Role of(String fieldPath) {
    if (fieldPath == null) {
      return Role.NONE;
    }
    String last = null;
    String parent = null;
    int end = fieldPath.length();
    while (end >= 0 && parent == null) {
      int start = fieldPath.lastIndexOf('.', end - 1) + 1;
      String segment = normalizeSegment(fieldPath.substring(start, end));
      if (!segment.isEmpty() && !isDigits(segment)) {
        if (last == null) {
          last = segment;
        } else {
          parent = segment;
        }
      }
      end = start - 1;
    }
    if (last == null) {
      return Role.NONE;
    }
    if (LOGIN.contains(last)) {
      return Role.LOGIN;
    }
    if (EMAIL.contains(last)) {
      return Role.EMAIL;
    }
    if (PHONE.contains(last)) {
      return Role.PHONE;
    }
    if (COUNTRY.contains(last)) {
      return Role.COUNTRY;
    }
    if (DOMAIN.contains(last)) {
      return Role.DOMAIN;
    }
    if (ORGANIZATION.contains(last) || (last.equals("name") && isOrganization(parent))) {
      return Role.ORGANIZATION;
    }
    if (FIRST_NAME.contains(last)) {
      return Role.FIRST_NAME;
    }
    if (LAST_NAME.contains(last)) {
      return Role.LAST_NAME;
    }
    if (PERSON_NAME.contains(last)) {
      return Role.PERSON_NAME;
    }
    return Role.NONE;
  }

  /** An organization segment, also in the plural of an array of them ({@code companies.0.name}). */
  private static boolean isOrganization(String segment) {
    if (segment == null) {
      return false;
    }
    if (ORGANIZATION.contains(segment)) {
      return true;
    }
    int n = segment.length();
    return segment.endsWith("ies") ? ORGANIZATION.contains(segment.substring(0, n - 3) + 'y')
        : segment.endsWith("s") && ORGANIZATION.contains(segment.substring(0, n - 1));
  }

  /**
   * The path without its purely numeric segments, to group the elements of an array field:
   * {@code emails.1 → emails}, {@code company.domains.0 → company.domains}. Null for null.
   */
  public static String stem(String fieldPath) {
    if (fieldPath == null) {
      return null;
    }
    StringBuilder sb = null;
    int start = 0;
    for (int end = 0; end <= fieldPath.length(); end++) {
      if (end == fieldPath.length() || fieldPath.charAt(end) == '.') {
        if (isDigits(fieldPath, start, end)) {
          if (sb == null) {
            sb = new StringBuilder(fieldPath.length()).append(fieldPath, 0, Math.max(0, start - 1));
          }
        } else if (sb != null) {
          if (sb.length() > 0) {
            sb.append('.');
          }
          sb.append(fieldPath, start, end);
        }
        start = end + 1;
      }
    }
    return sb == null ? fieldPath : sb.toString();
  }

  /** Case folded, accents removed, letters and digits only. */
  static String normalizeSegment(String segment) {
    String folded = Text.stripDiacritics(Text.fold(segment));
    StringBuilder sb = new StringBuilder(folded.length());
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isDigits(String s) {
    return isDigits(s, 0, s.length());
  }

  private static boolean isDigits(String s, int start, int end) {
    if (start >= end) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
