"""One section's tokens, sentence numbers and offsets, shared by every event rule.

The rules look at words, sentences and the heading of a section many times; this view is
built once per section, with the word-sequence lookups the rules share.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

from spacy.tokens import Doc, Token

from pipeline.core.records import Section
from pipeline.extract.events.lexicon import Words
from pipeline.extract.sentences import sentence_bounds

_SPACES = re.compile(r"\s+")
_LABEL_ENDS = frozenset(":–—")
_SENTENCE_ENDS = frozenset(".!?…")
_CLOSERS = "\"”’»)] "


@dataclass(frozen=True)
class SectionText:
    """A section's non-space tokens with their sentence numbers.

    Sentence 0 is the heading when the section has one; offsets are relative to
    ``section.text``.
    """

    section: Section
    tokens: tuple[Token, ...]
    lower: tuple[str, ...]
    sentence_of: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]  # character bounds of each sentence
    tagged: bool
    parsed: bool  # the doc has a dependency parse
    has_heading: bool
    title_start: int  # first character of the title in the heading (after "3. ")
    doc_indices: tuple[int, ...] = ()  # each token's index in the doc

    def start(self, i: int) -> int:
        return int(self.tokens[i].idx)

    def end(self, i: int) -> int:
        token = self.tokens[i]
        return int(token.idx + len(token.text))

    def span_text(self, start: int, end: int) -> str:
        """Text of tokens [start, end) with white space collapsed."""
        if start >= end:
            return ""
        return _SPACES.sub(" ", self.section.text[self.start(start) : self.end(end - 1)]).strip()

    def in_heading(self, i: int) -> bool:
        return self.has_heading and self.sentence_of[i] == 0

    def index_of(self, token: Token) -> int | None:
        """The position in ``tokens`` of a token of the doc (None for white space)."""
        k = bisect.bisect_left(self.doc_indices, token.i)
        return k if k < len(self.tokens) and self.doc_indices[k] == token.i else None


def _join_labels(text: str, bounds: Sequence[tuple[int, int]], heading_end: int) -> list[tuple[int, int]]:
    """A sentence that ends in a colon or dash on the same line as the next is a label of it
    ("- 3 June 2021: Expert Roundtable on Ethics, Geneva"): one sentence."""
    joined: list[tuple[int, int]] = []
    for start, end in bounds:
        if joined:
            lo, hi = joined[-1]
            if hi > heading_end and text[hi - 1] in _LABEL_ENDS and "\n" not in text[hi:start]:
                joined[-1] = (lo, end)
                continue
        joined.append((start, end))
    return joined


def _join_broken_lines(
    text: str, bounds: Sequence[tuple[int, int]], heading_end: int
) -> list[tuple[int, int]]:
    """A line the parser cut with no full stop is one sentence: the model splits lines in
    capitals word by word ("COMPTE RENDU DE L'ASSEMBLEE GENERALE DU 11 AVRIL 2015")."""
    joined: list[tuple[int, int]] = []
    for start, end in bounds:
        if joined:
            lo, hi = joined[-1]
            last = text[lo:hi].rstrip(_CLOSERS)[-1:]
            if hi > heading_end and "\n" not in text[hi:start] and last and last not in _SENTENCE_ENDS:
                joined[-1] = (lo, end)
                continue
        joined.append((start, end))
    return joined


def section_text(section: Section, doc: Doc) -> SectionText:
    bounds = _join_labels(section.text, sentence_bounds(section, doc), section.heading_end)
    bounds = _join_broken_lines(section.text, bounds, section.heading_end)
    starts = [b[0] for b in bounds]
    tokens = tuple(t for t in doc if not t.is_space)
    sentence_of = tuple(max(0, bisect.bisect_right(starts, t.idx) - 1) for t in tokens)
    heading = section.text[: section.heading_end]
    title_start = 0
    if section.title and section.title in heading:
        title_start = heading.index(section.title)
    return SectionText(
        section=section,
        tokens=tokens,
        lower=tuple(t.lower_ for t in tokens),
        sentence_of=sentence_of,
        sentences=tuple(bounds),
        tagged=doc.has_annotation("TAG") or doc.has_annotation("POS"),
        parsed=doc.has_annotation("DEP"),
        has_heading=section.heading_end > 0 and bool(bounds) and bounds[0][1] <= section.heading_end,
        title_start=title_start,
        doc_indices=tuple(t.i for t in tokens),
    )


def match(lower: Sequence[str], i: int, words: Words) -> bool:
    return tuple(lower[i : i + len(words)]) == words


def ends_with(lower: Sequence[str], end: int, words: Words) -> bool:
    """Do the words just before token ``end`` spell ``words``?"""
    start = end - len(words)
    return start >= 0 and tuple(lower[start:end]) == words


@lru_cache(maxsize=64)
def _phrases_by_first_word(
    phrases: tuple[Words, ...],
) -> tuple[Mapping[str, tuple[Words, ...]], tuple[Words, ...]]:
    """First word -> the phrases that can match there, in their given order; an empty
    phrase matches anywhere, so it is kept in every list (and alone in the default)."""
    firsts = dict.fromkeys(words[0] for words in phrases if words)
    by_first = {
        first: tuple(words for words in phrases if not words or words[0] == first) for first in firsts
    }
    return MappingProxyType(by_first), tuple(words for words in phrases if not words)


def _find_phrases(
    lower: Sequence[str], phrases: Iterable[Words], start: int, end: int
) -> list[tuple[int, int]]:
    """Token spans [i, j) within [start, end) where one of ``phrases`` occurs."""
    by_first, empty_only = _phrases_by_first_word(tuple(phrases))
    found = []
    for i in range(start, end):
        # Only the phrases that begin with this token can match here (in their given order).
        for words in by_first.get(lower[i], empty_only):
            if i + len(words) <= end and match(lower, i, words):
                found.append((i, i + len(words)))
                break
    return found


def blocked_tokens(st: SectionText, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Token indices inside any of the character spans (relative to the section)."""
    starts = [t.idx for t in st.tokens]
    blocked = set()
    for start, end in spans:
        i = bisect.bisect_left(starts, start)
        while i < len(st.tokens) and st.tokens[i].idx < end:
            blocked.add(i)
            i += 1
    return frozenset(blocked)


def named_in_dates(
    st: SectionText, blocked: frozenset[int], triggers: Iterable[Words]
) -> frozenset[int]:
    """Tokens of a date's words that name an activity: a trigger and the words before it in
    one run of blocked tokens (a listing line read whole as a date, "April meeting: Sun 18",
    is the April meeting on the 18th)."""
    named: set[int] = set()
    for i, j in _find_phrases(st.lower, triggers, 0, len(st.tokens)):
        if not all(k in blocked for k in range(i, j)):
            continue
        k = i
        while k - 1 in blocked and st.sentence_of[k - 1] == st.sentence_of[i]:
            k -= 1
        named.update(range(k, j))
    return frozenset(named)


def has_any(st: SectionText, sentence: int, phrases: Sequence[Words]) -> bool:
    indices = [k for k in range(len(st.tokens)) if st.sentence_of[k] == sentence]
    if not indices:
        return False
    return bool(_find_phrases(st.lower, phrases, indices[0], indices[-1] + 1))
