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
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.errors import PipelineError
from pipeline.schema import TABLES
from pipeline.tables import empty_tables, sort_table

DUCKDB_FILE = "bulletins.duckdb"
MANIFEST_FILE = "manifest.json"
LOCK_FILE = ".bulletin.lock"
COMMIT_LOCK_FILE = ".commit.lock"
JOURNAL_FILE = ".commit.json"
JOURNAL_VERSION = 1
FILE_MODE = 0o644

# A staged file: "." + final name + "." + tempfile's random part + ".tmp" (DuckDB may add ".wal").
_STAGED = re.compile(r"^\.(?P<final>.+)\.[A-Za-z0-9_]{4,}\.tmp(?:\.wal)?$")


@dataclass(frozen=True)
class Manifest:
    fingerprint: str = ""
    # source_file -> sha256 of every input file the tables account for (processed or failed)
    files: dict[str, str] = field(default_factory=dict)


class ValidationError(PipelineError):
    """The tables about to be written break a declared key or reference."""


def output_files() -> tuple[str, ...]:
    """Names of the files one commit replaces, the manifest last."""
    return (*(f"{name}.parquet" for name in TABLES), DUCKDB_FILE, MANIFEST_FILE)


# --------------------------------------------------------------------------- reading


def read_manifest(out_dir: Path) -> Manifest:
    """The manifest of the last complete write; empty (so everything is redone) when the
    manifest or any table file is missing or unreadable."""
    path = out_dir / MANIFEST_FILE
    if not path.exists():
        return Manifest()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(str(data["fingerprint"]), {str(k): str(v) for k, v in data["files"].items()})
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return Manifest()
    if not _tables_readable(out_dir):
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


def read_tables(out_dir: Path) -> dict[str, pa.Table]:
    """The tables as last written; a missing or unreadable table reads as empty.

    An interrupted commit is completed first; the read holds the commit lock (shared),
    so it never mixes tables of two runs.
    """
    tables = empty_tables()
    if not out_dir.is_dir():
        return tables
    with _commit_lock(out_dir, shared=True) as locked:
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
                    arrow = pq.read_table(path)
                    tables[name] = arrow.select(table.column_names).cast(table.arrow_schema)
                except (pa.ArrowException, OSError, KeyError):
                    tables[name] = empty_tables()[name]
    return tables


# --------------------------------------------------------------------------- changing tables


def drop_documents(tables: Mapping[str, pa.Table], source_files: set[str]) -> dict[str, pa.Table]:
    """The tables without any row of the given source files."""
    documents = tables["documents"]
    mask = pc.is_in(documents["source_file"], value_set=pa.array(sorted(source_files), pa.string()))
    doc_ids = pc.filter(documents["doc_id"], mask)
    kept: dict[str, pa.Table] = {}
    for name, arrow in tables.items():
        if "doc_id" in arrow.column_names:
            keep = pc.invert(pc.is_in(arrow["doc_id"], value_set=doc_ids))
        else:
            keep = pc.invert(
                pc.is_in(arrow["source_file"], value_set=pa.array(sorted(source_files), pa.string()))
            )
        kept[name] = arrow.filter(keep)
    return kept


def merge_tables(old: Mapping[str, pa.Table], new: Mapping[str, pa.Table]) -> dict[str, pa.Table]:
    return {name: sort_table(TABLES[name], pa.concat_tables([old[name], new[name]])) for name in TABLES}


# --------------------------------------------------------------------------- validation


def validate(tables: Mapping[str, pa.Table]) -> None:
    """Check the tables before any write; raise ValidationError listing every problem.

    Unique keys; every reference (``doc_id``, ``section_id``) to an existing row, and a
    row's section in the row's own document; start_date <= end_date; offsets inside the
    document text (and inside the row's section); ``documents.n_sections`` equal to its
    rows in ``sections``; no file both processed and failed with an error.
    """
    problems: list[str] = []
    for name in TABLES:
        problems.extend(_table_problems(tables, name))
    problems.extend(_offset_problems(tables))
    problems.extend(_document_problems(tables))
    if problems:
        raise ValidationError("tables not written, they are inconsistent: " + "; ".join(problems))


