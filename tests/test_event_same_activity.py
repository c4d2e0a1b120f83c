"""One activity named twice, and a trigger with other senses dated through the word that
schedules it: failure classes found on fresh bulletins of several publishers (flood assessment
reports, a press agency's note, an association's letter), in sentences written for these tests
(no bulletin is quoted).

* an activity on the same days under two names of different kinds, one naming the other's
  trigger ("the Joint Livestock Review Mission" ... "a joint review");
* a later mention after a demonstrative ("this two-day meeting", "cette rencontre"), which
  points back to the activity named before;
* a date after the word that schedules the activity ("a mission, planned for 3-5 May", "une
  session de mobilisation, prévue du 2 au 7 avril").
"""

from __future__ import annotations

from datetime import date

from event_bulletins import DOC, Bulletin, day, events_of

from pipeline.core.records import Event
from pipeline.extract.events import find_events
from pipeline.extract.events.assemble import _same_activity
from pipeline.extract.events.lexicon import load_lexicon


def french_events(fr_nlp, bulletin: Bulletin) -> list[Event]:
    section = bulletin.section()
    return find_events(DOC, [section], [fr_nlp(section.text)], *bulletin.records(), load_lexicon("fr"), "fr")


def rows(events: list[Event]) -> list[tuple[str, date | None, date | None]]:
    return [(e.name, e.start_date, e.end_date) for e in events]


MARCH_4, MARCH_6 = date(2026, 3, 4), date(2026, 3, 6)


# ------------------------------------------------------------------ the rule on its own


def test_same_days_and_a_trigger_named_in_the_other_name_is_one_activity() -> None:
    mission = ("joint livestock review mission", "mission", MARCH_4, MARCH_6, False, "mission")
    review = ("joint review", "assessment", MARCH_4, MARCH_6, False, "review")
    assert _same_activity(review, mission)
    assert _same_activity(mission, review)


def test_same_days_but_unrelated_names_stay_two_activities() -> None:
    workshop = ("training workshop", "workshop", MARCH_4, MARCH_6, False, "workshop")
    meeting = ("expert group meeting", "meeting", MARCH_4, MARCH_6, False, "meeting")
    assert not _same_activity(meeting, workshop)
    other_days = ("joint review", "assessment", MARCH_6, MARCH_6, False, "review")
    mission = ("joint livestock review mission", "mission", MARCH_4, MARCH_6, False, "mission")
    assert not _same_activity(other_days, mission)


# ------------------------------------------------------------------ with the real model


def test_a_mission_and_its_review_on_the_same_days_are_one_row(nlp) -> None:
    bulletin = Bulletin(
        "The Joint Livestock Review Mission travelled to Harwick County from 4 to 6 March 2026. "
        "Partners carried out a joint review between 4 and 6 March 2026 in the grazing areas.",
        dates=[day("from 4 to 6 March 2026", "2026-03-04", "2026-03-06"),
               day("between 4 and 6 March 2026", "2026-03-04", "2026-03-06")],
        places=[("Harwick County", "area", "GB")],
    )  # fmt: skip
    events = events_of(nlp, bulletin)
    assert len(events) == 1, rows(events)
    assert (events[0].start_date, events[0].end_date) == (MARCH_4, MARCH_6)


def test_two_activities_coordinated_on_the_same_days_stay_two_rows(nlp) -> None:
    bulletin = Bulletin(
        "A Training Workshop and an Expert Group Meeting were held in Linford on 16-17 May 2026.",
        dates=[day("16-17 May 2026", "2026-05-16", "2026-05-17")],
        places=[("Linford", "city", "GB")],
    )
    assert len(events_of(nlp, bulletin)) == 2


def test_this_meeting_after_a_dated_workshop_adds_no_undated_row(nlp) -> None:
    bulletin = Bulletin(
        "A planning workshop for the river basin opened in Carnmore on 9 June 2026. "
        "This two-day meeting of basin officers took place in the council chamber.",
        dates=[day("9 June 2026", "2026-06-09")],
        places=[("Carnmore", "city", "IE")],
    )
    assert rows(events_of(nlp, bulletin)) == [("planning workshop for the river basin", date(2026, 6, 9),
                                               date(2026, 6, 9))]  # fmt: skip


