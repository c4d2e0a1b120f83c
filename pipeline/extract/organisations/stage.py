"""The organisations stage: one row per distinct body named in a bulletin, and all its mentions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import pycountry
from spacy.tokens import Doc

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import Mention, Organisation, Section
from pipeline.extract.acronyms import (
    acronym_pattern,
    find_definitions_in_text,
    match_long_form,
    max_long_form_words,
)
from pipeline.extract.context import DocumentContext, Extracted, make_mention
from pipeline.extract.organisations.candidates import Candidate, bulletin_acronyms, section_candidates
from pipeline.extract.organisations.classification import (
    canonical,
    classify_definitions,
    with_bracketed_acronyms,
    with_long_forms,
)
from pipeline.extract.organisations.head_first import bracketed_definitions
from pipeline.extract.organisations.linked import linked_names
from pipeline.extract.organisations.masthead import initials, masthead_body, title_case, written_forms
from pipeline.extract.organisations.misreadings import bulletin_clues, generic_organ
from pipeline.extract.places.areas import area_candidates
from pipeline.extract.reference.gazetteer import Gazetteer, language_gazetteer
from pipeline.extract.reference.organisations import OrgReference, language_reference
from pipeline.extract.reference.place_names import LocalWords, local_words
from pipeline.extract.words import Word, doc_words, lowercase_vocabulary, model_place_names


def extract(context: DocumentContext) -> Extracted:
    """The organisations stage: ``find_organisations`` over a document context."""
    organisations, mentions = find_organisations(
        context.doc_id,
        context.sections,
        context.docs,
        language_reference(context.reference.organisations, context.language),
        words_by_section=context.words,
        gazetteer=language_gazetteer(context.reference.gazetteer, context.language),
        local=local_words(context.language),
    )
    return Extracted(tuple(organisations), tuple(mentions))


_LINKS = re.compile(r"\b(?:of|for)\b")
# Words that open a head's complement: "Friends [of] ...", "Conseil [de] ...".
COMPLEMENT_LINKS = frozenset({"of", "for", "de", "du", "des"})


def _loose_key(name: str) -> str:
    """A name's key with its links alike: "School for X" and "School of X" are one body."""
    return _LINKS.sub("of", normalise_name(name))


# Words of a country's name around a body's name: "Papua New Guinea".
MAX_COUNTRY_WORDS = 3


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(
        normalise_name(value)
        for c in pycountry.countries
        for value in (c.name, getattr(c, "common_name", None))
        if value
    )


def _short_key(name: str, keys: set[str]) -> str:
    """The key of ``name`` without the country it opens or ends with, where the bulletin also
    writes it so ("Vanuatu Police Force" beside "Police Force", "Ministry of Finance of Samoa"
    beside "Ministry of Finance"); else its own key. (Not a region's or a town's name: "ACT
    Parks Service" and "Parks Service" may be two bodies.)"""
    words = name.split()
    for k in range(1, min(MAX_COUNTRY_WORDS, len(words) - 2) + 1):
        rest = _loose_key(" ".join(words[k:]))
        if rest in keys and normalise_name(" ".join(words[:k])) in _country_names():
            return rest
        front = _loose_key(" ".join(words[: -k - 1]))
        if (
            words[-k - 1] in {"of", "in"}
            and front in keys
            and normalise_name(" ".join(words[-k:])) in _country_names()
        ):
            return front
    return _loose_key(name)


def _with_masthead(
    candidates: list[tuple[int, Candidate]],
    sections: Sequence[Section],
    texts: Sequence[str],
    reference: OrgReference,
) -> list[tuple[int, Candidate]]:
    """``candidates`` with the body the masthead names in capitals (``masthead_body``), over
    the shorter candidates it holds ("PARK CARE GROUP")."""
    if reference.head_first or not sections or sections[0].char_start != 0:
        return candidates
    found = masthead_body(texts[0], reference.head_words, reference.company_suffixes)
    if found is None:
        return candidates
    start, end = found
    if generic_organ(texts[0][start:end].split(), reference):
        return candidates  # "EXECUTIVE BOARD": an organ of the context
    name = title_case(texts[0][start:end].split(), written_forms(texts))
    kept = [(i, c) for i, c in candidates if i != 0 or c.end <= start or end <= c.start]
    return [(0, Candidate(start, end, name, None, "masthead", False)), *kept]


