package org.leakscope.extract.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MailSignaturesTest {
  private static final String ANA = "ana okafor";

  @Test
  void theLineUnderTheSendersNameWithALegalFormIsItsCompany() {
    assertEquals("Contoso Systems, S.A.",
        MailSignatures.companyLine("Hi Bob,\n\nSee you.\n\nBest regards,\nAna Okafor\nContoso Systems, S.A.\n", ANA));
    assertEquals("Contoso Ltd",
        MailSignatures.companyLine("Thanks.\n\nOkafor, Ana\nContoso Ltd\nSent from my phone", ANA),
        "one line may follow it");
  }

  @Test
  void someoneElsesSignatureIsNotTheSenders() {
    // A forward carries its original's text, signature included: that company is not the forwarder's.
    assertNull(MailSignatures.companyLine("FYI, see below.\n\nBest regards,\nBob Smith\nFabrikam GmbH", ANA));
  }

  @Test
  void linesWithoutALegalFormOrThatAreNotNamesAreNot() {
    assertNull(MailSignatures.companyLine("Regards,\nAna Okafor\nSales Director", ANA));
    assertNull(MailSignatures.companyLine("Regards,\nAna Okafor\nana@contoso.com", ANA));
    assertNull(MailSignatures.companyLine("Regards,\nAna Okafor\nTel: +49 30 123456 Ltd", ANA));
    assertNull(MailSignatures.companyLine("Regards,\nAna Okafor\nwww.contoso.com Ltd", ANA));
    assertNull(MailSignatures.companyLine("Regards,\nAna Okafor\nOne two three four five six seven eight nine Ltd",
        ANA));
    assertNull(MailSignatures.companyLine("Regards,\nAna Okafor\nLimited", ANA), "a legal form alone names nothing");
  }

  @Test
  void theSignatureMustBeAtTheEnd() {
    assertNull(MailSignatures.companyLine("Ana Okafor\nContoso Ltd\n\nmore text\nand more\nand more", ANA));
  }

  @Test
  void emptyAndNull() {
    assertNull(MailSignatures.companyLine("", ANA));
    assertNull(MailSignatures.companyLine(null, ANA));
    assertNull(MailSignatures.companyLine("Contoso Ltd", null));
    assertNull(MailSignatures.companyLine("\n\n\n", ANA));
  }
}
