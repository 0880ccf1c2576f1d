package org.leakscope.report;

import java.util.Locale;

/**
 * How the report writes numbers: counts with thousands separators ({@code 1,310}), shares as percent ({@code 61%}),
 * seconds with one decimal ({@code 12.3 s}), sizes in decimal units ({@code 3.4 MB}), ratios as {@code 3.1×}.
 * Always {@link Locale#ROOT}, so a report reads the same wherever it was made. Values that are not finite become
 * a dash, never {@code NaN} or {@code Infinity}.
 */
final class Numbers {
  private Numbers() {}

  static final String NONE = "—";

  private static final String[] SIZE_UNITS = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};

  /** {@code 1310} → {@code "1,310"}. */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /**
   * A published count: null is a count hidden by small-count suppression (below k, or hidden with one that is so
   * that it cannot be worked out from a total), shown as "hidden".
   */
  static String count(Long n) {
    return n == null ? "hidden" : count(n.longValue());
  }

  /** A hidden count charts as zero (its label says it is hidden). */
  static long orZero(Long n) {
    return n == null ? 0L : n;
  }

  /** A published share: null when the count it divides is hidden. */
  static String percent(Double share) {
    return share == null ? "a hidden share" : percent(share.doubleValue());
  }

  /** A count given as a double (an estimate), rounded to the nearest whole number. */
  static String count(double n) {
    return Double.isFinite(n) ? count(Math.round(n)) : NONE;
  }

  /**
   * A share (0.0 to 1.0) as percent, whole percent except near the ends, where rounding would claim "0%" or "100%"
   * for a share that is neither: {@code 0.004} → {@code "0.4%"}, {@code 0.9996} → {@code ">99.9%"}.
   */
  static String percent(double share) {
    if (!Double.isFinite(share)) {
      return NONE;
    }
    double p = share * 100;
    if (p > 0 && p < 0.05) {
      return "<0.1%";
    }
    if (p > 99.95 && p < 100) {
      return ">99.9%";
    }
    if ((p > 0 && p < 1) || (p > 99 && p < 100)) {
      return String.format(Locale.ROOT, "%.1f%%", p);
    }
    return String.format(Locale.ROOT, "%.0f%%", p);
  }

  /** {@code part} as percent of {@code whole}; a dash when {@code whole} is 0. */
  static String percent(long part, long whole) {
    return whole == 0 ? NONE : percent((double) part / whole);
  }

  /** {@code 12.34} → {@code "12.3 s"}. */
  static String seconds(double s) {
    return Double.isFinite(s) ? String.format(Locale.ROOT, "%,.1f s", s) : NONE;
  }

  /** {@code 3.125} → {@code "3.1×"}. */
  static String ratio(double r) {
    return Double.isFinite(r) ? String.format(Locale.ROOT, "%,.1f×", r) : NONE;
  }

  /** A parameter as written, without trailing zeros: {@code 0.8} → {@code "0.8"}, {@code 128.0} → {@code "128"}. */
  static String decimal(double d) {
    if (!Double.isFinite(d)) {
      return NONE;
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return count((long) d);
    }
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** A size in decimal units: {@code 3425076} → {@code "3.4 MB"}; below 1,000 bytes, the exact count. */
  static String bytes(long b) {
    if (b < 1000) {
      return count(b) + (b == 1 ? " byte" : " bytes");
    }
    double v = b;
    int unit = 0;
    while (v >= 999.95 && unit < SIZE_UNITS.length - 1) {
      v /= 1000;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, SIZE_UNITS[unit]);
  }
}
