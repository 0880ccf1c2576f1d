package org.leakscope.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.leakscope.ingest.archive.ArchiveBudget;
import org.leakscope.ingest.archive.ArchiveReader;
import org.leakscope.ingest.documents.DocumentParser;
import org.leakscope.ingest.mail.MailParser;
import org.leakscope.ingest.mail.MboxReader;
import org.leakscope.ingest.records.CsvReader;
import org.leakscope.ingest.records.JsonReader;

/**
 * Routes a stream (a file, or an archive entry treated as a file) to the reader of its sniffed format, and makes
 * sure that whatever happens, every unit in it is recorded once: when a stream breaks outside any unit, the unread
 * rest is recorded as one quarantined unit with locator suffix {@code #unread}.
 */
public final class Dispatcher {
  /** The parse warning of a message whose leading UTF-8 byte-order mark was skipped. */
  public static final String WARN_BOM_SKIPPED = "utf8_bom_skipped";

  private final Limits limits;
  private final Units units;
  private final ArchiveBudget budget;
  private final MailParser mail;
  private final MboxReader mbox;
  private final CsvReader csv;
  private final JsonReader json;
  private final DocumentParser documents;
  private final ArchiveReader archives;
  private Format topFormat;

  public Dispatcher(Limits limits, Units units, ArchiveBudget budget) {
    this(Readers.of(limits), units, budget);
  }

  public Dispatcher(Readers readers, Units units, ArchiveBudget budget) {
    this.limits = readers.limits();
    this.units = units;
    this.budget = budget;
    this.mail = readers.mail();
    this.mbox = readers.mbox();
    this.csv = readers.csv();
    this.json = readers.json();
    this.documents = readers.documents();
    this.archives = readers.archives();
  }

  /** The format of the outermost stream, once sniffed (null before). */
  public Format topFormat() {
    return topFormat;
  }

  /**
   * Reads every unit of {@code in}, which must support mark/reset.
   *
   * @param name     the file or entry name (for sniffing and record-set names)
   * @param locator  the locator of the stream within its file ("" for the file itself)
   * @param size     the stream's size when known, else -1
   * @param depth    how many archives enclose the stream
   * @throws StreamStopped when the stream broke; what it held is already recorded
   */
  public void dispatch(InputStream in, String name, String locator, long size, int depth) {
    try {
      in.mark(Sniffer.HEAD_BYTES + 1);
      byte[] head = in.readNBytes(Sniffer.HEAD_BYTES);
      in.reset();
      Format format = Sniffer.sniff(name, head, head.length);
      if (topFormat == null) {
        topFormat = format;
      }
      route(format, in, head, name, locator, size, depth);
    } catch (StreamStopped s) {
      // The unit that stopped the reader is recorded; whatever the stream still held is one more unit.
      if (hasMore(in)) {
        units.quarantine(locator + "#unread", s.reason(), "not read after: " + s.getMessage(), -1, null);
      }
      throw s;
    } catch (UnitRejected r) {
      units.quarantine(locator + "#unread", r.reason(), r.getMessage(), -1, null);
      throw new StreamStopped(r);
    } catch (StorageException e) {
      UnitRejected r = new UnitRejected(Reason.IO_ERROR, Units.describe(e.getCause()), true);
      units.quarantine(locator + "#unread", r.reason(), r.getMessage(), -1, null);
      throw new StreamStopped(r);
    } catch (IOException e) {
      UnitRejected r = new UnitRejected(Reason.MALFORMED, "stream ended or corrupt: " + Units.describe(e), true);
      units.quarantine(locator + "#unread", r.reason(), r.getMessage(), -1, null);
      throw new StreamStopped(r);
    }
  }

