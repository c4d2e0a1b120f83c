"""A PDF page as an image for OCR (pdfium, through pypdfium2)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.errors import InputError

if TYPE_CHECKING:
    from PIL.Image import Image

POINTS_PER_INCH = 72


def render_page(pdf_path: Path, page_index: int, dpi: int) -> Image:
    """Page ``page_index`` (0-based) of a PDF as an 8-bit grey image at ``dpi``.

    The image states its resolution (``image.info["dpi"]``), which the engine passes on.
    A file or page pdfium cannot open raises ``InputError``.
    """
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(pdf_path)
    except pdfium.PdfiumError as exc:
        raise InputError(f"cannot render PDF: {exc}") from exc
    try:
        if not 0 <= page_index < len(document):
            raise InputError(f"cannot render page {page_index + 1}: the PDF has {len(document)} pages")
        page = document[page_index]
        try:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
            # A copy: the grey image would otherwise share pdfium's buffer, freed with the bitmap.
            image = bitmap.to_pil().copy()
            bitmap.close()
        except pdfium.PdfiumError as exc:
            raise InputError(f"cannot render page {page_index + 1}: {exc}") from exc
        finally:
            page.close()
    finally:
        document.close()
    image.info["dpi"] = (dpi, dpi)
    return image
