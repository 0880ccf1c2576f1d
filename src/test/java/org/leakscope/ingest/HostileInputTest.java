package org.leakscope.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.leakscope.testing.Fixtures.entries;
import static org.leakscope.testing.Fixtures.zip;
import static org.leakscope.testing.IngestRows.str;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakscope.ingest.archive.ArchiveBudget;
import org.leakscope.testing.Fixtures;
import org.leakscope.testing.HostileCorpus;
import org.leakscope.testing.IngestRows;

/**
 * Inputs built to hurt a parser, at the default limits: each is quarantined with its reason, the accounting holds,
 * and nothing overflows the stack or runs away (each case has a generous time bound, so a regression to
 * recursion or quadratic work fails instead of hanging the build).
 */
class HostileInputTest {
  private static final Duration BOUND = Duration.ofSeconds(60);

  private static IngestRows dispatch(String name, byte[] bytes) {
    return assertTimeoutPreemptively(BOUND, () -> IngestRows.dispatch(name, bytes).assertAccounted());
  }

  @Test
  void mimeNestedTenThousandLevelsIsTooDeep() {
    StringBuilder sb = new StringBuilder("From: a@example.com\nSubject: nest\n");
    int levels = 10_000;
    for (int i = 0; i < levels; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
    }
    sb.append("Content-Type: text/plain\n\ncore\n");
    IngestRows rows = dispatch("mail/nested.eml", sb.toString().getBytes(UTF_8));
    assertEquals(List.of("too_deep"), rows.reasons());
  }

  @Test
  void oneHundredThousandHeadersAreTooLarge() {
    StringBuilder sb = new StringBuilder("From: a@example.com\nSubject: many\n");
    for (int i = 0; i < 100_000; i++) {
      sb.append("X-H").append(i).append(": v\n");
    }
    sb.append("\nbody\n");
    IngestRows rows = dispatch("mail/headers.eml", sb.toString().getBytes(UTF_8));
    assertEquals(List.of("too_large"), rows.reasons());
  }

  @Test
  void aTwoMegabyteFoldedHeaderIsTooLarge() {
    StringBuilder sb = new StringBuilder("From: a@example.com\nSubject: x");
    while (sb.length() < 2 * 1024 * 1024) {
      sb.append("\n continued-folded-header-text");
    }
    sb.append("\n\nbody\n");
    IngestRows rows = dispatch("mail/header.eml", sb.toString().getBytes(UTF_8));
    assertEquals(List.of("too_large"), rows.reasons());
  }

  @Test
  void jsonNestedOneHundredThousandDeepIsTooDeep() {
    String json = "[".repeat(100_000) + "]".repeat(100_000);
    IngestRows rows = dispatch("exports/deep.json", json.getBytes(UTF_8));
    assertTrue(rows.reasons().contains("too_deep"), rows.reasons().toString());
    assertEquals(0, rows.items().size());
  }

  @Test
  void archivesNestedFiftyDeepStopAtTheDepthLimit() {
    byte[] inner = zip(entries("core.txt", "the core\n".getBytes(UTF_8)));
    for (int i = 0; i < 50; i++) {
      inner = zip(entries("level" + i + ".zip", inner));
    }
    IngestRows rows = dispatch("archives/deep.zip", inner);
    assertEquals(List.of("too_deep"), rows.reasons());
    assertEquals(0, rows.items().size());
  }

  @Test
  void aLineOfTenMegabytesOfAtSignsAndDotsIsBoundedByTheUnitAndLineLimits() {
    byte[] line = ("@.".repeat(5 * 1024 * 1024) + "\n").getBytes(UTF_8);
    IngestRows rows = dispatch("docs/at-signs.txt", line);
    assertEquals(1, rows.items().size(), "a 10 MB text line is a document, read in bounded time");
    IngestRows mail = dispatch("mail/at-signs.eml", ("From: a@example.com\nSubject: x\n\n" + new String(line,
        UTF_8)).getBytes(UTF_8));
    assertEquals(List.of("too_large"), mail.reasons(), "a message line over the 4 MiB line limit");
  }

