"""The evaluator scores exactly by the rules of shared/golden/README.md.

Golden files here are small hand-written YAML texts; predictions are DataFrames with the
columns of ``pipeline.tables.schema``.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.review.evaluate import (
    evaluate,
    evaluation_to_json,
    format_report,
    load_golden,
    load_golden_dir,
)
from pipeline.review.evaluate.golden import TABLES, Golden, GoldenFileError
from pipeline.review.evaluate.results import Evaluation
from pipeline.review.evaluate.score import table_scores
from pipeline.review.evaluate.text import normalise, words
from pipeline.tables.schema import TABLES as SCHEMA

DATA = Path(__file__).resolve().parent / "data" / "evaluate"
DOC = "d1"
SOURCE = "bulletin-a.txt"


# --------------------------------------------------------------------------- helpers


def golden(tmp_path: Path, body: str, source: str = SOURCE, name: str = "a") -> Golden:
    """A golden file with a `document` header and ``body``."""
    path = tmp_path / f"{name}.gold.yaml"
    header = f"document:\n  source: {source}\n  title: Monthly Notes\n  issue_date: 2021-03\n"
    path.write_text(header + textwrap.dedent(body), encoding="utf-8")
    return load_golden(path)


def frame(table: str, rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A predicted table with every schema column; missing values are None."""
    columns = SCHEMA[table].column_names
    unknown = {k for row in rows for k in row} - set(columns)
    assert not unknown, f"not columns of {table}: {unknown}"
    return pd.DataFrame([{c: row.get(c) for c in columns} for row in rows], columns=columns)


def section_id(number: int | None, doc_id: str = DOC) -> str:
    return f"{doc_id}-s{'pre' if number is None else f'{number:02d}'}"


def tables(
    rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
    *,
    doc_id: str = DOC,
    source: str = SOURCE,
    title: str | None = "Monthly Notes",
    issue_date: object = date(2021, 3, 1),
    sections: Sequence[tuple[int | None, str | None]] = ((None, None), (1, None), (2, None)),
) -> dict[str, pd.DataFrame]:
    """Predicted tables for one document; each row gets ``doc_id`` and, where the table has
    sections, ``section`` (a number) turned into a ``section_id``."""
    out = {
        "documents": frame(
            "documents",
            [{"doc_id": doc_id, "source_file": source, "title": title, "issue_date": issue_date}],
        ),
        "sections": frame(
            "sections",
            [
                {"doc_id": doc_id, "section_id": section_id(n, doc_id), "number": n, "title": t}
                for n, t in sections
            ],
        ),
    }
    for table in ("people", "organisations", "places", "dates", "events", "statistics"):
        built = []
        for row in (rows or {}).get(table, ()):
            row = {"doc_id": doc_id, **row}
            if "section" in row:
                row["section_id"] = section_id(row.pop("section"), doc_id)
            built.append(row)
        out[table] = frame(table, built)
    return out


def scored(g: Golden, **rows: Sequence[Mapping[str, Any]]) -> Evaluation:
    return evaluate([g], tables(rows))


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Ministry   of\tFinance ", "ministry of finance"),
        ("The Ministry", "ministry"),
        ("the the Ministry", "ministry"),
        ("Theatre Group", "theatre group"),  # "the" only as a word
        ("“Quoted title.”", "quoted title"),
        ("(IGF)", "igf"),
        ("Ms.", "ms"),
        ("Oﬃce", "office"),  # NFKC: ligature
        ("STRASSE", "strasse"),
        ("Straße", "strasse"),  # case folding, not lower()
        ("Mid-Term Review", "mid-term review"),  # inner punctuation kept
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


def test_words_drop_stop_words_and_punctuation() -> None:
    assert words("The Office for the Review of Plans, and Co-operation") == {
        "office",
        "review",
        "plans",
        "co",
        "operation",
    }


def test_normalised_names_match(tmp_path: Path) -> None:
    g = golden(tmp_path, "people:\n  - {name: Ana Lima, honorific: Ms.}\n")
    result = scored(g, people=[{"name": " ana  LIMA,", "honorific": "ms"}])
    people = result.tables["people"]
    assert (people.found, people.fields["honorific"].right) == (1, 1)


# --------------------------------------------------------------------------- optional entries


