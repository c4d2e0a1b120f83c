"""Read a PDF bulletin into plain text, keeping the page each character came from.

The text layer is read word by word (pdfplumber) and rebuilt the way a reader sees
the page: two-column pages column by column, running headers, footers, page numbers
and barcodes dropped, words hyphenated across lines joined, and lines of one
paragraph joined with a space, paragraphs separated by a blank line. Numbered items
and bullets start their own paragraph, so a heading such as "3. Title" is a line of
its own after a blank line, as in a text bulletin.

Pages whose text layer is only glyph codes ``(cid:N)`` contribute no text and a
warning. A file that cannot be read at all raises ``InputError``.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText
from pipeline.read.pdf.floats import page_lines
from pipeline.read.pdf.furniture import body_size, remove_page_furniture
from pipeline.read.pdf.headings import typographic_headings
from pipeline.read.pdf.pages import load_pages
from pipeline.read.pdf.paragraphs import assemble_text


def read_pdf(path: Path, *, max_pages: int) -> DocumentText:
    """Text of a PDF bulletin with page offsets; unreadable pages become warnings."""
    pages = load_pages(path, max_pages=max_pages)
    if not any(p.has_text_layer for p in pages):
        raise InputError("PDF has no text layer (scanned or drawn pages only)")
    pages = remove_page_furniture(pages)
    body = body_size(pages)
    lines = [line for page in pages for line in page_lines(page, body)]
    if not lines:
        raise InputError("PDF has no readable text: " + "; ".join(w for p in pages for w in p.warnings))
    text, page_starts, paragraphs = assemble_text(lines, n_pages=len(pages))
    warnings = tuple(w for p in pages for w in p.warnings)
    return DocumentText(
        source_file=path.name,
        text=text,
        page_starts=page_starts,
        warnings=warnings,
        format="pdf",
        encoding=None,
        headings=typographic_headings(text, paragraphs, body),
    )
