"""Statistics stage: number grammar, qualifiers, units, exclusions, subjects, and golden scores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import spacy
from spacy.tokens import Span

from pipeline.core.datafiles import load_data
from pipeline.core.records import DocumentText, Section, Statistic
from pipeline.extract.nlp import parse_sections
from pipeline.extract.statistics import find_statistics
from pipeline.extract.statistics.exclusions import in_telephone_number, is_code_chunk
from pipeline.extract.statistics.numbers import is_year_like, parse_number
from pipeline.extract.statistics.rules import default_rules, rules_from_mapping
from pipeline.extract.statistics.surface import (
    match_currency_before,
    match_qualifier_after,
    match_qualifier_before,
    match_unit_after,
)
from pipeline.read.text import normalise_text
from pipeline.review.evaluate import evaluate, load_golden_dir
from pipeline.review.evaluate.results import Evaluation
from pipeline.structure.language import detect_language
from pipeline.structure.sections import find_sections

ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- number grammar


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,300", 3300),
        ("1630", 1630),
        ("1,000,000", 1_000_000),
        ("0.75", 0.75),
        ("72.5", 72.5),
        ("fifty", 50),
        ("Fifty", 50),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("ninety-nine", 99),
        ("one hundred", 100),
        ("a hundred", 100),
        ("one hundred and fifty", 150),
        ("three thousand five hundred", 3500),
        ("2.5 million", 2_500_000),
        ("1.2 billion", 1_200_000_000),
        ("3 thousand", 3000),
        ("5bn", 5_000_000_000),
        ("2.5m", 2_500_000),
        ("250k", 250_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half", 0.5),
        ("a third", 0.33),
        ("two thirds", 0.67),
        ("three quarters", 0.75),
        ("zero", 0),
    ],
)
def test_parse_number_reads_digits_and_words(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7th",
        "21st",
        "eleventh",
        "second",
        "hundred",
        "million",
        "and",
        "abc",
        "3 300",
        "1,2",
        "12a",
        "third",
    ],
)
def test_parse_number_rejects_ordinals_and_non_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2012", True),
        ("1900", True),
        ("2100", True),
        ("1899", False),
        ("2101", False),
        ("1630", False),
        ("12", False),
    ],
)
def test_is_year_like(text: str, year: bool) -> None:
    assert is_year_like(text) is year


@pytest.mark.parametrize(
    ("before", "canonical"),
    [
        ("More than ", "more than"),
        ("from over ", "over"),
        ("it has nearly ", "nearly"),
        ("at least ", "at least"),
        ("up to ", "up to"),
        ("less than ", "less than"),
        ("some ", "some"),
        ("approx. ", "approximately"),
        ("an estimated ", "an estimated"),
        ("no fewer than ", "at least"),
        ("~", "about"),
        (">", "more than"),
        ("staff receive on average ", "on average"),
        ("inspectors work an average of ", "on average"),
    ],
)
def test_qualifier_before(before: str, canonical: str) -> None:
    found = match_qualifier_before(before)
    assert found is not None and found[0] == canonical


@pytest.mark.parametrize("before", ["there were ", "moreover ", "the handover ", "", "a total of "])
def test_no_qualifier_before(before: str) -> None:
    assert match_qualifier_before(before) is None


def test_qualifier_start_offset_points_at_the_phrase() -> None:
    assert match_qualifier_before("we counted more than ") == ("more than", len("we counted "))


@pytest.mark.parametrize(
    ("after", "canonical"),
    [(" or more participants", "at least"), ("+ volunteers", "more than"), (" or so", "about")],
)
def test_qualifier_after(after: str, canonical: str) -> None:
    found = match_qualifier_after(after)
    assert found is not None and found[0] == canonical


@pytest.mark.parametrize(
    ("after", "unit"),
    [
        ("% of voters", "percent"),
        (" per cent of people", "percent"),
        (" percent", "percent"),
        (" percentage points", "percentage points"),
        (" km of roads", "km"),
        (" kilometres", "km"),
        ("-day workshop", "days"),
        (" hours of training", "hours"),
        (" US dollars", "USD"),
        (" dollars", "USD"),
        (" euros", "EUR"),
        (" USD", "USD"),
        (" Swiss francs", "CHF"),
    ],
)
def test_unit_after(after: str, unit: str) -> None:
    found = match_unit_after(after)
    assert found is not None and found[0] == unit


@pytest.mark.parametrize("after", [" participants", " kmph", " percentages", "", " usd"])
def test_no_unit_after(after: str) -> None:
    assert match_unit_after(after) is None


@pytest.mark.parametrize(
    ("before", "code"),
    [
        ("a budget of USD ", "USD"),
        ("US$", "USD"),
        ("pledged $", "USD"),
        ("€", "EUR"),
        ("£", "GBP"),
        ("KES ", "KES"),
        ("will invest FJD ", "FJD"),  # ISO 4217 codes of small economies too
        ("a grant of WST ", "WST"),
        ("PGK ", "PGK"),
    ],
)
def test_currency_before(before: str, code: str) -> None:
    found = match_currency_before(before)
    assert found is not None and found[0] == code


@pytest.mark.parametrize("before", ["the ", "", "usd ", "CAUSED ", "ALL ", "TOP ", "SOS "])
def test_no_currency_before(before: str) -> None:
    assert match_currency_before(before) is None


@pytest.mark.parametrize(
    "chunk", ["A/RES/67/195", "post-2015", "G-20", "10:00", "www.example.org/2013", "COVID-19", "DC2", "v2"]
)
def test_code_chunks(chunk: str) -> None:
    assert is_code_chunk(chunk)


@pytest.mark.parametrize(
    "chunk",
    [
        "3,300",
        "75%",
        "(2012)",
        "US$2.5m",
        "€5bn",
        "20-30",
        "20–30",
        "twenty-five",
        "three-day",
        "100+",
        "45,",
    ],
)
def test_number_chunks(chunk: str) -> None:
    assert not is_code_chunk(chunk)


@pytest.mark.parametrize(
    ("text", "number", "telephone"),
    [
        ("reach us on +44 20 7946 0321 today", "7946", True),
        ("reach us on +44 20 7946 0321 today", "20", True),
        ("the hotline 0800 555 123 is free", "555", True),  # a group with a leading zero
        ("a helpline, 311 4477, for tenants", "4477", True),
        ("a helpline, 311 4477, for tenants", "311", True),
        ("dial (0)30 1234 5678 in Berlin", "1234", True),
        ("some 12 000 voters", "12", False),  # thousands set apart by a space
        ("In 2014 350 judges were trained", "350", False),  # a year, then a count
        ("the 45 delegates", "45", False),
        ("from 12 to 15 per cent", "12", False),
        ("gave 3,500 books", "3,500", False),
    ],
)
def test_telephone_numbers(text: str, number: str, telephone: bool) -> None:
    start = text.index(number)
    assert in_telephone_number(text, start, start + len(number)) is telephone


def test_rules_come_from_the_data_file() -> None:
    raw = dict(load_data("statistics.yaml"))
    raw["qualifiers_before"] = {**raw["qualifiers_before"], "a good": "more than"}
    rules = rules_from_mapping(raw)
    assert match_qualifier_before("a good ", rules) == ("more than", 0)
    assert match_qualifier_before("a good ") is None
    assert default_rules() is default_rules()


# --------------------------------------------------------------------------- extraction


def _section(text: str, heading_end: int = 0, start: int = 0, number: int | None = 1) -> Section:
    return Section(
        doc_id="d",
        section_id="d-s01",
        number=number,
        title=None,
        text=text,
        char_start=start,
        char_end=start + len(text),
        heading_end=heading_end,
        page_start=1,
        page_end=1,
    )


def _extract(nlp, text: str, **kwargs) -> list[Statistic]:
    section = _section(text)
    return find_statistics("d", [section], [nlp(text)], **kwargs)


def _words(text: str | None) -> set[str]:
    return set((text or "").casefold().replace(",", " ").split())


# (sentence, value, qualifier, unit, words the subject must hold)
FOUND = [
    ("More than 900 delegates registered for the forum.", 900, "more than", None, "delegates"),
    ("The platform connects over 45 countries.", 45, "over", None, "countries"),
    ("Nearly fifty mayors signed the charter.", 50, "nearly", None, "mayors"),
    ("Some twenty-five trainers were certified.", 25, "some", None, "trainers"),
    ("About 1,800 young people applied.", 1800, "about", None, "young people"),
    ("At least 12 ministries use the system.", 12, "at least", None, "ministries"),
    ("Up to 40 per cent of small towns lack a website.", 40, "up to", "percent", "small towns"),
    ("The clinic reports a 93% patient satisfaction rate.", 93, None, "percent", "patient satisfaction rate"),
    ("Sixty-two percent of the agencies answered.", 62, None, "percent", "agencies"),
    ("The project has a budget of USD 3.5 million.", 3_500_000, None, "USD", "budget"),
    ("The Government pledged €2.4bn for the reform.", 2_400_000_000, None, "EUR", "reform"),
    ("The city spent 4 million dollars on broadband.", 4_000_000, None, "USD", None),
    ("A dozen judges attended the course.", 12, None, None, "judges"),
    ("The network counts one hundred and twenty members.", 120, None, None, "members"),
    ("Roughly a third of respondents use mobile banking.", 0.33, "roughly", None, "respondents"),
    ("Half of the households have internet access.", 0.5, None, None, "households"),
    ("The roads total 2,300 km of paved surface.", 2300, None, "km", "paved surface"),
    ("The number of registered companies reached 4,000.", 4000, None, None, "registered companies"),
    ("Attendance exceeded 700 on the final day.", 700, None, None, "attendance"),
    (
        "The assembly gathered 64 representatives from trade unions.",
        64,
        None,
        None,
        "representatives trade unions",
    ),
    ("Fewer than 30 local councils replied.", 30, "fewer than", None, "local councils"),
    ("The office handled 250 or more requests each week.", 250, "at least", None, "requests"),
    ("It received 300+ applications.", 300, "more than", None, "applications"),
    ("The course was attended by 80 officials, 35 of whom were women.", 35, None, None, "women"),
    ("Judges, prosecutors and court clerks, 90 in all, took part.", 90, None, None, "judges"),
    # "N of them": the set named before (a counted noun or a clause subject)
    (
        "The ministry surveyed 48 agencies in May. Only 11 of them publish budgets online.",
        11,
        None,
        None,
        "agencies",
    ),
    (
        "Some 600 nurses finished the course, and 70 per cent of them now work in rural clinics.",
        70,
        None,
        "percent",
        "nurses",
    ),
    (
        "At the retreat, senior managers reviewed the plan, and 12 of them agreed to pilot it.",
        12,
        None,
        None,
        "managers",
    ),
    (
        "Around 5,000 households got the grant; a third of them are headed by women.",
        0.33,
        None,
        None,
        "households",
    ),
    (
        "The city signed contracts worth EUR 3.2 million, and 45 per cent of them went to small firms.",
        45,
        None,
        "percent",
        "contracts",
    ),
    # an amount that measures the noun before it
    ("The city signed contracts worth EUR 3.2 million in 2022.", 3_200_000, None, "EUR", "contracts"),
    ("Loans totalling USD 900,000 were approved for cooperatives.", 900_000, None, "USD", "loans"),
    ("A fleet valued at USD 12 million was handed over.", 12_000_000, None, "USD", "fleet"),
    ("The call offers awards of up to EUR 20,000 each.", 20_000, "up to", "EUR", "awards"),
    # where an amount goes; a currency code the model takes for a name
    (
        "The ministry will invest WST 5 million in a new records system.",
        5_000_000,
        None,
        "WST",
        "records system",
    ),
    ("The bank lent KES 40 million to women-led cooperatives.", 40_000_000, None, "KES", "cooperatives"),
    # a number standing alone as subject: the verb with its auxiliaries, negation and complement
    (
        "Of the 40 clinics inspected, 9 had not updated their registers.",
        9,
        None,
        None,
        "had not updated registers",
    ),
    ("About 60 will not be able to attend.", 60, "about", None, "will not attend"),
    ("Some 75 have already signed up to volunteer.", 75, "some", None, "signed up to volunteer"),
    # the whole subject of a verb of change
    (
        "Applications for building permits have fallen by 12 per cent since May.",
        12,
        None,
        "percent",
        "applications for building permits",
    ),
    # a unit described by a clause after it
    ("The 30 days allowed for appeals were often exceeded.", 30, None, "days", "days allowed appeals"),
    # "N per cent more X"
    (
        "The portal had 1.5 million visits, 30 per cent more than the year before.",
        30,
        None,
        "percent",
        "visits",
    ),
    # an elliptical count sharing the noun of the count before it
    (
        "With 120 students in the hall and about 300 watching from home, the talk began.",
        300,
        "about",
        None,
        "students watching home",
    ),
    ("The survey reached 1,200 households in 2015 and 1,500 in 2016.", 1500, None, None, "households"),
    # thousands set apart by a space; "on average"
    ("About 15 000 people signed the petition.", 15_000, "about", None, "people"),
    ("Inspectors spend on average 3 hours at each site.", 3, "on average", "hours", None),
    # a percentage after a month and a comma is not a day; an amount "in" a year is not a ratio
    (
        "The site logged 80,000 downloads in May, 25 per cent more than in April.",
        25,
        None,
        "percent",
        "downloads",
    ),
    ("The city spent EUR 3 million in 2021 on parks.", 3_000_000, None, "EUR", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "value", "qualifier", "unit", "subject"), FOUND)
def test_statistic_found(
    nlp, sentence: str, value: float, qualifier: str | None, unit: str | None, subject: str | None
) -> None:
    stats = [s for s in _extract(nlp, sentence) if s.value == pytest.approx(value)]
    assert len(stats) == 1, _extract(nlp, sentence)
    stat = stats[0]
    assert stat.qualifier == qualifier
    assert stat.unit == unit
    if subject is not None:
        assert _words(subject) <= _words(stat.subject), stat.subject


@pytest.mark.model
def test_list_of_counts_shares_the_counted_noun(nlp) -> None:
    text = (
        "The summit hosted 310 government delegates, 85 delegates from academia, "
        "140 from the private sector, and 60 journalists."
    )
    by_value = {s.value: s.subject for s in _extract(nlp, text)}
    assert set(by_value) == {310, 85, 140, 60}
    assert _words("government delegates") <= _words(by_value[310])
    assert _words("delegates academia") <= _words(by_value[85])
    assert _words("private sector") <= _words(by_value[140])
    assert _words("journalists") <= _words(by_value[60])


@pytest.mark.model
def test_counted_noun_stops_before_another_count(nlp) -> None:
    stats = _extract(nlp, "Over 2,000 visitors from 35 countries came.")
    assert [(s.value, s.qualifier, s.subject) for s in stats] == [
        (2000, "over", "visitors"),
        (35, None, "countries"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "low", "high", "unit", "subject"),
    [
        ("Between 15 and 25 inspectors will be hired.", 15, 25, None, "inspectors"),
        ("The agency trains 40-60 nurses a year.", 40, 60, None, "nurses"),
        ("Each team has 5–8 members.", 5, 8, None, "members"),
        ("Between 10 and 20 per cent of the budget is unspent.", 10, 20, "percent", "budget"),
        ("Grants of USD 5,000 to USD 10,000 are available.", 5000, 10000, "USD", "grants"),
    ],
)
def test_range_gives_one_row_per_bound(
    nlp, sentence: str, low: float, high: float, unit: str | None, subject: str
) -> None:
    stats = _extract(nlp, sentence)
    assert [s.value for s in stats] == [low, high]
    assert {s.qualifier for s in stats} == {"between"}
    assert {s.unit for s in stats} == {unit}
    assert all(_words(subject) <= _words(s.subject) for s in stats)
    assert stats[0].stat_id != stats[1].stat_id


@pytest.mark.model
def test_change_from_one_value_to_another_is_two_values(nlp) -> None:
    stats = _extract(nlp, "The share of girls in school rose from 48 to 61 per cent.")
    assert [(s.value, s.qualifier, s.unit) for s in stats] == [(48, None, "percent"), (61, None, "percent")]
    assert all(_words("girls") <= _words(s.subject) for s in stats)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "not_counted"),
    [
        ("The 9th Forum opened with 200 guests.", 9),
        ("It marks the twelfth anniversary of the awards, with 40 finalists.", 12),
        ("The meetings on 4, 11 and 18 March gathered 70 staff.", 4),
        ("The meetings on 4, 11 and 18 March gathered 70 staff.", 11),
        ("The meetings on 4, 11 and 18 March gathered 70 staff.", 18),
        ("The course ran from 14 to 16 May 2013 for 25 officers.", 14),
        ("The course ran from 14 to 16 May 2013 for 25 officers.", 16),
        ("On March 3, 2014, 55 clerks were trained.", 3),
        ("The workshop of 9-10 October trained 33 auditors.", 9),
        ("In 2013, 600 teachers were trained.", 2013),
        ("The 2014 Survey covers 190 countries.", 2014),
        ("A post-2015 agenda was discussed by 18 ministers.", 2015),
        ("Resolution A/RES/66/288 was endorsed by 150 delegations.", 66),
        ("Resolution A/RES/66/288 was endorsed by 150 delegations.", 288),
        ("The briefing took place in Conference Room B7 – 1420 with 30 diplomats.", 1420),
        ("The briefing took place in Conference Room 8 with 30 diplomats.", 8),
        ("See paragraph 14 of the report, signed by 12 experts.", 14),
        ("Items 5 and 6 of the agenda were adopted by 40 votes.", 6),
        ("Details are at http://www.example.org/2014/report and 20 annexes.", 2014),
        ("Details are at <www.example.org/apply2015> with 20 forms.", 2015),
        ("Registration opens at 9:30 a.m. for 90 delegates.", 9),
        ("Registration opens at 10 a.m. for 90 delegates.", 10),
        ("The office is at Two Liberty Plaza in the city.", 2),
        ("Our partner EGOV2014 invited 60 researchers.", 2014),
        ("The two parties agreed to continue.", 2),
        ("One of the priorities is open data.", 1),
        ("The Group of 77 met with 15 donors.", 77),
        ("Call +41 22 917 1234 to reach 5 advisers.", 41),
        ("Call +41 22 917 1234 to reach 5 advisers.", 917),
        ("One in five children is not registered, said 30 nurses.", 5),
        ("Nearly 8 out of 10 users were satisfied among 300 surveyed.", 8),
        ("Nearly 8 out of 10 users were satisfied among 300 surveyed.", 10),
        ("Youth aged 15 to 24 make up 20 per cent of voters.", 15),
        ("Youth aged 15 to 24 make up 20 per cent of voters.", 24),
        ("Page 3 of 12 lists 40 projects.", 12),
        ("In the first half of the year, 20 audits were done.", 0.5),
        ("For questions call 0800 555 123, said 6 staff.", 555),
        ("For questions call 0800 555 123, said 6 staff.", 123),
        ("The office, reachable at +254 20 765 4321, serves 3 counties.", 765),
        ("The office, reachable at +254 20 765 4321, serves 3 counties.", 4321),
        ("Her team runs a free line, 800 1021, for 40 villages.", 1021),
        ("Her team runs a free line, 800 1021, for 40 villages.", 800),
    ],
)
def test_not_a_statistic(nlp, sentence: str, not_counted: float) -> None:
    assert not_counted not in [s.value for s in _extract(nlp, sentence)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("The 9th Forum opened with 200 guests.", 200),
        ("The course ran from 14 to 16 May 2013 for 25 officers.", 25),
        ("In 2013, 600 teachers were trained.", 600),
        ("Registration opens at 9:30 a.m. for 90 delegates.", 90),
        ("See paragraph 14 of the report, signed by 12 experts.", 12),
        ("Over 2000 participants came.", 2000),
    ],
)
def test_counts_beside_excluded_numbers_are_kept(nlp, sentence: str, counted: float) -> None:
    assert counted in [s.value for s in _extract(nlp, sentence)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "label", "counted"),
    [
        ("Pupils from Year 8 planted 65 saplings along the creek.", 8, 65),
        ("Families in Camp 6 were given 420 hygiene kits.", 6, 420),
        ("A Category 4 storm damaged 31 schools.", 4, 31),
        ("During Week 19 the mobile clinic saw 240 patients.", 19, 240),
    ],
)
def test_a_small_number_after_a_capitalised_group_word_is_a_label(
    nlp, sentence: str, label: float, counted: float
) -> None:
    values = [s.value for s in _extract(nlp, sentence)]
    assert label not in values
    assert counted in values


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("Over the past year 180 volunteers signed up.", 180),  # lower case: not a label
        ("Dollo Camp 3,600 tarpaulins were handed out.", 3600),  # separators: a count
    ],
)
def test_a_group_word_lower_case_or_a_large_number_keeps_the_count(
    nlp, sentence: str, counted: float
) -> None:
    assert counted in [s.value for s in _extract(nlp, sentence)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("The new hedge will reach 1.8m within three years.", 1.8, "m"),
        ("They rebuilt a 3m retaining wall by the gate.", 3, "m"),
        ("The region received $4.2m for road repairs.", 4_200_000, "USD"),
        ("The festival drew 1.3m visitors last summer.", 1_300_000, None),
    ],
)
def test_a_glued_m_is_metres_unless_money_or_a_plural_count_follows(
    nlp, sentence: str, value: float, unit: str | None
) -> None:
    stats = [s for s in _extract(nlp, sentence) if s.value == pytest.approx(value)]
    assert len(stats) == 1, _extract(nlp, sentence)
    assert stats[0].unit == unit


@pytest.mark.model
def test_to_between_an_amount_and_a_smaller_count_is_not_a_range(nlp) -> None:
    stats = _extract(nlp, "The foundation granted NZD 250,000 to three rural schools.")
    assert [(s.value, s.qualifier, s.unit) for s in stats] == [(250_000, None, "NZD"), (3, None, None)]


@pytest.mark.model
def test_a_number_in_a_name_does_not_end_the_counted_phrase(nlp) -> None:
    (stat,) = _extract(nlp, "Only 8 hold ISO 14001 certification.")
    assert _words("ISO 14001 certification") <= _words(stat.subject), stat.subject


def test_a_currency_code_tagged_as_a_name_is_still_money() -> None:
    blank = spacy.blank("en")
    text = "The fund will invest FJD 2.4 million next year."
    doc = blank(text)
    doc.ents = [Span(doc, 4, 7, "LAW")]  # "FJD 2.4 million", as the model sometimes tags it
    stats = find_statistics("d", [_section(text)], [doc])
    assert [(s.value, s.unit) for s in stats] == [(2_400_000, "FJD")]
    named = blank("The Post 2015 Agenda was adopted.")
    named.ents = [Span(named, 1, 4, "LAW")]
    assert find_statistics("d", [_section(named.text)], [named]) == []


@pytest.mark.model
def test_list_item_numbers_are_not_statistics(nlp) -> None:
    text = "The plan:\n1. Train 20 officials.\n2. Open 3 centres.\ni) hire 4 clerks; (5) review."
    assert sorted(s.value for s in _extract(nlp, text)) == [3, 4, 20]


@pytest.mark.model
def test_bare_number_without_subject_or_unit_is_dropped(nlp) -> None:
    assert _extract(nlp, "The forum was held from 22 to 25 in the capital.") == []


@pytest.mark.model
def test_offsets_text_sentence_and_ids(nlp) -> None:
    prefix = "Heading line\n\n"
    body = "The project began in 2010. It now has more than 1,200 volunteers in 14 regions."
    document = "MASTHEAD\n\n" + prefix + body
    start = document.index(prefix)
    section = _section(document[start:], heading_end=len("Heading line"), start=start)
    first, second = find_statistics("doc", [section], [nlp(section.text)])
    assert document[first.char_start : first.char_end] == first.text == "more than 1,200"
    assert document[second.char_start : second.char_end] == second.text == "14"
    assert first.sentence == "It now has more than 1,200 volunteers in 14 regions."
    assert first.section_id == "d-s01" and first.doc_id == "doc"
    again = find_statistics("doc", [section], [nlp(section.text)])
    assert [s.stat_id for s in again] == [first.stat_id, second.stat_id]
    assert first.stat_id != second.stat_id


@pytest.mark.model
def test_excluded_spans_are_skipped(nlp) -> None:
    text = "The hall seats 400 people and 30 staff."
    start = text.index("400")
    kept = _extract(nlp, text, excluded=[(start, start + 3)])
    assert [s.value for s in kept] == [30]


@pytest.mark.model
def test_numbers_in_the_heading_are_not_statistics(nlp) -> None:
    text = "4. Third Meeting of 12 Partners in 2013\n\nThe meeting drew 45 officials."
    section = _section(text, heading_end=text.index("\n"))
    stats = find_statistics("d", [section], [nlp(text)])
    assert [s.value for s in stats] == [45]


@pytest.mark.model
def test_a_second_measure_of_the_same_thing_keeps_its_subject(nlp) -> None:
    stats = _extract(nlp, "Today 62 per cent of tenders are published online, against 18 per cent in 2011.")
    # "62 per cent of tenders are published online": the share of tenders published online.
    subject = "tenders published online"
    assert [(s.value, s.subject) for s in stats] == [(62, subject), (18, subject)]


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        (
            "The Foundation committed EUR 3 million to expand the programme.",
            "foundation committed expand programme",
        ),
        ("Each finalist receives USD 5,000 to scale up its project.", "finalist receives scale project"),
        ("The donors pledged $800,000 for the census.", "donors pledged census"),
        ("The reform has cut processing times by 30 per cent.", "processing times"),
        ("The new app reduced queues by 40%.", "queues"),
    ],
)
def test_subject_of_amounts_and_changes(nlp, sentence: str, words: str) -> None:
    (stat,) = _extract(nlp, sentence)
    assert _words(words) <= _words(stat.subject), stat.subject


@pytest.mark.model
def test_a_heading_parsed_into_the_first_sentence_does_not_hide_its_counts(nlp) -> None:
    text = "2. Study Visit to Accra\n\nNine senior auditors from Liberia spent a week in Accra."
    section = _section(text, heading_end=text.index("\n"))
    stats = find_statistics("d", [section], [nlp(text)])
    assert [(s.value, s.sentence) for s in stats] == [
        (9, "Nine senior auditors from Liberia spent a week in Accra.")
    ]
    assert _words("senior auditors") <= _words(stats[0].subject)


@pytest.mark.model
def test_subject_is_one_line_when_the_text_wraps(nlp) -> None:
    stats = _extract(nlp, "The fair drew 300 small\nbusiness owners from the region.")
    assert [s.subject for s in stats] == ["small business owners from the region"]


def test_rules_without_a_parse_keep_amounts_and_drop_bare_numbers() -> None:
    blank = spacy.blank("en")
    text = "The fund holds USD 2.5 million, 40% of it spent; see A/RES/67/195 and room 12."
    stats = find_statistics("d", [_section(text)], [blank(text)])
    assert [(s.value, s.unit, s.text) for s in stats] == [
        (2_500_000, "USD", "USD 2.5 million"),
        (40, "percent", "40%"),
    ]


# --------------------------------------------------------------------------- golden files


def _evaluate(nlp, golden_dir: Path, corpus_dir: Path) -> Evaluation:
    # Read with the English model and rules: the English bulletins (a French sample is scored by
    # its own model and rules in test_accuracy).
    goldens = [
        g
        for g in load_golden_dir(golden_dir)
        if detect_language((corpus_dir / g.source_name).read_text(encoding="utf-8")) == "en"
    ]
    documents, sections_rows, rows = [], [], []
    for golden in goldens:
        path = corpus_dir / golden.source_name
        document = DocumentText(path.name, normalise_text(path.read_text(encoding="utf-8")))
        doc_id = path.stem
        sections = find_sections(doc_id, document)
        docs = parse_sections(nlp, sections)
        documents.append({"doc_id": doc_id, "source_file": path.name, "title": None, "issue_date": None})
        sections_rows += [
            {"doc_id": doc_id, "section_id": s.section_id, "number": s.number, "title": s.title}
            for s in sections
        ]
        rows += [
            {
                "doc_id": doc_id,
                "section_id": s.section_id,
                "value": s.value,
                "qualifier": s.qualifier,
                "unit": s.unit,
                "subject": s.subject,
                "text": s.text,
            }
            for s in find_statistics(doc_id, sections, docs)
        ]
    tables = {
        "documents": pd.DataFrame(documents),
        "sections": pd.DataFrame(sections_rows),
        "statistics": pd.DataFrame(rows),
    }
    return evaluate(goldens, tables)


def _assert_targets(evaluation: Evaluation) -> None:
    scores = evaluation.tables["statistics"]
    fields = {name: score.accuracy for name, score in scores.fields.items()}
    report = f"F1 {scores.f1}, fields {fields}"
    assert scores.f1 is not None and scores.f1 >= 0.90, report
    for name, floor in (("subject", 0.85), ("qualifier", 0.95), ("unit", 0.95)):
        assert (fields.get(name) or 0.0) >= floor, report


@pytest.mark.model
@pytest.mark.shared
def test_shared_golden_statistics(nlp, shared_dir: Path) -> None:
    _assert_targets(_evaluate(nlp, shared_dir / "golden", shared_dir / "corpus"))


@pytest.mark.model
def test_sample_golden_statistics(nlp) -> None:
    _assert_targets(_evaluate(nlp, ROOT / "tests" / "golden", ROOT / "data" / "raw"))


# --------------------------------------------------------------------------- sentences


def _walked_sentence(doc: Any, i: int) -> tuple[int, int]:
    """The sentence of token ``i`` found by walking token by token (the reference)."""

    def paragraph_break(k: int) -> bool:
        return doc[k].is_space and doc[k].text.count("\n") >= 2

    start = i
    while start > 0 and not doc[start].is_sent_start and not paragraph_break(start - 1):
        start -= 1
    end = i + 1
    while end < len(doc) and not doc[end].is_sent_start and not paragraph_break(end):
        end += 1
    return start, end


def test_sentence_of_a_token_is_the_walk_to_its_boundaries(nlp: Any) -> None:
    """Sentence edges are computed once per doc; each token's sentence is the one a walk finds."""
    from pipeline.extract.sentences import sentence_span

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    texts.append("HEADING\n\nA first sentence. A second one\n\n\nand a third after blank lines.")
    for text in texts:
        doc = nlp(text)
        for i in range(len(doc)):
            span = sentence_span(doc, i)
            assert (span.start, span.end) == _walked_sentence(doc, i)
