"""The archive layer: entities and events across every bulletin, with stable ids.

Between the tables and the run: ``link_archive`` reads the per-bulletin tables of a run and
the ids last written (``read_previous``), gives every person, organisation, place, mention
and event row its archive id, and builds `entities`, `archive_events` and `entity_history`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa

from pipeline.archive.incremental import changed_documents, link_added
from pipeline.archive.index import INDEX_FILE, ArchiveIndex, index_bytes, index_file, load_index
from pipeline.archive.link import ARCHIVE_TABLE_NAMES, link_archive, link_whole_archive
from pipeline.archive.state import Previous, read_previous
from pipeline.tables.schema import TABLES
from pipeline.tables.spill import SpilledTables
from pipeline.tables.store import TABLE_READ_ERRORS, read_parquet, row_slices

__all__ = [
    "ArchiveIndex",
    "LinkedTables",
    "Previous",
    "added",
    "as_written",
    "index_bytes",
    "link_added",
    "link_archive",
    "link_whole_archive",
    "linked",
    "load_index",
    "read_previous",
]


class LinkedTables(Mapping[str, pa.Table]):
    """A run's tables with the ones linking changed put in their place."""

    def __init__(
        self,
        tables: Mapping[str, pa.Table],
        linked: Mapping[str, pa.Table],
        index: ArchiveIndex | bytes | None = None,
        changed_docs: frozenset[str] | None = None,
    ) -> None:
        # The documents whose rows may differ from those last written (the tables without a
        # document column aside): None when any may, as after linking every row.
        self.changed_docs = changed_docs
        self._tables = tables
        self._linked = dict(linked)
        if isinstance(tables, SpilledTables):
            # The linked tables go to the run's spill as well: what the run checks and writes
            # is then read from disk a table at a time, and nothing of linking stays in memory.
            for name in list(self._linked):
                tables.replace(name, self._linked.pop(name))
        # The stored index of the linked archive, pickled at once (``index_bytes``): the run
        # keeps these bytes, not the index's objects, while it checks and writes the tables.
        self.index = index_bytes(index) if isinstance(index, ArchiveIndex) else index

    def index_file(self, manifest_text: str) -> dict[str, bytes]:
        """The index, as a file of the commit of the tables written with ``manifest_text``."""
        return {} if self.index is None else {INDEX_FILE: index_file(self.index, manifest_text)}

    def __getitem__(self, name: str) -> pa.Table:
        return self._linked[name] if name in self._linked else self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def num_rows(self, name: str) -> int:
        return self[name].num_rows

    def read_slices(self, name: str, columns: list[str], rows: int) -> Iterator[pa.Table]:
        """Table ``name`` a slice at a time, from the run's spill when it is there
        (``pipeline.tables.store.row_slices``)."""
        return row_slices(self._linked if name in self._linked else self._tables, name, columns, rows)


def linked(tables: Mapping[str, pa.Table], previous: Previous) -> LinkedTables:
    """``tables`` linked across the archive (see ``link_archive``), with the new index."""
    return LinkedTables(tables, *link_whole_archive(tables, previous))


def added(tables: Mapping[str, pa.Table], out_dir: Path, index: ArchiveIndex) -> LinkedTables:
    """``tables``, the tables last written to ``out_dir`` and new bulletins' rows, linked
    against the stored ``index`` (see ``pipeline.archive.incremental``)."""
    linked_tables, new_index = link_added(tables, out_dir, index)
    changed = changed_documents(tables, linked_tables, index.doc_ids)
    return LinkedTables(tables, linked_tables, new_index, changed)


def as_written(
    tables: Mapping[str, pa.Table], out_dir: Path, previous: Previous, index: ArchiveIndex | None = None
) -> LinkedTables:
    """``tables`` with the archive tables last written to ``out_dir``: for a run that changed
    no bulletin's rows (they kept their ids), so linking would give them again. Linked afresh
    when one of them cannot be read."""
    written = {}
    for name in ARCHIVE_TABLE_NAMES:
        try:
            arrow = read_parquet(out_dir / f"{name}.parquet")
            written[name] = arrow.select(TABLES[name].column_names).cast(TABLES[name].arrow_schema)
        except TABLE_READ_ERRORS:
            return linked(tables, previous)
    return LinkedTables(tables, written, index, frozenset())
