"""Activity words of every genre and the tense of a French clause, in sentences written for
these tests: elections, fundraisers, convoys; a village's fête, repas, randonnée; a list of
activities after "tels que"; a French clause told in the past read from its morphology.
No bulletin is quoted.
"""

from __future__ import annotations

import pytest
from event_bulletins import Bulletin, day, events_of

from pipeline.extract.events.lexicon import load_lexicon, words_of
from pipeline.extract.events.syntax import told_in_past


@pytest.mark.parametrize(
    ("language", "phrase", "event_type"),
    [
        ("en", "by-election", "election"),
        ("en", "fundraiser", "event"),
        ("en", "sausage sizzle", "dinner"),
        ("en", "graduation ceremony", "ceremony"),
        ("en", "convoy", "distribution"),
        ("fr", "fête", "celebration"),
        ("fr", "repas", "dinner"),
        ("fr", "randonnée", "walk"),
        ("fr", "vide-grenier", "fair"),
        ("fr", "évaluation rapide", "assessment"),
        ("fr", "remise des prix", "ceremony"),
        ("en", "giveaway", "fair"),
        ("fr", "événement", "event"),
        ("fr", "manifestation", "event"),
    ],
)
def test_activity_words_of_every_genre(language: str, phrase: str, event_type: str) -> None:
    assert load_lexicon(language).triggers[words_of(phrase)] == event_type


def test_words_with_other_senses_need_their_own_clause() -> None:
    english, french = load_lexicon("en"), load_lexicon("fr")
    assert words_of("election") in english.weak_triggers and words_of("convoy") in english.weak_triggers
    assert all(words_of(w) in french.weak_triggers for w in ("sortie", "marche", "salon", "stage"))
    assert words_of("sortie de crise") in french.idioms
    assert words_of("événements") in french.weak_triggers and words_of("giveaway") in english.weak_triggers


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "when", "iso", "name"),
    [
        ("The council by-election was held on 9 May in the northern ward.", "on 9 May", "2026-05-09",
         "council by-election"),
        ("An aid convoy reached the valley on 9 May after a week on the road.", "on 9 May", "2026-05-09",
         "aid convoy"),
    ],
)  # fmt: skip
def test_activities_of_other_genres_dated(nlp, body: str, when: str, iso: str, name: str) -> None:
    events = events_of(nlp, Bulletin(body, title="News", dates=[day(when, iso)]))
    assert [(e.name, e.start_date.isoformat() if e.start_date else None) for e in events] == [(name, iso)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "word", "past"),
    [
        ("Le maire a salué les bénévoles du quartier.", "salué", True),
        ("La réunion du bureau s'est tenue à Kayes.", "tenue", True),
        ("Le comité avait organisé une kermesse.", "organisé", True),
        ("Les bénévoles visitèrent la ferme.", "visitèrent", True),
        ("La randonnée est organisée par le club.", "organisée", False),  # a present passive
        ("La fête aura lieu en juin.", "aura", False),
        ("Le comité prépare une randonnée.", "prépare", False),
    ],
)
def test_a_french_clause_told_in_the_past(fr_nlp, sentence: str, word: str, past: bool) -> None:
    token = next(t for t in fr_nlp(sentence) if t.text == word)
    assert told_in_past(token) is past


FRENCH_LETTER = (
    "Lettre du Comité des fêtes de Vernoux\nNuméro 9 | Juin 2024\n\n"
    "1. Vie du comité\n\n"
    "Le président a remercié les bénévoles pour leur présence à des rendez-vous très suivis, tels "
    "que le Festival des Lanternes à Aubenas ou encore le Salon du Livre Jeunesse à Privas. Le "
    "comité se réunira de nouveau à la rentrée.\n"
)


@pytest.fixture(scope="module")
def letter(run_text) -> dict[str, list[dict]]:
    return run_text("vernoux-2024-06.txt", FRENCH_LETTER)


@pytest.mark.model
def test_french_activities_listed_after_tels_que_each_with_the_place_after_its_name(letter) -> None:
    cities = {r["name"]: r["city"] for r in letter["events"]}
    assert cities.get("Festival des Lanternes") == "Aubenas"
    assert cities.get("Salon du Livre Jeunesse") == "Privas"
