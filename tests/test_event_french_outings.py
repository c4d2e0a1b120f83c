"""French activities of clubs, villages and associations that no trigger word used to name, and
their days. The failure classes were found on French web pages (programmes of outings, club
news, minutes); the sentences are made up for these tests and no bulletin is quoted.

* a programme line that gives the day, the hours and the place before the colon ("- Mardi 3
  mars 2026, 14h30 – 16h30, salle des fêtes (1er étage) : balade contée");
* the words of outings, meals and ceremonies ("pique-nique", "porte ouverte", "passation de
  pouvoir", "remise des insignes");
* an elided word the tagger takes for an adjective ("passation de pouvoir *s’*est tenue");
* a group that met, told with an infinitive ("nous étions 60 à nous retrouver").
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import Bulletin, day

from pipeline.core.records import Event
from pipeline.extract.events import find_events
from pipeline.extract.events.lexicon import load_lexicon


def _events(nlp, bulletin: Bulletin) -> list[Event]:
    section = bulletin.section()
    return find_events(
        "doc", [section], [nlp(section.text)], *bulletin.records(), load_lexicon("fr"), "fr"
    )


def _rows(events: list[Event]) -> list[tuple[str, date | None]]:
    return [(e.name, e.start_date) for e in events]


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("- Mardi 3 mars 2026, 14h30 – 16h30, salle des fêtes (1er étage) : balade contée",
         "balade contée"),
        ("- Mardi 3 mars 2026, 9h-12h, lieu à préciser : initiation à la vannerie",
         "initiation à la vannerie"),
        ("- Mardi 3 mars 2026, 10h, à Brignac : découverte des oiseaux du marais",
         "découverte des oiseaux du marais"),
    ],
)  # fmt: skip
def test_a_programme_line_with_hours_and_place_before_the_colon(line: str, name: str) -> None:
    bulletin = Bulletin(
        f"Voici les rendez-vous du printemps.\n{line}\n",
        title="Sorties des adhérents",
        dates=[day("Mardi 3 mars 2026", "2026-03-03")],
    )
    assert _rows(_events(spacy.blank("fr"), bulletin)) == [(name, date(2026, 3, 3))]


def test_a_long_place_before_the_colon_is_no_label() -> None:
    """More than a few words before the colon are a sentence, not a place."""
    bulletin = Bulletin(
        "- Mardi 3 mars 2026, les bénévoles qui le souhaitent pourront venir nous aider : merci.\n",
        title="Vie du club",
        dates=[day("Mardi 3 mars 2026", "2026-03-03")],
    )
    assert _events(spacy.blank("fr"), bulletin) == []


@pytest.mark.parametrize(
    ("body", "event_type", "name"),
    [
        ("Le pique-nique du club aura lieu le 14 juin au bord du lac.", "dinner", "pique-nique du club"),
        ("L'opération porte ouverte de la ferme aura lieu le 14 juin.", "open day",
         "opération porte ouverte"),
        ("La passation de pouvoir entre les présidents aura lieu le 14 juin.", "ceremony",
         "passation de pouvoir"),
        ("La remise des insignes aux nouveaux membres aura lieu le 14 juin.", "ceremony",
         "remise des insignes"),
        ("Une balade contée est prévue le 14 juin pour les familles.", "walk", "balade contée"),
    ],
)  # fmt: skip
def test_french_words_of_outings_meals_and_ceremonies(body: str, event_type: str, name: str) -> None:
    bulletin = Bulletin(body, title="Vie locale", dates=[day("le 14 juin", "2026-06-14")])
    (event,) = _events(spacy.blank("fr"), bulletin)
    assert (event.event_type, event.start_date) == (event_type, date(2026, 6, 14))
    assert name in event.name


def test_an_elided_word_is_no_adjective_of_the_name(fr_nlp) -> None:
    bulletin = Bulletin(
        "La passation de pouvoir s\u2019est déroulée le 14 juin à la salle des fêtes.",
        title="Vie du club",
        dates=[day("le 14 juin", "2026-06-14")],
    )
    assert _rows(_events(fr_nlp, bulletin)) == [("passation de pouvoir", date(2026, 6, 14))]


def test_a_group_that_met_dates_the_activity_named_before() -> None:
    """"Dimanche 31 août nous étions 60 à nous retrouver": the day of the picnic the title
    names, though the sentence names no activity."""
    bulletin = Bulletin(
        "Dimanche 31 août 2025 nous étions 60 adhérents à nous retrouver au bord du lac.",
        title="Pique-nique au lac",
        dates=[day("Dimanche 31 août 2025", "2025-08-31")],
    )
    assert _rows(_events(spacy.blank("fr"), bulletin)) == [("Pique-nique au lac", date(2025, 8, 31))]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Le comité des fêtes s'est réuni le 3 mars à la mairie.", "réunion du comité des fêtes"),
        ("La commission des travaux s'est réunie le 3 mars.", "réunion de la commission des travaux"),
        ("L'amicale s'est réunie le 3 mars.", "réunion de l'amicale"),
    ],
)
def test_a_body_that_met_names_the_meeting_noun_first(fr_nlp, body: str, name: str) -> None:
    """French names the gathering before the body ("réunion du comité"), not "comité meeting"."""
    bulletin = Bulletin(body, title="Vie locale", dates=[day("le 3 mars", "2026-03-03")])
    assert _rows(_events(fr_nlp, bulletin)) == [(name, date(2026, 3, 3))]


@pytest.mark.parametrize(
    "body",
    [
        "Cette année, l'amicale du moulin organise la troisième édition du Festival des Vallons.",
        "Le comité organisera le Festival des Vallons en partenariat avec la commune.",
    ],
)
def test_a_named_activity_someone_organises_takes_place(body: str) -> None:
    """Present or future, the edition of a named activity an organiser announces is a row."""
    bulletin = Bulletin(body, title="Vie culturelle", places=[("Vallons", "city", "FR")])
    assert [e.name for e in _events(spacy.blank("fr"), bulletin)] == ["Festival des Vallons"]


def test_an_activity_merely_mentioned_is_no_row() -> None:
    bulletin = Bulletin("Le bilan du Festival des Vallons reste à établir.", title="Vie culturelle")
    assert _events(spacy.blank("fr"), bulletin) == []