def test_optional_entries_are_neither_right_nor_wrong(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        organisations:
          - {name: Water Board, acronym: WB}
        organisations_optional:
          - {name: Annual Plan}
          - {name: Forum on Rivers}
        """,
    )
    result = scored(
        g,
        organisations=[
            {"name": "WB"},
            {"name": "Annual Plan"},
            {"name": "Rail Office"},
        ],
    )
    orgs = result.tables["organisations"]
    # The unmatched optional "Forum on Rivers" is not missed; "Annual Plan" is left out.
    assert (orgs.gold, orgs.predicted, orgs.found, orgs.ignored) == (1, 2, 1, 1)
    assert (orgs.precision, orgs.recall) == (0.5, 1.0)
    [wrong] = result.documents[0].wrong
    assert "Rail Office" in wrong.entry
    assert result.documents[0].missed == ()


def test_gold_entry_takes_a_prediction_before_optional_entries(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        places:
          - {name: Lima}
        places_optional:
          - {name: Lima}
        """,
    )
    places = scored(g, places=[{"name": "Lima"}]).tables["places"]
    assert (places.found, places.predicted, places.ignored) == (1, 1, 0)


# --------------------------------------------------------------------------- alternatives


def test_list_alternatives_in_match_keys_and_fields(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        people:
          - {name: [Li Wei, Wei Li], role: [RA, Regional Adviser], honorific: [Mr., Dr.]}
        organisations:
          - {name: [University of Lagos, Lagos University], acronym: [UNILAG, UL]}
        """,
    )
    result = scored(
        g,
        people=[{"name": "Wei Li", "role": "Regional Adviser", "honorific": "Dr."}],
        organisations=[{"name": "Lagos University", "acronym": "UL"}],
    )
    people, orgs = result.tables["people"], result.tables["organisations"]
    assert people.found == 1
    assert {f: s.right for f, s in people.fields.items()} == {
        "honorific": 1,
        "role": 1,
        "organisation": 0,
    }
    assert (orgs.found, orgs.fields["acronym"].right) == (1, 1)


def test_no_alternative_right_is_a_field_error(tmp_path: Path) -> None:
    g = golden(tmp_path, "people:\n  - {name: Wei Li, role: [RA, Regional Adviser]}\n")
    result = scored(g, people=[{"name": "Eva Dias"}, {"name": "Wei Li", "role": "Chief"}])
    [error] = result.documents[0].field_errors
    assert (error.field, error.expected, error.predicted, error.row) == (
        "role",
        "RA | Regional Adviser",
        "Chief",
        1,  # the row of the prediction, in the predicted table
    )


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("start", "end", "predicted", "found"),
    [
        ("2012-XX-22", "2012-XX-25", (date(2012, 10, 22), date(2012, 10, 25)), True),
        ("2012-XX-22", "2012-XX-25", (date(2012, 10, 22), date(2012, 10, 26)), False),
        ("2012-XX-22", "2012-XX-25", (date(2013, 10, 22), date(2013, 10, 25)), False),
        ("XXXX-06-23", "XXXX-06-23", (date(2013, 6, 23), date(2013, 6, 23)), True),
        ("2012-10-18", "2012-10-19", (date(2012, 10, 18), date(2012, 10, 19)), True),
        ("2012-10-18", "2012-10-19", (date(2012, 10, 18), date(2012, 10, 18)), False),
    ],
)
def test_dates_x_digits(
    tmp_path: Path, start: str, end: str, predicted: tuple[date, date], found: bool
) -> None:
    g = golden(tmp_path, f"dates:\n  - {{section: 1, start: {start}, end: {end}}}\n")
    row = {"section": 1, "text": "x", "start_date": predicted[0], "end_date": predicted[1]}
    assert scored(g, dates=[row]).tables["dates"].found == int(found)


@pytest.mark.parametrize(
    "value",
    [
        date(2012, 10, 18),
        datetime(2012, 10, 18, 0, 0),
        pd.Timestamp("2012-10-18"),
        "2012-10-18",
    ],
)
def test_predicted_date_types(tmp_path: Path, value: object) -> None:
    g = golden(tmp_path, "dates:\n  - {section: 1, start: 2012-10-18, end: 2012-10-18}\n")
    row = {"section": 1, "text": "x", "start_date": value, "end_date": value}
    assert scored(g, dates=[row]).tables["dates"].found == 1


@pytest.mark.parametrize("missing", [None, pd.NaT, float("nan")])
def test_missing_predicted_dates(tmp_path: Path, missing: object) -> None:
    g = golden(
        tmp_path,
        """
        events:
          - {section: 1, name: Water Week, start: 2012-10-18, end: 2012-10-19}
          - {section: 2, name: Budget Hearing, end: 2012-10-19}
        """,
    )
    rows = [
        {"section": 1, "name": "Water Week", "start_date": missing, "end_date": missing},
        {"section": 2, "name": "Budget Hearing", "start_date": missing, "end_date": missing},
    ]
    events = scored(g, events=rows).tables["events"]
    # The first needs a start; the second is found by name and its end is wrong.
    assert (events.found, events.fields["end"].right, events.fields["end"].total) == (1, 0, 1)


# --------------------------------------------------------------------------- organisations


def test_person_affiliation_may_use_another_name_of_the_gold_organisation(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        people:
          - {name: Ana Lima, organisation: DPADM}
          - {name: Rui Costa, organisation: DPADM}
          - name: Eva Dias
            organisation: Division for Public Administration and Development Management
          - {name: Tom Reis, organisation: DPADM}
        organisations:
          - {name: Division for Public Administration and Development Management, acronym: DPADM}
          - {name: Department of Economic and Social Affairs, acronym: DESA}
        """,
    )
    result = scored(
        g,
        people=[
            {
                "name": "Ana Lima",
                "organisation": "Division for Public Administration and Development Management",
            },
            {"name": "Rui Costa", "organisation": "dpadm"},
            {"name": "Eva Dias", "organisation": "DPADM"},
            {"name": "Tom Reis", "organisation": "DESA"},
        ],
    )
    assert result.tables["people"].fields["organisation"].right == 3
    [error] = result.documents[0].field_errors
    assert (error.index, error.predicted) == (3, "DESA")


