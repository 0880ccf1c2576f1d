package org.leakscope.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The hostile-input corpus: a dump of files built to hurt a parser, beside good units that must still be read.
 * Small files are committed under {@code src/test/resources/hostile/dump/}; the large ones (up to a few hundred MB)
 * are written by {@link #writeGenerated} into a temporary dump at test time, deterministically.
 * {@code src/test/resources/hostile/expected.tsv} lists every file, committed or generated, with what ingest must
 * make of it.
 *
 * <pre>{@code
 * Path dump = tmp.resolve("dump");
 * HostileCorpus.copyCommitted(dump);
 * HostileCorpus.writeGenerated(dump);
 * }</pre>
 *
 * <p>The small binary files (zips, a gzip, junk, an encrypted PDF) are committed as bytes but made by
 * {@link #smallBinaries()} and {@link #encryptedPdf()}; {@code main} rewrites them into the committed corpus, and a
 * test checks that the committed zips, gzip and junk are still what {@link #smallBinaries()} makes (PDFBox's
 * encryption is salted at random, so the PDF is not compared).
 */
public final class HostileCorpus {
  /** The committed corpus: {@code expected.tsv} and the dump's small files under {@code dump/}. */
  public static final Path COMMITTED = Paths.repo().resolve("src/test/resources/hostile");

  /** The 2 GB mbox without separators: past 2^31 bytes, so offsets must be longs (streamed, never on disk). */
  public static final long MBOX_BYTES = 2L * 1024 * 1024 * 1024 + 1024 * 1024;

  /**
   * The same mbox as a file in the dump, scaled down to three times the default unit limit: still one message over
   * {@code maxUnitBytes}, scanned to its end, without 2 GB of disk writes in every test run.
   */
  public static final long MBOX_FILE_BYTES = 192 * 1024 * 1024;

  private static final long MIB = 1024L * 1024;
  private static final long ZIP_TIME = 1_489_483_267_000L; // 2017-03-14, a fixed time: the same bytes every run
  private static final int DEPTH = 50;

  private HostileCorpus() {}

  /** Rewrites the committed small binaries (run it from an IDE or with the test classpath; not part of the build). */
  public static void main(String[] args) throws IOException {
    Path dump = COMMITTED.resolve("dump");
    for (Map.Entry<String, byte[]> e : smallBinaries().entrySet()) {
      write(dump.resolve(e.getKey()), e.getValue());
    }
    write(dump.resolve("hostile/docs/encrypted.pdf"), encryptedPdf());
  }

  /** Copies the committed files of the dump into {@code dump}. */
  public static void copyCommitted(Path dump) throws IOException {
    Path from = COMMITTED.resolve("dump");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        Path to = dump.resolve(from.relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
  }

  /** The committed binary files that are deterministic: relative path → bytes. */
  public static Map<String, byte[]> smallBinaries() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    out.put("hostile/archives/zip-slip.zip", zipSlip());
    out.put("hostile/archives/nested-50.zip", nested(DEPTH));
    out.put("hostile/archives/overlapping.zip", overlapping(256, 8 * (int) MIB));
    out.put("hostile/archives/truncated.txt.gz", truncatedGzip());
    byte[] junk = junk(4096, 9);
    out.put("hostile/junk/junk.eml", junk);
    out.put("hostile/junk/junk.csv", junk);
    out.put("hostile/junk/junk.pdf", junk);
    return out;
  }

  /** Writes the large files of the corpus into {@code dump}; about 370 MB on disk, a few seconds. */
  public static void writeGenerated(Path dump) throws IOException {
    Path a = dump.resolve("hostile/archives");
    Path m = dump.resolve("hostile/mail");
    Path x = dump.resolve("hostile/exports");
    Path d = dump.resolve("hostile/docs");
    for (Path dir : List.of(a, m, x, d)) {
      Files.createDirectories(dir);
    }
    write(a.resolve("bomb-ratio.zip"), ratioBomb(256 * MIB));
    write(a.resolve("entries-100000.zip"), manyEntries(100_000));
    write(d.resolve("bomb.docx"), docxBomb(256 * MIB));
    write(m.resolve("mime-nested-10000.eml"), mimeNested(10_000));
    write(m.resolve("headers-100000.eml"), manyHeaders(100_000));
    writeFoldedHeader(m.resolve("header-100mb.eml"), 100 * MIB);
    writeLongLine(m.resolve("line-50mb.eml"), 50 * MIB);
    try (InputStream in = mboxWithoutSeparators(MBOX_FILE_BYTES)) {
      Files.copy(in, m.resolve("no-separator.mbox"));
    }
    write(x.resolve("columns-100000.csv"), wideCsv(100_000));
    write(x.resolve("nested-100000.json"), deepJson(100_000));
  }

  // ---- archives

  /** Entry names that climb out of any directory they would be extracted to; each entry is a harmless text. */
  public static byte[] zipSlip() {
    return zip(
        Fixtures.entries(
            "../../etc/passwd", "root:x:0:0:root:/root:/bin/bash\n",
            "/tmp/leakscope-zip-slip-absolute.txt", "an absolute entry name\n",
            "..\\..\\windows\\win.ini", "; for 16-bit app support\n[fonts]\n",
            "docs/../../escape.txt", "a name that climbs out through a directory\n",
            "docs/report#line=1!/x.txt", "a name that imitates a locator\n"));
  }

  /** A text file zipped {@code depth} times, each zip the only entry of the next. */
  public static byte[] nested(int depth) {
    byte[] inner = zip(Fixtures.entries("core.txt", "the core\n"));
    for (int i = 0; i < depth; i++) {
      inner = zip(Fixtures.entries("level" + i + ".zip", inner));
    }
    return inner;
  }

  /**
   * One local entry of highly compressible text and {@code names} central-directory entries that all point at it
   * (a non-recursive zip bomb: a reader that follows the central directory inflates the kernel once per name).
   */
  public static byte[] overlapping(int names, int kernelBytes) {
    byte[] kernel = new byte[kernelBytes];
    Arrays.fill(kernel, (byte) 'a');
    for (int i = 1023; i < kernel.length; i += 1024) {
      kernel[i] = '\n';
    }
    CRC32 crc = new CRC32();
    crc.update(kernel);
    byte[] deflated = rawDeflate(kernel);
    byte[] localName = "kernel.txt".getBytes(UTF_8);
    ByteBuffer b = ByteBuffer.allocate(deflated.length + 1024 + names * 80).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(dosTime());
    b.putInt((int) crc.getValue()).putInt(deflated.length).putInt(kernel.length);
    b.putShort((short) localName.length).putShort((short) 0).put(localName).put(deflated);
    int cdStart = b.position();
    for (int i = 0; i < names; i++) {
      byte[] name = String.format("overlap-%04d.txt", i).getBytes(UTF_8);
      b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8);
      b.putInt(dosTime()).putInt((int) crc.getValue()).putInt(deflated.length).putInt(kernel.length);
      b.putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0);
      b.putShort((short) 0).putInt(0).putInt(0).put(name); // every entry's local header at offset 0
    }
    int cdSize = b.position() - cdStart;
    b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) names).putShort((short) names);
    b.putInt(cdSize).putInt(cdStart).putShort((short) 0);
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A gzip of a memo, cut in the middle of its deflate stream. */
  public static byte[] truncatedGzip() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("line ").append(i).append(" of a long memo about pallets\n");
    }
    byte[] gz = Fixtures.gzip(text.toString().getBytes(UTF_8));
    return Arrays.copyOf(gz, gz.length / 2);
  }

  /** One text entry of {@code bytes} bytes of one letter: about 1000:1. */
  public static byte[] ratioBomb(long bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      zip.putNextEntry(entry("bomb.txt"));
      writeLetters(zip, bytes);
      zip.closeEntry();
    }
    return out.toByteArray();
  }

  /** {@code n} empty entries. */
  public static byte[] manyEntries(int n) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (int i = 0; i < n; i++) {
        zip.putNextEntry(entry(String.format("e/%06d.txt", i)));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** A DOCX whose document part is {@code bytes} of one repeated paragraph: POI's zip-bomb guard must trip. */
  public static byte[] docxBomb(long bytes) throws IOException {
    byte[] valid = Fixtures.docx("a bomb");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      for (Map.Entry<String, byte[]> e : unzip(valid).entrySet()) {
        zip.putNextEntry(entry(e.getKey()));
        if (!e.getKey().equals("word/document.xml")) {
          zip.write(e.getValue());
        } else {
          String doc = new String(e.getValue(), UTF_8);
          int body = doc.indexOf("<w:body>") + "<w:body>".length();
          zip.write(doc.substring(0, body).getBytes(UTF_8));
          byte[] para = "<w:p><w:r><w:t>bomb</w:t></w:r></w:p>".getBytes(UTF_8);
          byte[] chunk = new byte[para.length * 8192];
          for (int i = 0; i < chunk.length; i += para.length) {
            System.arraycopy(para, 0, chunk, i, para.length);
          }
          for (long left = bytes; left > 0; left -= chunk.length) {
            zip.write(chunk);
          }
          zip.write(doc.substring(body).getBytes(UTF_8));
        }
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }

  // ---- mail

  public static byte[] mimeNested(int levels) {
    // The nesting starts in the message's own header, so no blank line after the common fields.
    StringBuilder sb = new StringBuilder(headers("MIME nested " + levels + " levels").stripTrailing()).append('\n');
    for (int i = 0; i < levels; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
    }
    sb.append("Content-Type: text/plain\n\ncore\n");
    return sb.toString().getBytes(UTF_8);
  }

  public static byte[] manyHeaders(int n) {
    StringBuilder sb = new StringBuilder(headers(n + " header fields").stripTrailing()).append('\n');
    for (int i = 0; i < n; i++) {
      sb.append("X-H").append(i).append(": v\n");
    }
    return sb.append("\nbody\n").toString().getBytes(UTF_8);
  }

  /** One header field folded over short lines to {@code bytes}: no line is long, the field is. */
  public static void writeFoldedHeader(Path file, long bytes) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(headers("a header of 100 MB").stripTrailing().getBytes(UTF_8));
      out.write("\nX-Padding: start".getBytes(UTF_8));
      byte[] fold = "\n continued-folded-header-text-continued-folded-header-text".getBytes(UTF_8);
      for (long left = bytes; left > 0; left -= fold.length) {
        out.write(fold);
      }
      out.write("\n\nbody\n".getBytes(UTF_8));
    }
  }

  public static void writeLongLine(Path file, long bytes) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(headers("a line of 50 MB").getBytes(UTF_8));
      writeLetters(out, bytes, Long.MAX_VALUE);
      out.write('\n');
    }
  }

  /**
   * An mbox with one separator at its top and none after, {@code bytes} bytes of body lines: whatever messages it
   * held read as one message. Made as it is read, so that 2 GB need neither memory nor disk.
   */
  public static InputStream mboxWithoutSeparators(long bytes) {
    byte[] head = ("From mallory@evil.example Fri Mar 17 10:20:00 2017\n" + headers("an mbox that lost its separators"))
        .getBytes(UTF_8);
    byte[] line = "a body line of an mbox whose From_ separators were lost, so this never ends\n".getBytes(UTF_8);
    return new SequenceInputStream(new ByteArrayInputStream(head), new InputStream() {
      private long left = bytes;
      private int pos;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
          b[off + i] = line[pos];
          pos = pos + 1 == line.length ? 0 : pos + 1;
        }
        left -= n;
        return n;
      }
    });
  }

  // ---- records

  public static byte[] wideCsv(int columns) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < columns; i++) {
      sb.append(i == 0 ? "" : ",").append('c').append(i);
    }
    sb.append('\n');
    for (int i = 0; i < columns; i++) {
      sb.append(i == 0 ? "" : ",").append(i % 10);
    }
    return sb.append('\n').toString().getBytes(UTF_8);
  }

  public static byte[] deepJson(int depth) {
    return ("[".repeat(depth) + "]".repeat(depth)).getBytes(UTF_8);
  }

  // ---- documents

  /** A one-page PDF that opens only with the user password {@code secret} (AES-128). */
  public static byte[] encryptedPdf() throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage();
      doc.addPage(page);
      try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
        text.beginText();
        text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
        text.newLineAtOffset(72, 720);
        text.showText("Salaries 2017 - confidential");
        text.endText();
      }
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      doc.protect(policy);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  // ---- helpers

  private static String headers(String subject) {
    return "From: Mallory <mallory@evil.example>\nTo: alice.martin@acme-logistics.example\nSubject: " + subject
        + "\nDate: Fri, 17 Mar 2017 10:20:00 +0000\n\n";
  }

  private static ZipEntry entry(String name) {
    ZipEntry e = new ZipEntry(name);
    e.setTime(ZIP_TIME);
    return e;
  }

  private static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(entry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.put(e.getName(), in.readAllBytes());
      }
    }
    return out;
  }

  private static byte[] rawDeflate(byte[] data) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[1 << 16];
    while (!deflater.finished()) {
      out.write(buf, 0, deflater.deflate(buf));
    }
    deflater.end();
    return out.toByteArray();
  }

  private static int dosTime() {
    // The DOS date and time of the fixed time, as written by hand (independent of the local time zone).
    java.time.LocalDateTime t = java.time.LocalDateTime.of(2017, 3, 14, 9, 21, 6);
    int date = ((t.getYear() - 1980) << 9) | (t.getMonthValue() << 5) | t.getDayOfMonth();
    int time = (t.getHour() << 11) | (t.getMinute() << 5) | (t.getSecond() / 2);
    return (date << 16) | time;
  }

  /** Lines of 1023 letters and a newline, {@code bytes} in all. */
  private static void writeLetters(OutputStream out, long bytes) throws IOException {
    writeLetters(out, bytes, 1024);
  }

  private static void writeLetters(OutputStream out, long bytes, long lineBytes) throws IOException {
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) 'a');
    if (lineBytes <= chunk.length) {
      for (int i = (int) lineBytes - 1; i < chunk.length; i += (int) lineBytes) {
        chunk[i] = '\n';
      }
    }
    for (long left = bytes; left > 0; left -= chunk.length) {
      out.write(chunk, 0, (int) Math.min(chunk.length, left));
    }
  }

  /** Seeded random bytes starting with a NUL: no magic, no text. */
  public static byte[] junk(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    b[0] = 0x00;
    b[1] = (byte) 0xFF;
    return b;
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }
}
