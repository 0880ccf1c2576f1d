package org.leakscope.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads byte lines from a stream with bounded memory: a line longer than the limit is consumed to its end but only
 * its first {@code maxLine} bytes are kept, and {@link #overlong()} says so. Lines end at LF; a CR before it is kept.
 */
public final class LineReader {
  private final InputStream in;
  private final int maxLine;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int end;
  private byte[] line = new byte[256];
  private int lineLen;
  private boolean overlong;
  private long lineOffset;
  private long consumed;

  public LineReader(InputStream in, int maxLine) {
    this.in = in;
    this.maxLine = maxLine;
  }

  /** Reads the next line; false at end of stream. */
  public boolean next() throws IOException {
    lineLen = 0;
    overlong = false;
    lineOffset = consumed;
    boolean any = false;
    while (true) {
      if (pos == end) {
        end = in.read(buf, 0, buf.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return any;
        }
      }
      any = true;
      int start = pos;
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
      keep(start, pos - start);
      consumed += pos - start;
      if (pos < end) {
        pos++; // the LF
        consumed++;
        return true;
      }
    }
  }

  private void keep(int from, int n) {
    int room = maxLine - lineLen;
    if (n > room) {
      overlong = true;
      n = Math.max(room, 0);
    }
    if (n == 0) {
      return;
    }
    if (lineLen + n > line.length) {
      line = java.util.Arrays.copyOf(line, Math.max(lineLen + n, Math.min(maxLine, line.length * 2)));
    }
    System.arraycopy(buf, from, line, lineLen, n);
    lineLen += n;
  }

  /** The current line's bytes (valid up to {@link #length()}, reused by the next call). */
  public byte[] bytes() {
    return line;
  }

  public int length() {
    return lineLen;
  }

  public boolean overlong() {
    return overlong;
  }

  /** Byte offset of the current line's start in the stream. */
  public long offset() {
    return lineOffset;
  }

  /** Bytes consumed so far, line terminators included. */
  public long consumed() {
    return consumed;
  }

  /** True when the line holds nothing but an optional CR. */
  public boolean blank() {
    return lineLen == 0 || (lineLen == 1 && line[0] == '\r');
  }

  public boolean startsWith(String ascii) {
    if (lineLen < ascii.length()) {
      return false;
    }
    for (int i = 0; i < ascii.length(); i++) {
      if (line[i] != ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
