"""Writing and reading the output tables: Parquet files, one DuckDB file, a manifest.

Every file is written to a temporary name and renamed into place, so a reader never
sees a half-written file; the manifest, written last, records which input files (and
which version of the pipeline) the tables hold.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass(frozen=True)
class Manifest:
    fingerprint: str = ""
    # source_file -> sha256 of every input file the tables account for (processed or failed)
    files: dict[str, str] = field(default_factory=dict)


class ValidationError(PipelineError):
    """The tables about to be written break a declared key or reference."""


def read_manifest(out_dir: Path) -> Manifest:
    path = out_dir / MANIFEST_FILE
    if not path.exists():
        return Manifest()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(str(data["fingerprint"]), {str(k): str(v) for k, v in data["files"].items()})
    except (ValueError, KeyError, TypeError, AttributeError):
        return Manifest()


def read_tables(out_dir: Path) -> dict[str, pa.Table]:
    """The tables as last written; a missing or unreadable table reads as empty."""
    tables = empty_tables()
    for name, table in TABLES.items():
        path = out_dir / f"{name}.parquet"
        if path.exists():
            try:
                arrow = pq.read_table(path)
                tables[name] = arrow.select(table.column_names).cast(table.arrow_schema)
            except (pa.ArrowException, OSError, KeyError):
                tables[name] = empty_tables()[name]
    return tables


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


def validate(tables: Mapping[str, pa.Table]) -> None:
    """Unique keys, references to existing rows, start <= end, offsets inside the text."""
    problems: list[str] = []
    for name, table in TABLES.items():
        arrow = tables[name]
        keys = arrow.select(list(table.key)).to_pylist()
        as_tuples = [tuple(row.values()) for row in keys]
        if len(set(as_tuples)) != len(as_tuples):
            problems.append(f"{name}: duplicate key {table.key}")
        for column, target in table.references:
            target_table, target_column = target.split(".")
            allowed = set(tables[target_table][target_column].to_pylist())
            missing = set(arrow[column].to_pylist()) - allowed
            if missing:
                problems.append(f"{name}.{column}: {len(missing)} value(s) not in {target}")
        columns = arrow.column_names
        if "start_date" in columns and "end_date" in columns:
            rows = arrow.select(["start_date", "end_date"]).to_pylist()
            if any(r["start_date"] and r["end_date"] and r["start_date"] > r["end_date"] for r in rows):
                problems.append(f"{name}: start_date after end_date")
    lengths = dict(
        zip(
            tables["documents"]["doc_id"].to_pylist(),
            (len(t) for t in tables["documents"]["text"].to_pylist()),
            strict=True,
        )
    )
    for name in ("sections", "mentions", "dates", "statistics", "events"):
        for row in tables[name].select(["doc_id", "char_start", "char_end"]).to_pylist():
            if row["char_start"] is None:
                continue
            if not 0 <= row["char_start"] <= row["char_end"] <= lengths.get(row["doc_id"], -1):
                problems.append(f"{name}: offsets {row['char_start']}-{row['char_end']} outside the text")
                break
    if problems:
        raise ValidationError("tables not written, they are inconsistent: " + "; ".join(problems))


def _atomic_path(target: Path) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


def _replace(tmp: Path, target: Path) -> None:
    with tmp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, target)


def write_tables(out_dir: Path, tables: Mapping[str, pa.Table], manifest: Manifest) -> None:
    """Validate, then write every table as Parquet and into the DuckDB file, then the manifest."""
    validate(tables)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        target = out_dir / f"{name}.parquet"
        tmp = _atomic_path(target)
        try:
            pq.write_table(tables[name], tmp, compression="zstd")
            _replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
    _write_duckdb(out_dir / DUCKDB_FILE, tables)
    target = out_dir / MANIFEST_FILE
    tmp = _atomic_path(target)
    try:
        payload = {"fingerprint": manifest.fingerprint, "files": dict(sorted(manifest.files.items()))}
        tmp.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        _replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_duckdb(target: Path, tables: Mapping[str, pa.Table]) -> None:
    tmp = _atomic_path(target)
    tmp.unlink()  # duckdb creates the file itself
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("BEGIN TRANSACTION")
            for name in TABLES:
                arrow = tables[name]  # noqa: F841 - read by duckdb's replacement scan
                con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM arrow')
            con.execute("COMMIT")
        finally:
            con.close()
        _replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output folder; a second run exits with a clear message."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / LOCK_FILE).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise PipelineError(
                f"another `bulletin run` is writing to {out_dir}; wait for it to finish"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
