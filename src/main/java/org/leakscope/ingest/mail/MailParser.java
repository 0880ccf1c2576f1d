package org.leakscope.ingest.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.leakscope.ingest.Format;
import org.leakscope.ingest.Hashing;
import org.leakscope.ingest.Item;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.Sniffer;
import org.leakscope.ingest.TextDecoding;
import org.leakscope.ingest.UnitRejected;
import org.leakscope.ingest.documents.HtmlText;

/**
 * Parses one RFC 822 message with mime4j's pull parser, so MIME nesting is counted as it is read and stopped at the
 * configured depth, and every mime4j limit (line, header count, header length) is set explicitly.
 *
 * <p>The message text is its non-attachment text/plain parts, or, when it has none, its text/html parts converted to
 * text. Every other part is recorded as an attachment; attachments that are documents are returned so that they
 * become items of their own, linked to the message.
 */
public final class MailParser {
  /** A document attachment to be ingested as its own item. */
  public record DocumentAttachment(String locator, String name, byte[] bytes, Format format) {}

  /** A parsed message and its document attachments. */
  public record ParsedMail(Item item, List<DocumentAttachment> documents) {}

  /** The warning of a message read again with its malformed header lines skipped (see {@link #parse}). */
  public static final String WARN_MALFORMED_HEADER_SKIPPED = "malformed_header_line_skipped";

  private final Limits limits;
  private final MimeConfig config;
  private final MimeConfig skipMalformedHeaders;

  public MailParser(Limits limits) {
    this.limits = limits;
    this.config = config(limits, true);
    this.skipMalformedHeaders = config(limits, false);
  }

  private static MimeConfig config(Limits limits, boolean malformedHeaderStartsBody) {
    return new MimeConfig.Builder()
        .setMaxLineLen(limits.maxLineBytes())
        .setMaxHeaderCount(limits.maxHeaderCount())
        .setMaxHeaderLen(limits.maxHeaderBytes())
        .setMaxContentLen(limits.maxUnitBytes())
        .setStrictParsing(false)
        .setMalformedHeaderStartsBody(malformedHeaderStartsBody)
        .build();
  }

  /**
   * Parses a message held in {@code bytes}. {@code idOf} gives the item id of a locator (for attachment items).
   *
   * @throws UnitRejected when the message breaks a limit or cannot be parsed
   */
  public ParsedMail parse(
      byte[] bytes, int off, int len, Format format, String locator, Function<String, String> idOf) {
    // mime4j bounds header lines only; body lines are held to the same limit here, as the mbox reader does.
    // A message no longer than the line limit cannot hold a line over it.
    int longest = len <= limits.maxLineBytes() ? 0 : longestLine(bytes, off, len);
    if (longest > limits.maxLineBytes()) {
      throw new UnitRejected(
          Reason.TOO_LARGE, "line of " + longest + " bytes, over maxLineBytes=" + limits.maxLineBytes());
    }
    try {
      return parse(config, bytes, off, len, format, locator, idOf);
    } catch (IllegalStateException e) {
      if (!fromMime4j(e)) {
        throw e;
      }
      // mime4j cannot start a multipart body right after a malformed header line that it pushed back as the start
      // of the body ("unread only works when a buffer is fully read…"); with such lines skipped the message reads.
      try {
        ParsedMail parsed = parse(skipMalformedHeaders, bytes, off, len, format, locator, idOf);
        parsed.item().warn(WARN_MALFORMED_HEADER_SKIPPED);
        return parsed;
      } catch (IllegalStateException again) {
        if (!fromMime4j(again)) {
          throw again;
        }
        throw new UnitRejected(Reason.MALFORMED, "MIME structure mime4j cannot read: " + again.getMessage());
      }
    }
  }

  private static boolean fromMime4j(RuntimeException e) {
    StackTraceElement[] at = e.getStackTrace();
    return at.length > 0 && at[0].getClassName().startsWith("org.apache.james.mime4j.");
  }

