package org.leakscope.ingest.archive;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leakscope.testing.Fixtures.entries;
import static org.leakscope.testing.Fixtures.gzip;
import static org.leakscope.testing.Fixtures.tar;
import static org.leakscope.testing.Fixtures.zip;
import static org.leakscope.testing.IngestRows.fields;
import static org.leakscope.testing.IngestRows.str;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakscope.ingest.Limits;
import org.leakscope.testing.Fixtures;
import org.leakscope.testing.IngestRows;

class ArchiveReaderTest {
  private static final String EML =
      "From: Alice <alice@example.com>\nTo: bob@example.com\nSubject: in an archive\n"
          + "Date: Tue, 14 Mar 2017 09:21:07 +0100\n\nHello from inside.\n";
  private static final String CSV = "id,name\n1,Ada\n2,Grace\n";

  private static IngestRows dispatch(String name, byte[] bytes) {
    return dispatch(name, bytes, Limits.defaults());
  }

  private static IngestRows dispatch(String name, byte[] bytes, Limits limits) {
    return IngestRows.dispatch(name, bytes, limits).assertAccounted();
  }

  /** Defaults with the archive limits replaced. */
  private static Limits archiveLimits(int depth, int entries, double ratio) {
    Limits d = Limits.defaults();
    return new Limits(
        d.maxUnitBytes(), d.maxLineBytes(), d.maxHeaderCount(), d.maxHeaderBytes(), d.maxMimeDepth(), depth,
        entries, ratio, d.maxArchiveBytes(), d.maxFields(), d.maxJsonDepth(), d.maxTextChars());
  }

  @Test
  void anArchiveWithoutEntriesHasNoUnits() {
    assertEquals(0, dispatch("empty.zip", zip(Map.of())).units().found());
  }

  @Test
  void zipEntriesAreReadAsFilesWithTheirFormats() {
    IngestRows rows = dispatch("mail.zip", zip(entries("inbox/a.eml", EML, "exports/people.csv", CSV)));
    assertEquals(
        List.of("!/inbox/a.eml", "!/exports/people.csv#line=2", "!/exports/people.csv#line=3"), rows.locators());
    assertEquals("Alice <alice@example.com>", str(rows.at("!/inbox/a.eml"), "mail_from"));
    assertEquals("eml", str(rows.at("!/inbox/a.eml"), "format"));
    assertEquals(Map.of("id", "2", "name", "Grace"), fields(rows.at("!/exports/people.csv#line=3")));
    assertEquals("people", str(rows.at("!/exports/people.csv#line=2"), "record_set"));
  }

  @Test
  void aTarGzIsGunzippedThenUntarred() {
    byte[] tgz = gzip(tar(entries("docs/memo.txt", "Quarterly memo.\n", "docs/a.eml", EML)));
    IngestRows rows = dispatch("bundle.tar.gz", tgz);
    assertEquals(List.of("!/bundle.tar!/docs/memo.txt", "!/bundle.tar!/docs/a.eml"), rows.locators());
    assertEquals("Quarterly memo.", str(rows.at("!/bundle.tar!/docs/memo.txt"), "text").strip());
    assertEquals("email", str(rows.at("!/bundle.tar!/docs/a.eml"), "kind"));
  }

  @Test
  void aZipInAZipIsReadWithANestedLocator() {
    byte[] inner = zip(entries("a.eml", EML));
    IngestRows rows = dispatch("outer.zip", zip(entries("inner.zip", inner, "b.txt", "beside\n")));
    assertEquals(List.of("!/inner.zip!/a.eml", "!/b.txt"), rows.locators());
    assertEquals("in an archive", str(rows.at("!/inner.zip!/a.eml"), "mail_subject"));
  }

  @Test
  void nestingDeeperThanTheLimitIsTooDeepAndTheRestStillRead() {
    byte[] inner = zip(entries("a.eml", EML));
    IngestRows rows =
        dispatch("outer.zip", zip(entries("inner.zip", inner, "b.txt", "beside\n")), archiveLimits(1, 100, 100));
    assertEquals(List.of("!/inner.zip", "!/b.txt"), rows.locators());
    assertEquals("too_deep", str(rows.at("!/inner.zip"), "reason"));
    assertEquals("document", str(rows.at("!/b.txt"), "kind"));
  }

  @Test
  void entriesOverTheLimitStopTheArchiveAndAreNotRead() {
    byte[] zip = zip(entries("1.txt", "one", "2.txt", "two", "3.txt", "three", "4.txt", "four", "5.txt", "five"));
    IngestRows rows = dispatch("many.zip", zip, archiveLimits(5, 3, 100));
    assertEquals(List.of("!/1.txt", "!/2.txt", "!/3.txt", "#unread"), rows.locators());
    assertEquals(List.of("archive_limit"), rows.reasons());
    assertTrue(str(rows.at("#unread"), "detail").contains("4.txt"), str(rows.at("#unread"), "detail"));
  }