def _area_names(docs: Sequence[Doc], gazetteer: Gazetteer, local: LocalWords | None) -> frozenset[str]:
    """Normalised names of the administrative areas the places rules read by their form
    anywhere in the bulletin ("In Kachin state", "Bentiu, Unity State", "Shelby, Blount and
    Walker counties"), with and without their area word: one sense per bulletin."""
    words = local or local_words()
    area_words = words.area_words | words.area_plurals
    names: set[str] = set()
    for doc in docs:
        text = doc.text
        for c in area_candidates(doc, gazetteer, words=words):
            if not c.accepted:
                continue
            names.add(normalise_name(c.text))
            *name, last = c.text.split()
            if name and last in area_words:
                names.add(normalise_name(" ".join(name)))
            after = text[c.end_char :].split(maxsplit=1)[:1]
            if after and after[0] in area_words:  # the last of a list: "Walker counties"
                names.add(normalise_name(f"{c.text} {after[0]}"))
    return frozenset(names)


# Fewer letters spell too many names by chance.
MIN_SPELLED_LETTERS = 3


def spelled_name(acronym: str, names: Iterable[str]) -> str | None:
    """The one name among ``names`` whose initials are the capitals of ``acronym`` and whose
    letters spell the rest of it in order (Schwartz–Hearst: "ULg" in "Université de Liège");
    None where none or several do."""
    if sum(c.isalpha() for c in acronym) < MIN_SPELLED_LETTERS:
        return None
    capitals = "".join(filter(str.isupper, acronym))
    matches = {
        name
        for name in names
        if acronym not in name
        and initials(name) == capitals
        and len(name.split()) <= max_long_form_words(acronym)
        and match_long_form(acronym, name.split()) == 0
    }
    return matches.pop() if len(matches) == 1 else None


def completed_heads(names: Iterable[str], reference: OrgReference) -> dict[str, str]:
    """Each bare head among ``names`` ("Friends", "Council") that opens exactly one other name
    with its complement ("Friends of Larkin Woods"): that name. The bulletin calls the body by
    its head once it has named it; a head that opens two names stays itself."""
    heads = reference.head_words | reference.place_heads
    full: dict[str, str] = {}
    for bare in names:
        if len(bare.split()) != 1 or bare.lower() not in heads:
            continue
        longer = {
            name
            for name in names
            if len(name.split()) > 2
            and name.split()[0].lower() == bare.lower()
            and name.split()[1].lower() in COMPLEMENT_LINKS
        }
        if len(longer) == 1:
            full[bare] = longer.pop()
    return full


def written_name(candidate: Candidate, name: str, reference: OrgReference) -> str:
    """The name a row shows: the bulletin's own words where it writes a reference body by
    another of its names ("Security Council", "UN Children's Fund"), as an analyst copies it;
    ``name`` (the reference's, or the defined long form) otherwise. The row's identity stays
    the reference body's, so every name of it is one row."""
    written = candidate.name
    if written is None or candidate.acronym or reference.lookup_name(written) is None:
        return name
    return written


