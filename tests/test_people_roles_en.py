"""People's role and organisation in the styles of other genres (English): a relative clause of
office, a possessive before a lower-case title, "its" and a bare head referring back to a body,
and plants or animals named beside their scientific names, which are no people.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy

from pipeline.core.records import DocumentText, Organisation, Person
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.organisations.misreadings import beside_species
from pipeline.extract.people import find_people
from pipeline.extract.people.affiliation_lookup import affiliations
from pipeline.extract.people.lexicon import load_people_lexicon
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.extract.words import doc_words
from pipeline.structure.sections import find_sections


def extract(nlp, text: str, doc_id: str = "doc") -> list[Person]:
    """The people stage as the pipeline runs it: with the organisations and their mentions."""
    sections = find_sections(doc_id, DocumentText("bulletin.txt", text))
    docs = parse_sections(nlp, sections)
    orgs, mentions = find_organisations(doc_id, sections, docs, load_org_reference())
    located = [(m.char_start, m.entity_id) for m in mentions]
    return find_people(doc_id, sections, docs, orgs, org_mentions=located)[0]


def person(people: list[Person], name: str) -> Person:
    matches = [p for p in people if p.name == name]
    assert matches, f"{name!r} not in {[p.name for p in people]}"
    return matches[0]


# --------------------------------------------------------------------------- referring back (no model)


def _org(org_id: str, name: str, acronym: str | None = None) -> Organisation:
    return Organisation("doc", org_id, name, acronym, 1)


def test_a_bare_head_refers_to_the_body_named_last_with_that_head() -> None:
    orgs = [
        _org("a", "Ministry of Ports of Tuvalu"),
        _org("b", "Ministry of Water of Kiribati"),
        _org("c", "Pacific Audit Network"),
    ]
    known = affiliations(orgs, load_org_reference(), load_people_lexicon(), [(10, "a"), (50, "c"), (90, "b")])
    assert known.named_before(60, "ministry").name == "Ministry of Ports of Tuvalu"
    assert known.named_before(100, "ministry").name == "Ministry of Water of Kiribati"
    assert known.named_before(100, "network").name == "Pacific Audit Network"
    assert known.named_before(5, "ministry") is None
    # Offsets are read in the section that starts at ``base``.
    assert known.in_section(40).named_before(30, "ministry").name == "Ministry of Ports of Tuvalu"


def test_a_head_is_matched_before_a_word_of_the_complement() -> None:
    orgs = [_org("a", "Lagoon Rangers Network", "LRN"), _org("b", "Steering Board of the Network")]
    known = affiliations(orgs, load_org_reference(), load_people_lexicon(), [(10, "a"), (40, "b")])
    assert known.named_before(80, "network").acronym == "LRN"


def test_its_refers_to_the_body_the_section_names_most() -> None:
    orgs = [_org("a", "Reef Survey Institute", "RSI"), _org("b", "Island Trust")]
    known = affiliations(
        orgs, load_org_reference(), load_people_lexicon(), [(5, "a"), (30, "a"), (60, "b"), (200, "b")]
    )
    assert known.named_most_before(100).acronym == "RSI"
    assert known.in_section(55).named_most_before(100).name == "Island Trust"


# --------------------------------------------------------------------------- the stage (real model)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "role", "organisation"),
    [
        (
            "The review was led by Dr. Mirela Costa, who heads the Coastal Data Unit of the OECD.",
            "Mirela Costa",
            "heads",
            "Coastal Data Unit of the OECD",
        ),
        (
            "Mr. Arjun Mehta, who chairs the board of the Riverside Housing Trust, opened the fair.",
            "Arjun Mehta",
            "chairs the board",
            "Riverside Housing Trust",
        ),
        (
            "The Lagoon Rangers Network (LRN) met in May. Ms. Sofia Lindqvist, who has coordinated "
            "the Network's mentoring scheme since 2019, will retire.",
            "Sofia Lindqvist",
            "coordinated mentoring scheme",
            "LRN",
        ),
        (
            "Ms. Hana Novak, who is the treasurer of the Alpine Walking Club, closed the meeting.",
            "Hana Novak",
            "treasurer",
            "Alpine Walking Club",
        ),
        (
            "The Harbour Rowing Club's programme manager Tomas Eriksen thanked the donors.",
            "Tomas Eriksen",
            "programme manager",
            "Harbour Rowing Club",
        ),
        (
            "The course ran at the Delta Water Academy (DWA) in Khulna. It was planned by DWA and the "
            "Network, with funding from UNICEF. Its Rector, Mr. Farhan Kabir, described a trial.",
            "Farhan Kabir",
            "Rector",
            "DWA",
        ),
        (
            "The Alpine Walking Trust met in May. Mr. Jonas Berg, the trust's finance officer, "
            "presented the accounts.",
            "Jonas Berg",
            "finance officer",
            "Alpine Walking Trust",
        ),
        (
            "According to Ms. Leila Haddad, head of programmes at Quantrell, demand keeps rising.",
            "Leila Haddad",
            "head of programmes",
            "Quantrell",
        ),
        (
            "Contact: Ms. Sara Nilsson, Programme Officer, Hill Foundation.",
            "Sara Nilsson",
            "Programme Officer",
            "Hill Foundation",
        ),
        (
            "The delegation met the Ministry of Ports of Tuvalu and, later, the Ministry of Water of "
            "Kiribati. According to Mrs. Teuila Ioane, Chief Engineer of the Ministry, the new pumps "
            "have doubled the supply.",
            "Teuila Ioane",
            "Chief Engineer",
            "Ministry of Water of Kiribati",
        ),
    ],
)
def test_roles_and_organisations_in_other_styles(
    nlp, text: str, name: str, role: str, organisation: str
) -> None:
    found = person(extract(nlp, text), name)
    assert (found.role, found.organisation) == (role, organisation)


@pytest.mark.model
def test_a_relative_clause_without_an_office_gives_no_role(nlp) -> None:
    found = person(
        extract(nlp, "Ms. Clara Jensen, who visited the Alpine Walking Club, spoke."), "Clara Jensen"
    )
    assert found.role is None


# --------------------------------------------------------------------------- species (no model)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We saw Scarlet Robins (Petroica boodang) near the dam.", "Scarlet Robins"),
        ("Seeds of Rosa (Dog Rose) were spread by birds. Rosa canina grows here.", "Dog Rose"),
        ("Woody weeds (Firethorn, Hawthorn and Rosa canina) were removed.", "Hawthorn"),
        ("Rosa canina, Firethorn and Hawthorn were removed.", "Firethorn"),
    ],
)
def test_common_names_beside_scientific_names(text: str, name: str) -> None:
    words = doc_words(spacy.blank("en")(text))
    texts = [w.text for w in words]
    first = name.split()[0]
    start = texts.index(first)
    end = start + len(name.split())
    is_epithet = {"boodang", "canina"}.__contains__
    assert beside_species(words, start, end, is_epithet, frozenset({"rosa"}))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We thank Jane Roe (Canberra office) for the photos.", "Jane Roe"),
        ("Ms. Ana Lopez (Rosa Street) hosted the meeting.", "Ana Lopez"),
        ("Peter Hale, Mary Ng and Tom Bell pulled Rosa canina.", "Mary Ng"),
        ("Rosa canina was pulled. Ms. Ana Lopez (Rosa) helped.", "Ana Lopez"),
    ],
)
def test_people_beside_other_brackets_and_lists(text: str, name: str) -> None:
    words = doc_words(spacy.blank("en")(text))
    texts = [w.text for w in words]
    start = texts.index(name.split()[0])
    end = start + len(name.split())
    assert not beside_species(words, start, end, {"canina"}.__contains__, frozenset({"rosa"}))


@pytest.mark.model
def test_birds_and_shrubs_named_with_their_species_are_no_people(nlp) -> None:
    text = (
        "Birds seen this spring include Scarlet Robins (Petroica boodang), Dusky Woodswallows "
        "(Artamus cyanopterus) and Superb Fairywrens (Malurus cyaneus). Volunteers pulled out "
        "Firethorn, Hawthorn and Rosa canina on Sunday. Thanks to Margaret Ellery for the list."
    )
    names = {p.name for p in extract(nlp, text)}
    assert not names & {"Scarlet Robins", "Dusky Woodswallows", "Superb Fairywrens", "Firethorn", "Hawthorn"}
    assert "Margaret Ellery" in names
