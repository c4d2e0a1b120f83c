"""Build the corpus of bad inputs the robustness tests run on.

    python tests/make_bad_inputs.py OUT_DIR [--big]

writes every case into OUT_DIR/raw (links that lead out of it point into OUT_DIR/outside).
``--big`` adds the two large files (a PDF over the page limit and a text file over the
byte limit), which the tests make on the fly and never commit. Every file is made here
from text written for the project; nothing is a checked-in binary.

``CASES`` lists each input with the behaviour the README documents for it:
``processed``, ``warning`` (processed, with a row in ``failures``) or ``error`` (a
one-line row in ``failures`` naming the file and reason; the file is not processed).
"""

from __future__ import annotations

import argparse
import codecs
import io
import os
import random
import re
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from html import escape
from pathlib import Path

PROCESSED = "processed"
WARNING = "warning"
ERROR = "error"

GOOD_BULLETIN = """\
Regional Statistics Network Newsletter: October 2016

1. Workshop on census data in Lusaka

The Network held a workshop on census data in Lusaka, Zambia, from 4 to 6 October 2016.
Some 45 statisticians from 12 countries took part.

2. Visit of the Director to Vienna

Ms. Helga Brandt, Director of the Network, visited Vienna on 19 October 2016.
"""

OTHER_BULLETIN = """\
Coastal Towns Forum Update: March 2017

1. Meeting on harbour safety

The Forum met in Mombasa, Kenya, on 8 March 2017 to review harbour safety rules.

2. New members

Three towns joined the Forum, which now counts 27 members.
"""

# Curly quotes, dashes and accents: characters that Windows-1252 and Latin-1 encode
# differently, or not at all.
CP1252_BULLETIN = """\
Water Partners’ Bulletin – May 2015

1. “Clean Rivers” conference in Montréal

The Partnership’s “Clean Rivers” conference was held in Montréal, Canada, on 12 May 2015.
Delegates from the region’s water boards discussed the café-style consultations.

2. Report on wells

The report counts 1,200 new wells – more than planned.
"""

NO_SECTIONS = """\
Notes from the Small Islands Desk, June 2014

The desk met partners in Suva, Fiji, on 3 June 2014 and agreed to share tide records.

Further talks are planned for the autumn in Apia.
"""

# Numbered lines that are not sections: a list inside item 1, and a tight agenda list.
LIST_IN_ITEM = """\
Training Office Bulletin: February 2018

1. Course for new staff

The course of 5 February 2018 in Turin covered three topics:

1. Budget rules for field offices and how they changed.

2. Travel requests and the new approval steps.

3. Reporting on results to the Board.

2. Library news

The library in Turin added 300 titles in February 2018.
"""

AGENDA_LIST = """\
Agenda of the Advisory Panel, 14 November 2019, Lisbon
1. Opening of the session
2. Adoption of the agenda
3. Review of the work plan
4. Any other business
"""


@dataclass(frozen=True)
class Case:
    """One input file and the behaviour documented for it."""

    name: str  # source_file as the tables record it
    kind: str  # what the input is, as the README lists it
    outcome: str  # PROCESSED, WARNING or ERROR
    stage: str | None  # stage of the failures row (warnings and errors)
    reason: str  # text the failures row's message contains
    build: Callable[[Path], None]  # writes the input into the input folder


def _write(name: str | bytes, data: bytes) -> Callable[[Path], None]:
    def build(raw: Path) -> None:
        path = Path(os.fsdecode(os.fsencode(raw) + b"/" + os.fsencode(name)))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    return build


def _made(name: str, make: Callable[[Path], bytes]) -> Callable[[Path], None]:
    """Write what ``make`` returns, made only when the corpus is built (``make`` gets the folder)."""

    def build(raw: Path) -> None:
        (raw / name).write_bytes(make(raw))

    return build


