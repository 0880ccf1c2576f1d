#!/usr/bin/env python3
"""Synthetic mailbox corpus for the ingest benchmark.

    make_mail_corpus.py --output DIR --mb N [--seed S]

Writes about N MB (1 MB = 10^6 bytes) of RFC 822 mail into DIR, deterministically
from the seed (same seed and size -> byte-identical tree):

  DIR/mbox/archive-NNN.mbox          about half the bytes, 20-50 MB per file,
                                     'From addr asctime' separators, body lines
                                     starting with 'From ' escaped as '>From '
  DIR/maildir/<user>/<folder>/N.eml  the other half, one message per file, 2-20 KB

Messages have Received/Message-ID/Date/From/To/Cc/Subject/MIME headers (long address
lists folded, non-ASCII display names and subjects as RFC 2047 encoded words) and
bodies that are text/plain 7bit/8bit, text/plain quoted-printable, or
multipart/alternative (plain + HTML). About 4% of messages are exact re-deliveries
of an earlier message (same Message-ID and content, as when both the sender's
sent folder and a recipient's inbox were leaked).

Speed comes from building vocab, sentences, paragraphs (in plain, QP and HTML
renderings), people and subjects once, then assembling messages by concatenating
pooled pieces. Prints one JSON line: {"files":..,"messages":..,"bytes":..}.
Standard library only.
"""

import argparse
import binascii
import datetime as dt
import html
import json
import os
import random
import sys
import unicodedata
from email.header import Header

MB = 1_000_000
EML_MIN, EML_MAX = 2_048, 20_000
MBOX_FILE_MIN, MBOX_FILE_MAX = 20 * MB, 50 * MB
WRITE_CHUNK = 8 * 1024 * 1024

DOW = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TZ_OFFSETS = (-480, -420, -360, -300, -240, 0, 0, 60, 120, 330, 480, 540, 600)
T_START = int(dt.datetime(2017, 1, 1, tzinfo=dt.timezone.utc).timestamp())
T_END = int(dt.datetime(2022, 12, 31, 23, 59, 59, tzinfo=dt.timezone.utc).timestamp())

FIRST = ("James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara "
         "Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony "
         "Betty Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle "
         "Kenneth Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ronald Rebecca "
         "Jason Sharon Edward Laura Jeffrey Cynthia Ryan Kathleen Jacob Amy Gary Angela Nicholas "
         "Shirley Eric Anna Jonathan Ruth Stephen Brenda Larry Pamela Justin Nicole Scott Katherine "
         "Wei Priya Ahmed Fatima Hiroshi Yuki Olga Ivan Lars Ingrid Pierre Claire Giovanni Chiara").split()
FIRST_UTF8 = ("José", "François", "Zoë", "Søren", "Jürgen", "Ángela", "Chloé", "Björn", "Núria",
              "Łukasz", "Renée", "Ōtani", "Dvořák", "İlkay", "Mañuel")
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
        "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris "
        "Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill "
        "Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Kaminski Lay "
        "Skilling Fastow Delainey Kitchen Lavorato Shankman Dasovich Kean Steffes Haedicke Sanders "
        "Tanaka Sato Kumar Patel Singh Chen Wang Li Zhang Novak Larsen Jensen Dubois Rossi Bianchi").split()
LAST_UTF8 = ("Müller", "Sørensen", "García", "Núñez", "Løkke", "Öztürk", "Gonçalves", "Ibáñez",
             "Dvořáková", "Wójcik", "Señor", "Ståhl")
COMPANIES = ("Acme Energy", "Northwind Trading", "Globex", "Initech", "Umbrella Holdings", "Stark Power",
             "Wayne Logistics", "Cyberdyne Systems", "Soylent Foods", "Tyrell Capital", "Vandelay Industries",
             "Hooli", "Pied Piper", "Massive Dynamic", "Oceanic Airlines", "Gringotts Bank", "Wonka Industries",
             "Blue Sun", "Aperture Science", "Monarch Solutions", "Dunder Mifflin", "Prestige Worldwide",
             "Sterling Cooper", "Bluth Company", "Zorg Industries", "Nakatomi Trading", "Octan Oil",
             "Kruger Industrial", "Genco Pura", "Ollivander Partners")
