package org.leakscope.ingest.mail;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakscope.ingest.Format;
import org.leakscope.ingest.Hashing;
import org.leakscope.ingest.Item;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;
import org.leakscope.ingest.TextDecoding;
import org.leakscope.ingest.UnitRejected;
import org.leakscope.testing.Fixtures;

class MailParserTest {
  private static final String HEAD =
      "From: Alice <alice@example.com>\nTo: bob@example.com\nDate: Tue, 14 Mar 2017 09:21:07 +0100\n"
          + "MIME-Version: 1.0\n";

  private static MailParser.ParsedMail parse(byte[] bytes) {
    return parse(bytes, Limits.defaults());
  }

  private static MailParser.ParsedMail parse(byte[] bytes, Limits limits) {
    return new MailParser(limits).parse(bytes, 0, bytes.length, Format.EML, "m.eml", loc -> "id(" + loc + ")");
  }

  private static Item item(String message) {
    return parse(message.getBytes(UTF_8)).item();
  }

  private static Limits limits(int maxLine, int maxHeaderCount, int maxHeaderBytes, int maxMimeDepth) {
    Limits d = Limits.defaults();
    return new Limits(
        d.maxUnitBytes(), maxLine, maxHeaderCount, maxHeaderBytes, maxMimeDepth, d.maxArchiveDepth(),
        d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(), d.maxFields(), d.maxJsonDepth(),
        d.maxTextChars());
  }

  private static Reason rejection(byte[] message, Limits limits) {
    return assertThrows(UnitRejected.class, () -> parse(message, limits)).reason();
  }

  @Test
  void emptyMessageIsAnItemWithNothingInIt() {
    Item it = parse(new byte[0]).item();
    assertAll(
        () -> assertNull(it.from),
        () -> assertNull(it.subject),
        () -> assertNull(it.date),
        () -> assertEquals("", it.text()),
        () -> assertEquals(0, it.sizeBytes),
        () -> assertTrue(it.attachments.isEmpty()));
  }

  @Test
  void quotedPrintableUtf8BodyIsDecoded() {
    Item it =
        item(HEAD + "Subject: qp\nContent-Type: text/plain; charset=utf-8\n"
            + "Content-Transfer-Encoding: quoted-printable\n\n"
            + "Gr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
    assertEquals("Grüße aus München, café €5, a soft line break.", it.text().strip());
    assertTrue(it.warnings.isEmpty(), () -> "warnings: " + it.warnings);
  }

  @Test
  void quotedPrintableWithCrlfLineEndsIsDecoded() {
    Item it =
        item((HEAD + "Subject: qp\nContent-Type: text/plain; charset=utf-8\n"
                + "Content-Transfer-Encoding: quoted-printable\n\n"
                + "caf=C3=A9 and a soft=\n line break; =3D stays an equals sign\n")
            .replace("\n", "\r\n"));
    assertEquals("café and a soft line break; = stays an equals sign", it.text().strip());
  }

  @Test
  void base64BodyIsDecoded() {
    String body = "Zürich, ¿qué tal? 日本語のテキスト\nsecond line";
    String encoded = Base64.getMimeEncoder(20, "\n".getBytes(UTF_8)).encodeToString(body.getBytes(UTF_8));
    Item it =
        item(HEAD + "Subject: b64\nContent-Type: text/plain; charset=UTF-8\n"
            + "Content-Transfer-Encoding: base64\n\n" + encoded + "\n");
    assertEquals(body, it.text().strip());
  }

  @Test
  void iso88591BodyIsDecodedWithItsAccents() {
    byte[] message =
        (HEAD + "Subject: latin1\nContent-Type: text/plain; charset=ISO-8859-1\n"
                + "Content-Transfer-Encoding: 8bit\n\nCrème brûlée à la carte, señor Ångström.\n")
            .getBytes(ISO_8859_1);
    Item it = parse(message).item();
    assertEquals("Crème brûlée à la carte, señor Ångström.", it.text().strip());
    assertTrue(it.warnings.isEmpty(), () -> "warnings: " + it.warnings);
  }

  @Test
  void invalidUtf8InADeclaredUtf8BodyIsReplacedWithAWarning() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((HEAD + "Subject: bad\nContent-Type: text/plain; charset=utf-8\n\nbefore ").getBytes(UTF_8));
    out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
    out.writeBytes(" after\n".getBytes(UTF_8));
    Item it = parse(out.toByteArray()).item();
    assertTrue(it.text().startsWith("before "), it.text());
    assertTrue(it.text().strip().endsWith(" after"), it.text());
    assertTrue(it.text().contains("\uFFFD"), it.text());
    assertTrue(it.warnings.contains(TextDecoding.WARN_REPLACED), () -> "warnings: " + it.warnings);
  }

