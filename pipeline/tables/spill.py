"""The rows of a run, kept on disk (Arrow IPC files) until the run has written its tables.

A run appends each batch's tables here as it goes (and, in an incremental run, the rows it
keeps from the tables last written), so its memory does not grow with the archive. Each
appended part is sorted (``sort_table``: by document, then reading order) and the spill
notes where each document's rows are in it: part, offset, length. A table in its final
order is then the documents in ``doc_id`` order, each one's rows taken from where they were
spilled; ``sorted_tables`` copies each table so, a chunk at a time, into a file of its own.
No table is ever sorted whole or held whole in memory: only the rows of a document that
arrived in several parts are put together and sorted. ``SpilledTables`` then reads a table
only when it is used, memory-mapped; the tables linking changes are put back in its place
(``SpilledTables.replace``), so that the run checks and writes every table from disk.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pipeline.tables.build import CHUNK_ROWS, in_chunks, sort_table, to_arrow
from pipeline.tables.schema import TABLES, Table

# The new values of some columns for the rows of a record batch (``SpilledTables.replace_columns``).
Columns = Callable[[pa.RecordBatch], Mapping[str, pa.Array]]

# Where the rows of a spilled table are: one row per run of one document's rows in a batch.
_RUN_SCHEMA = pa.schema(
    [("doc_id", pa.string()), ("batch", pa.int64()), ("offset", pa.int64()), ("length", pa.int64())]
)
# Each batch's runs are a small table; they are put together every so many batches, as
# each small table costs more memory than its rows.
_RUN_PARTS = 64


class SpilledTables(Mapping[str, pa.Table]):
    """Every table of ``TABLES``, sorted, read from its file at each access (and not kept)."""

    def __init__(self, paths: Mapping[str, Path], in_memory: Mapping[str, pa.Table]) -> None:
        self._paths = dict(paths)
        self._in_memory = dict(in_memory)  # the tables without doc_id (failures): small
        self._replaced = 0  # tables put in place by ``replace``

    def num_rows(self, name: str) -> int:
        if name in self._in_memory:
            return self._in_memory[name].num_rows
        with pa.memory_map(str(self._paths[name])) as handle:
            return int(pa.ipc.open_file(handle).count_rows())

    def __getitem__(self, name: str) -> pa.Table:
        if name in self._in_memory:
            return self._in_memory[name]
        # Memory-mapped: the table's buffers are the file's pages, not copies in the heap.
        with pa.memory_map(str(self._paths[name])) as handle:
            return pa.ipc.open_file(handle).read_all()

    def replace(self, name: str, table: pa.Table) -> None:
        """Put ``table`` in the place of table ``name`` (linking gives some tables new columns):
        written to a file of its own in chunks of ``CHUNK_ROWS`` rows, and read from it at each
        access like the others, so that the run holds no table in memory while it writes them."""
        if name in self._in_memory:
            self._in_memory[name] = table
            return
        old = self._paths[name]
        self._replaced += 1
        path = old.with_name(f"{name}.{self._replaced}.arrow")
        with pa.ipc.new_file(str(path), table.schema) as writer:
            for batch in in_chunks(table).to_batches():
                writer.write_batch(batch)
        self._paths[name] = path
        old.unlink()  # a table still read from it keeps its pages until it is let go

    def replace_columns(self, name: str, columns: Columns) -> None:
        """Table ``name`` with some of its columns' values set anew, a record batch at a time:
        ``columns(batch)`` gives them for the rows of ``batch``, in order. The batches are read
        from the file (not mapped: a mapped file's pages count in the process's memory until the
        whole table is let go) and written to a new file as they come."""
        if name in self._in_memory:
            self._in_memory[name] = set_columns(self._in_memory[name], columns)
            return
        old = self._paths[name]
        self._replaced += 1
        path = old.with_name(f"{name}.{self._replaced}.arrow")
        with pa.ipc.new_file(str(path), TABLES[name].arrow_schema) as writer:
            for batch in _file_batches(old):
                writer.write_batch(_with_values(batch, columns))
        self._paths[name] = path
        old.unlink()

    def read_slices(self, name: str, columns: list[str], rows: int) -> Iterator[pa.Table]:
        """Table ``name``, these columns, in slices of about ``rows`` rows read from its file
        (not mapped: only a slice's pages are in memory; ``store.row_slices``)."""
        if name in self._in_memory:
            for batch in self._in_memory[name].select(columns).to_batches(max_chunksize=rows):
                yield pa.Table.from_batches([batch])
            return
        slice_: list[pa.RecordBatch] = []
        size = 0
        for batch in _file_batches(self._paths[name]):
            slice_.append(batch.select(columns))
            size += len(batch)
            if size >= rows:
                yield pa.Table.from_batches(slice_)
                slice_, size = [], 0
        if slice_:
            yield pa.Table.from_batches(slice_)

    def __iter__(self) -> Iterator[str]:
        return iter(TABLES)

    def __len__(self) -> int:
        return len(TABLES)


def _file_batches(path: Path) -> Iterator[pa.RecordBatch]:
    """The record batches of a spilled table's file, read one at a time (not mapped: a mapped
    file's pages count in the process's memory until the whole table is let go)."""
    with pa.OSFile(str(path)) as handle:
        reader = pa.ipc.open_file(handle)
        for i in range(reader.num_record_batches):
            yield reader.get_batch(i)


def set_columns(table: pa.Table, columns: Columns) -> pa.Table:
    """``table`` with the values ``columns(batch)`` gives for each of its record batches of at
    most ``CHUNK_ROWS`` rows (see ``SpilledTables.replace_columns``)."""
    batches = [_with_values(b, columns) for b in in_chunks(table).to_batches()]
    return pa.Table.from_batches(batches, schema=table.schema)


def _with_values(batch: pa.RecordBatch, columns: Columns) -> pa.RecordBatch:
    for column, values in columns(batch).items():
        index = batch.schema.get_field_index(column)
        field = batch.schema.field(index)
        batch = batch.set_column(index, field, values.cast(field.type))
    return batch


class TableSpill:
    """Append-only Arrow IPC files, one per table, in a folder the caller owns."""

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        names = [name for name in TABLES if "doc_id" in TABLES[name].column_names]
        self._paths = {name: directory / f"{name}.arrow" for name in names}
        self._writers = {
            name: pa.ipc.new_file(str(self._paths[name]), TABLES[name].arrow_schema) for name in names
        }
        self._batches = dict.fromkeys(names, 0)  # record batches written to each file
        self._runs: dict[str, list[pa.Table]] = {name: [] for name in names}
        self._in_memory: dict[str, list[pa.Table]] = {name: [] for name in TABLES if name not in names}
        self._open = True

    def append(self, tables: Mapping[str, pa.Table]) -> None:
        """One batch's tables (each document's rows all in this batch)."""
        for name, table in tables.items():
            self.append_rows(name, [table])

    def append_rows(self, name: str, parts: Iterable[pa.Table]) -> None:
        """Rows of one table, in parts; all or nothing: if ``parts`` raises, none of them are kept."""
        if name in self._in_memory:
            self._in_memory[name].extend(list(parts))
            return
        runs = []
        for part in parts:
            if not part.num_rows:
                continue
            # One record batch, sorted: each document's rows in it are one run, in reading order.
            batches = sort_table(TABLES[name], part).to_batches()
            batch = batches[0] if len(batches) == 1 else pa.concat_batches(batches)
            self._writers[name].write_batch(batch)
            runs.append(_runs_of(batch, self._batches[name]))
            self._batches[name] += 1
        kept = self._runs[name]
        kept.extend(runs)  # written but not noted if a part raised: never read
        if len(kept) >= _RUN_PARTS:
            kept[:] = [pa.concat_tables(kept).combine_chunks()]

    def close(self) -> None:
        if self._open:
            self._open = False
            for writer in self._writers.values():
                writer.close()

    def sorted_tables(self) -> SpilledTables:
        """The tables in their final order, each written sorted to a file of its own."""
        self.close()
        paths: dict[str, Path] = {}
        for name, source in self._paths.items():
            paths[name] = self._directory / f"{name}.sorted.arrow"
            runs = pa.concat_tables(self._runs[name]) if self._runs[name] else _RUN_SCHEMA.empty_table()
            _write_sorted(TABLES[name], source, runs, paths[name])
            source.unlink()
        in_memory = {
            name: sort_table(TABLES[name], pa.concat_tables(parts)) if parts else to_arrow(TABLES[name], [])
            for name, parts in self._in_memory.items()
        }
        return SpilledTables(paths, in_memory)


def _runs_of(batch: pa.RecordBatch, number: int) -> pa.Table:
    """Where each run of one document's rows is in a spilled batch."""
    runs = pc.run_end_encode(batch.column("doc_id"))
    ends = runs.run_ends.cast(pa.int64())
    starts = pa.concat_arrays([pa.array([0], pa.int64()), ends.slice(0, len(ends) - 1)])
    return pa.Table.from_arrays(
        [runs.values, pa.repeat(pa.scalar(number, pa.int64()), len(ends)), starts, pc.subtract(ends, starts)],
        schema=_RUN_SCHEMA,
    )


def _write_sorted(table: Table, source: Path, runs: pa.Table, target: Path) -> None:
    """Copy a spilled table to ``target`` in its final order, in chunks of ``CHUNK_ROWS`` rows.

    The documents in ``doc_id`` order, each one's rows in reading order: one run of a sorted
    part, or, for a document spilled in several parts (its rows straddling two slices of a
    table read back from disk), those runs put together and sorted, which gives them the
    order one sort of the whole table would.
    """
    runs = runs.sort_by([("doc_id", "ascending"), ("batch", "ascending"), ("offset", "ascending")])
    with pa.memory_map(str(source)) as handle, pa.ipc.new_file(str(target), table.arrow_schema) as writer:
        reader = pa.ipc.open_file(handle)
        batches = [reader.get_batch(i) for i in range(reader.num_record_batches)]
        pending: list[pa.RecordBatch] = []  # rows not yet written, fewer than a chunk after each loop
        n_pending = 0
        for pieces, in_order in _spans(runs, batches):
            if not in_order:
                pieces = sort_table(table, pa.Table.from_batches(pieces)).to_batches()
            pending.extend(pieces)
            n_pending += sum(len(piece) for piece in pieces)
            if n_pending >= CHUNK_ROWS:
                rows = pa.Table.from_batches(pending, table.arrow_schema)
                for chunk_start in range(0, n_pending - CHUNK_ROWS + 1, CHUNK_ROWS):
                    writer.write_batch(pa.concat_batches(rows.slice(chunk_start, CHUNK_ROWS).to_batches()))
                written = n_pending - n_pending % CHUNK_ROWS
                pending = rows.slice(written).to_batches()
                n_pending -= written
        if n_pending:
            writer.write_batch(pa.concat_batches(pending))


def _spans(runs: pa.Table, batches: list[pa.RecordBatch]) -> Iterator[tuple[list[pa.RecordBatch], bool]]:
    """The rows of sorted ``runs`` as pieces of the spilled ``batches``, in order, and whether
    they are in their final order as they are: the documents spilled in one run each, taken
    together where they lie side by side in one batch (as the rows of a table read back in its
    order do: one slice, not one per document), and each document spilled in several runs on
    its own (to be sorted)."""
    if not runs.num_rows:
        return
    doc_ids = runs["doc_id"]
    batch, offset, length = (runs[name].to_numpy() for name in ("batch", "offset", "length"))
    first_of_doc = np.ones(runs.num_rows, dtype=bool)
    first_of_doc[1:] = pc.not_equal(doc_ids.slice(1), doc_ids.slice(0, runs.num_rows - 1)).to_numpy(
        zero_copy_only=False
    )
    doc_number = np.cumsum(first_of_doc) - 1
    alone = np.bincount(doc_number)[doc_number] == 1  # the document's only run
    # A run that goes on from the one before it: both alone, in the same batch, side by side.
    follows = np.zeros(runs.num_rows, dtype=bool)
    follows[1:] = (
        alone[1:] & alone[:-1] & (batch[1:] == batch[:-1]) & (offset[1:] == offset[:-1] + length[:-1])
    )
    starts = np.flatnonzero(first_of_doc & ~follows)
    ends = np.append(starts[1:], runs.num_rows)
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        if alone[start]:
            rows = int(offset[end - 1] + length[end - 1] - offset[start])
            yield [batches[int(batch[start])].slice(int(offset[start]), rows)], True
        else:
            yield (
                [
                    batches[int(b)].slice(int(o), int(n))
                    for b, o, n in zip(batch[start:end], offset[start:end], length[start:end], strict=True)
                ],
                False,
            )


@contextmanager
def spill() -> Iterator[TableSpill]:
    """A TableSpill in a temporary folder, removed afterwards (with every table read from it)."""
    with tempfile.TemporaryDirectory(prefix="bulletin-run-") as directory:
        spilled = TableSpill(Path(directory))
        try:
            yield spilled
        finally:
            spilled.close()
