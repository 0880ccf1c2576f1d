package org.leakscope.ingest.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.microsoft.ooxml.OOXMLParser;
import org.apache.tika.parser.pdf.PDFParser;
import org.apache.tika.sax.BodyContentHandler;
import org.leakscope.ingest.Format;
import org.leakscope.ingest.Hashing;
import org.leakscope.ingest.Item;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.TextDecoding;
import org.leakscope.ingest.UnitRejected;
import org.leakscope.ingest.archive.ArchiveBudget;
import org.xml.sax.SAXException;

/**
 * Text of a document unit: plain text and Markdown as decoded, HTML through jsoup, PDF and Office Open XML through
 * Tika's PDF and OOXML parsers only (no auto-detection across Tika's whole parser set). Text beyond
 * {@link Limits#maxTextChars()} is cut, with a warning.
 */
public final class DocumentParser {
  private final Limits limits;
  private final Parser pdf = new PDFParser();
  private final Parser ooxml = new OOXMLParser();

  public DocumentParser(Limits limits) {
    this.limits = limits;
  }

  public Item parse(byte[] bytes, int len, Format format, String locator) {
    Item item = new Item(format, locator, len, Hashing.sha256Hex(bytes, 0, len));
    switch (format) {
      case TEXT, MARKDOWN -> {
        TextDecoding.Decoded d = TextDecoding.decode(bytes, 0, len);
        item.text(cap(item, d.text()));
        item.warn(d.warning());
      }
      case HTML -> {
        TextDecoding.Decoded d = TextDecoding.decode(bytes, 0, len);
        item.text(cap(item, HtmlText.toText(d.text())));
        item.warn(d.warning());
      }
      case PDF -> item.text(tika(pdf, item, bytes, len));
      case DOCX, OOXML -> {
        checkExpansion(bytes, len);
        item.text(tika(ooxml, item, bytes, len));
      }
      default -> throw new IllegalArgumentException("not a document format: " + format);
    }
    return item;
  }

  private String cap(Item item, String text) {
    if (text.length() <= limits.maxTextChars()) {
      return text;
    }
    item.warn("text_truncated_at:" + limits.maxTextChars());
    return text.substring(0, limits.maxTextChars());
  }

  private String tika(Parser parser, Item item, byte[] bytes, int len) {
    BodyContentHandler handler = new BodyContentHandler(limits.maxTextChars());
    try (InputStream in = TikaInputStream.get(java.util.Arrays.copyOf(bytes, len))) {
      parser.parse(in, handler, new Metadata(), new ParseContext());
    } catch (EncryptedDocumentException e) {
      throw new UnitRejected(Reason.ENCRYPTED, "password-protected document");
    } catch (SAXException e) {
      if (WriteLimitReachedException.isWriteLimitReached(e)) {
        item.warn("text_truncated_at:" + limits.maxTextChars());
      } else {
        throw new UnitRejected(Reason.MALFORMED, "unreadable document: " + e.getMessage());
      }
    } catch (TikaException e) {
      Reason reason = isZipLimit(e) ? Reason.ARCHIVE_LIMIT : Reason.MALFORMED;
      throw new UnitRejected(reason, "unreadable document: " + e.getMessage());
    } catch (IOException e) {
      throw new UnitRejected(Reason.MALFORMED, "unreadable document: " + e.getMessage());
    }
    return handler.toString().strip();
  }

  /**
   * An Office Open XML file is a zip: its expansion is held to the archive limits (ratio past 1 MiB, total bytes)
   * before Tika parses it, as an archive's would be. POI's own zip-bomb guard does not trip under Tika's OOXML
   * parser, which builds the whole document part in memory: a 0.8 MB DOCX whose document part inflates to 256 MiB
   * took the heap past 4 GB.
   */
  private void checkExpansion(byte[] bytes, int len) {
    ArchiveBudget budget = new ArchiveBudget(limits);
    try (ZipArchiveInputStream zip =
        new ZipArchiveInputStream(budget.countRaw(new ByteArrayInputStream(bytes, 0, len)), "UTF-8", true, true)) {
      InputStream expanded = budget.expanded(zip);
      while (zip.getNextEntry() != null) {
        expanded.transferTo(OutputStream.nullOutputStream());
      }
    } catch (UnitRejected r) {
      throw new UnitRejected(r.reason(), "Office document: " + r.getMessage());
    } catch (IOException e) {
      // A package the zip stream cannot walk is left to Tika, which reads the central directory and says why.
    }
  }

  /** POI's zip-bomb guard (inflate ratio, entry size) surfaces as a Tika exception; it is an archive limit. */
  private static boolean isZipLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("Zip bomb") || m.contains("zip bomb") || m.contains("ZipSecureFile"))) {
        return true;
      }
    }
    return false;
  }
}
