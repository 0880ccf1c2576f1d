package org.leakscope.dedup.minhash;

import java.util.regex.Pattern;

/**
 * The part of a message body its sender wrote: quoted lines ({@code >} …) are left out, and everything from the
 * first reply header on ("-----Original Message-----" and its variants in other languages and clients, "On … wrote:",
 * Outlook's underscore rule followed by "From:"). Forwarded blocks ("---------- Forwarded message ----------",
 * "----- Forwarded by …") are kept: a forward's content is what it forwards.
 *
 * <p>Each line is matched on its own, and only lines shorter than {@link #MAX_MARKER_LINE} characters are tried
 * against the patterns, so a hostile body cannot make a pattern do more than linear work.
 */
public final class QuoteStripper {
  static final int MAX_MARKER_LINE = 200;

  private static final Pattern REPLY_HEADER =
      Pattern.compile(
          "-{2,} ?(original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale"
              + "|oorspronkelijk bericht|mensagem original|ursprungligt meddelande|alkuperäinen viesti"
              + "|opprinnelig melding|oprindelig meddelelse|wiadomość oryginalna|původní zpráva) ?-{2,}"
              + "|on .{1,150} wrote:|am .{1,150} schrieb .{0,100}:|le .{1,150} a écrit ?:|el .{1,150} escribió:",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private QuoteStripper() {}

  /** The sender's own text of {@code body}: {@code body} itself when nothing is quoted. */
  public static CharSequence ownText(String body) {
    if (body == null) {
      return "";
    }
    StringBuilder kept = null;
    int n = body.length();
    int start = 0;
    while (start < n) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      int first = start;
      while (first < end && (body.charAt(first) == ' ' || body.charAt(first) == '\t')) {
        first++;
      }
      boolean quoted = first < end && body.charAt(first) == '>';
      if (isReplyHeader(body, first, end)) {
        return kept == null ? body.substring(0, start) : kept;
      }
      if (quoted && kept == null) {
        kept = new StringBuilder(body.length()).append(body, 0, start);
      } else if (!quoted && kept != null) {
        kept.append(body, start, Math.min(end + 1, n));
      }
      start = end + 1;
    }
    return kept == null ? body : kept;
  }

  private static boolean isReplyHeader(String body, int from, int end) {
    int to = end;
    while (to > from && Character.isWhitespace(body.charAt(to - 1))) {
      to--;
    }
    int length = to - from;
    if (length < 6 || length > MAX_MARKER_LINE) {
      return false;
    }
    char c = Character.toLowerCase(body.charAt(from));
    if (c == '_' && length >= 20 && body.substring(from, to).chars().allMatch(ch -> ch == '_')) {
      return nextLineStartsWith(body, end, "From:");
    }
    if (c != '-' && c != 'o' && c != 'a' && c != 'l' && c != 'e') {
      return false;
    }
    return REPLY_HEADER.matcher(body).region(from, to).matches();
  }

  private static boolean nextLineStartsWith(String body, int end, String prefix) {
    return end + 1 < body.length() && body.regionMatches(true, end + 1, prefix, 0, prefix.length());
  }
}
