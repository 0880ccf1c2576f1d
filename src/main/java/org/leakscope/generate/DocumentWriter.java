package org.leakscope.generate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a generated document's paragraphs as plain text, HTML, a one-or-more-page PDF (Helvetica, WinAnsi text)
 * or a DOCX (the three parts Word needs), byte-identical for the same input: fixed zip entry times, no clocks.
 */
final class DocumentWriter {
  private static final long ZIP_TIME = 1_577_836_800_000L; // 2020-01-01, fixed so zips are reproducible
  private static final int LINE_CHARS = 90;
  private static final int LINES_PER_PAGE = 54;

  private DocumentWriter() {}

  static byte[] text(String title, List<String> paragraphs) {
    return (title + "\n\n" + String.join("\n\n", paragraphs) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static byte[] html(String title, List<String> paragraphs) {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><title>").append(escapeHtml(title))
        .append("</title></head>\n<body>\n<h1>").append(escapeHtml(title)).append("</h1>\n");
    for (String p : paragraphs) {
      sb.append("<p>").append(escapeHtml(p)).append("</p>\n");
    }
    return sb.append("</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] docx(String title, List<String> paragraphs) throws IOException {
    StringBuilder body = new StringBuilder();
    body.append(paragraph(title));
    for (String p : paragraphs) {
      body.append(paragraph(p));
    }
    String document =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
            + body + "</w:body></w:document>";
    String types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
            + "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    String rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
            + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      entry(zip, "[Content_Types].xml", types);
      entry(zip, "_rels/.rels", rels);
      entry(zip, "word/document.xml", document);
    }
    return bytes.toByteArray();
  }

  private static String paragraph(String text) {
    return "<w:p><w:r><w:t xml:space=\"preserve\">" + escapeHtml(text) + "</w:t></w:r></w:p>";
  }

  private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(ZIP_TIME);
    zip.putNextEntry(e);
    zip.write(content.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /** A PDF 1.4 file: text wrapped at 90 characters, 54 lines a page, Helvetica; a correct cross-reference table. */
  static byte[] pdf(String title, List<String> paragraphs) {
    List<String> lines = new ArrayList<>();
    lines.add(title);
    lines.add("");
    for (String p : paragraphs) {
      lines.addAll(wrap(p));
      lines.add("");
    }
    List<List<String>> pages = new ArrayList<>();
    for (int i = 0; i < lines.size(); i += LINES_PER_PAGE) {
      pages.add(lines.subList(i, Math.min(lines.size(), i + LINES_PER_PAGE)));
    }
    int n = pages.size();
    // Objects: 1 catalog, 2 pages, 3 font, then per page: page object and content stream.
    List<String> objects = new ArrayList<>();
    objects.add("<< /Type /Catalog /Pages 2 0 R >>");
    StringBuilder kids = new StringBuilder();
    for (int i = 0; i < n; i++) {
      kids.append(4 + 2 * i).append(" 0 R ");
    }
    objects.add("<< /Type /Pages /Kids [" + kids.toString().strip() + "] /Count " + n + " >>");
    objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    for (int i = 0; i < n; i++) {
      objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
          + " /Contents " + (5 + 2 * i) + " 0 R >>");
      StringBuilder s = new StringBuilder("BT /F1 10 Tf 50 750 Td 13 TL\n");
      for (String line : pages.get(i)) {
        s.append('(').append(escapePdf(line)).append(") Tj T*\n");
      }
      s.append("ET");
      byte[] stream = s.toString().getBytes(StandardCharsets.ISO_8859_1);
      objects.add("<< /Length " + stream.length + " >>\nstream\n" + s + "\nendstream");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, "%PDF-1.4\n");
    long[] offsets = new long[objects.size()];
    for (int i = 0; i < objects.size(); i++) {
      offsets[i] = out.size();
      write(out, (i + 1) + " 0 obj\n" + objects.get(i) + "\nendobj\n");
    }
    int xref = out.size();
    StringBuilder x = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
    for (long o : offsets) {
      x.append(String.format("%010d 00000 n \n", o));
    }
    x.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
        .append("\n%%EOF\n");
    write(out, x.toString());
    return out.toByteArray();
  }

  private static List<String> wrap(String text) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > LINE_CHARS) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() == 0 ? "" : " ").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static void write(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    out.write(b, 0, b.length);
  }

  private static String escapePdf(String s) {
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
