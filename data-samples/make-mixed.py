#!/usr/bin/env python3
"""Regenerate the hand-made "mixed" sample dump for leakscope's ingest stage.

    python3 data-samples/make-mixed.py

Deletes data-samples/mixed/ and writes it again, byte for byte identical on every run
(fixed seeds, fixed archive timestamps, sorted archive entries, gzip mtime=0, fixed file
mtimes), then writes data-samples/mixed-expected.json.

The expected counts are NOT obtained by parsing the generated files: every file is written
through put()/put_archive() together with the list of outcomes its units must have, and the
JSON is summed from those declarations. Outcomes are the item kinds "email", "record",
"document" or the quarantine reasons "malformed", "unsupported_format", "empty".

Unit conventions (see the ingest stage): one item per message, data row, JSON element /
line / object, or document; PDF, DOCX and attachment-disposition text parts attached to a
message are extra "document" units; images / octet-stream attachments are not units;
archives are not units themselves, their file entries are (directory entries are not);
binary junk -> unsupported_format; 0-byte file or entry -> empty; bad row/line -> malformed.

Standard library only.
"""

import base64
import datetime as dt
import gzip
import io
import json
import os
import quopri
import random
import shutil
import struct
import tarfile
import zipfile
import zlib
from email.utils import format_datetime

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "mixed")
EXPECTED = os.path.join(HERE, "mixed-expected.json")

KINDS = ("email", "record", "document")
REASONS = ("malformed", "unsupported_format", "empty")

# Fixed timestamps: archive entries and on-disk mtimes.
ARCHIVE_TIME = (2022, 6, 30, 12, 0, 0)
ARCHIVE_EPOCH = int(dt.datetime(*ARCHIVE_TIME, tzinfo=dt.timezone.utc).timestamp())

# relpath -> {"outcomes": [...], "entries": {entry: [...]} or None}
MANIFEST = {}


# --------------------------------------------------------------------------- helpers

def put(rel, data, outcomes):
    """Write one input file and declare the outcome of each of its units."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    os.utime(path, (ARCHIVE_EPOCH, ARCHIVE_EPOCH))
    assert rel not in MANIFEST, rel
    for o in outcomes:
        assert o in KINDS + REASONS, o
    MANIFEST[rel] = {"outcomes": list(outcomes), "entries": None}


def put_archive(rel, data, entries):
    """Write an archive; entries maps 'entry path' (nested: 'a.zip!/b.eml') -> outcomes."""
    outcomes = [o for name in sorted(entries) for o in entries[name]]
    put(rel, data, outcomes)
    MANIFEST[rel]["entries"] = {k: list(v) for k, v in sorted(entries.items())}


def crlf(text):
    """Text with CRLF line ends (mail as saved by many Windows clients)."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def rfc_date(y, mo, d, h, mi, s, offset_hours=0):
    tz = dt.timezone(dt.timedelta(hours=offset_hours))
    return format_datetime(dt.datetime(y, mo, d, h, mi, s, tzinfo=tz))


def mbox_date(y, mo, d, h, mi, s):
    return dt.datetime(y, mo, d, h, mi, s).strftime("%a %b %d %H:%M:%S %Y")


def b64_lines(data):
    return base64.encodebytes(data).decode("ascii")


def b_word(text, charset="UTF-8"):
    """RFC 2047 'B' encoded-word."""
    return "=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode("ascii"))


def q_word(text, charset="ISO-8859-1"):
    """RFC 2047 'Q' encoded-word (spaces as '_', everything non-alnum hex-escaped)."""
    out = []
    for byte in text.encode(charset):
        c = chr(byte)
        if c == " ":
            out.append("_")
        elif c.isascii() and c.isalnum():
            out.append(c)
        else:
            out.append("=%02X" % byte)
    return "=?%s?Q?%s?=" % (charset, "".join(out))


def zip_bytes(files, dirs=()):
    """Deterministic zip: fixed date_time and permissions, entries sorted by name.
    files: {name: bytes}; dirs: directory entry names ending in '/'."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in sorted(list(files) + list(dirs)):
            info = zipfile.ZipInfo(name, date_time=ARCHIVE_TIME)
            info.create_system = 3  # unix
            if name.endswith("/"):
                info.external_attr = (0o40755 << 16) | 0x10
                zf.writestr(info, b"")
            else:
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED if files[name] else zipfile.ZIP_STORED
                zf.writestr(info, files[name])
    return buf.getvalue()


def gzip_bytes(data, inner_name=""):
    """Deterministic gzip (mtime=0); inner_name goes into the FNAME header field."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename=inner_name, mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


