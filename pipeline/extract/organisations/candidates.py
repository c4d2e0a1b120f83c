"""Organisation mentions of one section from every source (acronym definitions, the reference,
head-word patterns, acronyms, the model's ORG entities), filtered and without overlaps."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pycountry
from spacy.tokens import Doc

from pipeline.core.ids import normalise_name
from pipeline.extract.acronyms import AcronymDefinition, is_acronym_token
from pipeline.extract.organisations.classification import (
    Definitions,
    listed_non_org,
    long_form_kind,
    strip_article,
)
from pipeline.extract.organisations.coordination import ModelEvidence
from pipeline.extract.organisations.head_first import head_first_names
from pipeline.extract.organisations.heads import name_head
from pipeline.extract.organisations.misreadings import (
    BulletinClues,
    after_honorific,
    alone_on_line,
    beside_species,
    generic_organ,
    genus,
    in_capitals_heading,
    kind_of_body,
    listed_with_people,
    listed_with_places,
    person_written,
    town_after_preposition,
)
from pipeline.extract.organisations.names import (
    company_names,
    described_names,
    head_candidates,
    title_runs,
    topic_of_event,
)
from pipeline.extract.reference.organisations import OrgReference, match_key
from pipeline.extract.reference.place_names import is_demonym, is_place_name, local_words, place_words
from pipeline.extract.words import CONNECTORS, DETERMINERS, POSSESSIVE_MARKS, VERB_TAGS, Word, is_cap_word

_ACRONYM_WORD = re.compile(r"(?<![\w-])[A-Za-z0-9]+(?:[-&][A-Za-z0-9]+)*(?![\w])")
_QUOTED = re.compile(r"\u201c[^\u201d\n]{1,300}\u201d|\"[^\"\n]{1,300}\"")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted titles and themes."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


@dataclass(frozen=True)
class Candidate:
    start: int  # offsets in the section text
    end: int
    name: str | None
    acronym: str | None
    source: str  # definition, reference, pattern, acronym, model
    in_heading: bool


def _strip_name(text: str) -> tuple[int, int]:
    """Offsets of a model entity's text without "the", a possessive or a dangling bracket."""
    start, end = 0, len(text)
    m = re.match(r"(?:the|The|THE)\s+", text)
    if m:
        start = m.end()
    cut = text.find("(", start)
    if cut > start:
        end = cut
    while end > start and text[end - 1] in " ,;:.\u201d\"'":
        end -= 1
    # Trailing lower-case words the model sometimes takes along ("... PARTNERSHIP the").
    while (m := re.search(r"\s+(\S+)$", text[start:end])) and m.group(1).lower() in CONNECTORS:
        end = start + m.start()
    for mark in ("'s", "\u2019s"):
        if text[start:end].endswith(mark):
            end -= len(mark)
    return start, end


def _article_length(name: str, ref: OrgReference) -> int:
    """Length of the article a long form opens with ("l'Agence ...": 2), where the language
    writes one before a name (``OrgReference.name_articles``); else 0."""
    return len(name) - len(strip_article(name, ref))


def _is_article(text: str, ref: OrgReference) -> bool:
    return text.lower().replace("\u2019", "'") in ref.name_articles


