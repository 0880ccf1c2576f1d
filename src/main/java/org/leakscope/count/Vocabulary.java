package org.leakscope.count;

import java.util.List;

/**
 * The counting vocabulary of ARCHITECTURE.md (a contract): metrics, bases, which bases apply to which metric, and
 * how strict each basis is.
 */
public final class Vocabulary {
  private Vocabulary() {}

  public static final String EMAIL_MESSAGES = "email_messages";
  public static final String DOCUMENTS = "documents";
  public static final String RECORDS = "records";
  public static final String EMAIL_ADDRESSES = "email_addresses";
  public static final String USERS = "users";
  public static final String COMPANIES = "companies";
  public static final String COUNTRIES = "countries";

  public static final String RAW = "raw";
  public static final String DISTINCT_RAW = "distinct_raw";
  public static final String DISTINCT_NORMALIZED = "distinct_normalized";
  /** The optional extra basis of addresses without plus-tags and provider dots ({@code --canonical-addresses}). */
  public static final String DISTINCT_CANONICAL = "distinct_canonical";
  public static final String EXACT_UNIQUE = "exact_unique";
  public static final String NEAR_UNIQUE = "near_unique";
  public static final String RESOLVED = "resolved";

  /** Metrics in report order; {@code records:<set>} metrics follow {@code records}. */
  public static final List<String> METRICS =
      List.of(EMAIL_MESSAGES, DOCUMENTS, RECORDS, EMAIL_ADDRESSES, USERS, COMPANIES, COUNTRIES);

  /** Bases from the loosest to the strictest definition of "one". */
  public static final List<String> BASES =
      List.of(RAW, DISTINCT_RAW, DISTINCT_NORMALIZED, DISTINCT_CANONICAL, EXACT_UNIQUE, NEAR_UNIQUE, RESOLVED);

  /** The prefix of a records metric qualified by record set, e.g. {@code records:users}. */
  public static final String RECORD_SET_PREFIX = RECORDS + ":";

  /**
   * The bases that apply to a metric (absent bases do not apply: never reported as zero). The optional
   * {@code distinct_canonical} basis applies to addresses only when the run asked for it.
   */
  public static List<String> bases(String metric, boolean canonicalAddresses) {
    if (metric.startsWith(RECORD_SET_PREFIX) || metric.equals(RECORDS)) {
      return List.of(RAW, EXACT_UNIQUE);
    }
    return switch (metric) {
      case EMAIL_MESSAGES, DOCUMENTS -> List.of(RAW, EXACT_UNIQUE, NEAR_UNIQUE);
      case EMAIL_ADDRESSES -> canonicalAddresses
          ? List.of(RAW, DISTINCT_RAW, DISTINCT_NORMALIZED, DISTINCT_CANONICAL)
          : List.of(RAW, DISTINCT_RAW, DISTINCT_NORMALIZED);
      case USERS, COMPANIES -> List.of(RAW, DISTINCT_RAW, DISTINCT_NORMALIZED, RESOLVED);
      case COUNTRIES -> List.of(RAW, DISTINCT_RAW, DISTINCT_NORMALIZED);
      default -> throw new IllegalArgumentException("unknown metric \"" + metric + "\"");
    };
  }

  /** Sorts metrics in report order, record sets after {@code records} by name. */
  public static int compareMetrics(String a, String b) {
    int c = Integer.compare(rank(a), rank(b));
    return c != 0 ? c : a.compareTo(b);
  }

  private static int rank(String metric) {
    if (metric.startsWith(RECORD_SET_PREFIX)) {
      return METRICS.indexOf(RECORDS) * 2 + 1;
    }
    int i = METRICS.indexOf(metric);
    return i < 0 ? Integer.MAX_VALUE : i * 2;
  }

  /** Position of a basis from loosest (0) to strictest. */
  public static int strictness(String basis) {
    int i = BASES.indexOf(basis);
    if (i < 0) {
      throw new IllegalArgumentException("unknown basis \"" + basis + "\"");
    }
    return i;
  }
}
