"""Writing and reading the output tables: Parquet files, one DuckDB file, a manifest.

A run replaces the whole set of files at once, and a kill at any moment leaves either
the complete old set or a set the next run (or read) completes:

1. every new file (each table as Parquet, the DuckDB file built in one transaction, the
   manifest) is written under a temporary name in the output folder and flushed to disk;
2. a small journal (``.commit.json``) listing temporary -> final names is written
   atomically (temporary name, fsync, rename);
3. each temporary file is renamed into place, then the journal is removed.

``recover`` rolls a leftover journal forward (finishes the renames of the staged files
that still exist) and, under the run lock, deletes staged files no journal names. Every
run does so when it takes the lock, and ``read_tables`` rolls a journal forward before
reading. Readers hold a shared commit lock while they read, the writer an exclusive one
while it renames, so ``read_tables`` never sees half of one set and half of another.

The tables to write may be views of a run's spilled files (``pipeline.tables.spill``) rather than
tables in memory: they are checked with Arrow compute over their id and offset columns,
written to Parquet from their chunks, and DuckDB reads the staged Parquet files: no table
is copied whole into memory (validation holds ids and offsets; DuckDB, its own buffers).
An incremental run reads the rows it keeps (``KeptRows``) and compares
(``same_as_written``) a slice at a time.
"""

from __future__ import annotations

import fcntl
import itertools
import re
import shutil
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.core.errors import PipelineError
from pipeline.tables.archive_checks import archive_problems
from pipeline.tables.build import empty_tables, in_chunks
from pipeline.tables.commit import (
    DUCKDB_FILE,
    JOURNAL_FILE,
    MANIFEST_FILE,
    Manifest,
    commit_lock,
    fsync_file,
    load_manifest,
    manifest_text,
    output_files,
    output_lock,
    recover,
    roll_forward,
    staged_path,
    stray_files,
    write_durably,
    write_journal,
)
from pipeline.tables.schema import TABLES

__all__ = [  # the commit's names, for the readers and tests that take them from here
    "DUCKDB_FILE",
    "JOURNAL_FILE",
    "MANIFEST_FILE",
    "Manifest",
    "output_files",
    "output_lock",
    "recover",
    "stray_files",
]

# Reading a written table back (an incremental run): rows per slice, bytes per read.
READ_ROWS = 16384
READ_BUFFER_BYTES = 1 << 20
# DuckDB's memory while it builds the file (it spills to disk beyond it).
DUCKDB_MEMORY_LIMIT = "256MB"
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "threads": 1,
    "memory_limit": DUCKDB_MEMORY_LIMIT,
}
# An updated DuckDB file grows by the blocks each update adds (a few MB a run at 10,000
# bulletins, as at 40); grown by more than half its size when last built whole, and by more
# than the slack, it is built whole again.
DUCKDB_GROWTH_LIMIT = 1.5
DUCKDB_GROWTH_SLACK = 32 << 20
# The comment of the `documents` table in DuckDB: the size of the file when built whole.
_BUILT_WHOLE = "The documents table of the bulletin pipeline (file built whole at {} bytes)."
# What reading a written table raises when the file is missing or damaged.
TABLE_READ_ERRORS = (pa.ArrowException, OSError, KeyError)


class ValidationError(PipelineError):
    """The tables about to be written break a declared key or reference."""


# --------------------------------------------------------------------------- reading


def read_manifest(out_dir: Path) -> Manifest:
    """The manifest of the last complete write; empty (so everything is redone) when the
    manifest or any table file is missing or unreadable."""
    manifest = load_manifest(out_dir)
    if manifest == Manifest() or not _tables_readable(out_dir):
        return Manifest()
    return manifest


def _tables_readable(out_dir: Path) -> bool:
    if not (out_dir / DUCKDB_FILE).is_file():
        return False
    for name, table in TABLES.items():
        try:
            schema = pq.read_schema(out_dir / f"{name}.parquet")
        except (pa.ArrowException, OSError):
            return False
        if schema.names != table.column_names:
            return False
    return True


