"""Lines of a page into paragraphs: undoing end-of-line hyphenation, seeing where an item starts.

The rules of the PDF reader's text layer (``pipeline/read/pdf.py``), here for every reader
of laid-out lines (OCR first), so that a page reads the same whichever way it was read.
The halves of compounds that keep their hyphen are data (``pipeline/data/pdf.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.core.datafiles import load_data

_LINE_END_HYPHEN = re.compile(r"(\w+)-$")
_FIRST_WORD = re.compile(r"^(\w+)")
_WORD = re.compile(r"\w+")
_COMPOUND = re.compile(r"\b(\w+)-(\w+)\b")
_NUMBERED_ITEM = re.compile(r"^\d{1,2}\.\s+\S")
_LIST_ITEM = re.compile(r"^(\(?([a-z]|[ivx]{1,4})\)|\(\d{1,2}\))\s+\S")
_BULLET = re.compile(r"^[•●▪■◦‣∙·*–—-]\s+\S")
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")


@dataclass(frozen=True)
class Hyphenation:
    """Halves of compounds that keep their hyphen across a line break (``data/pdf.yaml``)."""

    compound_tails: frozenset[str]
    compound_heads: frozenset[str]


@dataclass(frozen=True)
class Vocabulary:
    """The words and hyphenated compounds a text writes, case-folded: a line-end hyphen is
    kept when the text writes the compound with it elsewhere."""

    words: frozenset[str]
    compounds: frozenset[str]


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


def vocabulary(lines: Iterable[str]) -> Vocabulary:
    """Words and compounds of ``lines``, leaving out each line's own end-of-line hyphen."""
    words: set[str] = set()
    compounds: set[str] = set()
    for line in lines:
        text = line.casefold()
        body = text[:-1] if text.endswith("-") else text
        words.update(_WORD.findall(body))
        compounds.update(f"{a}-{b}" for a, b in _COMPOUND.findall(body))
    return Vocabulary(frozenset(words), frozenset(compounds))


def join_lines(
    before: str, after: str, *, vocabulary: Vocabulary, hyphenation: Hyphenation | None = None
) -> str:
    """Join two lines of one paragraph with a space, undoing end-of-line hyphenation.

    A lowercase word broken at the line end ("infor-" / "mation") is joined without its
    hyphen, unless the text writes the compound with a hyphen elsewhere, or the joined word
    does not occur and one half is a known compound half ("capacity-" / "building").
    Before a capital or a digit ("Asia-" / "Pacific") the hyphen is real and kept.
    """
    if before.endswith("\u00ad"):
        return before[:-1] + after  # a soft hyphen: a hyphenation point, not a hyphen
    hyphen = _LINE_END_HYPHEN.search(before)
    if hyphen is None or before.endswith(" -"):
        return f"{before} {after}"
    head = hyphen.group(1)
    match = _FIRST_WORD.match(after)
    tail = match.group(1) if match else ""
    if not tail or not (head[-1].isalpha() and head[-1].islower() and tail[0].islower()):
        return before + after
    key = f"{head}-{tail}".casefold()
    joined = f"{head}{tail}".casefold()
    if key in vocabulary.compounds:
        return before + after
    keep = hyphenation or default_hyphenation()
    if joined not in vocabulary.words and (
        tail.casefold() in keep.compound_tails or head.casefold() in keep.compound_heads
    ):
        return before + after
    return before[:-1] + after


def starts_item(text: str) -> bool:
    """A line that opens a numbered item, a lettered sub-item or a bullet."""
    return bool(_NUMBERED_ITEM.match(text) or _LIST_ITEM.match(text) or _BULLET.match(text))


def ends_sentence(text: str) -> bool:
    """A line whose last word ends a sentence (or a clause that opens a list: ``:``)."""
    return bool(_SENTENCE_END.search(text))
