"""Diary lines: a clock time on a line is no label of the activity's name, and a bulleted line of
days (after a short label of place or none) gives the days of the activity named above it. The
sentences are made up for these tests; no bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of

from pipeline.core.records import DateMention
from pipeline.extract.events import find_events
from pipeline.extract.events.agenda import agenda_label, in_day_list
from pipeline.extract.events.lexicon import load_lexicon
from pipeline.extract.events.tokens import section_text


def _label(line: str, piece: str) -> str | None:
    bulletin = Bulletin(line, title=None)
    section = bulletin.section()
    st = section_text(section, spacy.blank("en")(section.text))
    at = line.index(piece)
    when = date(2026, 3, 14)
    mention = DateMention(
        "doc", section.section_id, "d0", piece, when, when, "day", False, None, at, at + len(piece)
    )
    found = agenda_label(st, mention)
    return line[found[0] : found[1]].strip() if found else None


@pytest.mark.parametrize(
    ("line", "piece", "label"),
    [
        ("March 14, 2026 @ 9:30 am – 11:30 am", "March 14, 2026", None),
        ("Saturday 14 March, 10am-12pm: Bulb planting", "Saturday 14 March", "Bulb planting"),
        ("14 March 19h30 : Concert de printemps", "14 March", "Concert de printemps"),
        ("14 March: Plant sale", "14 March", "Plant sale"),
    ],
)  # fmt: skip
def test_the_marks_of_clock_times_are_no_labels(line: str, piece: str, label: str | None) -> None:
    assert _label(line, piece) == label


def test_a_diary_line_with_only_times_names_no_activity() -> None:
    bulletin = Bulletin(
        "March 14, 2026 @ 9:30 am – 11:30 am\nVillage hall\n\nPlease bring gloves.",
        title="Spring tidy",
        dates=[day("March 14, 2026", "2026-03-14")],
    )
    assert all("am" not in e.name.split() for e in events_of(spacy.blank("en"), bulletin))


_DAYS = [day("April 16", "2026-04-16"), day("June 18", "2026-06-18"), day("May 17", "2026-05-17")]


@pytest.mark.parametrize("model", ["blank", "real"])
@pytest.mark.parametrize(
    "body",
    [
        "The board will hold informal community forums this year.\n- April 16, June 18\n- May 17",
        "The board will hold informal community forums this year.\n- At the Library: April 16 and "
        "June 18\n- At the Old Mill: May 17",
    ],
)
def test_a_bulleted_line_of_days_dates_the_activity_above(body: str, model: str, request) -> None:
    nlp = spacy.blank("en") if model == "blank" else request.getfixturevalue("nlp")
    events = events_of(nlp, Bulletin(body, title="News from the board", dates=_DAYS))
    # (without a tagger the name may take the verb before it: "hold informal community forums")
    dated = sorted((e.start_date.isoformat(), e.name) for e in events if e.start_date)
    assert [d for d, _ in dated] == ["2026-04-16", "2026-05-17", "2026-06-18"]
    assert all(name.endswith("informal community forums") for _, name in dated)


@pytest.mark.parametrize(
    "body",
    [
        # the line says more than its days
        "The board will hold informal community forums this year.\n- April 16: bring the children",
        # a label that says what the day is, not where
        "The board invites papers for its community forums.\n- Notification of acceptance: April 16",
        # a long label is a sentence of its own
        "The board will hold informal community forums this year.\n- Bring your own chairs and a flask "
        "please: April 16",
    ],
)
def test_a_line_that_is_no_list_of_days_gives_no_day_to_the_activity_above(body: str) -> None:
    events = events_of(spacy.blank("en"), Bulletin(body, title="News from the board", dates=_DAYS[:1]))
    assert not any(e.name.endswith("forums") and e.start_date for e in events)


def test_the_days_go_to_a_kind_of_activity_over_the_word_event() -> None:
    bulletin = Bulletin(
        "The board will hold informal community forums this year: relaxed events for all.\n"
        "- At the Library: April 16",
        title="News from the board",
        dates=_DAYS[:1],
    )
    (event,) = [e for e in events_of(spacy.blank("en"), bulletin) if e.start_date]
    assert event.name.endswith("informal community forums")


@pytest.mark.parametrize(
    ("body", "piece"),
    [
        ("Call for abstracts\n3rd Workshop on Coastal Soil Data\nDate: 6 October 2026\nVenue: Split",
         "6 October 2026"),
        ("Appel à communications\nAtelier sur les sols côtiers\nQuand : le 6 octobre 2026\nOù : Split",
         "le 6 octobre 2026"),
    ],
)  # fmt: skip
def test_a_line_labelled_as_the_date_dates_the_activity_above(body: str, piece: str) -> None:
    language = "fr" if "Atelier" in body else "en"
    bulletin = Bulletin(body, title=None, dates=[day(piece, "2026-10-06")])
    section = bulletin.section()
    events = find_events(
        "doc",
        [section],
        [spacy.blank(language)(section.text)],
        *bulletin.records(),
        load_lexicon(language),
        language,
    )
    assert [(e.event_type, e.start_date) for e in events] == [("workshop", date(2026, 10, 6))]


@pytest.mark.parametrize(
    ("line", "listed"),
    [
        ("Date: 6 October 2026", True),
        ("When: 6 October 2026", True),
        ("- At the Old Mill: 6 October 2026", True),
        ("- 6 October 2026", True),
        ("6 October 2026", False),  # no label, no bullet: a dateline
        ("Closing of registrations: 6 October 2026", False),
        ("- Notification of acceptance: 6 October 2026", False),
        ("Date: 6 October 2026, bring a packed lunch", False),
    ],
)
def test_which_lines_list_days(line: str, listed: bool) -> None:
    bulletin = Bulletin(line, title=None, dates=[day("6 October 2026", "2026-10-06")])
    section = bulletin.section()
    st = section_text(section, spacy.blank("en")(section.text))
    (mention,) = bulletin.records()[0]
    assert in_day_list(st, mention, [mention], load_lexicon()) is listed


# ------------------------------------------------------------------ a day as a heading


@pytest.mark.parametrize("model", ["blank", "real"])
def test_a_day_as_a_heading_dates_the_first_activity_of_its_body(model: str, request) -> None:
    nlp = spacy.blank("en") if model == "blank" else request.getfixturevalue("nlp")
    bulletin = Bulletin(
        "Our annual general meeting drew a good crowd, and Ana was re-elected as treasurer. Later "
        "we walked up to the old quarry.",
        title="March 8th",
        dates=[day("March 8th", "2026-03-08")],
    )
    events = events_of(nlp, bulletin)
    assert [(e.event_type, e.start_date) for e in events][:1] == [("meeting", date(2026, 3, 8))]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Club news of March 8th", "Our annual general meeting drew a good crowd."),  # more than a day
        ("March 8th", "The annual general meeting will be held on 2 April."),  # the body dates it
    ],
)
def test_a_heading_with_more_than_a_day_or_a_dated_body_keeps_its_dates(title: str, body: str) -> None:
    dates = [day("March 8th", "2026-03-08")] + ([day("on 2 April", "2026-04-02")] if "April" in body else [])
    events = events_of(spacy.blank("en"), Bulletin(body, title=title, dates=dates))
    assert date(2026, 3, 8) not in [e.start_date for e in events]


def test_a_label_of_place_with_an_apostrophe() -> None:
    line = "- At the Mayor's Home: 6 October 2026"
    bulletin = Bulletin(line, title=None, dates=[day("6 October 2026", "2026-10-06")])
    section = bulletin.section()
    st = section_text(section, spacy.blank("en")(section.text))
    (mention,) = bulletin.records()[0]
    assert in_day_list(st, mention, [mention], load_lexicon())