def tar_bytes(files, dirs=()):
    """Deterministic ustar: fixed mtime, root owner, entries sorted by name."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
        for name in sorted(list(files) + list(dirs)):
            info = tarfile.TarInfo(name.rstrip("/"))
            info.mtime = ARCHIVE_EPOCH
            info.uid = info.gid = 0
            info.uname = info.gname = "root"
            if name.endswith("/"):
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tf.addfile(info)
            else:
                info.mode = 0o644
                info.size = len(files[name])
                tf.addfile(info, io.BytesIO(files[name]))
    return buf.getvalue()


# --------------------------------------------------------------------------- binary builders

def make_png(width=4, height=4):
    """A tiny valid RGB PNG (a 4x4 blue/orange checkerboard)."""
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    rows = b""
    for y in range(height):
        rows += b"\x00"  # filter: none
        for x in range(width):
            rows += b"\x1f\x4e\x9a" if (x + y) % 2 == 0 else b"\xf2\x8c\x28"
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def pdf_escape(s):
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(title, author, created, lines):
    """A minimal one-page PDF 1.4: Helvetica text stream, correct xref offsets.
    created: 'YYYYMMDDHHmmSS'. lines: list of text lines (ASCII / WinAnsi)."""
    ops = ["BT", "/F1 16 Tf", "72 740 Td", "(%s) Tj" % pdf_escape(title), "/F1 11 Tf"]
    for line in lines:
        ops += ["0 -18 Td", "(%s) Tj" % pdf_escape(line)]
    ops.append("ET")
    content = ("\n".join(ops) + "\n").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ("<< /Title (%s) /Author (%s) /Producer (leakscope make-mixed.py) /CreationDate (D:%sZ) >>"
         % (pdf_escape(title), pdf_escape(author), created)).encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref_at))
    return bytes(out)


def make_docx(title, creator, created, paragraphs):
    """A minimal valid DOCX: content types, package rels, document.xml, core properties."""
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/>'
        '</Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        '</Relationships>')
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title>%s</dc:title><dc:creator>%s</dc:creator>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created>'
        '</cp:coreProperties>' % (esc(title), esc(creator), created))
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % esc(p)
                   for p in [title] + paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body>%s<w:sectPr/></w:body></w:document>' % body)
    return zip_bytes({
        "[Content_Types].xml": content_types.encode("utf-8"),
        "_rels/.rels": rels.encode("utf-8"),
        "docProps/core.xml": core.encode("utf-8"),
        "word/document.xml": document.encode("utf-8"),
    })


PNG = make_png()

SOW_PDF = make_pdf(
    "Statement of Work - Northwind Logistics Platform",
    "Charlotte Davies", "20200915101500",
    ["Client: Northwind Traders Ltd, 12 Harbour Road, Bristol, United Kingdom",
     "Supplier: Contoso Ltd (contact: alice@contoso.com)",
     "Term: 1 October 2020 to 30 September 2021",
     "Fixed fee: GBP 184,500 payable in four instalments",
     "Signed: C. Davies (Northwind), A. Martin (Contoso)"])

INVOICE_PDF = make_pdf(
    "Invoice 2020-117",
    "Fabrikam GmbH Accounts", "20201103083000",
    ["Fabrikam GmbH, Industriestrasse 4, 70565 Stuttgart, Germany",
     "Bill to: Contoso Ltd, 1 Microsoft Way, Redmond, WA, USA",
     "Data-center migration, phase 2: EUR 48,250.00",
     "Payment due within 30 days. IBAN DE89 3704 0044 0532 0130 00"])

PROPOSAL_DOCX = make_docx(
    "Proposal: Fabrikam Data-Center Migration", "J\u00fcrgen M\u00fcller", "2019-04-02T09:30:00Z",
    ["Prepared for Contoso Ltd by Fabrikam GmbH, Stuttgart.",
     "Scope: move 140 virtual machines and 2 storage arrays to the Frankfurt site.",
     "Contact: j.mueller@fabrikam.de, +49 711 555 0142."])

CONTRACT_DOCX = make_docx(
    "Framework Agreement Contoso / Fabrikam 2020", "Bob Schneider", "2020-10-28T16:05:00Z",
    ["Parties: Contoso Ltd (US) and Fabrikam GmbH (DE).",
     "Duration: 24 months from signature; renewal by mutual written consent.",
     "Governing law: Germany. Venue: Stuttgart."])


# --------------------------------------------------------------------------- mail/eml

def eml_files():
    # 1. plain ASCII, CRLF line ends, Cc and Reply-To
    put("mail/eml/plain-ascii.eml", crlf(f"""\
Return-Path: <alice@contoso.com>
Received: from mail.contoso.com (mail.contoso.com [203.0.113.10])
	by mx1.fabrikam.de with ESMTPS id 4F2A1C0E3;
	{rfc_date(2017, 3, 14, 9, 21, 7, 1)}
Message-ID: <20170314082107.4F2A1C0E3@mail.contoso.com>
Date: {rfc_date(2017, 3, 14, 9, 21, 7, 1)}
From: Alice Martin <alice@contoso.com>
To: Bob Schneider <bob.schneider@fabrikam.de>
Cc: Charlotte Davies <c.davies@northwind.co.uk>
Reply-To: alice.martin@gmail.com
Subject: Q2 supplier review meeting
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii
Content-Transfer-Encoding: 7bit

Hi Bob,

Can we move the Q2 supplier review to Thursday 23 March at 14:00 CET?
Charlotte from Northwind will dial in from Bristol.

Agenda:
  1. Open purchase orders (PO-2017-0311, PO-2017-0319)
  2. Data-center migration timeline
  3. Pricing for 2018

Thanks,
Alice

--
Alice Martin | Procurement | Contoso Ltd
+1 425 555 0100
"""), ["email"])

    # 2. quoted-printable UTF-8 body (soft line breaks, =E2=82=AC etc.)
    qp_body = ("Hallo J\u00fcrgen,\n\n"
               "vielen Dank f\u00fcr das Angebot. Der Preis von 1.250 \u20ac pro Rack und Monat ist "
               "f\u00fcr uns akzeptabel, sofern die Migration bis Ende Juni abgeschlossen ist und "
               "die Gew\u00e4hrleistung 24 Monate betr\u00e4gt.\n\n"
               "Gr\u00fc\u00dfe aus M\u00fcnchen \u2014 und sch\u00f6nes Wochenende!\n"
               "Priya\n")
    put("mail/eml/qp-utf8.eml", f"""\
