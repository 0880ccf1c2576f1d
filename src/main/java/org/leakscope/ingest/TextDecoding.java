package org.leakscope.ingest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decoding of text whose charset nobody declared: a byte-order mark wins; otherwise strict UTF-8; otherwise
 * windows-1252 (the usual charset of legacy exports), flagged with a warning so the choice is visible.
 */
public final class TextDecoding {
  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  public static final String WARN_NOT_UTF8 = "not_utf8_decoded_as_windows_1252";
  public static final String WARN_REPLACED = "invalid_bytes_replaced";

  private TextDecoding() {}

  /** A charset choice for a stream, and how many leading bytes (a byte-order mark) to skip. */
  public record Choice(Charset charset, int bomLength, String warning) {}

  /** Chooses the charset from the first bytes of a stream. */
  public static Choice choose(byte[] head, int len) {
    if (len >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
      return new Choice(StandardCharsets.UTF_8, 3, null);
    }
    if (len >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      return new Choice(StandardCharsets.UTF_16BE, 2, null);
    }
    if (len >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      return new Choice(StandardCharsets.UTF_16LE, 2, null);
    }
    return isUtf8(head, 0, len, true)
        ? new Choice(StandardCharsets.UTF_8, 0, null)
        : new Choice(WINDOWS_1252, 0, WARN_NOT_UTF8);
  }

  /** A decoded text and the warning its decoding earned, if any. */
  public record Decoded(String text, String warning) {}

  /** Decodes a whole buffer by {@link #choose}. */
  public static Decoded decode(byte[] bytes, int off, int len) {
    byte[] head = off == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, off, off + Math.min(len, 3));
    Choice c = choose(head, Math.min(len, head.length));
    return decode(bytes, off + c.bomLength(), len - c.bomLength(), c.charset(), c.warning());
  }

  /** Decodes with a known charset, replacing undecodable bytes and saying so. */
  public static Decoded decode(byte[] bytes, int off, int len, Charset charset, String warning) {
    if (isAscii(bytes, off, len) && isAsciiCompatible(charset)) {
      // Most mail is plain ASCII: the JDK's own fast path, no strict decoder needed.
      return new Decoded(new String(bytes, off, len, StandardCharsets.ISO_8859_1), warning);
    }
    if (charset.equals(StandardCharsets.UTF_8)) {
      // The JDK's UTF-8 constructor is much faster than a CharsetDecoder; it replaces bad bytes with U+FFFD, so
      // only text that holds a U+FFFD needs the strict check (it may have been written so).
      String s = new String(bytes, off, len, StandardCharsets.UTF_8);
      if (s.indexOf('\uFFFD') < 0) {
        return new Decoded(s, warning);
      }
    }
    try {
      String s =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, off, len))
              .toString();
      return new Decoded(s, warning);
    } catch (CharacterCodingException e) {
      return new Decoded(new String(bytes, off, len, charset), warning == null ? WARN_REPLACED : warning);
    }
  }

  static boolean isAscii(byte[] b, int off, int len) {
    return Bytes.firstNonAscii(b, off, off + len) == off + len;
  }

  private static boolean isAsciiCompatible(Charset c) {
    return c.equals(StandardCharsets.UTF_8)
        || c.equals(StandardCharsets.US_ASCII)
        || c.equals(StandardCharsets.ISO_8859_1)
        || c.equals(WINDOWS_1252);
  }

  /**
   * True when the bytes are valid UTF-8. With {@code truncatedOk}, a multi-byte sequence cut by the end of the buffer
   * is accepted (the buffer is a prefix of a longer stream).
   */
  public static boolean isUtf8(byte[] b, int off, int len, boolean truncatedOk) {
    if (isAscii(b, off, len)) {
      return true;
    }
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(b, off, len);
    CharBuffer out = CharBuffer.allocate(Math.max(16, len));
    var result = decoder.decode(in, out, !truncatedOk);
    if (result.isError()) {
      return false;
    }
    return truncatedOk ? in.remaining() < 4 : !in.hasRemaining();
  }
}
