package org.leakscope.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leakscope.testing.IngestRows.fields;
import static org.leakscope.testing.IngestRows.list;
import static org.leakscope.testing.IngestRows.num;
import static org.leakscope.testing.IngestRows.str;
import static org.leakscope.testing.IngestRows.time;
import static org.leakscope.testing.IngestRows.warnings;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakscope.io.Schemas;
import org.leakscope.testing.Fixtures;
import org.leakscope.testing.IngestRows;

class DispatcherTest {
  private static final String MESSAGE =
      "From: Alice <alice@example.com>\nTo: bob@example.com\nSubject: hello\n"
          + "Date: Tue, 14 Mar 2017 09:21:07 +0100\nMessage-ID: <m1@example.com>\n\nHi Bob.\n";

  private static IngestRows dispatch(String name, byte[] bytes) {
    return IngestRows.dispatch(name, bytes).assertAccounted();
  }

  /** A file that grew or shrank after it was listed is read to its end; the size limit holds on what was read. */
  @ParameterizedTest
  @ValueSource(longs = {0, 10, 142, 143, 144, 200, 300, 100_000})
  void aFileIsReadToItsEndWhateverSizeItWasListedAt(long listed) {
    byte[] bytes = MESSAGE.getBytes(UTF_8);
    assertEquals(143, bytes.length);
    IngestRows rows = IngestRows.dispatch("mail/m.eml", bytes, Limits.defaults(), listed).assertAccounted();
    assertEquals(1, rows.items().size());
    assertEquals(bytes.length, num(rows.items().get(0), "size_bytes"));
    assertEquals("Hi Bob.\n", str(rows.items().get(0), "text"));

    Limits small = withMaxUnitBytes(142);
    IngestRows over = IngestRows.dispatch("mail/m.eml", bytes, small, listed).assertAccounted();
    assertEquals(List.of("too_large"), over.reasons(), "143 bytes read, listed at " + listed);
    IngestRows fits = IngestRows.dispatch("mail/m.eml", bytes, withMaxUnitBytes(143), listed).assertAccounted();
    assertEquals(1, fits.items().size(), "exactly at the limit, listed at " + listed);
  }

  private static Limits withMaxUnitBytes(long max) {
    Limits d = Limits.defaults();
    return new Limits(max, d.maxLineBytes(), d.maxHeaderCount(), d.maxHeaderBytes(), d.maxMimeDepth(),
        d.maxArchiveDepth(), d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(), d.maxFields(),
        d.maxJsonDepth(), d.maxTextChars());
  }

  @Test
  void anEmptyFileIsOneEmptyUnit() {
    IngestRows rows = dispatch("junk/empty.txt", new byte[0]);
    assertEquals(1, rows.units().found());
    assertEquals(List.of("empty"), rows.reasons());
    assertEquals(0L, num(rows.at(""), "size_bytes"));
  }

  @Test
  void anEnronStyleTxtMessageIsAnEmail() {
    IngestRows rows = dispatch("maildir/kean-s/inbox/1.txt", SnifferTest.ENRON.getBytes(UTF_8));
    Row it = rows.at("");
    assertAll(
        () -> assertEquals(1, rows.items().size()),
        () -> assertEquals("email", str(it, "kind")),
        () -> assertEquals("eml", str(it, "format")),
        () -> assertEquals("steven.kean@enron.com", str(it, "mail_from")),
        () -> assertEquals(List.of("maureen.mcvicker@enron.com"), list(it, "mail_to")),
        () -> assertEquals(Instant.parse("2000-10-16T10:14:00Z"), time(it, "mail_date").toInstant()),
        () -> assertEquals("print", str(it, "text").strip()),
        () -> assertEquals(rows.units().idOf(""), str(it, "item_id")));
  }