def test_affiliation_not_in_the_organisations_table_must_be_equal(tmp_path: Path) -> None:
    g = golden(tmp_path, "people:\n  - {name: Ana Lima, organisation: Rail Office}\n")
    right = scored(g, people=[{"name": "Ana Lima", "organisation": "the Rail Office"}])
    wrong = scored(g, people=[{"name": "Ana Lima", "organisation": "RO"}])
    assert right.tables["people"].fields["organisation"].right == 1
    assert wrong.tables["people"].fields["organisation"].right == 0


def test_organisation_found_by_name_or_acronym(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        organisations:
          - {name: Water Board, acronym: WB}
          - {name: Rail Office, acronym: RO}
          - {name: Port Authority}
        """,
    )
    result = scored(
        g,
        organisations=[
            {"name": "WB", "acronym": None},
            {"name": "Railway Office", "acronym": "RO"},
            {"name": "Port Authorities", "acronym": None},
        ],
    )
    orgs = result.tables["organisations"]
    assert (orgs.found, orgs.fields["acronym"].right, orgs.fields["acronym"].total) == (2, 1, 2)
    assert [m.index for m in result.documents[0].missed] == [2]


# --------------------------------------------------------------------------- sections


def test_sections_without_title_are_neither_right_nor_wrong(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        sections:
          - {number: 1, title: Water Week}
          - {number: 2, title: Budget Hearing}
        """,
    )
    result = evaluate(
        [g],
        tables(sections=[(None, None), (1, "Water week."), (2, "Budget"), (3, None), (4, " ")]),
    )
    sections = result.tables["sections"]
    assert (sections.gold, sections.predicted, sections.found, sections.ignored) == (2, 2, 1, 3)
    assert [w.entry for w in result.documents[0].wrong] == ["row 2: number=2 title='Budget'"]


def test_section_without_title_in_gold_is_found_by_number(tmp_path: Path) -> None:
    g = golden(tmp_path, "sections:\n  - {number: 2}\n")
    assert scored(g).tables["sections"].found == 1


def test_section_without_number_in_gold_is_found_by_title_in_any_section(tmp_path: Path) -> None:
    # An omitted field is not scored: a heading listed by title alone matches at any number.
    g = golden(tmp_path, "sections:\n  - {title: Budget Hearing}\n")
    result = evaluate([g], tables(sections=[(1, "Water Week"), (4, "Budget hearing")]))
    sections = result.tables["sections"]
    assert (sections.found, sections.predicted) == (1, 2)


# --------------------------------------------------------------------------- matching


