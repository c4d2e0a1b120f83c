"""Decisions taken per bulletin, over the candidates of all its sections.

* A name read from a heading in title case may have taken a word of the heading with it
  ("Weeding Chauvel Circle"): where the bulletin writes the shorter name elsewhere, the
  heading's name is that one.
* A city name that is also part of a person's name in the bulletin, a listed common word,
  or a small town found in several countries is ambiguous: it is a place only with locative
  evidence or the model's location label, and resolves in the bulletin's country (a town
  there too small for the gazetteer keeps that country, without coordinates).
* A small town after "in" or "at", or an ISO subdivision written alone ("in Jonglei"), is
  a place when the bulletin's country has one of that name.
* Local places and areas that their name does not locate are in the country of their
  sentence when it names one ("Laarbeeklaan 103, 1090 Jette, Belgium"), else in the
  bulletin's: the one its other places point to (its currency or telephone numbers choose
  among countries named as often), else the one of its currency or telephone numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from pipeline.core.ids import normalise_name
from pipeline.core.records import Section
from pipeline.extract.places.areas import SUBDIVISION
from pipeline.extract.places.candidates import MODEL_TOWN, SMALL_TOWN, Candidate
from pipeline.extract.places.local import LOCAL_KIND
from pipeline.extract.reference.gazetteer import City, Gazetteer, PlaceMatch, city_match
from pipeline.extract.reference.place_names import local_words

_WORD = re.compile(r"[^\W\d_][\w'\u2019]*")
# Evidence that does not say a name is a location: a name found only so is no place when
# the name is a person's.
_WEAK_EVIDENCE = frozenset({"coordinated"})


def contact_country(sections: Sequence[Section]) -> str | None:
    """The country of the currency a bulletin counts in and of its telephone numbers, when
    they name one ("£3,400" -> GB, "+61 2 6288 1234" -> AU); the most used if several."""
    words = local_words()
    counts: Counter[str] = Counter()
    for symbol, code in words.currencies.items():
        pattern = re.compile(r"(?<![^\W\d_])" + re.escape(symbol))
        # most bulletins name no currency: a plain search first, the pattern where it is found
        counts[code] += sum(len(pattern.findall(s.text)) for s in sections if symbol in s.text)
    for phone, code in words.phones:
        counts[code] += sum(len(phone.findall(s.text)) for s in sections)
    best = counts.most_common(1)
    return best[0][0] if best and best[0][1] else None


_HEADING_PUNCTUATION = " \t\n:.-–—*#"


def heading_countries(
    sections: Sequence[Section], per_section: Sequence[Sequence[Candidate]]
) -> list[str | None]:
    """Per section, the country of the last heading that is a country's or a state's name alone
    ("NIGER", "SRI LANKA", "Alabama"), from that heading to the next such one: a regional
    bulletin reports country by country, and a place of its passage under such a heading is in
    that country. None before the first such heading."""
    out: list[str | None] = []
    current: str | None = None
    for section, cands in zip(sections, per_section, strict=True):
        heading = section.text[: section.heading_end].strip(_HEADING_PUNCTUATION).casefold()
        named = next(
            (
                c.match.country_code
                for c in cands
                if c.accepted
                and c.start_char < section.heading_end
                and c.match.kind in {"country", "region"}
                and c.match.country_code
                and c.text.casefold() == heading
            ),
            None,
        )
        current = named or current
        out.append(current)
    return out


# A state's abbreviation written as a word of its own, not in a line set in capitals.
_ABBREVIATION = re.compile(r"(?<![\w.])[A-Z]{2,3}(?![\w])")


def written_states(sections: Sequence[Section], gazetteer: Gazetteer) -> frozenset[str]:
    """ISO 3166-2 codes of the states whose abbreviation the bulletin writes next to a name
    or after a comma ("Coventry, RI", "the RI Interlocal Trust"), outside lines in capitals
    ("NEWS IN BRIEF" names no Indiana); "photo ID" after a common word names no Idaho."""
    codes: set[str] = set()
    for section in sections:
        text = section.text
        for match in _ABBREVIATION.finditer(text):
            state = gazetteer.subdivision_codes.get(match.group())
            if state is None or state.subdivision is None:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.end())
            if text[line_start : line_end if line_end >= 0 else len(text)].isupper():
                continue
            before = text[max(0, match.start() - 2) : match.start()].rstrip()
            after = text[match.end() : match.end() + 2].lstrip()
            if before.endswith(",") or after[:1].isupper():
                codes.add(state.subdivision)
    return frozenset(codes)


def in_written_state(cand: Candidate, gazetteer: Gazetteer, states: frozenset[str]) -> Candidate:
    """A town of several countries, with no country written after it, is the namesake in a
    state the bulletin writes ("Coventry" and "RI": Coventry, Rhode Island, not England)."""
    if not states or not cand.gazetteer_city or cand.near:
        return cand
    namesake = next((c for c in gazetteer.cities.get(cand.match.name, ()) if c.subdivision in states), None)
    if namesake is None or namesake.subdivision == cand.match.subdivision:
        return cand
    return replace(cand, match=city_match(cand.match.name, namesake))


def longest_first(cands: Sequence[Candidate]) -> list[Candidate]:
    """Candidates that do not overlap, the longest kept where two do."""
    kept: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (c.start_char - c.end_char, c.start_char)):
        if not any(k.start_char < cand.end_char and cand.start_char < k.end_char for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start_char)


def place_key(cand: Candidate) -> str:
    """The name that identifies a place in a bulletin: "Kathner St" is "kathner street"."""
    if cand.match.kind == LOCAL_KIND:
        return normalise_name(local_words().full_form(cand.text))
    return normalise_name(cand.text)


def _title_case_line(text: str, start: int) -> bool:
    """Whether the line of ``text`` around offset ``start`` is written in title case (a
    heading): every word of four letters or more capitalised, two such words at least."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    long_words = [w for w in _WORD.findall(line) if len(w) >= 4]
    return len(long_words) >= 2 and all(w[:1].isupper() for w in long_words)