def _link(name: str, target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def build(raw: Path) -> None:
        os.symlink(target(raw), raw / name)

    return build


def _outside_file(raw: Path) -> Path:
    outside = raw.parent / "outside"
    outside.mkdir(exist_ok=True)
    path = outside / "private.txt"
    path.write_text(GOOD_BULLETIN, encoding="utf-8")
    return path


def _outside_folder(raw: Path) -> Path:
    folder = raw.parent / "outside-folder"
    folder.mkdir(exist_ok=True)
    (folder / "elsewhere.txt").write_text(OTHER_BULLETIN, encoding="utf-8")
    return folder


def _noise(n_bytes: int, seed: int = 8) -> bytes:
    return random.Random(seed).randbytes(n_bytes)


def _nested(depth: int) -> str:
    return "(" * depth + "the Board" + ")" * depth


def _ok(name: str, kind: str, data: bytes) -> Case:
    return Case(name, kind, PROCESSED, None, "", _write(name, data))


def _ok_made(name: str, kind: str, make: Callable[[Path], bytes]) -> Case:
    return Case(name, kind, PROCESSED, None, "", _made(name, make))


def _bad(name: str, kind: str, stage: str, reason: str, build: Callable[[Path], None]) -> Case:
    return Case(name, kind, ERROR, stage, reason, build)


# --------------------------------------------------------------------------- PDFs


def pdf_file(shared: Sequence[bytes], page_resources: bytes, streams: Sequence[bytes]) -> bytes:
    """A PDF written by hand: the catalog, the page tree, the ``shared`` objects (numbered
    from 3, for the pages' ``page_resources`` to refer to), then one page per content stream.

    Writing the objects by hand makes a thousand pages in a few milliseconds.
    """
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", *shared]  # page tree below
    kids = []
    for stream in streams:
        data = zlib.compress(stream)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << %s >> >>"
            % (len(objects), page_resources)
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def raw_pdf(pages: Sequence[tuple[bytes, bool]]) -> bytes:
    """A minimal PDF: one content stream per page (``True`` when it draws the image).

    Helvetica is font F1; a 4x4 grey image is XObject Im1.
    """
    pixels = bytes(range(0, 256, 16))
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream" % (len(pixels), pixels)
    )
    resources = b"/Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >>"
    return pdf_file([HELVETICA, image], resources, [stream for stream, _ in pages])


def text_page(lines: Sequence[str]) -> tuple[bytes, bool]:
    ops = [b"BT /F1 11 Tf 72 770 Td 16 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"(%s) '" % escaped.encode("cp1252"))
    return b"\n".join([*ops, b"ET"]), False


def image_page() -> tuple[bytes, bool]:
    return b"q 400 0 0 500 90 170 cm /Im1 Do Q", True


def text_pdf(text: str, lines_per_page: int = 40) -> bytes:
    """A PDF whose pages hold ``text`` line by line (a blank line stays a blank line)."""
    lines = text.splitlines()
    chunks = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]
    return raw_pdf([text_page(chunk) for chunk in chunks])


def long_pdf(n_pages: int) -> bytes:
    """A PDF of ``n_pages`` short text pages."""
    return raw_pdf([text_page([f"Page {n} of the annual compendium."]) for n in range(1, n_pages + 1)])


