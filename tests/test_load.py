"""Loading the tables for analysis: dtypes from the schema, the DuckDB views, a cheap `import pipeline`."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

import pipeline
from pipeline.archive import Previous, link_archive
from pipeline.review import load
from pipeline.review.load import (
    CATEGORICAL_COLUMNS,
    DATE_DTYPE,
    VIEWS,
    connect,
    load_tables,
    load_view,
    pandas_dtype,
    table_dtypes,
)
from pipeline.tables.build import to_arrow
from pipeline.tables.schema import TABLES
from pipeline.tables.store import DUCKDB_FILE, Manifest, write_tables

MAY = """Example Bulletin | May 2020

1. Workshop on Open Budgets in Lisbon

The workshop took place in Lisbon, Portugal, from 4 to 6 May 2020. It was opened by
Ms. Ana Ribeiro, Director at the Budget Office, who spoke
about audits. Over 40 officials attended.

2. Visit to Tallinn

Mr. Jaan Tamm of the Budget Office met the team in Tallinn.
"""

JUNE = """Example Bulletin | June 2020

1. Forum in Porto

Ms. Ana Ribeiro, now with the Audit Court, chaired the forum.
"""


def _row(table: str, *values: Any, **named: Any) -> dict[str, Any]:
    """A row of ``table`` from its first columns in order; the other columns are null."""
    columns = TABLES[table].column_names
    return dict.fromkeys(columns) | dict(zip(columns, values, strict=False)) | named


def _find(text: str, part: str, after: str = "") -> tuple[int, int]:
    start = text.index(part, text.index(after) if after else 0)
    return start, start + len(part)


def _sections(doc_id: str, text: str, headings: list[str]) -> list[dict[str, Any]]:
    starts = [0, *(text.index(h) for h in headings)]
    ends = [*starts[1:], len(text)]
    rows = []
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        title = text[start : text.index("\n", start)].split(". ", 1)[1] if i else None
        rows.append(
            {
                "doc_id": doc_id,
                "section_id": f"{doc_id}-s{i:02d}",
                "number": i or None,
                "title": title,
                "text": text[start:end],
                "char_start": start,
                "char_end": end,
                "page_start": 1,
                "page_end": 1,
            }
        )
    return rows


def _document(doc_id: str, text: str, issue: date, n_sections: int) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "source_file": f"{doc_id}.txt",
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
        "format": "text",
        "encoding": "utf-8",
        "title": text.splitlines()[0],
        "issue_date": issue,
        "issuing_body": None,
        "n_pages": 1,
        "n_sections": n_sections,
        "text": text,
    }


def _mention(doc_id: str, section: int, label: str, span: tuple[int, int], text: str, entity: str | None):
    return {
        "doc_id": doc_id,
        "section_id": f"{doc_id}-s{section:02d}",
        "mention_id": f"{doc_id}-{span[0]}-{label}",
        "label": label,
        "text": text[span[0] : span[1]],
        "char_start": span[0],
        "char_end": span[1],
        "entity_id": entity,
        "page": 1,
    }


def _example_tables() -> dict[str, pa.Table]:
    """Two small bulletins, written by hand: one person in both, with a different organisation."""
    may_sections = _sections("may", MAY, ["1. Workshop", "2. Visit"])
    june_sections = _sections("june", JUNE, ["1. Forum"])
    event_sentence = _find(MAY, "The workshop took place in Lisbon, Portugal, from 4 to 6 May 2020.")
    dates, stat = _find(MAY, "from 4 to 6 May 2020"), _find(MAY, "Over 40")
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [
            _document("may", MAY, date(2020, 5, 1), 3),
            _document("june", JUNE, date(2020, 6, 1), 2),
        ],
        "pages": [
            _row("pages", "may", 1, "text", None, 0, len(MAY)),
            _row("pages", "june", 1, "ocr", 91.5, 0, len(JUNE)),
        ],
        "sections": may_sections + june_sections,
        "mentions": [
            _mention("may", 1, "PLACE", _find(MAY, "Lisbon", "took place"), MAY, "p-lisbon"),
            _mention("may", 1, "PERSON", _find(MAY, "Ana Ribeiro"), MAY, "ana"),
            _mention("may", 1, "ORG", _find(MAY, "Budget Office"), MAY, "budget"),
            _mention("may", 2, "PERSON", _find(MAY, "Jaan Tamm"), MAY, "jaan"),
            _mention("may", 2, "ORG", _find(MAY, "Budget Office", "Jaan"), MAY, "budget"),
            _mention("may", 2, "PLACE", _find(MAY, "Tallinn", "met the team"), MAY, None),
            _mention("june", 1, "PERSON", _find(JUNE, "Ana Ribeiro"), JUNE, "ana"),
            _mention("june", 1, "ORG", _find(JUNE, "Audit Court"), JUNE, "court"),
        ],
        "people": [
            _row("people", "may", "ana", "Ana Ribeiro", "Ms.", "Director", "Budget Office", 2),
            _row("people", "may", "jaan", "Jaan Tamm", "Mr.", None, "Budget Office", 1),
            _row("people", "june", "ana", "Ana Ribeiro", "Ms.", None, "Audit Court", 1),
        ],
        "organisations": [
            _row("organisations", "may", "budget", "Budget Office", None, 2),
            _row("organisations", "june", "court", "Audit Court", None, 1),
        ],
        "places": [
            _row("places", "may", "p-lisbon", "Lisbon", "city", "PT", 38.7, -9.1, 2),
            _row("places", "may", "p-portugal", "Portugal", "country", "PT", None, None, 1),
        ],
        "dates": [
            _row("dates", "may", "may-s01", "d1", MAY[slice(*dates)], date(2020, 5, 4), date(2020, 5, 6))
            | {"granularity": "day", "inferred": False, "char_start": dates[0], "char_end": dates[1]},
        ],
        "events": [
            _row("events", "may", "may-s01", "e1", "Workshop on Open Budgets", "workshop")
            | {"start_date": date(2020, 5, 4), "end_date": date(2020, 5, 6), "city": "Lisbon"}
            | {"country_code": "PT", "organisers": ["Budget Office", "Audit Court"], "participants": []}
            | {"char_start": event_sentence[0], "char_end": event_sentence[1]},
            _row("events", "may", "may-s02", "e2", "Visit to Tallinn", "visit", participants=["Jaan Tamm"]),
        ],
        "statistics": [
            _row("statistics", "may", "may-s01", "s1", 40.0, "over", None, "officials", "Over 40")
            | {"sentence": "Over 40 officials attended.", "char_start": stat[0], "char_end": stat[1]},
        ],
        "failures": [],
    }
    tables = {name: to_arrow(TABLES[name], rows.get(name, [])) for name in TABLES}
    # Linked across the archive as a run links them: Ana Ribeiro is one entity in both bulletins.
    return {**tables, **link_archive(tables, Previous())}


@pytest.fixture(scope="module")
def example_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example-tables")
    write_tables(out, _example_tables(), Manifest())
    return out


@pytest.fixture(scope="module")
def example(example_dir: Path) -> dict[str, pd.DataFrame]:
    return load_tables(example_dir)


@pytest.fixture(scope="module")
def example_con(example_dir: Path):
    con = connect(example_dir)
    yield con
    con.close()


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    relation = con.sql(sql)
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


# --- dtypes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "arrow_type", "nullable", "expected"),
    [
        ("issue_date", pa.date32(), True, DATE_DTYPE),
        ("first_issue", pa.timestamp("us"), True, DATE_DTYPE),
        ("n_pages", pa.int32(), False, "Int32"),
        ("n_rows", pa.int64(), True, "Int64"),
        ("lat", pa.float64(), True, "float64"),
        ("inferred", pa.bool_(), False, "bool"),
        ("inferred", pa.bool_(), True, "boolean"),
        ("label", pa.string(), False, "category"),
        ("event_type", pa.string(), True, "category"),
        ("name", pa.string(), False, "str"),
        ("organisers", pa.list_(pa.string()), True, "object"),
    ],
)
def test_pandas_dtype(name: str, arrow_type: pa.DataType, nullable: bool, expected: str) -> None:
    assert pandas_dtype(name, arrow_type, nullable) == expected


def test_pandas_dtype_refuses_a_type_it_does_not_know() -> None:
    with pytest.raises(TypeError, match="blob"):
        pandas_dtype("blob", pa.binary())


def test_every_categorical_column_is_a_declared_string_column() -> None:
    declared = {c.name: c.type for t in TABLES.values() for c in t.columns}
    for name in CATEGORICAL_COLUMNS:
        assert declared.get(name) == pa.string(), name


def test_loaded_columns_and_dtypes_are_the_declared_ones(example: dict[str, pd.DataFrame]) -> None:
    assert list(example) == list(TABLES)
    for name, frame in example.items():
        assert list(frame.columns) == TABLES[name].column_names
        assert {c: str(t) for c, t in frame.dtypes.items()} == {
            c: str(pd.api.types.pandas_dtype(t)) for c, t in table_dtypes(name).items()
        }, name


def test_dates_are_datetimes_and_missing_values_are_missing(example: dict[str, pd.DataFrame]) -> None:
    events = example["events"].set_index("event_id")
    assert events.loc["e1", "start_date"] == pd.Timestamp("2020-05-04")
    assert str(events["start_date"].dtype) == DATE_DTYPE
    assert pd.isna(events.loc["e2", "start_date"])
    assert pd.isna(events.loc["e2", "char_start"]) and events["char_start"].dtype == "Int32"
    sections = example["sections"]
    assert sections["number"].isna().sum() == 2  # the two preambles
    assert example["documents"]["issue_date"].dt.month.tolist() == [6, 5]  # sorted by doc_id


def test_lists_stay_lists(example: dict[str, pd.DataFrame]) -> None:
    events = example["events"].set_index("event_id")
    assert events.loc["e1", "organisers"] == ["Budget Office", "Audit Court"]
    assert events.loc["e1", "participants"] == []
    assert events.loc["e2", "organisers"] is None
    assert events["organisers"].explode().dropna().tolist() == ["Budget Office", "Audit Court"]


def test_pages_say_how_each_page_was_read(example: dict[str, pd.DataFrame]) -> None:
    pages = example["pages"]
    assert str(pages["source"].dtype) == "category" and str(pages["page"].dtype) == "Int32"
    by_doc = pages.set_index("doc_id")
    assert by_doc["source"].to_dict() == {"may": "text", "june": "ocr"}
    assert by_doc["ocr_confidence"].isna().to_dict() == {"may": True, "june": False}


def test_categories_hold_the_values(example: dict[str, pd.DataFrame]) -> None:
    assert sorted(example["events"]["event_type"].cat.categories) == ["visit", "workshop"]
    assert example["places"]["kind"].value_counts().to_dict() == {"city": 1, "country": 1}


def test_an_empty_table_keeps_its_dtypes(example: dict[str, pd.DataFrame]) -> None:
    failures = example["failures"]
    assert failures.empty
    assert str(failures["severity"].dtype) == "category" and str(failures["error"].dtype) == "str"


def test_load_tables_by_name(example_dir: Path) -> None:
    assert list(load_tables(example_dir, tables=["people", "events"])) == ["people", "events"]
    with pytest.raises(KeyError, match="no table meetings"):
        load_tables(example_dir, tables=["meetings"])


def test_a_folder_without_tables_says_how_to_make_them(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make run"):
        load_tables(tmp_path)
    with pytest.raises(FileNotFoundError, match="make run"):
        connect(tmp_path / "missing")


# --- connect and the views ----------------------------------------------------------------------


def test_connect_opens_the_duckdb_file_read_only(example_dir: Path) -> None:
    before = (example_dir / DUCKDB_FILE).read_bytes()
    con = connect(example_dir)
    try:
        assert con.execute("SELECT count(*) FROM events_detailed").fetchone() == (2,)
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("CREATE TABLE notes (x INTEGER)")
    finally:
        con.close()
    assert (example_dir / DUCKDB_FILE).read_bytes() == before


def test_connect_builds_the_database_from_parquet_without_the_duckdb_file(
    tmp_path: Path, example_con: duckdb.DuckDBPyConnection
) -> None:
    write_tables(tmp_path, _example_tables(), Manifest())
    (tmp_path / DUCKDB_FILE).unlink()
    con = connect(tmp_path)
    try:
        for name in [*TABLES, *VIEWS]:
            query = f'SELECT * FROM "{name}" ORDER BY ALL'
            assert con.sql(query).fetchall() == example_con.sql(query).fetchall(), name
    finally:
        con.close()


def test_every_view_is_listed_and_queryable(example_con: duckdb.DuckDBPyConnection) -> None:
    query = "SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal"
    listed = {row[0] for row in example_con.sql(query).fetchall()}
    assert listed == set(VIEWS)
    for name, view in VIEWS.items():
        assert view.description and example_con.sql(f"SELECT * FROM {name}").fetchall(), name


def test_events_detailed_joins_bulletin_section_city_and_sentence(
    example_con: duckdb.DuckDBPyConnection,
) -> None:
    rows = {r["event_id"]: r for r in _rows(example_con, "SELECT * FROM events_detailed")}
    workshop = rows["e1"]
    assert workshop["document_title"] == "Example Bulletin | May 2020"
    assert workshop["issue_date"] == date(2020, 5, 1)
    assert workshop["section_number"] == 1
    assert workshop["section_title"] == "Workshop on Open Budgets in Lisbon"
    assert workshop["organisers"] == ["Budget Office", "Audit Court"]
    assert workshop["organisers_text"] == "Budget Office; Audit Court"
    assert workshop["participants_text"] == ""
    assert (workshop["lat"], workshop["lon"], workshop["n_days"]) == (38.7, -9.1, 3)
    assert workshop["sentence"] == "The workshop took place in Lisbon, Portugal, from 4 to 6 May 2020."
    visit = rows["e2"]
    assert visit["lat"] is None and visit["sentence"] is None and visit["organisers_text"] is None
    assert visit["section_title"] == "Visit to Tallinn"


def test_people_across_bulletins_has_one_row_per_person(example_con: duckdb.DuckDBPyConnection) -> None:
    rows = {r["person_id"]: r for r in _rows(example_con, "SELECT * FROM people_across_bulletins")}
    assert set(rows) == {"ana", "jaan"}
    ana = rows["ana"]
    assert ana["name"] == "Ana Ribeiro"
    assert ana["organisations"] == ["Audit Court", "Budget Office"]
    assert ana["roles"] == ["Director"]  # a missing role is not a value
    assert ana["bulletins"] == ["Example Bulletin | June 2020", "Example Bulletin | May 2020"]
    assert (ana["n_bulletins"], ana["n_mentions"]) == (2, 3)
    assert (ana["first_issue"], ana["last_issue"]) == (date(2020, 5, 1), date(2020, 6, 1))
    assert rows["jaan"]["n_bulletins"] == 1


def test_statistics_detailed_names_section_and_bulletin(example_con: duckdb.DuckDBPyConnection) -> None:
    (row,) = _rows(example_con, "SELECT * FROM statistics_detailed")
    assert row["section_title"] == "Workshop on Open Budgets in Lisbon"
    assert row["document_title"] == "Example Bulletin | May 2020"
    assert (row["value"], row["subject"]) == (40.0, "officials")


@pytest.mark.parametrize(
    ("doc_id", "text", "snippet"),
    [
        # a sentence around, not the whole section
        ("may", "Lisbon", "The workshop took place in Lisbon, Portugal, from 4 to 6 May 2020."),
        # "Ms." does not end a sentence; a line break is white space
        (
            "may",
            "Ana Ribeiro",
            "It was opened by Ms. Ana Ribeiro, Director at the Budget Office, who spoke about audits.",
        ),
        # the full stop right after the mention ends the sentence
        ("may", "Tallinn", "Mr. Jaan Tamm of the Budget Office met the team in Tallinn."),
        # a heading is cut from the text after it by the blank line
        ("june", "Audit Court", "Ms. Ana Ribeiro, now with the Audit Court, chaired the forum."),
    ],
)
def test_mentions_in_context_gives_the_sentence(
    example_con: duckdb.DuckDBPyConnection, doc_id: str, text: str, snippet: str
) -> None:
    rows = _rows(
        example_con,
        f"SELECT * FROM mentions_in_context WHERE doc_id = '{doc_id}' AND text = '{text}'",
    )
    assert [r["snippet"] for r in rows] == [snippet]
    (row,) = rows
    assert row["context_before"] + row["text"] + row["context_after"] == snippet


def test_mentions_in_context_keeps_whole_words_when_the_window_is_cut(tmp_path: Path) -> None:
    filler = "word " * 80
    text = f"Long Bulletin\n\n1. Item\n\nIt {filler}and then Somebody spoke {filler}and so on\n"
    tables = _example_tables()
    start = text.index("Somebody")
    tables["documents"] = to_arrow(TABLES["documents"], [_document("long", text, date(2020, 1, 1), 2)])
    tables["pages"] = to_arrow(TABLES["pages"], [_row("pages", "long", 1, "text", None, 0, len(text))])
    tables["sections"] = to_arrow(TABLES["sections"], _sections("long", text, ["1. Item"]))
    tables["mentions"] = to_arrow(
        TABLES["mentions"], [_mention("long", 1, "PERSON", (start, start + 8), text, None)]
    )
    for name in ("people", "organisations", "places", "dates", "events", "statistics"):
        tables[name] = tables[name].slice(0, 0)
    for name in ("entities", "archive_events"):  # no row names them now
        tables[name] = tables[name].slice(0, 0)
    write_tables(tmp_path, tables, Manifest())
    (row,) = load_view("mentions_in_context", tmp_path).to_dict("records")
    assert row["context_before"].startswith("word ") and row["context_before"].endswith("and then ")
    assert row["context_after"].startswith(" spoke word") and row["context_after"].endswith(" word")
    assert len(row["context_before"]) <= load._CONTEXT_CHARS


def test_co_mentions_pairs_people_and_organisations_of_a_section(
    example_con: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(example_con, "SELECT * FROM co_mentions")
    pairs = {(r["doc_id"], frozenset({r["name_a"], r["name_b"]})): r["n_sections"] for r in rows}
    assert pairs == {
        ("may", frozenset({"Ana Ribeiro", "Budget Office"})): 1,
        ("may", frozenset({"Jaan Tamm", "Budget Office"})): 1,
        ("june", frozenset({"Ana Ribeiro", "Audit Court"})): 1,
    }
    assert all(r["entity_a"] < r["entity_b"] for r in rows)
    assert {r["document_title"] for r in rows if r["doc_id"] == "june"} == {"Example Bulletin | June 2020"}


def test_load_view_has_the_table_dtypes(example_dir: Path) -> None:
    events = load_view("events_detailed", example_dir)
    assert str(events["start_date"].dtype) == DATE_DTYPE and str(events["issue_date"].dtype) == DATE_DTYPE
    assert str(events["event_type"].dtype) == "category" and str(events["section_number"].dtype) == "Int32"
    assert events.set_index("event_id").loc["e1", "organisers"] == ["Budget Office", "Audit Court"]
    people = load_view("people_across_bulletins", example_dir)
    assert str(people["n_mentions"].dtype) == "Int32"
    with pytest.raises(KeyError, match="no view"):
        load_view("events", example_dir)


def test_entity_appearances_follow_a_person_across_bulletins(example_con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(
        example_con,
        "SELECT entity_name, source_file, text, snippet FROM entity_appearances "
        "WHERE entity_name = 'Ana Ribeiro' ORDER BY issue_date",
    )
    assert [(r["source_file"], r["text"]) for r in rows] == [
        ("may.txt", "Ana Ribeiro"),
        ("june.txt", "Ana Ribeiro"),
    ]
    assert rows[1]["snippet"] == "Ms. Ana Ribeiro, now with the Audit Court, chaired the forum."


def test_archive_co_mentions_count_the_sections_a_pair_shares(example_con: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(example_con, "SELECT name_a, name_b, n_sections, n_bulletins FROM archive_co_mentions")
    pairs = {frozenset((r["name_a"], r["name_b"])): (r["n_sections"], r["n_bulletins"]) for r in rows}
    assert pairs == {
        frozenset(("Ana Ribeiro", "Budget Office")): (1, 1),
        frozenset(("Jaan Tamm", "Budget Office")): (1, 1),
        frozenset(("Ana Ribeiro", "Audit Court")): (1, 1),
    }


def test_archive_event_reports_put_each_report_beside_its_event(
    example_con: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(example_con, "SELECT name, status, n_reports FROM archive_event_reports ORDER BY ALL")
    assert [(r["name"], r["n_reports"]) for r in rows] == [
        ("Visit to Tallinn", 1),
        ("Workshop on Open Budgets", 1),
    ]
    assert {r["status"] for r in rows} == {"held", "unknown"}  # "took place"; no words for the visit


# --- the package ----------------------------------------------------------------------------------


def test_import_pipeline_stays_cheap_and_exports_the_loaders() -> None:
    code = (
        "import sys, pipeline\n"
        "heavy = {'pandas', 'duckdb', 'pyarrow', 'spacy'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
        "assert pipeline.load_tables.__module__ == 'pipeline.review.load'\n"
        "assert {'pandas', 'duckdb'} <= set(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    assert pipeline.connect is connect and pipeline.load_tables is load_tables
    with pytest.raises(AttributeError):
        _ = pipeline.no_such_thing


# --- the sample bulletins -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples_dir(tmp_path_factory: pytest.TempPathFactory, sample_tables: dict[str, pa.Table]) -> Path:
    out = tmp_path_factory.mktemp("samples-load")
    write_tables(out, sample_tables, Manifest())
    return out


@pytest.mark.model
def test_samples_load_with_the_declared_dtypes(samples_dir: Path, sample_tables: dict[str, pa.Table]) -> None:
    frames = load_tables(samples_dir)
    for name, frame in frames.items():
        assert len(frame) == sample_tables[name].num_rows, name
        assert {c: str(t) for c, t in frame.dtypes.items()} == {
            c: str(pd.api.types.pandas_dtype(t)) for c, t in table_dtypes(name).items()
        }, name
    assert frames["events"]["start_date"].notna().any()


@pytest.mark.model
def test_sample_views_keep_every_row(samples_dir: Path, sample_tables: dict[str, pa.Table]) -> None:
    con = connect(samples_dir)
    try:
        count = {name: con.execute(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in VIEWS}
        people = len(set(sample_tables["people"]["person_id"].to_pylist()))
        assert count["events_detailed"] == sample_tables["events"].num_rows
        assert count["statistics_detailed"] == sample_tables["statistics"].num_rows
        assert count["mentions_in_context"] == sample_tables["mentions"].num_rows
        assert count["people_across_bulletins"] == people
        missing = con.execute(
            "SELECT count(*) FROM mentions_in_context WHERE snippet IS NULL OR strpos(snippet, text) = 0"
        ).fetchone()
        assert missing == (0,)
    finally:
        con.close()
