"""The archive layer: entities and events across every bulletin, with stable ids.

Between the tables and the run: ``link_archive`` reads the per-bulletin tables of a run and
the ids last written (``read_previous``), gives every person, organisation, place, mention
and event row its archive id, and builds `entities`, `archive_events` and `entity_history`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pyarrow as pa

from pipeline.archive.link import link_archive
from pipeline.archive.state import Previous, read_previous

__all__ = ["LinkedTables", "Previous", "link_archive", "linked", "read_previous"]


class LinkedTables(Mapping[str, pa.Table]):
    """A run's tables with the ones linking changed put in their place."""

    def __init__(self, tables: Mapping[str, pa.Table], linked: Mapping[str, pa.Table]) -> None:
        self._tables = tables
        self._linked = dict(linked)

    def __getitem__(self, name: str) -> pa.Table:
        return self._linked[name] if name in self._linked else self._tables[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def num_rows(self, name: str) -> int:
        return self[name].num_rows


def linked(tables: Mapping[str, pa.Table], previous: Previous) -> LinkedTables:
    """``tables`` linked across the archive (see ``link_archive``)."""
    return LinkedTables(tables, link_archive(tables, previous))