def test_cette_rencontre_after_a_dated_atelier_adds_no_undated_row(fr_nlp) -> None:
    bulletin = Bulletin(
        "Un atelier de planification des secours a débuté le 14 mars 2026 à Mabrouka. "
        "Cette rencontre de trois jours doit permettre de finaliser le plan régional.",
        dates=[day("le 14 mars 2026", "2026-03-14")],
        places=[("Mabrouka", "city", "TD")],
    )
    events = french_events(fr_nlp, bulletin)
    assert [e.start_date for e in events] == [date(2026, 3, 14)], rows(events)


def test_a_french_session_is_dated_after_prevue(fr_nlp) -> None:
    bulletin = Bulletin(
        "Notre session de mobilisation des bénévoles, prévue du 2 au 7 avril 2026 à Corvelle, "
        "compte déjà vingt inscrits.",
        dates=[day("du 2 au 7 avril 2026", "2026-04-02", "2026-04-07")],
        places=[("Corvelle", "city", "FR")],
    )
    events = french_events(fr_nlp, bulletin)
    expected = [(date(2026, 4, 2), date(2026, 4, 7))]
    assert [(e.start_date, e.end_date) for e in events] == expected, rows(events)


def test_an_english_mission_is_dated_after_planned_for(nlp) -> None:
    bulletin = Bulletin(
        "A scoping mission, planned for 3-5 May 2026, will assess the damaged schools in Tarrow.",
        dates=[day("3-5 May 2026", "2026-05-03", "2026-05-05")],
        places=[("Tarrow", "city", "GB")],
    )
    events = events_of(nlp, bulletin)
    expected = [(date(2026, 5, 3), date(2026, 5, 5))]
    assert [(e.start_date, e.end_date) for e in events] == expected, rows(events)


def test_schedule_words_are_data() -> None:
    assert {"planned", "scheduled"} <= load_lexicon().schedule_words
    assert {"prévue", "programmée"} <= load_lexicon("fr").schedule_words
    assert "cette" in load_lexicon("fr").back_references and "this" in load_lexicon().back_references


def test_bare_triggers_joined_inside_one_name_get_no_rows_of_their_own(nlp) -> None:
    bulletin = Bulletin(
        "The Civic Innovation Prize is presented each year on 14 October 2026 as part of the "
        "Civic Innovation Day, Ceremony and Forum in Dunmere.",
        dates=[day("14 October 2026", "2026-10-14")],
        places=[("Dunmere", "city", "IE")],
    )
    names = [e.name for e in events_of(nlp, bulletin)]
    assert len(names) == 1 and "Forum" not in names, names


def test_a_french_evenement_is_dated_but_les_evenements_are_incidents(fr_nlp) -> None:
    planned = Bulletin(
        "Les associations préparent un événement inter-associatif commun le 8 mars 2026 à Corvelle.",
        dates=[day("le 8 mars 2026", "2026-03-08")],
        places=[("Corvelle", "city", "FR")],
    )
    assert rows(french_events(fr_nlp, planned)) == [
        ("événement inter-associatif commun", date(2026, 3, 8), date(2026, 3, 8))
    ]
    for body in (
        "Depuis les événements du 3 mars 2026, la route de Corvelle est fermée.",
        "Les manifestations du 3 mars 2026 ont fait deux blessés à Corvelle.",
    ):
        incidents = Bulletin(
            body, dates=[day("du 3 mars 2026", "2026-03-03")], places=[("Corvelle", "city", "FR")]
        )
        assert french_events(fr_nlp, incidents) == [], body


def test_a_giveaway_that_took_place_is_a_row(nlp) -> None:
    bulletin = Bulletin(
        "The Back-to-School Giveaway took place in Tarrow on 5 August 2026.",
        dates=[day("on 5 August 2026", "2026-08-05")],
        places=[("Tarrow", "city", "GB")],
    )
    assert rows(events_of(nlp, bulletin)) == [("Back-to-School Giveaway", date(2026, 8, 5), date(2026, 8, 5))]
