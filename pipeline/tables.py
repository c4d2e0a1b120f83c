"""Records to Arrow tables, typed by the declared schema and sorted for stable output."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

import pyarrow as pa

from pipeline.records import DocumentResult, Failure
from pipeline.schema import TABLES, Table


def _rows_of(result: DocumentResult) -> dict[str, list[Any]]:
    document = result.document
    masthead = result.masthead
    return {
        "documents": [
            {
                "doc_id": result.doc_id,
                "source_file": result.source.relative_path,
                "sha256": result.source.sha256,
                "format": document.format,
                "encoding": document.encoding,
                "title": masthead.title,
                "issue_date": masthead.issue_date,
                "issuing_body": masthead.issuing_body,
                "n_pages": document.n_pages,
                "n_sections": len(result.sections),
                "text": document.text,
            }
        ],
        "sections": list(result.sections),
        "mentions": list(result.entities.mentions),
        "people": list(result.entities.people),
        "organisations": list(result.entities.organisations),
        "places": list(result.entities.places),
        "dates": list(result.dates),
        "events": list(result.events),
        "statistics": list(result.statistics),
        "failures": list(result.warnings),
    }


def _as_dict(row: Any) -> dict[str, Any]:
    return row if isinstance(row, dict) else asdict(row)


def to_arrow(table: Table, rows: Iterable[Any]) -> pa.Table:
    """An Arrow table with exactly the declared columns and types, sorted by its key."""
    dicts = [_as_dict(r) for r in rows]
    columns = {c.name: pa.array([_cell(d.get(c.name)) for d in dicts], type=c.type) for c in table.columns}
    arrow = pa.table(columns, schema=table.arrow_schema)
    return sort_table(table, arrow)


def _cell(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def sort_table(table: Table, arrow: pa.Table) -> pa.Table:
    order = [(name, "ascending") for name in ("doc_id", *table.key) if name in arrow.column_names]
    # Unique order: keys first, then the key columns are unique so the order is total.
    seen: list[tuple[str, str]] = []
    for item in order:
        if item not in seen:
            seen.append(item)
    return arrow.sort_by(seen) if arrow.num_rows else arrow


def results_to_tables(
    results: Sequence[DocumentResult], failures: Sequence[Failure] = ()
) -> dict[str, pa.Table]:
    rows: dict[str, list[Any]] = {name: [] for name in TABLES}
    for result in results:
        for name, table_rows in _rows_of(result).items():
            rows[name].extend(table_rows)
    rows["failures"].extend(failures)
    return {name: to_arrow(TABLES[name], rows[name]) for name in TABLES}


def empty_tables() -> dict[str, pa.Table]:
    return {name: to_arrow(table, []) for name, table in TABLES.items()}
