"""What every OCR engine gives back, and the one interface engines share.

An engine turns the image of one page into an ``OcrPage``: its words with their boxes,
the engine's block, paragraph and line numbers and confidences, the page text in the
engine's reading order, and the mean word confidence. Which engine runs is a setting
(``OcrSettings.engine``); nothing downstream asks which one it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from pipeline.core.records import PageInfo

if TYPE_CHECKING:
    from PIL.Image import Image


@dataclass(frozen=True)
class OcrWord:
    """One recognised word; its box in pixels of the page image, top left at (0, 0)."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float  # 0-100
    # The engine's layout: block, paragraph within the block, line within the paragraph.
    block: int
    paragraph: int
    line: int


@dataclass(frozen=True)
class OcrPage:
    """The engine's reading of one page image."""

    text: str  # lines joined into paragraphs, paragraphs and blocks separated by a blank line
    words: tuple[OcrWord, ...]
    confidence: float | None  # mean word confidence, 0-100; None when no word was found
    width: int  # of the image, in pixels
    height: int
    dpi: int
    engine: str

    def page_info(self, number: int) -> PageInfo:
        """How page ``number`` (1-based) was read, for ``DocumentText.pages``."""
        return PageInfo(number=number, source="ocr", ocr_confidence=self.confidence)


class OcrEngine(Protocol):
    """An OCR engine: say whether it can run here, and read one page image."""

    @property
    def name(self) -> str: ...

    def available(self) -> bool:
        """Whether the engine and its language data are installed."""
        ...

    def problem(self) -> str | None:
        """Why the engine cannot run here, as one line saying how to fix it; None when it can."""
        ...

    def recognise(self, image: Image) -> OcrPage:
        """Read one page; raises ``InputError`` (one line, how to fix it) when it cannot."""
        ...


def mean_confidence(words: tuple[OcrWord, ...]) -> float | None:
    """Mean word confidence of a page, ``None`` for a page without words."""
    if not words:
        return None
    return sum(w.confidence for w in words) / len(words)


def is_low_confidence(confidence: float | None, threshold: float) -> bool:
    """A page read with less confidence than ``threshold`` (a page without words is not)."""
    return confidence is not None and confidence < threshold


def low_confidence_warning(number: int, confidence: float, threshold: float) -> str:
    """The warning line for page ``number`` (1-based) read with a low mean confidence."""
    return (
        f"page {number}: OCR confidence {confidence:.0f} below {threshold:.0f} "
        "(ocr min_confidence), its text may hold misread words"
    )