def read_parquet(path: Path, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file as an Arrow table (``pq.read_table`` goes through Arrow's datasets,
    which import pandas: a third of a second the monthly run does not need)."""
    with pq.ParquetFile(path) as file:
        return file.read(columns=columns)


def read_tables(out_dir: Path) -> dict[str, pa.Table]:
    """The tables as last written; a missing or unreadable table reads as empty.

    An interrupted commit is completed first; the read holds the commit lock (shared),
    so it never mixes tables of two runs.
    """
    tables = empty_tables()
    if not out_dir.is_dir():
        return tables
    with commit_lock(out_dir, shared=True) as locked:
        if (out_dir / JOURNAL_FILE).exists():
            if locked is not None:
                fcntl.flock(locked, fcntl.LOCK_EX)  # a writer that died left it: finish its work
            try:
                roll_forward(out_dir)
            except OSError as exc:  # e.g. a reader without write access to the folder
                raise PipelineError(
                    f"{out_dir} holds an unfinished write that cannot be completed here "
                    f"({exc.strerror or exc}); the next `bulletin run` completes it"
                ) from exc
        for name, table in TABLES.items():
            path = out_dir / f"{name}.parquet"
            if path.exists():
                try:
                    arrow = read_parquet(path)
                    tables[name] = arrow.select(table.column_names).cast(table.arrow_schema)
                except TABLE_READ_ERRORS:
                    tables[name] = empty_tables()[name]
    return tables


# --------------------------------------------------------------------------- the rows a run keeps


class KeptRows:
    """The tables last written to a folder, a slice at a time, without the rows of some files.

    An incremental run keeps these rows and adds those of its new and changed files; it
    reads them in slices so that its memory does not grow with the archive. Read only
    under the run lock (the run's own folder: no commit can happen meanwhile).
    """

    def __init__(self, out_dir: Path, source_files: set[str]) -> None:
        self._out_dir = out_dir
        self._source_files = pa.array(sorted(source_files), pa.string())
        try:
            documents = read_parquet(out_dir / "documents.parquet", columns=["doc_id", "source_file"])
        except TABLE_READ_ERRORS:
            documents = empty_tables()["documents"]  # as read_tables reads it: no rows
        dropped = pc.is_in(documents["source_file"], value_set=self._source_files)
        self._doc_ids = pc.filter(documents["doc_id"], dropped)

    def rows(self, name: str) -> Iterator[pa.Table]:
        """The kept rows of one table, in their order; raises one of ``TABLE_READ_ERRORS`` if the
        table cannot be read (``read_tables`` reads such a table as empty)."""
        column, dropped = (
            ("doc_id", self._doc_ids)
            if "doc_id" in TABLES[name].column_names
            else ("source_file", self._source_files)
        )
        for part in _read_slices(self._out_dir, name):
            yield part.filter(pc.invert(pc.is_in(part[column], value_set=dropped)))


def same_as_written(out_dir: Path, tables: Mapping[str, pa.Table]) -> bool:
    """Whether ``tables`` hold exactly the rows last written to ``out_dir`` (read a slice at a time)."""
    for name in TABLES:
        new = tables[name]
        start = 0
        try:
            for old in _read_slices(out_dir, name):
                if not old.equals(new.slice(start, old.num_rows)):
                    return False
                start += old.num_rows
        except TABLE_READ_ERRORS:
            return False
        if start != new.num_rows:
            return False
    return True


def _read_slices(out_dir: Path, name: str) -> Iterator[pa.Table]:
    """One written table in slices of ``READ_ROWS`` rows, with the declared columns and types."""
    table = TABLES[name]
    # A small read buffer: the file's column chunks are streamed, not read whole. One thread:
    # the slices are small, and memory freed in this thread is easier to give back.
    with pq.ParquetFile(out_dir / f"{name}.parquet", buffer_size=READ_BUFFER_BYTES) as file:
        for batch in file.iter_batches(batch_size=READ_ROWS, columns=table.column_names, use_threads=False):
            yield pa.Table.from_batches([batch]).select(table.column_names).cast(table.arrow_schema)


# --------------------------------------------------------------------------- validation


def validate(tables: Mapping[str, pa.Table]) -> None:
    """Check the tables before any write; raise ValidationError listing every problem.

    Unique keys; every reference (``doc_id``, ``section_id``) to an existing row, and a
    row's section in the row's own document; start_date <= end_date; offsets inside the
    document text (and inside the row's section); ``documents.n_sections`` and ``n_pages``
    equal to its rows in ``sections`` and ``pages``; no file both processed and failed with
    an error; the archive tables' dates in order, statuses known, every entity and archive
    event named by a row.
    """
    problems: list[str] = []
    for name in TABLES:
        problems.extend(_table_problems(tables, name))
    problems.extend(_offset_problems(tables))
    problems.extend(_document_problems(tables))
    problems.extend(archive_problems(tables))
    if problems:
        raise ValidationError("tables not written, they are inconsistent: " + "; ".join(problems))


def _table_problems(tables: Mapping[str, pa.Table], name: str) -> list[str]:
    table = TABLES[name]
    arrow = tables[name]
    problems = []
    if arrow.num_rows:
        # One thread: one hash table of the keys, not one per thread.
        distinct = arrow.group_by(list(table.key), use_threads=False).aggregate([]).num_rows
        if distinct != arrow.num_rows:
            problems.append(f"{name}: duplicate key {table.key} ({arrow.num_rows - distinct} row(s))")
    for column, target in table.references:
        target_table, target_column = target.split(".")
        values = arrow[column]
        missing = pc.invert(pc.is_in(values, value_set=tables[target_table][target_column]))
        n_missing = pc.sum(pc.and_(pc.is_valid(values), missing)).as_py() or 0  # null refers to nothing
        if n_missing:
            problems.append(f"{name}.{column}: {n_missing} value(s) not in {target}")
    if "start_date" in arrow.column_names and "end_date" in arrow.column_names:
        reversed_ = pc.greater(arrow["start_date"], arrow["end_date"])
        n_reversed = pc.sum(pc.fill_null(reversed_, False)).as_py() or 0
        if n_reversed:
            problems.append(f"{name}: start_date after end_date in {n_reversed} row(s)")
    return problems


CHECK_ROWS = 65536  # rows checked at once, where a check needs no other row of the table


def row_slices(
    tables: Mapping[str, pa.Table], name: str, columns: list[str], rows: int | None = None
) -> Iterator[pa.Table]:
    """The rows of table ``name`` (these columns) in slices of about ``rows`` rows (``CHECK_ROWS``): read
    from the file a slice at a time when ``tables`` can (a run's spill, ``read_slices``), so
    that a whole table's pages are never in memory at once."""
    rows = rows or CHECK_ROWS
    read = getattr(tables, "read_slices", None)
    if read is not None:
        yield from read(name, columns, rows)
        return
    for batch in tables[name].select(columns).to_batches(max_chunksize=rows):
        yield pa.Table.from_batches([batch])


def _offset_problems(tables: Mapping[str, pa.Table]) -> list[str]:
    # Rows are matched to their document and section by position (index_in, then take), as
    # a dict would match them: no join, nothing as large as a table's columns of text.
    documents = tables["documents"]
    lengths = _last_row_per_key(
        pa.table({"doc_id": documents["doc_id"], "text_length": pc.utf8_length(documents["text"])}), "doc_id"
    )
    del documents  # the text's pages are let go here
    spans = _last_row_per_key(
        tables["sections"].select(["section_id", "doc_id", "char_start", "char_end"]), "section_id"
    )
    section_docs = pc.unique(spans["doc_id"])
    section_doc = pc.index_in(spans["doc_id"], value_set=section_docs)
    problems = []
    for name in ("pages", "sections", "mentions", "dates", "statistics", "events"):
        has_section = name not in ("pages", "sections")
        columns = ["doc_id", "char_start", "char_end", *(["section_id"] if has_section else [])]
        outside = in_other_doc = outside_section = 0
        # A slice of rows at a time: the checks of 10,000 bulletins' mentions held whole took
        # 150 MB more than the rest of the run's end.
        for rows in row_slices(tables, name, columns):
            rows = rows.filter(pc.and_(pc.is_valid(rows["char_start"]), pc.is_valid(rows["char_end"])))
            start, end = rows["char_start"], rows["char_end"]
            # A document missing from `documents` has no text: every offset is outside it.
            text_length = pc.take(
                lengths["text_length"], pc.index_in(rows["doc_id"], value_set=lengths["doc_id"])
            )
            outside += _count_false(_ordered(0, start, end, pc.fill_null(text_length, -1)))
            if has_section:
                # A missing section is reported as a reference problem: its rows are not counted here.
                section = pc.index_in(rows["section_id"], value_set=spans["section_id"])
                own_doc = pc.index_in(rows["doc_id"], value_set=section_docs)  # null: no sections
                other = pc.fill_null(pc.not_equal(pc.take(section_doc, section), own_doc), True)
                other = pc.and_(pc.is_valid(section), other)
                in_other_doc += pc.sum(other).as_py() or 0
                inside_own = pc.and_(pc.is_valid(section), pc.invert(other))
                section_start = pc.take(spans["char_start"], section)
                section_end = pc.take(spans["char_end"], section)
                in_section = _ordered(section_start, start, end, section_end)
                outside_section += pc.sum(pc.and_(inside_own, pc.invert(in_section))).as_py() or 0
        if outside:
            problems.append(f"{name}: offsets outside the document text in {outside} row(s)")
        if in_other_doc:
            problems.append(f"{name}: section of another document in {in_other_doc} row(s)")
        if outside_section:
            problems.append(f"{name}: offsets outside the row's section in {outside_section} row(s)")
    return problems


def _last_row_per_key(table: pa.Table, key: str) -> pa.Table:
    """The last row of each key (what a dict filled row by row keeps)."""
    numbered = table.append_column("row", pa.array(np.arange(table.num_rows)))
    last = numbered.group_by(key, use_threads=False).aggregate([("row", "max")])["row_max"]
    return table.take(last)


def _ordered(*values: Any) -> Any:
    """Row by row, whether ``values[0] <= values[1] <= ...`` (null: not in order)."""
    ordered = pc.less_equal(values[0], values[1])
    for low, high in itertools.pairwise(values[1:]):
        ordered = pc.and_(ordered, pc.less_equal(low, high))
    return pc.fill_null(ordered, False)


def _count_false(mask: Any) -> int:
    return len(mask) - (pc.sum(mask).as_py() or 0)


def _document_problems(tables: Mapping[str, pa.Table]) -> list[str]:
    documents = tables["documents"].select(["doc_id", "source_file", "n_sections", "n_pages"])
    problems = []
    for column, rows in (("n_sections", "sections"), ("n_pages", "pages")):
        doc_ids = tables[rows].select(["doc_id"])
        counts = doc_ids.group_by("doc_id", use_threads=False).aggregate([([], "count_all")])
        n_rows = pc.take(counts["count_all"], pc.index_in(documents["doc_id"], value_set=counts["doc_id"]))
        differs = pc.not_equal(documents[column], pc.fill_null(n_rows, 0))
        wrong = pc.sum(pc.fill_null(differs, True)).as_py() or 0
        if wrong:
            problems.append(f"documents: {column} differs from the rows in {rows} in {wrong} row(s)")
    failures = tables["failures"]
    failed = pc.unique(pc.filter(failures["source_file"], pc.equal(failures["severity"], "error")))
    both = pc.sum(pc.is_in(failed, value_set=pc.unique(documents["source_file"]))).as_py() or 0
    if both:
        problems.append(f"failures: {both} file(s) both processed and failed")
    return problems


# --------------------------------------------------------------------------- writing


def write_tables(
    out_dir: Path,
    tables: Mapping[str, pa.Table],
    manifest: Manifest,
    extra: Mapping[str, bytes] | None = None,
    changed_docs: Collection[str] | None = None,
) -> None:
    """Validate, stage every file, then commit them all through the journal (``extra``: other
    files of ``output_files()`` to commit with the tables, name -> content).

    ``changed_docs``: when given, the tables differ from those last written in ``out_dir`` only
    in these documents' rows and in the tables without a document column, and the DuckDB file
    last written is updated rather than built again (see ``_update_duckdb``)."""
    validate(tables)
    release_arrow_memory()  # validation's hash tables of every key
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, str]] = []
    committed = False
    try:
        parquet_files: dict[str, Path] = {}
        for name in TABLES:
            path = staged_path(out_dir, f"{name}.parquet")
            staged.append((path, f"{name}.parquet"))
            pq.write_table(in_chunks(tables[name]), path, compression="zstd")
            fsync_file(path)
            parquet_files[name] = path
        release_arrow_memory()
        path = staged_path(out_dir, DUCKDB_FILE)
        staged.append((path, DUCKDB_FILE))
        updated = changed_docs is not None and _update_duckdb(
            out_dir / DUCKDB_FILE, path, parquet_files, changed_docs
        )
        if not updated:
            _write_duckdb(path, parquet_files)
        for name, content in (extra or {}).items():
            path = staged_path(out_dir, name)
            staged.append((path, name))
            path.write_bytes(content)
            fsync_file(path)
        path = staged_path(out_dir, MANIFEST_FILE)
        staged.append((path, MANIFEST_FILE))
        write_durably(path, manifest_text(manifest))
        with commit_lock(out_dir, shared=False):
            write_journal(out_dir, [(p.name, final) for p, final in staged])
            committed = True  # from here on the journal, not this function, owns the staged files
            roll_forward(out_dir)
    finally:
        if not committed:
            for path, _ in staged:
                path.unlink(missing_ok=True)
                Path(f"{path}.wal").unlink(missing_ok=True)


def release_arrow_memory() -> None:
    """Hand the pages Arrow's allocator keeps after a step back to the system, so that the
    next step (DuckDB's above all) starts from the run's memory, not from that step's peak."""
    pa.default_memory_pool().release_unused()


def _write_duckdb(path: Path, parquet_files: Mapping[str, Path]) -> None:
    """Every table into a new DuckDB file, from its staged Parquet file.

    DuckDB reads a Parquet file a slice at a time, on one thread: from an Arrow table (or
    on more threads) it needed twice the memory. Each table is committed and written to the
    file before the next one, so DuckDB holds one table's blocks at a time (a quarter less
    memory at 1,000 bulletins than one transaction for all). The file is a staged one:
    readers only ever see it complete, through the journaled commit.
    """
    path.unlink(missing_ok=True)  # duckdb creates the file itself
    # A memory limit: past it DuckDB spills to a temporary folder beside the file, so its
    # memory does not grow with the archive.
    con = duckdb.connect(str(path), config=DUCKDB_CONFIG)
    try:
        for name in TABLES:
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(parquet_files[name])])
            con.execute("CHECKPOINT")
        con.execute(f"COMMENT ON TABLE documents IS '{_BUILT_WHOLE.format(path.stat().st_size)}'")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    Path(f"{path}.wal").unlink(missing_ok=True)  # empty after the checkpoint
    fsync_file(path)