Message-ID: <CAF3k9x2=qp-utf8-0418@mail.gmail.com>
Date: {rfc_date(2018, 4, 13, 17, 2, 45, 2)}
From: Priya Natarajan <priya.n@adventure-works.com>
To: j.mueller@fabrikam.de
Subject: Angebot Rack-Miete
MIME-Version: 1.0
Content-Type: text/plain; charset="UTF-8"
Content-Transfer-Encoding: quoted-printable

""" + quopri.encodestring(qp_body.encode("utf-8")).decode("ascii"), ["email"])

    # 3. base64-encoded text body
    b64_body = ("Dmitri,\n\nAttached below are the VPN credentials for the staging network.\n"
                "Username: divanov-ext\nTemporary password: Spring2019!\n\n"
                "Please change it at first login. The account expires on 31 May 2019.\n\n"
                "Kenji Watanabe\nIT Operations, Litware Inc. (Tokyo)\n")
    put("mail/eml/base64-body.eml", f"""\
Message-ID: <5c9a1e2f.1c69fb81.7d3b2.4a10@mx.litware.jp>
Date: {rfc_date(2019, 3, 26, 11, 40, 0, 9)}
From: Kenji Watanabe <kenji@litware.jp>
To: Dmitri Ivanov <dmitri.ivanov@gmail.com>
Subject: Staging VPN access
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64

""" + b64_lines(b64_body.encode("utf-8")), ["email"])

    # 4. ISO-8859-1 body with accented characters, 8bit transfer encoding
    latin1_body = ("Estimado Se\u00f1or Garc\u00eda,\n\n"
                   "le confirmo la reserva para el congreso de Sevilla: habitaci\u00f3n doble, "
                   "desayuno incluido, 3 noches (12\u201315 de junio).\n"
                   "Precio total: 540 EUR. Se\u00f1al pagada: 135 EUR.\n\n"
                   "Atentamente,\n\u00c9lodie Lef\u00e8vre\nMargie's Travel \u2013 bureau de Lyon\n")
    latin1_body = latin1_body.replace("\u2013", "-")  # not in Latin-1
    put("mail/eml/latin1.eml", crlf(f"""\
Message-ID: <1528790400.4412@margiestravel.com>
Date: {rfc_date(2018, 6, 1, 10, 15, 30, 2)}
From: Elodie Lefevre <elodie.lefevre@wanadoo.fr>
To: "Garcia, Jose" <jose.garcia@tailspintoys.es>
Subject: Reserva congreso Sevilla
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: 8bit

""").encode("ascii") + crlf(latin1_body).encode("iso-8859-1"), ["email"])

    # 5. UTF-8 with a byte-order mark at the very start of the file
    put("mail/eml/bom-utf8.eml", b"\xef\xbb\xbf" + f"""\
Message-ID: <bom-0001@smtp.fourthcoffee.com>
Date: {rfc_date(2020, 1, 9, 8, 5, 12, 0)}
From: Sofia Rossi <sofia.rossi@libero.it>
To: orders@fourthcoffee.com
Subject: Ordine caff\u00e8 per l'ufficio di Milano
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Buongiorno,

vorrei ordinare 12 kg di caff\u00e8 in grani (miscela \u00abRoma\u00bb) per l'ufficio di Milano,
consegna entro venerd\u00ec. Fattura a: Fourth Coffee Italia S.r.l., P.IVA 01234567890.

Grazie,
Sofia Rossi
""".encode("utf-8"), ["email"])

    # 6. folded To / Subject / References headers, Bcc, In-Reply-To
    put("mail/eml/folded-headers.eml", f"""\
Message-ID: <7f3e9a10-22b1-4c1e-9f0a-0b5d2c7e1a44@contoso.com>
Date: {rfc_date(2018, 11, 20, 15, 47, 3, -8)}
From: Alice Martin <alice@contoso.com>
To: Bob Schneider <bob.schneider@fabrikam.de>,
 Charlotte Davies <c.davies@northwind.co.uk>,
	Dmitri Ivanov <dmitri.ivanov@gmail.com>
Bcc: audit@contoso.com
Subject: Re: Contract renewal for the Northwind logistics platform and the
 Fabrikam data-center migration (2019 budget, final numbers
 attached to the previous thread)
In-Reply-To: <5be2f0c1.1c69fb81.a2b3.77c0@fabrikam.de>
References: <20181105101500.GA3344@northwind.co.uk>
 <5be2f0c1.1c69fb81.a2b3.77c0@fabrikam.de>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

All,

Final numbers are in: Northwind renewal at GBP 184,500, Fabrikam migration
at EUR 96,500 split over two phases. Legal signs off on Friday.

> On 16 Nov 2018, Bob Schneider wrote:
> Phase 2 can start in January if the PO arrives before Christmas.

Alice
""", ["email"])

    # 7. RFC 2047 encoded words: B-encoded UTF-8 subject split over two folded words,
    #    Q-encoded ISO-8859-1 and B-encoded UTF-8 display names
    from_name = q_word("\u00c9lodie Lef\u00e8vre")
    to_name = b_word("Jos\u00e9 Garc\u00eda")
    cc_name = q_word("J\u00fcrgen M\u00fcller")
    subject = (b_word("\u00dcberweisung f\u00fcr B\u00fcro \u2013 ") + "\n " +
               b_word("Rechnung Nr. 2019-0042"))
    put("mail/eml/encoded-words.eml", f"""\