def encrypted_pdf(text: str) -> bytes:
    """A PDF that needs a password to open (fpdf2, RC4)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner-secret", user_password="reader-secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in text.splitlines():
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --------------------------------------------------------------------------- HTML, DOCX, EML

# What an entity declared in a file's document type would pull in, if it were ever resolved.
SECRET = "CONTENTS-OF-A-PRIVATE-FILE-7f3a"
_ITEM_HEADING = re.compile(r"^\d{1,2}\.\s+\S")


def secret_file(raw: Path) -> Path:
    outside = raw.parent / "outside"
    outside.mkdir(exist_ok=True)
    path = outside / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _blocks(text: str) -> list[str]:
    return [" ".join(b.split()) for b in re.split(r"\n\s*\n", text) if b.strip()]


def html_page(text: str, *, head: str = '<meta charset="utf-8">', doctype: str = "<!DOCTYPE html>") -> str:
    """A web page of a bulletin: its first paragraph the <h1>, item headings <h2>, with furniture."""
    blocks = _blocks(text)
    body = [f"<h1>{escape(blocks[0])}</h1>"]
    for block in blocks[1:]:
        tag = "h2" if _ITEM_HEADING.match(block) else "p"
        body.append(f"<{tag}>{escape(block)}</{tag}>")
    return (
        f"{doctype}\n<html><head>{head}<title>{escape(blocks[0])}</title></head><body>\n"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>\n'
        '<div class="cookie-banner">We use cookies. <button>OK</button></div>\n'
        "<main>\n" + "\n".join(body) + "\n</main>\n"
        '<footer>Copyright 2016 the Network. <a href="/privacy">Privacy</a></footer>\n</body></html>\n'
    )


def entity_html(raw: Path) -> bytes:
    """XHTML whose document type declares an external entity pointing at a private file."""
    doctype = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<!DOCTYPE html [<!ENTITY secret SYSTEM "file://{secret_file(raw)}">]>'
    )
    page = html_page(GOOD_BULLETIN, doctype=doctype)
    return page.replace("Some 45 statisticians", "Some 45 statisticians &secret;").encode("utf-8")


def deep_html(depth: int) -> bytes:
    return (
        "<html><body>" + "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth + "</body></html>"
    ).encode()


def docx_file(text: str) -> bytes:
    """A Word document of a bulletin: Title, Heading 2 for items, Normal paragraphs."""
    import docx

    document = docx.Document()
    blocks = _blocks(text)
    document.add_paragraph(blocks[0], style="Title")
    for block in blocks[1:]:
        if _ITEM_HEADING.match(block):
            document.add_heading(block, level=2)
        else:
            document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes], compress_level: int | None = None) -> bytes:
    """The archive with members replaced or added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info, source.read(info))
        for name, member in replace.items():
            target.writestr(name, member, compresslevel=compress_level)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A DOCX with a 64 MB part of zeros that packs into about 64 KB (1,000 to 1)."""
    return _rezip(docx_file(GOOD_BULLETIN), {"word/media/image1.bin": bytes(64 * ONE_MB)}, 9)


def entity_docx(raw: Path) -> bytes:
    """A DOCX whose document part declares an external entity pointing at a private file."""
    data = docx_file(GOOD_BULLETIN)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    declaration = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file://{secret_file(raw)}">]>'
    xml = re.sub(r"(<\?xml[^>]*\?>)", r"\1" + declaration, xml, count=1)
    xml = xml.replace("Some 45 statisticians", "Some 45 statisticians &secret;")
    return _rezip(data, {"word/document.xml": xml.encode("utf-8")})


def encrypted_docx(text: str) -> bytes:
    """A DOCX that needs a password to open (msoffcrypto-tool, Agile encryption): an OLE file."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx_file(text))).encrypt("reader-secret", out)
    return out.getvalue()


def varied_words(n_chars: int, seed: int = 3) -> str:
    """Text of varied words (it packs like prose, not like a repeated line)."""
    rng = random.Random(seed)
    words = [
        "the",
        "board",
        "met",
        "in",
        "council",
        "with",
        "members",
        "from",
        "regional",
        "offices",
        "to",
        "review",
        "plans",
        "budgets",
        "and",
        "staff",
    ]
    out: list[str] = []
    size = 0
    while size < n_chars:
        sentence = (
            " ".join(rng.choice(words) for _ in range(rng.randint(8, 20))).capitalize()
            + f" {rng.randint(1, 999)}."
        )
        out.append(sentence)
        size += len(sentence) + 1
    return " ".join(out)


def email_message(
    text: str,
    *,
    html: str | None = None,
    charset: str = "utf-8",
    subject: str | None = None,
    footer: bool = True,
) -> EmailMessage:
    """A newsletter e-mail: a plain-text part (and an HTML part), with a subscription footer."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = "Network Secretariat <news@network.example.org>"
    message["To"] = "members@network.example.org"
    message["Subject"] = subject or _blocks(text)[0]
    message["Date"] = "Mon, 31 Oct 2016 09:00:00 +0100"
    closing = "\n\n-- \nYou are receiving this e-mail as a member of the Network.\nUnsubscribe: https://network.example.org/u\n"
    message.set_content(text + (closing if footer else ""), charset=charset, cte="quoted-printable")
    if html is not None:
        message.add_alternative(html, subtype="html", charset=charset, cte="quoted-printable")
    return message


def encrypted_email() -> bytes:
    """An S/MIME enveloped message: only the recipient's key opens it."""
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = "news@network.example.org"
    message["Subject"] = "Bulletin"
    message.set_content(
        _noise(600),
        maintype="application",
        subtype="pkcs7-mime",
        params={"smime-type": "enveloped-data"},
        filename="smime.p7m",
    )
    return message.as_bytes()


