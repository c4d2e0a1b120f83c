"""Reading order: the rows of a page as lines of text flows, column by column.

Columns are found from gutters (gaps many rows share), so a two- or three-column page reads
one column after the other, and full-width text (titles, headings) stays one flow.
"""

from __future__ import annotations

import itertools
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from pipeline.read.pdf.records import Line, Page, Row

# A gutter found from an empty strip needs this many column-wide lines on each side.
MIN_STRIP_ROWS = 3
# ...lines of prose, not chart labels or table figures: at least this many words with letters.
MIN_STRIP_WORDS = 3


def _gutter_gaps(row: Row, *, strict: bool = True) -> list[tuple[float, float]]:
    """Gaps in a row wide enough to be a column gutter.

    Justified lines stretch every space alike, so a gutter must also be much wider
    than the row's other spaces. ``strict`` is for finding a gutter; a row is then
    split at a known gutter on looser terms.
    """
    gaps = [(a.x1, b.x0) for a, b in zip(row.tokens, row.tokens[1:], strict=False)]
    widths = [b - a for a, b in gaps]
    min_gap = max(6.0, 1.2 * row.size) if strict else max(4.0, 0.6 * row.size)
    ratio = 2.5 if strict else 1.5
    wide = []
    for index, (a, b) in enumerate(gaps):
        others = widths[:index] + widths[index + 1 :]
        typical = statistics.median(others) if others else 0.0
        if b - a >= min_gap and b - a >= ratio * typical:
            wide.append((a, b))
    return wide


def find_gutter(rows: Sequence[Row]) -> float | None:
    """x of a column gutter: a gap shared by rows with text on both sides, or None."""
    if len(rows) < 2:
        return None
    left = min(r.x0 for r in rows)
    right = max(r.x1 for r in rows)
    width = right - left
    if width <= 0:
        return None
    lo, hi = int(left + 0.25 * width), int(left + 0.75 * width)
    # Count only gaps with a column's worth of text on each side, not the gap
    # after a hanging paragraph number.
    gaps_by_row = [
        [
            (a, b)
            for a, b in _gutter_gaps(row)
            if a - row.x0 >= 0.15 * width and row.x1 - b >= 0.15 * width
        ]
        for row in rows
    ]
    support = [0] * (hi - lo + 1)
    for gaps in gaps_by_row:
        for a, b in gaps:
            for x in range(max(lo, int(a) + 2), min(hi, int(b) - 1) + 1):
                support[x - lo] += 1
    best = max(support, default=0)
    if best < 2:
        return _empty_strip(rows, lo, hi)
    runs: list[tuple[int, int]] = []
    start = None
    for offset, value in enumerate([*support, -1]):
        if value == best and start is None:
            start = offset
        elif value != best and start is not None:
            runs.append((start, offset - 1))
            start = None
    centre = (left + right) / 2
    first, last = min(runs, key=lambda run: abs(lo + (run[0] + run[1]) / 2 - centre))
    gutter = lo + (first + last) / 2
    # In a table the rows that support the gutter are cut into narrow cells: not columns.
    supporting = [
        (row, gaps)
        for row, gaps in zip(rows, gaps_by_row, strict=True)
        if any(a < gutter < b for a, b in gaps)
    ]
    tabular = sum(1 for row, _ in supporting if _has_narrow_cells(row, width))
    if tabular > 0.5 * len(supporting):
        return None
    return gutter


def _empty_strip(rows: Sequence[Row], lo: int, hi: int) -> float | None:
    """x of a gutter between columns whose lines never share a baseline (each column with its
    own leading, or a box beside one): a strip no word crosses, with lines of a column's
    width on either side."""
    covered = [0] * (hi - lo + 1)
    for row in rows:
        for token in row.tokens:
            for x in range(max(lo, int(token.x0)), min(hi, int(token.x1)) + 1):
                covered[x - lo] += 1
    empty = [lo + i for i, count in enumerate(covered) if count == 0]
    if not empty:
        return None
    runs: list[list[int]] = [[empty[0]]]
    for x in empty[1:]:
        if x == runs[-1][-1] + 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    centre = (lo + hi) / 2
    run = min(runs, key=lambda r: abs((r[0] + r[-1]) / 2 - centre))
    gutter = (run[0] + run[-1]) / 2
    width = hi - lo  # half the text width
    lines = [r for r in rows if r.x1 - r.x0 >= 0.5 * width and _words(r) >= MIN_STRIP_WORDS]
    left = [r for r in lines if r.x1 <= gutter]
    right = [r for r in lines if r.x0 >= gutter]
    return gutter if len(left) >= MIN_STRIP_ROWS and len(right) >= MIN_STRIP_ROWS else None


def _words(row: Row) -> int:
    return sum(1 for t in row.tokens if any(c.isalpha() for c in t.text))


def _has_narrow_cells(row: Row, width: float) -> bool:
    gaps = _gutter_gaps(row)
    starts = [row.x0] + [b for _, b in gaps]
    ends = [a for a, _ in gaps] + [row.x1]
    cells = [end - start for start, end in zip(starts, ends, strict=True)]
    return len(cells) >= 3 and min(cells) < 0.12 * width


def _gutter_width(rows: Sequence[Row], x: float) -> float:
    """Typical width of the gutter at ``x``, from the rows with a clear gap there."""
    widths = [b - a for row in rows for a, b in _gutter_gaps(row) if a < x < b]
    return statistics.median(widths) if widths else 0.0


