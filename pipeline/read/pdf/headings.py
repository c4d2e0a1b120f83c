"""Headings from typography: short paragraphs set larger than the body text, in bold or in
capitals.

A PDF states no structure, but its type does: an article's title stands alone, in a larger
size, in bold or in capitals (a typed newsletter's, and on a scan, where OCR measures capitals
no taller than the body's lines), above the article. Consecutive heading paragraphs of one flow are one
heading (a title over a date line and a place line) while they are set in one size; a
smaller one after them is a subheading or a caption. Levels follow size, the largest first;
a heading set only in bold at the body's size is below any set larger. The masthead is not
a heading: it is the document's title.

On a page read by OCR the sizes are estimates, from the height of each line's box (capitals,
descenders and the engine's boxes move them by a point or two): they tell a heading from the
body, not one heading's rank from another's, so every heading of such a page is at the top
level.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from pipeline.core.records import Heading
from pipeline.read.lines import starts_item
from pipeline.read.pdf.paragraphs import Paragraph
from pipeline.read.pdf.records import MASTHEAD_FLOW

# A heading is set at least this much larger than the body text, or in bold.
HEADING_SIZE_RATIO = 1.1
MAX_HEADING_LINES = 3
MAX_HEADING_WORDS = 15
MAX_LARGER_HEADING_WORDS = 22
MIN_CAPITAL_LETTERS = 8
_BRACKETED = re.compile(r"\([^)]*\)")
_ENDS_SENTENCE = re.compile(r"[.,;:][\"'”’)\]]*$")


def is_heading(paragraph: Paragraph, text: str, body_size: float, *, runs_on: bool = False) -> bool:
    """Whether a paragraph is set as a heading; ``runs_on``: its last word ends with a comma,
    the heading going on in the next paragraph ("Previous meeting," / "October 15th")."""
    words = text[paragraph.start : paragraph.end].split()
    if runs_on and not (words and words[-1].endswith(",")):
        return False
    rows = [line.row for line in paragraph.lines]
    larger = all(row.size >= HEADING_SIZE_RATIO * body_size for row in rows)
    # A title set larger than the body may run longer than one set in bold or capitals only.
    max_words = MAX_LARGER_HEADING_WORDS if larger else MAX_HEADING_WORDS
    if not words or len(paragraph.lines) > MAX_HEADING_LINES or len(words) > max_words:
        return False
    if paragraph.lines[0].flow == MASTHEAD_FLOW:
        return False
    first = words[0]
    if not (first[0].isupper() or first[0].isdigit() or first[0] in "\"“‘'(["):
        return False
    last = words[-1][:-1] if runs_on else words[-1]
    if _ENDS_SENTENCE.search(last) or starts_item(paragraph.lines[0].row.text):
        return False
    return larger or all(row.bold for row in rows) or in_capitals(text[paragraph.start : paragraph.end])


def in_capitals(heading: str) -> bool:
    """A heading set in capitals at the body's size ("DRAFT MANAGEMENT PLAN (continued)"): every
    letter outside brackets is a capital, and there are enough of them to be words."""
    letters = [c for c in _BRACKETED.sub("", heading) if c.isalpha()]
    return len(letters) >= MIN_CAPITAL_LETTERS and all(c.isupper() for c in letters)


def typographic_headings(
    text: str,
    paragraphs: Sequence[Paragraph],
    body_size: float,
    measured_pages: Collection[int] = frozenset(),
) -> tuple[Heading, ...]:
    """The headings of an assembled PDF text, with levels by type size. Heading paragraphs
    that follow each other in one flow are one heading while they are set in one size; one
    set smaller after a heading is its subheading or a caption ("Future programme" over
    "Next meeting, Sunday 16 January"), not more of its title; a heading line ending with a
    comma runs on into the heading after it, whatever its size ("Previous meeting," / "October
    15th"). ``measured_pages`` (0-based):
    pages whose sizes were measured from OCR boxes; their headings are all at level 1."""
    runs: list[list[Paragraph]] = []
    previous: Paragraph | None = None
    lead: Paragraph | None = None  # a heading's first part, ending with a comma
    for paragraph in paragraphs:
        if not is_heading(paragraph, text, body_size):
            previous = None
            lead = paragraph if is_heading(paragraph, text, body_size, runs_on=True) else None
            continue
        if lead is not None and lead.lines[-1].flow == paragraph.lines[0].flow:
            runs.append([lead, paragraph])
        elif (
            previous is not None
            and previous.lines[-1].flow == paragraph.lines[0].flow
            and _size([previous]) == _size([paragraph])
        ):
            runs[-1].append(paragraph)
        else:
            runs.append([paragraph])
        previous, lead = paragraph, None
    # A heading heads something: a run at the very end of the text heads nothing.
    runs = [run for run in runs if run[-1].end < len(text.rstrip())]
    sizes = sorted({_size(run) for run in runs}, reverse=True)
    return tuple(
        Heading(
            run[0].start,
            run[-1].end,
            1 if run[0].lines[0].page in measured_pages else sizes.index(_size(run)) + 1,
        )
        for run in runs
    )


def _size(run: Sequence[Paragraph]) -> float:
    return round(max(line.row.size for p in run for line in p.lines))