Message-ID: <2019-0042.inv@wanadoo.fr>
Date: {rfc_date(2019, 9, 2, 9, 0, 0, 2)}
From: {from_name} <elodie.lefevre@wanadoo.fr>
To: {to_name} <jose.garcia@tailspintoys.es>
Cc: {cc_name} <j.mueller@fabrikam.de>
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Bonjour José,

la facture 2019-0042 (1 830,00 EUR) pour l'aménagement du bureau est réglée
par virement ce jour. Jürgen, merci de confirmer la réception côté Fabrikam.

Élodie
""", ["email"])

    # 8. multipart/alternative: text/plain + text/html
    put("mail/eml/alternative.eml", f"""\
Message-ID: <0100017a.alt.2021@email.wingtiptoys.com>
Date: {rfc_date(2021, 7, 6, 14, 30, 0, 0)}
From: Wingtip Toys Newsletter <news@wingtiptoys.com>
To: charlotte.davies@yahoo.co.uk
Reply-To: no-reply@wingtiptoys.com
Subject: Your July order update
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="==alt_7c1f=="

This is a multi-part message in MIME format.

--==alt_7c1f==
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 7bit

Hello Charlotte,

Your order WT-2021-55812 (2 items, GBP 64.98) has shipped.
Track it at https://wingtiptoys.com/track/WT-2021-55812

--==alt_7c1f==
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 7bit

<html><body>
<p>Hello Charlotte,</p>
<p>Your order <b>WT-2021-55812</b> (2 items, GBP&nbsp;64.98) has shipped.</p>
<p><a href="https://wingtiptoys.com/track/WT-2021-55812">Track it</a></p>
</body></html>

--==alt_7c1f==--
""", ["email"])

    # 9. HTML-only message
    put("mail/eml/html-only.eml", f"""\
Message-ID: <html-only-3391@northwind.co.uk>
Date: {rfc_date(2021, 2, 18, 9, 12, 44, 0)}
From: Northwind HR <hr@northwind.co.uk>
To: all-staff@northwind.co.uk
Subject: Updated remote-working policy
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 8bit

<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Policy</title>
<style>p {{ font-family: Arial; }}</style></head>
<body>
<h1>Remote working &ndash; 2021 update</h1>
<p>Dear colleagues,</p>
<p>From 1&nbsp;March staff may work from home up to <strong>3 days</strong> a week.
Questions: <a href="mailto:hr@northwind.co.uk">hr@northwind.co.uk</a>.</p>
<p>Kind regards,<br>Charlotte Davies, Head of HR</p>
<script>trackOpen("n-3391");</script>
</body></html>
""", ["email"])

    # 10. multipart/mixed: alternative body + PDF + DOCX (2 document units) + PNG (not a unit)
    put("mail/eml/with-attachments.eml", f"""\
Message-ID: <CAJx2020117.attach@fabrikam.de>
Date: {rfc_date(2020, 11, 3, 9, 45, 10, 1)}
From: Bob Schneider <bob.schneider@fabrikam.de>
To: Alice Martin <alice@contoso.com>
Cc: accounts@fabrikam.de
Subject: Invoice 2020-117 and framework agreement
In-Reply-To: <9d1b7e.contract@contoso.com>
References: <9d1b7e.contract@contoso.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="----=_Part_42_117"

------=_Part_42_117
Content-Type: multipart/alternative; boundary="----=_Alt_43_117"

------=_Alt_43_117
Content-Type: text/plain; charset=utf-8

Hi Alice,

please find attached invoice 2020-117 and the signed framework agreement.
Our logo is attached for the supplier portal.

Best,
Bob

------=_Alt_43_117
Content-Type: text/html; charset=utf-8

<p>Hi Alice,</p><p>please find attached invoice 2020-117 and the signed framework agreement.
Our logo is attached for the supplier portal.</p><p>Best,<br>Bob</p>

------=_Alt_43_117--

------=_Part_42_117
Content-Type: application/pdf; name="invoice-2020-117.pdf"
Content-Disposition: attachment; filename="invoice-2020-117.pdf"
Content-Transfer-Encoding: base64

{b64_lines(INVOICE_PDF)}
------=_Part_42_117
Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;
 name="framework-agreement-2020.docx"
Content-Disposition: attachment; filename="framework-agreement-2020.docx"
Content-Transfer-Encoding: base64

{b64_lines(CONTRACT_DOCX)}
------=_Part_42_117
Content-Type: image/png; name="fabrikam-logo.png"
Content-Disposition: attachment; filename="fabrikam-logo.png"
Content-Transfer-Encoding: base64

{b64_lines(PNG)}
------=_Part_42_117--
""", ["email", "document", "document"])


# --------------------------------------------------------------------------- mail/maildir

def maildir_files():
    # Extensionless RFC 822 files, sniffed by content.
    put("mail/maildir/alice/inbox/1", f"""\
Return-Path: <c.davies@northwind.co.uk>
Delivered-To: alice@contoso.com
Received: from smtp.northwind.co.uk (smtp.northwind.co.uk [198.51.100.25])
	by mx.contoso.com (Postfix) with ESMTPS id 8A1F2E0041
	for <alice@contoso.com>; {rfc_date(2018, 11, 5, 10, 15, 0, 0)}
