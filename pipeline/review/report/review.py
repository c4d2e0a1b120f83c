"""One bulletin's rows against its golden file, as the pages mark them: wrong rows by their id,
misses and field errors by the section their golden entry names.

The evaluator counts rows by position; the pages need ids and sections, so the translation is
done once here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa

from pipeline.review.evaluate.golden import ENTRY_TABLES, Golden
from pipeline.review.evaluate.results import DocumentEvaluation, Scores

# Key column of each table whose rows the evaluator can call wrong.
ID_COLUMNS: dict[str, str] = {
    "sections": "section_id",
    "people": "person_id",
    "organisations": "org_id",
    "places": "place_id",
    "dates": "date_id",
    "events": "event_id",
    "statistics": "stat_id",
}


@dataclass(frozen=True)
class GoldNote:
    """A golden entry the prediction missed, or got a field of wrong."""

    table: str
    section: int | None  # section number the golden entry gives
    has_section: bool  # False: the entry gives no section (people, organisations, ...)
    text: str


@dataclass(frozen=True)
class Review:
    """One bulletin compared with its golden file."""

    golden_file: str
    scores: Mapping[str, Scores]
    # table -> id of a wrong row (event_id, person_id, ...) -> the evaluator's description
    wrong: Mapping[str, Mapping[str, str]]
    missed: tuple[GoldNote, ...]
    field_errors: tuple[GoldNote, ...]

    def is_wrong(self, table: str, row_id: object) -> bool:
        return isinstance(row_id, str) and row_id in self.wrong.get(table, {})

    @property
    def n_wrong(self) -> int:
        return sum(len(ids) for ids in self.wrong.values())


def review_of(result: DocumentEvaluation, golden: Golden, tables: Mapping[str, pa.Table]) -> Review:
    """The marks for one bulletin: wrong rows by id (``WrongPrediction.row`` is the row's
    position in the table given to ``evaluate``), misses and field errors with the section
    their golden entry names."""
    wrong: dict[str, dict[str, str]] = defaultdict(dict)
    for prediction in result.wrong:
        column = ID_COLUMNS.get(prediction.table)
        table = tables.get(prediction.table)
        if column is None or table is None or not 0 <= prediction.row < table.num_rows:
            continue
        row_id = table.column(column)[prediction.row].as_py()
        wrong[prediction.table][str(row_id)] = prediction.entry

    def note(table: str, index: int, text: str) -> GoldNote:
        entries = golden.entries.get(table, ())
        entry = entries[index] if 0 <= index < len(entries) else None
        has_section = entry is not None and entry.has_section and table != "sections"
        return GoldNote(table, entry.section if entry and has_section else None, has_section, text)

    missed = tuple(note(m.table, m.index, m.entry) for m in result.missed if m.table in ENTRY_TABLES)
    field_errors = tuple(
        note(
            e.table,
            e.index,
            f"{e.entry}: {e.field} expected {e.expected!r}, predicted {e.predicted!r}",
        )
        for e in result.field_errors
    )
    return Review(
        golden_file=result.golden_path.name,
        scores=result.tables,
        wrong={t: dict(ids) for t, ids in wrong.items()},
        missed=missed,
        field_errors=field_errors,
    )