def _inside(ranges: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def _model_org_ok(
    doc: Doc,
    doc_text: str,
    words: Sequence[Word],
    start: int,
    end: int,
    ref: OrgReference,
    defs: Definitions,
    vocabulary: frozenset[str],
    places: frozenset[str],
    clues: BulletinClues,
) -> bool:
    """Filter for a model ORG entity that no pattern, definition or reference explains.

    ``doc_text`` is ``doc.text``, which spaCy rebuilds from the tokens on every access.
    """
    text = doc_text[start:end]
    ws = [w for w in words if start <= w.char_start and w.char_end <= end]
    if not ws:
        return False
    texts = [w.text for w in ws]
    if len(ws) == 1 and is_acronym_token(texts[0]):
        return False  # acronyms are decided by the acronym rules
    if match_key(text) in defs.other_longs or normalise_name(text) in places:
        return False
    if is_place_name(text) or all(is_demonym(t) or t.lower() in CONNECTORS for t in texts):
        return False
    if local_words().names_a_place(texts):
        return False  # "Big Reservoir", "Kathner St", "Mt Arawang": a place, not a body
    kind = long_form_kind(text, ref)
    if kind in {"event", "other"} or topic_of_event(words, words.index(ws[0]), ref):
        return False
    if kind_of_body(texts, ref) or generic_organ(texts, ref):
        return False  # "Swiss Societies", "Executive Board": a kind of body, an organ of the context
    first, last = ws[0].start, ws[-1].end
    if genus(doc, first, last, clues) or town_after_preposition(doc, first, text):
        return False  # "Verbascum thapsus", "arrived at Malakal"
    i0 = words.index(ws[0])
    if beside_species(words, i0, i0 + len(ws), clues.epithets.__contains__, clues.genera):
        return False  # "Blackthorn (Bursaria lasiophylla)"
    last_word = texts[-1].lower()
    if kind != "org" and len(ws) > 1 and last_word in ref.taxon_words and last_word in vocabulary:
        return False  # "pulled out Silver Tussock Grass": a plant the bulletin also writes "grass"
    if kind != "org" and (listed_with_people(doc, first, last) or alone_on_line(doc_text, start, end)):
        return False  # "Paul Sheils, Brigitte Brickwood, ..."; a heading on its own line
    if kind != "org" and listed_with_places(doc, first, last, ref.name_articles | DETERMINERS):
        return False  # "Araria, Kishanganj, Supaul and Darbhanga": a district among districts
    if after_honorific(doc, first, ref):
        return False  # "Dr. Grace Kaluba-Mwale": a surname
    if len(ws) == 1 and normalise_name(text) in clues.person_parts:
        return False  # "Brigitte" of "Brigitte Brickwood", called by her first name
    # A plural head names a kind of body ("Non-Governmental Organizations"), not one.
    if kind == "org" and name_head(texts) in ref.head_words:
        return True
    if any(not is_cap_word(t) and t.lower() not in CONNECTORS for t in texts):
        return False
    if any(c.isdigit() for c in text):
        return False  # "December-1997", "Room 4"
    if len(ws) > 1 and all(t.isupper() for t in texts):
        return False  # a heading in capitals
    if ws[0].tag in VERB_TAGS or texts[0].lower().rstrip(".") in ref.person_words:
        return False
    if any(t.lower() in ref.role_words for t in texts):
        return False
    # A fragment of a longer title: "Director of [Political Affairs]", "Meeting on ... in [Budget Processes]".
    context = {w.text.lower() for w in _context(words, ws[0], ws[-1])}
    if context & (ref.role_words | ref.event_words | ref.non_org_words):
        return False
    if len(ws) == 1 and texts[0].lower() in place_words():
        return False
    # A name has at least one word the bulletin never writes in lower case ("Huawei"),
    # so "the Public Service" and "Delivery of Public Services" are not names.
    content = [t for t in texts if t.lower() not in CONNECTORS]
    if all(t.lower() in vocabulary for t in content):
        return False
    # Place adjectives are no names either: "Australian Plant Family".
    if any(t.lower() in vocabulary for t in content) and all(
        t.lower() in vocabulary or is_demonym(t) for t in content
    ):
        return False
    return not (len(ws) == 1 and doc[ws[0].start].pos_ != "PROPN")


def _context(words: Sequence[Word], first: Word, last: Word) -> list[Word]:
    """Capitalised words around a span, across links ("Meeting on Citizen Engagement in ...")."""
    links = CONNECTORS | {"in", "to", "at"}
    index = {w.start: k for k, w in enumerate(words)}
    a, b = index[first.start], index[last.start]
    while a > 0 and (is_cap_word(words[a - 1].text) or words[a - 1].text.lower() in links):
        a -= 1
    while b + 1 < len(words) and (is_cap_word(words[b + 1].text) or words[b + 1].text.lower() in links):
        b += 1
    return [w for w in words[a : b + 1] if not first.start <= w.start <= last.start]


def _affiliation_context(doc: Doc, text: str, start: int, end: int, ref: OrgReference) -> bool:
    """An undefined acronym next to a title ("Chief, PACB", "PACB Director", "PACB's IRA"), or
    one the model labels an organisation outside a heading in capitals. ``text`` is ``doc.text``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False

    def is_role(i: int) -> bool:
        if not 0 <= i < len(doc):
            return False
        t = doc[i].text
        return t in ref.role_acronyms or t.lower() in ref.role_words

    if coordinated_with_title(doc, span.start, span.end, ref):
        return False  # "our CEO and CDO": a title beside a title
    before = span.start - 1
    if before >= 0 and doc[before].text in {",", "of"}:
        before -= 1
    if is_role(before):
        # "Councilperson JP Verducci": capitals before a surname are initials.
        return not _surname_at(doc, span.end, ref)
    after = span.end
    if after < len(doc) and doc[after].text in POSSESSIVE_MARKS:
        after += 1
    j = after
    while j < len(doc) and j < after + 8 and (is_cap_word(doc[j].text) or doc[j].text in {"and", "-"}):
        if is_role(j) and not (j + 1 < len(doc) and is_cap_word(doc[j + 1].text)):
            return True
        j += 1
    # "Ms. Jane Roe (PACB)": an affiliation in brackets after a person's name.
    if span.start >= 2 and doc[span.start - 1].text == "(" and doc[span.start - 2].ent_type_ == "PERSON":
        return True
    if in_capitals_heading(text, start, end):
        return False  # "OPERATIONS" alone on its line, "POMPIERS D UN JOUR": a heading
    return any(e.label_ == "ORG" and e.start_char == start and e.end_char == end for e in doc.ents)


# Words that coordinate two titles: "the CEO and CDO", "CEO/CFO" (not a comma: "CEO, PACB"
# is a title and its body).
_TITLE_LINKS = frozenset({"and", "&", "/"})


def coordinated_with_title(doc: Doc, start: int, end: int, ref: OrgReference) -> bool:
    """Tokens ``start``..``end - 1`` are joined by "and" or "/" to a title in capitals ("our
    CEO and CDO"): a title too, not a body."""
    for k, step in ((start - 1, -1), (end, 1)):
        if 0 <= k < len(doc) and doc[k].lower_ in _TITLE_LINKS:
            k += step
            if 0 <= k < len(doc) and doc[k].text in ref.role_acronyms:
                return True
    return False


def _after_source_label(doc: Doc, start: int, ref: OrgReference) -> bool:
    """An acronym after "Source:" under a figure or a map names the body it comes from (even
    where the model reads a place: "Source : MSPP")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    i = span.start if span is not None else 0
    if not (i >= 2 and doc[i - 1].text == ":" and doc[i - 2].lower_ in ref.source_labels):
        return False
    # The acronym alone, not the first word of a longer name ("Source: ABC News").
    return i + 1 >= len(doc) or not is_cap_word(doc[i + 1].text)


def _surname_at(doc: Doc, i: int, ref: OrgReference) -> bool:
    """Token ``i`` is a capitalised word that ends a name: no title, body or acronym, and no
    capitalised word after it."""
    if i >= len(doc):
        return False
    t = doc[i].text
    if not (t.isalpha() and t[:1].isupper() and t[1:].islower()):
        return False
    if t.lower() in ref.role_words or t.lower() in ref.head_words:
        return False
    return i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper()


_BRACKETED = re.compile(r"[ \t]*\(([A-Za-z]{2,10})\)")


def _country_code(word: str) -> bool:
    if len(word) == 2:
        return pycountry.countries.get(alpha_2=word) is not None
    return len(word) == 3 and pycountry.countries.get(alpha_3=word) is not None


def bracketed_acronym(text: str, end: int, ref: OrgReference, defs: Definitions) -> str | None:
    """An acronym in brackets right after a name whose letters it does not spell (the
    definitions take those): an acronym of the name in another language ("Free University of
    Brussels (VUB)", "Public Service Department (JPA)")."""
    m = _BRACKETED.match(text, end)
    if m is None or not is_acronym_token(m.group(1)):
        return None
    acronym = m.group(1)
    if acronym in defs.org or acronym in defs.other or listed_non_org(acronym, ref):
        return None
    if is_place_name(acronym) or _country_code(acronym):
        return None  # "Reef Trust (NZ)": where the body is
    return None if ref.lookup_acronym(acronym) else acronym


def _shouting(text: str, offset: int) -> bool:
    """Whether the line around ``offset`` is in capitals ("WHO WE ARE" is not the WHO)."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return _in_capitals(text[start : end if end >= 0 else len(text)])


@lru_cache(maxsize=4096)
def _in_capitals(line: str) -> bool:
    # Cached: a paragraph is one line, asked about for every name and acronym in it.
    letters = list(filter(str.isalpha, line))  # map and filter: no Python call per character
    return len(letters) > 12 and sum(map(str.isupper, letters)) > 0.8 * len(letters)


_CAPITALS_WORD = re.compile(r"[^\W\d_]{2,}")


def word_in_capitals(
    text: str, start: int, end: int, vocabulary: frozenset[str], acronyms: re.Pattern[str] | None = None
) -> bool:
    """The acronym-like word at ``start``..``end`` is a word the bulletin also writes in lower
    case, beside another word in capitals that is no acronym of the bulletin (``acronyms``): a
    phrase in capitals ("POMPIERS D'UN JOUR": the article "un", not the UN)."""
    if text[start:end].lower() not in vocabulary:
        return False
    before = re.findall(r"\S+", text[max(0, start - 40) : start])[-1:]
    after = re.findall(r"\S+", text[end : end + 40])[:1]
    for w in before + after:
        m = _CAPITALS_WORD.search(w)
        if m is None or not m.group().isupper():
            continue
        word = m.group()
        if word.lower() in vocabulary or (acronyms is not None and not acronyms.fullmatch(word)):
            return True
    return False


def _unknown_acronym_ok(word: str, ref: OrgReference, defs: Definitions, places: frozenset[str]) -> bool:
    """An acronym neither defined nor in the reference that may still name an organisation."""
    if word in defs.other or listed_non_org(word, ref):
        return False
    if word.endswith("s") and word[:-1] in defs.other:
        return False
    return normalise_name(word) not in places and not is_place_name(word)


def _acronym_names_body(
    doc: Doc,
    text: str,
    start: int,
    end: int,
    word: str,
    ref: OrgReference,
    defs: Definitions,
    places: frozenset[str],
) -> bool:
    """An undefined, unknown acronym used as an affiliation, or after a source label."""
    if _unknown_acronym_ok(word, ref, defs, places) and _affiliation_context(doc, text, start, end, ref):
        return True
    if _unknown_acronym_ok(word, ref, defs, places) and after_elided_article(text, start, ref):
        return True
    return _unknown_acronym_ok(word, ref, defs, frozenset()) and _after_source_label(doc, start, ref)


def after_elided_article(text: str, start: int, ref: OrgReference) -> bool:
    """The word at ``start`` follows an elided article that the language writes before a body's
    acronym ("à l'UCL", "le soutien d'OCHA"; ``OrgReference.acronym_articles``)."""
    before = text[max(0, start - 3) : start].replace("\u2019", "'")
    return any(
        before.endswith(article) and not before[: -len(article)][-1:].isalpha()
        for article in ref.acronym_articles
    )


def bulletin_acronyms(
    docs: Sequence[Doc],
    ref: OrgReference,
    defs: Definitions,
    places: frozenset[str],
    texts: Sequence[str],
) -> frozenset[str]:
    """Acronyms that name an organisation in this bulletin: defined, known, or used as an affiliation.

    ``texts[i]`` is ``docs[i].text``, which spaCy would rebuild from the tokens on each access.
    """
    found = set(defs.org) | {a for org in ref.organisations for a in org.acronyms}
    surnames = _capital_surnames(texts) if ref.surnames_in_capitals else frozenset()
    common = common_nouns_in_capitals(docs, ref)
    for doc, text in zip(docs, texts, strict=True):
        for m in _ACRONYM_WORD.finditer(text):
            word = m.group()
            if (
                word not in found
                and is_acronym_token(word)
                and _acronym_names_body(doc, text, m.start(), m.end(), word, ref, defs, places)
                and not (ref.surnames_in_capitals and _in_person(doc, m.start(), m.end()))
                and word not in surnames
                and word not in common
            ):
                found.add(word)
    return frozenset(found - defs.other)


def common_nouns_in_capitals(docs: Sequence[Doc], ref: OrgReference) -> frozenset[str]:
    """Words in capitals the bulletin writes after a determiner that makes them common nouns
    or kinds (``OrgReference.common_noun_determiners``: "planter ces IRIS", "un grand MERCI",
    with at most one adjective between): no body's acronym, wherever else they stand."""
    found: set[str] = set()
    for doc in docs:
        for token in doc:
            if not (token.text.isupper() and is_acronym_token(token.text)):
                continue
            k = token.i - 1
            if k > 0 and doc[k].pos_ == "ADJ" and doc[k].text.islower():
                k -= 1  # "un grand MERCI"
            if k >= 0 and doc[k].lower_ in ref.common_noun_determiners:
                found.add(token.text)
    return frozenset(found)


# A first name and a surname in capitals: "Andogoly GUINDO", "Marie-Claire DIOUF".
_CAPITAL_SURNAME = re.compile(
    r"\b[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)? ([A-ZÀ-Þ]{2,}(?:-[A-ZÀ-Þ]{2,})?)\b"
)


def _capital_surnames(texts: Sequence[str]) -> frozenset[str]:
    """Words in capitals the bulletin writes after a first name: surnames, not acronyms, though
    it also writes them alone ("le Ministre GUINDO")."""
    return frozenset(m.group(1) for text in texts for m in _CAPITAL_SURNAME.finditer(text))


def _person_form(name: str) -> bool:
    """A first name and a surname in capitals ending ``name`` ("El Ghassim WANE")."""
    return bool(_CAPITAL_SURNAME.search(name)) and name.split()[-1].isupper() and not name.isupper()


def _in_person(doc: Doc, start: int, end: int) -> bool:
    """The model reads [start, end) as part of a longer PERSON name ("Andogoly GUINDO")."""
    return any(
        e.label_ == "PERSON" and e.start_char <= start <= end <= e.end_char and e.text != doc.text[start:end]
        for e in doc.ents
    )


def _known_name(candidate: Candidate, ref: OrgReference) -> bool:
    return candidate.name is not None and ref.lookup_name(candidate.name) is not None


def section_candidates(
    doc: Doc,
    heading_end: int,
    ref: OrgReference,
    defs: Definitions,
    section_defs: Sequence[AcronymDefinition],
    acronyms: re.Pattern[str],
    vocabulary: frozenset[str],
    places: frozenset[str],
    text: str,
    words: Sequence[Word],
    clues: BulletinClues,
    linked: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """Accepted organisation mentions of one section (offsets in the section text).

    ``text`` is ``doc.text`` (which spaCy rebuilds on each access) and ``words`` is
    ``doc_words(doc)``; ``linked`` are the character spans of the names with a link inside
    that the bulletin repeats (``linked.linked_names``).
    """
    quoted = quoted_ranges(text)

    def heading(start: int) -> bool:
        return start < heading_end

    names: list[Candidate] = []
    evidence = ModelEvidence(doc, vocabulary)
    # A name ending where a defined long form ends, and starting before it, is that long form
    # in full: "Malaysian Administrative Modernisation and [Management Planning Unit] (MAMPU)".
    longer = {
        d.long_end: (d.long_start + _article_length(d.long, ref), d.short)
        for d in section_defs
        if d.short in defs.org
    }
    for d in section_defs:
        if d.short in defs.org:
            cut = _article_length(d.long, ref)
            start = d.long_start + cut
            names.append(Candidate(start, d.long_end, d.long[cut:], d.short, "definition", heading(start)))
    for run in title_runs(words):
        for a, b in head_candidates(words, run, ref, evidence):
            while ref.head_first and a < b - 1 and _is_article(words[a].text, ref):
                a += 1  # "Le Réseau": the article is no part of the name
            if ref.head_first and b - a == 1 and words[a].text.lower() in ref.head_words:
                continue
            s, e = words[a].char_start, words[b - 1].char_end
            capitals = all(w.text.isupper() for w in words[a:b]) and b - a > 1  # a heading
            generic = generic_organ([w.text for w in words[a:b]], ref) or person_written(words, a, b, ref)
            if not _inside(quoted, s, e) and not _shouting(text, s) and not capitals and not generic:
                long_start, short = longer.get(e, (s, None))
                acronym = short if s <= long_start else None
                if short is None:
                    acronym = bracketed_acronym(text, e, ref, defs)
                names.append(Candidate(s, e, text[s:e], acronym, "pattern", heading(s)))
    persons = (
        frozenset(t.i for e in doc.ents if e.label_ == "PERSON" for t in e) if ref.head_first else frozenset()
    )
    for a, b in head_first_names(words, ref, persons) if ref.head_first else ():
        s, e = words[a].char_start, words[b - 1].char_end
        if not _inside(quoted, s, e) and not generic_organ([w.text for w in words[a:b]], ref):
            long_start, short = longer.get(e, (s, None))
            short = short if s == long_start else None
            names.append(Candidate(s, e, text[s:e], short, "pattern", heading(s)))
    for a, b in (*company_names(words, ref), *described_names(words, ref, evidence)):
        s, e = words[a].char_start, words[b - 1].char_end
        names.append(Candidate(s, e, text[s:e], None, "pattern", heading(s)))
    names.extend(Candidate(s, e, text[s:e], None, "pattern", heading(s)) for s, e in linked)
    for m in ref.name_pattern.finditer(text):
        if not word_in_capitals(text, m.start(), m.end(), vocabulary, acronyms):
            names.append(Candidate(m.start(), m.end(), m.group(), None, "reference", heading(m.start())))

    accepted: list[Candidate] = []
    for c in sorted(names, key=lambda c: (c.start - c.end, c.start)):
        if not any(c.start < a.end and a.start < c.end for a in accepted):
            accepted.append(c)

    used = [
        Candidate(m.start(), m.end(), None, m.group(), "acronym", heading(m.start()))
        for m in acronyms.finditer(text)
        if (not _shouting(text, m.start()) or m.group() in defs.org)
        and not (
            m.group() not in defs.org and word_in_capitals(text, m.start(), m.end(), vocabulary, acronyms)
        )
        # The acronym of a kind of body heading a head-first name ("la [MRC] des Îles-Vertes") is
        # that name's first word, no mention of its own.
        and not (ref.head_first and any(a.start == m.start() < m.end() < a.end for a in accepted))
        # Nor is the "UN" of a known body's name written short ("[UN] Population Fund").
        and not any(_inside([(a.start, a.end)], m.start(), m.end()) and _known_name(a, ref) for a in accepted)
    ]

    # The long form of an acronym that names no body ("Strength, Weakness ... (SWOT)"), or a part of it.
    not_bodies = [(d.long_start, d.long_end) for d in section_defs if d.short in defs.other]
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        a, b = _strip_name(ent.text)
        s, e = ent.start_char + a, ent.start_char + b
        if e <= s or _inside(quoted, s, e) or _inside(not_bodies, s, e):
            continue
        if any(s < c.end and c.start < e for c in accepted + used):
            continue
        if ref.surnames_in_capitals and _person_form(text[s:e]):
            continue  # "Andogoly GUINDO": a person, though the model reads an organisation
        if _model_org_ok(doc, text, words, s, e, ref, defs, vocabulary, places, clues):
            accepted.append(Candidate(s, e, text[s:e], None, "model", heading(s)))
    return sorted(accepted + used, key=lambda c: c.start)
