package org.leakscope.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakscope.testing.Fixtures;

class SnifferTest {
  static final String ENRON =
      "Message-ID: <2358747.1075846182085.JavaMail.evans@thyme>\n"
          + "Date: Mon, 16 Oct 2000 03:14:00 -0700 (PDT)\n"
          + "From: steven.kean@enron.com\n"
          + "To: maureen.mcvicker@enron.com\n"
          + "Subject: Pipeline safety legislation - update\n"
          + "Mime-Version: 1.0\n"
          + "Content-Type: text/plain; charset=us-ascii\n"
          + "X-From: Steven J Kean\n"
          + "X-Folder: \\Steven_Kean_Dec2000_1\\Notes Folders\\All documents\n\n"
          + "print\n";
  static final String MBOX =
      "From alice@example.com Mon Jan  1 10:00:00 2001\nFrom: alice@example.com\nSubject: one\n\nbody\n";

  private static Format sniff(String name, byte[] bytes) {
    byte[] head = java.util.Arrays.copyOf(bytes, Math.min(bytes.length, Sniffer.HEAD_BYTES));
    return Sniffer.sniff(name, head, head.length);
  }

  private static Format sniff(String name, String text) {
    return sniff(name, text.getBytes(UTF_8));
  }

  @Test
  void noBytesIsEmpty() {
    assertEquals(Format.EMPTY, sniff("anything.eml", new byte[0]));
  }

  @Test
  void anRfc822MessageIsEmailWhateverItsName() {
    assertEquals(Format.EML, sniff("maildir/kean-s/inbox/1.txt", ENRON));
    assertEquals(Format.EML, sniff("maildir/kean-s/inbox/1.", ENRON));
    assertEquals(Format.EML, sniff("msg.eml", "\uFEFF" + ENRON), "after a UTF-8 byte-order mark");
  }

  @Test
  void anMboxIsRecognisedByItsSeparator() {
    assertEquals(Format.MBOX, sniff("bob-sent", MBOX));
    assertEquals(Format.MBOX, sniff("bob-sent", MBOX.replace("\n", "\r\n")), "with CRLF line ends");
  }

  @Test
  void anExtensionlessTableIsCsv() {
    assertEquals(Format.CSV, sniff("exports/export_2021", "id,name,email\n1,Ada,ada@example.com\n2,Bob,b@x.org\n"));
    assertEquals(
        Format.TEXT, sniff("notes", "Dear Bob,\nsee you at ten.\nBring the slides.\nThanks\nAnn\n"), "prose is not a table");
  }

  @Test
  void aDocxIsDocxNotZipEvenWhenNamedZip() {
    byte[] docx = Fixtures.docx("Hello");
    assertEquals(Format.DOCX, sniff("proposal.docx", docx));
    assertEquals(Format.DOCX, sniff("proposal.zip", docx));
    assertEquals(Format.ZIP, sniff("bundle.zip", Fixtures.zip(Fixtures.entries("a.txt", "a"))));
  }

  @Test
  void archiveMagicWins() {
    assertEquals(Format.GZIP, sniff("mail.txt", Fixtures.gzip("hello".getBytes(UTF_8))));
    assertEquals(Format.TAR, sniff("bundle", Fixtures.tar(Fixtures.entries("a.txt", "a"))));
  }

  @Test
  void aMessageWithNulBytesOrALegacyEightBitBodyIsStillEmail() {
    byte[] nul = (ENRON + "before\u0000\u0000after\n").getBytes(UTF_8);
    assertEquals(Format.EML, sniff("msg.eml", nul), "NUL bytes after the header block");
    assertEquals(Format.MBOX, sniff("box", (MBOX + "\u0000\n").getBytes(UTF_8)), "NUL bytes in an mbox");
    byte[] koi8 = (ENRON.replace("print\n", "") + "Привет, это письмо в KOI8-R. ".repeat(200))
        .getBytes(java.nio.charset.Charset.forName("KOI8-R"));
    assertEquals(Format.EML, sniff("msg", koi8), "a body that is mostly high bytes, not UTF-8");
  }

  @Test
  void aFirstLineThatAlmostLooksLikeAnMboxSeparatorIsSniffedInLinearTime() {
    // Found by ReaderFuzzTest: ^From \\S+.*\\d.* backtracked for 316 s over this 8 KB line, which '.' cannot cross.
    String line = "From a@example.co" + "00:00`20".repeat(1_000) + "\u0085";
    Format f = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> sniff("box.mbox", line + "\nFrom: a@example.com\nSubject: s\n\nbody\n"));
    assertEquals(Format.MBOX, f, "a sender token, digits, then a header block");
  }

  @ParameterizedTest
  @ValueSource(strings = {"message.eml", "table.csv", "report.pdf", "notes.txt", "noextension"})
  void binaryJunkIsUnsupportedWhateverItsName(String name) {
    assertEquals(Format.UNSUPPORTED, sniff(name, Fixtures.junk(4096, 7)));
  }

  @Test
  void aPdfNameWithoutPdfMagicIsUnsupported() {
    assertEquals(Format.UNSUPPORTED, sniff("report.pdf", "just some text, not a PDF\n"));
    assertEquals(Format.PDF, sniff("report.bin", "%PDF-1.4\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1)));
  }
}
