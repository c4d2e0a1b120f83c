"""Organisations: reference file, name patterns (blank pipeline) and the stage on the real model.

Sample sentences are written for these tests, in wordings unlike the corpus bulletins.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import pytest
import spacy
from spacy.tokens import Doc

from pipeline.core.ids import normalise_name, stable_id
from pipeline.core.records import DocumentText, Organisation
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.organisations.classification import (
    Definitions,
    canonical,
    long_form_kind,
    with_long_forms,
)
from pipeline.extract.organisations.misreadings import (
    after_honorific,
    alone_on_line,
    bulletin_clues,
    generic_organ,
    genus,
    kind_of_body,
    listed_with_people,
    town_after_preposition,
)
from pipeline.extract.organisations.names import company_names, head_candidates, title_runs
from pipeline.extract.reference.organisations import (
    ReferenceOrg,
    load_org_reference,
    match_key,
    merge_entries,
)
from pipeline.extract.reference.place_names import is_demonym, is_place_name
from pipeline.extract.words import doc_words
from pipeline.structure.sections import find_sections


@pytest.fixture(scope="module")
def reference():
    return load_org_reference()


def extract(nlp, text: str, reference, doc_id: str = "doc") -> tuple[list[Organisation], list]:
    sections = find_sections(doc_id, DocumentText("bulletin.txt", text))
    return find_organisations(doc_id, sections, parse_sections(nlp, sections), reference)


def names_and_acronyms(orgs: list[Organisation]) -> set[str]:
    return {o.name for o in orgs} | {o.acronym for o in orgs if o.acronym}


# --------------------------------------------------------------------------- reference


def test_reference_expands_known_acronyms(reference) -> None:
    assert reference.lookup_acronym("DESA").name == "Department of Economic and Social Affairs"
    assert reference.lookup_acronym("UNESCAP").acronym == "ESCAP"  # an alias acronym
    assert reference.lookup_name("World Bank") is not None
    assert reference.lookup_acronym("NOPE") is None


def test_analyst_file_is_merged_over_the_packaged_one(tmp_path: Path) -> None:
    extra = tmp_path / "orgs.yaml"
    extra.write_text(
        "organisations:\n"
        "  - {acronym: TDO, name: Tonga Data Office}\n"
        "  - {acronym: DESA, name: Department of Economic and Social Affairs, aliases: [EcoSoc Dept]}\n"
        "event_words: [jamboree]\n",
        encoding="utf-8",
    )
    ref = load_org_reference(extra)
    assert ref.lookup_acronym("TDO").name == "Tonga Data Office"
    assert ref.lookup_name("EcoSoc Dept").acronym == "DESA"
    assert sum(o.acronym == "DESA" for o in ref.organisations) == 1
    assert "jamboree" in ref.event_words and "forum" in ref.event_words


def test_merge_replaces_by_acronym_then_name() -> None:
    base = [ReferenceOrg("Old Name", "ABC"), ReferenceOrg("Keep Me")]
    merged = merge_entries(base, [ReferenceOrg("New Name", "ABC")])
    assert [o.name for o in merged] == ["Keep Me", "New Name"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Organization for Trade & Development", "Organisation for Trade and Development"),
        ("the Statistics Center", "Statistics Centre"),
    ],
)
def test_match_key_ignores_spelling(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize("word", ["Azerbaijani", "Korean", "Pan-European", "Kenyan", "Jordanian"])
def test_demonyms(word: str) -> None:
    assert is_demonym(word)


@pytest.mark.parametrize("word", ["Alberti", "Network", "Wu", "Smart", "Division"])
def test_not_demonyms(word: str) -> None:
    assert not is_demonym(word)


@pytest.mark.parametrize("name", ["Republic of Korea", "Brunei Darussalam", "Trinidad and Tobago", "Africa"])
def test_place_names(name: str) -> None:
    assert is_place_name(name)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Ministry of Coastal Affairs", "org"),
        ("Pacific Islands Statistics Network", "org"),
        ("Center for Ocean Studies in Fiji", "org"),
        ("Regional Forum on Smart Cities", "event"),
        ("Annual Report on Governance", "other"),
        ("Host City Agreement", "other"),
        ("data protection impact assessments", "other"),
        ("Harbour Volunteers corps", "other"),
        ("Kingdom of Tonga", "other"),
        ("the Division", "other"),
        ("Bright Harbour Partners", "unknown"),
    ],
)
def test_long_form_kind(reference, name: str, kind: str) -> None:
    assert long_form_kind(name, reference) == kind


# --------------------------------------------------------------------------- patterns (blank pipeline)


def pattern_names(text: str, reference) -> list[str]:
    doc = spacy.blank("en")(text)
    words = doc_words(doc)
    return [
        doc.text[words[a].char_start : words[b - 1].char_end]
        for run in title_runs(words)
        for a, b in head_candidates(words, run, reference)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "signed by the Government of Tonga and Pacific Islands Trade Commission on Monday",
            ["Government of Tonga", "Pacific Islands Trade Commission"],
        ),
        (
            "as Tonga's Ministry of Fisheries and Marine Resources noted",
            ["Ministry of Fisheries and Marine Resources"],
        ),
        ("a note from the President's Office of the Republic", ["President's Office of the Republic"]),
        (
            "with the Economic Commission for Latin America and the Caribbean today",
            ["Economic Commission for Latin America and the Caribbean"],
        ),
        (
            "the Data Services Unit of the Ministry's Department of Archives",
            ["Data Services Unit of the Ministry", "Department of Archives"],
        ),
        (
            "the University of Suva and Pacific Polytechnic College",
            ["University of Suva", "Pacific Polytechnic College"],
        ),
        ("hosted by the City of Apia on Friday", ["City of Apia"]),
        # The complement names a work, not part of the name.
        ("a briefing for Permanent Missions on the Island Survey", ["Permanent Missions"]),
    ],
)
def test_head_patterns(reference, text: str, expected: list[str]) -> None:
    assert pattern_names(text, reference) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Division will follow up",  # a bare head refers back
        "the Statistics Network Report was issued",  # a report, not the network
        "at the Government Summit in May",  # an event
        "Apia City hosted the meeting",  # "City" needs "of"
        "the World Summit on the Information Society ended",  # the topic of an event
        "Senior Programme Officer, Ms. Sela",  # a title
    ],
)
def test_no_head_pattern(reference, text: str) -> None:
    assert pattern_names(text, reference) == []


# --------------------------------------------------------------------------- the stage (real model)

BULLETIN = (
    "Island Digital Services Update: March 2021\n\n"
    "1. Launch of the Tonga Data Office\n\n"
    "The Tonga Data Office (TDO) opened on 2 March 2021 with support from UNDP and the Asian "
    "Development Bank (ADB). Its board includes the Ministry of Fisheries and Marine Resources and "
    "the University of Suva. The TDO will publish the Island Digital Survey every year, and the "
    "Pacific Open Data Award will go to the best reuse of its data.\n\n"
    "2. Meeting of DESA/DPIDG with TDO\n\n"
    "Officials of DESA/DPIDG visited the TDO and the Niue Audit Board (NAB) to discuss the Host City "
    "Agreement (HCA). The NAB will share its audit guidelines with the Government of Samoa.\n"
)


@pytest.mark.model
def test_stage_finds_defined_known_and_pattern_organisations(nlp, reference) -> None:
    orgs, _ = extract(nlp, BULLETIN, reference)
    by_acronym = {o.acronym: o for o in orgs if o.acronym}
    assert by_acronym["TDO"].name == "Tonga Data Office"
    assert by_acronym["TDO"].n_mentions >= 4  # defined once, then used alone in two sections
    assert by_acronym["NAB"].name == "Niue Audit Board"
    assert by_acronym["UNDP"].name == "United Nations Development Programme"  # from the reference
    # "DESA/DPIDG" is two organisations.
    assert by_acronym["DESA"].name == "Department of Economic and Social Affairs"
    assert "DPIDG" in by_acronym
    found = {o.name for o in orgs}
    assert {
        "Ministry of Fisheries and Marine Resources",
        "University of Suva",
        "Government of Samoa",
    } <= found


@pytest.mark.model
@pytest.mark.parametrize(
    "not_an_org",
    ["Island Digital Survey", "Pacific Open Data Award", "Host City Agreement", "HCA", "Launch", "Tonga"],
)
def test_stage_leaves_out_works_events_and_places(nlp, reference, not_an_org: str) -> None:
    orgs, _ = extract(nlp, BULLETIN, reference)
    assert not_an_org not in names_and_acronyms(orgs)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Kiribati Revenue Authority (KRA) and the KRA's partners met in Tarawa.",
            "Kiribati Revenue Authority",
        ),
        ("Staff of the Office of Budget Oversight (OBO) briefed the press.", "Office of Budget Oversight"),
        (
            "The workshop was run by the Fiji Institute of Accountants on Monday.",
            "Fiji Institute of Accountants",
        ),
        ("A letter from the Prime Minister's Office reached the agency.", "Prime Minister's Office"),
        ("The grant came from the Government of Vanuatu last year.", "Government of Vanuatu"),
        ("The Samoan Government confirmed its support.", "Samoan Government"),
        ("ICAO (International Civil Aviation Organization) sent two experts.", "ICAO"),
        ("Delegates from the Forum Secretariat attended.", "Forum Secretariat"),
    ],
)
def test_stage_finds(nlp, reference, text: str, expected: str) -> None:
    orgs, _ = extract(nlp, text, reference)
    assert expected in names_and_acronyms(orgs)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_an_org"),
    [
        ("Ministers met at the Pacific Digital Forum in Suva on 4 May.", "Pacific Digital Forum"),
        ("The Island Governance Report 2020 was launched in Apia.", "Island Governance Report"),
        ("Delegates from Costa Rica and New Zealand spoke first.", "Costa Rica"),
        ("The Pan-Pacific delegation arrived late.", "Pan-Pacific"),
        ("The USG and the IRA of the agency travelled together.", "USG"),
        ("The panel discussed ICTs and the SDGs.", "ICTs"),
        ('The theme was "Smart Government for Everyone" this year.', "Smart Government"),
        ("Ms. Sela Tonga, Senior Programme Officer, opened the session.", "Senior Programme Officer"),
        ("The budget was EUR 2 million and CHF 1 million.", "CHF"),
    ],
)
def test_stage_does_not_find(nlp, reference, text: str, not_an_org: str) -> None:
    orgs, _ = extract(nlp, text, reference)
    assert not_an_org not in names_and_acronyms(orgs)


@pytest.mark.model
def test_heading_only_model_entities_are_not_trusted(nlp, reference) -> None:
    text = "Bulletin\n\n1. Partners Collaborate Towards Open Budgets\n\nThe partners agreed on a road map.\n"
    orgs, _ = extract(nlp, text, reference)
    assert not {"Collaborate", "Partners Collaborate"} & names_and_acronyms(orgs)


@pytest.mark.model
def test_mentions_point_at_their_rows(nlp, reference) -> None:
    sections = find_sections("doc", DocumentText("b.txt", BULLETIN))
    orgs, mentions = find_organisations("doc", sections, parse_sections(nlp, sections), reference)
    ids = {o.org_id for o in orgs}
    by_id = {s.section_id: s for s in sections}
    assert mentions and all(m.label == "ORG" and m.entity_id in ids for m in mentions)
    for m in mentions:
        assert BULLETIN[m.char_start : m.char_end] == m.text
        assert m.mention_id == stable_id("doc", m.char_start, m.char_end, "ORG")
        assert by_id[m.section_id].char_start <= m.char_start < by_id[m.section_id].char_end
    assert sum(o.n_mentions for o in orgs) == len(mentions)


@pytest.mark.model
def test_ids_are_stable_across_bulletins(nlp, reference) -> None:
    first, _ = extract(nlp, "The Department of Economic and Social Affairs met UNDP.", reference, "a")
    second, _ = extract(nlp, "DESA and the United Nations Development Programme met.", reference, "b")
    assert {o.org_id for o in first} == {o.org_id for o in second}
    assert stable_id(normalise_name("Department of Economic and Social Affairs")) in {o.org_id for o in first}


@pytest.mark.model
def test_acronym_without_expansion_keeps_the_acronym(nlp, reference) -> None:
    orgs, _ = extract(nlp, "Mr. Tevita Fifita, Chief, PIRB, opened the meeting in Nuku'alofa.", reference)
    pirb = [o for o in orgs if o.acronym == "PIRB"]
    assert pirb and pirb[0].name == "PIRB" and pirb[0].org_id == stable_id("pirb")


# --------------------------------------------------------------------------- the shared bulletin


@pytest.mark.model
@pytest.mark.shared
def test_shared_bulletin_scores(nlp, reference, shared_dir: Path) -> None:
    from pipeline.review.evaluate import evaluate, load_golden

    name = "dpadm-monthly-2012-11"
    text = (shared_dir / "corpus" / f"{name}.txt").read_text(encoding="utf-8")
    sections = find_sections("d", DocumentText(f"{name}.txt", text))
    orgs, _ = find_organisations("d", sections, parse_sections(nlp, sections), reference)
    tables = {
        "documents": pd.DataFrame(
            [{"doc_id": "d", "source_file": f"{name}.txt", "title": None, "issue_date": None}]
        ),
        "organisations": pd.DataFrame([dataclasses.asdict(o) for o in orgs]),
    }
    scores = evaluate([load_golden(shared_dir / "golden" / f"{name}.gold.yaml")], tables).tables[
        "organisations"
    ]
    assert scores.f1 >= 0.85
    assert (scores.fields["acronym"].accuracy or 0) >= 0.9


# --------------------------------------------------------------------------- "and", commas, prepositions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A country whose name has "and" in it, after a place head.
        (
            "a grant from the Government of Saint Kitts and Nevis this year",
            ["Government of Saint Kitts and Nevis"],
        ),
        # A plural after "for" is a field of study, not a work the body published.
        (
            "the Lagoon Institute for Maritime and Legal Studies said",
            ["Lagoon Institute for Maritime and Legal Studies"],
        ),
        # Without the model, "and" never starts a name.
        ("Oxfam and Harbour Research Agency staff", ["Harbour Research Agency"]),
    ],
)
def test_head_patterns_across_and(reference, text: str, expected: list[str]) -> None:
    assert pattern_names(text, reference) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The first words of a name are a coordination the model reads as one name.
        (
            "Grants from the Forest and Fisheries Innovation Agency reached Tarawa.",
            "Forest and Fisheries Innovation Agency",
        ),
        # Conjuncts the bulletin also writes in lower case are no names of their own.
        (
            "She thanked the Truth, Dignity and Reconciliation Commission for its work on truth and dignity.",
            "Truth, Dignity and Reconciliation Commission",
        ),
        # A list inside the complement.
        (
            "He joined the Ministry of Youth, Sports and Culture in 2019.",
            "Ministry of Youth, Sports and Culture",
        ),
        # A preposition inside the name, after its complement.
        (
            "The Commission of Inquiry into the Harbour Collapse reported in June.",
            "Commission of Inquiry into the Harbour Collapse",
        ),
        # A company's legal form after a comma.
        ("The app was built by Brightline Systems, Ltd. for the council.", "Brightline Systems, Ltd."),
        # Head words of other genres: laboratories, churches, trusts, police.
        (
            "The Laboratory for Soil Biology and Ecology lent two microscopes.",
            "Laboratory for Soil Biology and Ecology",
        ),
        ("Volunteers from the Riverside Community Church cooked lunch.", "Riverside Community Church"),
        ("Officers of the Westbury Police closed the road.", "Westbury Police"),
    ],
)
def test_stage_finds_whole_names(nlp, reference, text: str, expected: str) -> None:
    orgs, _ = extract(nlp, text, reference)
    assert expected in names_and_acronyms(orgs)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_an_org"),
    [
        # Two bodies joined by "and" stay two.
        ("Funding came from Oxfam and World Bank partners.", "Oxfam and World Bank"),
        # A name inside another's complement does not take the complement's words.
        ("Staff of the Ministry of Health and Education Agency attended.", "Health and Education Agency"),
        # "in" puts the body in a place.
        ("The Ministry of Health in Kenya sent two nurses.", "Ministry of Health in Kenya"),
    ],
)
def test_stage_keeps_names_apart(nlp, reference, text: str, not_an_org: str) -> None:
    orgs, _ = extract(nlp, text, reference)
    assert not_an_org not in names_and_acronyms(orgs)


@pytest.mark.model
def test_pattern_name_holding_a_defined_long_form_takes_its_acronym(nlp, reference) -> None:
    # Schwartz-Hearst finds the shortest long form ("Reform and Records Management Unit").
    text = (
        "A ceremony was hosted by the Lagoon Administrative Reform and Records Management Unit (RRMU) "
        "in Apia. The RRMU thanked its donors."
    )
    orgs, _ = extract(nlp, text, reference)
    rrmu = [o for o in orgs if o.acronym == "RRMU"]
    assert [o.name for o in rrmu] == ["Lagoon Administrative Reform and Records Management Unit"]
    assert rrmu[0].n_mentions == 3  # the long form, "(RRMU)" and its later use


def test_longer_long_forms_keep_the_short_one_as_a_key(reference) -> None:
    defs = Definitions(
        org=MappingProxyType({"RRMU": "Records Management Unit"}),
        other=frozenset(),
        other_longs=frozenset(),
        long_to_short=MappingProxyType({match_key("Records Management Unit"): "RRMU"}),
    )
    longer = with_long_forms(defs, {"RRMU": "Harbour Records Management Unit"})
    assert canonical(longer, reference, acronym="RRMU") == ("Harbour Records Management Unit", "RRMU")
    assert canonical(longer, reference, name="Records Management Unit")[1] == "RRMU"


# --------------------------------------------------------------------------- what is not a body


def _blank(text: str, ents: list[tuple[str, str]] = ()) -> Doc:
    """A blank-pipeline Doc with the given (text, label) entities, as the model would set them."""
    doc = spacy.blank("en")(text)
    spans = []
    for ent_text, label in ents:
        start = text.index(ent_text)
        spans.append(doc.char_span(start, start + len(ent_text), label=label))
    doc.ents = spans
    return doc


def test_a_name_listed_with_people_is_a_person() -> None:
    doc = _blank(
        "Weeders: Ana Ruiz, Tom Leary and Ivo Petrov.", [("Ana Ruiz", "ORG"), ("Tom Leary", "PERSON")]
    )
    assert listed_with_people(doc, 2, 4)
    doc = _blank("Grants from Oxfam helped.", [("Oxfam", "ORG")])
    assert not listed_with_people(doc, 2, 3)


def test_bulletin_clues_find_first_names_and_species(reference) -> None:
    docs = [
        _blank(
            "Ilse Marquardt came. We pulled Lomandra longifolia and Dianella revoluta.",
            [("Ilse Marquardt", "PERSON")],
        ),
        _blank("Ilse found Lomandra again; the area was weeded.", []),
    ]
    clues = bulletin_clues(docs, reference)
    assert "ilse" in clues.person_parts and "marquardt" in clues.person_parts
    assert {"longifolia", "revoluta"} <= clues.epithets
    assert "area" not in clues.epithets  # an ordinary word, written after "the" too
    assert genus(docs[0], 6, 7, clues)  # "Lomandra" before its species
    assert genus(docs[1], 2, 3, clues)  # "Lomandra" alone, a genus of the bulletin
    assert not genus(docs[0], 0, 2, clues)


def test_a_town_after_a_locative_preposition_is_a_place() -> None:
    doc = _blank("The barges arrived at Malakal on Monday.")
    assert town_after_preposition(doc, 4, "Malakal")
    assert not town_after_preposition(doc, 1, "barges")


def test_a_name_alone_on_its_line_is_a_heading() -> None:
    text = "Coastal Resilience and Local Finance\nThe Harbour Board met."
    assert alone_on_line(text, 0, 36)
    assert not alone_on_line(text, text.index("Harbour"), text.index("Harbour") + 13)


@pytest.mark.parametrize(
    ("words", "generic"),
    [
        (["Executive", "Board"], True),
        (["Steering", "Committee"], True),
        (["Civil", "Service"], True),
        (["Town", "Council"], False),
        (["Federal", "Government"], False),
        (["Executive", "Board", "of", "the", "Alliance"], False),
    ],
)
def test_generic_organs(reference, words: list[str], generic: bool) -> None:
    assert generic_organ(words, reference) is generic


def test_kind_of_body(reference) -> None:
    assert kind_of_body(["Kenyan", "Universities"], reference)
    assert not kind_of_body(["Kenyan", "University"], reference)


def test_surname_after_an_honorific(reference) -> None:
    doc = _blank("the Chair, Hon. Mele Tupou-Vake, noted it")
    index = next(t.i for t in doc if t.text == "Tupou")
    assert after_honorific(doc, index, reference)
    assert not after_honorific(_blank("the Tupou Trust"), 1, reference)


def test_company_names_after_a_comma(reference) -> None:
    doc = spacy.blank("en")("software from Global Interactions, Inc. and from Paris, Inc. today")
    words = doc_words(doc)
    spans = [
        doc.text[words[a].char_start : words[b - 1].char_end] for a, b in company_names(words, reference)
    ]
    assert spans == ["Global Interactions, Inc."]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_an_org"),
    [
        ("The Steering Committee met the Executive Board on Monday.", "Steering Committee"),
        ("The Steering Committee met the Executive Board on Monday.", "Executive Board"),
        (
            "Volunteers on the day were Ilse Marquardt, Tomas Berglund, Ravi Chandran and Olga Petrenko.",
            "Tomas Berglund",
        ),
        ("Speaking at the launch, the Chair, Hon. Mele Tupou-Vake, noted the errors.", "Tupou-Vake"),
    ],
)
def test_stage_leaves_out_organs_and_people(nlp, reference, text: str, not_an_org: str) -> None:
    orgs, _ = extract(nlp, text, reference)
    assert not_an_org not in names_and_acronyms(orgs)


@pytest.mark.model
def test_stage_keeps_a_town_council(nlp, reference) -> None:
    orgs, _ = extract(nlp, "The Steering Committee reported to the Town Council on Monday.", reference)
    assert "Town Council" in names_and_acronyms(orgs)