def _table_problems(tables: Mapping[str, pa.Table], name: str) -> list[str]:
    table = TABLES[name]
    arrow = tables[name]
    problems = []
    if arrow.num_rows:
        distinct = arrow.group_by(list(table.key)).aggregate([]).num_rows
        if distinct != arrow.num_rows:
            problems.append(f"{name}: duplicate key {table.key} ({arrow.num_rows - distinct} row(s))")
    for column, target in table.references:
        target_table, target_column = target.split(".")
        values = pc.drop_null(arrow[column])
        missing = pc.invert(pc.is_in(values, value_set=tables[target_table][target_column]))
        n_missing = pc.sum(missing).as_py() or 0
        if n_missing:
            problems.append(f"{name}.{column}: {n_missing} value(s) not in {target}")
    if "start_date" in arrow.column_names and "end_date" in arrow.column_names:
        reversed_ = pc.greater(arrow["start_date"], arrow["end_date"])
        n_reversed = pc.sum(pc.fill_null(reversed_, False)).as_py() or 0
        if n_reversed:
            problems.append(f"{name}: start_date after end_date in {n_reversed} row(s)")
    return problems


def _offset_problems(tables: Mapping[str, pa.Table]) -> list[str]:
    documents = tables["documents"]
    lengths = dict(
        zip(
            documents["doc_id"].to_pylist(),
            pc.utf8_length(documents["text"]).to_pylist(),
            strict=True,
        )
    )
    sections = tables["sections"]
    spans = {
        row["section_id"]: (row["doc_id"], row["char_start"], row["char_end"])
        for row in sections.select(["section_id", "doc_id", "char_start", "char_end"]).to_pylist()
    }
    problems = []
    for name in ("sections", "mentions", "dates", "statistics", "events"):
        outside = in_other_doc = outside_section = 0
        has_section = name != "sections"
        columns = ["doc_id", "char_start", "char_end", *(["section_id"] if has_section else [])]
        for row in tables[name].select(columns).to_pylist():
            start, end = row["char_start"], row["char_end"]
            if start is None or end is None:
                continue
            if not 0 <= start <= end <= lengths.get(row["doc_id"], -1):
                outside += 1
            if not has_section or row["section_id"] not in spans:
                continue  # a missing section is reported as a reference problem
            section_doc, section_start, section_end = spans[row["section_id"]]
            if section_doc != row["doc_id"]:
                in_other_doc += 1
            elif not section_start <= start <= end <= section_end:
                outside_section += 1
        if outside:
            problems.append(f"{name}: offsets outside the document text in {outside} row(s)")
        if in_other_doc:
            problems.append(f"{name}: section of another document in {in_other_doc} row(s)")
        if outside_section:
            problems.append(f"{name}: offsets outside the row's section in {outside_section} row(s)")
    return problems


def _document_problems(tables: Mapping[str, pa.Table]) -> list[str]:
    documents = tables["documents"].select(["doc_id", "source_file", "n_sections"]).to_pylist()
    counts: dict[str, int] = {}
    for doc_id in tables["sections"]["doc_id"].to_pylist():
        counts[doc_id] = counts.get(doc_id, 0) + 1
    problems = []
    wrong = sum(1 for d in documents if d["n_sections"] != counts.get(d["doc_id"], 0))
    if wrong:
        problems.append(f"documents: n_sections differs from the rows in sections in {wrong} row(s)")
    processed = {d["source_file"] for d in documents}
    failed = {
        f["source_file"]
        for f in tables["failures"].select(["source_file", "severity"]).to_pylist()
        if f["severity"] == "error"
    }
    if processed & failed:
        problems.append(f"failures: {len(processed & failed)} file(s) both processed and failed")
    return problems


# --------------------------------------------------------------------------- writing


def write_tables(out_dir: Path, tables: Mapping[str, pa.Table], manifest: Manifest) -> None:
    """Validate, stage every file, then commit them all through the journal."""
    validate(tables)
    out_dir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, str]] = []
    committed = False
    try:
        for name in TABLES:
            path = _staged_path(out_dir, f"{name}.parquet")
            staged.append((path, f"{name}.parquet"))
            pq.write_table(tables[name], path, compression="zstd")
            _fsync_file(path)
        path = _staged_path(out_dir, DUCKDB_FILE)
        staged.append((path, DUCKDB_FILE))
        _write_duckdb(path, tables)
        path = _staged_path(out_dir, MANIFEST_FILE)
        staged.append((path, MANIFEST_FILE))
        payload = {"fingerprint": manifest.fingerprint, "files": dict(sorted(manifest.files.items()))}
        _write_durably(path, json.dumps(payload, indent=2) + "\n")
        with _commit_lock(out_dir, shared=False):
            _write_journal(out_dir, [(p.name, final) for p, final in staged])
            committed = True  # from here on the journal, not this function, owns the staged files
            roll_forward(out_dir)
    finally:
        if not committed:
            for path, _ in staged:
                path.unlink(missing_ok=True)
                Path(f"{path}.wal").unlink(missing_ok=True)


