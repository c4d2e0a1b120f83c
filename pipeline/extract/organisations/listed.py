"""Bodies named in lists.

An item of a list of bodies: "the Parks Trust, Kivara Council, Tidewater Ecology and the Rowing
Club" names four bodies, though "Tidewater Ecology" has no head word. An item of capitalised
words in a list whose other items are mostly organisations found by the other rules is one
too, unless the model or the places data read it as a place, a person, a date or an event, or
it is a title or a kind of thing. A line that opens with a body's name and a colon ("Harbour
and Estuary Trust Inc.: $500 ..."): the name is the line's opening, "and" included.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.core.ids import normalise_name
from pipeline.extract.acronyms import is_acronym_token
from pipeline.extract.organisations.classification import long_form_kind
from pipeline.extract.organisations.names import run_end
from pipeline.extract.reference.organisations import OrgReference
from pipeline.extract.reference.place_names import is_demonym, is_place_name, local_words
from pipeline.extract.words import POSSESSIVE_MARKS, Word, is_cap_word

# What may stand between two items of a list: "A, B", "A, and B", "A and the B", "A & B".
_SEPARATORS = frozenset({(",",), (",", "and"), ("and",), (",", "&"), ("&",), (";",)})
# Lower-case words inside one item: "Centre *for* Women *in* Science", "Friends *of the* Park".
_ITEM_LINKS = frozenset({"of", "for", "the", "in", "on", "at"})
# Entities of the model that are no body whatever the list says.
_NOT_BODY_LABELS = frozenset(
    {"PERSON", "GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "WORK_OF_ART", "MONEY"}
)
# Tags of a name's last word (a blank pipeline tags nothing).
_NOUN_TAGS = frozenset({"NNP", "NNPS", "NN", "NNS"})
MIN_ITEMS = 3
MAX_ITEM_WORDS = 6


def _items(words: Sequence[Word]) -> list[tuple[int, int]]:
    """Stretches of capitalised words with links inside (no "and": it separates items)."""
    items: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        if not is_cap_word(words[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            if is_cap_word(words[j].text) or words[j].text in POSSESSIVE_MARKS:
                j += 1
                continue
            k = j
            while k < n and words[k].text.lower() in _ITEM_LINKS:
                k += 1
            if k > j and k < n and is_cap_word(words[k].text):
                j = k + 1
                continue
            break
        items.append((i, j))
        i = j
    return items


def _lists(words: Sequence[Word]) -> list[list[tuple[int, int]]]:
    """Items joined by list separators, in runs of at least ``MIN_ITEMS``."""
    chains: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for item in _items(words):
        if current:
            between = [w.text.lower() for w in words[current[-1][1] : item[0]]]
            if between[-1:] == ["the"]:
                between = between[:-1]
            if tuple(between) not in _SEPARATORS:
                chains.append(current)
                current = []
            elif len(current) == 1 and "," not in between and ";" not in between:
                current = []  # "Family and Children's Service, Inc.": a list opens with a comma
        current.append(item)
    chains.append(current)
    return [c for c in chains if len(c) >= MIN_ITEMS]


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < b and a < end for a, b in spans)


def _body_like(
    doc: Doc, words: Sequence[Word], a: int, b: int, ref: OrgReference, places: frozenset[str]
) -> bool:
    """Words ``a``..``b-1`` may name a body: no place, person, date or event of the model or
    the places data, no acronym alone, no title, no number, no heading in capitals."""
    texts = [w.text for w in words[a:b]]
    text = " ".join(texts)
    if words[b - 1].tag and words[b - 1].tag not in _NOUN_TAGS:
        return False  # "Concurrently, the ...": an adverb opening the sentence
    if len(texts) > MAX_ITEM_WORDS or any(c.isdigit() for c in text):
        return False
    if len(texts) == 1 and is_acronym_token(texts[0]):
        return False  # acronyms are decided by the acronym rules
    if len(texts) > 1 and all(t.isupper() for t in texts):
        return False
    if is_place_name(text) or normalise_name(text) in places or all(is_demonym(t) for t in texts):
        return False
    if local_words().names_a_place(texts) or long_form_kind(text, ref) in {"event", "other"}:
        return False
    if any(t.lower() in ref.role_words or t.lower().rstrip(".") in ref.person_words for t in texts):
        return False
    return not any(doc[t].ent_type_ in _NOT_BODY_LABELS for t in range(words[a].start, words[b - 1].end))


def listed_bodies(
    doc: Doc,
    words: Sequence[Word],
    bodies: Sequence[tuple[int, int]],
    ref: OrgReference,
    places: frozenset[str],
) -> list[tuple[int, int]]:
    """Character spans of the items of lists of bodies that no other rule read (``bodies``:
    the character spans of the section's organisation mentions)."""
    found: list[tuple[int, int]] = []
    for chain in _lists(words):
        spans = [(words[a].char_start, words[b - 1].char_end) for a, b in chain]
        known = sum(_overlaps(bodies, s, e) for s, e in spans)
        if known < 2 or 2 * known < len(chain):
            continue
        for (a, b), (s, e) in zip(chain, spans, strict=True):
            if not _overlaps(bodies, s, e) and _body_like(doc, words, a, b, ref, places):
                found.append((s, e))
    return found


# What ends the name that opens a list line: "Harbour and Estuary Trust Inc.: $500 for ...".
_LABEL_ENDS = frozenset({":"})


def labelled_names(words: Sequence[Word], ref: OrgReference) -> list[tuple[int, int]]:
    """Spans (word indices, end exclusive) of names that open a line and end at a colon, with a
    head word or a legal form last: the items of a list of bodies ("Valley Food and Shelter
    Network Inc.: $2,000 to ..."). The whole line's opening is the name, "and" included: a
    line item names one body."""
    found: list[tuple[int, int]] = []
    n = len(words)
    for i in range(n):
        if i > 0 and "\n" not in words[i - 1].text:
            continue
        if not is_cap_word(words[i].text):
            continue
        j = run_end(words, i + 1)
        if j >= n or words[j].text not in _LABEL_ENDS or j - i < 2:
            continue
        last = words[j - 1].text.lower()
        if last in ref.head_words or last in ref.company_suffixes:
            found.append((i, j))
    return found
