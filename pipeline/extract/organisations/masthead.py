"""The body a newsletter's masthead names in capitals ("HILLTOP BUSH CARE GROUP" over "Newsletter
May 2019", or "RIVERBEND FRIENDS SOCIETY NEWSLETTER NO 12"): the bulletin's own group, which
its text then calls by its initials ("HBCG") or "the Group". Capital lines are otherwise
headings, never names (``candidates``), so the masthead is read on its own here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from pipeline.core.datafiles import load_language_data
from pipeline.extract.organisations.heads import is_head_word
from pipeline.extract.words import CONNECTORS

# The first lines of a bulletin where its masthead stands.
MAX_MASTHEAD_LINES = 3
MAX_NAME_WORDS = 8
_WORD = re.compile(r"[^\s]+")


@cache
def publication_words(language: str = "en") -> frozenset[str]:
    """Words that name the kind of publication ("newsletter", "bulletin"), in lower case."""
    phrases = load_language_data("masthead.yaml", language).get("publication_words") or ()
    return frozenset(w.lower() for p in phrases for w in str(p).split())


def _in_capitals(word: str) -> bool:
    """A word in capitals, or figures and marks ("NO", "20", "&")."""
    return not any(c.islower() for c in word)


def masthead_body(
    text: str, head_words: frozenset[str], suffixes: frozenset[str], language: str = "en"
) -> tuple[int, int] | None:
    """Offsets in ``text`` of the body named by the capital lines that open it: the words
    before the first publication word, when the last of them (before a legal suffix, "INC") is
    an organisation's head word and there are two to eight of them."""
    words: list[re.Match[str]] = []
    offset = 0
    for n, line in enumerate(text.split("\n")):
        if n >= 2 * MAX_MASTHEAD_LINES:
            break
        if line.strip():
            # The words in capitals that open the line; a line that goes on otherwise ends the
            # masthead ("RIDGE GROUP NEWSLETTER NO 20 Canberra Nature Park").
            run = list(_WORD.finditer(text, offset, offset + len(line)))
            capitals = next((k for k, m in enumerate(run) if not _in_capitals(m.group())), len(run))
            words.extend(run[:capitals])
            if capitals < len(run):
                break
        offset += len(line) + 1
    stop = publication_words(language)
    cut = next((k for k, m in enumerate(words) if m.group().lower() in stop), len(words))
    name = words[:cut]
    while name and name[-1].group().lower() in suffixes:
        name = name[:-1]
    if not 2 <= len(name) <= MAX_NAME_WORDS or not is_head_word(name[-1].group(), head_words):
        return None
    if not all(m.group().replace("&", "").isalpha() for m in name):
        return None
    return name[0].start(), name[-1].end()


def written_forms(texts: Iterable[str]) -> dict[str, str]:
    """How the bulletin writes its capitalised words outside capitals ("Cooleman"), by lower case."""
    forms: dict[str, str] = {}
    for text in texts:
        for m in _WORD.finditer(text):
            w = m.group().strip(".,;:()\u201c\u201d\"'")
            if w[:1].isupper() and not w.isupper() and w.isalpha():
                forms.setdefault(w.lower(), w)
    return forms


def title_case(words: Sequence[str], forms: Mapping[str, str]) -> str:
    """Capital words as the bulletin writes them elsewhere, else capitalised; a short word in
    capitals that it never writes otherwise is an acronym ("ACT") and stays."""
    out = []
    for w in words:
        low = w.lower()
        if low in CONNECTORS:
            out.append(low)
        else:
            out.append(forms.get(low) or (w if len(w) <= 3 else w.capitalize()))
    return " ".join(out)


def initials(name: str) -> str:
    """The letters an acronym of ``name`` spells: "Hilltop Bush Care Group" -> "HBCG" (a word in
    capitals keeps its letters; "of", "and" give none)."""
    letters = []
    for w in name.split():
        if w.lower() in CONNECTORS:
            continue
        letters.append(w if w.isupper() and len(w) > 1 else w[:1].upper())
    return "".join(letters)