def _staged_path(out_dir: Path, final: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{final}.", suffix=".tmp", dir=out_dir)
    os.close(handle)
    os.chmod(name, FILE_MODE)  # mkstemp makes it private; the tables are for every reader
    return Path(name)


def _write_duckdb(path: Path, tables: Mapping[str, pa.Table]) -> None:
    """Every table into a new DuckDB file, in one transaction."""
    path.unlink()  # duckdb creates the file itself
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        for name in TABLES:
            arrow = tables[name]  # noqa: F841 - read by duckdb's replacement scan
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM arrow')
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    Path(f"{path}.wal").unlink(missing_ok=True)  # empty after the checkpoint
    _fsync_file(path)


def _write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- the journal


def _write_journal(out_dir: Path, renames: list[tuple[str, str]]) -> None:
    tmp = _staged_path(out_dir, JOURNAL_FILE)
    try:
        body = {"version": JOURNAL_VERSION, "renames": [list(pair) for pair in renames]}
        _write_durably(tmp, json.dumps(body, indent=2) + "\n")
        os.replace(tmp, out_dir / JOURNAL_FILE)
    finally:
        tmp.unlink(missing_ok=True)
    _fsync_dir(out_dir)


def read_journal(out_dir: Path) -> list[tuple[str, str]] | None:
    """The renames a commit journal asks for; None if there is no valid journal.

    Only names of this folder's own files are accepted: a staged name for one of
    ``output_files()``, renamed to that file.
    """
    try:
        body = json.loads((out_dir / JOURNAL_FILE).read_text(encoding="utf-8"))
        renames = [(str(staged), str(final)) for staged, final in body["renames"]]
        if body["version"] != JOURNAL_VERSION:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    allowed = set(output_files())
    for staged, final in renames:
        match = _STAGED.match(staged)
        if final not in allowed or match is None or match.group("final") != final or "/" in staged:
            return None
    return renames


def roll_forward(out_dir: Path) -> bool:
    """Finish the commit a journal describes (rename the staged files that are left).

    Returns whether there was a journal. A journal that cannot be read is removed with
    the manifest, so the next run rebuilds every table from the input files.
    """
    journal = out_dir / JOURNAL_FILE
    if not journal.exists():
        return False
    renames = read_journal(out_dir)
    if renames is None:
        (out_dir / MANIFEST_FILE).unlink(missing_ok=True)
    else:
        for staged, final in renames:
            source = out_dir / staged
            if source.exists():
                os.replace(source, out_dir / final)
    _fsync_dir(out_dir)
    journal.unlink(missing_ok=True)
    _fsync_dir(out_dir)
    return True


def stray_files(out_dir: Path) -> list[Path]:
    """Staged files of an unfinished write that no journal will complete."""
    allowed = {*output_files(), JOURNAL_FILE}
    named = {staged for staged, _ in read_journal(out_dir) or []}
    strays = []
    for path in sorted(out_dir.iterdir()) if out_dir.is_dir() else []:
        match = _STAGED.match(path.name)
        if match and match.group("final") in allowed and path.name not in named and path.is_file():
            strays.append(path)
    return strays


def recover(out_dir: Path) -> None:
    """Complete an interrupted commit, then delete staged files left by an interrupted write.

    Call only under the run lock (``output_lock`` does), as a running writer's staged
    files would look like leftovers.
    """
    with _commit_lock(out_dir, shared=False):
        roll_forward(out_dir)
        for path in stray_files(out_dir):
            path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- locks


@contextmanager
def _commit_lock(out_dir: Path, *, shared: bool) -> Iterator[IO[str] | None]:
    """The commit lock: shared for reading the set of files, exclusive for replacing it.

    Yields the open lock file, or None when the folder is read-only (no lock possible).
    """
    try:
        handle = (out_dir / COMMIT_LOCK_FILE).open("a+")
    except OSError:
        yield None
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
        try:
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder; a second run exits with a clear message.

    On taking the lock, an interrupted earlier write is completed or cleaned up.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK_FILE).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise PipelineError(
                f"another `bulletin run` is writing to {out_dir}; wait for it to finish"
            ) from exc
        try:
            recover(out_dir)
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
