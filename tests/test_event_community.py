"""Words of community bulletins: a litter pick is a work party, a town hall named as a venue is
no meeting, a heading about an activity's background is no activity, a "leçon inaugurale" is a
lecture, and an activity placed nowhere takes the country of a bulletin whose places almost all lie
in one. The sentences are made up for these tests; no bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day, events_of

from pipeline.core.records import DateMention, Mention, Place, Section
from pipeline.extract.events import find_events
from pipeline.extract.events.lexicon import load_lexicon
from pipeline.extract.events.places import home_country


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


# ------------------------------------------------------------------ a bulletin's own country


def _place(name: str, country: str | None) -> Place:
    return Place("doc", f"p-{name}", name, "city", country, None, None, 1)


def _mentions(names: list[str]) -> list[Mention]:
    return [
        Mention("doc", "doc-s01", f"m{n}", "PLACE", name, n, n + 1, f"p-{name}", 1)
        for n, name in enumerate(names)
    ]


@pytest.mark.parametrize(
    ("named", "home"),
    [
        (["Ballarat", "Ballarat", "Geelong"], "AU"),
        (["Ballarat", "Ballarat", "Geelong", "Auckland"], None),  # 3 of 4: not almost only
        (["Ballarat", "Geelong"], None),  # too few to tell
        ([], None),
    ],
)
def test_the_country_a_bulletin_is_about(named: list[str], home: str | None) -> None:
    places = [_place("Ballarat", "AU"), _place("Geelong", "AU"), _place("Auckland", "NZ")]
    assert home_country(places, _mentions(named)) == home


def test_an_activity_placed_nowhere_takes_the_bulletins_country() -> None:
    text = "1. Club news\n\nThe AGM was held on 4 May.\n\n2. Around town\n\nBallarat, Ballarat and Geelong."
    first = Section("doc", "doc-s01", 1, "Club news", text[: text.index("2.")], 0, text.index("2."), 12, 1, 1)
    second = Section(
        "doc", "doc-s02", 2, "Around town", text[text.index("2.") :], text.index("2."), len(text), 14, 1, 1
    )
    at = text.index("on 4 May")
    when = date(2026, 5, 4)
    dates = [DateMention("doc", "doc-s01", "d0", "on 4 May", when, when, "day", False, None, at, at + 8)]
    places = [_place("Ballarat", "AU"), _place("Geelong", "AU")]
    mentions = [
        Mention(
            "doc",
            "doc-s02",
            f"m{k}",
            "PLACE",
            name,
            text.index(name, start),
            text.index(name, start) + len(name),
            f"p-{name}",
            1,
        )
        for k, (name, start) in enumerate(
            [
                ("Ballarat", second.char_start),
                ("Ballarat", text.rindex("Ballarat")),
                ("Geelong", second.char_start),
            ]
        )
    ]
    blank = spacy.blank("en")
    events = find_events(
        "doc", [first, second], [blank(first.text), blank(second.text)], dates, places, mentions, [], []
    )
    assert [(e.name, e.country_code) for e in events] == [("AGM", "AU")]