Message-ID: <20181105101500.GA3344@northwind.co.uk>
Date: {rfc_date(2018, 11, 5, 10, 15, 0, 0)}
From: Charlotte Davies <c.davies@northwind.co.uk>
To: Alice Martin <alice@contoso.com>
Subject: Contract renewal for the Northwind logistics platform
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Alice,

Our board approved the renewal in principle. Could Contoso send the final
figures by the 20th? We are budgeting GBP 180-190k.

Regards,
Charlotte Davies
Northwind Traders Ltd
""", ["email"])

    # text/plain with Content-Disposition: attachment is a document unit; octet-stream is not
    put("mail/maildir/alice/inbox/2", f"""\
Return-Path: <dmitri.ivanov@gmail.com>
Delivered-To: alice@contoso.com
Message-ID: <CAB7m1n.utes@mail.gmail.com>
Date: {rfc_date(2018, 12, 3, 18, 22, 9, 3)}
From: Dmitri Ivanov <dmitri.ivanov@gmail.com>
To: Alice Martin <alice@contoso.com>
Cc: Bob Schneider <bob.schneider@fabrikam.de>
Subject: Minutes of the migration kickoff
In-Reply-To: <7f3e9a10-22b1-4c1e-9f0a-0b5d2c7e1a44@contoso.com>
References: <5be2f0c1.1c69fb81.a2b3.77c0@fabrikam.de>
 <7f3e9a10-22b1-4c1e-9f0a-0b5d2c7e1a44@contoso.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1_minutes"

--b1_minutes
Content-Type: text/plain; charset=utf-8

Alice, minutes attached. The config backup is attached as well.
Dmitri

--b1_minutes
Content-Type: text/plain; charset=utf-8; name="minutes-2018-12-03.txt"
Content-Disposition: attachment; filename="minutes-2018-12-03.txt"

Migration kickoff - 3 December 2018
Present: A. Martin (Contoso), B. Schneider (Fabrikam), D. Ivanov (contractor)
1. Phase 1 cut-over on 19 January 2019.
2. Fabrikam provides 2 engineers on site in Frankfurt.
3. Next call: 10 December, 16:00 CET.

--b1_minutes
Content-Type: application/octet-stream; name="router-backup.dat"
Content-Disposition: attachment; filename="router-backup.dat"
Content-Transfer-Encoding: base64