TLDS = ("com", "com", "com", "net", "org", "co.uk", "de", "fr", "com.br", "ca", "com.au", "ch", "nl", "es")
FREEMAIL = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com", "protonmail.com", "gmx.de")
TITLES = ("Vice President, Trading", "Senior Analyst", "Director of Operations", "General Counsel",
          "Managing Director", "Risk Manager", "Project Manager", "Account Executive", "CFO",
          "Head of Compliance", "Software Engineer", "Executive Assistant", "Regulatory Affairs Lead")
CITIES = ("Houston", "London", "New York", "Zürich", "São Paulo", "Calgary", "Portland", "Singapore",
          "Frankfurt", "Paris", "Tokyo", "Sydney", "Madrid", "Chicago", "Omaha", "Oslo", "Kraków")
PROJECTS = ("Raptor", "Jedi", "Whitewing", "Braveheart", "Blockbuster", "Cuiabá", "Dabhol", "Azurix",
            "Marlin", "Osprey", "Condor", "Nighthawk", "Project Ørsted", "Mariner", "Atlas", "Zephyr")
DOCS = ("term sheet", "draft contract", "credit memo", "board deck", "risk report", "legal opinion",
        "spreadsheet", "position report", "invoice", "org chart", "P&L summary", "deal ticket",
        "master agreement", "confirmation letter", "budget forecast", "NDA")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "end of day", "tomorrow morning",
        "next week", "the board meeting", "close of business", "the quarterly review")
TOPICS = ("Q3 budget review", "gas curve update", "trading limits", "FERC filing", "California ISO",
          "credit exposure", "offsite agenda", "holiday schedule", "conference call notes",
          "new hire paperwork", "PRC meeting", "West power desk", "storage contract", "pipeline capacity",
          "expense report", "weekly position summary", "legal hold notice", "audit follow-up",
          "broadband deal", "weather derivatives", "systems outage", "org announcement",
          "Reunión de presupuesto", "Résumé for analyst role", "Überprüfung der Verträge",
          "Contrato de fornecimento — São Paulo", "Ønsker om møde", "Café meeting → agenda")
WORDS = ("the a of to and in for on with by at from as is are be will would should could may might "
         "please thanks regarding attached below above following per via about into over under "
         "deal contract position price volume trade desk curve gas power energy market risk credit "
         "exposure limit counterparty settlement invoice payment schedule meeting call agenda draft "
         "review approval signature legal counsel compliance audit report filing regulator tariff "
         "pipeline capacity storage transport delivery point hub basis spread forward swap option "
         "hedge portfolio book mark value loss gain margin collateral guarantee letter term sheet "
         "budget forecast plan quarter year month week day morning afternoon team group desk office "
         "project structure entity partnership vehicle investment fund capital equity debt loan "
         "bank rating agency analyst investor board committee director officer employee manager "
         "system database server outage migration upgrade access password account network email "
         "customer supplier vendor partner client site plant turbine generation load demand supply "
         "issue question concern update status change request proposal estimate number figure total "
         "revised final preliminary confidential internal external urgent important quick short "
         "new old current previous next last first second third additional remaining outstanding "
         "discuss confirm send forward reply check verify update finalize prepare circulate arrange "
         "understand agree suggest recommend expect need want think believe know see let make take "
         "issue resolve escalate clarify coordinate schedule reschedule cancel attend join present").split()
UTF8_WORDS = ("café", "naïve", "résumé", "façade", "coöperate", "déjà vu", "über", "señor", "Zürich",
              "Ørsted", "São Paulo", "€250", "£40", "¥1200", "—", "“final”", "½", "±5%", "Straße", "北京")
GREETINGS = ("Hi {n},", "Hello {n},", "{n},", "Dear {n},", "Hey {n} -", "Good morning {n},", "All,",
             "Team,", "Hi all,", "{n} -")
CLOSINGS = ("Thanks,", "Regards,", "Best,", "Cheers,", "Thank you,", "Best regards,", "-", "Talk soon,",
            "Saludos,", "Mit freundlichen Grüßen,")
