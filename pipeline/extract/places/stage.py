"""The places stage: per bulletin, one row per place name and a mention for each use.

One sense per bulletin: a city accepted once counts wherever else it is written, its
namesake chosen from the country written after it, else the countries named in the same
sentence or section, else the bulletin's country, else by population; local places and
areas their name does not locate take the country of the bulletin's other places
(``bulletin.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import Mention, Place, Section
from pipeline.extract.context import DocumentContext, Extracted, make_mention
from pipeline.extract.places.areas import (
    AREA_KIND,
    SUBDIVISION,
    area_candidates,
    area_key,
    kind_word_spans,
    subdivision_names,
)
from pipeline.extract.places.bulletin import (
    after_origin_word,
    contact_country,
    heading_countries,
    heading_only_towns,
    in_bulletin_country,
    in_written_state,
    located,
    longest_first,
    person_names,
    place_key,
    same_passage,
    trim_heading_names,
    written_states,
)
from pipeline.extract.places.candidates import (
    MODEL_TOWN,
    OPENS_A_NAME,
    SMALL_TOWN,
    Candidate,
    find_candidates,
)
from pipeline.extract.places.compounds import COMPOUND, compound_towns
from pipeline.extract.places.lists import listed_places
from pipeline.extract.places.local import (
    body_name_country,
    context_country,
    local_candidates,
    postcode_towns,
    subdivision_codes,
)
from pipeline.extract.places.resolution import pick_city
from pipeline.extract.reference.gazetteer import (
    Gazetteer,
    PlaceMatch,
    fold_accents,
    language_gazetteer,
)
from pipeline.extract.reference.organisations import language_reference
from pipeline.extract.reference.place_names import LocalWords, local_words

MENTION_LABEL = "PLACE"


def extract(context: DocumentContext) -> Extracted:
    """The places stage: ``find_places`` over a document context, after the organisations."""
    gazetteer = language_gazetteer(context.reference.gazetteer, context.language)
    organisations = [(m.char_start, m.char_end) for m in context.found.mentions if m.label == "ORG"]
    places, mentions = find_places(
        context.doc_id,
        context.sections,
        context.docs,
        gazetteer,
        organisation_spans=organisations,
        org_heads=language_reference(context.reference.organisations, context.language).head_words,
        local=local_words(context.language),
    )
    return Extracted(tuple(places), tuple(mentions))


def find_places(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    gazetteer: Gazetteer,
    *,
    organisation_spans: Sequence[tuple[int, int]] = (),
    org_heads: frozenset[str] = frozenset(),
    local: LocalWords | None = None,
) -> tuple[list[Place], list[Mention]]:
    """One ``Place`` per distinct place name in the bulletin and a ``Mention`` for each use.

    ``organisation_spans`` (document offsets) are organisation names: no local place is
    read inside one; ``org_heads`` (lower case) are the words that end one.
    """
    per_section = trim_heading_names(
        [
            _section_candidates(section, doc, gazetteer, organisation_spans, org_heads, local)
            for section, doc in zip(sections, docs, strict=True)
        ],
        sections,
    )
    per_section = heading_only_towns(per_section, sections)
    states = written_states(sections, gazetteer)
    per_section = [[in_written_state(c, gazetteer, states) for c in cands] for cands in per_section]
    everything = [c for cands in per_section for c in cands]
    contact = contact_country(sections)
    words = local or local_words()
    country = (
        context_country(everything, prefer=contact)
        or contact
        or body_name_country(everything)
        or words.language_country
    )
    people = person_names(per_section)
    # A regional bulletin's country headings ("NIGER", "SRI LANKA") stand for its country there.
    headings = heading_countries(sections, per_section)
    per_section = [
        [in_bulletin_country(c, heading or country, people, gazetteer) for c in cands]
        for cands, heading in zip(per_section, headings, strict=True)
    ]
    # One sense per bulletin: a city accepted once counts wherever else it is written,
    # unless it is part of a person's name there.
    accepted_names = {normalise_name(c.text) for cands in per_section for c in cands if c.accepted}
    chosen: list[tuple[Section, Candidate, tuple[str, ...]]] = []
    for section, cands, heading in zip(sections, per_section, headings, strict=True):
        section_countries = _countries(c for c in cands if c.accepted)
        home = heading or country
        for cand in cands:
            if not cand.accepted and not (
                cand.evidence in _SPREAD_TO and normalise_name(cand.text) in accepted_names
            ):
                continue
            sentence = _countries(
                c for c in cands if c.accepted and cand.sentence_start <= c.start_char < cand.sentence_end
            )
            nearby = sentence + section_countries + tuple(c for c in (home, country) if c)
            context = tuple(dict.fromkeys(nearby))
            if cand.in_bulletin_country:
                # The parser's sentence may run over the lines of a list or an address.
                sentence = _countries(
                    c
                    for c in cands
                    if c.accepted
                    and cand.sentence_start <= c.start_char < cand.sentence_end
                    and same_passage(section.text, c.start_char, cand.start_char)
                    and not after_origin_word(section.text, c.start_char, words.origin_words)
                )
            chosen.append((section, located(cand, sentence, home), context))

    # Per name: the resolution with the closest context (a country right after it, then
    # countries nearby, then none) and the name as first written (not in capitals).
    best: dict[str, tuple[int, PlaceMatch]] = {}
    written: dict[str, str] = {}
    ids: dict[str, str] = {}
    mentions: list[Mention] = []
    for section, cand, context in chosen:
        name_key = area_key(cand, gazetteer, words) or place_key(cand)
        if not name_key:
            continue
        # Accents dropped, as headings in capitals drop them ("COTE D'IVOIRE" is "Côte d'Ivoire");
        # the place's id is that of its name as first written.
        key = fold_accents(name_key)
        ids.setdefault(key, stable_id(name_key))
        match = _resolve_candidate(cand, context, gazetteer, states)
        rank = 0 if cand.near else (1 if context else 2)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, match)
        if key not in written or (written[key].isupper() and not cand.text.isupper()):
            written[key] = cand.text
        mentions.append(
            make_mention(doc_id, section, cand.start_char, cand.end_char, MENTION_LABEL, ids[key], cand.text)
        )
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.entity_id or ""] = counts.get(mention.entity_id or "", 0) + 1
    places = []
    for key, name in written.items():
        match = best[key][1]
        place_id = ids[key]
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


# Rejected mentions of a name that the bulletin accepts elsewhere: they count too.
_SPREAD_TO = frozenset({"ambiguous", "no evidence", SMALL_TOWN, SUBDIVISION})


def _section_candidates(
    section: Section,
    doc: Doc,
    gazetteer: Gazetteer,
    organisation_spans: Sequence[tuple[int, int]],
    org_heads: frozenset[str],
    local: LocalWords | None = None,
) -> list[Candidate]:
    """The gazetteer's names in a section, its state abbreviations standing alone, and the
    names whose form makes them places: local places and administrative areas. A name of
    that form wins over a gazetteer name inside it ("Canberra Centenary Trail", "Kisumu
    East district"); one that is exactly a gazetteer name is that place ("Mount Pearl",
    "Cook Islands"), its form being the evidence."""
    lo = section.char_start
    organisations = [(a - lo, b - lo) for a, b in organisation_spans if lo <= a < section.char_end]
    # A town only the model's label supports is no place inside an organisation's name; a
    # kind of place before its name ("Canton de Kiskra") is no town of the gazetteer.
    kinds = kind_word_spans(doc, local or local_words())
    found = [
        c
        for c in find_candidates(doc, gazetteer, text=section.text)
        if (c.evidence != MODEL_TOWN or not _overlaps(c, organisations))
        and (c.start_char, c.end_char) not in kinds
    ]
    taken = [(c.start_char, c.end_char) for c in found]
    found += [c for c in subdivision_codes(doc, gazetteer) if not _overlaps(c, taken)]
    form = longest_first(
        local_candidates(doc, gazetteer, organisations, words=local, org_heads=org_heads)
        + area_candidates(doc, gazetteer, organisations, words=local)
        + postcode_towns(doc, gazetteer, local)
        + _compound_towns(doc, gazetteer, local or local_words(), organisations)
    )
    exact = {(f.start_char, f.end_char) for f in form}
    # A name listed as an area ("Shelby, St. Clair and Walker counties") is that area, not
    # the gazetteer's small town of that name, which may be abroad (a big one, "Khartoum
    # and Kassala states", firmly locates its area and stays the gazetteer's).
    areas_exact = {
        (f.start_char, f.end_char) for f in form if f.match.kind == AREA_KIND and f.in_bulletin_country
    }
    found = [c for c in found if not (c.gazetteer_city and (c.start_char, c.end_char) in areas_exact)]
    # A town that opens a name of that form stays a hint of the bulletin's country ("Coventry
    # Centre", as "Whangarei Heads School"): no place of its own there.
    found = [
        replace(c, accepted=True, evidence="form")
        if _exact_form(c, exact)
        else (replace(c, accepted=False, evidence=OPENS_A_NAME) if _opens(c, form) else c)
        for c in found
        if _exact_form(c, exact) or _opens(c, form) or not any(_within(c, f) for f in form)
    ]
    spans = [(f.start_char, f.end_char) for f in found if f.evidence != OPENS_A_NAME]
    form = [f for f in form if not _overlaps(f, spans)]
    # Subdivisions written alone ("in Jonglei"): where no other name is, or a town of that
    # name that nothing says is one ("en Cibitoke": the province).
    # A town only the model's label makes that opens a longer subdivision's name is part of
    # it ("en Seine et Marne").
    subdivisions = subdivision_names(doc, gazetteer, local)
    found = [
        c
        for c in found
        if c.evidence != MODEL_TOWN
        or not any(_within(c, a) and a.end_char > c.end_char for a in subdivisions)
    ]
    kept = [(f.start_char, f.end_char) for f in found if f.accepted or f.evidence not in _NO_EVIDENCE]
    kept += [(f.start_char, f.end_char) for f in form]
    areas = [c for c in subdivisions if not _overlaps(c, kept)]
    found = [c for c in found if not any(_within(c, a) for a in areas)]
    cands = sorted(found + form + areas, key=lambda c: c.start_char)
    return listed_places(doc, cands, gazetteer, local or local_words(), organisations)


def _compound_towns(
    doc: Doc, gazetteer: Gazetteer, words: LocalWords, organisations: Sequence[tuple[int, int]]
) -> list[Candidate]:
    """Towns named in several words around a link word; written with spaces, the link words
    that join a list ("et") are no part of one name."""
    spaced = tuple(w for w in words.compound_links if w not in words.list_links)
    return compound_towns(
        doc,
        gazetteer,
        words.compound_links,
        organisations,
        spaced_heads=words.spaced_compound_heads,
        spaced_links=spaced,
    )


# A gazetteer town rejected for want of evidence, which an ISO subdivision of its name replaces.
_NO_EVIDENCE = frozenset({"no evidence"})


def _exact_form(cand: Candidate, spans: set[tuple[int, int]]) -> bool:
    """A gazetteer name (not the model's alone) that is exactly a name of a place's form."""
    return (
        (cand.start_char, cand.end_char) in spans
        and cand.evidence != "person"
        and not cand.evidence.startswith("model ")
    )


def _opens(cand: Candidate, form: Sequence[Candidate]) -> bool:
    """A town of the gazetteer that opens a longer name of a place's form, not a town's
    compound name ("Saint Denis" of "Saint Denis lès Bourg" is no hint of its country)."""
    if cand.evidence != OPENS_A_NAME and not (cand.match.kind == "city" and cand.match.country_code):
        return False
    return any(
        _within(cand, f) and f.start_char == cand.start_char and f.end_char > cand.end_char
        for f in form
        if f.evidence != COMPOUND
    )


def _within(inner: Candidate, outer: Candidate) -> bool:
    return outer.start_char <= inner.start_char and inner.end_char <= outer.end_char


def _overlaps(cand: Candidate, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a < cand.end_char and cand.start_char < b for a, b in spans)


def _countries(cands: Iterable[Candidate]) -> tuple[str, ...]:
    codes = [
        c.match.context_code for c in cands if c.match.kind in {"country", "region"} and c.match.context_code
    ]
    return tuple(dict.fromkeys(codes))


def _resolve_candidate(
    cand: Candidate, context: Sequence[str], gazetteer: Gazetteer, states: frozenset[str] = frozenset()
) -> PlaceMatch:
    if cand.match.subdivision in states:
        return cand.match  # the namesake in a state the bulletin writes (``in_written_state``)
    if cand.gazetteer_city and cand.match.name in gazetteer.cities:
        return pick_city(cand.match.name, gazetteer.cities[cand.match.name], context, cand.near)
    return cand.match