{b64_lines(bytes(random.Random(7).randrange(256) for _ in range(96)))}
--b1_minutes--
""", ["email", "document"])


# --------------------------------------------------------------------------- mail/mbox

def mbox_files():
    def msg(sender, date, to, subject, body, mid):
        return (f"From {sender} {mbox_date(*date)}\n"
                f"Message-ID: <{mid}>\nDate: {rfc_date(*date, 0)}\nFrom: {sender}\nTo: {to}\n"
                f"Subject: {subject}\nMIME-Version: 1.0\n"
                f"Content-Type: text/plain; charset=utf-8\n\n{body}\n")

    # 4 messages; #2 contains a '>From ' escaped line, #3 a forwarded 'From:' header line
    put("mail/archive.mbox", "".join([
        msg("kenji@litware.jp", (2018, 2, 1, 8, 0, 0), "dmitri.ivanov@gmail.com",
            "Server inventory", "Dmitri,\n\nthe inventory spreadsheet is on the share.\n\nKenji\n",
            "mbox-1@litware.jp"),
        msg("dmitri.ivanov@gmail.com", (2018, 2, 1, 9, 30, 0), "kenji@litware.jp",
            "Re: Server inventory",
            "Thanks Kenji.\n\n>From the list I count 42 hosts, 7 of them end-of-life.\n"
            "I will send the report on Monday.\n\nDmitri\n",
            "mbox-2@gmail.com"),
        msg("kenji@litware.jp", (2018, 2, 5, 7, 45, 0), "priya.n@adventure-works.com",
            "Fwd: Re: Server inventory",
            "Priya, FYI.\n\n---------- Forwarded message ----------\n"
            "From: Dmitri Ivanov <dmitri.ivanov@gmail.com>\nDate: Thu, 1 Feb 2018 09:30\n"
            "Subject: Re: Server inventory\n\nThanks Kenji. 42 hosts, 7 end-of-life.\n",
            "mbox-3@litware.jp"),
        msg("priya.n@adventure-works.com", (2018, 2, 5, 12, 10, 0), "kenji@litware.jp",
            "Re: Fwd: Re: Server inventory",
            "Kenji, we can replace the 7 hosts in Q2. Quote to follow.\nPriya\n",
            "mbox-4@adventure-works.com"),
    ]), ["email"] * 4)

    # extensionless mbox (sniffed by the leading 'From ' line), 3 messages
    put("mail/bob-sent", "".join([
        msg("bob.schneider@fabrikam.de", (2019, 2, 14, 10, 2, 11), "alice@contoso.com",
            "Phase 1 done", "Alice,\n\nphase 1 of the migration is complete.\n\nBob\n",
            "bob-sent-1@fabrikam.de"),
        msg("bob.schneider@fabrikam.de", (2019, 3, 1, 16, 40, 0), "j.mueller@fabrikam.de",
            "Urlaub", "J\u00fcrgen,\n\nich bin vom 4. bis 8. M\u00e4rz im Urlaub.\n\nBob\n",
            "bob-sent-2@fabrikam.de"),
        msg("bob.schneider@fabrikam.de", (2019, 3, 12, 8, 5, 30), "accounts@fabrikam.de",
            "Invoice 2019-031", "Please issue invoice 2019-031 to Contoso Ltd, EUR 48,250.\n",
            "bob-sent-3@fabrikam.de"),
    ]), ["email"] * 3)


# --------------------------------------------------------------------------- exports (CSV / JSON)

def csv_files():
    # comma CSV, CRLF rows (Excel style) with an LF inside a quoted cell, a blank line,
    # doubled quotes, a quoted comma, and row id 5 with 8 fields instead of 6 (malformed)
    users = ("id,name,email,company,country,notes\r\n"
             "1,Alice Martin,alice@contoso.com,Contoso Ltd,US,\"Prefers email, not phone\"\r\n"
             "2,Bob Schneider,bob.schneider@fabrikam.de,Fabrikam GmbH,DE,"
             "\"Said \"\"call me Bobby\"\" at kickoff\"\r\n"
             "3,Charlotte Davies,c.davies@northwind.co.uk,\"Northwind Traders, Ltd.\",GB,"
             "\"Address:\n12 Harbour Road\nBristol BS1 4QA\"\r\n"
             "4,Dmitri Ivanov,dmitri.ivanov@gmail.com,,RU,\r\n"
             "\r\n"
             "5,Jos\u00e9 Garc\u00eda,jose.garcia@tailspintoys.es,Tailspin Toys,ES,VIP,see,contract\r\n"
             "6,\u00c9lodie Lef\u00e8vre,elodie.lefevre@wanadoo.fr,Margie's Travel,FR,Key account\r\n")
    put("exports/users.csv", users, ["record"] * 4 + ["malformed"] + ["record"])

    # tab-separated, one empty field
    put("exports/contacts.tsv",
        "name\temail\tphone\tcity\tcountry\n"
        "Kenji Watanabe\tkenji@litware.jp\t+81 3 5555 0199\tTokyo\tJapan\n"
        "Priya Natarajan\tpriya.n@adventure-works.com\t+1 206 555 0147\tSeattle\tUnited States\n"
        "J\u00fcrgen M\u00fcller\tj.mueller@fabrikam.de\t\tStuttgart\tDeutschland\n"
        "Sofia Rossi\tsofia.rossi@libero.it\t+39 02 5555 0110\tMilano\tItalia\n",
        ["record"] * 4)

    # semicolon CSV with decimal commas and a quoted field containing ';'
    put("exports/projects.csv",
        "project_id;name;client;budget_eur;start_date;status\n"
        "P-2018-01;Logistics platform renewal;Northwind Traders Ltd;212500,00;2018-10-01;active\n"
        "P-2018-02;\"Data-center migration; phase 1\";Contoso Ltd;48250,00;2019-01-19;done\n"
        "P-2019-07;\"Data-center migration; phase 2\";Contoso Ltd;48250,00;2019-06-03;done\n"
        "P-2020-03;Supplier portal;Fabrikam GmbH;15800,50;2020-03-16;cancelled\n",
        ["record"] * 4)

    # extensionless file that is really a comma CSV (content sniffing)
    put("exports/export_2021",
        "user_id,username,email,signup_date\n"
        "1001,sofia_r,sofia.rossi@libero.it,2021-03-04\n"
        "1002,kwatanabe,kenji@litware.jp,2021-05-19\n",
        ["record"] * 2)


def json_files():
    people = [
        {"id": "u-001", "name": {"first": "Alice", "last": "Martin"},
         "emails": ["alice@contoso.com", "alice.martin@gmail.com"],
         "company": {"name": "Contoso Ltd", "domain": "contoso.com", "country": "US"},
         "roles": ["procurement", "admin"], "last_login": "2021-11-02T08:14:00Z"},
        {"id": "u-002", "name": {"first": "J\u00fcrgen", "last": "M\u00fcller"},
         "emails": ["j.mueller@fabrikam.de"],
         "company": {"name": "Fabrikam GmbH", "domain": "fabrikam.de", "country": "DE"},
         "roles": [], "last_login": None},
        {"id": "u-003", "name": {"first": "Kenji", "last": "Watanabe"},
         "emails": ["kenji@litware.jp"],
         "company": {"name": "Litware Inc.", "domain": "litware.jp", "country": "JP"},
         "roles": ["it-ops"], "devices": [{"type": "laptop", "serial": "LW-8812"}],
         "last_login": "2022-01-15T23:59:59+09:00"},
    ]
    put("exports/people.json", json.dumps(people, indent=2, ensure_ascii=False) + "\n",
        ["record"] * 3)

    # 5 non-blank lines (3rd is truncated JSON -> malformed) and one blank line (not a unit)
    events = [
        '{"ts":"2021-06-01T09:00:00Z","event":"login","user":"alice@contoso.com","ip":"203.0.113.10"}',
        '{"ts":"2021-06-01T09:05:12Z","event":"download","user":"alice@contoso.com","file":"sow.pdf"}',
        '{"ts":"2021-06-01T09:07:40Z","event":"login","user":"bob.schneider@fabrikam.de","ip":',
        '',
        '{"ts":"2021-06-02T14:22:03Z","event":"password_reset","user":"kenji@litware.jp"}',
        '{"ts":"2021-06-03T07:00:00Z","event":"logout","user":"alice@contoso.com","tags":["web","sso"]}',
    ]
    put("exports/events.jsonl", "\n".join(events) + "\n",
        ["record", "record", "malformed", "record", "record"])

    company = {
        "name": "Northwind Traders Ltd", "registration": "GB-04412871",
        "address": {"street": "12 Harbour Road", "city": "Bristol", "postcode": "BS1 4QA",
                    "country": "United Kingdom"},
        "contacts": [{"name": "Charlotte Davies", "email": "c.davies@northwind.co.uk", "role": "HR"},
                     {"name": "HR desk", "email": "hr@northwind.co.uk"}],
        "founded": 1998, "employees": 412, "customers": ["Contoso Ltd", "Wingtip Toys"],
    }
    put("exports/company.json", json.dumps(company, indent=2) + "\n", ["record"])


# --------------------------------------------------------------------------- docs

def doc_files():
    put("docs/notes.txt", """\
