"""Events of weekly reports and of activities reported without a date, in sentences written for
these tests: a weekday named alone dates an activity within the week the report covers; an
undated activity is a row when the text says who ran it or tells of it in the past; a meeting
"met to" do something is named by the body that met; a quoted or questioned topic is part of
an activity's name. The sentences are made up; no bulletin is quoted.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from event_bulletins import DOC, Bulletin, day, events_of

from pipeline.core.records import DateMention, Section
from pipeline.extract.events.lexicon import load_lexicon
from pipeline.extract.events.tokens import section_text
from pipeline.extract.events.weekdays import report_week, weekday_dates, weekday_numbers


def _section(text: str) -> Section:
    return Section(DOC, f"{DOC}-s01", None, None, text, 0, len(text), 0, 1, 1)


def _mention(text: str, piece: str, iso: str) -> DateMention:
    at = text.index(piece)
    when = date.fromisoformat(iso)
    return DateMention(DOC, f"{DOC}-s01", "d0", piece, when, when, "day", False, None, at, at + len(piece))


# ------------------------------------------------------------------ the week a report covers


@pytest.mark.parametrize(
    ("text", "piece", "iso", "week"),
    [
        ("Clerk's report for the week ending 20 March 2026.", "20 March 2026", "2026-03-20",
         ("2026-03-14", "2026-03-20")),
        ("Notes for the week commencing 16 March 2026.", "16 March 2026", "2026-03-16",
         ("2026-03-16", "2026-03-22")),
        ("Board minutes of 20 March 2026.", "20 March 2026", "2026-03-20", None),
    ],
)  # fmt: skip
def test_the_week_a_report_says_it_covers(text: str, piece: str, iso: str, week) -> None:
    found = report_week([_section(text)], [_mention(text, piece, iso)], load_lexicon())
    expected = tuple(date.fromisoformat(d) for d in week) if week else None
    assert found == expected


def test_two_weeks_named_give_no_week() -> None:
    text = "The week ending 6 March 2026 and the week ending 13 March 2026."
    dates = [_mention(text, "6 March 2026", "2026-03-06"), _mention(text, "13 March 2026", "2026-03-13")]
    assert report_week([_section(text)], dates, load_lexicon()) is None


def test_full_weekday_names_come_from_the_dates_data() -> None:
    english, french = weekday_numbers("en"), weekday_numbers("fr")
    assert english["monday"] == 0 and english["sunday"] == 6
    assert "thurs" not in english and "mon" not in english  # abbreviations are too ambiguous
    assert french["lundi"] == 0 and french["vendredi"] == 4 and "mar" not in french


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("On Tuesday the clerk met the auditors. On Friday the depot opened.",
         [("Tuesday", "2026-03-17"), ("Friday", "2026-03-20")]),
        ("Every Monday the depot opens early, and next Friday it closes.", []),
    ],
)  # fmt: skip
def test_weekdays_named_alone_are_days_of_the_week(text: str, days: list[tuple[str, str]]) -> None:
    st = section_text(_section(text), spacy.blank("en")(text))
    week = (date(2026, 3, 14), date(2026, 3, 20))
    found = weekday_dates(st, week, [], load_lexicon(), weekday_numbers("en"))
    assert [(d.text, d.start_date.isoformat()) for d in found] == days
    assert all(d.inferred for d in found)


def test_a_weekday_inside_a_written_date_is_left_to_it() -> None:
    text = "On Tuesday 17 March the clerk met the auditors."
    st = section_text(_section(text), spacy.blank("en")(text))
    written = [(text.index("Tuesday"), text.index(" the clerk"))]
    week = (date(2026, 3, 14), date(2026, 3, 20))
    assert weekday_dates(st, week, written, load_lexicon(), weekday_numbers("en")) == []


# ------------------------------------------------------------------ a weekly report, end to end


WEEKLY = (
    "Village Clerk's Weekly Notes\n\n"
    "Village Clerk Report for the week ending March 20, 2026\n\n"
    "On Tuesday the Village Board met to discuss the new parking ordinance and two appointments "
    "to the planning commission.\n\n"
    "On Thursday I attended a training at the Harbor Inn given by the State Municipal League on "
    "Records Retention Rules.\n"
)


@pytest.fixture(scope="module")
def weekly(run_text) -> dict[str, list[dict]]:
    return run_text("village-notes-2026-03.txt", WEEKLY)


@pytest.mark.model
def test_a_weekly_report_dates_its_activities_by_their_weekday(weekly) -> None:
    events = {r["name"]: r["start_date"] for r in weekly["events"]}
    assert events["Village Board meeting"] == date(2026, 3, 17)
    assert events["training on Records Retention Rules"] == date(2026, 3, 19)


@pytest.mark.model
def test_the_weekdays_stay_out_of_the_dates_table(weekly) -> None:
    assert {r["text"] for r in weekly["dates"]} == {"March 20, 2026"}


# ------------------------------------------------------------------ undated activities reported


@pytest.mark.model
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Budget options were the main topic of a recent half-day priority setting session held by "
         "the trustees and the senior staff.", "half-day priority setting session"),
        ("A round table on \u201cfunding rural clinics after the reform\u201d, led by Dr Amal Noor, "
         "drew a full room.", "round table on \u201cfunding rural clinics after the reform\u201d"),
        ("A seminar on how to write a data plan, with three invited speakers from the archive, also "
         "prompted a long debate.", "seminar on how to write a data plan"),
    ],
)  # fmt: skip
def test_an_undated_activity_said_to_be_run_or_told_in_the_past(nlp, body: str, name: str) -> None:
    assert [e.name for e in events_of(nlp, Bulletin(body, title="From the Director"))] == [name]


@pytest.mark.model
@pytest.mark.parametrize(
    "body",
    [
        "A seminar on how to write a data plan would help every new student.",
        "Our seminars on open data are popular with students.",
    ],
)
def test_an_activity_only_talked_about_is_no_row(nlp, body: str) -> None:
    assert events_of(nlp, Bulletin(body, title="From the Director")) == []


@pytest.mark.model
def test_a_dated_activity_and_a_part_of_it_told_in_the_past(nlp) -> None:
    bulletin = Bulletin(
        "The annual retreat took place on 14 November at Lakeside Lodge. A panel on "
        "\u201cmentoring new researchers\u201d, chaired by Dr Ivo Marsh, was very well received.",
        title="Member news",
        dates=[day("on 14 November", "2022-11-14")],
    )
    names = [e.name for e in events_of(nlp, bulletin)]
    assert names[0] == "annual retreat"
    assert "panel on \u201cmentoring new researchers\u201d" in names


@pytest.mark.model
def test_a_name_without_an_article_is_no_activity_told_of(nlp) -> None:
    # Without an article the name may be a heading run into the sentence under it ("Event
    # Overview" over "Heavy rain moved ..."), which the parser reads as the verb's subject.
    bulletin = Bulletin("Coastal Cleanup Event drew large crowds along the northern beaches.", title=None)
    assert events_of(nlp, bulletin) == []


# ------------------------------------------------------------------ lines of an agenda


@pytest.mark.parametrize(
    ("text", "piece", "name"),
    [
        ("Diary\n12 June : Prize-giving at the college, with the mayor\n", "12 June",
         "Prize-giving at the college"),
        ("Diary\n- 4 May at Oldbury – Spring fair\n", "4 May", "Spring fair"),
        ("He wrote on 12 June: the fair was a success.\n", "12 June", None),  # no line label
        ("Diary\n12 June — Deadline for the photo competition\n", "12 June", None),
    ],
)  # fmt: skip
def test_a_day_that_labels_its_line_names_what_follows(text: str, piece: str, name: str | None) -> None:
    from pipeline.extract.events.agenda import agenda_phrases

    mention = _mention(text, piece, "2026-06-12")
    st = section_text(_section(text), spacy.blank("en")(text))
    found = agenda_phrases(st, load_lexicon(), [], [mention], frozenset())
    assert [p.name for p in found] == ([name] if name else [])


@pytest.mark.model
def test_a_column_of_agenda_lines_dates_each_activity_on_its_own_line(nlp) -> None:
    bulletin = Bulletin(
        "What happened since March?\n"
        "9 April in LYON: The Open Science Days, organised by the regional library\n"
        "14 and 15 May: General assembly\n"
        "20 June: Award of the young naturalist prize to the Lamartine school, after the project run "
        "with the association\n",
        title="Diary",
        dates=[
            day("9 April", "2014-04-09"),
            day("14 and 15 May", "2014-05-14", "2014-05-15"),
            day("20 June", "2014-06-20"),
        ],
        places=[("LYON", "city", "FR")],
    )
    found = {(e.start_date.isoformat() if e.start_date else None): e.name for e in events_of(nlp, bulletin)}
    assert found["2014-05-14"] == "General assembly"
    assert found["2014-06-20"] == "Award of the young naturalist prize to the Lamartine school"
    assert "Open Science Days" in found["2014-04-09"]
