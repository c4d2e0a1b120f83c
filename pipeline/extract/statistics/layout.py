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
from dataclasses import dataclass, replace

from pipeline.extract.statistics.rules import StatisticsRules, key
from pipeline.extract.statistics.surface import Group, match_qualifier_before

# A label is a short line of words: a sentence is no label.
MAX_LABEL_WORDS = 12
# A label before a figure on its line ("Attendance - 10") is shorter still.
MAX_LEAD_WORDS = 6
# A label above its figure may wrap over a few short lines.
MAX_LABEL_LINES = 4
_LINE = re.compile(r"[^\n]+")
_BULLETS = " \t•●○◦▪■□–—-*·>"
_LEAD_MARK = re.compile(r"\s*[:\-–—]\s*$")
_LABEL_END = " \t*:†‡"
# Words that end a phrase running on to a figure, not a label: prepositions, articles, verbs of being.
_RUNS_ON = frozenset(
    {
        "to",
        "of",
        "at",
        "in",
        "on",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "the",
        "a",
        "an",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "about",
        "than",
        "over",
        "under",
        "nearly",
        "around",
    }
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


def bare_alone(text: str, group: Group) -> bool:
    """A bare number alone on its line ("2" above "Assemblée générale"): a page or item number
    of a table of contents, which the parse, running the lines together, would read as a count
    of the next line's first noun."""
    line_start = text.rfind("\n", 0, group.char_start) + 1
    line_end = text.find("\n", group.char_end)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    return line.strip(_BULLETS) == text[group.char_start : group.char_end] and not _stands_out(text, group)


def _is_source(line: _Line, rules: StatisticsRules | None) -> bool:
    """ "Source: DTM", "Sources : OCHA, Unicef": where a figure comes from, not what it counts."""
    first = line.text.split(":", 1)[0].strip()
    return rules is not None and ":" in line.text and key(first) in rules.source_words


def _label_above(lines: Sequence[_Line], first: int, rules: StatisticsRules) -> str | None:
    """The label written above a figure, over as many lines as it runs on ("Nb. de décès dus" /
    "au choléra" / "96"): back from the figure over source lines, then up the lines of the
    label while a line starts in lower case or the line above ends on a link word."""
    k = first - 1
    while k >= 0 and _is_source(lines[k], rules):
        k -= 1
    if k < 0 or not _is_label(lines[k]):
        return None
    # A label that opens with a count noun ("Nb. d'enfants", "Number of") starts there.
    counted = next(
        (
            t
            for t in range(k, max(k - MAX_LABEL_LINES, -1), -1)
            if _is_label(lines[t]) and key(lines[t].text.split()[0]) in rules.count_nouns
        ),
        None,
    )
    top = k if counted is None else counted
    while (
        counted is None
        and top > 0
        and k - top < MAX_LABEL_LINES
        and _is_label(lines[top - 1])
        and (lines[top].text[:1].islower() or key(lines[top - 1].text.split()[-1]) in rules.label_links)
    ):
        top -= 1
    label = " ".join(line.text for line in lines[top : k + 1])
    return label.strip(_LABEL_END) if len(label.split()) <= MAX_LABEL_WORDS else None


def figure_labels(text: str, groups: Sequence[Group], rules: StatisticsRules | None = None) -> dict[int, str]:
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
        if len(figures) == 1 and rules is not None and rules.source_words:
            # A key figure under its label ("Nb. de déplacés dans les camps" / "59 000"): the
            # label is above when it opens with a count noun or when a source line follows.
            above_label = _label_above(lines, first, rules)
            sourced = i < len(lines) and _is_source(lines[i], rules)
            counting = above_label is not None and key(above_label.split()[0]) in rules.count_nouns
            if above_label is not None and (counting or (sourced and _stands_out(text, groups[figures[0]]))):
                labels[figures[0]] = above_label
                continue
        captions: list[_Line] = []
        while i < len(lines) and len(captions) < len(figures) and _is_label(lines[i]):
            if _is_source(lines[i], rules):
                break
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


def scaled_count(group: Group, label: str, rules: StatisticsRules) -> Group:
    """A key figure whose label counts ("Nb. de personnes" / "3,6 m") and whose unit is also a
    scale suffix: the suffix is the scale ("3,6 m" is 3.6 million people, not metres)."""
    scale = rules.scale_suffixes.get(group.unit or "")
    words = label.split()
    if scale is None or not words or key(words[0]) not in rules.count_nouns:
        return group
    rows = tuple(replace(row, value=row.value * scale) for row in group.rows)
    return replace(group, rows=rows, unit=None)