Notes - call with Fabrikam, 2019-04-02
- Juergen Mueller (j.mueller@fabrikam.de) will send the migration proposal by Friday.
- Budget ceiling agreed internally: EUR 100k for both phases.
- Risk: Frankfurt site lease renewal (landlord: Fourth Coffee Holdings?) - check.
- Follow up with Priya (Adventure Works) about replacing 7 end-of-life hosts.
""", ["document"])

    put("docs/readme.md", """\
# Shared drive - Procurement

This folder holds **supplier contracts** and statements of work.

| Supplier | Contact | Country |
|---|---|---|
| Fabrikam GmbH | bob.schneider@fabrikam.de | Germany |
| Northwind Traders Ltd | c.davies@northwind.co.uk | United Kingdom |
| Litware Inc. | kenji@litware.jp | Japan |

Do not store passwords here. See `notes.txt` for open items.
""", ["document"])

    put("docs/page.html", """\
<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Contoso - Supplier directory</title></head>
<body>
<h1>Supplier directory</h1>
<ul>
  <li>Fabrikam GmbH &mdash; Stuttgart, Germany &mdash; <a href="mailto:accounts@fabrikam.de">accounts@fabrikam.de</a></li>
  <li>Tailspin Toys &mdash; Madrid, Espa&ntilde;a &mdash; jose.garcia@tailspintoys.es</li>
  <li>Margie&#39;s Travel &mdash; Lyon, France</li>
</ul>
<!-- internal: last updated by alice@contoso.com on 2020-02-11 -->
</body>
</html>
""", ["document"])

    put("docs/sow.pdf", SOW_PDF, ["document"])
    put("docs/proposal.docx", PROPOSAL_DOCX, ["document"])


# --------------------------------------------------------------------------- archives

def archive_files():
    # mail.zip: directory entry (not a unit), 2 eml, 1 pipe-delimited csv (3 rows)
    zmsg1 = crlf(f"""\
Message-ID: <zip-001.7781@contoso.com>
Date: {rfc_date(2020, 5, 11, 13, 0, 0, -7)}
From: Alice Martin <alice@contoso.com>
To: Priya Natarajan <priya.n@adventure-works.com>
Subject: Hardware quote
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Priya, please send the quote for the 7 replacement hosts. Alice
""").encode()
    zmsg2 = f"""\
Message-ID: <zip-002.9914@adventure-works.com>
Date: {rfc_date(2020, 5, 12, 9, 30, 0, -7)}
From: Priya Natarajan <priya.n@adventure-works.com>
To: Alice Martin <alice@contoso.com>
Subject: Re: Hardware quote
In-Reply-To: <zip-001.7781@contoso.com>
MIME-Version: 1.0
Content-Type: text/plain; charset=us-ascii

Alice, USD 37,940 for 7 hosts incl. 3 years support. Priya
""".encode()
    mailing = ("email|first_name|last_name|subscribed\n"
               "alice@contoso.com|Alice|Martin|2017-01-10\n"
               "sofia.rossi@libero.it|Sofia|Rossi|2020-02-29\n"
               "news@wingtiptoys.com|||2019-12-01\n").encode()
    put_archive("archives/mail.zip",
                zip_bytes({"export/msg-001.eml": zmsg1, "export/msg-002.eml": zmsg2,
                           "export/mailing-list.csv": mailing}, dirs=["export/"]),
                {"export/msg-001.eml": ["email"], "export/msg-002.eml": ["email"],
                 "export/mailing-list.csv": ["record"] * 3})

    # docs.tar.gz: dir entry, txt, html, and a nested zip (1 eml + jsonl of 2 lines)
    nested_eml = f"""\
