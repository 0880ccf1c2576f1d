package org.leakscope.ingest;

/**
 * The delimiter of a delimited export, sniffed from its first lines: the candidate (comma, tab, semicolon, pipe)
 * that splits the most lines into the same number of fields, counting only delimiters outside quotes.
 *
 * @param delimiter the delimiter
 * @param columns   fields on the first line with that delimiter (1 when nothing splits the lines)
 */
public record CsvDialect(char delimiter, int columns) {
  private static final char[] CANDIDATES = {',', '\t', ';', '|'};
  private static final int SAMPLE_LINES = 20;

  /** Sniffs the dialect; {@code preferred} (e.g. tab for .tsv) wins ties, and may be null. */
  public static CsvDialect sniff(String head, Character preferred) {
    String[] lines = head.split("\r?\n", SAMPLE_LINES + 1);
    int usable = Math.min(lines.length, SAMPLE_LINES);
    if (usable > 1 && lines.length <= SAMPLE_LINES) {
      usable--; // the last line of the sample may be cut
    }
    usable = Math.max(usable, 1);
    CsvDialect best = new CsvDialect(preferred == null ? ',' : preferred, 1);
    int bestScore = 0;
    for (char d : CANDIDATES) {
      int first = fields(lines[0], d);
      if (first < 2) {
        continue;
      }
      int agree = 0;
      for (int i = 0; i < usable; i++) {
        if (lines[i].isBlank() || fields(lines[i], d) == first) {
          agree++;
        }
      }
      // Lines may hold quoted newlines, so agreement is a majority, not all; content sniffing of an unnamed file
      // (no preferred delimiter) asks every line to agree, so prose with a comma is not taken for a table.
      if ((agree * 2 < usable && usable > 1) || (preferred == null && agree < usable)) {
        continue;
      }
      int score = agree * 1000 + first + (preferred != null && preferred == d ? 500 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = new CsvDialect(d, first);
      }
    }
    // Content sniffing of an unnamed file needs more than one line that splits.
    if (preferred == null && usable < 2) {
      return new CsvDialect(best.delimiter, 1);
    }
    return best;
  }

  private static int fields(String line, char d) {
    int n = 1;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == d && !quoted) {
        n++;
      }
    }
    return n;
  }
}
