"""Open a PDF and take its pages within the page limit, never letting pdfminer's errors through.

A file that cannot be read raises ``InputError`` with a reason a reader understands (not a
PDF, encrypted, corrupt, too many pages); the page count is checked before any page is
read, and a page that cannot be read costs that page only, as a warning.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from pipeline.core.errors import InputError
from pipeline.read.pdf.records import Page
from pipeline.read.pdf.text_layer import read_page


def load_pages(path: Path, *, max_pages: int) -> list[Page]:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with path.open("rb") as handle:
            magic = handle.read(1024)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
    if b"%PDF-" not in magic:
        raise InputError("not a PDF file (no %PDF- header)")
    try:
        with pdfplumber.open(path) as pdf:
            n_pages = _page_count(pdf.doc, max_pages)  # before pdfplumber lists every page
            if n_pages > max_pages:
                raise InputError(f"PDF has {n_pages} pages, more than the limit of {max_pages} (max_pages)")
            if n_pages == 0 or not pdf.pages:
                raise InputError("PDF has no pages")
            if len(pdf.pages) > max_pages:  # the page tree holds more pages than its count says
                raise InputError(
                    f"PDF has {len(pdf.pages)} pages, more than the limit of {max_pages} (max_pages)"
                )
            return [_read_page_safely(page, number) for number, page in enumerate(pdf.pages)]
    except InputError:
        raise
    except PdfminerException as exc:
        raise InputError(_pdfminer_reason(exc)) from exc
    except Exception as exc:  # pdfminer raises many types on broken files
        raise InputError(f"unreadable PDF: {type(exc).__name__}: {_first_line(exc)}") from exc


def _page_count(doc: Any, limit: int) -> int:
    """Pages of a PDF from its page tree's /Count; without one, counted up to ``limit + 1``."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(doc.catalog["Pages"]).get("Count"))
    except Exception:  # a damaged catalog: count the pages instead
        count = None
    if isinstance(count, int) and not isinstance(count, bool) and count >= 0:
        return count
    return sum(1 for _ in itertools.islice(PDFPage.create_pages(doc), limit + 1))


def _pdfminer_reason(exc: Exception) -> str:
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return "encrypted PDF: a password is needed to open it"
    return f"corrupt or truncated PDF ({name}: {_first_line(cause)})"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else "no detail"


def _read_page_safely(page: Any, number: int) -> Page:
    """One broken page (a bad content stream) costs that page, not the document."""
    try:
        return read_page(page, number)
    except Exception as exc:  # pdfminer raises many types on broken content
        reason = f"page {number + 1}: unreadable ({type(exc).__name__}: {_first_line(exc)}), no text taken"
        return Page(number, 0.0, 0.0, (), (reason,))
    finally:
        page.close()