  @Test
  void aHighlyCompressibleEntryStopsTheFileByRatio() {
    byte[] bomb = Fixtures.zipOfZeros("first.txt", "zeros.bin", 50L * Limits.MIB, "last.txt");
    assertTrue(bomb.length < 200_000, "50 MiB of zeros deflates to " + bomb.length + " bytes");
    IngestRows rows = dispatch("bomb.zip", bomb);
    // The junk entry is quarantined from its first bytes; inflating the rest to reach the next entry still counts.
    assertEquals(List.of("!/first.txt", "!/zeros.bin", "#unread"), rows.locators(), "last.txt is never read");
    assertEquals(List.of("unsupported_format", "archive_limit"), rows.reasons());
    assertTrue(str(rows.at("#unread"), "detail").contains("ratio"), str(rows.at("#unread"), "detail"));
  }

  @Test
  void aHighlyCompressibleTextEntryStopsTheFileByRatio() {
    byte[] text = "0".repeat(20 * (int) Limits.MIB).getBytes(UTF_8);
    IngestRows rows = dispatch("bomb.zip", zip(entries("first.txt", "ok\n", "zeros.txt", text, "last.txt", "no\n")));
    // The entry being read when the budget ran out, then the rest of the archive (last.txt), each one unit.
    assertEquals(List.of("!/first.txt", "!/zeros.txt#unread", "#unread"), rows.locators());
    assertEquals(List.of("archive_limit", "archive_limit"), rows.reasons());
    assertTrue(str(rows.at("!/zeros.txt#unread"), "detail").contains("ratio"));
  }

  @Test
  void aTruncatedGzipIsMalformed() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      text.append("line ").append(i).append(" of a long memo\n");
    }
    byte[] gz = gzip(text.toString().getBytes(UTF_8));
    IngestRows rows = dispatch("memo.txt.gz", Fixtures.truncate(gz, gz.length / 2));
    assertEquals(0, rows.items().size());
    assertEquals(List.of("malformed"), rows.reasons());
    assertTrue(rows.locators().get(0).startsWith("!/memo.txt"), rows.locators().get(0));
  }

  @Test
  void anEmptyEntryIsEmpty() {
    IngestRows rows = dispatch("e.zip", zip(entries("empty.txt", new byte[0], "a.txt", "a\n")));
    assertEquals(List.of("!/empty.txt", "!/a.txt"), rows.locators());
    assertEquals(List.of("empty"), rows.reasons());
  }

  @Test
  void binaryJunkEntriesAreUnsupportedWhateverTheirNames() {
    byte[] junk = Fixtures.junk(3000, 3);
    IngestRows rows =
        dispatch("j.zip", zip(entries("fake.eml", junk, "fake.csv", junk, "fake.pdf", junk, "ok.txt", "ok\n")));
    assertEquals(List.of("!/fake.eml", "!/fake.csv", "!/fake.pdf", "!/ok.txt"), rows.locators());
    assertEquals(List.of("unsupported_format", "unsupported_format", "unsupported_format"), rows.reasons());
  }

  @Test
  void entryNamesThatClimbOutAreReadUnderEncodedLocators() {
    byte[] slip = zip(entries("../../etc/passwd", "root:x:0:0\n", "/abs/olute.txt", "absolute\n",
        "docs/./../../escape.txt", "climbs\n", "C:/boot.ini", "drive\n", "a#line=1!/b%20.txt", "syntax\n"));
    IngestRows rows = dispatch("slip.zip", slip);
    assertEquals(
        List.of("!/%2E%2E/%2E%2E/etc/passwd", "!/%2Fabs/olute.txt", "!/docs/%2E/%2E%2E/%2E%2E/escape.txt",
            "!/C%3A/boot.ini", "!/a%23line=1%21/b%2520.txt"),
        rows.locators(), "read as units, nothing in a locator climbs out or reads as locator syntax");
    assertEquals(5, rows.items().size());
  }

  @Test
  void locatorNamesKeepOrdinaryNamesAndEncodeTheRest() {
    assertEquals("inbox/2017/a b.eml", ArchiveReader.locatorName("inbox/2017/a b.eml"));
    assertEquals("..a/b..", ArchiveReader.locatorName("..a/b.."), "only whole . and .. segments");
    assertEquals("dir/", ArchiveReader.locatorName("dir/"));
    assertEquals("%2F/x", ArchiveReader.locatorName("//x"));
    assertEquals("a%5C..%5Cb%0A", ArchiveReader.locatorName("a\\..\\b\n"));
    assertEquals("Motörhead.txt", ArchiveReader.locatorName("Motörhead.txt"));
  }

  @Test
  void aDocxEntryIsADocument() {
    IngestRows rows = dispatch("d.zip", zip(entries("p.docx", Fixtures.docx("Inside a zip"))));
    assertEquals("docx", str(rows.at("!/p.docx"), "format"));
    assertTrue(str(rows.at("!/p.docx"), "text").contains("Inside a zip"));
  }
}
