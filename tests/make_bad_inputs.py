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
import os
import random
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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

CASES: tuple[Case, ...] = (
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
        "PDF with images only (no text layer)",
        "read",
        "PDF has no text layer",
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
        "minutes.docx",
        "unsupported extension",
        "discover",
        "unsupported file type '.docx'; expected .txt, .pdf",
        _write("minutes.docx", b"PK\x03\x04 not read"),
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