TEMPLATES = (
    "Please review the attached {doc} before {day}.",
    "Can you send me the latest {doc} for {project}?",
    "From what I understand, {company} has not signed the {doc} yet.",
    "From our side the numbers look fine, but {name} wants another pass on the {doc}.",
    "From {day} onward, all {topic} questions go to {name}.",
    "The {project} numbers are off by {amount} compared to last {period}.",
    "I spoke with {name} at {company} and they agreed to move the call to {day}.",
    "Let me know if you have questions; my cell is {phone}.",
    "You can reach {name} directly at {email} or on {phone}.",
    "The {doc} is posted at {url} for anyone who needs it.",
    "We expect the {topic} to be finalized by {day}.",
    "{name} will be in {city} {day} to meet with {company}.",
    "Total exposure to {company} is now {amount}, which is above the approved limit.",
    "Please do not forward this outside the {project} team.",
    "Legal has flagged the {doc} from {company}; see comments from {name}.",
    "The call-in number for {day} is {phone}, passcode {code}.",
    "We booked {amount} on the {project} deal at {city} hub.",
    "I have copied {name} so that the {topic} stays on track.",
    "Attached is the revised {doc}; changes are marked in red.",
    "Our contact at {company} is {name} ({email}).",
    "Can we set up 30 minutes {day} to go through {topic}?",
    "Per our conversation, the {doc} needs sign-off from {name} before {day}.",
    "El equipo de {city} confirmó el {doc} para {day}.",
    "Die Unterlagen zum {project} liegen bei {name} in {city}.",
)


def asctime_utc(ts):
    t = dt.datetime.fromtimestamp(ts, dt.timezone.utc)
    return "%s %s %2d %02d:%02d:%02d %d" % (DOW[t.weekday()], MON[t.month - 1], t.day,
                                            t.hour, t.minute, t.second, t.year)


def rfc2822(ts, off_min):
    t = dt.datetime.fromtimestamp(ts + off_min * 60, dt.timezone.utc)
    sign = "-" if off_min < 0 else "+"
    a = abs(off_min)
    return "%s, %d %s %d %02d:%02d:%02d %s%02d%02d" % (DOW[t.weekday()], t.day, MON[t.month - 1], t.year,
                                                       t.hour, t.minute, t.second, sign, a // 60, a % 60)


def qp(text):
    """Quoted-printable body encoding of whole lines (LF line ends kept as hard breaks)."""
    return binascii.b2a_qp(text.encode("utf-8"), istext=True).decode("ascii")


def enc_header(text):
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, "utf-8").encode()


def ascii_fold(text):
    """'Łukasz Søren Ōtani' -> 'Lukasz Soren Otani' for address local parts."""
    text = text.translate({0x141: "L", 0x142: "l", 0xD8: "O", 0xF8: "o", 0xDF: "ss", 0x131: "i"})
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def wrap(text, width=72):
    out, line = [], ""
    for w in text.split(" "):
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = line + " " + w if line else w
    if line:
        out.append(line)
    return "\n".join(out)


def fold_addresses(name, addrs):
    """'To: a, b, c' folded at ~78 columns with tab continuation."""
    lines, cur = [], name + ": "
    for i, a in enumerate(addrs):
        piece = a + ("," if i < len(addrs) - 1 else "")
        if len(cur) + len(piece) + 1 > 78 and cur.strip() != name + ":":
            lines.append(cur.rstrip())
            cur = "\t" + piece
        else:
            cur = cur + (" " if not cur.endswith(": ") else "") + piece
    lines.append(cur)
    return "\n".join(lines) + "\n"


