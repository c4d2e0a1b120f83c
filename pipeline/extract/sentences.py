"""Sentence lookup for the extractors, in one place.

Three views of the same parse, each kept because a stage's rules were written for it:
``sentence_bounds`` (character bounds that also cut at a section's heading, blank lines
and list bullets: events), ``sentence_span`` / ``sentence_edges`` (token spans that never
run over a blank line: statistics) and ``parser_sentence_bounds`` (the parser's sentence
as it is: places).
"""

from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from pipeline.core.records import (
    Section,
)

_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr|\bMs|\bDr|\bNo|\bSt)(?<!\bMrs)(?<!\bProf)[.!?][\"”’)]?\s+(?=[\"“(]?[A-Z0-9])"
)


_PARAGRAPH = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*[-•*–][ \t])")


def sentence_bounds(section: Section, doc: Doc) -> list[tuple[int, int]]:
    """Character bounds of the heading and of each sentence of the body.

    Uses the parser's sentences when the doc has them (else a punctuation rule), and
    always cuts at the end of the heading, at blank lines and before list bullets.
    """
    text = section.text
    cuts = {0, len(text)}
    if 0 < section.heading_end <= len(text):
        cuts.add(section.heading_end)
    if doc.has_annotation("SENT_START"):
        found = {sent.start_char for sent in doc.sents}
    else:
        found = {m.end() for m in _SENTENCE_END.finditer(text)}
    found.update(m.end() for m in _PARAGRAPH.finditer(text))
    # The heading is one sentence: "3." or "Mr." in it ends nothing.
    cuts.update(c for c in found if c >= section.heading_end)
    bounds = []
    ordered = sorted(cuts)
    for start, end in itertools.pairwise(ordered):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            bounds.append((start, end))
    return bounds


def sentence_span(doc: Doc, i: int) -> Span:
    """The sentence holding token ``i`` (the whole doc when it has no sentence boundaries)."""
    if not doc.has_annotation("SENT_START"):
        return doc[:]
    starts, ends = sentence_edges(doc)
    return doc[starts[bisect.bisect_right(starts, i) - 1] : ends[bisect.bisect_right(ends, i)]]


@lru_cache(maxsize=4)  # the section being read; a Doc is hashed by identity
def sentence_edges(doc: Doc) -> tuple[list[int], list[int]]:
    """Token indexes where sentences start, and where they end (exclusive), in order.

    A sentence never runs over a blank line (the parser may join a heading to its
    paragraph): the token after a blank line starts one, and the blank line ends one.
    ``Token.sent`` would scan every sentence of the doc on each call.
    """
    starts = [0]
    ends = []
    previous_break = False
    for token in doc:
        sentence_start = bool(token.is_sent_start)
        paragraph_break = is_paragraph_break(token)
        if token.i > 0 and (sentence_start or previous_break):
            starts.append(token.i)
        if token.i > 0 and (sentence_start or paragraph_break):
            ends.append(token.i)
        previous_break = paragraph_break
    ends.append(len(doc))
    return starts, ends


def is_paragraph_break(token: Token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


def parser_sentence_bounds(doc: Doc, i: int) -> tuple[int, int]:
    if doc.has_annotation("SENT_START"):
        sent = doc[i].sent
        return sent.start_char, sent.end_char
    return 0, len(doc.text)