  @Test
  void aUtf8ByteOrderMarkBeforeTheHeadersIsSkipped() {
    IngestRows rows = dispatch("mail/bom.eml", ("\uFEFF" + MESSAGE).getBytes(UTF_8));
    Row it = rows.at("");
    assertAll(
        () -> assertEquals("eml", str(it, "format")),
        () -> assertEquals("Alice <alice@example.com>", str(it, "mail_from")),
        () -> assertEquals("hello", str(it, "mail_subject")),
        () -> assertEquals("<m1@example.com>", str(it, "mail_message_id")),
        () -> assertEquals("Hi Bob.", str(it, "text").strip()),
        () -> assertTrue(warnings(it).contains("utf8_bom_skipped"), () -> "warnings: " + warnings(it)));
  }

  @Test
  void anExtensionlessTableIsReadAsCsv() {
    IngestRows rows = dispatch("exports/export_2021", "id,name\n1,Ada\n2,Grace\n".getBytes(UTF_8));
    assertEquals(List.of("#line=2", "#line=3"), rows.locators());
    assertEquals(Map.of("id", "2", "name", "Grace"), fields(rows.at("#line=3")));
    assertEquals("export_2021", str(rows.at("#line=2"), "record_set"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"junk/fake.eml", "junk/table.csv", "junk/report.pdf", "junk/blob"})
  void binaryJunkIsUnsupportedWhateverItsName(String name) {
    byte[] junk = Fixtures.junk(5000, 11);
    IngestRows rows = dispatch(name, junk);
    assertEquals(List.of("unsupported_format"), rows.reasons());
    Row q = rows.at("");
    assertEquals(HexFormat.of().formatHex(junk, 0, 32), str(q, "preview_hex"));
    assertEquals(5000L, num(q, "size_bytes"));
  }

  @Test
  void aPdfNameOnTextIsUnsupported() {
    IngestRows rows = dispatch("docs/report.pdf", "this was never a PDF\n".getBytes(UTF_8));
    assertEquals(List.of("unsupported_format"), rows.reasons());
  }

  @Test
  void aDocxIsADocumentNotAnArchive() {
    IngestRows rows = dispatch("docs/proposal.docx", Fixtures.docx("Scope: move 140 machines.", "Contact: Ada"));
    Row it = rows.at("");
    assertEquals("docx", str(it, "format"));
    assertEquals("document", str(it, "kind"));
    assertTrue(str(it, "text").contains("Scope: move 140 machines."), str(it, "text"));
  }

  @Test
  void documentAttachmentsBecomeItemsLinkedToTheirMessage() {
    String mail =
        "From: a@example.com\nSubject: files\nContent-Type: multipart/mixed; boundary=\"b\"\n\n"
            + "--b\nContent-Type: text/plain\n\nSee attached.\n"
            + "--b\nContent-Type: text/plain; name=\"notes.txt\"\n"
            + "Content-Disposition: attachment; filename=notes.txt\n\n"
            + "bring the numbers\n"
            + "--b\nContent-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document\n"
            + "Content-Disposition: attachment; filename=\"p.docx\"\nContent-Transfer-Encoding: base64\n\n"
            + Base64.getMimeEncoder().encodeToString(Fixtures.docx("Proposal text")) + "\n"
            + "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"broken.pdf\"\n\n"
            + "%PDF-1.4 but nothing after\n"
            + "--b--\n";
    IngestRows rows = dispatch("mail/files.eml", mail.getBytes(UTF_8));
    String parentId = str(rows.at(""), "item_id");
    assertEquals(List.of("", "#attachment=1", "#attachment=2", "#attachment=3"), rows.locators());
    assertEquals("bring the numbers", str(rows.at("#attachment=1"), "text").strip());
    assertTrue(str(rows.at("#attachment=2"), "text").contains("Proposal text"));
    assertEquals(parentId, str(rows.at("#attachment=1"), "parent_item_id"));
    assertEquals(parentId, str(rows.at("#attachment=2"), "parent_item_id"));
    assertEquals(List.of("malformed"), rows.reasons(), "the broken PDF is quarantined, the message kept");
    List<Row> atts = list(rows.at(""), "attachments");
    assertEquals(3, atts.size());
    int attId = Schemas.ATTACHMENT.fieldIndex("item_id");
    assertEquals(str(rows.at("#attachment=1"), "item_id"), atts.get(0).getString(attId));
    assertEquals(rows.units().idOf("#attachment=3"), atts.get(2).getString(attId));
    assertNull(str(rows.at(""), "parent_item_id"));
  }

  @Test
  void anExtensionlessCrlfMboxIsSplitIntoItsMessages() {
    String sep = "From alice@example.com Mon Jan  1 10:00:00 2001\n";
    String mbox = (sep + MESSAGE + "\n" + sep + MESSAGE.replace("hello", "again")).replace("\n", "\r\n");
    IngestRows rows = dispatch("mail/bob-sent", mbox.getBytes(UTF_8));
    assertEquals(2, rows.items().size(), () -> "rows: " + rows.locators());
    assertEquals(List.of("hello", "again"), rows.items().stream().map(r -> str(r, "mail_subject")).toList());
    assertTrue(rows.items().stream().allMatch(r -> "Alice <alice@example.com>".equals(str(r, "mail_from"))));
  }

  @Test
  void anMboxWithAnOversizedMessageKeepsTheOthers() {
    Limits d = Limits.defaults();
    Limits small =
        new Limits(
            400, d.maxLineBytes(), d.maxHeaderCount(), d.maxHeaderBytes(), d.maxMimeDepth(), d.maxArchiveDepth(),
            d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(), d.maxFields(), d.maxJsonDepth(),
            d.maxTextChars());
    String sep = "From alice@example.com Mon Jan  1 10:00:00 2001\n";
    String mbox = sep + MESSAGE + sep + MESSAGE + "x".repeat(80).concat("\n").repeat(10) + sep + MESSAGE;
    IngestRows rows = IngestRows.dispatch("mail/archive", mbox.getBytes(UTF_8), small).assertAccounted();
    assertEquals(3, rows.units().found());
    assertEquals(2, rows.items().size());
    assertEquals(List.of("too_large"), rows.reasons());
    assertTrue(str(rows.quarantined().get(0), "locator").startsWith("#msg=2@"));
    assertTrue(rows.items().stream().allMatch(r -> "mbox".equals(str(r, "format"))));
  }

  @Test
  void aJsonArrayStoppedMidwayRecordsTheRestAsOneUnreadUnit() {
    Limits shallow = withJsonDepth(3);
    String json = "[{\"a\":1}, {\"b\":{\"c\":{\"d\":{\"e\":1}}}}, {\"f\":2}, {\"g\":3}]";
    IngestRows rows = IngestRows.dispatch("exports/deep.json", json.getBytes(UTF_8), shallow).assertAccounted();
    assertEquals(List.of("#record=0", "#record=1", "#unread"), rows.locators());
    assertEquals(List.of("too_deep", "too_deep"), rows.reasons());
  }

  @Test
  void aMessageBodyLineOverTheLineLimitIsTooLarge() {
    Limits d = Limits.defaults();
    Limits tight =
        new Limits(d.maxUnitBytes(), 100, d.maxHeaderCount(), d.maxHeaderBytes(), d.maxMimeDepth(),
            d.maxArchiveDepth(), d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(), d.maxFields(),
            d.maxJsonDepth(), d.maxTextChars());
    String message = MESSAGE + "x".repeat(101) + "\n";
    IngestRows rows = IngestRows.dispatch("mail/long.eml", message.getBytes(UTF_8), tight).assertAccounted();
    assertEquals(List.of("too_large"), rows.reasons());
    assertTrue(str(rows.at(""), "detail").contains("maxLineBytes=100"));
  }

  @Test
  void twoLinesOfProseWithACommaAreTextNotCsv() {
    IngestRows rows = dispatch("notes/letter", "Dear Bob,\nsee you at ten.\n".getBytes(UTF_8));
    assertEquals("text", str(rows.at(""), "format"));
  }

  private static Limits withJsonDepth(int depth) {
    Limits d = Limits.defaults();
    return new Limits(d.maxUnitBytes(), d.maxLineBytes(), d.maxHeaderCount(), d.maxHeaderBytes(),
        d.maxMimeDepth(), d.maxArchiveDepth(), d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(),
        d.maxFields(), depth, d.maxTextChars());
  }
}
