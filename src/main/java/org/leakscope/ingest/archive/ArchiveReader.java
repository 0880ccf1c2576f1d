package org.leakscope.ingest.archive;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.leakscope.ingest.Format;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.Sniffer;
import org.leakscope.ingest.UnitRejected;
import org.leakscope.ingest.Units;

/**
 * Expands zip, tar and gzip in-stream (Commons Compress; nothing is written to disk, so entry names such as
 * {@code ../../etc/passwd} are only text in a locator). Each entry is handed back to the dispatcher as if it were a
 * file, with {@code !/entry/name} appended to the locator. Entry count, expansion ratio and total bytes are bounded.
 */
public final class ArchiveReader {
  /** Processes one entry (or the single member of a gzip) as a file. */
  @FunctionalInterface
  public interface EntryHandler {
    void entry(InputStream in, String name, String locator, long size) throws IOException;
  }

  private final Limits limits;

  public ArchiveReader(Limits limits) {
    this.limits = limits;
  }

  public void read(
      Format format,
      InputStream in,
      String name,
      String prefix,
      ArchiveBudget budget,
      Units units,
      EntryHandler handler)
      throws IOException {
    switch (format) {
      case GZIP -> {
        InputStream gz = budget.expanded(new GzipCompressorInputStream(in, true));
        String inner = gunzippedName(name);
        handler.entry(
            new BufferedInputStream(gz, 2 * Sniffer.HEAD_BYTES), inner, prefix + "!/" + locatorName(inner), -1);
      }
      case ZIP -> entries(new ZipArchiveInputStream(in, "UTF-8", true, true), prefix, budget, units, handler, true);
      case TAR -> entries(new TarArchiveInputStream(in), prefix, budget, units, handler, false);
      default -> throw new IllegalArgumentException("not an archive: " + format);
    }
  }

  private void entries(
      ArchiveInputStream<? extends ArchiveEntry> archive,
      String prefix,
      ArchiveBudget budget,
      Units units,
      EntryHandler handler,
      boolean compressed)
      throws IOException {
    int count = 0;
    for (ArchiveEntry e = archive.getNextEntry(); e != null; e = archive.getNextEntry()) {
      if (e.isDirectory()) {
        continue;
      }
      String locator = prefix + "!/" + locatorName(e.getName());
      if (++count > limits.maxArchiveEntries()) {
        throw new UnitRejected(
            Reason.ARCHIVE_LIMIT,
            "more than maxArchiveEntries=" + limits.maxArchiveEntries() + " entries; the rest from " + e.getName()
                + " on is not read",
            true);
      }
      if (!archive.canReadEntryData(e)) {
        boolean encrypted = e instanceof ZipArchiveEntry z && z.getGeneralPurposeBit().usesEncryption();
        units.quarantine(
            locator,
            encrypted ? Reason.ENCRYPTED : Reason.UNSUPPORTED_FORMAT,
            encrypted ? "encrypted archive entry" : "archive entry compression method not supported",
            e.getSize(),
            null);
        continue;
      }
      InputStream data = compressed ? budget.expanded(archive) : new Shield(archive);
      handler.entry(new BufferedInputStream(data, 2 * Sniffer.HEAD_BYTES), e.getName(), locator, e.getSize());
      if (compressed) {
        // The archive inflates what the entry's reader left unread to reach the next entry; charge it to the
        // budget too, or entries that are quarantined after their first bytes would expand without limit.
        data.transferTo(OutputStream.nullOutputStream());
      }
    }
  }

  /**
   * An entry name as it is written in a locator: as stored, except that nothing in it can climb out of the archive or
   * be taken for locator syntax. {@code .} and {@code ..} segments, a leading {@code /} or drive letter, and the
   * characters {@code % ! # \} and controls are percent-encoded ({@code ../../etc/passwd} →
   * {@code %2E%2E/%2E%2E/etc/passwd}), so a locator joined to any directory stays inside it, and two different
   * names never share a locator (hence an id).
   */
  public static String locatorName(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 8);
    int start = 0;
    if (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0))) {
      sb.append(name.charAt(0)).append("%3A");
      start = 2;
    }
    for (int i = start; i <= name.length(); i++) {
      int end = name.indexOf('/', i);
      end = end < 0 ? name.length() : end;
      String segment = name.substring(i, end);
      if (segment.equals(".") || segment.equals("..")) {
        sb.append(segment.equals(".") ? "%2E" : "%2E%2E");
      } else {
        for (int j = 0; j < segment.length(); j++) {
          char c = segment.charAt(j);
          if (c == '%' || c == '!' || c == '#' || c == '\\' || c < 0x20 || c == 0x7F) {
            sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4 & 0xF, 16)))
                .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
          } else {
            sb.append(c);
          }
        }
      }
      if (end < name.length()) {
        // A leading slash would make the name absolute.
        sb.append(end == 0 && start == 0 ? "%2F" : "/");
      }
      i = end;
    }
    return sb.toString();
  }

  static String gunzippedName(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    String lower = base.toLowerCase(java.util.Locale.ROOT);
    if (lower.endsWith(".tgz")) {
      return base.substring(0, base.length() - 4) + ".tar";
    }
    if (lower.endsWith(".gz")) {
      return base.substring(0, base.length() - 3);
    }
    return base + ".ungzipped";
  }

  /** Keeps entry readers from closing the archive stream. */
  private static final class Shield extends java.io.FilterInputStream {
    Shield(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // the archive owns the stream
    }
  }
}