def trim_heading_names(
    per_section: Sequence[Sequence[Candidate]], sections: Sequence[Section]
) -> list[list[Candidate]]:
    """A local name in a title-case heading that ends with a local name the bulletin writes
    elsewhere is that name: "Weeding Chauvel Circle" -> "Chauvel Circle"."""
    in_heading = [
        [c.match.kind == LOCAL_KIND and _title_case_line(section.text, c.start_char) for c in cands]
        for cands, section in zip(per_section, sections, strict=True)
    ]
    known = {
        place_key(c)
        for cands, flags in zip(per_section, in_heading, strict=True)
        for c, heading in zip(cands, flags, strict=True)
        if c.match.kind == LOCAL_KIND and not heading
    }
    out: list[list[Candidate]] = []
    for cands, flags in zip(per_section, in_heading, strict=True):
        out.append([_trimmed(c, known) if heading else c for c, heading in zip(cands, flags, strict=True)])
    return out


def heading_only_towns(
    per_section: Sequence[Sequence[Candidate]], sections: Sequence[Section]
) -> list[list[Candidate]]:
    """A name only the model's label and a locative word make a town ("Week in Review",
    "Notes from Abroad") is no place in a title-case heading, where every word has a capital,
    unless the bulletin writes the name again elsewhere ("Flooding in Maban" ... "Maban is
    at risk")."""
    text = "\n".join(section.text for section in sections)
    out: list[list[Candidate]] = []
    for cands, section in zip(per_section, sections, strict=True):
        out.append(
            [
                replace(c, accepted=False, evidence="heading")
                if c.evidence == MODEL_TOWN
                and _title_case_line(section.text, c.start_char)
                and len(re.findall(rf"(?<!\w){re.escape(c.text)}(?!\w)", text)) < 2
                else c
                for c in cands
            ]
        )
    return out


def _trimmed(cand: Candidate, known: set[str]) -> Candidate:
    words = cand.text.split(" ")
    for k in range(1, len(words) - 1):
        shorter = " ".join(words[k:])
        if normalise_name(local_words().full_form(shorter)) in known:
            start = cand.start_char + cand.text.rindex(shorter)
            return replace(cand, start_char=start, text=shorter, match=replace(cand.match, name=shorter))
    return cand


