package org.leakscope.extract;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.leakscope.common.BoundedCache;
import org.leakscope.dedup.minhash.QuoteStripper;
import org.leakscope.extract.rules.CompanyNames;
import org.leakscope.extract.rules.Countries;
import org.leakscope.extract.rules.Domains;
import org.leakscope.extract.rules.EmailAddresses;
import org.leakscope.extract.rules.FieldRoles;
import org.leakscope.extract.rules.Logins;
import org.leakscope.extract.rules.MailSignatures;
import org.leakscope.extract.rules.Normalized;
import org.leakscope.extract.rules.PersonNames;
import org.leakscope.extract.rules.Phones;

/**
 * Step 1 of the extract stage: every entity mention in every item, found and normalized in one pass over each text
 * in Java (the rules are in {@code extract.rules}; which rule fires where is in docs/entities.md). A value that looks
 * like an entity but fails validation is kept with {@code normalized_value} null and a {@code reject_reason}.
 *
 * <p>Mentions that belong together carry the same {@code context}: a mailbox of a header (its address and display
 * name), or a record (its login, addresses, company name, domains, country and phone). Resolution links
 * identifiers only within a context.
 */
public final class Mentions {
  public static final String EMAIL_ADDRESS = "email_address";
  public static final String USER = "user";
  public static final String COMPANY = "company";
  public static final String DOMAIN = "domain";
  public static final String COUNTRY = "country";
  public static final String PHONE = "phone";
  public static final String PERSON_NAME = "person_name";

  /** The context of a whole record. */
  public static final String RECORD = "record";
  /** The context of the From mailbox (and of the sender's signature). */
  public static final String SENDER = "header:from#0";

  /** Rules that name a country (the order of strength for a company's country is in docs/entities.md). */
  public static final String FIELD_COUNTRY = "field_country";
  public static final String PHONE_REGION = "phone_region";
  public static final String CCTLD = "cctld";

  /**
   * What the Java pass writes. The public {@code mentions} table adds resolved ids and drops the working columns
   * {@code kind}, {@code record_set} and {@code display_name} (a header address's normalized display name).
   */
  public static final StructType SCHEMA =
      new StructType()
          .add("item_id", DataTypes.StringType, false)
          .add("kind", DataTypes.StringType, false)
          .add("record_set", DataTypes.StringType)
          .add("entity_type", DataTypes.StringType, false)
          .add("raw_value", DataTypes.StringType)
          .add("normalized_value", DataTypes.StringType)
          .add("canonical_value", DataTypes.StringType)
          .add("domain", DataTypes.StringType)
          .add("source", DataTypes.StringType, false)
          .add("rule", DataTypes.StringType, false)
          .add("country_code", DataTypes.StringType)
          .add("reject_reason", DataTypes.StringType)
          .add("context", DataTypes.StringType)
          .add("display_name", DataTypes.StringType);

  private Mentions() {}

  /** A mention whose value passed validation (rejected mentions have no normalized value). */
  public static Column valid() {
    return col("normalized_value").isNotNull();
  }

  /**
   * A valid mention that writes its entity out, so it counts at the {@code raw} and {@code distinct_raw} bases: every
   * valid mention except the countries implied by a phone number or a ccTLD (only a country field names one).
   */
  public static Column explicit() {
    return valid().and(col("entity_type").notEqual(COUNTRY).or(col("rule").equalTo(FIELD_COUNTRY)));
  }

  /** The mentions of {@code items} (columns of the items table). */
  public static Dataset<Row> of(Dataset<Row> items, boolean canonicalAddresses) {
    return items.select(
            col("item_id"), col("kind"), col("record_set"), col("mail_from"), col("mail_to"), col("mail_cc"),
            col("mail_bcc"), col("mail_reply_to"), col("text"), col("fields"), col("mail_subject"))
        .mapPartitions(new Extract(canonicalAddresses), Encoders.row(SCHEMA));
  }

  private static final class Extract implements MapPartitionsFunction<Row, Row> {
    private final boolean canonical;

