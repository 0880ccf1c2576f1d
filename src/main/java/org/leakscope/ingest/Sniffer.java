package org.leakscope.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides a unit's format from its first bytes and its name. Content wins over the name where the content is
 * unambiguous (archive and PDF magic, binary junk, RFC 822 headers, mbox separators), because leaked trees lose and
 * mislabel extensions (Enron's messages are {@code .txt} files); the name decides among text formats that content
 * alone cannot tell apart (CSV vs plain text, Markdown vs text).
 */
public final class Sniffer {
  /** How many leading bytes the sniffer looks at. */
  public static final int HEAD_BYTES = 8192;

  private static final Pattern HEADER_LINE = Pattern.compile("^[!-9;-~]{1,76}:[ \\t]?.*");
  private static final Set<String> MAIL_HEADERS =
      Set.of(
          "from", "to", "cc", "date", "subject", "message-id", "received", "return-path", "mime-version",
          "delivered-to", "reply-to", "in-reply-to", "references", "x-from", "x-to", "sender", "content-type",
          "x-mailer", "x-folder", "x-origin", "thread-topic", "dkim-signature");

  private Sniffer() {}

  public static Format sniff(String name, byte[] head, int len) {
    if (len == 0) {
      return Format.EMPTY;
    }
    String ext = extension(name);
    Format magic = magic(name, ext, head, len);
    if (magic != null) {
      return magic;
    }
    TextDecoding.Choice choice = TextDecoding.choose(head, len);
    String text = new String(head, choice.bomLength(), len - choice.bomLength(), choice.charset());
    // Mail before the binary test: a header block is mail even when NUL bytes (a binary part, a broken client) or
    // mostly high bytes (a body in KOI8-R or Shift_JIS) follow it.
    if (isMbox(text)) {
      return Format.MBOX;
    }
    if (isMessage(text)) {
      return Format.EML;
    }
    if (choice.bomLength() == 0 && looksBinary(head, len)) {
      return Format.UNSUPPORTED;
    }
    switch (ext) {
      case "csv", "tsv", "psv", "tab" -> {
        return Format.CSV;
      }
      case "json" -> {
        return jsonFlavour(text);
      }
      case "jsonl", "ndjson" -> {
        return Format.JSONL;
      }
      case "html", "htm", "xhtml" -> {
        return Format.HTML;
      }
      case "md", "markdown" -> {
        return Format.MARKDOWN;
      }
      case "eml" -> {
        return Format.EML;
      }
      case "mbox" -> {
        return Format.MBOX;
      }
      case "pdf", "docx", "xlsx", "pptx", "zip", "gz", "tgz", "tar", "png", "jpg", "jpeg", "gif" -> {
        // The name promised a format the content did not show.
        return Format.UNSUPPORTED;
      }
      default -> {
        // fall through to content
      }
    }
    String trimmed = text.stripLeading();
    if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
      return jsonFlavour(text);
    }
    String lower = trimmed.substring(0, Math.min(trimmed.length(), 512)).toLowerCase(Locale.ROOT);
    if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<body")) {
      return Format.HTML;
    }
    if (ext.isEmpty() && CsvDialect.sniff(text, null).columns() > 1) {
      return Format.CSV;
    }
    return Format.TEXT;
  }

  /** The lower-case extension of the last path segment, without a dot, or "". */
  public static String extension(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    return dot <= 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static Format magic(String name, String ext, byte[] h, int len) {
    if (startsWith(h, len, 0, "%PDF-")) {
      return Format.PDF;
    }
    if (len >= 4 && h[0] == 'P' && h[1] == 'K' && (h[2] == 3 || h[2] == 5) && (h[3] == 4 || h[3] == 6)) {
      String head = new String(h, 0, len, StandardCharsets.ISO_8859_1);
      boolean ooxml = head.contains("[Content_Types].xml") || ext.equals("docx") || ext.equals("xlsx")
          || ext.equals("pptx");
      if (ooxml && h[2] == 3) {
        return head.contains("word/") || ext.equals("docx") ? Format.DOCX : Format.OOXML;
      }
      return Format.ZIP;
    }
    if (len >= 2 && (h[0] & 0xFF) == 0x1F && (h[1] & 0xFF) == 0x8B) {
      return Format.GZIP;
    }
    if (startsWith(h, len, 257, "ustar")) {
      return Format.TAR;
    }
    return null;
  }

  private static boolean startsWith(byte[] h, int len, int at, String magic) {
    if (len < at + magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if (h[at + i] != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * NUL bytes, many control characters, or (when not UTF-8) mostly high bytes: not text in UTF-8 or any single-byte
   * charset a person would write in (windows-1252 prose has a few accented letters, not a majority).
   */
  private static boolean looksBinary(byte[] h, int len) {
    int control = 0;
    int high = 0;
    for (int i = 0; i < len; i++) {
      int b = h[i] & 0xFF;
      if (b == 0) {
        return true;
      }
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
        control++;
      } else if (b >= 0x80) {
        high++;
      }
    }
    return control * 20 > len || (high * 10 > len * 3 && !TextDecoding.isUtf8(h, 0, len, true));
  }

  private static boolean isMbox(String text) {
    int nl = text.indexOf('\n');
    String first = nl < 0 ? text : text.substring(0, nl);
    if (first.endsWith("\r")) {
      first = first.substring(0, first.length() - 1); // CRLF mbox: '.' does not match the CR
    }
    if (!separatorLine(first)) {
      return false;
    }
    // The separator must be followed by a header block.
    return nl > 0 && isMessage(text.substring(nl + 1));
  }

  /**
   * "From ", a sender token and a digit after it (the date). A linear scan: the regular expression it replaces,
   * {@code ^From \S+.*\d.*}, backtracked for 316 s over an 8 KB first line it could not match.
   */
  private static boolean separatorLine(String line) {
    if (!line.startsWith("From ") || line.length() < 7 || isRegexSpace(line.charAt(5))) {
      return false;
    }
    for (int i = 6; i < line.length(); i++) {
      if (line.charAt(i) >= '0' && line.charAt(i) <= '9') {
        return true;
      }
    }
    return false;
  }

  /** The characters of {@code \s} in a Java regular expression. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** A header block of RFC 822 fields, at least one of them a field mail always carries. */
  static boolean isMessage(String text) {
    int known = 0;
    int lines = 0;
    int pos = 0;
    while (pos < text.length() && lines < 60) {
      int nl = text.indexOf('\n', pos);
      String line = (nl < 0 ? text.substring(pos) : text.substring(pos, nl)).replace("\r", "");
      if (line.isEmpty()) {
        break;
      }
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (lines == 0) {
          return false;
        }
      } else if (HEADER_LINE.matcher(line).matches()) {
        String field = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
        if (MAIL_HEADERS.contains(field)) {
          known++;
        }
      } else if (nl >= 0) {
        return false;
      }
      lines++;
      if (nl < 0) {
        break;
      }
      pos = nl + 1;
    }
    return known >= 2;
  }

  /** JSON array or a single document vs one record per line. */
  private static Format jsonFlavour(String text) {
    String t = text.stripLeading();
    if (t.startsWith("[")) {
      return Format.JSON;
    }
    int nl = t.indexOf('\n');
    if (nl < 0) {
      return Format.JSONL;
    }
    String first = t.substring(0, nl).strip();
    // A complete object on the first line means one record per line; a pretty-printed object spans lines.
    return first.startsWith("{") && first.endsWith("}") && org.leakscope.ingest.records.JsonReader.isCompleteJson(first)
        ? Format.JSONL
        : Format.JSON;
  }
}