def _size_built_whole(con: duckdb.DuckDBPyConnection) -> int | None:
    rows = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'documents'").fetchall()
    found = re.fullmatch(re.escape(_BUILT_WHOLE).replace(r"\{\}", r"(\d+)"), str(rows[0][0] if rows else ""))
    return int(found.group(1)) if found else None


class _NotUpdatable(Exception):
    """The DuckDB file last written does not hold what the new tables are updated from."""


def _update_duckdb(
    written: Path, path: Path, parquet_files: Mapping[str, Path], changed_docs: Collection[str]
) -> bool:
    """A copy of the DuckDB file last written, with the rows of ``changed_docs`` taken again
    from the staged Parquet files and the tables without a document column built again, in one
    transaction: the monthly run that adds a bulletin to a large archive copies the file and
    writes that bulletin's rows, instead of every row of the archive (the rows so replaced come
    after the others: a DuckDB table's rows have no order but that of an ``ORDER BY``). Each
    table's rows are then counted against its Parquet file. False, and nothing staged, when the
    file cannot be read or does not match, or has grown too much since it was last built whole
    (``DUCKDB_GROWTH_LIMIT``): the caller builds it whole."""
    changed = pa.table({"doc_id": pa.array(sorted(changed_docs), pa.string())})
    try:
        shutil.copyfile(written, path)
        con = duckdb.connect(str(path), config=DUCKDB_CONFIG)
        try:
            whole_size = _size_built_whole(con)
            if whole_size is None:
                raise _NotUpdatable("documents")
            con.register("changed", changed)
            con.execute("BEGIN TRANSACTION")
            for name in TABLES:
                source = str(parquet_files[name])
                if "doc_id" in TABLES[name].column_names:
                    con.execute(f'DELETE FROM "{name}" WHERE doc_id IN (SELECT doc_id FROM changed)')
                    con.execute(
                        f'INSERT INTO "{name}" BY NAME SELECT * FROM read_parquet(?)'
                        " WHERE doc_id IN (SELECT doc_id FROM changed)",
                        [source],
                    )
                else:
                    con.execute(f'DROP TABLE "{name}"')
                    con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [source])
                counted = con.execute(f'SELECT count(*) FROM "{name}"').fetchall()
                if counted[0][0] != pq.read_metadata(source).num_rows:
                    raise _NotUpdatable(name)
            con.execute("COMMIT")
            con.unregister("changed")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        if path.stat().st_size > max(DUCKDB_GROWTH_LIMIT * whole_size, whole_size + DUCKDB_GROWTH_SLACK):
            raise _NotUpdatable("size")
    except (duckdb.Error, OSError, _NotUpdatable):
        path.unlink(missing_ok=True)
        Path(f"{path}.wal").unlink(missing_ok=True)
        return False
    Path(f"{path}.wal").unlink(missing_ok=True)  # empty after the checkpoint
    fsync_file(path)
    return True
