"""Places named in a list: "31 districts: Dhemaji, Lakhimpur, Golaghat, Jorhat and Majuli".

Situation reports and itineraries list the districts, towns and camps they speak of, and no
gazetteer knows them all. A list of capitalised names joined by commas and a list word ("and",
"et": ``list_links`` in ``data/places.yaml``) in which at least ``min_listed_places`` names
are places already (a country, a town, an area, a local place) is a list of places; so is a
list of two right after a word only a place follows ("à Bouaké et Brobo") with one place in
it. Its other names are places too: a town of the gazetteer that nothing else supported, or a
name the gazetteer does not know that the model gives no other kind of entity (a person, an
organisation, a nationality), that no organisation's mention covers, and that is not an
acronym; such a name is in the country of its sentence or of the bulletin.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from pipeline.extract.places.areas import SUBDIVISION
from pipeline.extract.places.candidates import Candidate, hyphen_joins
from pipeline.extract.places.local import OTHER_ENTITY_LABELS, name_word
from pipeline.extract.reference.gazetteer import Gazetteer, PlaceMatch
from pipeline.extract.reference.place_names import LocalWords, is_demonym
from pipeline.extract.sentences import parser_sentence_bounds

LISTED = "listed"
# Words of one listed name, hyphenated parts counting as one ("Sar-e-Pul", "West Karbi-Anglong").
MAX_ITEM_WORDS = 3
# Tokens between two names of a list: a comma or a list word, perhaps both and an article.
_MAX_GAP = 3
# Names of a list joined by commas alone, after a locative word: at least this many.
_MIN_UNLINKED = 4
# Evidence of a gazetteer town that a list may overturn: nothing spoke for or against it.
_UNDECIDED = frozenset({"no evidence"})
# The gazetteer's names not accepted yet that still make a list one of places.
_KNOWN = _UNDECIDED | {SUBDIVISION}
# The model's labels for a name that is no place, besides ``OTHER_ENTITY_LABELS``.
_NOT_PLACE_LABELS = OTHER_ENTITY_LABELS | {"PERSON", "ORG", "MISC", "DATE", "TIME", "MONEY", "CARDINAL"}
_LABELS_A_LIST_OVERRULES = frozenset({"PERSON", "ORG"})


def listed_places(
    doc: Doc,
    cands: Sequence[Candidate],
    gazetteer: Gazetteer,
    words: LocalWords,
    organisations: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """``cands`` (the places of one Doc) with the other names of their lists made places."""
    if not words.list_links:
        return list(cands)
    by_span = {(c.start_char, c.end_char): c for c in cands}
    decided: dict[tuple[int, int], Candidate] = {}
    added: list[Candidate] = []
    for group in _lists(doc, words, gazetteer.honorifics):
        spans = [(s.start_char, s.end_char) for s in group]
        places = sum(1 for span in spans if span in by_span and by_span[span].accepted)
        # The gazetteer's names that nothing decided yet: towns, subdivisions written alone.
        known = places + sum(1 for span in spans if span in by_span and by_span[span].evidence in _KNOWN)
        # Names joined by commas alone may be a name and where it is ("Workshop on Budgeting,
        # Kampala, Uganda"): a list has a list word, or four names after a locative.
        linked = any(t.lower_ in words.list_links for t in doc[group[0].end : group[-1].start])
        opened = _after_small_town_word(doc, group[0].start, gazetteer)
        if not (linked or (opened and len(group) >= _MIN_UNLINKED)):
            continue
        if opened:  # "in Faryab, Sar-e-pul, Balkh and Baghlan"
            if not (places >= 1 or known >= words.min_listed_places):
                continue
        elif places < words.min_listed_places or len(group) < 3:
            continue
        # Where most names are the gazetteer's, the model's person or body is a place too:
        # it reads unknown district names as people ("Dhemaji", "Sonitpur").
        overruled = _LABELS_A_LIST_OVERRULES if 2 * known >= len(group) else frozenset()
        for name, span in zip(group, spans, strict=True):
            cand = by_span.get(span)
            if cand is not None:
                if not cand.accepted and cand.evidence in _UNDECIDED:
                    decided[span] = replace(cand, accepted=True, evidence=LISTED)
                continue
            if _overlaps(span, list(by_span)) or _overlaps(span, organisations):
                continue
            # (one word only: a person's full name in a list of places stays a person's)
            labels = _NOT_PLACE_LABELS - overruled if " " not in name.text else _NOT_PLACE_LABELS
            if _unknown_place_name(name, labels):
                added.append(_listed(doc, name))
    return sorted(
        [decided.get((c.start_char, c.end_char), c) for c in cands] + added, key=lambda c: c.start_char
    )


def _lists(doc: Doc, words: LocalWords, honorifics: frozenset[str]) -> list[list[Span]]:
    """Runs of two or more capitalised names, each joined to the next by a comma or a list word."""
    groups: list[list[Span]] = []
    current: list[Span] = []
    i = 0
    while i < len(doc):
        end = _name_end(doc, i, words, honorifics)
        if end is None:
            i += 1
            continue
        name = doc[i:end]
        if current and not _joined(doc[current[-1].end : i], words):
            groups.append(current)
            current = []
        current.append(name)
        i = end
    groups.append(current)
    return [g for g in groups if len(g) >= 2]


def _name_end(doc: Doc, i: int, words: LocalWords, honorifics: frozenset[str]) -> int | None:
    """End (exclusive) of the capitalised name opening at token ``i``, if one does: at most
    ``MAX_ITEM_WORDS`` words, parts glued by a hyphen one word ("Sar-e-pul")."""
    if not name_word(doc[i], honorifics, words.stopwords) or (
        i > 0 and _is_word(doc[i - 1]) and _capital(doc[i - 1])
    ):
        return None
    end, count = i + 1, 1
    while end < len(doc):
        if hyphen_joins(doc, end) and doc[end + 1].is_alpha:
            end += 2
        elif count < MAX_ITEM_WORDS and name_word(doc[end], honorifics, words.stopwords):
            end += 1
            count += 1
        else:
            break
    if end < len(doc) and _is_word(doc[end]) and _capital(doc[end]):
        return None  # the name goes on past the words a list name may have
    return end


def _joined(between: Span, words: LocalWords) -> bool:
    """The tokens between two names make them one list: ", ", " and ", ", and the ", " et "."""
    tokens = [t for t in between if not t.is_space]
    if not 0 < len(tokens) <= _MAX_GAP:
        return False
    if not any(t.text == "," or t.lower_ in words.list_links for t in tokens):
        return False
    return all(
        t.text == ","
        or t.lower_ in words.list_links
        or t.lower_.replace("\u2019", "'") in words.locative_articles
        for t in tokens
    )


def _unknown_place_name(name: Span, not_place_labels: frozenset[str]) -> bool:
    """A name the gazetteer does not know may be a listed place: not an acronym, a nationality
    or a name the model calls another kind of entity (``not_place_labels``)."""
    text = name.text
    return (
        not (text.isupper() and len(text) > 1)
        and not is_demonym(text)
        and not any(t.ent_type_ in not_place_labels for t in name)
    )


def _listed(doc: Doc, name: Span) -> Candidate:
    sent_start, sent_end = parser_sentence_bounds(doc, name.start)
    return Candidate(
        name.start_char,
        name.end_char,
        name.text,
        PlaceMatch(name.text, name.text, "city", None),
        accepted=True,
        evidence=LISTED,
        sentence_start=sent_start,
        sentence_end=sent_end,
        in_bulletin_country=True,
    )


def _after_small_town_word(doc: Doc, i: int, gazetteer: Gazetteer) -> bool:
    return i > 0 and doc[i - 1].lower_ in gazetteer.small_town_locative_words


def _is_word(token: Token) -> bool:
    return token.is_alpha


def _capital(token: Token) -> bool:
    return token.text[:1].isupper()


def _overlaps(span: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < span[1] and span[0] < b for a, b in spans)
