"""Records to Arrow tables, typed by the declared schema and sorted for stable output."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from functools import cache
from operator import attrgetter
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.core.records import DocumentResult, DocumentText, PageInfo
from pipeline.tables.schema import TABLES, Table


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
                "language": result.language,
                "title": masthead.title,
                "issue_date": masthead.issue_date,
                "issuing_body": masthead.issuing_body,
                "n_pages": document.n_pages,
                "n_sections": len(result.sections),
                "text": document.text,
            }
        ],
        "pages": page_rows(result.doc_id, document),
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


def page_rows(doc_id: str, document: DocumentText) -> list[dict[str, Any]]:
    """One row per page: how it was read (``document.pages``; "text" when the reader does not
    say) and its span of ``document.text`` from ``page_starts``."""
    infos = {info.number: info for info in document.pages}
    ends = [*document.page_starts[1:], len(document.text)]
    rows = []
    for number, (start, end) in enumerate(zip(document.page_starts, ends, strict=True), start=1):
        info = infos.get(number, PageInfo(number))
        rows.append(
            {
                "doc_id": doc_id,
                "page": number,
                "source": info.source,
                "ocr_confidence": info.ocr_confidence,
                "char_start": start,
                "char_end": end,
            }
        )
    return rows


@cache
def _field_names(record_type: Any) -> frozenset[str]:
    return frozenset(f.name for f in fields(record_type))


def _value(row: Any, name: str) -> Any:
    """A column's value in a row: a dict's item or a record's field (None when it has neither).

    Read field by field rather than through ``dataclasses.asdict``, which deep-copies
    every record and was a tenth of the time of the whole run on top of the model.
    """
    if isinstance(row, dict):
        return row.get(name)
    return getattr(row, name) if name in _field_names(row.__class__) else None


def to_arrow(table: Table, rows: Iterable[Any]) -> pa.Table:
    """An Arrow table with exactly the declared columns and types, sorted by its key."""
    rows = list(rows)
    columns = {c.name: pa.array(_column(rows, c.name, c.type), type=c.type) for c in table.columns}
    arrow = pa.table(columns, schema=table.arrow_schema)
    return sort_table(table, arrow)


def _column(rows: list[Any], name: str, type_: pa.DataType) -> list[Any]:
    """The values of column ``name`` in ``rows`` (tuples as lists for list columns)."""
    kinds = {row.__class__ for row in rows}
    if len(kinds) == 1 and (kind := kinds.pop()) is not dict:
        # Records of one type, the usual case: one attribute read per row.
        values = list(map(attrgetter(name), rows)) if name in _field_names(kind) else [None] * len(rows)
    else:
        values = [_value(row, name) for row in rows]
    if pa.types.is_list(type_):
        return [list(v) if isinstance(v, tuple) else v for v in values]
    return values


def sort_table(table: Table, arrow: pa.Table) -> pa.Table:
    # Reading order within a document (by offset where the table has one), then the key, which
    # is unique, so the order is total and the same on every run.
    sort_columns = ("doc_id", "char_start", *table.key)
    order = [(name, "ascending") for name in sort_columns if name in arrow.column_names]
    seen: list[tuple[str, str]] = []
    for item in order:
        if item not in seen:
            seen.append(item)
    if not arrow.num_rows:
        return arrow
    indices = pc.sort_indices(arrow, sort_keys=seen)
    pieces = [[chunk for chunk in column.chunks if len(chunk)] for column in arrow.columns]
    if all(len(p) == 1 for p in pieces) and np.array_equal(indices.to_numpy(), np.arange(arrow.num_rows)):
        # In order already and in one piece: the same table without a copy (the new rows
        # of a run arrive sorted; a copy would hold them twice while they are merged).
        columns = [pa.chunked_array(p, type=c.type) for p, c in zip(pieces, arrow.columns, strict=True)]
        return pa.Table.from_arrays(columns, schema=arrow.schema)
    return arrow.take(indices)  # what Table.sort_by does: one chunk per column


# Rows per chunk of a table as it is written. The Parquet writer decides where a page ends
# at the ends of the chunks of its input, so one chunk size makes a file's bytes depend on
# its rows only, not on how they were read or spilled. 1024 is the writer's own step.
CHUNK_ROWS = 1024


def in_chunks(arrow: pa.Table) -> pa.Table:
    """The same rows in chunks of ``CHUNK_ROWS`` rows (the last one shorter), copying only the
    rows of a chunk that straddles two chunks of ``arrow``."""
    lengths = [len(chunk) for chunk in arrow.column(0).chunks]
    whole, rest = divmod(arrow.num_rows, CHUNK_ROWS)
    if lengths == [CHUNK_ROWS] * whole + ([rest] if rest else []) and all(
        [len(chunk) for chunk in column.chunks] == lengths for column in arrow.columns
    ):
        return arrow
    batches = []
    for start in range(0, arrow.num_rows, CHUNK_ROWS):
        pieces = arrow.slice(start, CHUNK_ROWS).to_batches()
        batches.append(pieces[0] if len(pieces) == 1 else pa.concat_batches(pieces))
    return pa.Table.from_batches(batches, arrow.schema)


def results_to_tables(results: Sequence[DocumentResult]) -> dict[str, pa.Table]:
    rows: dict[str, list[Any]] = {name: [] for name in TABLES}
    for result in results:
        for name, table_rows in _rows_of(result).items():
            rows[name].extend(table_rows)
    return {name: to_arrow(TABLES[name], rows[name]) for name in TABLES}


def empty_tables() -> dict[str, pa.Table]:
    return {name: to_arrow(table, []) for name, table in TABLES.items()}
