package org.leakscope.extract.rules;

/**
 * A normalized value, or the reason a value that looked like an entity was rejected (exactly one is non-null).
 *
 * <p>Rejections are results, not exceptions: a dump is full of values that look like an email address or a phone
 * number and are not, and counting them by reason is part of the report. Reasons are short snake_case codes; each
 * normalizer documents its own.
 */
public record Normalized(String value, String reason) {
  public Normalized {
    if ((value == null) == (reason == null)) {
      throw new IllegalArgumentException(
          "exactly one of value and reason must be non-null, got value=" + value + " reason=" + reason);
    }
  }

  public static Normalized ok(String value) {
    if (value == null) {
      throw new IllegalArgumentException("a normalized value must not be null");
    }
    return new Normalized(value, null);
  }

  public static Normalized rejected(String reason) {
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs a reason, got " + (reason == null ? "null" : "\"\""));
    }
    return new Normalized(null, reason);
  }

  public boolean isOk() {
    return value != null;
  }
}
