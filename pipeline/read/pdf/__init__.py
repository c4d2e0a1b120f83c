"""Read a PDF bulletin into plain text, keeping the page each character came from.

The text layer is read word by word (pdfplumber) and rebuilt the way a reader sees
the page: two-column pages column by column, running headers, footers, page numbers
and barcodes dropped, words hyphenated across lines joined, and lines of one
paragraph joined with a space, paragraphs separated by a blank line. Numbered items
and bullets start their own paragraph, so a heading such as "3. Title" is a line of
its own after a blank line, as in a text bulletin.

Pages without a usable text layer (scans, text drawn as outlines, glyph codes ``(cid:N)``)
are read by OCR, into the same rows (``scanned.py``); without an OCR engine they contribute
no text and a warning, and a file of such pages only is an error that says how to install
one. A file that cannot be read at all raises ``InputError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText, PageInfo
from pipeline.core.settings import OcrSettings
from pipeline.read.pdf.floats import page_lines
from pipeline.read.pdf.furniture import body_size, remove_page_furniture
from pipeline.read.pdf.headings import typographic_headings
from pipeline.read.pdf.pages import load_pages
from pipeline.read.pdf.paragraphs import assemble_text
from pipeline.read.pdf.scanned import read_unusable_pages


def read_pdf(path: Path, *, max_pages: int, ocr: OcrSettings | None = None) -> DocumentText:
    """Text of a PDF bulletin with page offsets; pages without a usable text layer are read by
    OCR (``ocr``; the defaults when None); unreadable pages become warnings."""
    pages = load_pages(path, max_pages=max_pages)
    if not any(p.has_text_layer or p.needs_ocr for p in pages):
        raise InputError("PDF has no text layer (scanned or drawn pages only)")
    pages, infos = read_unusable_pages(path, pages, ocr or OcrSettings())
    pages = remove_page_furniture(pages)
    body = body_size(pages)
    measured = _ocr_pages(infos)
    lines = [line for page in pages for line in page_lines(page, body, measured=page.number in measured)]
    if not lines:
        reasons = "; ".join(w for p in pages for w in p.warnings) or "no words found, by OCR either"
        raise InputError("PDF has no readable text: " + reasons)
    text, page_starts, paragraphs = assemble_text(lines, n_pages=len(pages))
    warnings = tuple(w for p in pages for w in p.warnings)
    return DocumentText(
        source_file=path.name,
        text=text,
        page_starts=page_starts,
        warnings=warnings,
        format="pdf",
        encoding=None,
        headings=typographic_headings(text, paragraphs, body, measured_pages=measured),
        pages=tuple(infos[p.number] for p in pages),
    )


def _ocr_pages(infos: Mapping[int, PageInfo]) -> frozenset[int]:
    """The 0-based numbers of the pages read by OCR."""
    return frozenset(number for number, info in infos.items() if info.source == "ocr")
