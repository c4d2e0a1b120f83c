"""Events of bulletins that state no issue date, in sentences written for these tests (no
bulletin is quoted):

* a day named without a year takes the year the bulletin states, or the nearest one in which
  its written weekday fits, so the activity it dates has a start (pipeline.extract.dates);
* a trigger that only modifies the people or things of an activity ("the gala coordinators",
  "fair tickets") is no mention of it, so the date goes to the activity the clause names;
* a date in the aside that closes an activity's name ("the Forum (Lyon, 11-12 April)") is that
  activity's, not the one named after it.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of

from pipeline.core.records import Section
from pipeline.extract.dates import find_dates
from pipeline.extract.events.lexicon import load_lexicon


def test_an_activity_of_a_bulletin_without_issue_date_gets_the_weekday_year() -> None:
    body = "Founded in 2019, our choir sings for charity. The spring concert is on Friday, May 8, at a mill."
    section = Section("doc", "doc-s00", None, None, body, 0, len(body), 0, 1, 1)
    found = find_dates("doc", [section], [spacy.blank("en")(body)], None)
    (mention,) = [m for m in found if m.granularity == "day"]
    # 8 May is a Friday in 2020, the nearest such year to 2019
    got = (mention.text, mention.start_date, mention.inferred_parts)
    assert got == ("on Friday, May 8", date(2020, 5, 8), "year")
    bulletin = Bulletin(body, dates=[day("on Friday, May 8", "2020-05-08")])
    (event,) = events_of(spacy.blank("en"), bulletin)
    assert (event.name, event.start_date) == ("spring concert", date(2020, 5, 8))


@pytest.mark.parametrize("word", ["coordinators", "sponsors", "volunteers", "tickets", "posters"])
def test_a_trigger_that_modifies_the_people_or_things_of_an_activity_is_no_mention(word: str) -> None:
    assert word in load_lexicon().not_event_before


def _aside_days(nlp) -> set[tuple[str, date | None, date | None]]:
    body = (
        "Spring is busy: the Regional Heritage Forum (Angers, 16-17 April), "
        "a colloquium on river trade (Blois, 15-16 April) and a summer school (Orléans, 2-6 June)."
    )
    bulletin = Bulletin(
        body,
        title="Coming up",
        dates=[
            day("16-17 April", "2026-04-16", "2026-04-17"),
            day("15-16 April", "2026-04-15", "2026-04-16"),
            day("2-6 June", "2026-06-02", "2026-06-06"),
        ],
    )
    return {(e.event_type, e.start_date, e.end_date) for e in events_of(nlp, bulletin)}


def test_a_date_in_the_aside_closing_a_name_is_that_activitys() -> None:
    got = _aside_days(spacy.blank("en"))
    assert ("forum", date(2026, 4, 16), date(2026, 4, 17)) in got
    assert ("colloquium", date(2026, 4, 15), date(2026, 4, 16)) in got
    assert ("forum", date(2026, 4, 15), date(2026, 4, 16)) not in got


@pytest.mark.model
def test_a_date_in_the_aside_closing_a_name_is_that_activitys_with_the_parse(nlp) -> None:
    got = _aside_days(nlp)
    assert ("forum", date(2026, 4, 16), date(2026, 4, 17)) in got
    assert ("colloquium", date(2026, 4, 15), date(2026, 4, 16)) in got


GATHERING = (
    "The choir will hold its AGM in the church hall this summer. "
    "We are meeting on Friday 9 July at 8 p.m."
)


@pytest.mark.model
def test_a_group_meeting_dates_the_activity_named_before_with_the_parse(nlp) -> None:
    bulletin = Bulletin(GATHERING, title="Choir news", dates=[day("on Friday 9 July", "2027-07-09")])
    dated = [(e.name, e.start_date) for e in events_of(nlp, bulletin) if e.start_date]
    assert dated == [("AGM", date(2027, 7, 9))]
    # a group of its own meets: its day is not the AGM's
    other = GATHERING.replace("We are meeting", "The reading circle meets")
    bulletin = Bulletin(other, title="Choir news", dates=[day("on Friday 9 July", "2027-07-09")])
    assert [e for e in events_of(nlp, bulletin) if e.name == "AGM" and e.start_date] == []


@pytest.mark.parametrize(
    ("body", "date_text", "kind"),
    [
        ("The health team carried out a joint inspection of the camps on 4 March.", "on 4 March",
         "inspection"),
        ("A reconnaissance flight left the capital on 4 March to survey the islands.", "on 4 March",
         "mission"),
    ],
)  # fmt: skip
def test_inspections_and_reconnaissance_flights_are_activities(body: str, date_text: str, kind: str) -> None:
    bulletin = Bulletin(body, title="Response", dates=[day(date_text, "2027-03-04")])
    kinds = {(e.event_type, e.start_date) for e in events_of(spacy.blank("en"), bulletin)}
    assert (kind, date(2027, 3, 4)) in kinds


@pytest.mark.model
def test_a_day_in_a_verbless_list_item_is_not_another_items(nlp) -> None:
    body = (
        "May: work party at the pond early in the month; May 9th, Heritage Trails Day (path "
        "clearing); craft fair at the depot in mid-month."
    )
    bulletin = Bulletin(body, title="Helpers needed", dates=[day("May 9th", "2027-05-09")])
    dated = [(e.name, e.start_date) for e in events_of(nlp, bulletin) if e.start_date]
    assert dated == [], dated
