"""Page furniture (running headers and footers, page numbers, document symbols, barcodes, chart labels).

It is dropped before reading order, so that it never lands inside a paragraph or splits one
across pages.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from pipeline.read.pdf.records import Page, Row

# Headers and footers are looked for in this share of the page height, top and bottom.
EDGE_ZONE = 0.15
# ...among this many rows from the top and from the bottom of the page.
EDGE_ROWS = 3

# A running footer giving the publisher's e-mail or web address: at most this many words.
MAX_CONTACT_WORDS = 12
_ADDRESS = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bwww\.[\w-]+(?:\.[\w-]+)+|\bhttps?://\S+", re.IGNORECASE
)

_BARCODE_TEXT = re.compile(r"^\*[A-Z0-9\-. $/+%]{4,}\*$")
_PAGE_NUMBER = re.compile(
    r"""^(
        \d{1,4}                                         # 3
      | [-–—]\s*\d{1,4}\s*[-–—]                         # - 3 -
      | (page|p\.?)\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?     # Page 3, Page 3 of 9
      | \d{1,4}\s*(/|of)\s*\d{1,4}                      # 2/9, 3 of 9
      | [ivxlc]{1,6}                                    # iv
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_USUAL_CHARS = set(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    " .,;:!?'\"()[]{}-–—/\\&%$€£@#*+=_<>“”‘’…•|~^`"
)


def mask_digits(text: str) -> str:
    """Key for comparing header/footer lines whose page numbers differ."""
    return re.sub(r"\s+", " ", re.sub(r"\d", "#", text)).strip().casefold()


def is_page_number(text: str) -> bool:
    """A page number line: "3", "- 3 -", "Page 3 of 9", "2/9", "iv"."""
    return bool(_PAGE_NUMBER.match(text.strip()))


def is_barcode(text: str) -> bool:
    """A line of glyphs that are not words: "*2504925*" or a run of unusual characters."""
    text = text.strip()
    if _BARCODE_TEXT.match(text):
        return True
    compact = text.replace(" ", "")
    if len(compact) < 6:
        return False
    unusual = sum(1 for ch in compact if ch not in _USUAL_CHARS and not ch.isalpha())
    return unusual >= 0.5 * len(compact) or re.search(r"[^\w\s.,;:()'\"-]{8,}", text) is not None


def is_contact_line(text: str) -> bool:
    """A short line that gives an e-mail or web address: a footer's contact line."""
    return len(text.split()) <= MAX_CONTACT_WORDS and _ADDRESS.search(text) is not None


def _is_furniture_only(text: str) -> bool:
    """A footer-like line with no word of two letters: "25-04925 (E) 010425"."""
    return not re.search(r"[^\W\d_]{2,}", text)


def _edge_rows(page: Page) -> tuple[list[int], list[int]]:
    """Indexes of rows near the top (outermost first) and near the bottom (outermost first)."""
    top = [i for i in range(min(EDGE_ROWS, len(page.rows))) if page.rows[i].bottom <= EDGE_ZONE * page.height]
    bottom = [
        i
        for i in range(len(page.rows) - 1, max(len(page.rows) - 1 - EDGE_ROWS, -1), -1)
        if page.rows[i].top >= (1 - EDGE_ZONE) * page.height and i not in top
    ]
    return top, bottom


def remove_page_furniture(pages: Sequence[Page]) -> list[Page]:
    """Drop running headers/footers, page numbers, document symbols and barcode lines."""
    running = _running_lines(pages)
    body = body_size(pages)
    cleaned = []
    for page in pages:
        top, bottom = _edge_rows(page)
        drop: set[int] = set()
        trims: dict[int, Row] = {}
        for zone_name, zone in (("top", top), ("bottom", bottom)):
            body_side_gap_ok = True
            for index in zone:
                row = page.rows[index]
                style = running.get((zone_name, mask_digits(row.text)))
                if (
                    style is not None
                    and abs(row.size - style[0]) <= 0.5
                    and row.bold == style[1]
                    and _set_apart(row, _body_neighbour(page, index, zone_name), body)
                ):
                    drop.add(index)
                    continue
                if is_page_number(row.text) or is_barcode(row.text) or _has_barcode_font(row):
                    drop.add(index)
                    continue
                trimmed = _trim_symbol(row, running, zone_name)
                if trimmed is not None:
                    trims[index] = trimmed
                    continue
                neighbour = _body_neighbour(page, index, zone_name)
                detached = neighbour is None or _gap(row, neighbour) > 1.2 * row.size
                footer_like = _is_furniture_only(row.text) or is_contact_line(row.text)
                if body_side_gap_ok and detached and footer_like:
                    drop.add(index)
                    continue
                body_side_gap_ok = False
        rows = []
        for index, row in enumerate(page.rows):
            if index in drop or is_barcode(row.text) or _has_barcode_font(row):
                continue
            rows.append(trims.get(index, row))
        # A framed chart keeps no axis labels either; a box left empty is gone.
        boxes = tuple(b for b in (_drop_number_runs(box) for box in page.boxes) if b)
        cleaned.append(replace(page, rows=_drop_number_runs(rows), boxes=boxes))
    return cleaned


def _drop_number_runs(rows: Sequence[Row], *, min_run: int = 3) -> tuple[Row, ...]:
    """Drop runs of rows with no words, only numbers: chart axes and data labels."""
    kept: list[Row] = []
    run: list[Row] = []
    for row in [*rows, None]:
        if row is not None and _is_furniture_only(row.text):
            run.append(row)
            continue
        if len(run) < min_run:
            kept.extend(run)
        run = []
        if row is not None:
            kept.append(row)
    return tuple(kept)


def _has_barcode_font(row: Row) -> bool:
    return all(t.barcode_font for t in row.tokens)


def _body_neighbour(page: Page, index: int, zone: str) -> Row | None:
    step = 1 if zone == "top" else -1
    other = index + step
    return page.rows[other] if 0 <= other < len(page.rows) else None


def _gap(a: Row, b: Row) -> float:
    return max(b.top - a.bottom, a.top - b.bottom)


def _running_lines(pages: Sequence[Page]) -> dict[tuple[str, str], tuple[float, bool]]:
    """(zone, masked text) of lines repeated at the top or bottom of pages, with their style.

    A line counts when it sits in the same edge zone of many pages, or in an edge
    zone of one page while its text is on another page too (a header that repeats
    the title, from page 2 of a short bulletin on). The style (size, bold) is the
    one most of its edge-zone copies have, the smaller on a tie: a masthead title
    that a running header repeats is set larger.
    """
    in_zone: dict[tuple[str, str], set[int]] = defaultdict(set)
    styles: dict[tuple[str, str], Counter[tuple[float, bool]]] = defaultdict(Counter)
    anywhere: dict[str, set[int]] = defaultdict(set)
    for page in pages:
        for row in page.rows:
            anywhere[mask_digits(row.text)].add(page.number)
        top, bottom = _edge_rows(page)
        for zone_name, zone in (("top", top), ("bottom", bottom)):
            for index in zone:
                row = page.rows[index]
                key = (zone_name, mask_digits(row.text))
                in_zone[key].add(page.number)
                styles[key][(row.size, row.bold)] += 1
    need = max(2.0, 0.3 * len(pages))
    return {
        (zone, key): max(styles[(zone, key)].items(), key=lambda item: (item[1], -item[0][0]))[0]
        for (zone, key), numbers in in_zone.items()
        if key and (len(numbers) >= need or len(anywhere[key]) >= 2)
    }


def _set_apart(row: Row, inner: Row | None, body_size: float) -> bool:
    """A header or footer is set smaller than the body, or stands apart from it.

    This keeps a masthead title that a running header repeats, and body lines
    that happen to repeat.
    """
    if row.size < body_size - 0.5:
        return True
    detached = inner is not None and _gap(row, inner) > 0.8 * row.size
    return detached and row.size <= body_size + 0.5


def body_size(pages: Sequence[Page]) -> float:
    weights: Counter[float] = Counter()
    for page in pages:
        for row in page.rows:
            for token in row.tokens:
                weights[round(token.size, 1)] += len(token.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _trim_symbol(row: Row, running: dict[tuple[str, str], tuple[float, bool]], zone: str) -> Row | None:
    """Remove a running document symbol ("S/2025/185") that shares a row with other text."""
    for zone_name, key in sorted(running):
        if zone_name != zone or " " in key or "#" not in key:
            continue
        tokens = row.tokens
        if len(tokens) > 1 and mask_digits(tokens[-1].text) == key:
            return Row(tokens[:-1])
        if len(tokens) > 1 and mask_digits(tokens[0].text) == key:
            return Row(tokens[1:])
    return None
