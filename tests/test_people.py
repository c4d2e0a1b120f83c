"""People: names after honorifics, titles around names (blank pipeline) and the stage on the real model.

Sample sentences are written for these tests, in wordings unlike the corpus bulletins.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest
import spacy

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import DocumentText, Organisation, Person
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.people import find_people
from pipeline.extract.people.affiliation_lookup import affiliations
from pipeline.extract.people.lexicon import load_people_lexicon, role_key
from pipeline.extract.people.names import honorific_names, is_name_word
from pipeline.extract.people.titles import Title, parse_title
from pipeline.extract.places import find_places
from pipeline.extract.reference.gazetteer import load_gazetteer
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.words import doc_words
from pipeline.structure.sections import find_sections

ORGS = (
    Organisation("doc", "o1", "United Nations Development Programme", "UNDP", 3),
    Organisation("doc", "o2", "Tonga Data Office", "TDO", 2),
    Organisation("doc", "o3", "Department of Fisheries of Tonga", None, 1),
)


@pytest.fixture(scope="module")
def lexicon():
    return load_people_lexicon()


@pytest.fixture(scope="module")
def known(lexicon):
    return affiliations(ORGS, load_org_reference(), lexicon)


# --------------------------------------------------------------------------- lexicon and names


@pytest.mark.parametrize(
    ("written", "recorded"),
    [
        # a spelling of the canonical form takes it; another word stays as the bulletin writes it
        ("Ms", "Ms."),
        ("MR.", "Mr."),
        ("H.E", "H.E."),
        ("Mister", "Mister"),
        ("Her Excellency", "Her Excellency"),
        ("Professor", "Professor"),
        ("Ambassador", "Ambassador"),
    ],
)
def test_honorifics_are_recorded_as_written_up_to_spelling(lexicon, written: str, recorded: str) -> None:
    assert lexicon.honorifics[written] == recorded


def test_role_phrases_compare_without_hyphens(lexicon) -> None:
    assert role_key("Director-General") == role_key("director general")
    assert lexicon.is_role("Director General") and lexicon.is_role("USG") and lexicon.is_role("Chief")
    assert not lexicon.is_role("usg") and not lexicon.is_role("Fisheries")


@pytest.mark.parametrize("word", ["Sela", "Fifita-Havili", "al-Rashid", "O'Neill", "Wu"])
def test_name_words(lexicon, word: str) -> None:
    assert is_name_word(word, lexicon)


@pytest.mark.parametrize("word", ["Minister", "UNDP", "November", "Government", "and", "2020", "Mr."])
def test_not_name_words(lexicon, word: str) -> None:
    assert not is_name_word(word, lexicon)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Yesterday H.E. Ms. Sela Fifita-Havili met Dr. Wu.",
            [("Sela Fifita-Havili", "H.E."), ("Wu", "Dr.")],
        ),
        (
            "Talks with Mr Ahmad al-Rashid and Prof. Ana M. Vaz ended.",
            [("Ahmad al-Rashid", "Mr."), ("Ana M. Vaz", "Prof.")],
        ),
        ("Ms. Ursula von Berg, Chief, spoke.", [("Ursula von Berg", "Ms.")]),
        ("Mr. President and Madam Chair opened it.", []),
    ],
)
def test_honorific_names(lexicon, text: str, expected: list[tuple[str, str]]) -> None:
    doc = spacy.blank("en")(text)
    words = doc_words(doc)
    found = honorific_names(words, text, lexicon, 0, 0)
    assert [
        (text[words[n.start].char_start : words[n.end - 1].char_end], n.honorific) for n in found
    ] == expected


# --------------------------------------------------------------------------- titles (blank pipeline)


@pytest.mark.parametrize(
    ("phrase", "role", "organisation"),
    [
        ("UNDP's Senior Adviser", "Senior Adviser", "UNDP"),
        # A body of one word before the title stays in it, as written, and is its organisation.
        ("TDO Director", "TDO Director", "TDO"),
        ("the Minister of Justice of Tonga", "Minister of Justice", "Tonga"),
        ("Director General of the Tonga Data Office", "Director General", "Tonga Data Office"),
        ("Head of Research", "Head of Research", None),
        ("Chief Executive Officer", "Chief Executive Officer", None),
        ("Senior Budget and Planning Officer", "Senior Budget and Planning Officer", None),
        (
            "Deputy Director-General of the Ministry's Department of Fisheries",
            "Deputy Director-General",
            "Department of Fisheries",
        ),
        ("Secretary for Fisheries", "Secretary for Fisheries", "Department of Fisheries of Tonga"),
        ("the Division's Coordinator", "Coordinator", None),
        ("UNDP", None, "UNDP"),
        ("Kingdom Tower", None, None),
    ],
)
def test_parse_title(known, phrase: str, role: str | None, organisation: str | None) -> None:
    doc = spacy.blank("en")(phrase)
    assert parse_title(doc_words(doc), phrase, known) == Title(role, organisation)


# --------------------------------------------------------------------------- the stage (real model)


def extract(nlp, text: str, doc_id: str = "doc") -> list[Person]:
    sections = find_sections(doc_id, DocumentText("bulletin.txt", text))
    docs = parse_sections(nlp, sections)
    orgs, _ = find_organisations(doc_id, sections, docs, load_org_reference())
    return find_people(doc_id, sections, docs, orgs)[0]


def person(people: list[Person], name: str) -> Person:
    matches = [p for p in people if p.name == name]
    assert matches, f"{name!r} not in {[p.name for p in people]}"
    return matches[0]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "honorific", "role", "organisation"),
    [
        (
            "The Executive Director of UNICEF, Ms. Lusia Taufa, opened the fair.",
            "Lusia Taufa",
            "Ms.",
            "Executive Director",
            "UNICEF",
        ),
        (
            "Dr. Amara Koroma, Senior Economist at the World Bank, presented the results.",
            "Amara Koroma",
            "Dr.",
            "Senior Economist",
            "World Bank",
        ),
        (
            "UNDP's Resident Representative, Mr. Luis Ortega-Vidal, welcomed the guests.",
            "Luis Ortega-Vidal",
            "Mr.",
            "Resident Representative",
            "UNDP",
        ),
        (
            "H.E. Mr. Omar Haddadin, Minister of Interior of Jordan, chaired the talks.",
            "Omar Haddadin",
            "H.E.",
            "Minister of Interior",
            "Jordan",
        ),
        (
            "The talks were chaired by Mr. Pita Vuki, Chief, Data Branch, in Suva.",
            "Pita Vuki",
            "Mr.",
            "Chief",
            "Data Branch",
        ),
        (
            "Secretary-General Sione Kata addressed the assembly by video.",
            "Sione Kata",
            None,
            "Secretary-General",
            None,
        ),
        (
            "According to Prof. Kenji Mori of Keio University, uptake is slow.",
            "Kenji Mori",
            "Prof.",
            None,
            "Keio University",
        ),
        (
            "A jury of the Island Audit Board, whose Chair, Ms. Mele Lani, signed the report, met twice.",
            "Mele Lani",
            "Ms.",
            "Chair",
            "Island Audit Board",
        ),
        (
            "Ambassador Rosa Meier, Permanent Representative of Austria to the United Nations, spoke.",
            "Rosa Meier",
            "Ambassador",
            "Permanent Representative",
            "Austria",
        ),
        (
            "The Chair of the Tonga Audit Board, Ms. Lina Tau, signed the report.",
            "Lina Tau",
            "Ms.",
            "Chair",
            "Tonga Audit Board",
        ),
        (
            "Ms. Ana Ruiz, director of the regional office, said so.",
            "Ana Ruiz",
            "Ms.",
            "director of the regional office",
            None,
        ),
    ],
)
def test_people_with_titles(
    nlp, text: str, name: str, honorific: str | None, role: str | None, organisation: str | None
) -> None:
    found = person(extract(nlp, text), name)
    assert (found.honorific, found.role, found.organisation) == (honorific, role, organisation)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_a_person"),
    [
        ("The mission visited Addis Ababa and Kuala Lumpur in May.", "Addis Ababa"),
        ("A workshop for officials of Papua New Guinea was held.", "Papua New Guinea"),
        ("Promoting Gender-responsive Budgets was the first theme.", "Promoting Gender-responsive Budgets"),
        ("The Samoan delegation and the Fijian minister agreed.", "Samoan"),
        ("Harvard Kennedy School hosted the course.", "Harvard Kennedy School"),
        ("Delegates from Costa Rica and El Salvador spoke.", "El Salvador"),
    ],
)
def test_not_people(nlp, text: str, not_a_person: str) -> None:
    assert not_a_person not in {p.name for p in extract(nlp, text)}


@pytest.mark.model
def test_a_person_mentioned_again_by_surname_is_one_person(nlp) -> None:
    text = (
        "Notes\n\n1. Visit\n\nThe TDO Director, Ms. Lesieli Vaipulu, received the mission. "
        "Later Ms. Vaipulu thanked the donors, and Vaipulu closed the day.\n\n"
        "2. Follow-up\n\nMs. Vaipulu will report in June.\n"
    )
    sections = find_sections("doc", DocumentText("b.txt", text))
    docs = parse_sections(nlp, sections)
    orgs, _ = find_organisations("doc", sections, docs, load_org_reference())
    people, mentions = find_people("doc", sections, docs, orgs)
    assert [(p.name, p.honorific, p.role, p.organisation) for p in people] == [
        ("Lesieli Vaipulu", "Ms.", "TDO Director", "TDO")
    ]
    assert people[0].n_mentions == len(mentions) >= 3
    assert people[0].person_id == stable_id(normalise_name("Lesieli Vaipulu"))
    for m in mentions:
        assert text[m.char_start : m.char_end] == m.text and m.label == "PERSON"
        assert m.entity_id == people[0].person_id
        assert m.mention_id == stable_id("doc", m.char_start, m.char_end, "PERSON")


@pytest.mark.model
def test_a_name_only_in_a_heading_needs_the_body(nlp) -> None:
    text = "Notes\n\n1. Promoting Whole Systems\n\nOfficials discussed reforms.\n"
    assert extract(nlp, text) == []


@pytest.mark.model
def test_person_ids_are_stable_across_bulletins(nlp) -> None:
    a = extract(nlp, "Ms. Mele Tupou, Chief, TDO, spoke.", "a")
    b = extract(nlp, "The Director, Dr. Mele Tupou, closed the event.", "b")
    assert [p.person_id for p in a] == [p.person_id for p in b]


# --------------------------------------------------------------------------- the shared bulletin


@pytest.mark.model
@pytest.mark.shared
def test_shared_bulletin_scores(nlp, shared_dir: Path) -> None:
    from pipeline.review.evaluate import evaluate, load_golden

    name = "dpadm-monthly-2012-11"
    text = (shared_dir / "corpus" / f"{name}.txt").read_text(encoding="utf-8")
    people = extract(nlp, text, "d")
    tables = {
        "documents": pd.DataFrame(
            [{"doc_id": "d", "source_file": f"{name}.txt", "title": None, "issue_date": None}]
        ),
        "people": pd.DataFrame([dataclasses.asdict(p) for p in people]),
    }
    scores = evaluate([load_golden(shared_dir / "golden" / f"{name}.gold.yaml")], tables).tables["people"]
    assert scores.f1 >= 0.95
    assert (scores.fields["role"].accuracy or 0) >= 0.9
    assert (scores.fields["organisation"].accuracy or 0) >= 0.9


# --------------------------------------------------------------------------- called by one name


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected", "not_people"),
    [
        (
            "Nine of us met at the creek. Sarah, Tom and Priya pulled thistles all morning. "
            "Doug turned up later with the trailer.",
            {"Sarah", "Tom", "Priya", "Doug"},
            set(),
        ),
        (
            "Volunteers from Antigua and Barbuda joined us. Phalaris aquatica is spreading near the gate.",
            set(),
            {"Antigua", "Barbuda", "Phalaris"},
        ),
    ],
)
def test_members_called_by_one_name(nlp, text: str, expected: set[str], not_people: set[str]) -> None:
    sections = find_sections("doc", DocumentText("b.txt", text))
    docs = parse_sections(nlp, sections)
    _, place_mentions = find_places("doc", sections, docs, load_gazetteer())
    places = [(m.char_start, m.char_end) for m in place_mentions]
    found = {p.name for p in find_people("doc", sections, docs, [], place_spans=places)[0]}
    assert expected <= found, found
    assert not (not_people & found), found


# --------------------------------------------------------------------------- words of the lexicon (blank)


def test_plural_roles_and_their_singular(lexicon) -> None:
    from pipeline.extract.people.titles import singular_role

    assert lexicon.is_plural_role("wardens") and lexicon.is_plural_role("Secretaries")
    assert not lexicon.is_plural_role("warden") and not lexicon.is_plural_role("Jones")
    assert singular_role("new members", lexicon) == "new member"
    assert singular_role("wardens", lexicon) == "warden"
    assert singular_role("Head of Unit", lexicon) == "Head of Unit"


@pytest.mark.parametrize(("word", "epithet"), [("sulphurea", True), ("vulgaris", True), ("said", False)])
def test_species_epithets(lexicon, word: str, epithet: bool) -> None:
    assert lexicon.is_epithet(word) is epithet


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cr Nadia Petrov and Cllr Owen Hart voted.", [("Nadia Petrov", "Cr"), ("Owen Hart", "Cllr")]),
        ("Thanks to Dame Ashworth and Mrs Adeyemi.", [("Ashworth", "Dame"), ("Adeyemi", "Mrs.")]),
        ("Father Liam Doyle blessed it.", [("Liam Doyle", "Father")]),
    ],
)
def test_more_honorifics(lexicon, text: str, expected: list[tuple[str, str]]) -> None:
    doc = spacy.blank("en")(text)
    words = doc_words(doc)
    found = honorific_names(words, text, lexicon, 0, 0)
    assert [
        (text[words[n.start].char_start : words[n.end - 1].char_end], n.honorific) for n in found
    ] == expected


def test_unknown_acronym_before_a_role_is_part_of_it(known) -> None:
    # "TDO" is a body of the bulletin; "ICT" is not: "ICT Officer" is one role, "TDO Officer"
    # the role as written, in the TDO.
    for phrase, expected in [
        ("ICT Officer", Title("ICT Officer", None)),
        ("TDO Officer", Title("TDO Officer", "TDO")),
    ]:
        assert parse_title(doc_words(spacy.blank("en")(phrase)), phrase, known) == expected


def test_a_body_is_named_without_the_country_it_is_in(known) -> None:
    phrase = "Senior Adviser at the Tonga Data Office in Tonga"
    assert parse_title(doc_words(spacy.blank("en")(phrase)), phrase, known) == Title(
        "Senior Adviser", "Tonga Data Office"
    )


def test_names_written_after_a_preposition_of_space(lexicon) -> None:
    from pipeline.extract.people.evidence import spatial_names

    words = doc_words(
        spacy.blank("en")("We walked down from Pinnacle Trig into the Old Quarry with Ana Lutz.")
    )
    found = spatial_names([words], lexicon)
    assert {"pinnacle trig", "old quarry"} <= found and "ana lutz" not in found


# ------------------------------------------------------------------------- names that are not people (model)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_a_person", "person"),
    [
        (  # a local place: "Mt" before it, or written after a preposition of space
            "Notes\n\nOur walk up Mt Kembla was wet. Later we came down from Pinnacle Trig, "
            "and Pinnacle Trig was foggy. Rosa Delgado led the walk.",
            {"Mt Kembla", "Pinnacle Trig"},
            "Rosa Delgado",
        ),
        (  # a place's name inside a longer one
            "Notes\n\nTraps were set across Kauri Point Scenic Reserve by Hemi Walker.",
            {"Scenic Reserve", "Point Scenic Reserve"},
            "Hemi Walker",
        ),
        (  # plants: a kind of plant the bulletin also writes in lower case; a genus
            "Notes\n\nWe pulled out Fox Tail Grass and its beginnings, Fox Tail, along the track; the "
            "grass spreads fast. A clump of Swamp Lily Ottelia ovalifolia flowered. Priya Nair helped.",
            {"Fox Tail Grass", "Fox Tail", "Swamp Lily Ottelia"},
            "Priya Nair",
        ),
        (  # the person a body is named after
            "Notes\n\nThe Edith Cowan Foundation funded the hall, said Mele Faleafa.",
            {"Edith Cowan"},
            "Mele Faleafa",
        ),
        (  # a capitalised verb in a heading is not a surname
            "1. Regional Award for Public Justice Held in Suva\n\nThe award went to Ms. Ana Tuilagi.",
            {"Held"},
            "Ana Tuilagi",
        ),
    ],
)
def test_names_that_are_not_people(nlp, text: str, not_a_person: set[str], person: str) -> None:
    found = {p.name for p in _with_places(nlp, text)}
    assert person in found and not (not_a_person & found), found


def _with_places(nlp, text: str) -> list[Person]:
    sections = find_sections("doc", DocumentText("b.txt", text))
    docs = parse_sections(nlp, sections)
    orgs, _ = find_organisations("doc", sections, docs, load_org_reference())
    places, place_mentions = find_places("doc", sections, docs, load_gazetteer())
    spans = [(m.char_start, m.char_end) for m in place_mentions]
    return find_people("doc", sections, docs, orgs, place_spans=spans, place_names=[p.name for p in places])[
        0
    ]


# --------------------------------------------------------------------------- roles around a name (model)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "role", "organisation"),
    [
        (
            "Notes\n\nThanks go to our treasurer, Mia Kowalczyk, for the figures.",
            "Mia Kowalczyk",
            "treasurer",
            None,
        ),
        (
            "Notes\n\nOur newest volunteer Tariq Haddad cleared the drains.",
            "Tariq Haddad",
            "newest volunteer",
            None,
        ),
        (
            "Notes\n\nA fine review by botanist Ruth Okello AM appeared in May.",
            "Ruth Okello",
            "botanist",
            None,
        ),
        ("Notes\n\nOwen Pratt, the lessee, agreed to the fence.", "Owen Pratt", "lessee", None),
        ("Notes\n\nRanger Kai is planning a burn on the spur.", "Kai", "Ranger", None),
        (
            "Notes\n\nThe talks were led by the deputy permanent representative of Chile, Mr. Tomás Rojas.",
            "Tomás Rojas",
            "deputy permanent representative",
            "Chile",
        ),
        (
            "Notes\n\nDr. Lena Voss is a lecturer with the Institute of Coastal Studies at the "
            "Baltic University in Gdansk.",
            "Lena Voss",
            "lecturer",
            "Institute of Coastal Studies",
        ),
        (
            "Notes\n\nJuan Ortiz, Secretary and Founder of the Andean Water Foundation, opened the day.",
            "Juan Ortiz",
            "Secretary and Founder",  # two titles joined by "and": one title, every word kept
            "Andean Water Foundation",
        ),
        (
            "Notes\n\nOn Monday I met Finance Director Abernethy and the auditors.",
            "Abernethy",
            "Finance Director",
            None,
        ),
        ("Notes\n\nBookings\nContact: Maria Jensen 5550 1234\n", "Maria Jensen", "Contact", None),
    ],
)
def test_roles_around_a_name(nlp, text: str, name: str, role: str, organisation: str | None) -> None:
    found = person(extract(nlp, text), name)
    assert (found.role, found.organisation) == (role, organisation)


@pytest.mark.model
def test_a_plural_role_before_a_list_is_each_ones_role(nlp) -> None:
    text = (
        "Notes\n\nWe met with wardens Sarah, Tom and Priya on Friday. "
        "Welcome to new members Ana, Luis and Kofi!"
    )
    people = {p.name: p.role for p in extract(nlp, text)}
    assert {people.get(n) for n in ("Sarah", "Tom", "Priya")} == {"warden"}
    assert {people.get(n) for n in ("Ana", "Luis", "Kofi")} == {"new member"}


@pytest.mark.model
def test_a_signature_gives_the_body_on_the_lines_below(nlp) -> None:
    text = (
        "Notes\n\nDear members, the Tonga Data Office sends its greetings.\n\nYours sincerely,\n\n"
        "Prof. Dr. K. Halvorsen\nSection for Reef Surveys\nTonga Data Office (TDO)\nHarbour Road 12\n"
    )
    orgs = [Organisation("doc", "o", "Tonga Data Office", None, 2)]
    sections = find_sections("doc", DocumentText("b.txt", text))
    docs = parse_sections(nlp, sections)
    found = person(find_people("doc", sections, docs, orgs)[0], "K. Halvorsen")
    assert (found.honorific, found.organisation) == ("Prof.", "Tonga Data Office")


@pytest.mark.model
def test_a_later_mention_by_a_surname_of_two_words_is_the_same_person(nlp) -> None:
    text = "Notes\n\nDr. Ana Maria Soto Barrios opened the forum. Later Dr. Soto Barrios closed it."
    assert [p.name for p in extract(nlp, text)] == ["Ana Maria Soto Barrios"]


@pytest.mark.model
def test_people_listed_with_people_whatever_the_model_calls_them(nlp) -> None:
    text = (
        "Notes\n\nA cold morning greeted nine weeders: Tomas Berg, Ilse Varga, Kiri Tane, Nadia Rossi, "
        "Omar Haddad. However, Ilse, Kiri and Omar left early."
    )
    found = {p.name for p in extract(nlp, text)}
    assert {"Tomas Berg", "Ilse Varga", "Kiri Tane", "Nadia Rossi", "Omar Haddad"} <= found
    assert "However" not in found


@pytest.mark.model
def test_a_heading_is_no_name_and_a_verb_ends_one(nlp) -> None:
    text = "Autumn Edition\n\nLena Marsh Presented\n\nThe shields went to the best teams, said Omar Sayed."
    found = {p.name for p in extract(nlp, text)}
    assert "Omar Sayed" in found
    assert not {"Autumn Edition", "Lena Marsh Presented"} & found, found


@pytest.mark.model
def test_a_body_named_after_a_person_is_not_a_person(nlp) -> None:
    text = (
        "Notes\n\nThe Ashworth Department of Surgery thanked Dame Ashworth, and Mrs Adeyemi opened the fair."
    )
    people = {p.name: p.honorific for p in extract(nlp, text)}
    assert people == {"Ashworth": "Dame", "Adeyemi": "Mrs."}
