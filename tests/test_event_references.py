"""Activities named in passing that still take place: one named inside a date's own words ("May
work party: Sat 9"), one named as the time of another ("just after the Regional Partners
Meeting"), and several held together ("have been running some clinics with local growers"). The
sentences are made up for these tests; no bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of

from pipeline.extract.events.lexicon import load_lexicon
from pipeline.extract.events.tokens import blocked_tokens, named_in_dates, section_text

# ------------------------------------------------------------------ an activity inside a date's words


def test_the_activity_a_date_spans_is_not_blocked() -> None:
    text = "July work party: Sat 11, Red Hill"
    bulletin = Bulletin(text, title=None)
    st = section_text(bulletin.section(), spacy.blank("en")(text))
    blocked = blocked_tokens(st, [(0, text.index(","))])
    named = named_in_dates(st, blocked, load_lexicon().triggers)
    assert [st.tokens[k].text for k in sorted(named)] == ["July", "work", "party"]


def test_a_date_with_no_activity_in_its_words_stays_blocked() -> None:
    text = "Saturday 11 July, Red Hill"
    st = section_text(Bulletin(text, title=None).section(), spacy.blank("en")(text))
    blocked = blocked_tokens(st, [(0, text.index(","))])
    assert named_in_dates(st, blocked, load_lexicon().triggers) == frozenset()


@pytest.mark.parametrize("model", ["blank", "real"])
def test_a_listing_line_read_whole_as_a_date_dates_its_activity(model: str, request) -> None:
    nlp = spacy.blank("en") if model == "blank" else request.getfixturevalue("nlp")
    bulletin = Bulletin(
        "Work party: Sunday 14 June 2026, Quarry Lane\n\nJuly work party: Sat 11, Red Hill\n\nBring gloves.",
        title="Diary",
        dates=[day("Sunday 14 June 2026", "2026-06-14"), day("July work party: Sat 11", "2026-07-11")],
    )
    rows = {e.start_date: e.name for e in events_of(nlp, bulletin)}
    assert rows[date(2026, 7, 11)] == "July work party"
    assert date(2026, 6, 14) in rows


# ------------------------------------------------------------------ an activity named as a time


@pytest.mark.parametrize("model", ["blank", "real"])
def test_a_named_activity_that_times_another_is_a_row(model: str, request) -> None:
    nlp = spacy.blank("en") if model == "blank" else request.getfixturevalue("nlp")
    bulletin = Bulletin(
        "The board retreat was held on 4-6 May in Lyon, just after the Regional Partners Meeting. "
        "A dinner for volunteers is planned on 9 September 2027 in Porto, the day before the Opening "
        "Ceremony of the 12th World Congress on Soils.",
        title="Board news",
        dates=[day("on 4-6 May", "2026-05-04", "2026-05-06"), day("on 9 September 2027", "2027-09-09")],
        places=[("Lyon", "city", "FR"), ("Porto", "city", "PT")],
    )
    rows = {e.name: (e.start_date, e.city) for e in events_of(nlp, bulletin)}
    assert rows["Regional Partners Meeting"] == (None, "Lyon")
    assert rows["Opening Ceremony of the 12th World Congress on Soils"] == (None, "Porto")
    assert (date(2027, 9, 9), "Porto") in rows.values()  # the dinner, however the parse names it


@pytest.mark.parametrize(
    "body",
    [
        "The committee met on 4 May after the meeting of the board.",  # no proper name
        "The committee met on 4 May, after the long workshop.",
        "The committee met on 4 May before lunch.",
    ],
)
def test_an_unnamed_activity_that_times_another_is_no_row(body: str) -> None:
    bulletin = Bulletin(body, title="Board news", dates=[day("on 4 May", "2026-05-04")])
    assert [e.start_date for e in events_of(spacy.blank("en"), bulletin)] == [date(2026, 5, 4)]


def test_an_activity_named_as_a_time_in_french() -> None:
    lex = load_lexicon("fr")
    assert ("à", "la", "veille", "du") in lex.reference_cues
    assert ("after",) in lex.reference_cues  # the English cues stay: bulletins mix languages


# ------------------------------------------------------------------ several activities held together


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Our rangers have been holding some workshops with local farmers to discuss weed control. "
         "The harvest was good.", "workshops with local farmers"),
        ("Last term the centre ran three sessions for new carers. Feedback was positive.",
         "sessions for new carers"),
    ],
)  # fmt: skip
def test_activities_held_in_the_plural_are_one_row(nlp, body: str, name: str) -> None:
    assert [e.name for e in events_of(nlp, Bulletin(body, title="From the chair"))] == [name]


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "The council will hold workshops with residents next year.",  # not yet held
        "The council holds meetings every month.",  # a habit, no activity
        "We held meetings.",  # nothing says which
    ],
)
def test_activities_in_the_plural_not_held_are_no_row(nlp, body: str) -> None:
    assert events_of(nlp, Bulletin(body, title="From the chair")) == []


@pytest.mark.model
def test_activities_in_the_plural_beside_a_dated_one_of_their_kind_are_its_parts(nlp) -> None:
    bulletin = Bulletin(
        "A session for new students took place on 3 March in Ghent. Tutors had run sessions for "
        "their parents before.",
        title="Training",
        dates=[day("on 3 March", "2026-03-03")],
        places=[("Ghent", "city", "BE")],
    )
    events = events_of(nlp, bulletin)
    assert [e.name for e in events] == ["session for new students"]


# ------------------------------------------------------------------ a visit and its purpose


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The Treasurer visited the Mbale branch office on 8 May.", "visit to the Mbale branch office"),
        ("The Treasurer visited the Mbale branch office on 8 May to meet the volunteers.",
         "visit to the Mbale branch office"),
        ("Our chair visited refugees at the Nyakabande transit centre on 8 May.", "visit to refugees"),
    ],
)  # fmt: skip
def test_a_visit_is_named_by_what_was_visited_not_by_its_purpose(nlp, body: str, name: str) -> None:
    bulletin = Bulletin(body, title="Field news", dates=[day("on 8 May", "2026-05-08")])
    assert [(e.name, e.start_date) for e in events_of(nlp, bulletin)] == [(name, date(2026, 5, 8))]


@pytest.mark.model
def test_a_meeting_that_meets_a_target_is_still_no_meeting(nlp) -> None:
    bulletin = Bulletin("The clinic met its vaccination targets on 8 May.", title="Field news",
                        dates=[day("on 8 May", "2026-05-08")])  # fmt: skip
    assert events_of(nlp, bulletin) == []
