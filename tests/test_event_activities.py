"""Activities of volunteer, municipal and humanitarian bulletins: kinds beyond the meeting, names
in the text's words, and activities listed without a date.

Every sentence is written for these tests (names and places invented); none is quoted from a
bulletin. Dates, places and organisations are placed by hand (see ``event_bulletins``).
"""

from __future__ import annotations

from datetime import date

import pytest
from event_bulletins import Bulletin, day, events_of

from pipeline.extract.events.lexicon import load_lexicon, words_of


def _names(nlp, bulletin: Bulletin) -> list[tuple[str, date | None]]:
    return [(e.name, e.start_date) for e in events_of(nlp, bulletin)]


# ------------------------------------------------------------------ the data file


def test_the_data_file_lists_the_new_kinds_and_the_list_cues() -> None:
    lex = load_lexicon()
    assert lex.triggers[words_of("distribution")] == "distribution"
    assert lex.triggers[words_of("grant round")] == "grant round"
    assert words_of("distribution") in lex.weak_triggers
    assert lex.argument_verbs["open"] == "opening"
    assert words_of("such as") in lex.list_cues
    assert lex.list_gerunds["host"] == "visit"
    assert words_of("given by") in lex.organiser_cues


# ------------------------------------------------------------------ names


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        # the topic comes after the venue and the body that gave the activity
        ("On Wednesday I attended a training at the Grand Hotel given by the County Risk Pool on "
         "Liability Claims and Early Warning.", "training on Liability Claims and Early Warning"),
        ("On Wednesday two officers joined a seminar run by the Harbour Safety Board on tide "
         "gauges.", "seminar on tide gauges"),
        # the venue alone, as before
        ("On Wednesday the Director held a public workshop at the Civic Center on the 2 new skate "
         "parks.", "public workshop on the 2 new skate parks"),
    ],
)  # fmt: skip
def test_the_topic_after_the_venue_and_the_organiser(nlp, body: str, name: str) -> None:
    bulletin = Bulletin(body, title=None, dates=[day("On Wednesday", "2025-09-10")])
    assert _names(nlp, bulletin) == [(name, date(2025, 9, 10))]


# ------------------------------------------------------------------ kinds of activity


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "when", "iso", "name"),
    [
        ("On 14 August the Red Cross began the distribution of relief items to families in Dolo.",
         "On 14 August", "2019-08-14", "distribution of relief items"),
        ("The second grant round opens on 1 July.", "on 1 July", "2019-07-01", "second grant round"),
        ("The new community garden was officially opened by the Mayor on 9 July.", "on 9 July",
         "2019-07-09", "opening of the new community garden"),
        ("On 7 July, the Minister opened the new pump station in Mawego.", "On 7 July", "2019-07-07",
         "opening of the new pump station"),
        # a trigger inside a venue's name is no activity: the launch is the row
        ("The Trust launched its new cycling map on 5 July at the Town Hall.", "on 5 July",
         "2019-07-05", "launch of its new cycling map"),
        # a gerund that is the object of the topic's preposition is a noun of the name
        ("The network organised a webinar on data sharing on 14 July.", "on 14 July", "2019-07-14",
         "webinar on data sharing"),
        # a weak trigger is the purpose of the dated verb ("for a nature walk")
        ("On 12 July we hosted 30 pupils from Greenfield School for a nature walk.", "On 12 July",
         "2019-07-12", "nature walk"),
        # a weak trigger of several words hangs on the verb by its first noun
        ("A show and tell about geckos was given to pupils at Seaview School on 7 July.",
         "on 7 July", "2019-07-07", "show and tell about geckos"),
    ],
)  # fmt: skip
def test_kinds_of_activity_beyond_the_meeting(nlp, body: str, when: str, iso: str, name: str) -> None:
    bulletin = Bulletin(body, title="News", dates=[day(when, iso)])
    assert _names(nlp, bulletin) == [(name, date.fromisoformat(iso))]


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "Registration opened on 3 July for all members.",
        "The shop opened its doors on 3 July.",
        "The grant was sent to the distribution list on 3 July.",
    ],
)
def test_no_activity_from_an_opening_or_a_distribution_that_names_none(nlp, body: str) -> None:
    assert _names(nlp, Bulletin(body, title="News", dates=[day("on 3 July", "2019-07-03")])) == []


