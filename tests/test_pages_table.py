"""The `pages` table: one row per page, how it was read, its span of the document text."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest
from synthetic_tables import tables_of

from pipeline.core.records import DocumentText, PageInfo
from pipeline.tables.build import page_rows
from pipeline.tables.schema import TABLES
from pipeline.tables.store import ValidationError, validate


def test_a_text_file_is_one_text_page() -> None:
    document = DocumentText(source_file="a.txt", text="Bulletin text.")
    assert page_rows("d1", document) == [
        {"doc_id": "d1", "page": 1, "source": "text", "ocr_confidence": None, "char_start": 0, "char_end": 14}
    ]


def test_pages_say_how_the_reader_read_them_and_where_they_are() -> None:
    text = "page one\n\npage two\n\npage three"
    document = DocumentText(
        source_file="a.pdf",
        text=text,
        page_starts=(0, 10, 20),
        format="pdf",
        pages=(PageInfo(1), PageInfo(2, "ocr", 71.25), PageInfo(3, "ocr", 93.0)),
    )
    rows = page_rows("d1", document)
    assert [(r["page"], r["source"], r["ocr_confidence"]) for r in rows] == [
        (1, "text", None),
        (2, "ocr", 71.25),
        (3, "ocr", 93.0),
    ]
    assert [text[r["char_start"] : r["char_end"]] for r in rows] == [
        "page one\n\n",
        "page two\n\n",
        "page three",
    ]


def test_a_page_the_reader_says_nothing_about_is_text() -> None:
    document = DocumentText(
        source_file="a.pdf", text="ab", page_starts=(0, 1), pages=(PageInfo(2, "ocr", 80.0),)
    )
    assert [r["source"] for r in page_rows("d1", document)] == ["text", "ocr"]


def _with_pages(tables: dict[str, pa.Table], rows: list[dict[str, Any]]) -> dict[str, pa.Table]:
    return tables | {"pages": pa.Table.from_pylist(rows, schema=TABLES["pages"].arrow_schema)}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(
            lambda rows: [*rows, rows[0]], "pages: duplicate key ('doc_id', 'page')", id="page twice"
        ),
        pytest.param(
            lambda rows: [rows[0] | {"doc_id": "0000000000000000"}, *rows[1:]],
            "pages.doc_id: 1 value(s) not in documents.doc_id",
            id="unknown document",
        ),
        pytest.param(
            lambda rows: [rows[0] | {"char_end": 10**6}, *rows[1:]],
            "pages: offsets outside the document text in 1 row(s)",
            id="offset outside the text",
        ),
        pytest.param(lambda rows: rows[1:], "n_pages differs from the rows in pages", id="page missing"),
    ],
)
def test_validation_checks_the_pages(change: Any, problem: str) -> None:
    tables = tables_of([0, 1, 2])
    validate(tables)  # valid as made
    rows = tables["pages"].to_pylist()
    with pytest.raises(ValidationError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        validate(_with_pages(tables, change(rows)))
