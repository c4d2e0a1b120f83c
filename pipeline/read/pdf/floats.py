"""Text read apart from the columns: page 1's masthead first, then each framed box whole.

A masthead often stands beside a logo at the top right, and a boxed notice ("Next
Meeting") sits inside a column: read in column order, either would land in the middle of
an article, and a sentence running from one column into the next would be cut by a box.
So a page's lines are: its masthead (page 1), its boxes, then its columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline.read.pdf.reading_order import find_gutter, measure_flows, order_lines
from pipeline.read.pdf.records import MASTHEAD_FLOW, Line, Page, Row, box_flow

# Masthead type is set well above the body text: at least this many times its size.
MASTHEAD_SIZE_RATIO = 1.4
# Body text is set within this ratio of the body size.
BODY_SIZE_RATIO = 1.15
# On a page read by OCR, a gap this many times a row's type size over the page's gutter splits
# the row into two columns' lines.
GUTTER_GAP_SIZES = 2


def masthead_rows(
    rows: Sequence[Row], body_size: float, *, measured: bool = False
) -> tuple[list[Row], list[Row]]:
    """(masthead, the rest): the large-type rows above the first line of body text, less those
    set in the type of a heading further down the page: the first articles' headings, set
    between the masthead and the body's first lines ("Previous meeting" under the title).
    ``measured``: the sizes are estimates from OCR boxes, which cannot tell one large type
    from another, so all large type above the body is the masthead's."""
    if body_size <= 0:
        return [], list(rows)
    body_tops = [r.top for r in rows if r.size <= BODY_SIZE_RATIO * body_size]
    first_body = min(body_tops, default=float("inf"))
    heading_sizes = set() if measured else {round(r.size) for r in rows if r.top > first_body}
    gutter = find_gutter(rows) if measured else None
    masthead = [
        r
        for r in rows
        if r.size >= MASTHEAD_SIZE_RATIO * body_size
        and r.bottom <= first_body
        and round(r.size) not in heading_sizes
        and not _across_gutter(r, gutter)
    ]
    return masthead, [r for r in rows if r not in masthead]


def _across_gutter(row: Row, gutter: float | None) -> bool:
    """A row with words on both sides of the page's column gutter and a gap as wide as two
    letters' height over it: the first lines of two columns on one baseline (their headings),
    not a line of the masthead."""
    if gutter is None:
        return False
    left = [t for t in row.tokens if t.x1 <= gutter]
    right = [t for t in row.tokens if t.x0 >= gutter]
    if not left or not right or len(left) + len(right) != len(row.tokens):
        return False
    return right[0].x0 - left[-1].x1 >= GUTTER_GAP_SIZES * row.size


def page_lines(page: Page, body_size: float, *, measured: bool = False) -> list[Line]:
    """The lines of a page in reading order: masthead (page 1), boxes, then the columns.
    ``measured``: the page was read by OCR (its type sizes are estimates)."""
    masthead, rest = (
        masthead_rows(page.rows, body_size, measured=measured) if page.number == 0 else ([], list(page.rows))
    )
    lines = _float_lines(page.number, masthead, MASTHEAD_FLOW)
    for index, box in enumerate(page.boxes):
        lines += _float_lines(page.number, box, box_flow(index))
    lines += order_lines(replace(page, rows=tuple(rest)))
    return measure_flows(lines)


def _float_lines(page: int, rows: Sequence[Row], flow: tuple[int, str]) -> list[Line]:
    if not rows:
        return []
    left, right = min(r.x0 for r in rows), max(r.x1 for r in rows)
    return [Line(row, page, flow, left, right) for row in rows]