# ------------------------------------------------------------------ undated activities


@pytest.mark.model
def test_a_meeting_told_in_the_past_beside_an_activity_announced(nlp) -> None:
    bulletin = Bulletin(
        "Prof. Lena Ortiz met with a group of Korean engineers at the Technical College of Brno. "
        "They talked about a new team. The Network is moving ahead with plans for a virtual "
        "meeting in Poland this autumn.",
        title="Network news",
        dates=[("this autumn", "2010-09-01", "2010-11-30", "month")],
        places=[("Poland", "country", "PL")],
        people=["Lena Ortiz"],
    )
    assert _names(nlp, bulletin) == [
        ("virtual meeting", date(2010, 9, 1)),
        ("meeting with a group of Korean engineers", None),
    ]


@pytest.mark.model
def test_a_meeting_reported_during_a_dated_activity_is_part_of_it(nlp) -> None:
    bulletin = Bulletin(
        "The Water Summit was held in Tunis on 8 May. The Minister met with a group of donors.",
        title="Summit",
        dates=[day("on 8 May", "2019-05-08")],
        places=[("Tunis", "city", "TN")],
    )
    assert [n for n, _ in _names(nlp, bulletin)] == ["Water Summit"]


LIST = (
    "The rangers have been busy again with other field tasks, such as re-checking the penguin "
    "colony, hosting Riverside College for coastal ecology lessons, bird counts within Tern Point "
    "Reserve, a fun gecko show and tell at Hilltop School in conjunction with Lizard Watch, gorse "
    "control workshops, on the ground gorse removal as well as new bait mapping."
)


@pytest.mark.model
def test_activities_listed_as_tasks_carried_out(nlp) -> None:
    bulletin = Bulletin(
        LIST,
        title="Field summary",
        orgs=[("Riverside College", None), ("Hilltop School", None), ("Lizard Watch", None)],
        places=[("Tern Point Reserve", "local", "NZ")],
    )
    assert _names(nlp, bulletin) == [
        ("hosting Riverside College for coastal ecology lessons", None),
        ("fun gecko show and tell at Hilltop School", None),
        ("gorse control workshops", None),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        # announced, not carried out
        "The Division will support events such as a regional forum on open data and a training "
        "course for statisticians.",
        # the list is of topics, and a new clause names the meeting
        "Countries reported progress in areas such as youth employment, and the meeting adopted "
        "a declaration.",
    ],
)
def test_no_listed_activity_outside_a_list_told_in_the_past(nlp, body: str) -> None:
    assert _names(nlp, Bulletin(body, title="Plans")) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("We held a very successful plant sale at the nursery, raising over $900.", "successful plant sale"),
        ("A fundraising dinner was held at the Boat Club and raised $2,000.", "fundraising dinner"),
        ("The rangers hosted a school visit from Bayview College.", "school visit"),
        ("The cluster conducted a rapid needs assessment in the camps.", "rapid needs assessment"),
    ],
)
def test_an_undated_activity_carried_out(nlp, body: str, name: str) -> None:
    assert _names(nlp, Bulletin(body, title="News")) == [(name, None)]


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "The Council will hold its monthly meeting in the new hall.",  # not carried out yet
        "The meeting report is available online.",
        "Members discussed the annual dinner.",  # not an organiser's verb
    ],
)
def test_no_undated_activity_that_is_not_carried_out(nlp, body: str) -> None:
    assert _names(nlp, Bulletin(body, title="News")) == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Harbour Trust approved 9 grants at its meeting on 13 July.", "Harbour Trust meeting"),
        ("The Council held its monthly meeting on 13 July.", "Council monthly meeting"),
        # no body to give it to: a pronoun, or a plain noun opening the sentence
        ("We held our meeting on 13 July.", "meeting"),
        ("Volunteers held their annual picnic on 13 July.", "annual picnic"),
    ],
)
def test_an_activity_owned_by_its_or_their_is_named_by_its_owner(nlp, body: str, name: str) -> None:
    bulletin = Bulletin(body, title="News", dates=[day("on 13 July", "2019-07-13")])
    assert _names(nlp, bulletin) == [(name, date(2019, 7, 13))]
