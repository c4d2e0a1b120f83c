"""OCR of pages that have no text layer: render the page, read it with an engine.

    engine = ocr_engine(settings.ocr)
    page = engine.recognise(render_page(path, index, settings.ocr.dpi))
    page.text, page.confidence, page.page_info(index + 1)

Engines share one interface (``OcrEngine``) and are chosen by name in ``OcrSettings.engine``.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.core.errors import PipelineError
from pipeline.core.settings import OcrSettings
from pipeline.read.ocr.engine import (
    OcrEngine,
    OcrPage,
    OcrWord,
    is_low_confidence,
    low_confidence_warning,
    mean_confidence,
)
from pipeline.read.ocr.render import render_page
from pipeline.read.ocr.tesseract import TesseractEngine

ENGINES: dict[str, Callable[[OcrSettings], OcrEngine]] = {
    "tesseract": lambda settings: TesseractEngine(
        languages=settings.languages, dpi=settings.dpi, seconds_per_page=settings.seconds_per_page
    ),
}


def ocr_engine(settings: OcrSettings) -> OcrEngine:
    """The engine ``settings`` name, set up with its languages, resolution and time limit."""
    try:
        make = ENGINES[settings.engine]
    except KeyError:
        raise PipelineError(
            f"unknown OCR engine {settings.engine!r}; the engines are {', '.join(ENGINES)}"
        ) from None
    return make(settings)


__all__ = [
    "ENGINES",
    "OcrEngine",
    "OcrPage",
    "OcrWord",
    "TesseractEngine",
    "is_low_confidence",
    "low_confidence_warning",
    "mean_confidence",
    "ocr_engine",
    "render_page",
]
