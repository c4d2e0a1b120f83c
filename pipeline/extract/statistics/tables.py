"""Statistics from tables of figures: each number in a cell, counted by its row and column headers.

A table states what its figures count in its headers, not in a sentence: in a row "Hours |
215" the row header is the subject; under a header row "Month | Volunteers | Hours" the
column header is. The qualifier, currency and unit are read from the cell as in prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.core.ids import stable_id
from pipeline.core.records import Section, Statistic, TableCell, TextTable
from pipeline.extract.statistics.numbers import is_year_like, parse_number
from pipeline.extract.statistics.rules import StatisticsRules, default_rules
from pipeline.extract.statistics.surface import (
    match_currency_before,
    match_qualifier_before,
    match_unit_after,
)

_EDGE_PUNCTUATION = " \t:;,*()[]"
_PERCENT = re.compile(r"\s*%$")


def table_spans(tables: Sequence[TextTable]) -> list[tuple[int, int]]:
    """Document offsets each table covers: its figures are read here, not as prose."""
    return [
        (min(c.char_start for c in table.cells), max(c.char_end for c in table.cells))
        for table in tables
        if table.cells
    ]


def cell_value(text: str, rules: StatisticsRules) -> tuple[float, str | None, str | None] | None:
    """(value, qualifier, unit) of a cell that holds one figure ("215", "about 40", "$1,200",
    "12 %", "3.5 km"), or None when the cell holds anything else."""
    cell = text.strip(_EDGE_PUNCTUATION)
    qualifier = unit = None
    if (before := match_qualifier_before(cell.split(maxsplit=1)[0] + " ", rules)) is not None and " " in cell:
        qualifier, cell = before[0], cell.split(maxsplit=1)[1]
    if (percent := _PERCENT.search(cell)) is not None:
        unit, cell = "percent", cell[: percent.start()]
    else:
        for start in range(len(cell)):
            if cell[start].isdigit():
                break
        else:
            start = 0
        currency = match_currency_before(cell[:start], rules) if start else None
        if currency is not None and not cell[: currency[1]].strip():
            unit, cell = currency[0], cell[start:]
        digits = re.match(r"[\d.,]+", cell)
        if digits and unit is None:
            after = match_unit_after(cell[digits.end() :], rules)
            if after is not None and not cell[digits.end() + after[1] :].strip():
                unit, cell = after[0], cell[: digits.end()]
    cell = cell.strip()
    value = parse_number(cell, rules)
    if value is None or is_year_like(cell):
        return None
    return value, qualifier, unit


def _header(text: str, cells: Sequence[TableCell]) -> str | None:
    words = " ".join(text[c.char_start : c.char_end].strip() for c in cells).strip(_EDGE_PUNCTUATION)
    return words if words and any(ch.isalpha() for ch in words) else None


def table_statistics(
    doc_id: str,
    text: str,
    sections: Sequence[Section],
    tables: Sequence[TextTable],
    rules: StatisticsRules | None = None,
) -> list[Statistic]:
    """One statistic per figure of each table, its subject from the column header (under a
    header row) or else from the row header (the first cell of its row)."""
    rules = rules or default_rules()
    found: list[Statistic] = []
    for table in tables:
        by_row: dict[int, list[TableCell]] = {}
        for cell in table.cells:
            by_row.setdefault(cell.row, []).append(cell)
        header_rows = [c for c in table.cells if c.row < table.header_rows]
        for row_number, cells in sorted(by_row.items()):
            if row_number < table.header_rows:
                continue
            cells = sorted(cells, key=lambda c: c.column)
            row_header = _header(text, [c for c in cells if c.column == 0])
            line = " | ".join(text[c.char_start : c.char_end].strip() for c in cells)
            for cell in cells:
                read = cell_value(text[cell.char_start : cell.char_end], rules)
                if read is None or (cell.column == 0 and row_header is None and len(cells) > 1):
                    continue
                column_header = _header(text, [c for c in header_rows if c.column == cell.column])
                subject = column_header if column_header and cell.column > 0 else row_header
                if subject is None or cell.column == 0:
                    continue
                section = _section_at(sections, cell.char_start)
                if section is None:
                    continue
                value, qualifier, unit = read
                found.append(
                    Statistic(
                        doc_id=doc_id,
                        section_id=section.section_id,
                        stat_id=stable_id(doc_id, cell.char_start, cell.char_end),
                        value=value,
                        qualifier=qualifier,
                        unit=unit,
                        subject=" ".join(subject.split()),
                        text=text[cell.char_start : cell.char_end].strip(),
                        sentence=line,
                        char_start=cell.char_start,
                        char_end=cell.char_end,
                    )
                )
    return found


def _section_at(sections: Sequence[Section], offset: int) -> Section | None:
    return next((s for s in sections if s.char_start <= offset < s.char_end), None)