class Pools:
    """Everything expensive, built once per run from the seeded RNG."""

    def __init__(self, rng):
        self.rng = rng
        self._people(rng)
        self._subjects(rng)
        self._paragraphs(rng)

    def _people(self, rng):
        domains = []
        for c in COMPANIES:
            stem = c.lower().replace(" ", "")[:12]
            domains.append((c, "%s.%s" % (stem, rng.choice(TLDS))))
        self.domains = domains
        people, seen = [], set()
        while len(people) < 2500:
            first = rng.choice(FIRST_UTF8) if rng.random() < 0.08 else rng.choice(FIRST)
            last = rng.choice(LAST_UTF8) if rng.random() < 0.08 else rng.choice(LAST)
            if rng.random() < 0.15:
                company, domain = "", rng.choice(FREEMAIL)
            else:
                company, domain = rng.choice(domains)
            local = ascii_fold("%s.%s" % (first, last)).lower().replace(" ", "")
            if rng.random() < 0.3:
                local = ascii_fold(first[0] + last).lower()
            addr = "%s@%s" % (local, domain)
            if addr in seen:
                addr = "%s%d@%s" % (local, len(people), domain)
            seen.add(addr)
            display = "%s %s" % (first, last)
            style = rng.random()
            if style < 0.1:
                header = "<%s>" % addr
            elif style < 0.2:
                header = addr
            elif any(ord(ch) > 127 for ch in display):
                header = "%s <%s>" % (Header(display, "utf-8").encode(), addr)
            elif style < 0.6:
                header = '"%s" <%s>' % (display, addr)
            else:
                header = "%s <%s>" % (display, addr)
            sig = "%s\n%s%s\n%s\n" % (display, rng.choice(TITLES), (" | " + company) if company else "",
                                      self._phone(rng))
            people.append({"first": first, "display": display, "addr": addr, "domain": domain,
                           "hdr": header, "sig": sig, "sig_qp": qp(sig),
                           "sig_html": qp("<p>%s</p>\n" % html.escape(sig.strip()).replace("\n", "<br>\n"))})
        self.people = people
        # Maildir owners: Enron-style directory names.
        self.owners = []
        for p in rng.sample(people, 40):
            parts = p["display"].split(" ")
            d = ascii_fold("%s-%s" % (parts[-1], parts[0][0])).lower()
            self.owners.append((d or "user%d" % len(self.owners), p))

    @staticmethod
    def _phone(rng):
        return "+1 (%03d) %03d-%04d" % (rng.randint(200, 989), rng.randint(200, 989), rng.randint(0, 9999))

    def _subjects(self, rng):
        subs = []
        for _ in range(4000):
            s = rng.choice(TOPICS)
            r = rng.random()
            if r < 0.25:
                s = "%s - %s" % (s, rng.choice(PROJECTS))
            elif r < 0.4:
                s = "%s (%s)" % (s, rng.choice(DAYS))
            subs.append(s)
        self.subjects = subs

    def _sentence(self, rng):
        if rng.random() < 0.55:
            t = rng.choice(TEMPLATES)
            p = rng.choice(self.people)
            return t.format(
                doc=rng.choice(DOCS), day=rng.choice(DAYS), project=rng.choice(PROJECTS),
                company=rng.choice(COMPANIES), name=p["display"], email=p["addr"],
                amount="$%s" % format(rng.randint(10, 99000) * 1000, ","), period=rng.choice(("month", "quarter", "week")),
                phone=self._phone(rng), url="https://intranet.%s/docs/%d" % (rng.choice(self.domains)[1], rng.randint(1000, 99999)),
                topic=rng.choice(TOPICS), city=rng.choice(CITIES), code=rng.randint(100000, 999999))
        n = rng.randint(6, 20)
        ws = rng.choices(WORDS, k=n)
        if rng.random() < 0.05:
            ws[rng.randrange(n)] = rng.choice(UTF8_WORDS)
        s = " ".join(ws)
        return s[0].upper() + s[1:] + rng.choice((".", ".", ".", "?", "!", ";"))

    def _paragraphs(self, rng):
        sentences = [self._sentence(rng) for _ in range(12000)]
        paras = []
        for i in range(3500):
            kind = rng.random()
            sents = rng.sample(sentences, rng.randint(2, 7))
            if kind < 0.03:
                # Force a body line that starts with "From " (mbox escaping must kick in).
                sents[0] = "From %s" % sents[0][0].lower() + sents[0][1:]
            text = wrap(" ".join(sents))
            if kind > 0.9:
                # Quoted text from an earlier message in the thread.
                text = "\n".join("> " + ln for ln in text.split("\n"))
            elif kind > 0.85:
                text = "* " + text.replace("\n", "\n  ")
            text += "\n\n"
            hbody = html.escape(text.strip()).replace("\n", " ")
            ht = ("<blockquote>%s</blockquote>\n" % hbody) if kind > 0.9 else ("<p>%s</p>\n" % hbody)
            plain_b = len(text.encode("utf-8"))
            enc = qp(text)
            htq = qp(ht)
            paras.append((text, enc, htq, plain_b, len(enc), len(htq), plain_b != len(text)))
        self.paras = paras
        self.ascii_paras = [p for p in paras if not p[6]]


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.pools = Pools(self.rng)
        self.seq = 0
        self.history = []  # earlier messages that may be re-delivered

    def _pick_paras(self, budget, field, ascii_only=False):
        """Paragraphs whose rendering (field: 3 plain, 4 qp, 5 html-qp) fits in budget; at least one."""
        rng = self.rng
        paras = self.pools.ascii_paras if ascii_only else self.pools.paras
        chosen, used = [], 0
        for _ in range(200):
            p = paras[rng.randrange(len(paras))]
            if used + p[field] > budget:
                if chosen:
                    break
                continue
            chosen.append(p)
            used += p[field]
        if not chosen:
            chosen.append(min(paras, key=lambda q: q[field]))
        return chosen

    def message(self, target):
        """Return (mbox envelope sender, unix ts, message text) of roughly target bytes."""
        rng, pools = self.rng, self.pools
        if self.history and rng.random() < 0.04:
            return rng.choice(self.history)
        self.seq += 1
        sender = rng.choice(pools.people)
        nto = 1 if rng.random() < 0.6 else rng.randint(2, 12)
        to = rng.sample(pools.people, nto)
        cc = rng.sample(pools.people, rng.randint(1, 6)) if rng.random() < 0.35 else []
        ts = rng.randint(T_START, T_END)
        off = rng.choice(TZ_OFFSETS)
        date = rfc2822(ts, off)
        subj = rng.choice(pools.subjects)
        r = rng.random()
        if r < 0.3:
            subj = rng.choice(("Re: ", "RE: ", "Re: Re: ")) + subj
        elif r < 0.4:
            subj = rng.choice(("Fwd: ", "FW: ")) + subj
        style = rng.random()
        if style < 0.3:  # Enron/JavaMail style
            mid = "<%d.%d%05d.JavaMail.evans@thyme>" % (self.seq, ts, rng.randrange(100000))
        else:
            mid = "<%d.%d.%012x@%s%s>" % (ts, self.seq, rng.getrandbits(48),
                                          "mail." if style < 0.6 else "", sender["domain"])
        rcpt = to[0]["addr"]
        h = []
        h.append("Return-Path: <%s>\n" % sender["addr"])
        for hop in range(rng.randint(1, 3)):
            hts = ts + 5 * (3 - hop)
            h.append("Received: from mail%d.%s (mail%d.%s [10.%d.%d.%d])\n\tby mx%d.%s (Postfix) with ESMTPS id %010X\n"
                     "\tfor <%s>; %s\n" % (hop, sender["domain"], hop, sender["domain"], rng.randrange(256),
                                           rng.randrange(256), rng.randrange(1, 255), hop + 1, to[0]["domain"],
                                           rng.getrandbits(40), rcpt, rfc2822(hts, off)))
        h.append("Message-ID: %s\n" % mid)
        h.append("Date: %s\n" % date)
        h.append("From: %s\n" % sender["hdr"])
        h.append(fold_addresses("To", [p["hdr"] for p in to]))
        if cc:
            h.append(fold_addresses("Cc", [p["hdr"] for p in cc]))
        h.append("Subject: %s\n" % enc_header(subj))
        if rng.random() < 0.3:
            h.append("X-Mailer: %s\n" % rng.choice(("Microsoft Outlook 16.0", "Apple Mail (2.3654)",
                                                   "Mozilla Thunderbird 78.5", "Lotus Notes Release 5.0.8")))
        h.append("MIME-Version: 1.0\n")

        greet = rng.choice(GREETINGS).format(n=to[0]["first"]) + "\n\n"
        closing = rng.choice(CLOSINGS) + "\n"
        sig = sender["sig"]
        head_len = sum(len(x) for x in h) + 200  # + Content-Type lines, boundaries, slack
        budget = max(400, target - head_len - len(greet) - len(closing) - len(sig) - 20)
        kind = rng.random()
        if kind < 0.55:
            chosen = self._pick_paras(budget, 3, ascii_only=rng.random() < 0.5)
            non_ascii = any(p[6] for p in chosen) or any(ord(c) > 127 for c in greet + closing + sig)
            h.append("Content-Type: text/plain; charset=utf-8\n")
            h.append("Content-Transfer-Encoding: %s\n\n" % ("8bit" if non_ascii else "7bit"))
            body = greet + "".join(p[0] for p in chosen) + closing + sig
        elif kind < 0.75:
            chosen = self._pick_paras(budget, 4)
            h.append("Content-Type: text/plain; charset=utf-8\n")
            h.append("Content-Transfer-Encoding: quoted-printable\n\n")
            body = qp(greet) + "".join(p[1] for p in chosen) + qp(closing) + sender["sig_qp"]
        else:
            chosen = self._pick_paras(budget // 2, 5)
            boundary = "----=_Part_%d_%010d.%d" % (self.seq, rng.getrandbits(30), ts)
            h.append('Content-Type: multipart/alternative;\n\tboundary="%s"\n\n' % boundary)
            plain = greet + "".join(p[0] for p in chosen) + closing + sig
            htmlpart = ("<html><head><meta charset=\"utf-8\"></head><body>\n"
                        + qp("<p>%s</p>\n" % html.escape(greet.strip()))
                        + "".join(p[2] for p in chosen)
                        + qp("<p>%s</p>\n" % html.escape(closing.strip())) + sender["sig_html"]
                        + "</body></html>\n")
            body = ("This is a multi-part message in MIME format.\n\n--%s\n"
                    "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
                    "--%s\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n%s\n"
                    "--%s--\n") % (boundary, qp(plain), boundary, htmlpart, boundary)
        text = "".join(h) + body
        msg = (sender["addr"], ts, text)
        if EML_MIN + 200 <= len(text) <= EML_MAX - 1000:  # re-deliverable as an .eml too
            if len(self.history) < 2000:
                self.history.append(msg)
            elif rng.random() < 0.05:
                self.history[rng.randrange(2000)] = msg
        return msg


def write_corpus(out, total_bytes, seed):
    gen = Generator(seed)
    rng = random.Random(seed * 7919 + 17)  # layout decisions, independent of message content stream
    files = messages = written = 0
    mbox_budget = total_bytes // 2
    eml_budget = total_bytes - mbox_budget

    # mbox half
    mdir = os.path.join(out, "mbox")
    os.makedirs(mdir, exist_ok=True)
    # Split the mbox budget into k files of 20-50 MB each (one smaller file for tiny corpora).
    k = max(1, round(mbox_budget / ((MBOX_FILE_MIN + MBOX_FILE_MAX) / 2)))
    weights = [rng.uniform(MBOX_FILE_MIN, MBOX_FILE_MAX) for _ in range(k)]
    for _ in range(50):  # rescale, clamp, repeat until the sizes settle within range
        scale = mbox_budget / sum(weights)
        weights = [min(max(w * scale, MBOX_FILE_MIN), MBOX_FILE_MAX) for w in weights]
    targets = [int(w * mbox_budget / sum(weights)) for w in weights]
    for n, target in enumerate(targets, 1):
        path = os.path.join(mdir, "archive-%03d.mbox" % n)
        size = 0
        buf, buf_len = [], 0
        with open(path, "wb", buffering=0) as f:
            while size < target:
                sender, ts, text = gen.message(int(rng.triangular(EML_MIN, 60_000, 6_000)))
                text = text.replace("\nFrom ", "\n>From ")
                chunk = ("From %s %s\n%s\n" % (sender, asctime_utc(ts), text)).encode("utf-8")
                buf.append(chunk)
                buf_len += len(chunk)
                size += len(chunk)
                messages += 1
                if buf_len >= WRITE_CHUNK:
                    f.write(b"".join(buf))
                    buf, buf_len = [], 0
            if buf:
                f.write(b"".join(buf))
        files += 1
        written += size

    # maildir-like half: maildir/<user>/<folder>/<n>.eml
    folders = ("inbox", "inbox", "inbox", "sent_items", "sent", "deleted_items", "all_documents",
               "discussion_threads", "notes_inbox", "archive", "projects", "calendar")
    counters = {}
    made = set()
    size = 0
    while size < eml_budget:
        user = gen.pools.owners[(int(rng.paretovariate(1.2)) - 1) % len(gen.pools.owners)][0]
        folder = rng.choice(folders)
        key = (user, folder)
        d = os.path.join(out, "maildir", user, folder)
        if key not in made:
            os.makedirs(d, exist_ok=True)
            made.add(key)
        counters[key] = counters.get(key, 0) + 1
        target = int(rng.triangular(EML_MIN + 300, EML_MAX - 1500, 5_000))
        while True:  # sizes are estimated while assembling; enforce the 2-20 KB range exactly
            _, _, text = gen.message(target)
            data = text.encode("utf-8")
            if EML_MIN <= len(data) <= EML_MAX:
                break
        with open(os.path.join(d, "%d.eml" % counters[key]), "wb") as f:
            f.write(data)
        files += 1
        messages += 1
        size += len(data)
    written += size
    return {"files": files, "messages": messages, "bytes": written}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--output", required=True, help="directory to create (must be absent or empty)")
    ap.add_argument("--mb", required=True, type=float, help="corpus size in MB (10^6 bytes)")
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args(argv)
    if a.mb <= 0:
        ap.error("--mb must be positive, got %s" % a.mb)
    if os.path.exists(a.output) and (not os.path.isdir(a.output) or os.listdir(a.output)):
        ap.error("--output %s exists and is not an empty directory" % a.output)
    os.makedirs(a.output, exist_ok=True)
    summary = write_corpus(a.output, int(a.mb * MB), a.seed)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
