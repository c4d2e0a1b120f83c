"""The rows of a run's batches, kept on disk (Arrow IPC files) until the run has written its tables.

A run turns each batch's records into Arrow tables and appends them here, so its memory
does not grow with the archive. At the end each table is read back, sorted and written
back to disk, one table at a time; ``SpilledTables`` then reads a table only when it is
used, so validating and writing the tables holds about one table in memory at a time.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa

from pipeline.schema import TABLES
from pipeline.tables import sort_table, to_arrow


class SpilledTables(Mapping[str, pa.Table]):
    """Every table of ``TABLES``, sorted, read from its file at each access (and not kept)."""

    def __init__(self, paths: Mapping[str, Path | None]) -> None:
        self._paths = dict(paths)  # None: the table has no rows

    def __getitem__(self, name: str) -> pa.Table:
        path = self._paths[name]
        if path is None:
            return to_arrow(TABLES[name], [])
        # Memory-mapped: the table's buffers are the file's pages, not copies in the heap.
        with pa.memory_map(str(path)) as handle:
            return pa.ipc.open_file(handle).read_all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)


class TableSpill:
    """Append-only Arrow IPC streams, one per table, in a folder the caller owns."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._paths = {name: directory / f"{name}.arrows" for name in TABLES}
        self._writers = {
            name: pa.ipc.new_stream(str(path), TABLES[name].arrow_schema)
            for name, path in self._paths.items()
        }
        self._open = True

    def append(self, tables: Mapping[str, pa.Table]) -> None:
        for name, table in tables.items():
            if table.num_rows:
                self._writers[name].write_table(table)

    def close(self) -> None:
        if self._open:
            self._open = False
            for writer in self._writers.values():
                writer.close()

    def sorted_tables(self) -> SpilledTables:
        """The tables sorted (one chunk per column, as ``Table.sort_by`` gives them), on disk."""
        self.close()
        paths: dict[str, Path | None] = {}
        for name, path in self._paths.items():
            with pa.OSFile(str(path)) as handle:
                table = pa.ipc.open_stream(handle).read_all()
            if not table.num_rows:
                paths[name] = None
                continue
            table = sort_table(TABLES[name], table)
            paths[name] = self._directory / f"{name}.sorted.arrow"
            with pa.ipc.new_file(str(paths[name]), table.schema) as writer:
                writer.write_table(table)
            del table
            path.unlink()
            # Arrow's allocator keeps freed pages unless asked; the next table can use them.
            pa.default_memory_pool().release_unused()
        return SpilledTables(paths)


@contextmanager
def spill() -> Iterator[TableSpill]:
    """A TableSpill in a temporary folder, removed afterwards (with every table read from it)."""
    with tempfile.TemporaryDirectory(prefix="bulletin-run-") as directory:
        spilled = TableSpill(Path(directory))
        try:
            yield spilled
        finally:
            spilled.close()
