package org.leakscope.extract.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a record field holds, judged by its name: CSV headers and flattened JSON paths ({@code company.name},
 * {@code emails.1}, {@code E-Mail}, {@code sAMAccountName}). Each dot-separated segment is case-folded and stripped
 * of everything but letters and digits; numeric segments (array indexes) are dropped; the last segment decides,
 * except that a {@code name} under an organization segment ({@code company.name}) names the organization.
 *
 * <pre>{@code
 * FieldRoles.of("company.domains.0")  // DOMAIN
 * FieldRoles.of("Login Name")         // LOGIN
 * FieldRoles.stem("emails.1")         // "emails"
 * }</pre>
 */
public final class FieldRoles {
  /** The kinds of value a field holds. */
  public enum Role { EMAIL, LOGIN, ORGANIZATION, DOMAIN, COUNTRY, PHONE, PERSON_NAME, FIRST_NAME, LAST_NAME, NONE }

  private static final Set<String> LOGIN = Set.of("login", "loginname", "logon", "logonname", "username", "user",
      "upn", "userprincipalname", "account", "accountname", "samaccountname", "uid", "userlogin", "principal",
      "principalname", "benutzername", "identifiant", "loginid", "logonid", "accountlogin", "windowslogin");
  private static final Set<String> EMAIL = Set.of("email", "emails", "mail", "emailaddress", "emailaddresses",
      "mailaddress", "email1", "email2", "email3", "workemail", "personalemail", "privateemail", "smtp",
      "smtpaddress", "contactemail", "courriel", "correo", "correoelectronico", "emailadresse", "primaryemail",
      "secondaryemail", "businessemail", "homeemail", "replyto");
  private static final Set<String> PHONE = Set.of("phone", "phones", "telephone", "tel", "mobile", "cell",
      "cellphone", "mobilephone", "phonenumber", "fax", "workphone", "homephone", "businessphone", "telefon",
      "telefono", "telephonenumber", "mobilenumber", "handy", "portable");
  private static final Set<String> COUNTRY = Set.of("country", "countrycode", "countryname", "nation", "land",
      "pays", "pais", "countryregion", "countryiso", "countryorregion", "iso2", "iso3166");
  private static final Set<String> DOMAIN = Set.of("domain", "domains", "website", "web", "url", "homepage",
      "emaildomain", "domainname", "site", "webaddress");
  private static final Set<String> ORGANIZATION = Set.of("company", "companyname", "organization", "organisation",
      "org", "orgname", "organizationname", "organisationname", "employer", "firm", "customer", "customername",
      "partner", "partnername", "tenant", "tenantname", "vendor", "vendorname", "firma", "entreprise", "empresa",
      "societe", "unternehmen", "accountcompany", "business", "businessname", "legalname", "client", "clientname");
  private static final Set<String> FIRST = Set.of("first", "firstname", "givenname", "forename", "vorname",
      "prenom", "nombre", "given");
  private static final Set<String> LAST = Set.of("last", "lastname", "surname", "familyname", "nachname", "nom",
      "apellido", "family", "sn");
  private static final Set<String> PERSON = Set.of("name", "fullname", "displayname", "contactname", "personname",
      "cn", "commonname", "employeename", "username_display");

  private FieldRoles() {}

  public static Role of(String fieldPath) {
    if (fieldPath == null) {
      return Role.NONE;
    }
    List<String> segments = segments(fieldPath);
    if (segments.isEmpty()) {
      return Role.NONE;
    }
    String last = segments.get(segments.size() - 1);
    String parent = segments.size() > 1 ? segments.get(segments.size() - 2) : null;
    boolean underOrganization = parent != null && ORGANIZATION.contains(parent);
    if (underOrganization && (last.equals("name") || last.equals("legalname") || last.equals("displayname"))) {
      return Role.ORGANIZATION;
    }
    if (EMAIL.contains(last)) {
      return Role.EMAIL;
    }
    if (LOGIN.contains(last)) {
      return Role.LOGIN;
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
    if (ORGANIZATION.contains(last)) {
      return Role.ORGANIZATION;
    }
    if (FIRST.contains(last)) {
      return Role.FIRST_NAME;
    }
    if (LAST.contains(last)) {
      return Role.LAST_NAME;
    }
    if (PERSON.contains(last)) {
      return Role.PERSON_NAME;
    }
    return Role.NONE;
  }

  /** The path without its numeric segments: the fields of one array share it ({@code emails.1} → {@code emails}). */
  public static String stem(String fieldPath) {
    StringBuilder sb = new StringBuilder();
    for (String segment : fieldPath.split("\\.", -1)) {
      if (!segment.isEmpty() && segment.chars().allMatch(Character::isDigit)) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : ".").append(segment);
    }
    return sb.toString();
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String raw : path.split("\\.", -1)) {
      StringBuilder sb = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (Character.isLetterOrDigit(c)) {
          sb.append(Character.toLowerCase(c));
        }
      }
      String s = sb.toString().toLowerCase(Locale.ROOT);
      if (!s.isEmpty() && !s.chars().allMatch(Character::isDigit)) {
        out.add(s);
      }
    }
    return out;
  }
}
