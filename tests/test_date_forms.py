"""Dates in the forms real bulletins of every genre use beyond a day, month and year: units
counted from the issue ("last year"), seasons, lists of months, a month modifying a noun, a
year with no cue, and forms broken by PDF extraction ("16thJanuary", "3 rd")."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.core.records import Place, Section
from pipeline.extract.dates import find_dates
from pipeline.extract.dates.expressions import find_date_expressions
from pipeline.extract.dates.grammar import default_grammar
from pipeline.extract.dates.records import FUTURE, NORTH, PAST, PRESENT, SOUTH
from pipeline.extract.dates.resolution import resolve
from pipeline.extract.dates.stage import hemisphere_of

NOV_2012 = date(2012, 11, 1)


def _rows(
    text: str, issue: date | None = NOV_2012, tense: str = PAST, hemisphere: str = NORTH
) -> list[tuple[str, str, str]]:
    return [
        (e.text, r.start.isoformat(), r.end.isoformat())
        for e in find_date_expressions(text)
        for r in resolve(e, issue, tense, hemisphere)
    ]


GOOD = [
    # ordinals set apart from their number, or glued to the month, by PDF extraction
    (
        "The fair ran from 3 rd – 5 th March 2016 in Tamworth.",
        [("from 3 rd – 5 th March 2016", "2016-03-03", "2016-03-05")],
    ),
    ("Planting day is on 21 st June 2015.", [("on 21 st June 2015", "2015-06-21", "2015-06-21")]),
    ("Working bee, Saturday 9thMarch\n", [("Saturday 9thMarch", "2012-03-09", "2012-03-09")]),
    ("the walk of 22ndOctober 2013 went", [("of 22ndOctober 2013", "2013-10-22", "2013-10-22")]),
    # a month heading an activity, then its weekday and day
    ("June outing: Sat 14, Red Hill", [("June outing: Sat 14", "2012-06-14", "2012-06-14")]),
    (
        "October field day – Sunday 7 at the dam",
        [("October field day – Sunday 7", "2012-10-07", "2012-10-07")],
    ),
    # two or more months: consecutive ones are one range, separate ones a row each
    (
        "seedlings went in during August and September.",
        [("during August and September", "2012-08-01", "2012-09-30")],
    ),
    ("The hall opens in April or May 2016.", [("in April or May 2016", "2016-04-01", "2016-05-31")]),
    (
        "surveys in February and April 2014 found",
        [
            ("in February and April 2014", "2014-02-01", "2014-02-28"),
            ("in February and April 2014", "2014-04-01", "2014-04-30"),
        ],
    ),
    ("closed between March and May for repairs", [("between March and May", "2012-03-01", "2012-05-31")]),
    (
        "in November, December and January 2015 the creek ran",
        [("in November, December and January 2015", "2014-11-01", "2015-01-31")],
    ),
    # a year in brackets after a month; a masthead's month and year on lines apart
    (
        "the issues of October (2010) and April (2011) said",
        [("of October (2010)", "2010-10-01", "2010-10-31"), ("April (2011)", "2011-04-01", "2011-04-30")],
    ),
    ("Field Notes March\n\n2014\n\nNews", [("March\n\n2014", "2014-03-01", "2014-03-31")]),
    # one financial or academic year written with a slash
    ("the grants made across 2019/20 helped", [("2019/20", "2019-01-01", "2020-12-31")]),
    ("the club's results in 2015/2016 were", [("in 2015/2016", "2015-01-01", "2016-12-31")]),
    # seasons named with a year (northern months unless told otherwise)
    ("Our Spring 2013 appeal raised funds", [("Spring 2013", "2013-03-01", "2013-05-31")]),
    ("in the autumn of 1996, the group", [("in the autumn of 1996", "1996-09-01", "1996-11-30")]),
    ("the Winter 2014 count", [("the Winter 2014", "2013-12-01", "2014-02-28")]),
    # units counted from the issue month
    ("As we reported last year, the", [("last year", "2011-01-01", "2011-12-31")]),
    ("This year the fete moved.", [("This year", "2012-01-01", "2012-12-31")]),
    ("a report due by next year.", [("by next year", "2013-01-01", "2013-12-31")]),
    ("We meet again next month.", [("next month", "2012-12-01", "2012-12-31")]),
    ("Since last month, the", [("Since last month", "2012-10-01", "2012-10-31")]),
    ("targets for the current year", [("for the current year", "2012-01-01", "2012-12-31")]),
    ("We met last August in Dubbo", [("last August", "2012-08-01", "2012-08-31")]),
    ("the fair returns next March.", [("next March", "2013-03-01", "2013-03-31")]),
    ("a tour planned for this fall.", [("for this fall", "2012-09-01", "2012-11-30")]),
]


@pytest.mark.parametrize(("text", "expected"), GOOD, ids=[g[0][:40] for g in GOOD])
def test_forms_resolve_to_ranges(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text) == expected


BAD = [
    "over the last year, sales rose",  # the twelve months up to now, not a calendar year
    "within the next month or so",
    "wildflowers bloom in spring",  # a time of any year
    "summer school in Hobart",
    "Ask April and May about the roster.",  # two months with no cue nor year: names
    "compared 2010/2014 figures",  # not one financial year
    "the 2019/20/21 plan",
    "on 3 rd floor",  # an ordinal, not a day of a month
]


@pytest.mark.parametrize("text", BAD)
def test_not_dates(text: str) -> None:
    assert find_date_expressions(text) == []


# ------------------------------------------------------------------ seasons and relative units


@pytest.mark.parametrize(
    ("text", "hemisphere", "start", "end"),
    [
        ("in the spring of 2015", NORTH, "2015-03-01", "2015-05-31"),
        ("in the spring of 2015", SOUTH, "2015-09-01", "2015-11-30"),
        ("Summer 2013", SOUTH, "2012-12-01", "2013-02-28"),  # named by the year of its January
        ("Winter 2013", SOUTH, "2013-06-01", "2013-08-31"),
        ("Autumn 2020", SOUTH, "2020-03-01", "2020-05-31"),
    ],
)
def test_season_months_follow_the_hemisphere(text: str, hemisphere: str, start: str, end: str) -> None:
    assert [(s, e) for _, s, e in _rows(text, hemisphere=hemisphere)] == [(start, end)]


@pytest.mark.parametrize(
    ("text", "issue", "start", "end"),
    [
        ("last month", date(2015, 1, 1), "2014-12-01", "2014-12-31"),
        ("next month", date(2015, 12, 1), "2016-01-01", "2016-01-31"),
        ("this winter", date(2015, 1, 1), "2014-12-01", "2015-02-28"),  # the one under way
        ("this spring", date(2015, 1, 1), "2015-03-01", "2015-05-31"),  # else the coming one
        ("last spring", date(2015, 4, 1), "2014-03-01", "2014-05-31"),  # the one before this
        ("next spring", date(2015, 4, 1), "2016-03-01", "2016-05-31"),
        ("last summer", date(2015, 10, 1), "2015-06-01", "2015-08-31"),
    ],
)
def test_relative_units_count_from_the_issue_month(text: str, issue: date, start: str, end: str) -> None:
    assert [(s, e) for _, s, e in _rows(text, issue=issue, tense=PRESENT)] == [(start, end)]


def test_a_relative_month_name_imposes_its_tense() -> None:
    # "last June" is the latest June before the issue whatever the clause says
    assert _rows("We walk there last June", tense=FUTURE) == [("last June", "2012-06-01", "2012-06-30")]
    assert _rows("We walked there next June", tense=PAST) == [("next June", "2013-06-01", "2013-06-30")]


def test_relative_units_are_flagged_as_inferred_and_need_an_issue_date() -> None:
    (year,) = find_date_expressions("last year")
    (resolved,) = resolve(year, NOV_2012, PAST)
    assert (resolved.granularity, resolved.inferred_parts) == ("year", ("year",))
    (month,) = find_date_expressions("next month")
    (resolved,) = resolve(month, NOV_2012, PAST)
    assert (resolved.granularity, resolved.inferred_parts) == ("month", ("month", "year"))
    assert resolve(year, None, PAST) == []
    (season,) = find_date_expressions("Spring 2013")
    assert [r.granularity for r in resolve(season, None, PAST)] == ["month"]


def _place(country: str | None, mentions: int = 1) -> Place:
    return Place("doc", f"p-{country}-{mentions}", "x", "city", country, None, None, mentions)


def test_hemisphere_is_the_one_of_the_bulletins_main_country() -> None:
    southern = default_grammar().southern_countries
    assert hemisphere_of([_place("NZ", 3), _place("GB", 1)], southern) == SOUTH
    assert hemisphere_of([_place("NZ", 1), _place("CA", 2)], southern) == NORTH
    assert hemisphere_of([_place("AR", 1), _place("FR", 1)], southern) == NORTH  # a tie: north
    assert hemisphere_of([_place(None, 4)], southern) == NORTH
    assert hemisphere_of([], southern) == NORTH


# ------------------------------------------------------------------ candidates a parse must confirm


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The shed was built 1962 by members.", ["1962"]),
        ("1999 was a wet year.", ["1999"]),
        ("It reopened, 2004, after the fire.", ["2004"]),
        ("as shown by Moreton (1975) and others", []),
        ("see Bulletin No. 4, 2011.", []),
        ("the Strathmore Cup 2015 drew crowds", []),
        ("the 2016 Regional Heritage Awards", []),
        ("the Bega (2010) study", []),
        ("Text © 2016 the authors", []),
        ("The August meeting was moved.", ["The August"]),
    ],
)
def test_parse_checked_candidates_from_text(text: str, found: list[str]) -> None:
    assert [e.text for e in find_date_expressions(text, parse_checked=True)] == found
    assert find_date_expressions(text) == []


def _found(nlp, text: str, hemisphere: str = NORTH) -> list[tuple[str, str, str]]:
    section = Section("doc", "doc-s00", None, None, text, 0, len(text), 0, 1, 1)
    mentions = find_dates("doc", [section], [nlp(text)], NOV_2012, hemisphere=hemisphere)
    return [(m.text, m.start_date.isoformat(), m.end_date.isoformat()) for m in mentions]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The August meeting was moved to the hall.", [("The August", "2012-08-01", "2012-08-31")]),
        ("Our October outing drew nine walkers.", [("Our October", "2012-10-01", "2012-10-31")]),
        ("The hall was built 1962 by volunteers.", [("1962", "1962-01-01", "1962-12-31")]),
        ("1999 was a wet year for the valley.", [("1999", "1999-01-01", "1999-12-31")]),
        ("Over 2014 volunteers planted trees.", []),  # a count
        ("The March for Science drew crowds in Perth.", []),  # the month heads a name
        ("Premier Ellen May toured the site.", []),
    ],
)
def test_parse_confirms_months_modifying_nouns_and_years_with_no_cue(nlp, text: str, expected) -> None:
    assert _found(nlp, text) == expected


def test_without_a_parse_the_checked_candidates_are_dropped() -> None:
    import spacy

    blank = spacy.blank("en")
    text = "The August meeting was moved. The shed was built 1962 by members."
    section = Section("doc", "doc-s00", None, None, text, 0, len(text), 0, 1, 1)
    assert find_dates("doc", [section], [blank(text)], NOV_2012) == []


@pytest.mark.model
def test_find_dates_takes_the_seasons_of_the_hemisphere_it_is_given(nlp) -> None:
    text = "The track was rebuilt in the spring of 2015."
    assert _found(nlp, text, SOUTH) == [("in the spring of 2015", "2015-09-01", "2015-11-30")]
    assert _found(nlp, text, NORTH) == [("in the spring of 2015", "2015-03-01", "2015-05-31")]


# A weekday and a day with no month: the month around the issue in which that day is that weekday
# (November 2012: the 18th was a Sunday; December 2012: the 9th a Sunday; October 2012: the 27th
# a Saturday).
@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        (
            "Our next clean-up is on Sunday 18th, from 8am.",
            FUTURE,
            [("on Sunday 18th", "2012-11-18", "2012-11-18")],
        ),
        ("The picnic will be on Sun 9, at the lake.", FUTURE, [("on Sun 9", "2012-12-09", "2012-12-09")]),
        ("We planted trees on Sat 27 in the rain.", PAST, [("on Sat 27", "2012-10-27", "2012-10-27")]),
        # no month nearby has a Monday the 18th: the issue month, as for a day with no weekday
        ("The stall opens on Monday 18th.", FUTURE, [("on Monday 18th", "2012-11-18", "2012-11-18")]),
    ],
)
def test_a_weekday_picks_the_month_of_a_day_without_one(text: str, tense: str, expected) -> None:
    assert _rows(text, tense=tense) == expected


@pytest.mark.parametrize(
    "text", ["On Sunday 18 volunteers pulled weeds.", "Tuesday 3 boats arrived", "on Friday the meeting"]
)
def test_a_weekday_before_a_counted_noun_is_no_date(text: str) -> None:
    assert find_date_expressions(text) == []


def test_each_weekday_abbreviation_names_one_day() -> None:
    numbers = default_grammar().weekday_numbers
    assert (numbers["tues"], numbers["thurs"], numbers["sun"], numbers["sunday"]) == (1, 3, 6, 6)


@pytest.mark.parametrize(
    ("text", "issue", "expected"),
    [
        # a two-digit year after slashes, and the reading nearest the issue (American order here)
        ("Field report for 9/12/05", date(2005, 9, 1), [("for 9/12/05", "2005-09-12", "2005-09-12")]),
        ("News for the week of 05.03.10", date(2010, 5, 1), [("of 05.03.10", "2010-05-03", "2010-05-03")]),
        # the same figures in a bulletin of another month read the other way round
        ("Field report for 9/12/05", date(2005, 12, 1), [("for 9/12/05", "2005-12-09", "2005-12-09")]),
        # a range in figures
        (
            "Period covered: 10/05/2017 – 12/05/2017",
            date(2017, 5, 1),
            [("10/05/2017 – 12/05/2017", "2017-05-10", "2017-05-12")],
        ),
        # a day alone after a lead word and an article
        (
            "The kitchen served 800 meals on the 11th.",
            date(2005, 9, 1),
            [("on the 11th", "2005-09-11", "2005-09-11")],
        ),
        # a day alone before a word that opens a clause
        (
            "The choir sings only once, on the 14th because the hall closes for repairs.",
            date(2016, 3, 1),
            [("on the 14th", "2016-03-14", "2016-03-14")],
        ),
        (
            "Bring a packed lunch on Saturday 19th when we walk the ridge.",
            date(2016, 3, 1),
            [("on Saturday 19th", "2016-03-19", "2016-03-19")],
        ),
    ],
)
def test_dates_in_figures_and_days_alone(text: str, issue: date, expected) -> None:
    assert _rows(text, issue=issue) == expected


@pytest.mark.parametrize(
    "text",
    [
        "see clause 4.2.12 of the rules",
        "They met on the 3rd floor.",
        "She finished on the 4th lap, then retired.",
        "by the 21st century",
        "a score of 3/4/5",
    ],
)
def test_numbers_that_only_look_like_dates(text: str) -> None:
    assert find_date_expressions(text) == []
