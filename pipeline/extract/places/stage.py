"""The places stage: per bulletin, one row per place name and a mention for each use.

One sense per bulletin: a city accepted once counts wherever else it is written, its
namesake chosen from the country written after it, else the countries named in the same
sentence or section, else by population; local places take the country of the bulletin's
other places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import Mention, Place, Section
from pipeline.extract.context import DocumentContext, Extracted, make_mention
from pipeline.extract.places.candidates import (
    Candidate,
    find_candidates,
)
from pipeline.extract.places.local import (
    LOCAL_KIND,
    context_country,
    local_candidates,
    subdivision_codes,
)
from pipeline.extract.places.resolution import (
    pick_city,
)
from pipeline.extract.reference.gazetteer import (
    Gazetteer,
    PlaceMatch,
)

MENTION_LABEL = "PLACE"




def extract(context: DocumentContext) -> Extracted:
    """The places stage: ``find_places`` over a document context, after the organisations."""
    gazetteer = context.reference.gazetteer
    organisations = [(m.char_start, m.char_end) for m in context.found.mentions if m.label == "ORG"]
    places, mentions = find_places(
        context.doc_id, context.sections, context.docs, gazetteer, organisation_spans=organisations
    )
    return Extracted(tuple(places), tuple(mentions))


def find_places(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    gazetteer: Gazetteer,
    *,
    organisation_spans: Sequence[tuple[int, int]] = (),
) -> tuple[list[Place], list[Mention]]:
    """One ``Place`` per distinct place name in the bulletin and a ``Mention`` for each use.

    ``organisation_spans`` (document offsets) are organisation names: no local place is
    read inside one.
    """
    per_section = [
        _section_candidates(section, doc, gazetteer, organisation_spans)
        for section, doc in zip(sections, docs, strict=True)
    ]
    country = context_country(c for cands in per_section for c in cands)
    if country is not None:
        per_section = [[_located(c, country) for c in cands] for cands in per_section]
    # One sense per bulletin: a city accepted once counts wherever else it is written,
    # unless it is part of a person's name there.
    accepted_names = {normalise_name(c.text) for cands in per_section for c in cands if c.accepted}
    chosen: list[tuple[Section, Candidate, tuple[str, ...]]] = []
    for section, cands in zip(sections, per_section, strict=True):
        section_countries = _countries(c for c in cands if c.accepted)
        for cand in cands:
            if not cand.accepted and not (
                cand.evidence in {"ambiguous", "no evidence"} and normalise_name(cand.text) in accepted_names
            ):
                continue
            sentence = _countries(
                c for c in cands if c.accepted and cand.sentence_start <= c.start_char < cand.sentence_end
            )
            context = tuple(dict.fromkeys(sentence + section_countries))
            chosen.append((section, cand, context))

    # Per name: the resolution with the closest context (a country right after it, then
    # countries nearby, then none) and the name as first written (not in capitals).
    best: dict[str, tuple[int, PlaceMatch]] = {}
    written: dict[str, str] = {}
    mentions: list[Mention] = []
    for section, cand, context in chosen:
        key = normalise_name(cand.text)
        if not key:
            continue
        match = _resolve_candidate(cand, context, gazetteer)
        rank = 0 if cand.near else (1 if context else 2)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, match)
        if key not in written or (written[key].isupper() and not cand.text.isupper()):
            written[key] = cand.text
        mentions.append(
            make_mention(
                doc_id, section, cand.start_char, cand.end_char, MENTION_LABEL, stable_id(key), cand.text
            )
        )
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.entity_id or ""] = counts.get(mention.entity_id or "", 0) + 1
    places = []
    for key, name in written.items():
        match = best[key][1]
        place_id = stable_id(key)
        places.append(
            Place(
                doc_id=doc_id,
                place_id=place_id,
                name=name,
                kind=match.kind,
                country_code=match.country_code,
                lat=match.lat,
                lon=match.lon,
                n_mentions=counts[place_id],
            )
        )
    return places, mentions


def _section_candidates(
    section: Section, doc: Doc, gazetteer: Gazetteer, organisation_spans: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """The gazetteer's names in a section, its state abbreviations standing alone, and its
    local places (which win over a gazetteer name inside them: "Canberra Centenary Trail")."""
    found = find_candidates(doc, gazetteer, text=section.text)
    taken = [(c.start_char, c.end_char) for c in found]
    found += [c for c in subdivision_codes(doc, gazetteer) if not _overlaps(c, taken)]
    lo = section.char_start
    organisations = [(a - lo, b - lo) for a, b in organisation_spans if lo <= a < section.char_end]
    local = local_candidates(doc, gazetteer, organisations)
    found = [c for c in found if not any(_within(c, x) for x in local)]
    local = [c for c in local if not _overlaps(c, [(f.start_char, f.end_char) for f in found])]
    return sorted(found + local, key=lambda c: c.start_char)


def _within(inner: Candidate, outer: Candidate) -> bool:
    return outer.start_char <= inner.start_char and inner.end_char <= outer.end_char


def _overlaps(cand: Candidate, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < cand.end_char and cand.start_char < b for a, b in spans)


def _located(cand: Candidate, country: str) -> Candidate:
    """A local place in the country of the bulletin's other places."""
    if cand.match.kind != LOCAL_KIND or cand.match.country_code:
        return cand
    return replace(cand, match=replace(cand.match, country_code=country))


def _countries(cands: Iterable[Candidate]) -> tuple[str, ...]:
    codes = [
        c.match.context_code for c in cands if c.match.kind in {"country", "region"} and c.match.context_code
    ]
    return tuple(dict.fromkeys(codes))


def _resolve_candidate(cand: Candidate, context: Sequence[str], gazetteer: Gazetteer) -> PlaceMatch:
    if cand.gazetteer_city and cand.match.name in gazetteer.cities:
        return pick_city(cand.match.name, gazetteer.cities[cand.match.name], context, cand.near)
    return cand.match
