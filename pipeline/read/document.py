"""Reading stage: one reader per input format, chosen by the file's suffix.

Every reader has the same shape: ``(SourceFile, Limits) -> DocumentText``. Formats that
state their structure (HTML, Word, e-mail) fill the document's headings, tables and
metadata; nothing after this stage asks which format a document came from.

Limits are checked as early as they can be: the size on disk before the file is read,
an archive's unpacked size before it is unpacked, a PDF's page count before its pages,
the number of characters as soon as the text is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import Limits, OcrSettings
from pipeline.read.docx import read_docx
from pipeline.read.eml import read_eml
from pipeline.read.html import read_html
from pipeline.read.text import check_chars, over_bytes, read_text_file

Reader = Callable[[SourceFile, Limits], DocumentText]


def read_pdf_file(source: SourceFile, limits: Limits, *, ocr: OcrSettings | None = None) -> DocumentText:
    """A PDF; its pages without a usable text layer are read by OCR (``ocr``)."""
    from pipeline.read.pdf import read_pdf  # pdfplumber loads only when a PDF comes

    if source.size > limits.max_bytes:
        raise over_bytes(source.size, limits)
    return read_pdf(source.path, max_pages=limits.max_pages, ocr=ocr)


READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".pdf": read_pdf_file,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".eml": read_eml,
}


def read_document(source: SourceFile, limits: Limits, ocr: OcrSettings | None = None) -> DocumentText:
    """Text of a bulletin, whatever its format. Raises InputError for bad input.

    ``ocr`` says how pages without a text layer are read; only paginated formats (PDF) have them.
    """
    reader = READERS.get(source.path.suffix.lower())
    if reader is None:
        raise InputError(f"unsupported file type {source.path.suffix or '(none)'!r}")
    document = read_pdf_file(source, limits, ocr=ocr) if reader is read_pdf_file else reader(source, limits)
    check_chars(document.text, limits)
    return replace(document, source_file=source.relative_path)