def find_organisations(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    reference: OrgReference,
    *,
    words_by_section: Sequence[Sequence[Word]] | None = None,
    gazetteer: Gazetteer | None = None,
    local: LocalWords | None = None,
) -> tuple[list[Organisation], list[Mention]]:
    """One ``Organisation`` per distinct body named in the bulletin, and all its mentions.

    ``words_by_section[i]`` is ``doc_words(docs[i])`` when the caller has it (the people
    stage reads the same words). With a ``gazetteer``, a name the model alone calls an
    organisation is no body where the bulletin's words make it an administrative area
    (``_area_names``).
    """
    texts = [section.text for section in sections]  # each doc's text (spaCy rebuilds Doc.text on access)
    definitions = [(i, d) for i, text in enumerate(texts) for d in find_definitions_in_text(text)]
    if words_by_section is None:
        words_by_section = [doc_words(doc) for doc in docs]
    if reference.head_first:
        defined = {d.short for _, d in definitions}
        definitions += [
            (i, d)
            for i, text in enumerate(texts)
            for d in bracketed_definitions(words_by_section[i], text, reference)
            if d.short not in defined
        ]
    defs = classify_definitions(definitions, docs, reference)
    vocabulary = lowercase_vocabulary(docs)
    places = model_place_names(docs)
    if gazetteer is not None:
        places |= _area_names(docs, gazetteer, local)
    acronyms = acronym_pattern(bulletin_acronyms(docs, reference, defs, places, texts))

    clues = bulletin_clues(docs, reference)
    linked: list[list[tuple[int, int]]] = [[] for _ in docs]
    for mention in linked_names(docs, reference, vocabulary):
        span = docs[mention.section][mention.start : mention.end]
        linked[mention.section].append((span.start_char, span.end_char))
    candidates: list[tuple[int, Candidate]] = []
    for i, (section, doc) in enumerate(zip(sections, docs, strict=True)):
        section_defs = [d for j, d in definitions if j == i]
        candidates.extend(
            (i, c)
            for c in section_candidates(
                doc,
                section.heading_end,
                reference,
                defs,
                section_defs,
                acronyms,
                vocabulary,
                places,
                texts[i],
                words_by_section[i],
                clues,
                linked[i],
            )
        )
    candidates = _with_masthead(candidates, sections, texts, reference)
    # A pattern name that holds a defined long form in full is the long form of its acronym.
    named = {c.acronym: c.name for _, c in candidates if c.source == "pattern" and c.acronym and c.name}
    defs = with_bracketed_acronyms(with_long_forms(defs, named), named)
    found: list[tuple[int, Candidate, str, str | None]] = []
    for i, c in candidates:
        name, acronym = canonical(defs, reference, c.name, c.acronym)
        found.append((i, c, name, acronym))
    # An acronym no definition or reference expands, that spells the initials of a name the
    # bulletin writes ("CRPCG" beside the masthead's "Cooleman Ridge Park Care Group"), is that name.
    # Failing that, the one such name whose letters it spells in order ("ULg" beside "Université de Liège").
    names = {name for _, c, name, _ in found if c.name and len(name.split()) > 1}
    spelled = {initials(name): name for name in names}
    for acronym in {a for _, _, name, a in found if a and name == a and a not in spelled}:
        if (long := spelled_name(acronym, names)) is not None:
            spelled[acronym] = long
    found = [
        (i, c, spelled[acronym], acronym) if name == acronym and acronym in spelled else (i, c, name, acronym)
        for i, c, name, acronym in found
    ]

    # Headings are Title Case: a name seen only in a heading is trusted only when the
    # reference or an acronym definition vouches for it.
    body_keys = {normalise_name(name) for _, c, name, _ in found if not c.in_heading}
    found = [
        f
        for f in found
        if not (
            f[1].source in {"model", "pattern"} and f[1].in_heading and normalise_name(f[2]) not in body_keys
        )
    ]

    rows: dict[str, tuple[str, str | None]] = {}
    counts: dict[str, int] = {}
    mentions: list[Mention] = []
    # "School for Social Sciences" and "School of Social Sciences" in one bulletin: one body,
    # under the name written first; so are "Vanuatu Police Force" and "Police Force" (``_short_key``).
    by_loose_key: dict[str, str] = {}
    # "the Friends" beside "the Friends of Larkin Woods": one body, under its full name.
    full = completed_heads({n for _, _, n, _ in found}, reference)
    found = [(i, c, full.get(name, name), acronym) for i, c, name, acronym in found]
    keys = {_loose_key(name) for _, _, name, _ in found}
    for i, c, name, acronym in found:
        section = sections[i]
        key = _short_key(name, keys)
        org_id = by_loose_key.setdefault(key, stable_id(normalise_name(name)))
        if org_id not in rows:
            shown = written_name(c, name, reference)
            rows[org_id] = (" ".join(shown.split()), acronym)  # a name wrapped over a line
        elif acronym and not rows[org_id][1]:
            rows[org_id] = (rows[org_id][0], acronym)
        counts[org_id] = counts.get(org_id, 0) + 1
        mentions.append(make_mention(doc_id, section, c.start, c.end, "ORG", org_id))
    organisations = [
        Organisation(doc_id=doc_id, org_id=org_id, name=name, acronym=acronym, n_mentions=counts[org_id])
        for org_id, (name, acronym) in rows.items()
    ]
    return organisations, mentions
