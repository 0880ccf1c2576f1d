package org.leakscope.ingest.mail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakscope.ingest.Limits;
import org.leakscope.ingest.Reason;

class MboxReaderTest {
  /** One message as the reader handed it over. */
  record Msg(String locator, String text, Reason rejected, String detail) {}

  private static final String SEP1 = "From alice@example.com Mon Jan  1 10:00:00 2001\n";
  private static final String SEP2 = "From bob@example.com Tue Jan  2 11:30:00 2001\n";
  private static final String MSG1 =
      "From: alice@example.com\nSubject: one\n\nHello\n>From the archive\n>>From deeper\n\n"
          + "From here on, the body continues.\n\n";
  private static final String MSG2 = "From: bob@example.com\nSubject: two\n\nSecond.\n";

  private static List<Msg> read(String mbox) throws IOException {
    return read(mbox.getBytes(UTF_8), Limits.defaults());
  }

  private static List<Msg> read(byte[] mbox, Limits limits) throws IOException {
    List<Msg> out = new ArrayList<>();
    new MboxReader(limits)
        .read(
            new ByteArrayInputStream(mbox),
            "",
            (loc, b, len, rejected, detail) -> out.add(new Msg(loc, new String(b, 0, len, UTF_8), rejected, detail)));
    return out;
  }

  private static Limits limits(long maxUnit, int maxLine) {
    Limits d = Limits.defaults();
    return new Limits(
        maxUnit, maxLine, d.maxHeaderCount(), d.maxHeaderBytes(), d.maxMimeDepth(), d.maxArchiveDepth(),
        d.maxArchiveEntries(), d.maxArchiveRatio(), d.maxArchiveBytes(), d.maxFields(), d.maxJsonDepth(),
        d.maxTextChars());
  }

  @Test
  void emptyInputHasNoMessages() throws IOException {
    assertEquals(List.of(), read(""));
    assertEquals(List.of(), read("\n\n\r\n"));
  }

  @Test
  void separatorsSplitMessagesAndLocatorsCarryIndexAndOffset() throws IOException {
    String mbox = SEP1 + MSG1 + SEP2 + MSG2;
    List<Msg> msgs = read(mbox);
    assertEquals(
        List.of("#msg=1@0", "#msg=2@" + mbox.indexOf(SEP2)), msgs.stream().map(Msg::locator).toList());
    assertTrue(msgs.get(1).text().startsWith("From: bob@example.com\n"), msgs.get(1).text());
    assertEquals(MSG2, msgs.get(1).text(), "the separator line is not part of the message");
    assertNull(msgs.get(0).rejected());
  }

  @Test
  void fromLinesAreUnescapedOneLevelAndAnUndatedFromDoesNotSplit() throws IOException {
    List<Msg> msgs = read(SEP1 + MSG1 + SEP2 + MSG2);
    assertEquals(2, msgs.size(), "'From here on' after a blank line is body text");
    String body = msgs.get(0).text();
    assertAll(
        () -> assertTrue(body.contains("\nFrom the archive\n"), body),
        () -> assertTrue(body.contains("\n>From deeper\n"), body),
        () -> assertTrue(body.contains("\n\nFrom here on, the body continues.\n"), body));
  }

  @Test
  void contentBeforeTheFirstSeparatorIsAMessageOfItsOwn() throws IOException {
    String stray = "Subject: stray\n\nno separator above me\n";
    String mbox = "\n\n" + stray + SEP1 + MSG1;
    List<Msg> msgs = read(mbox);
    assertEquals(List.of("#msg=1@2", "#msg=2@" + mbox.indexOf(SEP1)), msgs.stream().map(Msg::locator).toList());
    assertEquals(stray, msgs.get(0).text());
  }

  @Test
  void crlfFilesSplitAndKeepTheirLineEnds() throws IOException {
    String mbox = (SEP1 + MSG1 + SEP2 + MSG2).replace("\n", "\r\n");
    List<Msg> msgs = read(mbox);
    assertEquals(
        List.of("#msg=1@0", "#msg=2@" + mbox.indexOf(SEP2.replace("\n", "\r\n"))),
        msgs.stream().map(Msg::locator).toList());
    assertTrue(msgs.get(0).text().contains("\r\nFrom the archive\r\n"), msgs.get(0).text());
    assertEquals(MSG2.replace("\n", "\r\n"), msgs.get(1).text());
  }

  @Test
  void aMessageOverTheUnitLimitIsTooLargeAndTheNextStillRead() throws IOException {
    String big = "From: big@example.com\n\n" + "0123456789 0123456789 0123456789 0123456789\n".repeat(20);
    String mbox = SEP1 + big + SEP2 + MSG2;
    List<Msg> msgs = read(mbox.getBytes(UTF_8), limits(300, 1000));
    assertEquals(2, msgs.size());
    assertEquals(Reason.TOO_LARGE, msgs.get(0).rejected());
    assertTrue(msgs.get(0).detail().contains("maxUnitBytes=300"), msgs.get(0).detail());
    assertEquals("#msg=2@" + mbox.indexOf(SEP2), msgs.get(1).locator(), "the offset counts the skipped bytes");
    assertNull(msgs.get(1).rejected());
    assertEquals(MSG2, msgs.get(1).text());
  }

  @Test
  void aLineOverTheLineLimitIsTooLargeAndTheNextStillRead() throws IOException {
    String longLine = "From: long@example.com\n\n" + "x".repeat(500) + "\nafter\n";
    String mbox = SEP1 + longLine + SEP2 + MSG2;
    List<Msg> msgs = read(mbox.getBytes(UTF_8), limits(100_000, 100));
    assertEquals(2, msgs.size());
    assertEquals(Reason.TOO_LARGE, msgs.get(0).rejected());
    assertTrue(msgs.get(0).detail().contains("maxLineBytes=100"), msgs.get(0).detail());
    assertEquals("#msg=2@" + mbox.indexOf(SEP2), msgs.get(1).locator());
    assertNull(msgs.get(1).rejected());
    assertEquals(MSG2, msgs.get(1).text());
  }
}
