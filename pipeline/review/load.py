"""The output tables for analysis: pandas DataFrames with proper dtypes, or a DuckDB connection.

``load_tables(path)`` reads the Parquet files; the dtypes follow from the declared schema
(``pipeline.tables.schema.TABLES``): dates are ``datetime64[us]`` (midnight; ``.dt.date`` gives
``datetime.date``), integers nullable ``Int32``, low-cardinality strings ``category``, other
strings ``str``, lists Python lists. ``connect(path)`` gives DuckDB with the tables and the
convenience views of ``VIEWS``; ``load_view(name, path)`` gives one view as a DataFrame.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from pipeline.tables.schema import TABLES
from pipeline.tables.store import DUCKDB_FILE, read_tables

DEFAULT_PATH = "data/processed"
DATE_DTYPE = "datetime64[us]"
# String columns with a handful of distinct values, in the tables and the views.
CATEGORICAL_COLUMNS = frozenset(
    {
        "label",
        "granularity",
        "event_type",
        "kind",
        "format",
        "severity",
        "stage",
        "source",
        "status",
        "id_kind",
        "change",
    }
)


@dataclass(frozen=True)
class View:
    name: str
    description: str
    sql: str


# A sentence ends at a full stop (or ! ?) after two lowercase letters, a digit, `%` or `)`, so
# that "Mr." and "U.N." do not end one; the text right after a mention may start with the stop.
# Written for a SQL string literal, so the quote is doubled.
_SENTENCE_END = r"""(?:[a-z]{2}|[0-9%)])[.!?]["'')]*"""
_FIRST_SENTENCE_END = rf"""(?s)^([.!?]["'')]*|.*?{_SENTENCE_END})(\s|$)"""
_CONTEXT_CHARS = 300

VIEWS: dict[str, View] = {
    v.name: v
    for v in (
        View(
            "events_detailed",
            "Events with their bulletin (title, issue date, file), section, city coordinates, "
            "organisers and participants as lists and as `; `-joined text, and the sentence reporting it.",
            """
            SELECT e.event_id, e.doc_id, d.title AS document_title, d.issue_date, d.source_file,
                   d.format, e.section_id, s.number AS section_number, s.title AS section_title,
                   e.name, e.event_type, e.start_date, e.end_date,
                   CAST(date_diff('day', e.start_date, e.end_date) + 1 AS INTEGER) AS n_days,
                   e.city, e.country_code, c.lat, c.lon,
                   e.organisers, e.participants,
                   array_to_string(e.organisers, '; ') AS organisers_text,
                   array_to_string(e.participants, '; ') AS participants_text,
                   e.char_start, e.char_end,
                   substr(d.text, e.char_start + 1, e.char_end - e.char_start) AS sentence,
                   e.status, e.archive_event_id
            FROM events e
            JOIN documents d ON d.doc_id = e.doc_id
            LEFT JOIN sections s ON s.section_id = e.section_id
            LEFT JOIN (
                SELECT doc_id, name, any_value(lat) AS lat, any_value(lon) AS lon
                FROM places WHERE kind = 'city' GROUP BY doc_id, name
            ) c ON c.doc_id = e.doc_id AND c.name = e.city
            """,
        ),
        View(
            "people_across_bulletins",
            "One row per person (`person_id`) over all bulletins: the names, honorifics, roles and "
            "organisations recorded, the bulletins (titles and files), first and last issue, mentions.",
            """
            SELECT p.person_id,
                   mode(p.name ORDER BY p.name) AS name,
                   list_sort(list_distinct(list(p.name))) AS names,
                   list_sort(list_distinct(list(p.honorific))) AS honorifics,
                   list_sort(list_distinct(list(p.role))) AS roles,
                   list_sort(list_distinct(list(p.organisation))) AS organisations,
                   list_sort(list_distinct(list(d.title))) AS bulletins,
                   list_sort(list(d.source_file)) AS source_files,
                   CAST(count(*) AS INTEGER) AS n_bulletins,
                   CAST(sum(p.n_mentions) AS INTEGER) AS n_mentions,
                   min(d.issue_date) AS first_issue, max(d.issue_date) AS last_issue
            FROM people p JOIN documents d ON d.doc_id = p.doc_id
            GROUP BY p.person_id
            """,
        ),
        View(
            "statistics_detailed",
            "Statistics with their bulletin (title, issue date, file) and section (number, title).",
            """
            SELECT st.stat_id, st.doc_id, d.title AS document_title, d.issue_date, d.source_file,
                   st.section_id, s.number AS section_number, s.title AS section_title,
                   st.value, st.qualifier, st.unit, st.subject, st.text, st.sentence,
                   st.char_start, st.char_end
            FROM statistics st
            JOIN documents d ON d.doc_id = st.doc_id
            LEFT JOIN sections s ON s.section_id = st.section_id
            """,
        ),
        View(
            "mentions_in_context",
            "Every mention with the text around it in its section, cut at sentence ends "
            f"(at most {_CONTEXT_CHARS} characters each side, white space collapsed): "
            "`context_before || text || context_after` is `snippet`.",
            f"""
            WITH windows AS (
                SELECT m.*, d.title AS document_title, s.title AS section_title,
                       substr(d.text, greatest(m.char_start - {_CONTEXT_CHARS}, s.char_start) + 1,
                              m.char_start - greatest(m.char_start - {_CONTEXT_CHARS}, s.char_start))
                           AS window_before,
                       substr(d.text, m.char_end + 1,
                              least(m.char_end + {_CONTEXT_CHARS}, s.char_end) - m.char_end) AS window_after,
                       m.char_start - {_CONTEXT_CHARS} > s.char_start AS clipped_before,
                       m.char_end + {_CONTEXT_CHARS} < s.char_end AS clipped_after
                FROM mentions m
                JOIN documents d ON d.doc_id = m.doc_id
                JOIN sections s ON s.section_id = m.section_id
            ), whole_words AS (
                -- a window cut inside a word loses that word
                SELECT *,
                       CASE WHEN clipped_before THEN regexp_replace(window_before, '^\\S*', '')
                            ELSE window_before END AS raw_before,
                       CASE WHEN clipped_after THEN regexp_replace(window_after, '\\S*$', '')
                            ELSE window_after END AS raw_after
                FROM windows
            ), cut AS (
                SELECT *,
                       regexp_replace(
                           regexp_replace(raw_before, '(?s)^.*\\n[ \\t]*\\n', ''),
                           '(?s)^.*{_SENTENCE_END}\\s+', '') AS before_cut,
                       regexp_replace(raw_after, '(?s)\\n[ \\t]*\\n.*$', '') AS after_para
                FROM whole_words
            ), sentence AS (
                -- up to the first sentence end, which may be the stop right after the mention
                SELECT *,
                       CASE WHEN regexp_matches(after_para, '{_FIRST_SENTENCE_END}')
                            THEN regexp_extract(after_para, '{_FIRST_SENTENCE_END}', 1)
                            ELSE after_para END AS after_cut
                FROM cut
            ), collapsed AS (
                SELECT *,
                       ltrim(regexp_replace(before_cut, '\\s+', ' ', 'g')) AS context_before,
                       rtrim(regexp_replace(after_cut, '\\s+', ' ', 'g')) AS context_after
                FROM sentence
            )
            SELECT mention_id, doc_id, document_title, section_id, section_title, label, text,
                   entity_id, page, char_start, char_end, context_before, context_after,
                   context_before || text || context_after AS snippet, archive_entity_id
            FROM collapsed
            """,
        ),
        View(
            "co_mentions",
            "Who appears with whom: pairs of people and organisations named in the same section, one row "
            "per pair and bulletin, with the number of sections they share there (`entity_a` < `entity_b`).",
            """
            WITH named AS (
                SELECT 'PERSON' AS label, person_id AS entity_id, mode(name ORDER BY name) AS name
                FROM people GROUP BY person_id
                UNION ALL
                SELECT 'ORG', org_id, mode(name ORDER BY name) FROM organisations GROUP BY org_id
            ), present AS (
                SELECT DISTINCT m.doc_id, m.section_id, m.label, m.entity_id, n.name
                FROM mentions m JOIN named n ON n.label = m.label AND n.entity_id = m.entity_id
            )
            SELECT a.doc_id, d.title AS document_title, d.issue_date,
                   a.entity_id AS entity_a, a.label AS label_a, a.name AS name_a,
                   b.entity_id AS entity_b, b.label AS label_b, b.name AS name_b,
                   CAST(count(*) AS INTEGER) AS n_sections
            FROM present a
            JOIN present b ON b.section_id = a.section_id AND a.entity_id < b.entity_id
            JOIN documents d ON d.doc_id = a.doc_id
            GROUP BY ALL
            """,
        ),
        View(
            "entity_appearances",
            "Every mention of an entity across the archive, with its bulletin (title, issue date, file), "
            "section and sentence: where each person, organisation or place appears.",
            """
            SELECT e.entity_id, e.kind, e.name AS entity_name, m.mention_id, m.doc_id, m.document_title,
                   d.issue_date, d.source_file, m.section_id, m.section_title, m.text, m.snippet,
                   m.context_before, m.context_after, m.char_start, m.char_end, m.page
            FROM mentions_in_context m
            JOIN entities e ON e.entity_id = m.archive_entity_id
            JOIN documents d ON d.doc_id = m.doc_id
            """,
        ),
        View(
            "archive_event_reports",
            "Every report of an activity across the archive: the archive event (name, status, first day) "
            "beside each bulletin's report of it (its name, status, first day, city and sentence).",
            """
            SELECT a.archive_event_id, a.name AS archive_event_name, a.status AS archive_status,
                   a.start_date AS archive_start_date, a.n_reports,
                   e.event_id, e.doc_id, e.document_title, e.issue_date, e.source_file,
                   e.name, e.status, e.event_type, e.start_date, e.end_date, e.city, e.country_code,
                   e.sentence
            FROM events_detailed e
            JOIN archive_events a ON a.archive_event_id = e.archive_event_id
            """,
        ),
        View(
            "archive_co_mentions",
            "Who appears with whom across the archive: pairs of people and organisations (`entities`) named "
            "in the same section, one row per pair, with the sections and bulletins they share and the first "
            "and last issue (`entity_a` < `entity_b`).",
            """
            WITH present AS (
                SELECT DISTINCT m.doc_id, m.section_id, m.archive_entity_id AS entity_id
                FROM mentions m JOIN entities e ON e.entity_id = m.archive_entity_id
                WHERE e.kind IN ('person', 'organisation')
            )
            SELECT a.entity_id AS entity_a, ea.kind AS kind_a, ea.name AS name_a,
                   b.entity_id AS entity_b, eb.kind AS kind_b, eb.name AS name_b,
                   CAST(count(*) AS INTEGER) AS n_sections,
                   CAST(count(DISTINCT a.doc_id) AS INTEGER) AS n_bulletins,
                   min(d.issue_date) AS first_issue, max(d.issue_date) AS last_issue
            FROM present a
            JOIN present b ON b.section_id = a.section_id AND a.entity_id < b.entity_id
            JOIN entities ea ON ea.entity_id = a.entity_id
            JOIN entities eb ON eb.entity_id = b.entity_id
            JOIN documents d ON d.doc_id = a.doc_id
            GROUP BY a.entity_id, ea.kind, ea.name, b.entity_id, eb.kind, eb.name
            """,
        ),
    )
}


def pandas_dtype(name: str, arrow_type: pa.DataType, nullable: bool = True) -> Any:
    """The pandas dtype of a column of the tables or views; ``object`` for lists."""
    if pa.types.is_date(arrow_type) or pa.types.is_timestamp(arrow_type):
        return DATE_DTYPE
    if pa.types.is_integer(arrow_type):
        return "Int64" if arrow_type.bit_width > 32 else "Int32"
    if pa.types.is_floating(arrow_type):
        return "float64"
    if pa.types.is_boolean(arrow_type):
        return "boolean" if nullable else "bool"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "category" if name in CATEGORICAL_COLUMNS else "str"
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return "object"
    raise TypeError(f"column {name}: no pandas dtype for {arrow_type}")


def table_dtypes(name: str) -> dict[str, Any]:
    """Column -> pandas dtype of a declared table, derived from ``pipeline.tables.schema``."""
    return {c.name: pandas_dtype(c.name, c.type, c.nullable) for c in TABLES[name].columns}


def to_dataframe(arrow: pa.Table, dtypes: dict[str, Any] | None = None) -> pd.DataFrame:
    """An Arrow table as a DataFrame; ``dtypes`` defaults to the ones its Arrow types imply."""
    if dtypes is None:
        dtypes = {f.name: pandas_dtype(f.name, f.type, f.nullable) for f in arrow.schema}
    columns: dict[str, pd.Series] = {}
    for name in arrow.column_names:
        column, dtype = arrow[name], dtypes[name]
        if dtype == "object":
            columns[name] = pd.Series(column.to_pylist(), dtype=object)
        elif dtype == DATE_DTYPE:
            columns[name] = column.to_pandas(date_as_object=False).astype(DATE_DTYPE)
        else:
            columns[name] = column.to_pandas().astype(dtype)
    return pd.DataFrame(columns, index=pd.RangeIndex(arrow.num_rows))


def _checked_folder(path: str | os.PathLike[str]) -> Path:
    folder = Path(path)
    if not (folder / DUCKDB_FILE).exists() and not (folder / "documents.parquet").exists():
        raise FileNotFoundError(
            f"no bulletin tables in {folder}: run `make run` (or `bulletin run --out {folder}`) first"
        )
    return folder


def load_tables(
    path: str | os.PathLike[str] = DEFAULT_PATH, tables: Iterable[str] | None = None
) -> dict[str, pd.DataFrame]:
    """The tables written by ``bulletin run`` to ``path`` (all, or the named ones) as DataFrames."""
    names = list(TABLES) if tables is None else list(tables)
    unknown = [n for n in names if n not in TABLES]
    if unknown:
        raise KeyError(f"no table {', '.join(unknown)}; the tables are {', '.join(TABLES)}")
    arrow = read_tables(_checked_folder(path))
    return {name: to_dataframe(arrow[name], table_dtypes(name)) for name in names}


def connect(path: str | os.PathLike[str] = DEFAULT_PATH) -> duckdb.DuckDBPyConnection:
    """DuckDB with the tables and the views of ``VIEWS`` (temporary, so the file stays untouched).

    Opens ``bulletins.duckdb`` read-only when it exists, else loads the Parquet files into
    an in-memory database.
    """
    folder = _checked_folder(path)
    database = folder / DUCKDB_FILE
    if database.exists():
        con = duckdb.connect(str(database), read_only=True)
    else:
        con = duckdb.connect()
        for name, arrow in read_tables(folder).items():
            con.from_arrow(arrow).to_table(name)
    for view in VIEWS.values():
        con.execute(f'CREATE TEMP VIEW "{view.name}" AS {view.sql}')
    return con


def load_view(name: str, path: str | os.PathLike[str] = DEFAULT_PATH) -> pd.DataFrame:
    """One view of ``VIEWS`` as a DataFrame, with the same dtype rules as the tables."""
    if name not in VIEWS:
        raise KeyError(f"no view {name}; the views are {', '.join(VIEWS)}")
    con = connect(path)
    try:
        return to_dataframe(con.sql(f'SELECT * FROM "{name}"').to_arrow_table())
    finally:
        con.close()
