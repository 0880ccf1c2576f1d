package org.leakscope.ingest.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Fallback Date-header patterns for what mime4j's lenient parser refuses (comments, missing seconds, zone names). */
final class MailDates {
  private static final Pattern COMMENT = Pattern.compile("\\s*\\([^)]*\\)\\s*$");
  private static final List<DateTimeFormatter> PATTERNS =
      List.of(
          DateTimeFormatter.RFC_1123_DATE_TIME,
          DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm[:ss] Z", Locale.ROOT),
          DateTimeFormatter.ofPattern("d MMM yyyy HH:mm[:ss] Z", Locale.ROOT),
          DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm[:ss] z", Locale.ROOT),
          DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC),
          DateTimeFormatter.ISO_OFFSET_DATE_TIME);

  private MailDates() {}

  /** Longer than any date with a comment; the comment pattern is quadratic in the length (minutes at 1 MiB). */
  static final int MAX_DATE_CHARS = 256;

  static Instant parse(String raw) {
    if (raw.length() > MAX_DATE_CHARS) {
      return null;
    }
    String s = COMMENT.matcher(raw.strip()).replaceAll("").replaceAll("\\s+", " ");
    for (DateTimeFormatter f : PATTERNS) {
      try {
        return ZonedDateTime.parse(s, f).toInstant();
      } catch (DateTimeParseException e) {
        // next pattern
      }
    }
    return null;
  }
}
