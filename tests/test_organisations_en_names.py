"""Organisation names (English): where a name with "and" inside ends, read from the model's
entities and parse (hand-built docs on a blank pipeline), the same body written with "of" and
"for", initials that are no acronym, and plants and animals that are no bodies (real model).

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.core.records import DocumentText, Organisation
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.organisations.coordination import ModelEvidence
from pipeline.extract.organisations.names import described_names, head_candidates, title_runs
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.words import doc_words
from pipeline.structure.sections import find_sections


@pytest.fixture(scope="module")
def reference():
    return load_org_reference()


def parsed(tokens: list[tuple[str, str, str, int, str]]) -> Doc:
    """A doc from (word, tag, dependency, head index, entity IOB) rows, as the model would parse it."""
    words = [t[0] for t in tokens]
    spaces = [i + 1 < len(words) and words[i + 1] not in {",", "."} for i in range(len(words))]
    return Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        tags=[t[1] for t in tokens],
        deps=[t[2] for t in tokens],
        heads=[t[3] for t in tokens],
        ents=[t[4] for t in tokens],
    )


def names(doc: Doc, reference) -> list[str]:
    words = doc_words(doc)
    evidence = ModelEvidence(doc, frozenset(w.text.lower() for w in words if w.text.islower()))
    found = []
    for run in title_runs(words):
        for a, b in head_candidates(words, run, reference, evidence):
            found.append(doc.text[words[a].char_start : words[b - 1].char_end])
    return found


# "... the Lagos School of Government, the University of the South Seas and Blue Current Trust ..."
LISTED = [
    ("joined", "VBD", "ROOT", 0, "O"),
    ("the", "DT", "det", 3, "B-ORG"),
    ("Lagos", "NNP", "compound", 3, "I-ORG"),
    ("School", "NNP", "dobj", 0, "I-ORG"),
    ("of", "IN", "prep", 3, "I-ORG"),
    ("Government", "NNP", "pobj", 4, "I-ORG"),
    (",", ",", "punct", 3, "O"),
    ("the", "DT", "det", 8, "B-ORG"),
    ("University", "NNP", "appos", 3, "I-ORG"),
    ("of", "IN", "prep", 8, "I-ORG"),
    ("the", "DT", "det", 12, "I-ORG"),
    ("South", "NNP", "compound", 12, "I-ORG"),
    ("Seas", "NNPS", "pobj", 9, "I-ORG"),
    ("and", "CC", "cc", 12, "O"),
    ("Blue", "NNP", "compound", 15, "O"),
    ("Current", "NNP", "conj", 12, "O"),
    (".", ".", "punct", 0, "O"),
]


def test_and_closing_a_list_of_bodies_ends_the_name(reference) -> None:
    assert "University of the South Seas" in names(parsed(LISTED), reference)


def test_and_inside_a_complement_the_model_spans_stays(reference) -> None:
    # Not an item of a list: the model's entity over the whole name keeps "and" inside.
    rows = [
        ("thanked", "VBD", "ROOT", 0, "O"),
        ("the", "DT", "det", 2, "B-ORG"),
        ("Ministry", "NNP", "dobj", 0, "I-ORG"),
        ("of", "IN", "prep", 2, "I-ORG"),
        ("Fisheries", "NNP", "pobj", 3, "I-ORG"),
        ("and", "CC", "cc", 4, "I-ORG"),
        ("Marine", "NNP", "compound", 7, "I-ORG"),
        ("Resources", "NNP", "conj", 4, "I-ORG"),
        (".", ".", "punct", 0, "O"),
    ]
    assert names(parsed(rows), reference) == ["Ministry of Fisheries and Marine Resources"]


def test_a_bare_head_after_and_shares_the_words_before_it(reference) -> None:
    # "... linked to the Harbourside Gallery and Museum to ...": the model's entity stops at
    # "Gallery", but "Museum" alone names nothing.
    rows = [
        ("linked", "VBN", "ROOT", 0, "O"),
        ("to", "IN", "prep", 0, "O"),
        ("the", "DT", "det", 4, "B-ORG"),
        ("Harbourside", "NNP", "compound", 4, "I-ORG"),
        ("Gallery", "NNP", "pobj", 1, "I-ORG"),
        ("and", "CC", "cc", 4, "O"),
        ("Museum", "NNP", "conj", 4, "O"),
        ("to", "TO", "aux", 8, "O"),
        ("help", "VB", "advcl", 0, "O"),
        (".", ".", "punct", 0, "O"),
    ]
    assert names(parsed(rows), reference) == ["Harbourside Gallery and Museum"]


def test_a_bare_head_after_a_person_is_not_joined(reference) -> None:
    rows = [
        ("thanks", "NNS", "ROOT", 0, "O"),
        ("to", "IN", "prep", 0, "O"),
        ("Anna", "NNP", "compound", 3, "B-PERSON"),
        ("Berg", "NNP", "pobj", 1, "I-PERSON"),
        ("and", "CC", "cc", 3, "O"),
        ("Museum", "NNP", "conj", 3, "O"),
        (".", ".", "punct", 0, "O"),
    ]
    assert "Anna Berg and Museum" not in names(parsed(rows), reference)


# --------------------------------------------------------------------------- the stage (real model)


def extract(nlp, text: str, reference) -> list[Organisation]:
    sections = find_sections("doc", DocumentText("bulletin.txt", text))
    return find_organisations("doc", sections, parse_sections(nlp, sections), reference)[0]


@pytest.mark.model
def test_a_body_written_with_of_and_with_for_is_one(nlp, reference) -> None:
    text = (
        "Students met at the Krakow School for Applied Arts and Design in April. Dr. Ewa Nowak, "
        "Dean at Krakow School of Applied Arts and Design, joined the jury."
    )
    orgs = extract(nlp, text, reference)
    krakow = [o for o in orgs if o.name.startswith("Krakow School")]
    assert len(krakow) == 1 and krakow[0].n_mentions == 2


@pytest.mark.model
def test_initials_before_a_surname_are_no_acronym(nlp, reference) -> None:
    text = "About 30 residents came, including Town Councillor KT Marlowe, who answered questions."
    assert "KT" not in {o.acronym for o in extract(nlp, text, reference)}


@pytest.mark.model
def test_an_acronym_after_a_title_still_names_a_body(nlp, reference) -> None:
    text = "The talks were opened by the Director, PWRB, and closed by Ms. Lina Tau."
    assert "PWRB" in {o.acronym for o in extract(nlp, text, reference)}


@pytest.mark.model
def test_animals_and_plants_beside_their_species_are_no_bodies(nlp, reference) -> None:
    text = (
        "Of great significance is the Striped Legless Lizard (Aprasia pulchella), found under rocks. "
        "Gang-gang Cockatoos (Callocephalon fimbriatum) and Blackthorn (Bursaria spinosa) were seen. "
        "The Friends of Mulligans Flat thanked the Woodland Trust."
    )
    found = {o.name for o in extract(nlp, text, reference)}
    assert not found & {"Striped Legless Lizard", "Gang-gang Cockatoos", "Blackthorn"}
    assert "Woodland Trust" in found


def test_single_words_listed_before_a_head_are_its_modifiers(reference) -> None:
    # "The Peace, Truth and Healing Commission ...", parsed as a list of three.
    rows = [
        ("The", "DT", "det", 1, "O"),
        ("Hope", "NNP", "nsubj", 7, "O"),
        (",", ",", "punct", 1, "O"),
        ("Truth", "NNP", "conj", 1, "B-GPE"),
        ("and", "CC", "cc", 3, "O"),
        ("Unity", "NNP", "compound", 6, "B-ORG"),
        ("Commission", "NNP", "conj", 3, "I-ORG"),
        ("met", "VBD", "ROOT", 7, "O"),
        (".", ".", "punct", 7, "O"),
    ]
    assert names(parsed(rows), reference) == ["Hope, Truth and Unity Commission"]


def test_a_person_listed_before_a_head_is_not_its_modifier(reference) -> None:
    rows = [
        ("thanks", "NNS", "ROOT", 0, "O"),
        ("to", "IN", "prep", 0, "O"),
        ("Maria", "NNP", "pobj", 1, "B-PERSON"),
        (",", ",", "punct", 2, "O"),
        ("Tomas", "NNP", "conj", 2, "B-PERSON"),
        ("and", "CC", "cc", 4, "O"),
        ("Garden", "NNP", "compound", 7, "B-ORG"),
        ("Trust", "NNP", "conj", 4, "I-ORG"),
        (".", ".", "punct", 0, "O"),
    ]
    assert names(parsed(rows), reference) == ["Garden Trust"]


def _described(rows, reference) -> list[str]:
    doc = parsed(rows)
    words = doc_words(doc)
    return [
        " ".join(w.text for w in words[a:b]) for a, b in described_names(words, reference, ModelEvidence(doc))
    ]


def test_an_apposition_says_a_name_is_a_body(reference) -> None:
    # "Grants came from Kestrix, a company based in Bergen." (the model calls Kestrix a place)
    rows = [
        ("from", "IN", "ROOT", 0, "O"),
        ("Kestrix", "NNP", "pobj", 0, "B-GPE"),
        (",", ",", "punct", 1, "O"),
        ("a", "DT", "det", 4, "O"),
        ("company", "NN", "appos", 1, "O"),
        ("based", "VBN", "acl", 4, "O"),
        ("in", "IN", "prep", 5, "O"),
        ("Bergen", "NNP", "pobj", 6, "B-GPE"),
        (".", ".", "punct", 0, "O"),
    ]
    assert _described(rows, reference) == ["Kestrix"]


@pytest.mark.parametrize(
    "rows",
    [
        # "Anna Berg, a company director, spoke": a person, and "company" is no head here.
        [
            ("Anna", "NNP", "compound", 1, "B-PERSON"),
            ("Berg", "NNP", "nsubj", 6, "I-PERSON"),
            (",", ",", "punct", 1, "O"),
            ("a", "DT", "det", 5, "O"),
            ("company", "NN", "compound", 5, "O"),
            ("director", "NN", "appos", 1, "O"),
            ("spoke", "VBD", "ROOT", 6, "O"),
        ],
        # "Tide Watch, a group of volunteers": a group of people.
        [
            ("Tide", "NNP", "compound", 1, "O"),
            ("Watch", "NNP", "ROOT", 1, "O"),
            (",", ",", "punct", 1, "O"),
            ("a", "DT", "det", 4, "O"),
            ("group", "NN", "appos", 1, "O"),
            ("of", "IN", "prep", 4, "O"),
            ("volunteers", "NNS", "pobj", 5, "O"),
        ],
        # "Rina Moss, a charity worker" is a person.
        [
            ("Rina", "NNP", "compound", 1, "B-PERSON"),
            ("Moss", "NNP", "ROOT", 1, "I-PERSON"),
            (",", ",", "punct", 1, "O"),
            ("a", "DT", "det", 5, "O"),
            ("charity", "NN", "compound", 5, "O"),
            ("worker", "NN", "appos", 1, "O"),
        ],
    ],
)
def test_appositions_that_name_no_body(rows, reference) -> None:
    assert _described(rows, reference) == []


@pytest.mark.model
def test_a_name_the_model_calls_a_person_as_often_is_no_body(nlp, reference) -> None:
    from pipeline.extract.organisations.misreadings import bulletin_clues

    docs = [nlp("Jenny introduced Natasha to the Ridge. We welcome newcomer Natasha and Alex Newman.")]
    labels = [e.label_ for e in docs[0].ents if e.text == "Natasha"]
    clues = bulletin_clues(docs, reference)
    assert ("natasha" in clues.person_parts) == (labels.count("PERSON") >= labels.count("ORG") > 0)


@pytest.mark.model
def test_a_lab_is_a_body(nlp, reference) -> None:
    text = "Mr. Kofi Boateng, founder of Kestrel Labs, closed the day."
    assert "Kestrel Labs" in {o.name for o in extract(nlp, text, reference)}


@pytest.mark.model
def test_an_acronym_in_another_language_in_brackets_is_the_names(nlp, reference) -> None:
    text = (
        "The course was given at the Free University of Amsterdam (VUA) in May. The VUA hosted "
        "forty students from the Ministry of Fisheries (MOF)."
    )
    orgs = {o.name: o for o in extract(nlp, text, reference)}
    assert orgs["Free University of Amsterdam"].acronym == "VUA"
    assert orgs["Free University of Amsterdam"].n_mentions >= 2
    assert orgs["Ministry of Fisheries"].acronym == "MOF"  # a definition, as before


@pytest.mark.model
def test_a_bracket_after_a_name_that_is_no_acronym(nlp, reference) -> None:
    text = "Staff of the Coastal Survey Office (Tonga) and the Reef Trust (NZ) met in June."
    acronyms = {o.acronym for o in extract(nlp, text, reference)}
    assert not acronyms & {"Tonga", "NZ"}


@pytest.mark.parametrize(
    ("text", "vocabulary", "kept"),
    [
        # The bulletin also writes "grass" in lower case: the capitalised name is a plant.
        ("Volunteers pulled out Silver Tussock Grass near the dam.", frozenset({"grass"}), False),
        # Without that evidence the filter keeps its other rules' verdict.
        ("Volunteers pulled out Silver Tussock Grass near the dam.", frozenset(), True),
    ],
)
def test_a_name_ending_in_a_plant_word_the_bulletin_writes_in_lower_case_is_no_body(
    reference, text: str, vocabulary: frozenset[str], kept: bool
) -> None:
    from spacy.tokens import Span

    from pipeline.extract.organisations.candidates import _model_org_ok
    from pipeline.extract.organisations.classification import Definitions
    from pipeline.extract.organisations.misreadings import BulletinClues
    from pipeline.extract.words import doc_words

    doc = spacy.blank("en")(text)
    for token, tag in zip(doc, ["NNS", "VBD", "RP", "NNP", "NNP", "NNP", "IN", "DT", "NN", "."], strict=True):
        token.tag_ = tag
        token.pos_ = "PROPN" if tag == "NNP" else "X"
    span = Span(doc, 3, 6, "ORG")
    doc.ents = [span]
    defs = Definitions(org={}, other=frozenset(), other_longs=frozenset(), long_to_short={})
    ok = _model_org_ok(
        doc,
        doc.text,
        doc_words(doc),
        span.start_char,
        span.end_char,
        reference,
        defs,
        vocabulary,
        frozenset(),
        BulletinClues(frozenset()),
    )
    assert ok is kept
    assert "grass" in reference.taxon_words
