"""Figures set out on lines of their own, and what the lines around them say they count.

Situation reports and newsletters set key figures apart from their prose: a column of
figures, each alone on its line, then their labels in the same order ("3.8 million",
"1.3 million", "People in need", "People displaced"); or a short label with a colon or a
dash before a figure ("Volunteers: 14", "Attendance at the north gate - 10"). The parse
reads such lines as one run-on sentence; the lines themselves say what is counted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.extract.statistics.rules import StatisticsRules, key
from pipeline.extract.statistics.surface import Group, match_qualifier_before

# A label is a short line of words: a sentence is no label.
MAX_LABEL_WORDS = 12
# A label before a figure on its line ("Attendance - 10") is shorter still.
MAX_LEAD_WORDS = 6
_LINE = re.compile(r"[^\n]+")
_BULLETS = " \t•●○◦▪■□–—-*·>"
_LEAD_MARK = re.compile(r"\s*[:\-–—]\s*$")
_LABEL_END = " \t*:†‡"
# Words that end a phrase running on to a figure, not a label: prepositions, articles, verbs of being.
_RUNS_ON = frozenset(
    {"to", "of", "at", "in", "on", "for", "by", "with", "from", "and", "or", "the", "a", "an", "is", "are",
     "was", "were", "be", "been", "about", "than", "over", "under", "nearly", "around"}
)


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    """The non-blank lines of ``text`` with their offsets, bullets and spaces stripped."""
    lines: list[_Line] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip(_BULLETS)
        if stripped:
            start = match.start() + raw.index(stripped)
            lines.append(_Line(start, start + len(stripped), stripped))
    return lines


def _figure_of(line: _Line, groups: Sequence[Group]) -> int | None:
    """The index of the group that is all of ``line``, if one is."""
    for index, group in enumerate(groups):
        if group.char_start <= line.start and line.end <= group.char_end:
            return index
        if group.char_start >= line.end:
            break
    return None


def _is_label(line: _Line) -> bool:
    """A short line of words that is no sentence ("Children under five reached")."""
    return (
        len(line.text.split()) <= MAX_LABEL_WORDS
        and any(ch.isalpha() for ch in line.text)
        and not line.text.endswith((".", "!", "?"))
    )


def _stands_out(text: str, group: Group) -> bool:
    """A figure set apart alone, unlike a bare page or item number: "3.8 million", "45%", "1,200"."""
    return (
        group.unit is not None
        or group.written_qualifier
        or not text[group.char_start : group.char_end].isdigit()
    )


def figure_labels(text: str, groups: Sequence[Group]) -> dict[int, str]:
    """Group index -> label, for figures alone on their lines followed by as many label lines.

    One figure alone counts only when it stands out as a figure (a unit, a scale word, a
    separator), since a bare number alone on a line is more often a page or item number.
    Where as many label lines come just before the figures too, the labels may stand above
    their figures ("People in need / 3.8 million / People reached / 2.7 million"): no pairing.
    """
    lines = _lines(text)
    labels: dict[int, str] = {}
    i = 0
    while i < len(lines):
        first = i
        figures: list[int] = []
        while i < len(lines) and (index := _figure_of(lines[i], groups)) is not None:
            figures.append(index)
            i += 1
        if not figures:
            i += 1
            continue
        captions: list[_Line] = []
        while i < len(lines) and len(captions) < len(figures) and _is_label(lines[i]):
            captions.append(lines[i])
            i += 1
        above = lines[max(first - len(figures), 0) : first]
        if (
            len(captions) < len(figures)
            or (len(above) == len(figures) and all(_is_label(line) for line in above))
            or (len(figures) == 1 and not _stands_out(text, groups[figures[0]]))
        ):
            continue
        for index, caption in zip(figures, captions, strict=True):
            labels[index] = caption.text.strip(_LABEL_END)
    return labels


def label_before(text: str, group: Group, rules: StatisticsRules) -> str | None:
    """ "Attendance at the north gate - 10": a short label that starts the figure's line."""
    line_start = text.rfind("\n", 0, group.char_start) + 1
    lead = text[line_start : group.char_start]
    mark = _LEAD_MARK.search(lead)
    if mark is None:
        return None
    label = lead[: mark.start()].strip(_BULLETS)
    words = label.split()
    if not words or len(words) > MAX_LEAD_WORDS or any(ch.isdigit() for ch in label):
        return None
    if not label[0].isalpha() or key(words[-1]) in rules.name_context_before:
        return None  # "Room: 12", "Tel. - 5550"
    return label


def line_label(text: str, group: Group, rules: StatisticsRules) -> str | None:
    """ "Hours worked 96", "Volunteers: 12": a line that is a short label, then the figure, and
    nothing after it. The line says what is counted; the parse, which runs such lines together,
    would take a word of the next line."""
    line_end = text.find("\n", group.char_end)
    rest = text[group.char_end : len(text) if line_end < 0 else line_end]
    if rest.strip(" \t.;,)"):
        return None
    line_start = text.rfind("\n", 0, group.char_start) + 1
    lead = text[line_start : group.char_start]
    mark = _LEAD_MARK.search(lead)
    label = (lead[: mark.start()] if mark else lead).strip(_BULLETS)
    qualifier = match_qualifier_before(label + " ", rules)
    if qualifier is not None:  # "Exotic tufted perennial to 1.2 m": "to" qualifies the figure
        label = label[: qualifier[1]].rstrip()
    words = label.split()
    if not words or len(words) > MAX_LEAD_WORDS or any(ch.isdigit() for ch in label):
        return None
    if not label[0].isupper() or label.endswith((".", ",", ";")) or words[-1].lower() in _RUNS_ON:
        return None  # a phrase running on to the figure, not a label ("The total came to 45")
    if key(words[-1]) in rules.name_context_before:
        return None  # "Room 12", "Page 3"
    return label
