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
from functools import cache
from typing import Any

from pipeline.core.datafiles import load_data
from pipeline.read.pdf.records import Line, is_float

_NUMBERED_ITEM = re.compile(r"^\d{1,2}\.\s+\S")
_LIST_ITEM = re.compile(r"^(\(?([a-z]|[ivx]{1,4})\)|\(\d{1,2}\))\s+\S")
_BULLET = re.compile(r"^[•●▪■◦‣∙·*–—-]\s+\S")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
_LINE_END_HYPHEN = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^(\w+)")
_WORD = re.compile(r"\w+")
_COMPOUND = re.compile(r"\b(\w+)-(\w+)\b")


@dataclass(frozen=True)
class Hyphenation:
    """Halves of compounds that keep their hyphen across a line break (``data/pdf.yaml``)."""

    compound_tails: frozenset[str]
    compound_heads: frozenset[str]


@cache
def default_hyphenation() -> Hyphenation:
    raw = load_data("pdf.yaml")
    return Hyphenation(
        compound_tails=_word_set(raw, "compound_tails"),
        compound_heads=_word_set(raw, "compound_heads"),
    )


def _word_set(raw: dict[str, Any], key: str) -> frozenset[str]:
    words = raw[key]
    odd = [w for w in words if not isinstance(w, str)]
    if odd:  # YAML reads a bare on/off/yes/no as true/false
        raise ValueError(f"pdf.yaml: {key} has {odd!r}, not words; quote them")
    return frozenset(w.casefold() for w in words)


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


def starts_item(text: str) -> bool:
    """A line that opens a numbered item, a lettered sub-item or a bullet."""
    return bool(_NUMBERED_ITEM.match(text) or _LIST_ITEM.match(text) or _BULLET.match(text))


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
    sentence_end = bool(_SENTENCE_END.search(a.text))
    return sentence_end and b.x0 - a.x0 > b.size and b.x0 > line.flow_left + b.size  # indent


def join_lines(
    before: str,
    after: str,
    *,
    words: set[str],
    compounds: set[str],
    hyphenation: Hyphenation | None = None,
) -> str:
    """Join two lines of one paragraph, undoing end-of-line hyphenation."""
    if before.endswith("\u00ad"):
        return before[:-1] + after  # a soft hyphen: a hyphenation point, not a hyphen
    hyphen = _LINE_END_HYPHEN.search(before)
    if hyphen is None or before.endswith(" -"):
        return f"{before} {after}"
    head = hyphen.group(1)
    match = _FIRST_WORD.match(after)
    tail = match.group(1) if match else ""
    if not tail or not (head[-1].isalpha() and head[-1].islower() and tail[0].islower()):
        return before + after  # "Asia-\nPacific", "EC-\n94/DEC.2": the hyphen is real
    key = f"{head}-{tail}".casefold()
    joined = f"{head}{tail}".casefold()
    if key in compounds:
        return before + after
    keep = hyphenation or default_hyphenation()
    if joined not in words and (
        tail.casefold() in keep.compound_tails or head.casefold() in keep.compound_heads
    ):
        return before + after
    return before[:-1] + after


def _vocabulary(lines: Sequence[Line]) -> tuple[set[str], set[str]]:
    words: set[str] = set()
    compounds: set[str] = set()
    for line in lines:
        text = line.row.text.casefold()
        body = text[:-1] if text.endswith("-") else text
        words.update(_WORD.findall(body))
        compounds.update(f"{a}-{b}" for a, b in _COMPOUND.findall(body))
    return words, compounds


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
    words, compounds = _vocabulary(lines)
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
            joined = join_lines(parts[-1], piece, words=words, compounds=compounds)
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
