"""Named editions and the parts of a dated activity, in sentences written for these tests (no
bulletin is quoted):

* a capitalised activity name with an edition mark (an ordinal, a year, "annual") is a row even
  when the text only funds or promotes it (pipeline.extract.events.editions);
* an undated activity reported in the past right after one dated by a month or several days
  was part of it and takes its dates (pipeline.extract.events.containers).
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of

from pipeline.core.records import Section
from pipeline.extract.events.editions import named_edition
from pipeline.extract.events.lexicon import load_lexicon
from pipeline.extract.events.phrases import find_phrases
from pipeline.extract.events.tokens import section_text

_GRANTS = (
    "Funding was agreed for these groups.\n\n"
    "Harbour Arts Trust: $900 to promote the 12th Annual Lakeside Lantern Festival.\n\n"
    "Rotary Club: $400 in support of the 2019 Millbrook Charity Fair.\n\n"
    "Bowls Club: $250 to buy new mats for the green."
)


def _names(nlp, bulletin: Bulletin) -> set[str]:
    return {e.name for e in events_of(nlp, bulletin)}


@pytest.mark.parametrize("model", ["blank", "nlp"])
def test_a_named_edition_is_a_row_without_a_date(model: str, request: pytest.FixtureRequest) -> None:
    nlp = spacy.blank("en") if model == "blank" else request.getfixturevalue("nlp")
    names = _names(nlp, Bulletin(_GRANTS, title="Grants awarded"))
    assert {"12th Annual Lakeside Lantern Festival", "2019 Millbrook Charity Fair"} <= names


def _edition(text: str, trigger: str) -> bool:
    section = Section("doc", "doc-s00", None, None, text, 0, len(text), 0, 1, 1)
    st = section_text(section, spacy.blank("en")(text))
    lex = load_lexicon()
    phrases = [p for p in find_phrases(st, lex, set(), set()) if st.lower[p.head] == trigger]
    return any(named_edition(st, p, lex) for p in phrases)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Tickets are on sale for the Third Riverside Book Fair this week.", "fair", True),
        ("We thank the sponsors of the Inaugural Valley Music Festival too.", "festival", True),
        ("Members may bring a friend to the annual festival as usual.", "festival", False),  # no name
        ("Our choir sang at a festival in 2019 and loved it.", "festival", False),  # year outside
        ("Festival 2021 was a success for all of us.", "festival", False),  # opens the sentence
        ("The trust, at its Fifth Meeting, approved the budget.", "meeting", False),  # a body's sitting
    ],
)
def test_an_edition_needs_a_capitalised_name_with_its_mark(text: str, trigger: str, expected: bool) -> None:
    assert _edition(text, trigger) is expected


def _conference(nlp, sequel: str) -> dict[str, tuple[date | None, date | None]]:
    body = f"The Coastal Science Congress took place in Bergen in June 2024, with 300 delegates.\n{sequel}"
    bulletin = Bulletin(
        body,
        title="Looking back",
        dates=[("in June 2024", "2024-06-01", "2024-06-30", "month")],
        places=[("Bergen", "city", "NO")],
    )
    return {e.name: (e.start_date, e.end_date) for e in events_of(nlp, bulletin)}


def test_a_part_reported_after_a_dated_congress_takes_its_month(nlp) -> None:
    got = _conference(nlp, "The Ocean Data Group hosted the fourth Tidal Modelling Workshop.")
    assert got["fourth Tidal Modelling Workshop"] == (date(2024, 6, 1), date(2024, 6, 30))


def test_another_of_the_containers_kind_is_not_its_part(nlp) -> None:
    got = _conference(nlp, "The previous Coastal Science Congress was held in Lisbon.")
    assert got["previous Coastal Science Congress"] == (None, None)


def test_a_one_day_activity_holds_no_parts(nlp) -> None:
    body = (
        "The Heritage Open Day took place on 14 September, with 80 visitors.\n"
        "Volunteers hosted the second Quarry Lane Lantern Workshop."
    )
    bulletin = Bulletin(body, dates=[day("on 14 September", "2024-09-14")])
    got = {e.name: e.start_date for e in events_of(nlp, bulletin)}
    assert got["second Quarry Lane Lantern Workshop"] is None


def test_another_years_edition_is_a_row_beside_the_dated_one(nlp) -> None:
    body = (
        "The yearly canal cleanup is on Saturday, June 6, at the lock.\n"
        "Last year's cleanup brought 45 volunteers and 80 bags of rubbish."
    )
    bulletin = Bulletin(body, title="Canal news", dates=[day("on Saturday, June 6", "2026-06-06")])
    got = {e.name: e.start_date for e in events_of(nlp, bulletin)}
    assert got["year's cleanup"] is None
    assert date(2026, 6, 6) in got.values()


def test_this_years_edition_is_the_one_the_section_dates(nlp) -> None:
    body = (
        "The committee thanks all who made this year's Riverside Fair a success.\n"
        "The Riverside Fair took place on 12 July with 30 stalls."
    )
    bulletin = Bulletin(body, title="Fair report", dates=[day("on 12 July", "2026-07-12")])
    got = [(e.name, e.start_date) for e in events_of(nlp, bulletin)]
    assert got == [("Riverside Fair", date(2026, 7, 12))]


def test_this_years_named_activity_without_a_date_is_a_row(nlp) -> None:
    body = "As chair, I thank every singer who made this year's Summer Concert such a success."
    got = {e.name for e in events_of(nlp, Bulletin(body, title="From the chair"))}
    assert got == {"Summer Concert"}