    Extract(boolean canonical) {
      this.canonical = canonical;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      Finder finder = new Finder(canonical);
      return new Iterator<>() {
        private Iterator<Row> current = java.util.Collections.emptyIterator();

        @Override
        public boolean hasNext() {
          while (!current.hasNext() && rows.hasNext()) {
            current = finder.of(rows.next()).iterator();
          }
          return current.hasNext();
        }

        @Override
        public Row next() {
          if (!hasNext()) {
            throw new java.util.NoSuchElementException();
          }
          return current.next();
        }
      };
    }
  }

  /** Spellings of addresses whose reading a task keeps (a few MB). */
  static final int ADDRESSES_CACHED = 20_000;

  /** An address read by the rules: its normal forms and domain, or the reason it was rejected. */
  private record Address(String normalized, String canonical, String host, String registrable, boolean company,
      String country, String reason) {}

  /** Finds the mentions of one item at a time; the list is reused, so memory is one item's mentions. */
  static final class Finder {
    private static final String[] HEADERS = {"from", "to", "cc", "bcc", "reply_to"};
    private final boolean canonical;
    private final List<Row> out = new ArrayList<>();
    /**
     * Addresses read so far in this task, by their spelling: a mail header's addresses recur in message after
     * message, and normalizing one and finding its registrable domain was a fifth of the pass.
     */
    private final BoundedCache<String, Address> addresses = new BoundedCache<>(ADDRESSES_CACHED);
    private String itemId;
    private String kind;
    private String recordSet;
    /** The normalized display name of the header mailbox being read, else null. */
    private String displayName;
    /** The sender's normalized display name, company domain and its ccTLD country, for the signature rule. */
    private String senderName;
    private String senderDomain;
    private String senderCountry;

    Finder(boolean canonical) {
      this.canonical = canonical;
    }

    /** Columns as selected in {@link Mentions#of}. */
    List<Row> of(Row item) {
      out.clear();
      itemId = item.getString(0);
      kind = item.getString(1);
      recordSet = item.getString(2);
      senderName = null;
      senderDomain = null;
      senderCountry = null;
      if (!item.isNullAt(3)) {
        mailbox(item.getString(3), "header:from", SENDER);
      }
      for (int h = 1; h < HEADERS.length; h++) {
        if (!item.isNullAt(3 + h)) {
          List<String> values = item.getList(3 + h);
          for (int i = 0; i < values.size(); i++) {
            mailbox(values.get(i), "header:" + HEADERS[h], "header:" + HEADERS[h] + "#" + i);
          }
        }
      }
      if (!item.isNullAt(8)) {
        text(item.getString(8), "email".equals(kind) ? "body" : "text");
        if ("email".equals(kind) && senderName != null && !isForward(item.isNullAt(10) ? null : item.getString(10))) {
          signature(item.getString(8));
        }
      }
      if (!item.isNullAt(9)) {
        record(new TreeMap<>(item.<String, String>getJavaMap(9)));
      }
      return out;
    }

    /** A header mailbox as ingest writes it: {@code Display Name <local@domain>}, a bare address, or raw text. */
    private void mailbox(String value, String source, String context) {
      if (value == null || value.isBlank()) {
        return;
      }
      String v = value.strip();
      int open = v.lastIndexOf('<');
      if (v.endsWith(">") && open >= 0) {
        String name = v.substring(0, open).strip();
        Normalized display = name.isEmpty() ? null : PersonNames.normalize(name);
        // The display name rides on the address row too: resolution lists it on the user without a join.
        displayName = display != null && display.isOk() ? display.value() : null;
        if (context.equals(SENDER)) {
          senderName = displayName;
        }
        address(v.substring(open + 1, v.length() - 1), source, "header_address", context);
        displayName = null;
        if (display != null) {
          add(PERSON_NAME, name, display.value(), null, null, source, "header_display_name", null, display.reason(),
              context);
        }
      } else if (v.indexOf('@') >= 0 && v.indexOf(' ') < 0) {
        address(v, source, "header_address", context);
      } else {
        // Not a mailbox ingest could parse: whatever addresses it holds, found as in free text.
        found(v, source, "header_text", context);
      }
    }