def test_one_to_one_matching(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        dates:
          - {section: 1, start: 2012-10-18, end: 2012-10-18}
          - {section: 1, start: 2012-10-18, end: 2012-10-18}
        """,
    )
    row = {
        "section": 1,
        "text": "x",
        "start_date": date(2012, 10, 18),
        "end_date": date(2012, 10, 18),
    }
    one = scored(g, dates=[row]).tables["dates"]
    three = scored(g, dates=[row, row, row]).tables["dates"]
    assert (one.found, one.predicted, one.recall, one.precision) == (1, 1, 0.5, 1.0)
    assert (three.found, three.predicted, three.recall) == (2, 3, 1.0)


def test_gold_takes_the_prediction_with_most_right_fields(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        statistics:
          - {section: 1, value: 3, subject: parallel workshops}
          - {section: 1, value: 3, subject: information sessions}
        """,
    )
    rows = [
        {"section": 1, "value": 3.0, "subject": "information sessions", "text": "three"},
        {"section": 1, "value": 3.0, "subject": "workshops held in parallel", "text": "3"},
    ]
    result = scored(g, statistics=rows)
    stats = result.tables["statistics"]
    # In table order, gold #0 would take row 0 and get its subject wrong.
    assert (stats.found, stats.fields["subject"].right) == (2, 2)
    assert result.documents[0].field_errors == ()


def test_tie_takes_the_first_prediction_in_table_order(tmp_path: Path) -> None:
    g = golden(tmp_path, "statistics:\n  - {section: 1, value: 3, subject: parallel workshops}\n")
    rows = [
        {"section": 1, "value": 3.0, "subject": "days", "text": "first"},
        {"section": 1, "value": 3.0, "subject": "weeks", "text": "second"},
    ]
    result = scored(g, statistics=rows)
    [wrong] = result.documents[0].wrong
    assert wrong.row == 1
    assert result.documents[0].field_errors[0].predicted == "days"


def test_entry_without_section_key_matches_in_any_section(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        statistics:
          - {value: 12, subject: towns}
          - {section: 1, value: 40, subject: schools}
        """,
    )
    rows = [
        {"section": 2, "value": 12.0, "text": "12"},
        {"section": 2, "value": 40.0, "text": "40"},
    ]
    result = scored(g, statistics=rows)
    assert [m.index for m in result.documents[0].missed] == [1]
    assert result.tables["statistics"].found == 1


def test_section_null_is_the_masthead(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        dates:
          - {section: null, start: 2021-03-01, end: 2021-03-31}
          - {section: 1, start: 2021-02-01, end: 2021-02-28}
        """,
    )
    rows: list[dict[str, Any]] = [
        {
            "section": None,
            "text": "March 2021",
            "start_date": date(2021, 3, 1),
            "end_date": date(2021, 3, 31),
        },
        {
            "section": None,
            "text": "February",
            "start_date": date(2021, 2, 1),
            "end_date": date(2021, 2, 28),
        },
        {
            "section": 1,
            "text": "March",
            "start_date": date(2021, 3, 1),
            "end_date": date(2021, 3, 31),
        },
    ]
    result = scored(g, dates=rows)
    assert [m.index for m in result.documents[0].missed] == [1]
    assert [w.row for w in result.documents[0].wrong] == [1, 2]


