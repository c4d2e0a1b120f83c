"""Whose date, and which activity: "the 4 June event" is the activity named before it, an
activity "carried out" took place, and a sentence whose subject is some other thing ("a clinic
will run ... on 14 May") does not date the activity named before it. Openings, farmers' markets
and vaccination clinics are activity words. The sentences are made up for these tests; no
bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of, one_event


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("The 4 June event was the last of a series of five.", "4 June"),
        ("The June 4 workshop drew forty people.", "June 4"),
    ],
)  # fmt: skip
def test_a_dated_mention_after_the_article_is_the_named_activity(sentence: str, when: str) -> None:
    bulletin = Bulletin(
        "Hillside College hosted the closing Lakeland Grants Officers Network workshop in its hall. "
        + sentence,
        title="Network news",
        dates=[day(when, "2025-06-04")],
    )
    event = one_event(spacy.blank("en"), bulletin)
    workshop = "closing Lakeland Grants Officers Network workshop"
    assert (event.name, event.start_date) == (workshop, date(2025, 6, 4))


def test_a_date_alone_before_the_trigger_is_no_article() -> None:
    # No article before the date: nothing points back to the workshop, so the meeting is its own.
    bulletin = Bulletin(
        "Hillside College hosted the closing Lakeland Grants Officers Network workshop in its hall. "
        "On 4 June board members met again.",
        title="Network news",
        dates=[day("4 June", "2025-06-04")],
    )
    names = [e.name for e in events_of(spacy.blank("en"), bulletin)]
    assert "closing Lakeland Grants Officers Network workshop" in names


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("A seed distribution was carried out in Moyale for 250 households.", "seed distribution"),
        ("The district team carried out a seed distribution in Moyale last month.", "seed distribution"),
    ],
)  # fmt: skip
def test_an_activity_carried_out_took_place(nlp, body: str, name: str) -> None:
    bulletin = Bulletin(body, title="Response", places=[("Moyale", "city", "KE")])
    event = one_event(nlp, bulletin)
    assert (event.name, event.start_date) == (name, None)


def test_an_activity_only_planned_to_be_carried_out_is_no_row(nlp) -> None:
    bulletin = Bulletin("A seed distribution will be carried out once the roads reopen.", title="Response")
    assert events_of(nlp, bulletin) == []


def test_a_sentence_about_another_thing_does_not_date_the_activity_before(nlp) -> None:
    bulletin = Bulletin(
        "The walking club held its spring picnic on 3 May. "
        "The new pharmacy will run from the old post office from 14 May.",
        title="Club news",
        dates=[day("3 May", "2026-05-03"), day("14 May", "2026-05-14")],
    )
    assert [(e.name, e.start_date) for e in events_of(nlp, bulletin)] == [("spring picnic", date(2026, 5, 3))]


def test_a_sentence_with_no_subject_of_its_own_still_dates_the_activity_before(nlp) -> None:
    bulletin = Bulletin(
        "Members are invited to the Harbour Users Forum. It will be held on 14 May at the yacht club.",
        title="Club news",
        dates=[day("14 May", "2026-05-14")],
    )
    (event,) = events_of(nlp, bulletin)
    assert (event.name, event.start_date) == ("Harbour Users Forum", date(2026, 5, 14))


@pytest.mark.parametrize(
    ("body", "name", "event_type"),
    [
        ("The official opening of the new playground took place on 9 May.",
         "official opening of the new playground", "ceremony"),
        ("The farmers' market will be back in the square on 9 May.", "farmers' market", "fair"),
        ("A free vaccination clinic will be held at the surgery on 9 May.",
         "free vaccination clinic", "campaign"),
    ],
)  # fmt: skip
def test_activity_words_of_town_newsletters(nlp, body: str, name: str, event_type: str) -> None:
    bulletin = Bulletin(body, title="Around town", dates=[day("9 May", "2026-05-09")])
    event = one_event(nlp, bulletin)
    assert (event.name, event.event_type, event.start_date) == (name, event_type, date(2026, 5, 9))


@pytest.mark.parametrize(
    "sentence",
    [
        "The activity was organised by the volunteer lifeguards on 14 May.",
        "It will be held on 14 May at the yacht club.",
    ],
)
def test_a_subject_that_stands_for_the_activity_still_dates_it(nlp, sentence: str) -> None:
    bulletin = Bulletin(
        "Six pupils took part in the Harbour Rescue Open Day. " + sentence,
        title="Club news",
        dates=[day("14 May", "2026-05-14")],
    )
    (event,) = events_of(nlp, bulletin)
    assert event.start_date == date(2026, 5, 14)


def test_an_activity_in_a_relative_clause_takes_no_date_of_the_main_clause(nlp) -> None:
    bulletin = Bulletin(
        "Former treasurer Alan Brooks, who organised the 2011 Harvest Dinner, retired on 2 March.",
        title="Members",
        dates=[day("2 March", "2026-03-02")],
        people=["Alan Brooks"],
    )
    assert all(e.start_date is None for e in events_of(nlp, bulletin))


def test_an_activity_whose_relative_clause_holds_the_date_keeps_it(nlp) -> None:
    bulletin = Bulletin(
        "Our thanks go to everyone who helped at the Harvest Dinner, which was held on 2 March.",
        title="Members",
        dates=[day("2 March", "2026-03-02")],
    )
    events = events_of(nlp, bulletin)
    assert [(e.name, e.start_date) for e in events] == [("Harvest Dinner", date(2026, 3, 2))]


@pytest.mark.parametrize(
    "sentence",
    [
        "Registration for the Coastal Planning Forum opens on 2 March; the Forum itself is on 9 April.",
        "Bookings for the Coastal Planning Forum open on 2 March. The Forum will be held on 9 April.",
    ],
)
def test_the_day_registration_opens_is_no_day_of_the_activity(nlp, sentence: str) -> None:
    bulletin = Bulletin(
        sentence, title="Members", dates=[day("2 March", "2026-03-02"), day("9 April", "2026-04-09")]
    )
    assert [(e.name, e.start_date) for e in events_of(nlp, bulletin)] == [
        ("Coastal Planning Forum", date(2026, 4, 9))
    ]


def test_nominations_screened_are_an_activity_of_their_own(nlp) -> None:
    bulletin = Bulletin(
        "Entries were judged between 3 and 5 March by a panel of the Heritage Society.",
        title="Awards",
        dates=[day("between 3 and 5 March", "2026-03-03", "2026-03-05")],
    )
    assert all(e.start_date == date(2026, 3, 3) for e in events_of(nlp, bulletin))


def test_an_activity_followed_by_another_shares_its_day(nlp) -> None:
    bulletin = Bulletin(
        "The annual meeting will be held on 9 May in the library, followed by a talk on local birds.",
        title="Club news",
        dates=[day("9 May", "2026-05-09")],
    )
    events = events_of(nlp, bulletin)
    assert sorted((e.event_type, e.start_date) for e in events) == [
        ("lecture", date(2026, 5, 9)),
        ("meeting", date(2026, 5, 9)),
    ]


def test_a_participle_after_a_comma_is_no_activity(nlp) -> None:
    bulletin = Bulletin(
        "The spring working bee is on Sunday 11 March, meeting at the boat ramp at 9am.",
        title="Club news",
        dates=[day("Sunday 11 March", "2026-03-11")],
    )
    assert [e.event_type for e in events_of(nlp, bulletin)] == ["work party"]


def test_the_next_one_is_the_activity_named_before(nlp) -> None:
    bulletin = Bulletin(
        "Nine volunteers came to the February working bee on the dunes. Our next one is on Sunday 11 March.",
        title="Club news",
        dates=[day("Sunday 11 March", "2026-03-11")],
    )
    events = events_of(nlp, bulletin)
    assert [(e.event_type, e.start_date) for e in events if e.start_date] == [
        ("work party", date(2026, 3, 11))
    ]