  private void route(Format format, InputStream in, byte[] head, String name, String locator, long size, int depth)
      throws IOException {
    switch (format) {
      case EMPTY -> units.quarantine(locator, Reason.EMPTY, "no bytes", 0, null);
      case UNSUPPORTED ->
          units.quarantine(
              locator, Reason.UNSUPPORTED_FORMAT, "not a supported format: " + describeName(name), size, head);
      case EML -> {
        byte[] bytes = readUnit(in, locator, head, depth == 0 ? size : -1);
        if (bytes != null) {
          mailUnit(bytes, bytes.length, format, locator, null, null);
        }
      }
      case MBOX -> {
        in.skipNBytes(utf8Bom(head, head.length)); // the separator must start the first line
        mbox.read(in, locator, (loc, b, len, rejected, detail) -> mailUnit(b, len, format, loc, rejected,
            detail));
      }
      case CSV -> csv.read(in, head, head.length, name, locator, recordSet(name), units);
      case JSON -> json.readDocument(in, locator, recordSet(name), units);
      case JSONL -> json.readLines(in, locator, recordSet(name), units);
      case TEXT, MARKDOWN, HTML, PDF, DOCX, OOXML -> {
        byte[] bytes = readUnit(in, locator, head, depth == 0 ? size : -1);
        if (bytes != null) {
          units.unit(locator, bytes.length, bytes, () -> documents.parse(bytes, bytes.length, format, locator));
        }
      }
      case ZIP, TAR, GZIP -> {
        if (depth + 1 > limits.maxArchiveDepth()) {
          units.quarantine(
              locator, Reason.TOO_DEEP, "archive nested deeper than maxArchiveDepth=" + limits.maxArchiveDepth(),
              size, head);
          return;
        }
        archives.read(format, in, name, locator, budget, units, (entry, entryName, entryLocator, entrySize) -> {
          try {
            dispatch(entry, entryName, entryLocator, entrySize, depth + 1);
          } catch (StreamStopped s) {
            if (s.stopsContainers()) {
              throw s;
            }
            // The entry's own reader stopped; the archive goes on with its next entry.
          }
        });
      }
    }
  }

  /** A message and, as units of their own, its document attachments. */
  private void mailUnit(byte[] bytes, int len, Format format, String locator, Reason rejected, String detail) {
    MailParser.ParsedMail[] parsed = new MailParser.ParsedMail[1];
    units.unit(
        locator,
        len,
        Arrays.copyOf(bytes, Math.min(len, Units.PREVIEW_BYTES)),
        () -> {
          if (rejected != null) {
            throw new UnitRejected(rejected, detail);
          }
          // mime4j would take a UTF-8 byte-order mark for part of the first field name and lose the whole header.
          int bom = utf8Bom(bytes, len);
          parsed[0] = mail.parse(bytes, bom, len - bom, format, locator, units::idOf);
          return bom == 0 ? parsed[0].item() : parsed[0].item().warn(WARN_BOM_SKIPPED);
        });
    if (parsed[0] == null) {
      return;
    }
    String parentId = units.idOf(locator);
    for (MailParser.DocumentAttachment doc : parsed[0].documents()) {
      byte[] b = doc.bytes();
      units.unit(
          doc.locator(),
          b.length,
          b,
          () -> {
            Item item = documents.parse(b, b.length, doc.format(), doc.locator());
            item.parentItemId = parentId;
            return item;
          });
    }
  }

  /** True when the stream has bytes left, or cannot even say (a broken stream hides unread content). */
  private static boolean hasMore(InputStream in) {
    try {
      return in.read() != -1;
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static int utf8Bom(byte[] b, int len) {
    return len >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
  }

  /**
   * The whole unit, or null after quarantining it as too large. {@code size} is the file's listed size, or -1 for
   * archive entries (whose declared sizes a hostile archive can fake): when it is within the limit the bytes are read
   * into one array of that size, and a file that turns out longer or shorter than listed is still read to its end.
   */
  private byte[] readUnit(InputStream in, String locator, byte[] head, long size) throws IOException {
    long max = limits.maxUnitBytes();
    byte[] bytes;
    if (size >= 0 && size <= max) {
      byte[] listed = new byte[(int) size];
      int n = in.readNBytes(listed, 0, listed.length);
      int next = n < listed.length ? -1 : in.read();
      if (next < 0) {
        bytes = n == listed.length ? listed : Arrays.copyOf(listed, n);
      } else {
        byte[] rest = in.readNBytes((int) (max - size)); // at most one byte over the limit in all
        bytes = Arrays.copyOf(listed, n + 1 + rest.length);
        bytes[n] = (byte) next;
        System.arraycopy(rest, 0, bytes, n + 1, rest.length);
      }
    } else {
      bytes = in.readNBytes((int) max + 1);
    }
    if (bytes.length > max) {
      units.quarantine(locator, Reason.TOO_LARGE, "unit larger than maxUnitBytes=" + max, -1, head);
      return null;
    }
    return bytes;
  }

  /** Records of one export form a record set named by the export's file name without extensions. */
  static String recordSet(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    int dot = base.indexOf('.', 1);
    return dot > 0 ? base.substring(0, dot) : base;
  }

  private static String describeName(String name) {
    String ext = Sniffer.extension(name);
    return ext.isEmpty() ? "unrecognised content" : "unrecognised content (name ends ." + ext + ")";
  }
}
