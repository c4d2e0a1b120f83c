"""The words of a title written before a person's name, and of the list of people it may
introduce: role phrases, the capitalised run back from a name ("Minister of Health, Ms. X"),
a title in lower case ("the permanent representative of Peru"), a title and its complement
with no comma ("Special Envoy for Yemen Jane Roe"), a list of names ("rangers X, Y and Z")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.extract.people.head_first_titles import MAX_ROLE_PHRASE_WORDS, is_article, phrase_is_role
from pipeline.extract.people.lexicon import PeopleLexicon, word_singular
from pipeline.extract.words import CONNECTORS, DETERMINERS, POSSESSIVE_MARKS, VERB_TAGS, Word, is_cap_word

MAX_TITLE_WORDS = 14
# Words that open the complement of a title: "Minister *of* Health", "Adviser *at* UNDP".
TITLE_LINKS = frozenset({"of", "at", "for", "in", "to", "with"})
# An ordinal in figures opening a title ("1er Adjoint", "2nd Vice-President", "3ème adjointe").
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th|er|ère|re|e|ème|eme|è)", re.IGNORECASE)


def is_ordinal(text: str) -> bool:
    return _ORDINAL.fullmatch(text) is not None


def role_spans(words: Sequence[Word], lexicon: PeopleLexicon) -> list[tuple[int, int]]:
    """Role words and phrases in ``words``: the longest match at each start, left to right."""
    spans: list[tuple[int, int]] = []
    a = 0
    while a < len(words):
        best = None
        for b in range(min(len(words), a + MAX_ROLE_PHRASE_WORDS), a, -1):
            phrase = " ".join(w.text for w in words[a:b])
            if lexicon.is_role(phrase) or (b == a + 1 and lexicon.is_plural_role(phrase)):
                best = b
                break
        if best is None:
            a += 1
        else:
            spans.append((a, best))
            a = best
    return spans


def run_back(
    words: Sequence[Word], end: int, taken: set[int], lexicon: PeopleLexicon | None = None
) -> list[Word]:
    """Capitalised words (with connectors and possessives) ending at word ``end``."""

    def cap_like(i: int) -> bool:
        # A role written on in lower case counts as capitalised: "Représentant *résident*".
        if i < 0:
            return False
        if is_cap_word(words[i].text):
            return True
        if lexicon is None or not lexicon.roles_run_on:
            return False
        # ... or opens one whose next word is already in the run: "*trésorière* adjointe".
        return (i > 0 and phrase_is_role(words[i - 1 : i + 1], lexicon)) or (
            i < end and phrase_is_role(words[i : i + 2], lexicon)
        )

    k = end
    while k >= 0 and end - k < MAX_TITLE_WORDS and k not in taken:
        t = words[k].text
        low = t.lower()
        # Links inside a title: "Minister *of* Health", "Chair *of the* Board" (but a "the"
        # not after a link starts the phrase: "met with *the* President").
        inner_link = (low in CONNECTORS | TITLE_LINKS and low != "the" and cap_like(k - 1)) or (
            low == "the" and k > 1 and words[k - 1].text.lower() in TITLE_LINKS and cap_like(k - 2)
        )
        # A title wrapped over two lines ("the Independent\nExpert"): one title, where it
        # starts inside the line before (not a line of its own: "Bookings\nContact: X").
        wrapped = k < end and t.isspace() and t.count("\n") == 1 and k > 0 and cap_like(k - 1)
        if wrapped:
            j = k - 1
            while j >= 0 and not words[j].text.startswith("\n") and cap_like(j):
                j -= 1
            wrapped = j >= 0 and not words[j].text.startswith("\n")
        if not (cap_like(k) or t in POSSESSIVE_MARKS or inner_link or wrapped):
            break
        k -= 1
    run = [w for w in words[k + 1 : end + 1] if not w.text.isspace()]
    while run and run[0].text.lower() in CONNECTORS | TITLE_LINKS:
        run = run[1:]
    return run


# Words that join the names of a list where the lexicon gives none ("Ann, Kim and Ed").
LIST_LINKS = frozenset({",", "and", "&"})


def list_start(words: Sequence[Word], start: int, taken: set[int], links: frozenset[str] = LIST_LINKS) -> int:
    """First word of the list of people a name ends ("rangers *Nina*, Marty and Chris");
    ``links`` are the words that join its names (the language's "and": "Léa et Paul")."""
    k = start
    while True:
        j = k - 1
        if j >= 1 and words[j].text.lower() in links - {","} and words[j - 1].text == ",":
            j -= 1  # "X, Y, and Z": the serial comma
        if not (j >= 1 and words[j].text.lower() in links and j - 1 in taken):
            return k
        k = j - 1
        while k > 0 and k - 1 in taken:
            k -= 1


def list_end(words: Sequence[Word], end: int, taken: set[int], links: frozenset[str] = LIST_LINKS) -> int:
    """The word after the list of people a name opens ("*Fred*, Ann and Lisa, the owners")."""
    k = end
    while True:
        j = k
        if j + 1 < len(words) and words[j].text == "," and words[j + 1].text.lower() in links - {","}:
            j += 1  # the serial comma
        if not (j + 1 < len(words) and words[j].text.lower() in links and j + 1 in taken):
            return k
        k = j + 1
        while k < len(words) and k in taken:
            k += 1


def lower_title_back(words: Sequence[Word], end: int, taken: set[int], lexicon: PeopleLexicon) -> list[Word]:
    """A title in lower case ending at word ``end``: "the distributor", "our youngest volunteer",
    "entomologist", "the permanent representative of Peru" (back to a determiner, a
    preposition, a verb or punctuation; never "thanks *to* ranger")."""
    k = end
    while k >= 0 and end - k < MAX_TITLE_WORDS and k not in taken:
        w = words[k]
        low = w.text.lower()
        if low in DETERMINERS or not w.text[:1].isalpha() or w.tag in {"PRP", "PRP$", "POS"}:
            break
        if w.tag.startswith("W") or (w.tag in VERB_TAGS and not in_role(words, k, lexicon)):
            break
        if w.tag in {"IN", "TO"} and low not in TITLE_LINKS:
            break
        k -= 1
    run = list(words[k + 1 : end + 1])
    roles = [i for i, w in enumerate(run) if is_role_word(w.text, lexicon)]
    if not roles:
        return []
    if roles[-1] + 1 < len(run) and run[roles[-1] + 1].text.lower() not in TITLE_LINKS:
        return []  # the title ends on its role word or goes on with "of ...": "rangers Nina"
    links = [i for i in range(roles[0]) if run[i].text.lower() in TITLE_LINKS | CONNECTORS]
    return run[links[-1] + 1 :] if links else run


def role_with_complement(run: Sequence[Word], lexicon: PeopleLexicon) -> bool:
    """``run`` is a capitalised title with its complement: a role phrase, then "of/for/to"
    and capitalised words to its end ("Minister of Fisheries", "Special Envoy for Yemen")."""
    spans = role_spans(run, lexicon)
    if not spans:
        return False
    last = spans[-1][1]
    return last + 1 < len(run) and run[last].text.lower() in TITLE_LINKS and is_cap_word(run[-1].text)


def from_title(run: Sequence[Word], lexicon: PeopleLexicon) -> list[Word]:
    """``run`` from its first role phrase, with the capitalised words right before it that
    name its body ("UN Special Envoy"), not those across a link ("April with the Minister")."""
    a = role_spans(run, lexicon)[0][0]
    while a > 0 and is_cap_word(run[a - 1].text) and run[a - 1].text.lower() not in CONNECTORS | TITLE_LINKS:
        a -= 1
    return list(run[a:])


def in_role(words: Sequence[Word], k: int, lexicon: PeopleLexicon) -> bool:
    """Word ``k`` opens a role phrase ("*returning* officer")."""
    return any(
        lexicon.is_role(" ".join(w.text for w in words[k:b]))
        for b in range(k + 2, min(len(words), k + 4) + 1)
    )


def is_role_word(text: str, lexicon: PeopleLexicon) -> bool:
    return lexicon.is_role(text) or lexicon.is_plural_role(text)


def _title_head(words: list[str], lexicon: PeopleLexicon) -> int:
    """Where the title proper ends: at its first link ("past presidents *of* the club")."""
    return next((i for i, w in enumerate(words) if i > 0 and w.lower() in lexicon.title_links), len(words))


def is_plural_title(role: str, lexicon: PeopleLexicon) -> bool:
    """A title whose head is plural: "rangers", "past presidents of the club", "anciens présidents"."""
    words = role.split()
    head = words[: _title_head(words, lexicon)]
    return bool(head) and lexicon.is_plural_role(head[-1])


def singular_role(role: str, lexicon: PeopleLexicon) -> str:
    """ "new members" -> "new member", "past presidents of the club" -> "past president of the
    club": the title of each person of a list. French makes every word before the complement
    plural: "anciens présidents" -> "ancien président"."""
    words = role.split()
    cut = _title_head(words, lexicon)
    if not is_plural_title(role, lexicon):
        return role
    last = words[cut - 1]
    if lexicon.roles_run_on:
        head = [word_singular(w) for w in words[:cut]]
    else:
        head = [*words[: cut - 1], last[:-3] + "y" if last.lower().endswith("ies") else last[:-1]]
    return " ".join([*head, *words[cut:]])


# Marks inside a written word that the tokenizer splits off ("past-présidente", "l'Office").
WORD_JOINS = frozenset({"-", "'", "\u2019"})


def previous_apposition(words: Sequence[Word], first: Word, taken: set[int], lexicon: PeopleLexicon) -> bool:
    """The French title starting at word ``first`` follows another person's name and a comma:
    it is that person's apposition, written after the name ("Ann Roe, président de X, M. Bo
    Lee, président de Y"), also the second of two titles joined by "et" ("Ann Roe, trésorière
    et responsable des achats, Bo Lee"), not the next one's. (English writes "A, Chair of X, B"
    either way.)"""
    k = words.index(first) - 1
    while k > 0 and (words[k].text.lower() in DETERMINERS or is_article(words[k].text, lexicon)):
        k -= 1
    if k >= 1 and words[k].text.lower() in lexicon.list_links - {","}:
        # "trésorière *et* responsable des achats": back over the first title to its comma
        # (not "X, et le Vice-Président ...": a comma right before "et" opens the next item).
        k -= 1
        first_title_end = k
        while k >= 1 and k not in taken and (words[k].text[:1].isalpha() or words[k].text in WORD_JOINS):
            k -= 1
        if k == first_title_end:
            return False
    return k >= 1 and words[k].text == "," and k - 1 in taken