  @Test
  void unknownCharsetIsWarnedAndTheTextStillDecoded() {
    Item it = item(HEAD + "Subject: ?\nContent-Type: text/plain; charset=x-klingon-1\n\nnaïve café\n");
    assertEquals("naïve café", it.text().strip());
    assertTrue(
        it.warnings.stream().anyMatch(w -> w.equalsIgnoreCase("unknown_charset:x-klingon-1")),
        () -> "warnings: " + it.warnings);
  }

  @Test
  void foldedToAndSubjectAreUnfolded() {
    Item it =
        item("From: alice@example.com\n"
            + "To: Bob One <bob1@example.com>,\n Carol Two <carol2@example.com>,\n\tdave@example.com\n"
            + "Subject: A subject that is\n folded over\n  three lines\n\nbody\n");
    assertEquals(
        List.of("Bob One <bob1@example.com>", "Carol Two <carol2@example.com>", "dave@example.com"), it.to);
    assertEquals("A subject that is folded over  three lines", it.subject);
  }

  @Test
  void encodedWordsAreDecodedInSubjectAndDisplayNames() {
    String subjectB64 = Base64.getEncoder().encodeToString("Grüße – Überweisung".getBytes(UTF_8));
    String nameLatin1B64 = Base64.getEncoder().encodeToString("Françoise Lefèvre".getBytes(ISO_8859_1));
    Item it =
        item("From: =?ISO-8859-1?Q?Andr=E9_M=FCller?= <andre@example.com>\n"
            + "To: =?UTF-8?Q?J=C3=BCrgen_Wei=C3=9F?= <jw@example.de>, =?iso-8859-1?B?" + nameLatin1B64
            + "?= <fl@example.fr>\n"
            + "Subject: =?UTF-8?B?" + subjectB64 + "?= =?ISO-8859-1?Q?_f=FCr_M=E4rz?=\n\nbody\n");
    assertAll(
        () -> assertEquals("Grüße – Überweisung für März", it.subject),
        () -> assertEquals("André Müller <andre@example.com>", it.from),
        () -> assertEquals(List.of("Jürgen Weiß <jw@example.de>", "Françoise Lefèvre <fl@example.fr>"), it.to));
  }

  @Test
  void dateBecomesAUtcInstantAndTheRawValueIsKept() {
    Item it =
        item("From: a@example.com\nSubject: d\nDate: Mon, 16 Oct 2000 03:14:00 -0700 (PDT)\n\nbody\n");
    assertEquals(Instant.parse("2000-10-16T10:14:00Z"), it.date);
    assertEquals("Mon, 16 Oct 2000 03:14:00 -0700 (PDT)", it.dateRaw);
    assertFalse(it.warnings.contains("unparseable_date"));
  }

  @Test
  void dateWithoutSecondsStillParses() {
    Item it = item("From: a@example.com\nSubject: d\nDate: 16 Oct 2000 03:14 +0200\n\nbody\n");
    assertEquals(Instant.parse("2000-10-16T01:14:00Z"), it.date);
  }

  @Test
  void unparseableDateIsNullWithAWarningAndRawKept() {
    Item it = item("From: a@example.com\nSubject: d\nDate: sometime last week\n\nbody\n");
    assertNull(it.date);
    assertEquals("sometime last week", it.dateRaw);
    assertTrue(it.warnings.contains("unparseable_date"), () -> "warnings: " + it.warnings);
  }

