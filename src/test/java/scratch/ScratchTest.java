package scratch;

import static java.nio.charset.StandardCharsets.UTF_8;
import org.junit.jupiter.api.Test;
import org.leakscope.ingest.*;
import org.leakscope.ingest.mail.MailParser;

class ScratchTest {
  static void show(String label, String m) {
    byte[] b = m.getBytes(UTF_8);
    try {
      Item it = new MailParser(Limits.defaults()).parse(b, 0, b.length, Format.EML, "x", l -> l).item();
      System.out.println(label + " -> text=[" + it.text + "] warn=" + it.warnings + " subj=" + it.subject + " from=" + it.from);
    } catch (UnitRejected r) { System.out.println(label + " -> " + r.reason() + " " + r.getMessage()); }
  }
  @Test void t() {
show("all", "From: Alice <alice@example.com>\nTo: bob@example.com\nDate: Tue, 14 Mar 2017 09:21:07 +0100\nMIME-Version: 1.0\nSubject: qp\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
show("without 0", "To: bob@example.com\nDate: Tue, 14 Mar 2017 09:21:07 +0100\nMIME-Version: 1.0\nSubject: qp\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
show("without 1", "From: Alice <alice@example.com>\nDate: Tue, 14 Mar 2017 09:21:07 +0100\nMIME-Version: 1.0\nSubject: qp\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
show("without 2", "From: Alice <alice@example.com>\nTo: bob@example.com\nMIME-Version: 1.0\nSubject: qp\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
show("without 3", "From: Alice <alice@example.com>\nTo: bob@example.com\nDate: Tue, 14 Mar 2017 09:21:07 +0100\nSubject: qp\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
show("without 4", "From: Alice <alice@example.com>\nTo: bob@example.com\nDate: Tue, 14 Mar 2017 09:21:07 +0100\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
show("without 5", "From: Alice <alice@example.com>\nTo: bob@example.com\nDate: Tue, 14 Mar 2017 09:21:07 +0100\nMIME-Version: 1.0\nSubject: qp\nContent-Transfer-Encoding: quoted-printable\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
show("without 6", "From: Alice <alice@example.com>\nTo: bob@example.com\nDate: Tue, 14 Mar 2017 09:21:07 +0100\nMIME-Version: 1.0\nSubject: qp\nContent-Type: text/plain; charset=utf-8\n\nGr=C3=BC=C3=9Fe aus M=C3=BCnchen, caf=C3=A9 =E2=82=AC5, a soft=\n line break.\n");
  }
}