    /**
     * The company line of the sender's signature, as a company mention in the sender's mailbox context: there it
     * meets the sender's domain, and resolution links the two as it does a record's name and domains.
     */
    private void signature(String body) {
      String line = MailSignatures.companyLine(QuoteStripper.ownText(body), senderName);
      if (line != null) {
        Normalized n = CompanyNames.normalize(line);
        // The sender's company domain and its ccTLD country ride on the mention: they qualify its name node.
        add(COMPANY, line, n.value(), null, senderDomain, "body:signature", "signature_company", senderCountry,
            n.reason(), SENDER);
      }
    }

    /**
     * A forward's text is its original's, signature included: even when the forwarder has the same name as the
     * original's sender (two people called Ana Smith), that signature says nothing about the forwarder's company.
     */
    private static boolean isForward(String subject) {
      if (subject == null) {
        return false;
      }
      String s = subject.strip().toLowerCase(java.util.Locale.ROOT);
      return s.startsWith("fwd:") || s.startsWith("fw:") || s.startsWith("wg:") || s.startsWith("tr:")
          || s.startsWith("rv:") || s.startsWith("fwd ") || s.startsWith("[fwd");
    }

    /** Free text (a body or a document): addresses, and phone numbers written in international form. */
    private void text(String text, String source) {
      found(text, source, "text", null);
      Phones.findInText(text, (raw, e164) -> phone(raw, null, source, "text_phone", null));
    }

    /** Addresses found in text; {@code rule} gets a {@code _mailto} suffix for {@code mailto:} links. */
    private void found(String text, String source, String rule, String context) {
      EmailAddresses.find(text, (raw, mailto) ->
          address(raw, source, mailto ? rule + "_mailto" : rule + "_address", context));
    }

    private void record(TreeMap<String, String> fields) {
      // First the record's own country (its fields, else its company domains' ccTLD): the region its phone
      // numbers are read in.
      String recordCountry = null;
      String tldCountry = null;
      FieldRoles.Role[] roles = new FieldRoles.Role[fields.size()];
      int r = 0;
      for (Map.Entry<String, String> f : fields.entrySet()) {
        FieldRoles.Role role = FieldRoles.of(f.getKey());
        roles[r++] = role;
        if (role == FieldRoles.Role.COUNTRY && recordCountry == null && f.getValue() != null) {
          recordCountry = Countries.normalize(f.getValue());
        } else if (role == FieldRoles.Role.DOMAIN && tldCountry == null && f.getValue() != null) {
          String host = Domains.host(f.getValue());
          tldCountry = host == null ? null : Domains.countryOfTld(host);
        }
      }
      String region = recordCountry != null ? recordCountry : tldCountry;
      String first = null;
      String last = null;
      String firstSource = null;
      r = 0;
      for (Map.Entry<String, String> f : fields.entrySet()) {
        FieldRoles.Role role = roles[r++];
        String value = f.getValue();
        if (value == null || value.isBlank()) {
          continue;
        }
        String source = "field:" + f.getKey();
        switch (role) {
          case EMAIL -> {
            int before = out.size();
            found(value, source, "field", RECORD);
            if (out.size() == before) {
              Normalized n = EmailAddresses.normalize(value);
              add(EMAIL_ADDRESS, value, null, null, null, source, "field_address", null,
                  value.indexOf('@') < 0 || n.isOk() ? "no_address" : n.reason(), RECORD);
            }
          }
          case LOGIN -> {
            login(value, source, "field_login");
            if (value.indexOf('@') >= 0) {
              found(value, source, "login", RECORD);
            }
          }
          case ORGANIZATION -> {
            Normalized n = CompanyNames.normalize(value);
            add(COMPANY, value, n.value(), null, null, source, "field_organization", recordCountry, n.reason(),
                RECORD);
          }
          case DOMAIN -> domainField(value, source);
          case COUNTRY -> {
            String code = Countries.normalize(value);
            add(COUNTRY, value, code, null, null, source, FIELD_COUNTRY, code,
                code == null ? "unknown_country" : null, RECORD);
          }
          case PHONE -> phone(value, region, source, "field_phone", RECORD);
          case PERSON_NAME -> personName(value, source, "field_person_name", RECORD);
          case FIRST_NAME -> {
            first = value;
            firstSource = source;
          }
          case LAST_NAME -> last = value;
          case NONE -> {
            if (value.indexOf('@') >= 0) {
              found(value, source, "field_value", RECORD);
            }
            if (Logins.looksLikeQualifiedLogin(value.strip())) {
              login(value, source, "value_shape_login");
            }
          }
        }
      }
      if (first != null || last != null) {
        String name = PersonNames.join(first, last);
        personName(name, firstSource != null ? firstSource : "field:name", "field_name_parts", RECORD);
      }
    }

