package org.leakscope.ingest.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.leakscope.ingest.ByteBuffer2;
import org.leakscope.ingest.Format;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.LineReader;
import org.leakscope.ingest.Reason;

/**
 * Streams an mbox file one message at a time with bounded memory, whatever the file size. A message starts at a
 * {@code From } line that opens the file or carries an asctime date (so an unescaped "From here…" in a body does
 * not split a message); {@code >From } lines are
 * unescaped one level (mboxrd). A message over {@link Limits#maxUnitBytes()} or with a line over
 * {@link Limits#maxLineBytes()} is scanned to its end without being kept and is quarantined {@code too_large}.
 */
public final class MboxReader {
  /** Receives each message: its locator, bytes, and a rejection when it broke a limit. */
  @FunctionalInterface
  public interface MessageSink {
    void message(String locator, byte[] bytes, int len, Reason rejected, String detail);
  }

  private static final Pattern DATED = Pattern.compile("^From \\S+\\s+.*\\d{1,2}:\\d{2}.*\\d{4}.*$");

  private final Limits limits;

  public MboxReader(Limits limits) {
    this.limits = limits;
  }

  public void read(InputStream in, String prefix, MessageSink sink) throws IOException {
    LineReader lines = new LineReader(in, limits.maxLineBytes());
    ByteBuffer2 message = new ByteBuffer2(64 * 1024);
    int index = 0;
    long start = 0;
    boolean open = false;
    String problem = null;
    while (lines.next()) {
      if (lines.startsWith("From ") && (!open || dated(lines))) {
        if (open) {
          emit(sink, prefix, index, start, message, problem);
        }
        index++;
        start = lines.offset();
        open = true;
        message.reset();
        problem = null;
        continue;
      }
      if (!open) {
        if (lines.blank()) {
          continue; // blank lines before the first message belong to no unit
        }
        index++; // content before any separator: a message without its From line
        start = lines.offset();
        open = true;
        message.reset();
        problem = null;
      }
      if (problem != null) {
        continue;
      }
      if (lines.overlong()) {
        problem = "line longer than maxLineBytes=" + limits.maxLineBytes();
        continue;
      }
      int skip = unescapeFrom(lines) ? 1 : 0;
      if (message.size() + lines.length() + 1 > limits.maxUnitBytes()) {
        problem = "message larger than maxUnitBytes=" + limits.maxUnitBytes();
        continue;
      }
      message.append(lines.bytes(), skip, lines.length() - skip);
      message.append((byte) '\n');
    }
    if (open) {
      emit(sink, prefix, index, start, message, problem);
    }
  }

  private static void emit(
      MessageSink sink, String prefix, int index, long start, ByteBuffer2 message, String problem) {
    String locator = prefix + "#msg=" + index + "@" + start;
    sink.message(
        locator, message.array(), withoutSeparatorBlank(message), problem == null ? null : Reason.TOO_LARGE,
        problem);
  }

  /**
   * mbox writers put a blank line before each {@code From } separator; it belongs to the separator, not to the
   * message, or the same message would parse to a different text in an mbox and in an .eml file.
   */
  private static int withoutSeparatorBlank(ByteBuffer2 message) {
    byte[] b = message.array();
    int n = message.size();
    if (n >= 2 && b[n - 1] == '\n' && b[n - 2] == '\n') {
      return n - 1;
    }
    if (n >= 3 && b[n - 1] == '\n' && b[n - 2] == '\r' && b[n - 3] == '\n') {
      return n - 2;
    }
    return n;
  }

  private static boolean dated(LineReader lines) {
    int n = lines.length();
    if (n > 0 && lines.bytes()[n - 1] == '\r') {
      n--; // CRLF mbox: '.' does not match the CR
    }
    String s = new String(lines.bytes(), 0, Math.min(n, 200), StandardCharsets.ISO_8859_1);
    return DATED.matcher(s).matches();
  }

  /** mboxrd: a body line {@code >From }, {@code >>From }… loses one {@code >}. */
  private static boolean unescapeFrom(LineReader lines) {
    byte[] b = lines.bytes();
    int n = lines.length();
    int i = 0;
    while (i < n && b[i] == '>') {
      i++;
    }
    return i > 0 && n - i >= 5 && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o' && b[i + 3] == 'm'
        && b[i + 4] == ' ';
  }

}