def attachment_only_email() -> bytes:
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = "news@network.example.org"
    message["Subject"] = "Bulletin attached"
    message.add_attachment(
        text_pdf(GOOD_BULLETIN), maintype="application", subtype="pdf", filename="bulletin.pdf"
    )
    return message.as_bytes()


# --------------------------------------------------------------------------- big files


def write_big_text(path: Path, n_bytes: int) -> None:
    """A text file of ``n_bytes`` bytes (numbered lines of plain words)."""
    line = b"The committee reviewed the reports of the regional offices in detail.\n"
    with path.open("wb") as handle:
        block = line * (1 << 14)
        written = 0
        while written + len(block) <= n_bytes:
            handle.write(block)
            written += len(block)
        handle.write((line * (n_bytes // len(line) + 1))[: n_bytes - written])


def write_long_pdf(path: Path, n_pages: int) -> None:
    path.write_bytes(long_pdf(n_pages))


# --------------------------------------------------------------------------- the corpus

ONE_MB = 1 << 20

TEXT_AND_PDF_CASES: tuple[Case, ...] = (
    _ok("good-one.txt", "a well-formed bulletin", GOOD_BULLETIN.encode("utf-8")),
    _ok("sub folder/good-two.pdf", "a well-formed PDF bulletin in a sub-folder", text_pdf(OTHER_BULLETIN)),
    _bad("empty.txt", "empty file", "read", "empty file", _write("empty.txt", b"")),
    _bad(
        "blank.txt",
        "white space only",
        "read",
        "file holds only white space",
        _write("blank.txt", b" \n\t\n   \r\n \n"),
    ),
    _bad(
        "noise.txt",
        "binary noise named .txt",
        "read",
        "binary data, not text",
        _write("noise.txt", _noise(4096)),
    ),
    _ok("windows-1252.txt", "Windows-1252 text with curly quotes", CP1252_BULLETIN.encode("cp1252")),
    _ok("latin-1.txt", "Latin-1 text", OTHER_BULLETIN.replace("Mombasa", "Mombaça").encode("latin-1")),
    _ok("utf-16.txt", "UTF-16 with a byte-order mark", OTHER_BULLETIN.encode("utf-16")),
    _bad(
        "broken-utf-16.txt",
        "UTF-16 byte-order mark before bytes that are not UTF-16",
        "read",
        "not valid utf-16 despite its byte-order mark",
        _write("broken-utf-16.txt", codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xd8x"),
    ),
    _bad(
        "truncated.pdf",
        "truncated PDF",
        "read",
        "PDF",
        _write("truncated.pdf", text_pdf(GOOD_BULLETIN)[:300]),
    ),
    _bad(
        "encrypted.pdf",
        "encrypted PDF (needs a password)",
        "read",
        "encrypted PDF: a password is needed to open it",
        _write("encrypted.pdf", encrypted_pdf(GOOD_BULLETIN)),
    ),
    _bad(
        "scanned.pdf",
        "PDF of images with no text in them (no text layer, nothing for OCR)",
        "read",
        "OCR found no text",
        _write("scanned.pdf", raw_pdf([image_page(), image_page()])),
    ),
    _bad(
        "not-a-pdf.pdf",
        "text named .pdf",
        "read",
        "not a PDF file",
        _write("not-a-pdf.pdf", GOOD_BULLETIN.encode("utf-8")),
    ),
    Case(
        "no-sections.txt",
        "bulletin with no numbered sections",
        WARNING,
        "sections",
        "no numbered items or headings found",
        _write("no-sections.txt", NO_SECTIONS.encode("utf-8")),
    ),
    _ok("list-in-item.txt", "numbered list inside a numbered item", LIST_IN_ITEM.encode("utf-8")),
    Case(
        "agenda.txt",
        "numbered list that is not sections",
        WARNING,
        "sections",
        "no numbered items or headings found",
        _write("agenda.txt", AGENDA_LIST.encode("utf-8")),
    ),
    _ok(
        "nested.txt",
        "deeply nested brackets on one line",
        (GOOD_BULLETIN + "\n3. Notes\n\n" + _nested(2000) + "\n").encode("utf-8"),
    ),
    _bad(
        "one-line.txt",
        "1 MB on one line",
        "read",
        "over the limit of 1000000 (max_chars)",
        _write("one-line.txt", b"word " * (ONE_MB // 5) + b"end"),
    ),
    _ok(
        "Bulletin d'été – n°3 (Genève).txt",
        "file name with spaces and non-ASCII letters",
        GOOD_BULLETIN.encode(),
    ),
    Case(
        "caf\\xe9-notes.txt",
        "file name that is not UTF-8 (Latin-1 bytes)",
        PROCESSED,
        None,
        "",
        _write(b"caf\xe9-notes.txt", OTHER_BULLETIN.encode("utf-8")),
    ),
    _bad(
        "minutes.odt",
        "unsupported extension",
        "discover",
        "unsupported file type '.odt'; expected .txt, .pdf, .html, .htm, .docx, .eml",
        _write("minutes.odt", b"PK\x03\x04 not read"),
    ),
    _bad(
        "link-out.txt",
        "symbolic link to a file outside the input folder",
        "discover",
        "symbolic link to a file outside the input folder",
        _link("link-out.txt", _outside_file),
    ),
    _bad(
        "linked-folder",
        "symbolic link to a folder outside the input folder",
        "discover",
        "symbolic link to a folder outside the input folder",
        _link("linked-folder", _outside_folder),
    ),
    _bad(
        "dangling.txt",
        "broken symbolic link",
        "discover",
        "broken symbolic link",
        _link("dangling.txt", lambda raw: raw / "no-such-file.txt"),
    ),
)

# Web pages, Word documents and e-mails (built when the corpus is, not at import).
FORMAT_CASES: tuple[Case, ...] = (
    _ok(
        "page.html",
        "a web page with navigation, a cookie banner and a footer",
        html_page(GOOD_BULLETIN).encode(),
    ),
    _bad("empty.html", "empty web page", "read", "empty file", _write("empty.html", b"")),
    _bad("noise.html", "binary noise named .html", "read", "binary data", _write("noise.html", _noise(4096))),
    _ok(
        "windows-1252.html",
        "web page in Windows-1252, declared in <meta charset>",
        html_page(CP1252_BULLETIN, head='<meta charset="windows-1252">').encode("cp1252"),
    ),
    _ok(
        "latin-1.htm",
        "web page in ISO-8859-1, declared in http-equiv",
        html_page(
            OTHER_BULLETIN.replace("Mombasa", "Mombaça"),
            head='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        ).encode("latin-1"),
    ),
    _ok(
        "undeclared-1252.html",
        "web page in Windows-1252 without a declaration",
        html_page(CP1252_BULLETIN, head="").encode("cp1252"),
    ),
    _ok_made("external-entity.html", "XHTML declaring an external entity (file://)", entity_html),
    _bad(
        "navigation-only.html",
        "web page with only navigation and footer",
        "read",
        "HTML page has no main text",
        _write(
            "navigation-only.html",
            b'<html><body><nav><a href="/">Home</a></nav><footer>Copyright</footer></body></html>',
        ),
    ),
    _bad(
        "deeply-nested.html",
        "web page nested 300 elements deep",
        "read",
        "nested more than 256 deep",
        _write("deeply-nested.html", deep_html(300)),
    ),
    _bad(
        "huge-page.html",
        "web page of over 1,000,000 characters of text",
        "read",
        "over the limit of 1000000 (max_chars)",
        _made("huge-page.html", lambda raw: html_page(GOOD_BULLETIN + "\\n" + varied_words(ONE_MB)).encode()),
    ),
    _ok_made("document.docx", "a Word document", lambda raw: docx_file(GOOD_BULLETIN)),
    _bad("empty.docx", "empty Word document", "read", "empty file", _write("empty.docx", b"")),
    _bad(
        "truncated.docx",
        "truncated DOCX (a zip cut short)",
        "read",
        "corrupt or truncated DOCX",
        _made("truncated.docx", lambda raw: docx_file(GOOD_BULLETIN)[:5000]),
    ),
    _bad(
        "text.docx",
        "text named .docx",
        "read",
        "corrupt DOCX: not a zip archive",
        _write("text.docx", GOOD_BULLETIN.encode()),
    ),
    _bad(
        "encrypted.docx",
        "password-protected DOCX (an OLE file)",
        "read",
        "encrypted DOCX: a password is needed to open it",
        _made("encrypted.docx", lambda raw: encrypted_docx(GOOD_BULLETIN)),
    ),
    _bad(
        "zip-bomb.docx",
        "DOCX zip bomb (a part packed 1,000 to 1)",
        "read",
        "zip bomb",
        _made("zip-bomb.docx", lambda raw: zip_bomb_docx()),
    ),
    _bad(
        "external-entity.docx",
        "DOCX part declaring an external entity (file://)",
        "read",
        "declares a document type or entities",
        _made("external-entity.docx", entity_docx),
    ),
    _bad(
        "huge.docx",
        "DOCX of over 1,000,000 characters",
        "read",
        "over the limit of 1000000 (max_chars)",
        _made("huge.docx", lambda raw: docx_file(GOOD_BULLETIN + "\\n\\n" + varied_words(ONE_MB))),
    ),
    _ok_made(
        "newsletter.eml",
        "an e-mail with HTML and plain-text parts and a footer",
        lambda raw: email_message(OTHER_BULLETIN, html=html_page(OTHER_BULLETIN)).as_bytes(),
    ),
    _bad("empty.eml", "empty e-mail file", "read", "empty file", _write("empty.eml", b"")),
    _bad(
        "noise.eml",
        "binary noise named .eml",
        "read",
        "not an e-mail message",
        _write("noise.eml", _noise(4096)),
    ),
    _ok_made(
        "windows-1252.eml",
        "e-mail in Windows-1252, quoted-printable",
        lambda raw: email_message(
            CP1252_BULLETIN, html=html_page(CP1252_BULLETIN, head=""), charset="windows-1252"
        ).as_bytes(),
    ),
    _bad(
        "encrypted.eml",
        "encrypted e-mail (S/MIME)",
        "read",
        "encrypted e-mail",
        _made("encrypted.eml", lambda raw: encrypted_email()),
    ),
    _bad(
        "attachment-only.eml",
        "e-mail whose only part is an attachment",
        "read",
        "e-mail has no text or HTML body",
        _made("attachment-only.eml", lambda raw: attachment_only_email()),
    ),
    _bad(
        "huge.eml",
        "e-mail of over 1,000,000 characters",
        "read",
        "over the limit of 1000000 (max_chars)",
        _made("huge.eml", lambda raw: email_message(GOOD_BULLETIN + "\\n" + varied_words(ONE_MB)).as_bytes()),
    ),
)
CASES = TEXT_AND_PDF_CASES + FORMAT_CASES

# Made on the fly by the tests (and by --big), never committed.
BIG_PDF_PAGES = 1000
BIG_TEXT_BYTES = 50 * 1000 * 1000


def build_corpus(raw: Path) -> tuple[Case, ...]:
    """Write every case of ``CASES`` into the folder ``raw`` (created)."""
    raw.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        case.build(raw)
    return CASES


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to create; the inputs go to OUT/raw")
    parser.add_argument("--big", action="store_true", help="add the 1,000-page PDF and the 50 MB text file")
    args = parser.parse_args(argv)
    raw = args.out / "raw"
    build_corpus(raw)
    if args.big:
        write_long_pdf(raw / "compendium-1000-pages.pdf", BIG_PDF_PAGES)
        write_big_text(raw / "huge-50-mb.txt", BIG_TEXT_BYTES)
    width = max(len(c.name) for c in CASES)
    for case in CASES:
        print(f"{case.name:<{width}}  {case.outcome:<9}  {case.kind}")


if __name__ == "__main__":
    main()
