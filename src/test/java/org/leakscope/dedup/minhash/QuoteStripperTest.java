package org.leakscope.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuoteStripperTest {
  @Test
  void keepsABodyWithoutQuotesAsItIs() {
    String body = "Hi Ana,\n\nthe SOW is attached.\n\nBest regards,\nBo";
    assertSame(body, QuoteStripper.ownText(body));
  }

  @Test
  void dropsEverythingFromAnOriginalMessageHeader() {
    for (String marker :
        new String[] {"-----Original Message-----", "----- Original Message -----", "-----Ursprüngliche Nachricht-----",
            "-------- Message d'origine --------", "On Mon, 4 Mar 2019 at 10:12, Ana Ruiz <ana@contoso.com> wrote:",
            "Am 04.03.2019 um 10:12 schrieb Ana Ruiz <ana@contoso.com>:"}) {
      String body = "Thanks, agreed.\n\n" + marker + "\nFrom: Ana\nSubject: SOW\n\nThe old text.";
      assertEquals("Thanks, agreed.\n\n", QuoteStripper.ownText(body).toString(), marker);
    }
  }

  @Test
  void dropsOutlooksUnderscoreRuleOnlyWhenAHeaderFollows() {
    String rule = "_".repeat(32);
    assertEquals("New text\n", QuoteStripper.ownText("New text\n" + rule + "\nFrom: Ana\nOld").toString());
    String signature = "New text\n" + rule + "\nA footer line";
    assertSame(signature, QuoteStripper.ownText(signature));
  }

  @Test
  void dropsQuotedLinesWherever() {
    String body = "I agree.\n> earlier point\n>> older point\n  > indented quote\nAnd one more thing.";
    assertEquals("I agree.\nAnd one more thing.", QuoteStripper.ownText(body).toString());
  }

  @Test
  void keepsForwardedContent() {
    String body = "FYI\n\n---------- Forwarded message ---------\nFrom: Ana\n\nThe forwarded text.";
    assertSame(body, QuoteStripper.ownText(body));
  }

  @Test
  void hostileLinesTakeLinearTime() {
    String dashes = "-".repeat(10_000_000);
    String ons = "on ".repeat(3_000_000) + "wrote";
    String many = "On x wrote\n".repeat(500_000);
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      assertSame(dashes, QuoteStripper.ownText(dashes));
      assertSame(ons, QuoteStripper.ownText(ons));
      assertSame(many, QuoteStripper.ownText(many));
    });
  }
}
