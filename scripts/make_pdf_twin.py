"""Render a bulletin text file as a two-column A4 PDF: its "PDF twin".

    .venv/bin/python scripts/make_pdf_twin.py SRC.txt OUT.pdf

The twin has the text file's words and paragraphs, laid out the way bulletins
are printed: the masthead (text before the first numbered item) across the full
width of page 1, numbered headings in bold, body text in two justified columns,
a running header (the bulletin title) from page 2 and a footer "Page N of M" on
every page.
Reading the twin back with ``pipeline.read.pdf`` should give the source's
paragraphs. The output is deterministic: same input, same bytes.

The PDF core font Helvetica is used (no font file to ship); it covers the
Windows-1252 characters (accents, curly quotes, dashes, bullets). Other
characters are replaced by their closest Windows-1252 form, which the script
reports, since the twin's text then differs from the source.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import Align

FONT = "Helvetica"
BODY_SIZE = 10.0
HEADING_SIZE = 10.5
TITLE_SIZE = 16.0
MASTHEAD_SIZE = 11.0
RUNNING_SIZE = 8.0
MARGIN = 18.0  # mm
GUTTER = 8.0  # mm
# Fixed metadata date: the same input must give the same bytes.
CREATION_DATE = datetime(2000, 1, 1, tzinfo=UTC)

_HEADING = re.compile(r"^\d{1,2}\.\s+\S")
_ENCODING = "cp1252"
_FALLBACKS = {
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u2032": "'", "\u2033": '"', "\u2192": "->", "\u2264": "<=", "\u2265": ">=",
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ħ": "H", "ħ": "h",
}  # fmt: skip


def to_core_font(text: str) -> tuple[str, set[str]]:
    """Text the core font can show, and the characters that had to be replaced."""
    out: list[str] = []
    replaced: set[str] = set()
    for char in text:
        try:
            char.encode(_ENCODING)
            out.append(char)
            continue
        except UnicodeEncodeError:
            replaced.add(char)
        if char in _FALLBACKS:
            out.append(_FALLBACKS[char])
            continue
        stripped = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        try:
            stripped.encode(_ENCODING)
            out.append(stripped or "?")
        except UnicodeEncodeError:
            out.append("?")
    return "".join(out), replaced


def split_blocks(text: str) -> list[list[str]]:
    """Blocks separated by blank lines, each a list of its non-empty lines."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            blocks.append(lines)
    return blocks


class _Twin(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.running_title = title
        self.core_fonts_encoding = _ENCODING

    def header(self) -> None:
        if self.page_no() == 1:
            return  # the masthead is on page 1
        self.set_y(9)
        self.set_font(FONT, "", RUNNING_SIZE)
        self.cell(0, 4, self.running_title, align="C")
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", RUNNING_SIZE)
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="C")


def render(text: str) -> tuple[bytes, set[str]]:
    """PDF bytes of the twin of a bulletin text, and the characters replaced."""
    core_text, replaced = to_core_font(text)
    blocks = split_blocks(core_text)
    if not blocks:
        raise ValueError("the text file is empty")
    first_item = next(
        (i for i, block in enumerate(blocks) if _HEADING.match(block[0])), len(blocks)
    )
    masthead, body = blocks[:first_item], blocks[first_item:]
    title = masthead[0][0] if masthead else blocks[0][0]

    pdf = _Twin(title)
    pdf.set_creation_date(CREATION_DATE)
    pdf.set_title(title)
    pdf.set_producer("make_pdf_twin")
    pdf.set_creator("make_pdf_twin")
    pdf.set_margins(MARGIN, 20, MARGIN)
    pdf.set_auto_page_break(True, margin=20)
    pdf.alias_nb_pages()
    pdf.add_page()

    for index, line in enumerate(line for block in masthead for line in block):
        size = TITLE_SIZE if index == 0 else MASTHEAD_SIZE
        pdf.set_font(FONT, "B" if index == 0 else "", size)
        pdf.multi_cell(0, size * 0.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(size * 0.25)
    if masthead:
        pdf.ln(4)

    columns = pdf.text_columns(ncols=2, gutter=GUTTER, text_align="J", line_height=1.25)
    with columns:
        for block in body:
            heading = _HEADING.match(block[0]) is not None and len(block) == 1
            for line in block:
                style = "B" if heading else ""
                size = HEADING_SIZE if heading else BODY_SIZE
                pdf.set_font(FONT, style, size)
                with columns.paragraph(
                    text_align=Align.L if heading else Align.J,
                    top_margin=2.0 if heading else 0.0,
                    bottom_margin=2.2,
                ) as paragraph:
                    paragraph.write(line)
    return bytes(pdf.output()), replaced


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="bulletin text file (UTF-8)")
    parser.add_argument("output", type=Path, help="PDF file to write")
    args = parser.parse_args(argv)
    text = args.source.read_text(encoding="utf-8")
    data, replaced = render(text)
    args.output.write_bytes(data)
    if replaced:
        shown = " ".join(f"U+{ord(c):04X}" for c in sorted(replaced))
        print(f"note: characters the core font lacks were replaced: {shown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
