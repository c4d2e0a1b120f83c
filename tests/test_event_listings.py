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
from pipeline.extract.events.agenda import agenda_label
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
