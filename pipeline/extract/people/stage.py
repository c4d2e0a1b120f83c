"""The people stage: one row per distinct person named in a bulletin (a later mention by
surname is the same person), and all their mentions."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import Mention, Organisation, Person, Section
from pipeline.extract.context import DocumentContext, Extracted, make_mention
from pipeline.extract.organisations.names import is_head_word
from pipeline.extract.people.affiliation_lookup import Affiliations, affiliations, words_text
from pipeline.extract.people.evidence import NameEvidence
from pipeline.extract.people.labels import label_names
from pipeline.extract.people.lexicon import PeopleLexicon, load_people_lexicon
from pipeline.extract.people.lone_names import first_name_names, first_names, subject_names
from pipeline.extract.people.names import (
    Name,
    honorific_names,
    listed_names,
    model_names,
    surname_names,
    titled_names,
)
from pipeline.extract.people.own_body import masthead_body, meeting_host, own_body
from pipeline.extract.people.register import register_names
from pipeline.extract.people.titles import Title, title_of
from pipeline.extract.reference.organisations import (
    OrgReference,
    language_reference,
    load_org_reference,
    match_key,
)
from pipeline.extract.reference.place_names import local_words
from pipeline.extract.words import Word, doc_words, lowercase_vocabulary, model_place_names


def _names_body(name: str, known: Affiliations) -> bool:
    words = name.split()
    return match_key(name) in known.by_key or is_head_word(words[-1], known.reference.head_words)


def _body_of_kind(role: str | None, known: Affiliations) -> str | None:
    """The body of the kind a title is held in that the bulletin names most ("Councillor" ->
    its "Town Council"); None if the title names no kind or the bulletin no such body."""
    kind = known.lexicon.body_kind(role) if role else None
    org = known.by_head.get(kind) if kind else None
    return (org.acronym or org.name) if org else None


def surname_last(name: str, lexicon: PeopleLexicon) -> str:
    """ "ROY Léa" -> "Léa ROY" where the language writes surnames in capitals: the surname in
    capitals first, as registers write it, then the first names (not "Léa ROY", nor "UN")."""
    words = name.split()
    if not lexicon.surnames_in_capitals or len(words) < 2:
        return name
    k = 0
    while k < len(words) and words[k].isupper() and len(words[k]) > 1:
        k += 1
    if k == 0 or k == len(words) or any(w.isupper() for w in words[k:]):
        return name
    return " ".join(words[k:] + words[:k])


def _name_parts(name: str) -> list[str]:
    return [normalise_name(w) for w in name.split()]


def _part_index(full: Mapping[str, list[str]]) -> dict[str, str]:
    """First and last word of each full name, and its last words ("Quispe Huamán" of "Rosa
    Elena Quispe Huamán") -> its key, where that part names one person only."""
    seen: dict[str, set[str]] = {}
    for key, parts in full.items():
        tails = {" ".join(parts[i:]) for i in range(1, len(parts) - 1)}
        for part in {parts[0], parts[-1], *tails}:
            seen.setdefault(part, set()).add(key)
    return {part: next(iter(keys)) for part, keys in seen.items() if len(keys) == 1}


@dataclass(frozen=True)
class _Row:
    name: str
    honorific: str | None = None
    role: str | None = None
    organisation: str | None = None
    n_mentions: int = 0
    fallback: str | None = None  # a body no written affiliation outweighed (``Title.fallback``)

    def add(self, name: str, honorific: str | None, title: Title, weak: frozenset[str] = frozenset()) -> _Row:
        """The row with one more mention; a role that is only a label (``weak``: "Contact:
        Jane Roe") gives way to the first real title of a later mention."""
        row = replace(
            self,
            n_mentions=self.n_mentions + 1,
            honorific=self.honorific or honorific,
            fallback=self.fallback or title.fallback,
        )
        if len(name.split()) > len(row.name.split()):
            row = replace(row, name=name)
        labelled = row.role is not None and row.role.lower() in weak
        if title.role and (not row.role or (labelled and title.role.lower() not in weak)):
            # A title wrapped at a line's end is one line of words ("présidente\n").
            role = " ".join(title.role.split())
            return replace(row, role=role, organisation=title.organisation or row.organisation)
        if title.organisation and not row.organisation:
            return replace(row, organisation=title.organisation)
        return row


def extract(context: DocumentContext) -> Extracted:
    """The people stage: ``find_people`` over a document context, after the organisations."""
    people, mentions = find_people(
        context.doc_id,
        context.sections,
        context.docs,
        context.found.organisations,
        lexicon=load_people_lexicon(context.language),
        reference=language_reference(context.reference.organisations, context.language),
        words_by_section=context.words,
        place_spans=[(m.char_start, m.char_end) for m in context.found.mentions if m.label == "PLACE"],
        place_names=[p.name for p in context.found.places],
        org_mentions=[(m.char_start, m.entity_id) for m in context.found.mentions if m.label == "ORG"],
    )
    return Extracted(tuple(people), tuple(mentions))


# Where a name is sure even in a heading: after an honorific, or listed under a role label
# ("Porte-parole : Awa Sy" set apart as a heading line).
_SURE_SOURCES = frozenset({"honorific", "label"})
# Tags of a lower-case word right after a genus name: its species ("Phalaris aquatica").
_EPITHET_TAGS = frozenset({"NOUN", "ADJ", "X"})
_LIST_LINKS = frozenset({",", "and", "&"})
# Where a one-word name may come from: the model's PERSON label, a list of people, the subject
# of a verb with no label (``lone_names``).
_LONE_SOURCES = frozenset({"model", "list", "subject"})
# Names found with no PERSON label of the model (``lone_names``).
_UNLABELLED_SOURCES = frozenset({"subject", "first name"})


def _first_name_alone(
    name: Name, text: str, vocabulary: frozenset[str], token: Token, lexicon: PeopleLexicon | None = None
) -> bool:
    """A person called by one name, as members of a group are ("Linda, Graham and Rob", "Doug
    turned up") or after a title ("HR Director Lafond"): a word the model takes for a person,
    in the body, never written in lower case, listed with other people, the subject of a verb
    or after a capitalised role word; not a genus before its species ("Phalaris aquatica")."""
    if name.source not in _LONE_SOURCES or name.in_heading or not (text.isalpha() and text[:1].isupper()):
        return False
    if text.isupper() or text.lower() in vocabulary:
        return False
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    if following is not None and following.is_lower and following.pos_ in _EPITHET_TAGS:
        return False
    previous = token.nbor(-1) if token.i > 0 else None
    if lexicon is not None and (
        (following is not None and following.text[:1].isupper() and lexicon.is_role(following.text))
        or (previous is not None and lexicon.is_role(f"{previous.text} {text}"))
    ):
        return False  # a word of a title: "Admin Assistant", "Directrice Exécutive"
    conjuncts = (*token.conjuncts, *(c for c in token.children if c.dep_ == "conj"), *_listed_beside(token))
    listed = any(other.ent_type_ == "PERSON" for other in conjuncts)
    if listed or token.dep_ in {"nsubj", "nsubjpass"}:
        return True
    before = token.nbor(-1) if token.i > 0 else None
    return (
        lexicon is not None
        and before is not None
        and before.text[:1].isupper()
        and lexicon.is_role(before.text)
    )


def _listed_beside(token: Token) -> list[Token]:
    """The words next to ``token`` across a comma or "and" ("Sarah, Tom and Priya")."""
    doc, out = token.doc, []
    for step in (-1, 1):
        k = token.i + step
        if 0 <= k < len(doc) and doc[k].lower_ in _LIST_LINKS:
            k += step
            if 0 <= k < len(doc):
                out.append(doc[k])
    return out


def _model_person(name: Name, docs: Sequence[Doc], words: Sequence[Sequence[Word]]) -> bool:
    """The model labels a word of the name PERSON."""
    section = words[name.section]
    doc = docs[name.section]
    return any(
        doc[t].ent_type_ == "PERSON" for w in section[name.start : name.end] for t in range(w.start, w.end)
    )


def _first_token(name: Name, docs: Sequence[Doc], words: Sequence[Sequence[Word]]) -> Token:
    return docs[name.section][words[name.section][name.start].start]


def _in_place(
    name: Name,
    sections: Sequence[Section],
    words: Sequence[Sequence[Word]],
    place_spans: Sequence[tuple[int, int]],
    *,
    strictly: bool = False,
) -> bool:
    """The name overlaps a place found (``strictly``: lies inside a longer one, "Scenic
    Reserve" in "Bream Head Scenic Reserve")."""
    base = sections[name.section].char_start
    start = base + words[name.section][name.start].char_start
    end = base + words[name.section][name.end - 1].char_end
    if strictly:
        return any(a <= start and end <= b and b - a > end - start for a, b in place_spans)
    return any(a < end and start < b for a, b in place_spans)


def _people_only(
    names: Sequence[Name],
    evidence: NameEvidence,
    sections: Sequence[Section],
    words: Sequence[Sequence[Word]],
    place_spans: Sequence[tuple[int, int]],
    name_text: Callable[[Name], str],
) -> list[Name]:
    """The names left when places, plants, animals and the people bodies are named after are
    taken out (a name after an honorific stays), with the beginnings of those names
    ("Angel Hair" beside "Angel Hair Grass")."""
    rejected: set[str] = set()
    kept: list[Name] = []
    for n in names:
        if n.honorific is None and (
            evidence.not_a_person(words[n.section], n.start, n.end)
            or _in_place(n, sections, words, place_spans, strictly=True)
        ):
            rejected.add(normalise_name(name_text(n)))
        else:
            kept.append(n)
    beginnings = {" ".join(r.split()[:k]) for r in rejected for k in range(2, len(r.split()))}
    return [n for n in kept if n.honorific is not None or normalise_name(name_text(n)) not in beginnings]


def find_people(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    organisations: Sequence[Organisation],
    *,
    lexicon: PeopleLexicon | None = None,
    reference: OrgReference | None = None,
    words_by_section: Sequence[Sequence[Word]] | None = None,
    place_spans: Sequence[tuple[int, int]] = (),
    place_names: Sequence[str] = (),
    org_mentions: Sequence[tuple[int, str | None]] = (),
) -> tuple[list[Person], list[Mention]]:
    """One ``Person`` per distinct person named in the bulletin, and all their mentions.

    ``words_by_section[i]`` is ``doc_words(docs[i])`` when the caller has it; ``place_spans``
    (document offsets) are the places found, never a person called by one name ("Antigua");
    ``place_names`` their names; ``org_mentions`` the document offset and ``org_id`` of each
    mention of an organisation (what "its" and "the Ministry" refer to).
    """
    lexicon = lexicon or load_people_lexicon()
    reference = reference or load_org_reference()
    known = affiliations(
        organisations, reference, lexicon, [(o, i) for o, i in org_mentions if i is not None]
    )
    places = model_place_names(docs)
    vocabulary = lowercase_vocabulary(docs)

    section_words: list[Sequence[Word]] = []
    # Each doc's text (spaCy rebuilds Doc.text from the tokens on every access).
    doc_texts = [section.text for section in sections]
    names: list[Name] = []
    found_in: list[list[Name]] = []  # every name found in each section, before the filters
    for i, (section, doc) in enumerate(zip(sections, docs, strict=True)):
        words = doc_words(doc) if words_by_section is None else words_by_section[i]
        section_words.append(words)
        found = honorific_names(words, doc_texts[i], lexicon, i, section.heading_end)
        for n in (
            # A register's "SURNAME Firstname" items before the model's reading of its list.
            *register_names(words, doc_texts[i], lexicon, i, section.heading_end),
            *model_names(doc, words, lexicon, i, section.heading_end, places, doc_texts[i]),
            *titled_names(words, lexicon, i, section.heading_end),
            *listed_names(doc, words, lexicon, i, section.heading_end, places, doc_texts[i]),
            *surname_names(words, lexicon, i, section.heading_end),
            *label_names(words, doc_texts[i], lexicon, i, section.heading_end),
            *subject_names(doc, words, lexicon, vocabulary, i, section.heading_end),
        ):
            if not any(n.start < m.end and m.start < n.end for m in found):
                found.append(n)
        names.extend(sorted(found, key=lambda n: n.start))
        found_in.append(found)

    def name_text(n: Name) -> str:
        return words_text(doc_texts[n.section], section_words[n.section][n.start : n.end])

    def name_key(n: Name) -> str:
        """The name as a key, the surname last: "ROY Léa" of a register is "Léa ROY"."""
        return normalise_name(surname_last(name_text(n), lexicon))

    # "Harvard Kennedy School" is sometimes a PERSON to the model: not if it names a body.
    # (A list of people outweighs the organisation stage's reading of one of them.)
    names = [
        n
        for n in names
        if n.source == "honorific"
        or not _names_body(name_text(n), known)
        or (n.source == "list" and not is_head_word(name_text(n).split()[-1], known.reference.head_words))
    ]
    # A name after a title with no model evidence must not be ordinary words ("Host Country
    # Agreement", "Ranger Station Road").
    names = [
        n
        for n in names
        if n.source != "title"
        or _model_person(n, docs, section_words)
        or not any(w.text.lower() in vocabulary for w in section_words[n.section][n.start : n.end])
    ]
    evidence = NameEvidence(
        lexicon,
        local_words(),
        vocabulary,
        section_words,
        reference.head_words,
        frozenset(normalise_name(p) for p in place_names),
    )
    names = _people_only(names, evidence, sections, section_words, place_spans, name_text)

    # Full names first; a one-word name is the surname (or first name) of one of them.
    full: dict[str, list[str]] = {}
    for n in names:
        if n.end - n.start > 1 and (not n.in_heading or n.source in _SURE_SOURCES):
            full.setdefault(name_key(n), _name_parts(surname_last(name_text(n), lexicon)))
    by_part = _part_index(full)
    # "Doug and Paul took out the weeds" beside "Doug Tinney": the first name of one person
    # named in full, wherever the model gave it no PERSON label.
    firsts = first_names(full, by_part)
    if firsts:
        names = sorted(
            [
                *names,
                *(
                    n
                    for i, words in enumerate(section_words)
                    for n in first_name_names(
                        words, firsts, vocabulary, found_in[i], i, sections[i].heading_end
                    )
                ),
            ],
            key=lambda n: (n.section, n.start),
        )
    keyed: list[tuple[str, Name]] = []
    for n in names:
        key = name_key(n)
        if key in by_part and key in full and by_part[key] != key:
            key = by_part[key]  # a full name that is the end of a longer one
        elif key not in full:
            if key in by_part:
                key = by_part[key]
            elif n.honorific is None and (
                _in_place(n, sections, section_words, place_spans)
                or not _first_name_alone(
                    n, name_text(n), vocabulary, _first_token(n, docs, section_words), lexicon
                )
            ):
                continue  # a lone word with nothing to show it is a person
        keyed.append((key, n))
    # Headings are Title Case: a name the model finds only in a heading is not trusted.
    body = {k for k, n in keyed if not n.in_heading}
    keyed = [(k, n) for k, n in keyed if k in body or n.source in _SURE_SOURCES]

    taken: dict[int, set[int]] = {}
    for _, n in keyed:
        taken.setdefault(n.section, set()).update(range(n.honorific_start, n.end))

    rows: dict[str, _Row] = {}
    mentions: list[Mention] = []
    for key, n in keyed:
        section = sections[n.section]
        words = section_words[n.section]
        reading = known.in_section(section.char_start)
        # A first name alone takes only the title after it ("Reet acted as returning officer"):
        # the words before it ("the Hilltop Group, Bess decided ...") are no apposition.
        alone = n.source in _UNLABELLED_SOURCES
        title = title_of(n, words, doc_texts[n.section], taken[n.section], reading, before_too=not alone)
        person_id = stable_id(key)
        row = rows.get(person_id, _Row(name_text(n)))
        rows[person_id] = row.add(name_text(n), n.honorific, title, lexicon.label_words)
        start, end = words[n.start].char_start, words[n.end - 1].char_end
        mentions.append(make_mention(doc_id, section, start, end, "PERSON", person_id))
    # An office with no body beside it is held in the body the masthead names.
    home = own_body(sections, organisations, [(o, i) for o, i in org_mentions if i is not None])
    # (A head-first name, "Comité de quartier X", is not cut at its head word.)
    bare = None if reference.head_first else masthead_body(sections, reference.head_words)
    home_name = (home.acronym or home.name) if home else (meeting_host(sections, lexicon) or bare)
    people = [
        Person(
            doc_id=doc_id,
            person_id=pid,
            name=r.name,
            honorific=r.honorific,
            role=r.role,
            organisation=r.organisation
            or r.fallback
            or (home_name if r.role and lexicon.is_office(r.role) else None)
            or _body_of_kind(r.role, known),
            n_mentions=r.n_mentions,
        )
        for pid, r in rows.items()
    ]
    return people, mentions
