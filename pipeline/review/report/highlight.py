"""Marking spans of a bulletin's text (mentions, dates, statistics, event sentences) in HTML.

Spans overlap and cross each other in real text, while HTML elements must nest; this is the one
place that turns arbitrary spans into well-nested elements.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.review.report.markup import attr, esc

# Highlight kinds, outermost first when two spans cover the same text. The kind is the CSS
# class (``hl-<kind>``); ENTITY_LABELS are the mention labels with a kind of their own, any
# other model label is shown muted as OTHER.
KINDS: tuple[str, ...] = ("HEADING", "EVENT", "ORG", "PLACE", "PERSON", "DATE", "STAT", "OTHER")
ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "PLACE"})
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}
_SPAN_TAGS = {"HEADING": "span"}  # everything else is a <mark>


@dataclass(frozen=True)
class Highlight:
    """A span of the document text to highlight (document offsets, end exclusive)."""

    start: int
    end: int
    kind: str  # one of KINDS
    label: str = ""  # shown after the span; none when empty
    title: str = ""  # tooltip
    anchor: str | None = None  # element id, for links to the span
    link: str | None = None  # where the label links to (the span's table row)
    wrong: bool = False  # a prediction the golden file does not have


def render_text(text: str, highlights: Iterable[Highlight], offset: int = 0) -> str:
    """HTML of ``text`` (which starts at document offset ``offset``) with every highlight
    wrapped in an element of class ``hl hl-<kind>``.

    Nested spans nest; a span that crosses the end of another is closed there and reopened
    after it (the second piece has class ``cont`` and neither id nor label). Spans are
    clipped to the text; empty ones are dropped.
    """
    end_of_text = offset + len(text)
    spans = sorted(
        (_clip(h, offset, end_of_text) for h in highlights if max(h.start, offset) < min(h.end, end_of_text)),
        key=lambda h: (h.start, -h.end, _PRIORITY.get(h.kind, len(KINDS))),
    )
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for span in spans:
        starting[span.start].append(span)
    points = sorted({p for s in spans for p in (s.start, s.end)})
    out: list[str] = []
    stack: list[Highlight] = []
    position = offset
    for point in points:
        out.append(html.escape(text[position - offset : point - offset], quote=False))
        position = point
        ending = [i for i, s in enumerate(stack) if s.end == point]
        if ending:
            depth = ending[0]
            reopen = []
            for span in reversed(stack[depth:]):
                finished = span.end == point
                out.append(_close(span, finished))
                if not finished:
                    reopen.append(span)
            del stack[depth:]
            for span in reversed(reopen):
                out.append(_open(span, first=False))
                stack.append(span)
        for span in starting.get(point, ()):
            out.append(_open(span, first=True))
            stack.append(span)
    out.append(html.escape(text[position - offset :], quote=False))
    return "".join(out)


def _clip(h: Highlight, lo: int, hi: int) -> Highlight:
    """The part of ``h`` inside [lo, hi): its id stays with its start, its label with its end."""
    if lo <= h.start and h.end <= hi:
        return h
    return Highlight(
        max(h.start, lo),
        min(h.end, hi),
        h.kind,
        h.label if h.end <= hi else "",
        h.title,
        h.anchor if h.start >= lo else None,
        h.link,
        h.wrong,
    )


def _open(span: Highlight, first: bool) -> str:
    classes = ["hl", f"hl-{span.kind.lower()}"]
    if span.wrong:
        classes.append("wrong")
    if not first:
        classes.append("cont")
    attrs = [f'class="{" ".join(classes)}"']
    if first and span.anchor:
        attrs.append(f'id="{attr(span.anchor)}"')
    if span.title:
        attrs.append(f'title="{attr(span.title)}"')
    return f"<{_SPAN_TAGS.get(span.kind, 'mark')} {' '.join(attrs)}>"


def _close(span: Highlight, finished: bool) -> str:
    tag = f"</{_SPAN_TAGS.get(span.kind, 'mark')}>"
    if not (finished and span.label):
        return tag
    label = esc(span.label)
    if span.link:
        return f'<a class="lbl" href="{attr(span.link)}">{label}</a>{tag}'
    return f'<span class="lbl">{label}</span>{tag}'