def person_names(per_section: Sequence[Sequence[Candidate]]) -> frozenset[str]:
    """City names the bulletin also writes as part of a person's name ("Douglas Reid",
    "Mr. Warren"). (A name the model alone calls a person is not one: it calls many small
    towns so.)"""
    return frozenset(normalise_name(c.text) for cands in per_section for c in cands if c.evidence == "person")


def ambiguous_city(name: str, people: frozenset[str], gazetteer: Gazetteer) -> bool:
    """A city name that may be another thing or another town: a person's name in this
    bulletin, a listed common word, or small towns in several countries ("Douglas")."""
    if name in gazetteer.ambiguous_cities or normalise_name(name) in people:
        return True
    namesakes = gazetteer.cities.get(name, ())
    return (
        len({c.country_code for c in namesakes}) > 1
        and namesakes[0].population < gazetteer.common_name_max_population
    )


def in_bulletin_country(
    cand: Candidate, country: str | None, people: frozenset[str], gazetteer: Gazetteer
) -> Candidate:
    """The candidate as the bulletin's country decides it (see the module's docstring)."""
    if country is None:
        return cand
    state = gazetteer.state_namesakes.get(cand.match.name)
    if state is not None and cand.match.kind == "country" and state.country_code == country:
        # "Georgia" in a bulletin about the United States is its state
        return replace(cand, match=state)
    if cand.evidence == SUBDIVISION:
        if country not in gazetteer.area_countries.get(cand.match.name, ()):
            return cand
        return replace(cand, accepted=True, match=replace(cand.match, country_code=country))
    if not cand.gazetteer_city or cand.near or cand.match.name not in gazetteer.cities:
        return cand
    name = cand.match.name
    home = _namesake_in(gazetteer.cities[name], country)
    if cand.evidence == SMALL_TOWN:
        if home is None or normalise_name(name) in people:
            return cand
        return replace(cand, accepted=True, match=city_match(name, home), gazetteer_city=False)
    if not cand.accepted or not ambiguous_city(name, people, gazetteer):
        return cand
    if cand.evidence in _WEAK_EVIDENCE and normalise_name(name) in people:
        return replace(cand, accepted=False, evidence="person's name")
    match = city_match(name, home) if home else PlaceMatch(name, name, "city", country)
    return replace(cand, match=match, gazetteer_city=False)


# A line that ends a label, a clause or a sentence, or a blank line: what a parser's sentence
# may run over in a list or an address block ("Correspondent in Senegal:\n12 Kauri Road").
_PASSAGE_BREAK = re.compile(r"[:;.]\s*\n|\n\s*\n")


def same_passage(text: str, a: int, b: int) -> bool:
    """Whether offsets ``a`` and ``b`` of ``text`` are in one passage: no line between them
    ends with a colon, a semicolon or a full stop, and none is blank."""
    return _PASSAGE_BREAK.search(text, min(a, b), max(a, b)) is None


_ARTICLE_BEFORE = re.compile(r"\s*\b(?:the|le|la|les|l')$")


def after_origin_word(text: str, start: int, origin_words: Sequence[str]) -> bool:
    """Whether the name at offset ``start`` of ``text`` follows one of the origin phrases
    (lower case), perhaps and an article ("from Nigeria", "retournés du Nigeria", "réfugiés
    de la Centrafrique"): where someone comes from."""
    before = " ".join(text[max(0, start - 40) : start].lower().replace("’", "'").split())
    before = _ARTICLE_BEFORE.sub("", before).rstrip()
    return any(before == w or before.endswith(" " + w) for w in origin_words)


def located(cand: Candidate, sentence: Sequence[str], country: str | None) -> Candidate:
    """A local place or area that its name does not firmly locate: in the one country its
    sentence names, else in the bulletin's country, else where its name points."""
    if not cand.in_bulletin_country:
        return cand
    codes = {code.split("-")[0] for code in sentence}
    code = codes.pop() if len(codes) == 1 else country
    if code is None or code == cand.match.country_code:
        return cand
    return replace(cand, match=replace(cand.match, country_code=code))


def _namesake_in(cities: Sequence[City], country: str) -> City | None:
    return next((c for c in cities if c.country_code == country), None)