    private void login(String value, String source, String rule) {
      Normalized n = Logins.normalize(value);
      add(USER, value, n.value(), null, null, source, rule, null, n.reason(), RECORD);
    }

    /**
     * An address mention, and for a company's address (not free mail) its registrable domain as a domain mention
     * and the domain's ccTLD country as a country mention.
     */
    private void address(String raw, String source, String rule, String context) {
      Address a = addresses.computeIfAbsent(raw, this::readAddress);
      if (a.reason() != null) {
        add(EMAIL_ADDRESS, raw, null, null, null, source, rule, null, a.reason(), context);
        return;
      }
      add(EMAIL_ADDRESS, raw, a.normalized(), a.canonical(), a.registrable(), source, rule, a.country(), null,
          context);
      if (SENDER.equals(context) && a.company()) {
        senderDomain = a.registrable();
        senderCountry = a.country();
      }
      if (a.company()) {
        add(DOMAIN, a.host(), a.registrable(), null, a.registrable(), source, "address_domain", a.country(), null,
            context);
        if (a.country() != null) {
          add(COUNTRY, a.host(), a.country(), null, a.registrable(), source, CCTLD, a.country(), null, context);
        }
      }
    }

    /** What an address as written says, by the rules: the same for every mention of it. */
    private Address readAddress(String raw) {
      Normalized n = EmailAddresses.normalize(raw);
      if (!n.isOk()) {
        return new Address(null, null, null, null, false, null, n.reason());
      }
      String host = EmailAddresses.domainOf(n.value());
      String registrable = Domains.registrable(host);
      boolean company = registrable != null && !Domains.isFreeMail(registrable);
      return new Address(n.value(), canonical ? EmailAddresses.canonical(n.value()) : null, host, registrable,
          company, company ? Domains.countryOfTld(host) : null, null);
    }

    private void domainField(String value, String source) {
      String host = Domains.host(value);
      String registrable = host == null ? null : Domains.registrable(host);
      if (registrable == null) {
        add(DOMAIN, value, null, null, null, source, "field_domain", null, "invalid_domain", RECORD);
        return;
      }
      if (Domains.isFreeMail(registrable)) {
        // A free-mail domain names no company: kept as a rejected company domain, so it is counted, not lost.
        add(DOMAIN, value, null, null, registrable, source, "field_domain", null, "free_mail_domain", RECORD);
        return;
      }
      String country = Domains.countryOfTld(host);
      add(DOMAIN, value, registrable, null, registrable, source, "field_domain", country, null, RECORD);
      if (country != null) {
        add(COUNTRY, value, country, null, registrable, source, CCTLD, country, null, RECORD);
      }
    }

    private void phone(String raw, String region, String source, String rule, String context) {
      Phones.Result p = Phones.parse(raw, region);
      String e164 = p.isOk() ? p.phone().e164() : null;
      String phoneRegion = p.isOk() ? p.phone().region() : null;
      add(PHONE, raw, e164, null, null, source, rule, phoneRegion, p.reason(), context);
      if (phoneRegion != null) {
        add(COUNTRY, raw, phoneRegion, null, null, source, PHONE_REGION, phoneRegion, null, context);
      }
    }

    private void personName(String raw, String source, String rule, String context) {
      Normalized n = PersonNames.normalize(raw);
      add(PERSON_NAME, raw, n.value(), null, null, source, rule, null, n.reason(), context);
    }

    private void add(String type, String raw, String normalized, String canonicalValue, String domain,
        String source, String rule, String country, String reason, String context) {
      out.add(RowFactory.create(itemId, kind, recordSet, type, raw, normalized, canonicalValue, domain, source,
          rule, country, normalized == null && reason == null ? "invalid" : normalized == null ? reason : null,
          context, EMAIL_ADDRESS.equals(type) ? displayName : null));
    }
  }
}
