"""Acronym definitions, found the Schwartz–Hearst way.

"Long Form (LF)" and "LF (Long Form)" are both recognised. The algorithm is
Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation
definitions in biomedical text": every letter or digit of the short form must
appear, in order, in the long form, and its first character must start a word.
Everything here is a pure function of a string or a ``Doc``; the spaCy
component (``pipeline.extract.components``) only stores what they return on the ``Doc``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

# Punctuation that ends the stretch of text a long form may come from.
HARD_STOPS = frozenset({"(", ")", "[", "]", ";", ":", "\u201c", "\u201d", '"', "\n"})
SOFT_STOPS = frozenset({","})
MAX_SHORT_FORM_CHARS = 12
# Lower-case words a long form may contain without an initial in the short form.
LINK_WORDS = frozenset({"of", "for", "and", "the", "on", "in", "to", "at", "de", "la", "des", "du", "&"})

_WORD = re.compile(r"\S+")
_ACRONYM_WORD = re.compile(r"[A-Za-z0-9]+(?:[-&][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class AcronymDefinition:
    """One "long form (short form)" pair; offsets index the text it was found in."""

    short: str
    long: str
    short_start: int
    short_end: int
    long_start: int
    long_end: int


def is_short_form(text: str) -> bool:
    """Whether ``text`` can be the short form of a definition ("MODA", "PacStat", "UCLG Africa").

    The Schwartz–Hearst filter (short, starting with a letter or digit, at least half
    letters), plus at least two capitals so that ordinary words ("Paris") do not pass.
    """
    text = text.strip()
    if text[1:].islower():
        return False  # at most one capital (most words): decided at once
    if not 2 <= len(text) <= MAX_SHORT_FORM_CHARS or len(text.split()) > 2:
        return False
    if not text[0].isalnum():
        return False
    letters = sum(c.isalpha() for c in text)
    if letters < 2 or letters / len(text) < 0.5:
        return False
    return sum(c.isupper() for c in text) >= 2


def is_acronym_token(text: str) -> bool:
    """An acronym standing as one word in running text: "DESA", "WeGO", "APS-Net", "ICTs".

    Stricter than a short form in brackets: mostly capitals, or capitals at both ends.
    """
    if not is_short_form(text) or _ACRONYM_WORD.fullmatch(text) is None:
        return False
    letters = sum(c.isalpha() for c in text)
    upper = sum(c.isupper() for c in text)
    return upper >= letters / 2 or (text[0].isupper() and text[-1].isupper())


def max_long_form_words(short: str) -> int:
    """Schwartz–Hearst window: at most min(|A| + 5, 2|A|) words for an acronym of |A| characters."""
    n = sum(c.isalnum() for c in short)
    return min(n + 5, n * 2)


def match_long_form(short: str, words: Sequence[str]) -> int | None:
    """Index of the first word of the shortest long form for ``short`` at the end of ``words``.

    Characters of ``short`` are matched right to left against the joined words;
    the first one must begin a word. None when the words cannot spell the acronym.
    """
    if not words:
        return None
    long = " ".join(words).lower()
    chars = [c for c in short.lower() if c.isalnum()]
    # A plural or possessive "s" at the end need not be spelled out ("ICTs", "MDG's").
    if len(chars) > 2 and short.endswith("s") and short[:-1].isupper():
        chars = chars[:-1]
    li = len(long) - 1
    for si in range(len(chars) - 1, -1, -1):
        c = chars[si]
        while li >= 0 and (long[li] != c or (si == 0 and li > 0 and long[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return None
        li -= 1
    start_char = li + 1
    # The first character always starts a word (or a hyphenated part: "e-Government").
    offset = 0
    for i, word in enumerate(words):
        if offset + len(word) > start_char:
            return i
        offset += len(word) + 1
    return None


def match_initials(short: str, words: Sequence[str]) -> int | None:
    """Fallback for acronyms whose letters are not in the order of the words.

    "ICAP" for "Central American Institute of Public Administration" (a Spanish
    word order): every capital of the short form is the initial of a distinct
    capitalised word at the end of ``words``, with at most one word to spare.
    Returns the index of the first word, or None.
    """
    letters = sorted(c.lower() for c in short if c.isupper())
    if len(letters) < 2:
        return None
    initials: list[str] = []
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word[:1].islower() and word.lower() in LINK_WORDS:
            continue
        if not word[:1].isupper():
            return None
        initials.append(word[0].lower())
        if len(initials) > len(letters) + 1:
            return None
        if not Counter(letters) - Counter(initials):
            return i if word[0].lower() in letters else None
    return None


def _long_form_ok(short: str, words: Sequence[str]) -> bool:
    """Reject matches spelled out of a single word ("Singapore (SG)") or too long a stretch."""
    if len(words) > max_long_form_words(short):
        return False
    return sum(1 for w in words if w[:1].isalnum()) >= 2


def _capitalised_start(short: str, words: Sequence[str], first: int) -> int:
    """Move a long form that starts on "of"/"the" back to the capitalised word it belongs to.

    Schwartz–Hearst takes the nearest word with the right initial: for "Office of
    Human Resources Management (OHRM)" that is "of".
    """
    if not words[first].islower():
        return first
    initial = words[first][0].lower()
    for j in range(first - 1, -1, -1):
        if words[j][:1].isupper() and words[j][0].lower() == initial:
            return j
    return first


def words_before(text: str, end: int, stops: Iterable[str]) -> list[tuple[str, int, int]]:
    """Whitespace words ending at or before ``end``, back to the nearest stop character."""
    stop_set = set(stops)
    start = end
    while start > 0 and text[start - 1] not in stop_set:
        start -= 1
    return [(m.group(), start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _strip_word(word: str, start: int, end: int) -> tuple[str, int, int]:
    """Drop punctuation around a word, keeping offsets in step."""
    lead = len(word) - len(word.lstrip("\"'\u2018\u201c,.;:"))
    trail = len(word) - len(word.rstrip("\"'\u2019\u201d,.;:"))
    if word.endswith("'s") or word.endswith("\u2019s"):
        trail = 0
    return word[lead : len(word) - trail], start + lead, end - trail


def _long_form(short: str, words: Sequence[str], whole: bool = False) -> int | None:
    """Index of the first word of the long form of ``short`` at the end of ``words``.

    With ``whole``, the long form must be all of ``words`` (it was given in brackets).
    """
    first = match_long_form(short, words)
    if first is not None:
        first = _capitalised_start(short, words, first)
        if _long_form_ok(short, words[first:]) and (first == 0 or not whole):
            return first
    first = match_initials(short, words)
    if first is not None and _long_form_ok(short, words[first:]) and (first == 0 or not whole):
        return first
    return None


def definition_before(
    text: str, short: str, short_start: int, short_end: int, open_paren: int
) -> AcronymDefinition | None:
    """The "Long Form (SF)" reading: look for the long form just before ``open_paren``."""
    for stops in (HARD_STOPS | SOFT_STOPS, HARD_STOPS):
        raw = words_before(text, open_paren, stops)
        words = [w for w in (_strip_word(*w) for w in raw) if w[0]]
        window = words[-max_long_form_words(short) :]
        first = _long_form(short, [w[0] for w in window]) if window else None
        if first is None:
            continue
        start, end = window[first][1], window[-1][2]
        for mark in ("'s", "\u2019s"):  # "the Red Cross's (RC)"
            if text.endswith(mark, start, end):
                end -= len(mark)
        return AcronymDefinition(short, text[start:end], short_start, short_end, start, end)
    return None


def definition_inside(
    text: str, short: str, short_start: int, short_end: int, inner_start: int, inner_end: int
) -> AcronymDefinition | None:
    """The "SF (Long Form)" reading: the parentheses hold the long form."""
    inner = text[inner_start:inner_end]
    words = [
        _strip_word(m.group(), inner_start + m.start(), inner_start + m.end()) for m in _WORD.finditer(inner)
    ]
    words = [w for w in words if w[0]]
    if words and words[0][0].lower() == "the":
        words = words[1:]
    if len(words) < 2 or _long_form(short, [w[0] for w in words], whole=True) != 0:
        return None
    start, end = words[0][1], words[-1][2]
    return AcronymDefinition(short, text[start:end], short_start, short_end, start, end)


def _short_form_before(text: str, open_paren: int) -> list[tuple[str, int, int]]:
    """Short-form candidates just before a bracket: "UCLG Africa", then "Africa"."""
    words = [_strip_word(*w) for w in words_before(text, open_paren, HARD_STOPS | SOFT_STOPS)]
    out = []
    if len(words) >= 2 and is_acronym_token(words[-2][0]) and words[-1][0][:1].isupper():
        pair = text[words[-2][1] : words[-1][2]]
        if is_short_form(pair):
            out.append((pair, words[-2][1], words[-1][2]))
    if words:
        word, start, end = words[-1]
        if is_short_form(word) and not word.endswith(("'s", "\u2019s")):
            out.append((word, start, end))
    return out


def find_definitions_in_text(text: str) -> list[AcronymDefinition]:
    """Every acronym definition in ``text``, in order of the parentheses."""
    found: list[AcronymDefinition] = []
    for m in re.finditer(r"\(([^()\n]{1,200})\)", text):
        inner_start, inner_end = m.start(1), m.end(1)
        inner = m.group(1).strip()
        lead = len(m.group(1)) - len(m.group(1).lstrip())
        definition: AcronymDefinition | None = None
        if is_short_form(inner):
            s = inner_start + lead
            definition = definition_before(text, inner, s, s + len(inner), m.start())
        elif len(inner.split()) > 1 and is_short_form(inner.split()[0]):
            # "(ICEGOV 2012)": an acronym followed by a year or edition number.
            first = inner.split()[0]
            if not any(c.isalpha() for c in inner[len(first) :]):
                s = inner_start + lead
                definition = definition_before(text, first, s, s + len(first), m.start())
        if definition is None and len(inner.split()) >= 2:
            for short, start, end in _short_form_before(text, m.start()):
                definition = definition_inside(text, short, start, end, inner_start, inner_end)
                if definition is not None:
                    break
        if definition is not None:
            found.append(definition)
    return found


def find_definitions(doc: Doc) -> list[AcronymDefinition]:
    """Acronym definitions in a parsed text; offsets are ``doc.text`` offsets."""
    return find_definitions_in_text(doc.text)


def acronym_pattern(acronyms: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding any of ``acronyms`` used as a word of its own ("DESA/DPIDG", "DESA's").

    Longest first, so that "UN-Habitat" is not read as "UN".
    """
    alternatives = "|".join(re.escape(a) for a in sorted(set(acronyms), key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + (alternatives or "(?!)") + r")(?![\w]|-\w)")