  @Test
  void aDocxThatIsAZipBombIsAnArchiveLimitBeforeTikaInflatesIt() throws Exception {
    // 256 MiB of paragraphs in under 1 MB: Tika's OOXML parser would build it in memory (over 4 GB of heap).
    IngestRows rows = dispatch("docs/bomb.docx", HostileCorpus.docxBomb(256 * Limits.MIB));
    assertEquals(List.of("archive_limit"), rows.reasons());
    assertTrue(str(rows.quarantined().get(0), "detail").contains("ratio"), str(rows.quarantined().get(0), "detail"));
    IngestRows ok = dispatch("docs/ok.docx", Fixtures.docx("An ordinary proposal."));
    assertTrue(str(ok.items().get(0), "text").contains("ordinary proposal"), "an ordinary DOCX is still read");
  }

  @Test
  void anOverlappingZipInflatesItsLocalDataOnceWhateverItsCentralDirectorySays() {
    // Streaming follows the local headers, so 1000 names for one entry are one unit read once, not 1000.
    IngestRows benign = dispatch("archives/overlap.zip", HostileCorpus.overlapping(1000, 64 * 1024));
    assertEquals(List.of("!/kernel.txt"), benign.locators());
    assertEquals(1, benign.items().size());
    IngestRows bomb = dispatch("archives/overlap-bomb.zip", HostileCorpus.overlapping(256, 8 * (int) Limits.MIB));
    assertEquals(List.of("archive_limit", "archive_limit"), bomb.reasons(), "the kernel itself is over the ratio");
    assertEquals(0, bomb.items().size());
  }

  @Test
  void aMessageWithNulBytesInItsBodyIsAMessage() {
    byte[] mail = "From: a@example.com\nTo: b@example.com\nSubject: nul\n\nbefore\u0000\u0000after\n"
        .getBytes(UTF_8);
    IngestRows rows = dispatch("mail/nul.eml", mail);
    assertEquals(List.of(), rows.reasons());
    assertEquals("before\u0000\u0000after", str(rows.items().get(0), "text").strip(), "the bytes as they are");
  }

  @Test
  void theCommittedCorpusBinariesAreWhatHostileCorpusMakes() throws Exception {
    // The encrypted PDF is left out: PDFBox salts its encryption at random.
    for (var e : HostileCorpus.smallBinaries().entrySet()) {
      byte[] committed = java.nio.file.Files.readAllBytes(HostileCorpus.COMMITTED.resolve("dump").resolve(e.getKey()));
      assertTrue(java.util.Arrays.equals(e.getValue(), committed), e.getKey() + " differs from HostileCorpus");
    }
  }

  @Test
  void aTwoGigabyteMboxWithoutSeparatorsIsOneTooLargeMessageScannedToItsEnd() {
    // Streamed from memory, as FileIngestor streams a file: past 2^31 bytes, so every offset must be a long.
    IngestRows rows = new IngestRows("mail/no-separator-2gb.mbox");
    Limits limits = Limits.defaults();
    ArchiveBudget budget = new ArchiveBudget(limits);
    long[] read = new long[1];
    assertTimeoutPreemptively(BOUND, () -> {
      try (InputStream in = new BufferedInputStream(
          budget.countRaw(new CountingInputStream(HostileCorpus.mboxWithoutSeparators(HostileCorpus.MBOX_BYTES),
              read)), 2 * Sniffer.HEAD_BYTES)) {
        new Dispatcher(limits, rows.units(), budget).dispatch(in, "mail/no-separator-2gb.mbox", "", -1, 0);
      }
    });
    rows.assertAccounted();
    assertEquals(List.of("#msg=1@0"), rows.locators());
    assertEquals(List.of("too_large"), rows.reasons());
    assertTrue(read[0] > HostileCorpus.MBOX_BYTES, "read to its end: " + read[0] + " bytes");
  }

  /** Counts the bytes read through it into {@code count[0]}. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private final long[] count;

    CountingInputStream(InputStream in, long[] count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read(byte[] b, int off, int len) throws java.io.IOException {
      int n = super.read(b, off, len);
      count[0] += Math.max(n, 0);
      return n;
    }
  }

  @Test
  void csvWithAnUnbalancedQuoteAndManyColumnsIsQuarantinedNotTruncated() {
    String header = String.join(",", java.util.Collections.nCopies(20_000, "c"));
    IngestRows wide = dispatch("exports/wide.csv", (header + "\n1,2\n").getBytes(UTF_8));
    assertEquals(List.of("too_large"), wide.reasons());
    IngestRows quote = dispatch("exports/quote.csv", "a,b\n1,\"unterminated\n2,3\n4,5\n".getBytes(UTF_8));
    assertEquals(List.of("malformed"), quote.reasons());
    assertEquals(0, quote.items().size());
  }
}