  @Test
  void alternativePrefersThePlainPart() {
    Item it =
        item(HEAD + "Subject: alt\nContent-Type: multipart/alternative; boundary=\"b1\"\n\n"
            + "--b1\nContent-Type: text/plain; charset=utf-8\n\nPlain version.\n"
            + "--b1\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>HTML <b>version</b>.</p></body></html>\n"
            + "--b1--\n");
    assertEquals("Plain version.", it.text().strip());
    assertTrue(it.attachments.isEmpty(), () -> "the html alternative is not an attachment: " + it.attachments);
  }

  @Test
  void htmlOnlyFallsBackToItsText() {
    Item it =
        item(HEAD + "Subject: html\nContent-Type: text/html; charset=utf-8\n\n"
            + "<html><head><style>p { color: red }</style><script>var x = 1;</script></head>"
            + "<body><p>Hello <b>World</b></p><p>Second &amp; last</p></body></html>\n");
    assertEquals("Hello World\nSecond & last", it.text().strip());
  }

  @Test
  void attachmentsAreRecordedAndDocumentsReturned() {
    byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(ISO_8859_1);
    byte[] docx = Fixtures.docx("Attached proposal");
    byte[] notes = "meeting notes: bring the numbers".getBytes(UTF_8);
    byte[] png = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000");
    MailParser.ParsedMail parsed =
        parse(
            (HEAD + "Subject: files\nContent-Type: multipart/mixed; boundary=\"mix\"\n\n"
                    + "--mix\nContent-Type: text/plain; charset=utf-8\n\nSee attached.\n"
                    + part("application/pdf", "sow.pdf", pdf)
                    + part("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        "proposal.docx", docx)
                    + "--mix\nContent-Type: text/plain; charset=utf-8\n"
                    + "Content-Disposition: attachment; filename=\"notes.txt\"\n\n"
                    + new String(notes, UTF_8) + "\n" // the line end before a boundary is the boundary's
                    + part("image/png", "logo.png", png)
                    + "--mix--\n")
                .getBytes(UTF_8));
    Item it = parsed.item();
    assertEquals("See attached.", it.text().strip(), "attachment text stays out of the message text");
    List<Item.Attachment> atts = it.attachments;
    assertEquals(List.of("sow.pdf", "proposal.docx", "notes.txt", "logo.png"),
        atts.stream().map(Item.Attachment::name).toList());
    assertEquals(
        List.of("application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/plain", "image/png"),
        atts.stream().map(Item.Attachment::mediaType).toList());
    assertEquals(List.of((long) pdf.length, (long) docx.length, (long) notes.length, (long) png.length),
        atts.stream().map(Item.Attachment::sizeBytes).toList(), "sizes are of the decoded content");
    assertEquals(Hashing.sha256Hex(docx, 0, docx.length), atts.get(1).sha256());
    assertEquals(Hashing.sha256Hex(png, 0, png.length), atts.get(3).sha256());
    assertEquals("id(m.eml#attachment=1)", atts.get(0).itemId());
    assertNull(atts.get(3).itemId(), "an image is recorded but not ingested");

    List<MailParser.DocumentAttachment> docs = parsed.documents();
    assertEquals(List.of(Format.PDF, Format.DOCX, Format.TEXT),
        docs.stream().map(MailParser.DocumentAttachment::format).toList());
    assertEquals(List.of("m.eml#attachment=1", "m.eml#attachment=2", "m.eml#attachment=3"),
        docs.stream().map(MailParser.DocumentAttachment::locator).toList());
    assertEquals(HexFormat.of().formatHex(docx), HexFormat.of().formatHex(docs.get(1).bytes()));
  }

  private static String part(String type, String name, byte[] content) {
    return "--mix\nContent-Type: " + type + "; name=\"" + name + "\"\nContent-Transfer-Encoding: base64\n"
        + "Content-Disposition: attachment; filename=\"" + name + "\"\n\n"
        + Base64.getMimeEncoder().encodeToString(content) + "\n";
  }

  /** A message whose body nests {@code multiparts} multipart levels (the message itself is one more level). */
  private static byte[] nested(int multiparts) {
    StringBuilder open = new StringBuilder(HEAD + "Subject: deep\n");
    StringBuilder close = new StringBuilder();
    for (int level = 1; level <= multiparts; level++) {
      open.append("Content-Type: multipart/mixed; boundary=\"L").append(level).append("\"\n\n");
      open.append("--L").append(level).append('\n');
      close.insert(0, "--L" + level + "--\n");
    }
    open.append("Content-Type: text/plain\n\ninnermost\n");
    return (open.toString() + close).getBytes(UTF_8);
  }

  @Test
  void mimeNestingUpToTheLimitIsRead() {
    Item it = parse(nested(2), limits(1000, 100, 1000, 3)).item();
    assertEquals("innermost", it.text().strip());
  }

  @Test
  void mimeNestingOverTheLimitIsTooDeep() {
    assertEquals(Reason.TOO_DEEP, rejection(nested(3), limits(1000, 100, 1000, 3)));
  }

  @Test
  void moreHeadersThanTheLimitIsTooLarge() {
    StringBuilder m = new StringBuilder("From: a@example.com\n");
    for (int i = 0; i < 10; i++) {
      m.append("X-Extra-").append(i).append(": v\n");
    }
    m.append("\nbody\n");
    Limits limits = limits(1000, 8, 1000, 10);
    assertEquals(Reason.TOO_LARGE, rejection(m.toString().getBytes(UTF_8), limits));
    assertEquals("body", parse(("From: a@example.com\nSubject: s\n\nbody\n").getBytes(UTF_8), limits)
        .item().text().strip(), "a message under the limit parses");
  }

  @Test
  void aHeaderLongerThanTheLimitIsTooLarge() {
    // Folded, so every physical line is short: only the unfolded header is over the limit.
    StringBuilder to = new StringBuilder("To: r0@example.com");
    for (int i = 1; i < 20; i++) {
      to.append(",\n r").append(i).append("@example.com");
    }
    byte[] m = ("From: a@example.com\n" + to + "\nSubject: s\n\nbody\n").getBytes(UTF_8);
    assertEquals(Reason.TOO_LARGE, rejection(m, limits(1000, 100, 200, 10)));
  }

  @Test
  void aHeaderLineLongerThanTheLineLimitIsTooLarge() {
    byte[] m = ("From: a@example.com\nSubject: " + "x".repeat(300) + "\n\nbody\n").getBytes(UTF_8);
    assertEquals(Reason.TOO_LARGE, rejection(m, limits(100, 100, 10_000, 10)));
  }

  @Test
  void aMultipartMessageWithAMalformedHeaderLineIsReadWithTheLineSkipped() {
    // Found by ReaderFuzzTest: mime4j threw IllegalStateException ("unread only works when a buffer is fully read…")
    // when a malformed header line, pushed back as the start of the body, was followed by a multipart body.
    Item it = item(HEAD + "Subject: broken\nContent-Type: multipart/mixed; boundary=\"outer\"\nbroken line\n\n"
        + "--outer\nContent-Type: text/plain\n\nhello\n--outer--\n");
    assertEquals("hello", it.text().strip());
    assertEquals("broken", it.subject);
    assertTrue(it.warnings.contains(MailParser.WARN_MALFORMED_HEADER_SKIPPED), it.warnings.toString());
    Item single = item(HEAD + "Subject: one part\nbroken line\n\nbody\n");
    assertFalse(single.warnings.contains(MailParser.WARN_MALFORMED_HEADER_SKIPPED), "only when mime4j fails");
  }

  @Test
  void aDateHeaderOfAMegabyteOfParenthesesIsUnparseableInLinearTime() {
    // The fallback's trailing-comment pattern is quadratic: 2.3 s at 40,000 characters, some 25 minutes at 1 MiB.
    String m = HEAD.replace("Date: Tue, 14 Mar 2017 09:21:07 +0100\n", "") + "Date: " + "(".repeat(1_000_000)
        + "\nSubject: s\n\nbody\n";
    Item it = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
        () -> item(m));
    assertNull(it.date);
    assertTrue(it.warnings.contains("unparseable_date"), it.warnings.toString());
  }
}