def test_prediction_in_an_unknown_section_matches_only_sectionless_entries(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        statistics:
          - {section: null, value: 5}
          - {value: 7}
        """,
    )
    t = tables({"statistics": [{"value": 5.0, "text": "5"}, {"value": 7.0, "text": "7"}]})
    t["statistics"]["section_id"] = "d1-nowhere"
    result = evaluate([g], t)
    assert result.tables["statistics"].found == 1
    assert any("section_id not in `sections`" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("gold_role", "predicted", "right"),
    [
        ("Director", "Director", True),
        ("Director", "Director of the Division", True),
        ("Senior Policy Officer", "Policy Officer", False),
        ("Under-Secretary-General", "Under Secretary General for Affairs", True),
        ("Chief of the Branch", "Branch Chief", True),  # words, not order; "of", "the" dropped
        ("Director", None, False),
    ],
)
def test_role_needs_every_gold_word(
    tmp_path: Path, gold_role: str, predicted: str | None, right: bool
) -> None:
    g = golden(tmp_path, f"people:\n  - {{name: Ana Lima, role: {gold_role}}}\n")
    people = scored(g, people=[{"name": "Ana Lima", "role": predicted}]).tables["people"]
    assert people.fields["role"].right == int(right)


@pytest.mark.parametrize(
    ("predicted", "right"),
    [
        ("representatives from the private sector", True),
        ("private sector", True),  # 2 of 4 words: representatives, from, private, sector
        ("sector", False),  # 1 of 4
        ("the sector of private firms", True),
        (None, False),
    ],
)
def test_subject_needs_half_the_gold_words(
    tmp_path: Path, predicted: str | None, right: bool
) -> None:
    g = golden(
        tmp_path,
        "statistics:\n  - {section: 2, value: 268,"
        " subject: representatives from the private sector}\n",
    )
    row = {"section": 2, "value": 268.0, "subject": predicted, "text": "268"}
    stats = scored(g, statistics=[row]).tables["statistics"]
    assert (stats.found, stats.fields["subject"].right) == (1, int(right))


@pytest.mark.parametrize(
    ("value", "found"), [(1630.0, True), (1630.0 + 1e-12, True), (1630.5, False), (163.0, False)]
)
def test_statistic_value_tolerance(tmp_path: Path, value: float, found: bool) -> None:
    g = golden(tmp_path, "statistics:\n  - {section: 1, value: 1630, qualifier: more than}\n")
    row = {"section": 1, "value": value, "qualifier": "More than", "text": "x"}
    stats = scored(g, statistics=[row]).tables["statistics"]
    assert stats.found == int(found)


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("Internet Governance Forum", True),
        ("Governance Forum meeting", True),  # 2 of 4 words: internet, governance, forum, igf
        ("IGF meeting in Baku", False),  # 1 of 4
    ],
)
def test_event_without_gold_start_is_found_by_name(tmp_path: Path, name: str, found: bool) -> None:
    g = golden(
        tmp_path,
        "events:\n  - {section: 2, name: Internet Governance Forum (IGF), city: Baku}\n",
    )
    row = {"section": 2, "name": name, "start_date": date(2012, 11, 6), "city": "Baku"}
    assert scored(g, events=[row]).tables["events"].found == int(found)


def test_event_with_gold_start_is_found_by_start_and_name_is_a_field(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        events:
          - {section: 2, name: Water Week, start: 2012-10-18, end: 2012-10-19, country: KE}
        """,
    )
    row = {
        "section": 2,
        "name": "Budget Hearing",
        "start_date": date(2012, 10, 18),
        "end_date": date(2012, 10, 19),
        "country_code": "ke",
    }
    events = scored(g, events=[row]).tables["events"]
    assert events.found == 1
    assert {f: (s.right, s.total) for f, s in events.fields.items()} == {
        "end": (1, 1),
        "city": (0, 0),
        "country": (1, 1),
        "name": (0, 1),
    }


# --------------------------------------------------------------------------- documents


@pytest.mark.parametrize(
    ("title", "issue_date", "right"),
    [
        ("Monthly Notes", date(2021, 3, 1), {"title": 1, "issue_date": 1}),
        ("monthly notes.", pd.Timestamp("2021-03-01"), {"title": 1, "issue_date": 1}),
        ("Weekly Notes", date(2021, 4, 1), {"title": 0, "issue_date": 0}),
        (None, pd.NaT, {"title": 0, "issue_date": 0}),
    ],
)
def test_document_title_and_issue_date(
    tmp_path: Path, title: str | None, issue_date: object, right: dict[str, int]
) -> None:
    g = golden(tmp_path, "")
    result = evaluate([g], tables(title=title, issue_date=issue_date))
    docs = result.tables["documents"]
    assert docs.found == 1
    assert {f: s.right for f, s in docs.fields.items()} == right


def test_source_file_in_a_subfolder_matches_the_file_name(tmp_path: Path) -> None:
    g = golden(tmp_path, "places:\n  - {name: Lima}\n")
    result = evaluate([g], tables({"places": [{"name": "Lima"}]}, source=f"2021/{SOURCE}"))
    assert result.missing == ()
    assert result.tables["places"].found == 1


