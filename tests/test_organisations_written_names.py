"""Organisations: a reference body as the bulletin writes it. "UN" in place of "United Nations"
at the start of a reference name ("UN Population Fund"), and the row's name in the bulletin's
own words where it writes the body by another of its reference names (blank pipeline).

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest

from pipeline.core.records import DocumentText, Organisation
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.reference.organisations import (
    ReferenceOrg,
    load_org_reference,
    make_reference,
    written_forms,
)
from pipeline.structure.sections import find_sections


@pytest.fixture(scope="module")
def reference():
    return load_org_reference()


def organisations(nlp, text: str, reference) -> list[Organisation]:
    sections = find_sections("doc", DocumentText("bulletin.txt", text))
    return find_organisations("doc", sections, parse_sections(nlp, sections), reference)[0]


def test_written_forms_put_the_short_form_of_the_opening_words() -> None:
    forms = written_forms(["United Nations Population Fund", "World Bank"], [("United Nations", "UN")])
    assert forms == ["United Nations Population Fund", "UN Population Fund", "World Bank"]


def test_the_short_form_replaces_only_whole_opening_words() -> None:
    # "United Nationsx ..." and a name that only holds the words later keep their one form
    assert written_forms(["Friends of the United Nations"], [("United Nations", "UN")]) == [
        "Friends of the United Nations"
    ]


def test_a_reference_name_written_with_un_is_that_body(reference) -> None:
    assert reference.lookup_name("UN Population Fund").acronym == "UNFPA"
    assert reference.lookup_name("UN Environment Programme").acronym == "UNEP"
    found = reference.name_pattern.search("Staff of the UN Population Fund visited the camp.")
    assert found is not None and found.group() == "UN Population Fund"


def test_short_forms_come_from_the_data() -> None:
    body = ReferenceOrg(name="Regional Water Board of Kivara", acronym="RWBK")
    lists = {"name_short_forms": [{"long": "Regional Water Board", "short": "RWB"}]}
    ref = make_reference([body], lists, roles=[])
    assert ref.lookup_name("RWB of Kivara") is body
    assert make_reference([body], {}, roles=[]).lookup_name("RWB of Kivara") is None


def test_the_row_keeps_the_name_the_bulletin_writes(blank, reference) -> None:
    orgs = organisations(blank, "Aid workers of the UN Population Fund reached the valley.\n", reference)
    assert [(o.name, o.acronym) for o in orgs] == [("UN Population Fund", "UNFPA")]


def test_two_names_of_one_reference_body_are_one_row(blank, reference) -> None:
    text = "The Security Council met on Monday.\nLater the United Nations Security Council heard the envoy.\n"
    orgs = organisations(blank, text, reference)
    assert [(o.name, o.acronym, o.n_mentions) for o in orgs] == [("Security Council", "UNSC", 2)]


def test_an_acronym_alone_takes_the_reference_name(blank, reference) -> None:
    orgs = organisations(blank, "A convoy of UNFPA reached the valley.\n", reference)
    assert [(o.name, o.acronym) for o in orgs] == [("United Nations Population Fund", "UNFPA")]
