"""What the tables last written say about the archive: the ids every row had, and the history.

Read from the output folder before a run writes it (under the run's lock), a few columns
at a time; a missing or damaged table reads as empty, so the archive is linked afresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.archive.records import ROW_TABLES

# What reading a table last written raises when it is missing, damaged or of an older schema.
_READ_ERRORS = (pa.ArrowException, OSError, KeyError, ValueError)


@dataclass(frozen=True)
class Previous:
    """The archive as last written: per document, its hash; per row, its archive id."""

    sha256: dict[str, str] = field(default_factory=dict)  # doc_id -> sha256
    source_file: dict[str, str] = field(default_factory=dict)  # doc_id -> source_file
    entity_of_row: dict[tuple[str, str, str], str] = field(default_factory=dict)
    event_of_row: dict[tuple[str, str], str] = field(default_factory=dict)
    status_of_event: dict[tuple[str, str], str] = field(default_factory=dict)
    history: list[dict[str, object]] = field(default_factory=list)  # rows of entity_history
    # Every file is processed again (the pipeline changed): rows keep their ids, but are
    # matched again, so that better rules merge what they now find to be one.
    relink: bool = False


def _columns(out_dir: Path, name: str, columns: list[str]) -> dict[str, list[object]] | None:
    with suppress(*_READ_ERRORS):
        table = pq.read_table(out_dir / f"{name}.parquet", columns=columns)
        return {c: table[c].to_pylist() for c in columns}
    return None


def _rows(data: dict[str, list[object]] | None, columns: Iterable[str]) -> list[tuple[object, ...]]:
    if data is None:
        return []
    return list(zip(*(data[c] for c in columns), strict=True))


def read_previous(out_dir: Path, relink: bool = False) -> Previous:
    """The archive ids of the tables in ``out_dir`` (empty when there are none)."""
    documents = _columns(out_dir, "documents", ["doc_id", "sha256", "source_file"])
    if documents is None:
        return Previous(relink=relink)
    previous = Previous(
        relink=relink,
        sha256={str(d): str(s) for d, s, _ in _rows(documents, ["doc_id", "sha256", "source_file"])},
        source_file={str(d): str(f) for d, _, f in _rows(documents, ["doc_id", "sha256", "source_file"])},
    )
    for kind, (table, id_column) in ROW_TABLES.items():
        for doc_id, row_id, entity_id in _rows(
            _columns(out_dir, table, ["doc_id", id_column, "entity_id"]), ["doc_id", id_column, "entity_id"]
        ):
            if entity_id is not None:
                previous.entity_of_row[(str(doc_id), kind, str(row_id))] = str(entity_id)
    columns = ["doc_id", "event_id", "archive_event_id", "status"]
    for doc_id, event_id, archive_event_id, status in _rows(_columns(out_dir, "events", columns), columns):
        if archive_event_id is not None:
            previous.event_of_row[(str(doc_id), str(event_id))] = str(archive_event_id)
        if status is not None:
            previous.status_of_event[(str(doc_id), str(event_id))] = str(status)
    columns = ["seq", "id_kind", "change", "old_id", "new_id", "source_file", "reason"]
    history = _columns(out_dir, "entity_history", columns)
    previous.history.extend(dict(zip(columns, row, strict=True)) for row in _rows(history, columns))
    return previous