def test_missing_bulletin_is_reported_and_its_entries_missed(tmp_path: Path) -> None:
    present = golden(tmp_path, "places:\n  - {name: Lima}\n", name="a")
    absent = golden(tmp_path, "places:\n  - {name: Quito}\n", source="bulletin-b.txt", name="b")
    t = tables({"places": [{"name": "Lima"}]})
    # A prediction of another, unscored document is not counted.
    t["places"] = pd.concat([t["places"], frame("places", [{"doc_id": "d9", "name": "Oslo"}])])
    result = evaluate([present, absent], t)
    assert result.missing == (absent.path,)
    assert result.documents[1].doc_id is None
    places = result.tables["places"]
    assert (places.gold, places.predicted, places.found, places.recall) == (2, 1, 1, 0.5)
    assert result.tables["documents"].recall == 0.5
    report = format_report(result)
    assert "MISSING" in report
    assert str(absent.path) in report


def test_two_golden_files_for_one_bulletin_are_an_error(tmp_path: Path) -> None:
    first = golden(tmp_path, "", name="a")
    second = golden(tmp_path, "", name="b")
    with pytest.raises(GoldenFileError, match=r"b\.gold\.yaml"):
        evaluate([first, second], tables())


# --------------------------------------------------------------------------- scores and output


def test_empty_table_scores_are_none(tmp_path: Path) -> None:
    g = golden(tmp_path, "places:\n  - {name: Lima}\n")
    result = scored(g, places=[{"name": "Lima"}])
    people = result.tables["people"]
    assert (people.precision, people.recall, people.f1) == (None, None, None)
    scores = table_scores(result)
    assert scores["people"] is None
    assert scores["places"] == 1.0
    assert re.search(r"^people\s+0\s+0\s+0\s+0\s+-\s+-\s+-$", format_report(result), re.M)


def test_predictions_without_gold_give_f1_zero(tmp_path: Path) -> None:
    g = golden(tmp_path, "")
    people = scored(g, people=[{"name": "Ana Lima"}]).tables["people"]
    assert (people.precision, people.recall, people.f1) == (0.0, None, 0.0)


def test_details_and_json(tmp_path: Path) -> None:
    g = golden(
        tmp_path,
        """
        people:
          - {name: Ana Lima, role: Director}
          - {name: Rui Costa}
        """,
    )
    result = scored(g, people=[{"name": "Ana Lima", "role": "Adviser"}, {"name": "Eva Dias"}])
    details = format_report(result, details=True)
    assert "missed  #1 {name: Rui Costa}" in details
    assert "wrong   row 1: name='Eva Dias'" in details
    assert "role expected 'Director', predicted 'Adviser' (row 0)" in details
    assert "missed" not in format_report(result)
    data = json.loads(json.dumps(evaluation_to_json(result)))
    assert data["tables"]["people"]["f1"] == 0.5
    assert data["tables"]["people"]["fields"]["role"] == {"right": 0, "total": 1, "accuracy": 0.0}
    assert data["documents"][0]["missed"] == [
        {"table": "people", "index": 1, "entry": "{name: Rui Costa}"}
    ]
    [error] = data["documents"][0]["field_errors"]
    assert (error["field"], error["row"]) == ("role", 0)


def test_missing_column_is_named(tmp_path: Path) -> None:
    g = golden(tmp_path, "")
    t = tables()
    t["people"] = t["people"].drop(columns=["role"])
    with pytest.raises(ValueError, match=r"people.*role"):
        evaluate([g], t)