  private ParsedMail parse(
      MimeConfig config,
      byte[] bytes,
      int off,
      int len,
      Format format,
      String locator,
      Function<String, String> idOf) {
    WarningMonitor monitor = new WarningMonitor();
    MimeTokenStream stream =
        new MimeTokenStream(
            config, monitor, new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), monitor));
    stream.parse(new ByteArrayInputStream(bytes, off, len));
    Item item = new Item(format, locator, len, Hashing.sha256Hex(bytes, off, len));
    List<DocumentAttachment> documents = new ArrayList<>();
    List<TextPart> plain = new ArrayList<>();
    List<TextPart> html = new ArrayList<>();
    int depth = 0;
    boolean topHeader = true;
    try {
      for (EntityState state = stream.getState();
          state != EntityState.T_END_OF_STREAM;
          state = stream.next()) {
        switch (state) {
          case T_START_MESSAGE, T_START_MULTIPART -> {
            if (++depth > limits.maxMimeDepth()) {
              throw new UnitRejected(
                  Reason.TOO_DEEP, "MIME nesting deeper than maxMimeDepth=" + limits.maxMimeDepth());
            }
          }
          case T_END_MESSAGE, T_END_MULTIPART -> depth--;
          case T_FIELD -> {
            if (topHeader) {
              header(item, stream.getField(), monitor);
            }
          }
          case T_END_HEADER -> topHeader = false;
          case T_BODY -> body(stream, item, plain, html, documents, locator, idOf);
          default -> {
            // preamble, epilogue, part boundaries: nothing to keep
          }
        }
      }
    } catch (MimeException | IOException e) {
      throw rejection(e);
    }
    setText(item, plain, html);
    if (monitor.count > 0) {
      item.warn("mime_decoding_problems:" + monitor.count);
    }
    return new ParsedMail(item, documents);
  }

  private void header(Item item, Field field, DecodeMonitor monitor) {
    String name = field.getNameLowerCase();
    switch (name) {
      case "message-id" -> item.messageId = firstNonNull(item.messageId, field.getBody().strip());
      case "subject" -> item.subject = firstNonNull(item.subject, decodeWords(field.getBody()));
      case "in-reply-to" -> item.inReplyTo = firstNonNull(item.inReplyTo, field.getBody().strip());
      case "references" -> item.references = appendAll(item.references, ids(field.getBody()));
      case "date" -> {
        if (item.dateRaw == null) {
          item.dateRaw = field.getBody().strip();
          item.date = date(field, monitor);
          if (item.date == null) {
            item.warn("unparseable_date");
          }
        }
      }
      case "from" -> {
        List<String> from = addresses(item, field, monitor);
        item.from = item.from == null ? String.join(", ", from) : item.from;
      }
      case "to" -> item.to = appendAll(item.to, addresses(item, field, monitor));
      case "cc" -> item.cc = appendAll(item.cc, addresses(item, field, monitor));
      case "bcc" -> item.bcc = appendAll(item.bcc, addresses(item, field, monitor));
      case "reply-to" -> item.replyTo = appendAll(item.replyTo, addresses(item, field, monitor));
      default -> {
        // Received, X-Folder and the rest are envelope details, not content.
      }
    }
  }

  private static Instant date(Field field, DecodeMonitor monitor) {
    try {
      ParsedField parsed = LenientFieldParser.getParser().parse(field, monitor);
      if (parsed instanceof DateTimeField dt && dt.isValidField() && dt.getDate() != null) {
        return dt.getDate().toInstant();
      }
    } catch (RuntimeException e) {
      // fall through to the wider patterns
    }
    return MailDates.parse(field.getBody());
  }

  /** Each mailbox as "Display Name <local@domain>" (or the bare address), encoded words decoded. */
  private static List<String> addresses(Item item, Field field, DecodeMonitor monitor) {
    List<String> out = new ArrayList<>();
    try {
      ParsedField parsed = LenientFieldParser.getParser().parse(field, monitor);
      AddressList list = null;
      if (parsed instanceof AddressListField a) {
        list = a.getAddressList();
      } else if (parsed instanceof MailboxListField m && m.getMailboxList() != null) {
        for (Mailbox mb : m.getMailboxList()) {
          out.add(format(mb));
        }
        return out;
      }
      if (list != null) {
        for (Address address : list) {
          if (address instanceof Mailbox mb) {
            out.add(format(mb));
          } else if (address instanceof Group g) {
            for (Mailbox mb : g.getMailboxes()) {
              out.add(format(mb));
            }
          }
        }
      }
    } catch (RuntimeException e) {
      out.clear();
    }
    String body = field.getBody().strip();
    if (out.isEmpty() && !body.isEmpty()) {
      // Keep what was written rather than lose it; the entity stage can still find addresses in it.
      item.warn("unparsed_address_field:" + field.getNameLowerCase());
      out.add(decodeWords(body));
    }
    return out;
  }

  private static String format(Mailbox mb) {
    String address = mb.getAddress();
    String name = mb.getName();
    return name == null || name.isBlank() ? address : name.strip() + " <" + address + ">";
  }

  private void body(
      MimeTokenStream stream,
      Item item,
      List<TextPart> plain,
      List<TextPart> html,
      List<DocumentAttachment> documents,
      String locator,
      Function<String, String> idOf)
      throws IOException {
    MaximalBodyDescriptor bd = (MaximalBodyDescriptor) stream.getBodyDescriptor();
    String mime = bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
    String filename = bd.getContentDispositionFilename();
    if (filename == null && bd.getContentTypeParameters() != null) {
      filename = bd.getContentTypeParameters().get("name");
    }
    filename = filename == null ? null : decodeWords(filename);
    boolean attachment = "attachment".equalsIgnoreCase(bd.getContentDispositionType()) || filename != null;
    byte[] content = decodedContent(stream, bd, item);
    if (!attachment && (mime.equals("text/plain") || mime.equals("text/html"))) {
      // Decoded at the end: HTML only when there is no plain text (the usual alternative pair).
      (mime.equals("text/plain") ? plain : html).add(new TextPart(content, bd.getCharset()));
      return;
    }
    int index = item.attachments.size() + 1;
    String name = filename == null ? "part-" + index : filename;
    String attLocator = locator + "#attachment=" + index;
    Format format = Sniffer.sniff(name, content, content.length);
    boolean document = format.kind() == Format.Kind.DOCUMENT;
    String sha = Hashing.sha256Hex(content, 0, content.length);
    item.attachments.add(
        new Item.Attachment(name, mime, content.length, sha, document ? idOf.apply(attLocator) : null));
    if (document) {
      documents.add(new DocumentAttachment(attLocator, name, content, format));
    }
  }

  /** The part's bytes with its transfer encoding undone. */
  private byte[] decodedContent(MimeTokenStream stream, MaximalBodyDescriptor bd, Item item) throws IOException {
    if (!"quoted-printable".equalsIgnoreCase(bd.getTransferEncoding())) {
      return readAll(stream.getDecodedInputStream());
    }
    byte[] raw = readAll(stream.getInputStream());
    QuotedPrintable.Decoded d = QuotedPrintable.decode(raw, raw.length);
    if (d.malformed() > 0) {
      item.warn("malformed_quoted_printable");
    }
    return d.len() == d.bytes().length ? d.bytes() : java.util.Arrays.copyOf(d.bytes(), d.len());
  }

  private byte[] readAll(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxUnitBytes() + 1));
    if (bytes.length > limits.maxUnitBytes()) {
      throw new UnitRejected(Reason.TOO_LARGE, "MIME part larger than maxUnitBytes=" + limits.maxUnitBytes());
    }
    return bytes;
  }

  private static String decodeText(Item item, byte[] content, String declared) {
    Charset charset = null;
    if (declared != null) {
      try {
        charset = Charset.forName(declared.strip());
      } catch (IllegalArgumentException e) {
        item.warn("unknown_charset:" + declared.strip());
      }
    }
    if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
      // Undeclared or US-ASCII: 8-bit bytes are common, so decode as UTF-8 or windows-1252 rather than mangle.
      TextDecoding.Decoded d = TextDecoding.decode(content, 0, content.length);
      item.warn(d.warning());
      return d.text();
    }
    TextDecoding.Decoded d = TextDecoding.decode(content, 0, content.length, charset, null);
    item.warn(d.warning());
    return d.text();
  }

  /** A text part's decoded bytes and its declared charset. */
  private record TextPart(byte[] bytes, String charset) {}

  /**
   * The message text: its plain parts joined, else its HTML parts as text. The common case, one plain part that is
   * UTF-8 (or ASCII) on the wire, keeps its bytes as they are.
   */
  private static void setText(Item item, List<TextPart> plain, List<TextPart> html) {
    if (plain.size() == 1 && utf8Compatible(plain.get(0).charset()) && Utf8.isValid(plain.get(0).bytes())) {
      item.textUtf8(plain.get(0).bytes());
      return;
    }
    List<TextPart> parts = plain.isEmpty() ? html : plain;
    StringBuilder sb = new StringBuilder();
    for (TextPart part : parts) {
      if (sb.length() > 0) {
        sb.append("\n\n");
      }
      sb.append(decodeText(item, part.bytes(), part.charset()));
    }
    item.text(plain.isEmpty() && !html.isEmpty() ? HtmlText.toText(sb.toString()) : sb.toString());
  }

  /** Charsets under which valid UTF-8 bytes decode to the same text as UTF-8 does (undeclared counts). */
  private static boolean utf8Compatible(String declared) {
    if (declared == null) {
      return true;
    }
    String c = declared.strip().toLowerCase(Locale.ROOT);
    return c.isEmpty() || c.equals("utf-8") || c.equals("utf8") || c.equals("us-ascii") || c.equals("ascii");
  }

  private static int longestLine(byte[] b, int off, int len) {
    int longest = 0;
    int start = off;
    for (int i = off, end = off + len; i < end; i++) {
      if (b[i] == '\n') {
        longest = Math.max(longest, i - start);
        start = i + 1;
      }
    }
    return Math.max(longest, off + len - start);
  }

  private static UnitRejected rejection(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnitRejected r) {
        return r;
      }
      if (t instanceof MaxLineLimitException
          || t instanceof MaxHeaderLimitException
          || t instanceof MaxHeaderLengthLimitException) {
        return new UnitRejected(Reason.TOO_LARGE, t.getMessage());
      }
    }
    return new UnitRejected(Reason.MALFORMED, e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  private static String decodeWords(String raw) {
    return DecoderUtil.decodeEncodedWords(raw, DecodeMonitor.SILENT).strip();
  }

  private static List<String> ids(String raw) {
    List<String> out = new ArrayList<>();
    for (String token : raw.strip().split("\\s+")) {
      if (!token.isEmpty()) {
        out.add(token);
      }
    }
    return out;
  }

  private static List<String> appendAll(List<String> into, List<String> values) {
    if (into == null) {
      return values;
    }
    into.addAll(values);
    return into;
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }

  /** Counts decoding problems (bad base64, bad encoded words) instead of throwing on them. */
  private static final class WarningMonitor extends DecodeMonitor {
    int count;

    @Override
    public boolean warn(String error, String dropDesc) {
      count++;
      return false;
    }

    @Override
    public boolean isListening() {
      return true;
    }
  }
}
