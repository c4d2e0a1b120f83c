"""What the tables last written say about the archive: the ids every row had, and the history.

Read from the output folder before a run writes it (under the run's lock), a few columns
at a time; a missing or damaged table reads as empty, so the archive is linked afresh.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.archive.records import ROW_TABLES
from pipeline.tables.store import read_parquet

# What reading a table last written raises when it is missing, damaged or of an older schema.
_READ_ERRORS = (pa.ArrowException, OSError, KeyError, ValueError)
_BATCH_ROWS = 8192


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


def _rows(out_dir: Path, name: str, columns: list[str]) -> list[tuple[object, ...]] | None:
    with suppress(*_READ_ERRORS):
        table = read_parquet(out_dir / f"{name}.parquet", columns=columns)
        return list(zip(*(table[c].to_pylist() for c in columns), strict=True))
    return None


def _batches(out_dir: Path, name: str, columns: list[str]) -> Iterator[list[tuple[object, ...]]]:
    """The rows of a table last written, a batch at a time as Python values (the file is read
    whole as Arrow first: a table that cannot be read gives no rows, not some)."""
    batches = []
    with suppress(*_READ_ERRORS), pq.ParquetFile(out_dir / f"{name}.parquet") as file:
        batches = list(file.iter_batches(batch_size=_BATCH_ROWS, columns=columns))
    for batch in batches:
        yield list(zip(*(batch.column(c).to_pylist() for c in columns), strict=True))


def read_previous(out_dir: Path, relink: bool = False) -> Previous:
    """The archive ids of the tables in ``out_dir`` (empty when there are none)."""
    documents = _rows(out_dir, "documents", ["doc_id", "sha256", "source_file"])
    if documents is None:
        return Previous(relink=relink)
    previous = Previous(
        relink=relink,
        sha256={str(d): str(s) for d, s, _ in documents},
        source_file={str(d): str(f) for d, _, f in documents},
    )
    # One string per document, shared by the keys of its rows (hundreds of thousands of keys).
    doc_ids = {d: d for d in previous.sha256}
    for kind, (table, id_column) in ROW_TABLES.items():
        for batch in _batches(out_dir, table, ["doc_id", id_column, "entity_id"]):
            for doc_id, row_id, entity_id in batch:
                if entity_id is not None:
                    doc = doc_ids.setdefault(str(doc_id), str(doc_id))
                    previous.entity_of_row[(doc, kind, str(row_id))] = str(entity_id)
    columns = ["doc_id", "event_id", "archive_event_id", "status"]
    for batch in _batches(out_dir, "events", columns):
        for doc_id, event_id, archive_event_id, status in batch:
            doc = doc_ids.setdefault(str(doc_id), str(doc_id))
            if archive_event_id is not None:
                previous.event_of_row[(doc, str(event_id))] = str(archive_event_id)
            if status is not None:
                previous.status_of_event[(doc, str(event_id))] = str(status)
    columns = ["seq", "id_kind", "change", "old_id", "new_id", "source_file", "reason"]
    history = _rows(out_dir, "entity_history", columns) or []
    previous.history.extend(dict(zip(columns, row, strict=True)) for row in history)
    return previous