# --------------------------------------------------------------------------- malformed files


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("document: {source: a.txt}\npeple: []\n", "unknown top-level key 'peple'"),
        ("people: []\n", "missing the `document` key"),
        ("document: {title: X}\n", "document: missing required key 'source'"),
        (
            "document: {source: a.txt, issue_date: March 2021}\n",
            "issue_date: expected a year-month",
        ),
        ("document: {source: a.txt}\npeople:\n  - {nam: Ana}\n", "people[0]: unknown key 'nam'"),
        (
            "document: {source: a.txt}\npeople:\n  - {role: Chief}\n",
            "people[0]: missing required key 'name'",
        ),
        (
            "document: {source: a.txt}\npeople:\n  - {name: null}\n",
            "people[0]: required key 'name' is null",
        ),
        (
            "document: {source: a.txt}\npeople:\n  - {name: 12}\n",
            "people[0]: name: expected a string",
        ),
        ("document: {source: a.txt}\npeople:\n  - {name: []}\n", "people[0]: name: empty list"),
        ("document: {source: a.txt}\npeople:\n  - Ana Lima\n", "people[0]: expected a mapping"),
        ("document: {source: a.txt}\npeople: {name: Ana}\n", "people: expected a list"),
        (
            "document: {source: a.txt}\nplaces:\n  - {name: Oslo, country: NO}\n",
            "places[0]: country: expected a string",
        ),  # YAML reads NO as false
        (
            "document: {source: a.txt}\nplaces:\n  - {name: Oslo, country: Norway}\n",
            "places[0]: country: expected an ISO 3166-1 alpha-2 code",
        ),
        (
            "document: {source: a.txt}\nstatistics:\n  - {section: 1, subject: towns}\n",
            "statistics[0]: missing required key 'value'",
        ),
        (
            "document: {source: a.txt}\nstatistics:\n  - {value: many}\n",
            "statistics[0]: value: expected a number",
        ),
        (
            "document: {source: a.txt}\nstatistics:\n  - {value: 3, section: '2'}\n",
            "statistics[0]: section: expected a whole number or null",
        ),
        (
            "document: {source: a.txt}\nsections:\n  - {title: null}\n",
            "sections[0]: a section needs a 'number' or a 'title'",
        ),
        (
            "document: {source: a.txt}\nsections:\n  - {number: 1, section: 1}\n",
            "sections[0]: unknown key 'section'",
        ),
        (
            "document: {source: a.txt}\ndates:\n  - {start: 2012-10-18}\n",
            "dates[0]: missing required key 'end'",
        ),
        (
            "document: {source: a.txt}\ndates:\n  - {start: 18 October 2012, end: 2012-10-18}\n",
            "dates[0]: start: expected a date like 2012-10-18",
        ),
        (
            "document: {source: a.txt}\ndates:\n  - {start: 2012-13-01, end: 2012-10-18}\n",
            "dates[0]: start: not a calendar date",
        ),
        (
            "document: {source: a.txt}\ndates:\n  - {start: 2012-XX-40, end: 2012-10-18}\n",
            "dates[0]: start: not a calendar date",
        ),
        (
            "document: {source: a.txt}\nevents:\n  - {section: 1, city: Baku}\n",
            "events[0]: an event needs a 'name' or a 'start'",
        ),
        (
            "document: {source: a.txt}\nevents_optional:\n  - {name: Week, start: soon}\n",
            "events_optional[0]: start: expected a date",
        ),
        ("document: {source: a.txt}\npeople: [\n", "not valid YAML"),
        ("- just a list\n", "expected a mapping with a `document` key"),
    ],
)
def test_malformed_golden_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.gold.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GoldenFileError) as caught:
        load_golden(path)
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)


def test_load_golden_dir_reads_gold_files_sorted() -> None:
    goldens = load_golden_dir(DATA)
    assert [g.path.name for g in goldens] == ["first.gold.yaml", "second.gold.yaml"]
    assert [g.source for g in goldens] == ["first.txt", "sub/second.txt"]
    second = goldens[1]
    assert second.issue_date == ("2020-XX",)
    assert [e.index for e in second.optional["events"]] == [0]
    assert second.entries["dates"][0].texts["start"] == ("XXXX-05-04",)


def test_load_golden_dir_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(GoldenFileError, match="not a folder"):
        load_golden_dir(tmp_path / "nowhere")


# --------------------------------------------------------------------------- the real golden file


def _fill_digits(pattern: str) -> date:
    """A date matching ``pattern``: X digits filled from 2000-01-01."""
    filler = "2000-01-01"
    return date.fromisoformat(
        "".join(f if p == "X" else p for p, f in zip(pattern, filler, strict=True))
    )