def _splits_at(row: Row, x: float, gutter_width: float) -> bool:
    """Whether a row lies wholly on either side of ``x`` or has a gutter gap there."""
    if all(t.x1 <= x for t in row.tokens) or all(t.x0 >= x for t in row.tokens):
        return True
    gaps = [(a.x1, b.x0) for a, b in itertools.pairwise(row.tokens)]
    if any(a < x < b and b - a >= 0.7 * gutter_width for a, b in gaps):
        return True  # as wide as the gutter: a column's line next to the other's
    return any(a < x < b for a, b in _gutter_gaps(row, strict=False))


def _one_side_only(band: Sequence[Row], gutter: float) -> bool:
    sides = {t.x0 + t.x1 <= 2 * gutter for r in band for t in r.tokens}
    return len(sides) < 2


def _side(row: Row, gutter: float, side: str) -> Row:
    left = side == "left"
    return Row(tuple(t for t in row.tokens if (t.x0 + t.x1 <= 2 * gutter) == left))


# Full-width lines of a page form one flow, whatever column bands come between them.
_FULL = (-1, "full")


def _regions(rows: Sequence[Row]) -> list[list[Row]]:
    """Runs of rows separated by a blank band at least a line high across the page."""
    regions: list[list[Row]] = []
    for row in rows:
        if regions:
            prev = regions[-1][-1]
            if row.top - prev.bottom <= min(prev.size, row.size):
                regions[-1].append(row)
                continue
        regions.append([row])
    return regions


def order_lines(page: Page) -> list[Line]:
    """Lines of a page in reading order: in a two-column band, left column first.

    The page's gutter is found over all rows; a region (rows between blank bands)
    with a gutter of its own, such as a title beside a date block, uses that one.
    """
    rows = page.rows
    if not rows:
        return []
    page_gutter = find_gutter(rows)
    full_left = min(r.x0 for r in rows)
    full_right = max(r.x1 for r in rows)
    # Regions with a gutter of their own are read on their own; the others are merged
    # back, so that a column running on below the end of the other stays one column.
    groups: list[tuple[float | None, list[Row]]] = []
    for region in _regions(rows):
        gutter = find_gutter(region)
        if gutter is None or (
            page_gutter is not None and abs(gutter - page_gutter) <= 3 * region[0].size
        ):
            gutter = page_gutter
        if groups and groups[-1][0] == gutter and gutter == page_gutter:
            groups[-1][1].extend(region)
        else:
            groups.append((gutter, list(region)))
    lines: list[Line] = []
    for number, (gutter, group) in enumerate(groups):
        if gutter is None:
            lines.extend(Line(r, page.number, _FULL, full_left, full_right) for r in group)
        else:
            lines.extend(_order_region(page.number, number, group, gutter, full_left, full_right))
    return measure_flows(lines)


def measure_flows(lines: Sequence[Line]) -> list[Line]:
    """Set each flow's right edge: where most of its full lines end.

    A high percentile rather than the maximum, so that one wide title above a
    column does not set the column's edge.
    """
    by_flow: dict[tuple[int, str], list[float]] = defaultdict(list)
    for line in lines:
        by_flow[line.flow].append(line.row.x1)
    edges: dict[tuple[int, str], float] = {}
    for flow, ends in by_flow.items():
        ends.sort()
        edges[flow] = ends[-1] if len(ends) < 5 else ends[int(0.9 * (len(ends) - 1))]
    return [replace(line, flow_right=edges[line.flow]) for line in lines]


def _order_region(
    page_number: int,
    region_number: int,
    rows: Sequence[Row],
    gutter: float,
    full_left: float,
    full_right: float,
    *,
    full_flow: tuple[int, str] = _FULL,
    path: str = "",
) -> list[Line]:
    """Lines of rows split at a gutter: bands of left column then right column.

    A column with a gutter of its own (a three-column page) is split again.
    """
    bands: list[tuple[bool, list[Row]]] = []  # runs of rows split at the gutter
    gutter_width = _gutter_width(rows, gutter)
    for row in rows:
        split = _splits_at(row, gutter, gutter_width)
        if bands and bands[-1][0] == split and split:
            bands[-1][1].append(row)
        else:
            bands.append((split, [row]))
    lines: list[Line] = []
    for number, (split, band) in enumerate(bands):
        if not split or _one_side_only(band, gutter):
            # Text on one side of the gutter only (short lines of full-width text) is
            # not a column band.
            lines.extend(Line(r, page_number, full_flow, full_left, full_right) for r in band)
            continue
        tail: list[Row] = []
        if number + 1 < len(bands):
            # Left-only rows below the right column, just above full-width text, are
            # full-width lines (a heading after a two-column band), not left column.
            right_rows = [r for r in band if _side(r, gutter, "right").tokens]
            right_bottom = max((r.bottom for r in right_rows), default=None)
            while band and right_bottom is not None and band[-1].top >= right_bottom:
                tail.insert(0, band.pop())
        for side in ("left", "right"):
            side_rows = [s for s in (_side(r, gutter, side) for r in band) if s.tokens]
            if not side_rows:
                continue
            side_path = f"{path}{number}{side[0]}"
            side_left = min(r.x0 for r in side_rows)
            side_right = max(r.x1 for r in side_rows)  # refined by _measure_flows
            inner = find_gutter(side_rows) if len(path) < 6 else None
            if inner is not None:
                lines.extend(
                    _order_region(
                        page_number,
                        region_number,
                        side_rows,
                        inner,
                        side_left,
                        side_right,
                        full_flow=(region_number, side_path),
                        path=side_path + "/",
                    )
                )
                continue
            lines.extend(
                Line(r, page_number, (region_number, side_path), side_left, side_right)
                for r in side_rows
            )
        lines.extend(Line(r, page_number, full_flow, full_left, full_right) for r in tail)
    return lines
