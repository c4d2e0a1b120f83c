"""Lines into the document's text, paragraphs separated as in a text bulletin.

Paragraph breaks, end-of-line hyphens and the offset where each page starts are decided
here, over all lines at once, because the typical line gap and the vocabulary that settles
a hyphen come from the whole document.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.read.lines import ends_sentence, join_lines, starts_item, vocabulary
from pipeline.read.pdf.records import Line, is_float

_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")


def _normal_gap_ratio(lines: Sequence[Line]) -> float:
    ratios = []
    for prev, line in itertools.pairwise(lines):
        if prev.page != line.page or prev.flow != line.flow:
            continue
        size = line.row.size
        gap = line.row.top - prev.row.bottom
        if abs(prev.row.size - size) <= 0.5 and -0.1 * size <= gap <= 2 * size:
            ratios.append(gap / size)
    return statistics.median(ratios) if ratios else 0.25


def _ended_early(prev: Line, line: Line) -> bool:
    """Whether ``prev`` stops short although the next line's first word would have fit.

    The flow's right edge is where most lines end, at most the true margin, so a
    line that ran out of room is never taken for one that was ended on purpose.
    """
    if re.search(r"\w[-\u00ad]$", prev.row.text):
        return False  # hyphenated: the rest of the word did not fit
    first = line.row.tokens[0]
    room = prev.flow_right - prev.row.x1
    return room > (first.x1 - first.x0) + 0.5 * prev.row.size


def starts_paragraph(prev: Line, line: Line, normal_gap: float) -> bool:
    """Whether ``line`` opens a new paragraph after ``prev``."""
    a, b = prev.row, line.row
    if prev.flow != line.flow and (is_float(prev.flow) or is_float(line.flow)):
        return True  # a masthead or a box never runs on into the columns
    if starts_item(b.text):
        return True
    if a.bold != b.bold or abs(a.size - b.size) > 1.0:
        return True
    ended = bool(_TERMINAL.search(a.text))
    if prev.page != line.page or prev.flow != line.flow:
        # A column or page break: the paragraph goes on unless its last line ended
        # a sentence and stopped short. A line that fills the column ends no paragraph.
        return ended and not b.text[:1].islower() and _ended_early(prev, line)
    if b.top - a.bottom > (normal_gap + 0.3) * b.size:
        return True
    if b.text[:1].islower():
        return False
    if _ended_early(prev, line):
        return True  # the last line of a paragraph, or a line broken on purpose
    sentence_end = ends_sentence(a.text)
    return sentence_end and b.x0 - a.x0 > b.size and b.x0 > line.flow_left + b.size  # indent


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the assembled text, ``text[start:end]``, and the lines it was made of."""

    start: int
    end: int
    lines: tuple[Line, ...]


def assemble_text(lines: Sequence[Line], *, n_pages: int) -> tuple[str, tuple[int, ...], list[Paragraph]]:
    """Join lines into paragraphs; return the text, the offset where each page starts, and
    the paragraphs."""
    normal_gap = _normal_gap_ratio(lines)
    known = vocabulary(line.row.text for line in lines)
    starts: dict[int, int] = {}
    parts: list[str] = []  # finished text, then the current line
    length = 0  # characters in parts[:-1]
    prev: Line | None = None
    opened: list[tuple[int, list[Line]]] = []  # each paragraph's start and lines
    for line in lines:
        piece = line.row.text
        if prev is None:
            parts.append(piece)
            start = 0
            opened.append((start, [line]))
        elif starts_paragraph(prev, line, normal_gap):
            length += len(parts[-1]) + 2
            parts.append("\n\n")
            parts.append(piece)
            start = length
            opened.append((start, [line]))
        else:
            joined = join_lines(parts[-1], piece, vocabulary=known)
            start = length + len(joined) - len(piece)
            length += len(joined) - len(piece)
            parts[-1] = joined[: len(joined) - len(piece)]
            parts.append(piece)
            opened[-1][1].append(line)
        starts.setdefault(line.page, start)
        prev = line
    text = "".join(parts)
    page_starts = [0] * n_pages
    following = len(text)
    for number in range(n_pages - 1, 0, -1):
        following = starts.get(number, following)
        page_starts[number] = following
    ends = [s - 2 for s, _ in opened[1:]] + [len(text)]
    paragraphs = [Paragraph(s, e, tuple(ls)) for (s, ls), e in zip(opened, ends, strict=True)]
    return text, tuple(page_starts), paragraphs
