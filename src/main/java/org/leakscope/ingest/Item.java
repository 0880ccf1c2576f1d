package org.leakscope.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parsed unit on its way to a row of {@code items}. Readers fill the fields that apply to their format. */
public final class Item {
  /** An attachment recorded on a message. */
  public record Attachment(String name, String mediaType, long sizeBytes, String sha256, String itemId) {}

  public final Format format;
  public final String locator;
  public final long sizeBytes;
  public final String contentSha256;
  public String recordSet;
  public String messageId;
  public Instant date;
  public String dateRaw;
  public String from;
  public List<String> to;
  public List<String> cc;
  public List<String> bcc;
  public List<String> replyTo;
  public String subject;
  public String inReplyTo;
  public List<String> references;
  private String text;
  private byte[] textUtf8;
  public Map<String, String> fields;
  public final List<Attachment> attachments = new ArrayList<>();
  public String parentItemId;
  public final List<String> warnings = new ArrayList<>();

  public Item(Format format, String locator, long sizeBytes, String contentSha256) {
    this.format = format;
    this.locator = locator;
    this.sizeBytes = sizeBytes;
    this.contentSha256 = contentSha256;
  }

  /** The unit's text (decoded from UTF-8 on demand when it was kept as bytes). */
  public String text() {
    if (text == null && textUtf8 != null) {
      text = new String(textUtf8, StandardCharsets.UTF_8);
    }
    return text;
  }

  public Item text(String value) {
    this.text = value;
    this.textUtf8 = null;
    return this;
  }

  /**
   * Sets the text as UTF-8 bytes, already validated. Mail bodies that are UTF-8 (or ASCII) on the wire travel to
   * Parquet as they are: decoding them to a Java String only for Spark to encode them back cost a sixth of
   * ingest's CPU (BENCHMARKS.md).
   */
  public Item textUtf8(byte[] utf8) {
    this.textUtf8 = utf8;
    this.text = null;
    return this;
  }

  /** The text as UTF-8 bytes, or null when there is none. */
  public byte[] textBytes() {
    if (textUtf8 != null) {
      return textUtf8;
    }
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  public Item warn(String warning) {
    if (warning != null && !warnings.contains(warning)) {
      warnings.add(warning);
    }
    return this;
  }

  public Item fields(LinkedHashMap<String, String> values) {
    this.fields = values;
    return this;
  }
}
