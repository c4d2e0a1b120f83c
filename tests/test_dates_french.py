"""French dates: the grammar of data/fr/dates.yaml, resolution, tense from the French parse."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from pipeline.core.records import Section
from pipeline.extract.dates import find_dates
from pipeline.extract.dates.expressions import find_date_expressions, number_from_words
from pipeline.extract.dates.grammar import default_grammar, grammar_for
from pipeline.extract.dates.records import FUTURE, PAST, PRESENT
from pipeline.extract.dates.resolution import resolve
from pipeline.extract.dates.tense import expression_tense

FEB_2016 = date(2016, 2, 1)
FRENCH = grammar_for("fr")


def _rows(text: str, issue: date | None = FEB_2016, tense: str = PRESENT) -> list[tuple[str, str, str]]:
    """(expression text, start, end) per resolved row, in text order."""
    return [
        (e.text, r.start.isoformat(), r.end.isoformat())
        for e in find_date_expressions(text, grammar=FRENCH)
        for r in resolve(e, issue, tense)
    ]


GOOD = [
    # days, ranges and lists of days
    ("du 12 au 14 mars 2015", [("du 12 au 14 mars 2015", "2015-03-12", "2015-03-14")]),
    ("du 6 au 16 juillet 2023 à Mopti", [("du 6 au 16 juillet 2023", "2023-07-06", "2023-07-16")]),
    (
        "le 3 et le 5 mai",
        [("le 3 et le 5 mai", "2016-05-03", "2016-05-03"), ("le 3 et le 5 mai", "2016-05-05", "2016-05-05")],
    ),
    ("17 et 18 mai : Assemblée générale", [("17 et 18 mai", "2016-05-17", "2016-05-18")]),
    (
        "6, 15 et 27 novembre 2012",
        [("6, 15 et 27 novembre 2012", d, d) for d in ("2012-11-06", "2012-11-15", "2012-11-27")],
    ),
    ("entre le 14 et le 16 mai 2015", [("entre le 14 et le 16 mai 2015", "2015-05-14", "2015-05-16")]),
    ("1er janvier 2016", [("1er janvier 2016", "2016-01-01", "2016-01-01")]),
    ("(1er Janv. au 28\nFévrier 2016)", [("1er Janv. au 28\nFévrier 2016", "2016-01-01", "2016-02-28")]),
    ("lundi 3 mai 2021", [("lundi 3 mai 2021", "2021-05-03", "2021-05-03")]),
    ("Le 12 sept. 2016, le comité", [("Le 12 sept. 2016", "2016-09-12", "2016-09-12")]),
    ("du 22 au 25 à Dakar", [("du 22 au 25", "2016-02-22", "2016-02-25")]),
    # months: a cue, a portion, a range
    ("courant avril", [("courant avril", "2016-04-01", "2016-04-30")]),
    ("depuis avril", [("depuis avril", "2016-04-01", "2016-04-30")]),
    ("fin février", [("fin février", "2016-02-21", "2016-02-29")]),
    ("depuis fin mars", [("depuis fin mars", "2016-03-21", "2016-03-31")]),
    ("mi-mars", [("mi-mars", "2016-03-11", "2016-03-20")]),
    ("à la mi-mars 2016", [("à la mi-mars 2016", "2016-03-11", "2016-03-20")]),
    ("janvier - mars 2019", [("janvier - mars 2019", "2019-01-01", "2019-03-31")]),
    ("de janvier à mars 2019", [("de janvier à mars 2019", "2019-01-01", "2019-03-31")]),
    ("mai à août\n2014", [("mai à août\n2014", "2014-05-01", "2014-08-31")]),
    ("en mars et avril 2016", [("en mars et avril 2016", "2016-03-01", "2016-04-30")]),
    ("Numéro 58| Février 2016", [("Février 2016", "2016-02-01", "2016-02-29")]),
    ("N°93 - OCTOBRE 2021", [("OCTOBRE 2021", "2021-10-01", "2021-10-31")]),
    ("en fevrier 2016", [("en fevrier 2016", "2016-02-01", "2016-02-29")]),
    # years, seasons
    ("en\n2016 ;", [("en\n2016", "2016-01-01", "2016-12-31")]),
    ("d'ici 2030", [("d'ici 2030", "2030-01-01", "2030-12-31")]),
    ("fin 2016", [("fin 2016", "2016-12-01", "2016-12-31")]),
    ("le premier semestre 2016", [("le premier semestre 2016", "2016-01-01", "2016-06-30")]),
    ("entre 2012 et 2014", [("entre 2012 et 2014", "2012-01-01", "2014-12-31")]),
    ("au printemps 2015", [("au printemps 2015", "2015-03-01", "2015-05-31")]),
    ("l'été 2014", [("l'été 2014", "2014-06-01", "2014-08-31")]),
    # counted from the issue (February 2016)
    ("l'année dernière", [("l'année dernière", "2015-01-01", "2015-12-31")]),
    ("l’année dernière", [("l’année dernière", "2015-01-01", "2015-12-31")]),
    ("l'an prochain", [("l'an prochain", "2017-01-01", "2017-12-31")]),
    ("cette année", [("cette année", "2016-01-01", "2016-12-31")]),
    ("le mois dernier", [("le mois dernier", "2016-01-01", "2016-01-31")]),
    ("Le 4 mai dernier, il a", [("Le 4 mai dernier", "2015-05-04", "2015-05-04")]),
    ("en juillet prochain", [("en juillet prochain", "2016-07-01", "2016-07-31")]),
    ("un mandat de trois ans (2017-2020) :", [("2017-2020", "2017-01-01", "2020-12-31")]),
    ("l'été dernier", [("l'été dernier", "2015-06-01", "2015-08-31")]),
    # numeric, left to dateparser
    ("le 05/11/2012", [("le 05/11/2012", "2012-11-05", "2012-11-05")]),
    # written out in words, as council minutes open
    (
        "L'an deux mille dix-neuf, le vingt et un mars, le conseil",
        [("L'an deux mille dix-neuf, le vingt et un mars", "2019-03-21", "2019-03-21")],
    ),
    (
        "le trente novembre deux mil sept à 18 h",
        [("le trente novembre deux mil sept", "2007-11-30", "2007-11-30")],
    ),
    ("Le premier juin, nous", [("Le premier juin", "2016-06-01", "2016-06-01")]),
]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("dix-sept", 17),
        ("vingt et un", 21),
        ("quatre-vingt-dix-neuf", 99),
        ("soixante-quinze", 75),
        ("deux mille vingt-quatre", 2024),
        ("mil neuf cent quatre-vingt-deux", 1982),
        ("trois cents", 300),
        ("mardi", None),
    ],
)
def test_numbers_written_in_words(words: str, value: int | None) -> None:
    assert number_from_words(FRENCH.number_words, words) == value


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[g[0][:40] for g in GOOD])
def test_french_forms_resolve_to_ranges(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("rue du 8 mai 1945", []),
        ("place du 14 juillet", []),
        ("sept 12", []),
        ("mai 3", []),
        ("passé du 22 au 25.", []),  # a change, not a span of days
        ("quarante membres le soixante mai", []),  # no such day
        ("l'an mille cent, le six mai", ["le six mai"]),  # written years read from 1800 to 2100
    ],
)
def test_not_french_dates(text: str, found: list[str]) -> None:
    assert [e.text for e in find_date_expressions(text, grammar=FRENCH)] == found


def test_the_french_words_are_french_only() -> None:
    english = default_grammar()
    assert grammar_for("en") is english
    assert find_date_expressions("du 12 au 14 mars 2015", grammar=english) == []
    assert [e.text for e in find_date_expressions("from 12 to 14 March 2015", grammar=FRENCH)] == []
    # a language without data of its own reads with the English grammar
    assert grammar_for("es") is english


def test_a_french_date_with_dernier_is_in_the_past_and_prochain_in_the_future() -> None:
    (last,) = find_date_expressions("le 4 mai dernier", grammar=FRENCH)
    (coming,) = find_date_expressions("le 4 mai prochain", grammar=FRENCH)
    assert (last.tense, coming.tense) == (PAST, FUTURE)
    # whatever the clause's tense, as "last July" in English
    assert [r.start for r in resolve(last, date(2023, 5, 1), FUTURE)] == [date(2023, 5, 4)]
    assert [r.start for r in resolve(coming, date(2023, 5, 1), PAST)] == [date(2023, 5, 4)]


# ------------------------------------------------------------------ with the French model


@pytest.fixture(scope="module")
def fr(fr_nlp):
    return fr_nlp


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "date_text", "tense"),
    [
        ("Les récentes inondations ont affecté 10 000 familles en janvier.", "en janvier", PAST),
        ("L'atelier s'est tenu à Dakar le 12 mars.", "le 12 mars", PAST),
        ("La Biennale aura lieu à Mopti du 6 au 16 juillet.", "du 6 au 16 juillet", FUTURE),
        ("La réunion va se tenir le 12 mars à Bamako.", "le 12 mars", FUTURE),
        ("Un atelier est prévu pour le 12 mars.", "le 12 mars", FUTURE),
        ("La prochaine réunion du comité le 12 mars.", "le 12 mars", FUTURE),
        ("Le comité se réunit le 12 mars.", "le 12 mars", PRESENT),
    ],
)
def test_tense_of_a_french_clause_from_its_morphology(fr, sentence: str, date_text: str, tense: str) -> None:
    doc = fr(sentence)
    start = sentence.index(date_text)
    span = doc.char_span(start, start + len(date_text), alignment_mode="expand")
    assert expression_tense(span, FRENCH.tense) == tense


@pytest.mark.model
def test_find_dates_reads_a_french_past_month_before_the_issue(fr) -> None:
    text = "Les inondations de mars ont affecté plus de 10 000 familles."
    section = Section("d", "d-s00", None, None, text, 0, len(text), 0, 1, 1)
    (row,) = find_dates("d", [section], [fr(text)], FEB_2016, grammar=FRENCH)
    assert (row.text, row.start_date, row.end_date) == ("de mars", date(2015, 3, 1), date(2015, 3, 31))


def test_without_a_parse_french_dates_take_the_nearest_year() -> None:
    text = "La réunion du 12 mars a eu lieu."
    section = Section("d", "d-s00", None, None, text, 0, len(text), 0, 1, 1)
    rows = find_dates("d", [section], [spacy.blank("fr")(text)], FEB_2016, grammar=FRENCH)
    assert [(r.text, r.start_date) for r in rows] == [("du 12 mars", date(2016, 3, 12))]
