"""A newsletter's own group, named by its masthead in capitals and by its initials in the text,
and a member's first name that is no body. Rules on strings and hand-built docs; the stage on
the real model.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from pipeline.core.records import DocumentText
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.organisations.masthead import initials, masthead_body, title_case, written_forms
from pipeline.extract.organisations.misreadings import bulletin_clues
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.structure.sections import find_sections


@pytest.fixture(scope="module")
def reference():
    return load_org_reference()


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("HILLTOP BUSH CARE GROUP\n\nNewsletter May 2019\n\nWelcome", "HILLTOP BUSH CARE GROUP"),
        # over two lines; a line that goes on in lower case ends the masthead
        ("RIVERBEND\n\nFRIENDS SOCIETY\n\nNews for members\n", "RIVERBEND\n\nFRIENDS SOCIETY"),
        ("WATTLE CREEK LANDCARE GROUP NEWSLETTER NO 7 JUNE 2003 Gundaroo\n", "WATTLE CREEK LANDCARE GROUP"),
        ("SANDY POINT BOATING CLUB INC.\nBulletin\n", "SANDY POINT BOATING CLUB"),
        ("OTTER VALLEY HERITAGE TRUST INC\nBulletin\n", "OTTER VALLEY HERITAGE TRUST"),
    ],
)
def test_the_body_a_masthead_names(reference, text: str, body: str | None) -> None:
    found = masthead_body(text, reference.head_words, reference.company_suffixes)
    assert (text[found[0] : found[1]] if found else None) == body


@pytest.mark.parametrize(
    "text",
    [
        "MEMBERS NEWSLETTER NO 60\n\nMARCH 1998\n",  # no body before the publication word
        "Monthly Update to Hilltop Members\n",  # not in capitals
        "Hilltop Bush Care Group\n\nNEXT MEETING GROUP\n",  # capitals after the first line only
        "GROUP\nNewsletter\n",  # a head word alone
    ],
)
def test_no_body_from_other_mastheads(reference, text: str) -> None:
    assert masthead_body(text, reference.head_words, reference.company_suffixes) is None


def test_capitals_are_written_as_the_bulletin_writes_them() -> None:
    forms = written_forms(["The Hilltop group met at the Bush Hut."])
    assert (
        title_case(["HILLTOP", "BUSH", "CARE", "GROUP", "OF", "NSW"], forms)
        == "Hilltop Bush Care Group of NSW"
    )


@pytest.mark.parametrize(
    ("name", "letters"),
    [("Hilltop Bush Care Group", "HBCG"), ("Friends of the Wetlands", "FW"), ("NSW Rivers Trust", "NSWRT")],
)
def test_initials(name: str, letters: str) -> None:
    assert initials(name) == letters


def test_a_member_called_by_first_name_as_a_subject_is_no_body(reference) -> None:
    # "Odile acted as secretary ." -- "Odile" has no entity label and is a subject.
    doc = Doc(
        spacy.blank("en").vocab,
        words=["Odile", "acted", "as", "secretary", "."],
        tags=["NNP", "VBD", "IN", "NN", "."],
        pos=["PROPN", "VERB", "ADP", "NOUN", "PUNCT"],
        deps=["nsubj", "ROOT", "prep", "pobj", "punct"],
        heads=[1, 1, 1, 2, 1],
    )
    assert "odile" in bulletin_clues([doc], reference).person_parts


NEWSLETTER = """HILLTOP BUSH CARE GROUP

Newsletter May 2019

Last Sunday twelve members of HBCG pulled broom on the southern slope. HBCG thanks the
council's rangers for the loan of their trailer.
"""


def test_the_masthead_group_is_the_body_of_its_initials(nlp, reference) -> None:
    sections = find_sections("doc", DocumentText("newsletter.txt", NEWSLETTER))
    docs = parse_sections(nlp, sections)
    orgs, _ = find_organisations("doc", sections, docs, reference)
    group = [o for o in orgs if o.name == "Hilltop Bush Care Group"]
    assert group and group[0].acronym == "HBCG", [(o.name, o.acronym) for o in orgs]
    assert group[0].n_mentions == 3
    assert not [o for o in orgs if o.name == "HBCG"]
