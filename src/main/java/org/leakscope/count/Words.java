package org.leakscope.count;

import java.util.Locale;

/** How metrics, bases and numbers read in findings and on the report. */
public final class Words {
  private Words() {}

  public static String metric(String metric) {
    if (metric.startsWith(Vocabulary.RECORD_SET_PREFIX)) {
      return "records of the \"" + metric.substring(Vocabulary.RECORD_SET_PREFIX.length()) + "\" export";
    }
    return switch (metric) {
      case Vocabulary.EMAIL_MESSAGES -> "email messages";
      case Vocabulary.EMAIL_ADDRESSES -> "email addresses";
      default -> metric;
    };
  }

  /** The basis as a short adjective: "raw", "near-unique" … */
  public static String basis(String basis) {
    return switch (basis) {
      case Vocabulary.DISTINCT_RAW -> "distinct-as-written";
      case Vocabulary.DISTINCT_NORMALIZED -> "distinct-normalized";
      case Vocabulary.DISTINCT_CANONICAL -> "distinct-canonical";
      default -> basis.replace('_', '-');
    };
  }

  /** What a basis counts once, for a metric: "every stored copy", "near copies collapsed" … */
  public static String meaning(String basis, String metric) {
    boolean items = MetricKeys.KIND_METRICS.containsValue(metric) || metric.startsWith(Vocabulary.RECORD_SET_PREFIX);
    return switch (basis) {
      case Vocabulary.RAW -> items ? "every stored copy" : "every occurrence";
      case Vocabulary.DISTINCT_RAW -> "each spelling once";
      case Vocabulary.DISTINCT_NORMALIZED -> "each value once after normalization";
      case Vocabulary.DISTINCT_CANONICAL -> "plus-tags and provider dots removed";
      case Vocabulary.EXACT_UNIQUE -> "exact copies collapsed";
      case Vocabulary.NEAR_UNIQUE -> "near copies collapsed";
      case Vocabulary.RESOLVED -> "identifiers of one entity linked";
      default -> basis;
    };
  }

  public static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** "3.1 times" */
  public static String ratio(double r) {
    return String.format(Locale.ROOT, "%.1f times", r);
  }

  /** ", 2.0% off" or "" when exact. */
  static String offBy(Double relative) {
    if (relative == null || relative == 0) {
      return "";
    }
    return String.format(Locale.ROOT, ", %+.1f%%", 100 * relative);
  }
}