Message-ID: <nested-1@tailspintoys.es>
Date: {rfc_date(2021, 10, 4, 11, 11, 11, 2)}
From: Jose Garcia <jose.garcia@tailspintoys.es>
To: Sofia Rossi <sofia.rossi@libero.it>
Subject: Audit export
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Sofia, the audit log export is in the same zip. Jos\u00e9
""".encode("utf-8")
    nested_jsonl = ('{"ts":"2021-10-01T00:00:00Z","actor":"jose.garcia@tailspintoys.es","action":"export"}\n'
                    '{"ts":"2021-10-01T00:00:05Z","actor":"system","action":"notify","to":"sofia.rossi@libero.it"}\n'
                    ).encode()
    bundle = zip_bytes({"reply.eml": nested_eml, "audit.jsonl": nested_jsonl})
    memo = b"Memo 2021-10-04\nThe Tailspin Toys audit is scheduled for November 2021.\nOwner: Jose Garcia\n"
    index = (b"<html><head><title>Tailspin intranet</title></head><body>"
             b"<p>Audit contact: <a href=\"mailto:jose.garcia@tailspintoys.es\">Jose Garcia</a></p>"
             b"</body></html>\n")
    put_archive("archives/docs.tar.gz",
                gzip_bytes(tar_bytes({"docs/memo.txt": memo, "docs/index.html": index,
                                      "docs/bundle.zip": bundle}, dirs=["docs/"]), "docs.tar"),
                {"docs/memo.txt": ["document"], "docs/index.html": ["document"],
                 "docs/bundle.zip!/reply.eml": ["email"],
                 "docs/bundle.zip!/audit.jsonl": ["record"] * 2})

    # single.txt.gz: a gzip of one text file
    put_archive("archives/single.txt.gz",
                gzip_bytes(b"Wingtip Toys - warehouse contacts\nLeeds: +44 113 555 0123\n"
                           b"Manager: charlotte.davies@yahoo.co.uk\n", "single.txt"),
                {"single.txt": ["document"]})

    # truncated.txt.gz: ~3 KB of random-ish words, gzip cut to 60% of its bytes.
    # At this size deflate emits one block, so not even the first block is complete.
    rng = random.Random(2022)
    words = ["contoso", "fabrikam", "invoice", "migration", "rack", "budget", "phase",
             "northwind", "litware", "server", "quote", "contract", "renewal", "host",
             "supplier", "audit", "Frankfurt", "Bristol", "Tokyo", "EUR", "GBP"]
    text = " ".join(rng.choice(words) + str(rng.randrange(1000)) for _ in range(360))
    text = text[:3000].encode("ascii") + b"\n"
    full = gzip_bytes(text, "truncated.txt")
    put_archive("archives/truncated.txt.gz", full[:len(full) * 6 // 10],
                {"truncated.txt": ["malformed"]})

    # empty-entry.zip: one 0-byte entry (empty) and one txt (document)
    put_archive("archives/empty-entry.zip",
                zip_bytes({"placeholder.txt": b"",
                           "readme.txt": b"Exported by Contoso backup tool v2.3 on 2022-03-01.\n"}),
                {"placeholder.txt": ["empty"], "readme.txt": ["document"]})


# --------------------------------------------------------------------------- junk

def junk_files():
    rng = random.Random(1337)
    # .DS_Store: real magic, then random-ish bytes with runs of NULs
    ds = bytearray(b"\x00\x00\x00\x01Bud1\x00\x00\x10\x00\x00\x00\x08\x00")
    for _ in range(40):
        ds += b"\x00" * rng.randrange(4, 24) + bytes(rng.randrange(256) for _ in range(rng.randrange(4, 16)))
    put("junk/.DS_Store", bytes(ds), ["unsupported_format"])
    put("junk/logo.png", PNG, ["unsupported_format"])
    put("junk/blob.bin", bytes(rng.randrange(256) for _ in range(2048)), ["unsupported_format"])
    # binary junk with an .eml name: starts with NULs, no headers
    put("junk/fake.eml", b"\x00\x00\x00\x00\x07\x1a\xff\xfe" + bytes(rng.randrange(256) for _ in range(504)),
        ["unsupported_format"])
    put("junk/empty.txt", b"", ["empty"])


# --------------------------------------------------------------------------- expected counts

def summarize(outcomes):
    s = {"units": len(outcomes),
         "items": sum(o in KINDS for o in outcomes),
         "quarantined": sum(o in REASONS for o in outcomes),
         "kinds": {k: outcomes.count(k) for k in KINDS if k in outcomes},
         "reasons": {r: outcomes.count(r) for r in REASONS if r in outcomes}}
    assert s["units"] == s["items"] + s["quarantined"]
    return s


def write_expected():
    everything = [o for rel in MANIFEST for o in MANIFEST[rel]["outcomes"]]
    total = summarize(everything)
    per_file = {}
    for rel in sorted(MANIFEST):
        entry = summarize(MANIFEST[rel]["outcomes"])
        if MANIFEST[rel]["entries"] is not None:
            entry["entries"] = {name: summarize(outs) for name, outs in MANIFEST[rel]["entries"].items()}
        per_file[rel] = entry
    expected = {
        "files": len(MANIFEST),
        "units": total["units"], "items": total["items"], "quarantined": total["quarantined"],
        "items_by_kind": {k: everything.count(k) for k in KINDS},
        "quarantine_by_reason": {r: everything.count(r) for r in REASONS},
        "per_file": per_file,
    }
    with open(EXPECTED, "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return expected


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    eml_files()
    maildir_files()
    mbox_files()
    csv_files()
    json_files()
    doc_files()
    archive_files()
    junk_files()
    on_disk = sorted(os.path.relpath(os.path.join(d, f), OUT) for d, _, fs in os.walk(OUT) for f in fs)
    assert on_disk == sorted(MANIFEST), "files on disk differ from the declared manifest"
    exp = write_expected()
    size = sum(os.path.getsize(os.path.join(OUT, r)) for r in on_disk)
    print("wrote %d files (%d bytes) to %s" % (exp["files"], size, OUT))
    print("units=%d items=%d quarantined=%d by_kind=%s by_reason=%s" % (
        exp["units"], exp["items"], exp["quarantined"], exp["items_by_kind"], exp["quarantine_by_reason"]))


if __name__ == "__main__":
    main()
