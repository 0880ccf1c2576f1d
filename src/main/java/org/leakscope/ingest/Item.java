package org.leakscope.ingest;

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
  public String text;
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
