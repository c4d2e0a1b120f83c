"""Words of community bulletins: a litter pick is a work party, a town hall named as a venue is
no meeting, a heading about an activity's background is no activity, and a "leçon inaugurale" is
a lecture. The sentences are made up for these tests; no bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of

from pipeline.extract.events import find_events
from pipeline.extract.events.lexicon import load_lexicon


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("The residents' group is organising a litter pick along the canal on Saturday 14 March.",
         "litter pick"),
        ("A village litter-picking took place on Saturday 14 March.", "village litter-picking"),
        ("The scouts held their spring litterpick on Saturday 14 March.", "spring litterpick"),
    ],
)  # fmt: skip
def test_a_litter_pick_is_a_work_party(body: str, name: str) -> None:
    bulletin = Bulletin(body, title="Around the village", dates=[day("Saturday 14 March", "2026-03-14")])
    (event,) = events_of(spacy.blank("en"), bulletin)
    assert (event.name, event.event_type, event.start_date) == (name, "work party", date(2026, 3, 14))


@pytest.mark.parametrize("heading", ["Conference Background", "Workshop background"])
def test_a_heading_on_an_activitys_background_is_no_activity(heading: str) -> None:
    bulletin = Bulletin("The series began in 2012 and has grown every year since.", title=heading)
    assert events_of(spacy.blank("en"), bulletin) == []


def test_a_town_hall_named_as_a_venue_is_no_meeting() -> None:
    bulletin = Bulletin(
        "The repair cafe is back.\n- At Town Hall: Saturday 14 March",
        title="Around the village",
        dates=[day("Saturday 14 March", "2026-03-14")],
    )
    assert all(e.name != "Town Hall" for e in events_of(spacy.blank("en"), bulletin))


def test_an_inaugural_lecture_in_french() -> None:
    bulletin = Bulletin(
        "La leçon inaugurale de la chaire d'écologie aura lieu le 3 mars à Lyon.",
        title="Nominations",
        dates=[day("le 3 mars", "2026-03-03")],
        places=[("Lyon", "city", "FR")],
    )
    section = bulletin.section()
    events = find_events(
        "doc", [section], [spacy.blank("fr")(section.text)], *bulletin.records(), load_lexicon("fr"), "fr"
    )
    assert [(e.event_type, e.start_date, e.city) for e in events] == [("lecture", date(2026, 3, 3), "Lyon")]
    assert events[0].name.startswith("leçon inaugurale")
