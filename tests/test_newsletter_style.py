"""Volunteer-newsletter style (English, real model): clubs named by their head word, the office
a member "acted as", and a public service that stays a minister's portfolio.

Sentences are written for these tests; no bulletin's wording is copied.
"""

from __future__ import annotations

import pytest

from pipeline.core.records import DocumentText
from pipeline.extract.nlp import parse_sections
from pipeline.extract.organisations import find_organisations
from pipeline.extract.people import find_people
from pipeline.extract.reference.organisations import load_org_reference
from pipeline.structure.sections import find_sections


def _stages(nlp, text: str):
    sections = find_sections("doc", DocumentText("newsletter.txt", text))
    docs = parse_sections(nlp, sections)
    orgs, mentions = find_organisations("doc", sections, docs, load_org_reference())
    located = [(m.char_start, m.entity_id) for m in mentions]
    people, _ = find_people("doc", sections, docs, orgs, org_mentions=located)
    return orgs, people


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "The Riverbend Bushwalking Club and Hollow Creek Council joined the clean-up.",
            "Riverbend Bushwalking Club",
        ),
        ("Grants came from the Rotary Club of Wagga and the shire.", "Rotary Club of Wagga"),
    ],
)
def test_clubs_are_bodies(nlp, text: str, body: str) -> None:
    orgs, _ = _stages(nlp, text)
    assert body in {o.name for o in orgs}


def test_a_ranger_of_a_group_has_it_as_organisation(nlp) -> None:
    _, people = _stages(
        nlp, "We were joined by ranger Tessa Moorcroft of the Hollow Creek Landcare Group at the gate."
    )
    tessa = next(p for p in people if p.name == "Tessa Moorcroft")
    assert (tessa.role, tessa.organisation) == ("ranger", "Hollow Creek Landcare Group")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Nominations closed on Friday. Odile acted as returning officer and nothing changed.",
            "Odile",
            "returning officer",
        ),
        (
            "At the meeting, Rhona Petersen served as the secretary for the evening.",
            "Rhona Petersen",
            "secretary",
        ),
    ],
)
def test_the_office_a_member_acted_as(nlp, text: str, name: str, role: str) -> None:
    _, people = _stages(nlp, text)
    assert {(p.name, p.role) for p in people} >= {(name, role)}


@pytest.mark.parametrize(
    ("text", "role", "organisation"),
    [
        (
            "Ms. Ama Boateng, Minister of Public Service of Kenya, opened the forum.",
            "Minister of Public Service",
            "Kenya",
        ),
        (
            "Mr. Tan Wei, Director-General of Civil Service, opened the forum.",
            "Director-General of Civil Service",
            None,
        ),
    ],
)
def test_a_public_service_is_a_portfolio_not_a_body(
    nlp, text: str, role: str, organisation: str | None
) -> None:
    _, people = _stages(nlp, text)
    assert [(p.role, p.organisation) for p in people] == [(role, organisation)]
