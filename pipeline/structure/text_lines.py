"""The lines of a text with their offsets, as the heading rules read them (``headings``,
``contents``): trimmed, blank lines left out, and whether a blank line stands on either side."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    blank_before: bool
    blank_after: bool


def text_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, trimmed, with whether a blank line stands before and after."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        a, b = match.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    lines = []
    for i, (a, b) in enumerate(spans):
        before = text.count("\n", spans[i - 1][1], a) >= 2 if i else True
        after = text.count("\n", b, spans[i + 1][0]) >= 2 if i + 1 < len(spans) else True
        lines.append(Line(a, b, text[a:b], before, after))
    return lines