def golden_as_tables(g: Golden, with_optional: bool = False) -> dict[str, pd.DataFrame]:
    """Predicted tables that say exactly what ``g`` says (first alternative of each field)."""
    doc_id = "gold"
    entries = {
        t: list(g.entries[t]) + (list(g.optional[t]) if with_optional else []) for t in g.entries
    }

    def first(entry_texts: Mapping[str, tuple[str, ...]], key: str) -> str | None:
        return entry_texts[key][0] if key in entry_texts else None

    def day(entry_texts: Mapping[str, tuple[str, ...]], key: str) -> date | None:
        return _fill_digits(entry_texts[key][0]) if key in entry_texts else None

    numbers: dict[int | None, str | None] = {None: None}
    for e in entries["sections"]:
        numbers[e.section] = first(e.texts, "title")
    for t in ("dates", "events", "statistics"):
        for e in entries[t]:
            if e.has_section:
                numbers.setdefault(e.section, None)
    issue = g.issue_date[0] if g.issue_date else None
    out = {
        "documents": frame(
            "documents",
            [
                {
                    "doc_id": doc_id,
                    "source_file": g.source,
                    "title": g.title[0] if g.title else None,
                    "issue_date": _fill_digits(f"{issue}-01") if issue else None,
                }
            ],
        ),
        "sections": frame(
            "sections",
            [
                {"doc_id": doc_id, "section_id": section_id(n, doc_id), "number": n, "title": t}
                for n, t in numbers.items()
            ],
        ),
        "people": frame(
            "people",
            [
                {
                    "doc_id": doc_id,
                    **{k: first(e.texts, k) for k in ("name", "honorific", "role", "organisation")},
                }
                for e in entries["people"]
            ],
        ),
        "organisations": frame(
            "organisations",
            [
                {
                    "doc_id": doc_id,
                    "name": first(e.texts, "name"),
                    "acronym": first(e.texts, "acronym"),
                }
                for e in entries["organisations"]
            ],
        ),
        "places": frame(
            "places",
            [
                {
                    "doc_id": doc_id,
                    "name": first(e.texts, "name"),
                    "country_code": first(e.texts, "country"),
                }
                for e in entries["places"]
            ],
        ),
        "dates": frame(
            "dates",
            [
                {
                    "doc_id": doc_id,
                    "section_id": section_id(e.section, doc_id),
                    "text": first(e.texts, "text") or "",
                    "start_date": day(e.texts, "start"),
                    "end_date": day(e.texts, "end"),
                }
                for e in entries["dates"]
            ],
        ),
        "events": frame(
            "events",
            [
                {
                    "doc_id": doc_id,
                    "section_id": section_id(e.section, doc_id),
                    "name": first(e.texts, "name"),
                    "start_date": day(e.texts, "start"),
                    "end_date": day(e.texts, "end"),
                    "city": first(e.texts, "city"),
                    "country_code": first(e.texts, "country"),
                }
                for e in entries["events"]
            ],
        ),
        "statistics": frame(
            "statistics",
            [
                {
                    "doc_id": doc_id,
                    "section_id": section_id(e.section, doc_id),
                    "value": e.value,
                    **{k: first(e.texts, k) for k in ("qualifier", "unit", "subject")},
                }
                for e in entries["statistics"]
            ],
        ),
    }
    # Column types as pandas may read them back: timestamps with NaT, nullable ints and strings.
    for t in ("dates", "events"):
        for c in ("start_date", "end_date"):
            out[t][c] = pd.to_datetime(out[t][c])
    out["sections"]["number"] = out["sections"]["number"].astype("Int32")
    out["people"]["role"] = out["people"]["role"].astype("string")
    return out


@pytest.mark.shared
@pytest.mark.parametrize("with_optional", [False, True])
def test_real_golden_scores_one_against_itself(shared_dir: Path, with_optional: bool) -> None:
    goldens = load_golden_dir(shared_dir / "golden")
    assert goldens, "no golden files"
    for g in goldens:
        result = evaluate([g], golden_as_tables(g, with_optional=with_optional))
        assert result.missing == ()
        assert result.documents[0].wrong == ()
        assert result.documents[0].missed == ()
        assert result.documents[0].field_errors == ()
        for table in TABLES:
            scores = result.tables[table]
            assert scores.f1 == 1.0, (g.path.name, table, scores)
            assert all(f.accuracy in (None, 1.0) for f in scores.fields.values())
            if with_optional and table not in {"documents", "sections"}:
                assert scores.ignored == len(g.optional[table])


@pytest.mark.shared
def test_real_golden_scores_below_one_when_an_entry_is_lost(shared_dir: Path) -> None:
    g = load_golden(shared_dir / "golden" / "dpadm-monthly-2012-11.gold.yaml")
    t = golden_as_tables(g)
    t["statistics"] = t["statistics"].iloc[1:]
    t["people"].loc[0, "role"] = "Officer"
    result = evaluate([g], t)
    stats = result.tables["statistics"]
    assert stats.found == stats.gold - 1
    assert (
        result.tables["people"].fields["role"].right
        == result.tables["people"].fields["role"].total - 1
    )
