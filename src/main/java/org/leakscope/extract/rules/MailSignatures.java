package org.leakscope.extract.rules;

/**
 * The company line of a sender's signature: in the sender's own text (quoted parts already removed), a line that
 * is the sender's display name, followed by the last or second-to-last line of the text, which names a company
 * with a legal form ({@code Contoso Systems, S.A.}). Deliberately narrow, because a signature's company is linked
 * to the sender's domain:
 * <ul>
 *   <li>the name line must equal the From display name (normalized), so a forwarded message's signature — someone
 *       else's — is not taken for the forwarder's (and the caller skips forwards by subject, for namesakes);
 *   <li>the company line must lose a legal form when normalized (a "Sales Director" or "Sent from my phone" line
 *       has none), have at most {@link #MAX_WORDS} words, and hold no {@code @}, {@code :} or URL.
 * </ul>
 */
public final class MailSignatures {
  static final int MAX_WORDS = 8;
  /** How many non-empty lines from the end of the text are looked at. */
  private static final int TAIL_LINES = 4;

  private MailSignatures() {}

  /**
   * The company line as written, or null.
   *
   * @param ownText the sender's own text of a message
   * @param senderName the sender's display name, normalized by {@link PersonNames#normalize}
   */
  public static String companyLine(CharSequence ownText, String senderName) {
    if (ownText == null || senderName == null) {
      return null;
    }
    String[] tail = lastLines(ownText, TAIL_LINES);
    // tail[0] is the last non-empty line; the company line is tail[0] or tail[1], the name line right above it.
    for (int c = 0; c <= 1 && c + 1 < tail.length && tail[c + 1] != null; c++) {
      Normalized name = PersonNames.normalize(tail[c + 1]);
      if (name.isOk() && name.value().equals(senderName) && isCompanyLine(tail[c])) {
        return tail[c];
      }
    }
    return null;
  }

  static boolean isCompanyLine(String line) {
    if (line.indexOf('@') >= 0 || line.indexOf(':') >= 0 || line.contains("www.")) {
      return false;
    }
    String[] written = line.strip().split("\\s+");
    if (written.length > MAX_WORDS || !Text.hasLetter(line)) {
      return false;
    }
    String words = CompanyNames.words(Text.stripDiacritics(Text.fold(Text.nfkc(line).strip())));
    return !words.isEmpty() && !CompanyNames.stripSuffixes(words).equals(words);
  }

  /** Up to {@code count} non-empty lines from the end, last first, stripped; nulls when there are fewer. */
  private static String[] lastLines(CharSequence text, int count) {
    String[] out = new String[count];
    int found = 0;
    int end = text.length();
    while (end > 0 && found < count) {
      int start = end - 1;
      while (start >= 0 && text.charAt(start) != '\n') {
        start--;
      }
      String line = text.subSequence(start + 1, end).toString().strip();
      if (!line.isEmpty()) {
        out[found++] = line;
      }
      end = start < 0 ? 0 : start;
    }
    return out;
  }
}
