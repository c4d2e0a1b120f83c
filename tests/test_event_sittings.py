"""A body named with the day it sat ("le Conseil du 3 février", "conseil communautaire du 9 mars
2027") is that sitting; a body alone, or one that the name of an activity already holds, is
not. The sentences are made up for these tests; no bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day

from pipeline.core.records import Event
from pipeline.extract.events import find_events
from pipeline.extract.events.lexicon import load_lexicon


def _french_events(nlp, bulletin: Bulletin) -> list[Event]:
    section = bulletin.section()
    return find_events("doc", [section], [nlp(section.text)], *bulletin.records(), load_lexicon("fr"), "fr")


@pytest.mark.parametrize(
    ("body", "piece", "iso", "name"),
    [
        ("Le cabinet a présenté le projet de zonage lors du Conseil du 3 février.", "du 3 février",
         "2027-02-03", "Conseil du 3 février"),
        ("Le compte rendu du conseil communautaire du 9 mars 2027 est approuvé à l'unanimité.",
         "9 mars 2027", "2027-03-09", "conseil communautaire du 9 mars 2027"),
    ],
)  # fmt: skip
def test_a_body_named_with_its_day_is_its_sitting(body: str, piece: str, iso: str, name: str) -> None:
    bulletin = Bulletin(body, title="Vie municipale", dates=[day(piece, iso)])
    events = _french_events(spacy.blank("fr"), bulletin)
    assert [(e.name, e.event_type, e.start_date) for e in events] == [
        (name, "meeting", date.fromisoformat(iso))
    ]


def test_a_body_without_its_day_is_no_sitting() -> None:
    body = "Le conseil municipal a voté le budget de la cantine, qui entre en vigueur le 3 février."
    bulletin = Bulletin(body, title="Vie municipale", dates=[day("le 3 février", "2027-02-03")])
    assert [e for e in _french_events(spacy.blank("fr"), bulletin) if e.event_type == "meeting"] == []


def test_a_body_the_name_of_an_activity_holds_is_left_to_it() -> None:
    body = "La réunion du conseil municipal du 3 février 2027 a porté sur le budget."
    bulletin = Bulletin(body, title="Vie municipale", dates=[day("3 février 2027", "2027-02-03")])
    events = _french_events(spacy.blank("fr"), bulletin)
    assert [(e.event_type, e.start_date) for e in events] == [("meeting", date(2027, 2, 3))]
    assert events[0].name.startswith("réunion du conseil municipal")


def test_english_names_no_sitting_bodies() -> None:
    assert load_lexicon("en").sitting_bodies == ()
    assert ("conseil", "municipal") in load_lexicon("fr").sitting_bodies


@pytest.mark.parametrize(
    ("body", "piece", "iso", "name"),
    [
        ("Le procès-verbal de la séance du 4 mars 2027 est adopté sans remarque.", "4 mars 2027",
         "2027-03-04", "séance du 4 mars 2027"),
        # a name that says more than its trigger keeps its own words
        ("La séance publique se tiendra le 4 mars 2027 en mairie.", "le 4 mars 2027", "2027-03-04",
         "séance publique"),
    ],
)  # fmt: skip
def test_a_sitting_named_by_its_trigger_alone_takes_its_day(
    body: str, piece: str, iso: str, name: str
) -> None:
    bulletin = Bulletin(body, title="Vie municipale", dates=[day(piece, iso)])
    (event,) = _french_events(spacy.blank("fr"), bulletin)
    assert (event.name, event.start_date) == (name, date.fromisoformat(iso))


def test_a_span_is_no_day_that_names_a_sitting() -> None:
    body = "La mission du 9 au 11 mars 2027 a visité trois villages."
    bulletin = Bulletin(
        body, title="Terrain", dates=[day("du 9 au 11 mars 2027", "2027-03-09", "2027-03-11")]
    )
    (event,) = _french_events(spacy.blank("fr"), bulletin)
    assert (event.name, event.start_date, event.end_date) == ("mission", date(2027, 3, 9), date(2027, 3, 11))


@pytest.mark.parametrize(
    ("body", "piece", "iso"),
    [
        ("Date de convocation du conseil municipal : le 2 mars 2027.", "le 2 mars 2027", "2027-03-02"),
        (
            "Au conseil municipal\nLe 2 mars 2027, les élus ont voté le budget.",
            "Le 2 mars 2027",
            "2027-03-02",
        ),
    ],
)
def test_a_body_and_a_day_apart_are_no_sitting(body: str, piece: str, iso: str) -> None:
    bulletin = Bulletin(body, title="Vie municipale", dates=[day(piece, iso)])
    assert [e for e in _french_events(spacy.blank("fr"), bulletin) if e.event_type == "meeting"] == []


def test_a_sitting_and_the_council_meeting_that_day_are_one_row() -> None:
    body = (
        "Le conseil municipal du 9 mars 2027 s'est réuni à la mairie. Les élus se sont réunis le 9 mars 2027."
    )
    bulletin = Bulletin(
        body,
        title="Vie municipale",
        dates=[day("9 mars 2027", "2027-03-09"), ("le 9 mars 2027", "2027-03-09", "2027-03-09", "day")],
    )
    events = _french_events(spacy.blank("fr"), bulletin)
    assert [(e.name, e.start_date) for e in events] == [
        ("conseil municipal du 9 mars 2027", date(2027, 3, 9))
    ]
