"""The role a column's heading gives the person who signs it: "Letter from the President /
[Jane Roe]", "Chair's Message / Jane Roe", "Mot de la présidente / Léa Roy": a name alone on
the line under a heading that names the office of its writer. The heading's words are data
(``column_words`` and ``column_links`` in ``data/people.yaml``)."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.extract.people.lexicon import PeopleLexicon
from pipeline.extract.words import DETERMINERS, POSSESSIVE_MARKS, Word

# Longest role phrase read in a column's heading ("Shire President", "Vice Chair").
MAX_COLUMN_ROLE_WORDS = 3


def _line(words: Sequence[Word], end: int) -> tuple[int, list[Word]]:
    """The line that ends at word ``end`` (exclusive, a line break or the end): the index of the
    break before it (-1 at the start) and its words, less white space."""
    j = end - 1
    while j >= 0 and not words[j].text.startswith("\n"):
        j -= 1
    return j, [w for w in words[j + 1 : end] if not w.text.isspace()]


def _office(phrase: Sequence[str], lexicon: PeopleLexicon) -> str | None:
    """The words as a role, where they are one or their head word is ("Shire President";
    French puts the head first: "présidente d'honneur")."""
    if not 0 < len(phrase) <= MAX_COLUMN_ROLE_WORDS:
        return None
    head = phrase[0] if lexicon.roles_run_on else phrase[-1]
    text = " ".join(phrase)
    return text if lexicon.is_role(text) or lexicon.is_role(head) else None


def _role_in(line: Sequence[str], lexicon: PeopleLexicon) -> str | None:
    """The role a heading's words name: "Letter from the President" (a column word, a link, an
    optional article, the role), "President's Report" or "Presidents Report" (the role, a
    possessive, a column word)."""
    while line and line[0].lower() in DETERMINERS | lexicon.column_articles:
        line = line[1:]  # "Le mot du président"
    low = [t.lower() for t in line]
    if len(low) >= 3 and low[0] in lexicon.column_words and low[1] in lexicon.column_links:
        rest = list(line[2:])
        while rest and rest[0].lower() in DETERMINERS | lexicon.column_articles:
            rest = rest[1:]
        return _office(rest, lexicon)
    if len(low) >= 2 and low[-1] in lexicon.column_words:
        head = list(line[:-1])
        if head and head[-1] in POSSESSIVE_MARKS:
            head = head[:-1]
        elif head and head[-1].endswith("s") and len(head[-1]) > 1:
            head[-1] = head[-1][:-1]  # "Presidents Report"
        return _office(head, lexicon)
    return None


def column_role(words: Sequence[Word], start: int, end: int, lexicon: PeopleLexicon) -> str | None:
    """The role the heading on the line above gives a name (words ``start`` to ``end``) that
    fills its own line, brackets aside ("[Jane Roe]"); None otherwise."""
    if not lexicon.column_words:
        return None
    brk, line = _line(words, start)
    if any(w.text[:1].isalnum() for w in line):
        return None  # words before the name on its line
    k = end
    while k < len(words) and not words[k].text.startswith("\n"):
        if words[k].text[:1].isalnum():
            return None  # words after it
        k += 1
    if brk < 0:
        return None
    _, above = _line(words, brk)
    return _role_in([w.text for w in above], lexicon) if above else None
