"""The records each step of PDF reading hands to the next: words with their boxes, rows, lines, pages.

One shape whatever produced the words, so that the steps after reading a page depend on
these records and not on pdfplumber.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Token:
    """A word (or piece of one) with its box on the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    barcode_font: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Row:
    """Tokens that share a baseline, across the whole page width, left to right."""

    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)

    @property
    def top(self) -> float:
        return min(t.top for t in self.tokens)

    @property
    def bottom(self) -> float:
        return max(t.bottom for t in self.tokens)

    @property
    def x0(self) -> float:
        return self.tokens[0].x0

    @property
    def x1(self) -> float:
        return max(t.x1 for t in self.tokens)

    @property
    def size(self) -> float:
        return _dominant_size(self.tokens)

    @property
    def bold(self) -> bool:
        chars = sum(len(t.text) for t in self.tokens)
        return sum(len(t.text) for t in self.tokens if t.bold) >= 0.8 * chars


# Flows of lines, (region, path): a column or band of the page's text, or a float read apart
# from the columns: the masthead of page 1 and framed boxes.
MASTHEAD_FLOW = (-2, "masthead")


def box_flow(index: int) -> tuple[int, str]:
    return (-3 - index, "box")


def is_float(flow: tuple[int, str]) -> bool:
    """A masthead or a box: text that never runs on into the columns around it."""
    return flow[1] in {"masthead", "box"}


@dataclass(frozen=True)
class Line:
    """A line of one text flow (a column or a full-width band) in reading order."""

    row: Row
    page: int  # 0-based
    flow: tuple[int, str]  # (region, path of bands and sides), or reading_order._FULL
    flow_left: float
    flow_right: float  # where the flow's full lines end


@dataclass(frozen=True)
class Page:
    number: int  # 0-based
    width: float
    height: float
    rows: tuple[Row, ...]
    warnings: tuple[str, ...] = ()
    has_text_layer: bool = True
    # The rows of each framed box (a notice drawn inside a rectangle), top to bottom: read
    # whole, apart from the columns it sits in.
    boxes: tuple[tuple[Row, ...], ...] = ()
    # Why the page's text layer cannot be used (a scan, glyph codes), when it cannot: the page
    # is then for OCR.
    needs_ocr: str | None = None


def _dominant_size(tokens: Sequence[Token]) -> float:
    weights: Counter[float] = Counter()
    for t in tokens:
        weights[round(t.size, 1)] += len(t.text)
    return weights.most_common(1)[0][0]
