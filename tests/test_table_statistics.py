"""Statistics from tables of figures: the headers give the subject."""

from __future__ import annotations

import pytest

from pipeline.core.records import DocumentText, TableCell, TextTable
from pipeline.extract.statistics.rules import default_rules
from pipeline.extract.statistics.tables import cell_value, table_spans, table_statistics
from pipeline.structure.sections import find_sections


def _table(text: str, rows: list[list[str]], header_rows: int = 0) -> TextTable:
    """Cells of ``rows`` found in order in ``text`` (each row a line, cells joined by " | ")."""
    cells = []
    position = 0
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            start = text.index(value, position)
            cells.append(TableCell(r, c, start, start + len(value)))
            position = start + len(value)
    return TextTable(tuple(cells), header_rows)


def _statistics(text: str, table: TextTable) -> list[tuple[float, str | None, str | None, str | None]]:
    document = DocumentText("x.html", text, tables=(table,))
    sections = find_sections("d", document)
    found = table_statistics("d", text, sections, document.tables)
    return [(s.value, s.qualifier, s.unit, s.subject) for s in found]


def test_row_headers_give_the_subject() -> None:
    text = "Work party figures\n\nHours | 215\nVolunteers | 14\nWeeds removed | about 40 bags\n"
    rows = [["Hours", "215"], ["Volunteers", "14"], ["Weeds removed", "about 40 bags"]]
    assert _statistics(text, _table(text, rows)) == [
        (215.0, None, None, "Hours"),
        (14.0, None, None, "Volunteers"),
    ]


def test_column_headers_give_the_subject_under_a_header_row() -> None:
    text = "Month | Volunteers | Hours | Funding\nMarch | 12 | 96 | $1,200\nApril | 9 | 70 | 15%\n"
    rows = [
        ["Month", "Volunteers", "Hours", "Funding"],
        ["March", "12", "96", "$1,200"],
        ["April", "9", "70", "15%"],
    ]
    assert _statistics(text, _table(text, rows, header_rows=1)) == [
        (12.0, None, None, "Volunteers"),
        (96.0, None, None, "Hours"),
        (1200.0, None, "USD", "Funding"),
        (9.0, None, None, "Volunteers"),
        (70.0, None, None, "Hours"),
        (15.0, None, "percent", "Funding"),
    ]


def test_years_and_words_in_cells_are_not_figures() -> None:
    text = "Founded | 1991\nPlace | Canberra\n"
    assert _statistics(text, _table(text, [["Founded", "1991"], ["Place", "Canberra"]])) == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("215", (215.0, None, None)),
        ("about 40", (40.0, "about", None)),
        ("USD 450,000", (450000.0, None, "USD")),
        ("12 %", (12.0, None, "percent")),
        ("3.5 km", (3.5, None, "km")),
        ("fifty", (50.0, None, None)),
        ("2019", None),
        ("n/a", None),
        ("Canberra", None),
    ],
)
def test_cell_value(cell: str, expected: tuple[float, str | None, str | None] | None) -> None:
    assert cell_value(cell, default_rules()) == expected


def test_table_spans_cover_each_table() -> None:
    text = "Hours | 215\n"
    assert table_spans([_table(text, [["Hours", "215"]])]) == [(0, 11)]
