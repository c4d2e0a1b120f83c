"""French words of municipal and association bulletins: a council's "séance" and a clean-up
("opération de nettoyage") are activities; the day registrations open ("les inscriptions ouvrent
le 1er septembre") is none of an activity's days. The sentences are made up for these tests; no
bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day

from pipeline.core.records import Event
from pipeline.extract.events import find_events
from pipeline.extract.events.lexicon import load_lexicon


def _french_events(nlp, bulletin: Bulletin) -> list[Event]:
    section = bulletin.section()
    return find_events(
        "doc", [section], [nlp(section.text)], *bulletin.records(), load_lexicon("fr"), "fr"
    )


@pytest.mark.parametrize(
    ("body", "event_type", "name"),
    [
        ("La prochaine séance du conseil communautaire aura lieu le 14 mars à 19h.", "session",
         "séance du conseil communautaire"),
        ("Une opération de nettoyage du lavoir aura lieu le 14 mars avec les écoliers.", "work party",
         "opération de nettoyage du lavoir"),
    ],
)  # fmt: skip
def test_french_activity_words_of_town_bulletins(body: str, event_type: str, name: str) -> None:
    bulletin = Bulletin(body, title="Vie locale", dates=[day("le 14 mars", "2026-03-14")])
    (event,) = _french_events(spacy.blank("fr"), bulletin)
    assert (event.event_type, event.start_date) == (event_type, date(2026, 3, 14))
    assert event.name.startswith(name)


def test_a_session_in_an_idiom_is_no_activity() -> None:
    bulletin = Bulletin(
        "Le devis a été accepté séance tenante le 14 mars.",
        title="Vie locale",
        dates=[day("le 14 mars", "2026-03-14")],
    )
    assert _french_events(spacy.blank("fr"), bulletin) == []


def test_the_day_registrations_open_is_no_day_of_the_activity(fr_nlp) -> None:
    bulletin = Bulletin(
        "Les inscriptions pour le stage de poterie ouvrent le 1er septembre. "
        "Le stage aura lieu le 20 octobre.",
        title="Vie locale",
        dates=[day("le 1er septembre", "2026-09-01"), day("le 20 octobre", "2026-10-20")],
    )
    assert [e.start_date for e in _french_events(fr_nlp, bulletin)] == [date(2026, 10, 20)]
