"""The commit of a set of output files: the manifest, the journal and the locks.

A run replaces the whole set of files at once (``pipeline.tables.store`` writes them): every
new file is staged under a temporary name, a journal (``.commit.json``) lists temporary ->
final names, then each file is renamed into place and the journal removed. ``roll_forward``
completes a journal a killed writer left; ``recover`` also deletes staged files no journal
names. Nothing here reads a table: a run with nothing to do decides so from the manifest
alone, without loading Arrow or DuckDB.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pipeline.core.errors import PipelineError
from pipeline.core.records import Failure
from pipeline.tables.schema import TABLES

DUCKDB_FILE = "bulletins.duckdb"
# What linking knows of the archive written (``pipeline.archive.index``): committed with the
# tables; a run that finds none, or one of other tables, links the whole archive again.
ARCHIVE_INDEX_FILE = "archive_index.pickle"
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
    # What the tables hold, so that a run with nothing to do can say so without reading them:
    # rows per table, error rows in `failures`, and a digest of the files refused when found.
    rows: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    refused: str = ""


def refused_digest(refused: Iterable[Failure]) -> str:
    """A digest of the failures of files refused on discovery (their rows in `failures`)."""
    digest = hashlib.sha256()
    for failure in refused:
        digest.update(repr(failure).encode("utf-8") + b"\x1e")
    return digest.hexdigest()[:16]


def manifest_text(manifest: Manifest) -> str:
    payload = {
        "fingerprint": manifest.fingerprint,
        "files": dict(sorted(manifest.files.items())),
        "rows": {name: manifest.rows[name] for name in TABLES if name in manifest.rows},
        "errors": manifest.errors,
        "refused": manifest.refused,
    }
    return json.dumps(payload, indent=2) + "\n"


def load_manifest(out_dir: Path) -> Manifest:
    """The manifest file as written; empty when it is missing or unreadable. (``read_manifest``
    of ``pipeline.tables.store`` also checks the tables it describes.)"""
    path = out_dir / MANIFEST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(
            str(data["fingerprint"]),
            {str(k): str(v) for k, v in data["files"].items()},
            {str(k): int(v) for k, v in data.get("rows", {}).items()},
            int(data.get("errors", 0)),
            str(data.get("refused", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        return Manifest()


def files_present(out_dir: Path) -> bool:
    """Every file of the set is there, each table a complete Parquet file (its closing magic
    bytes): what a run with nothing to do checks before keeping them."""
    if not (out_dir / DUCKDB_FILE).is_file():
        return False
    for name in TABLES:
        try:
            with (out_dir / f"{name}.parquet").open("rb") as handle:
                handle.seek(-4, os.SEEK_END)
                if handle.read(4) != b"PAR1":
                    return False
        except OSError:
            return False
    return True


def output_files() -> tuple[str, ...]:
    """Names of the files one commit replaces, the manifest last."""
    return (*(f"{name}.parquet" for name in TABLES), DUCKDB_FILE, ARCHIVE_INDEX_FILE, MANIFEST_FILE)


# --------------------------------------------------------------------------- staging


def staged_path(out_dir: Path, final: str) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{final}.", suffix=".tmp", dir=out_dir)
    os.close(handle)
    os.chmod(name, FILE_MODE)  # mkstemp makes it private; the tables are for every reader
    return Path(name)


def write_durably(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def fsync_file(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- the journal


def write_journal(out_dir: Path, renames: list[tuple[str, str]]) -> None:
    tmp = staged_path(out_dir, JOURNAL_FILE)
    try:
        body = {"version": JOURNAL_VERSION, "renames": [list(pair) for pair in renames]}
        write_durably(tmp, json.dumps(body, indent=2) + "\n")
        os.replace(tmp, out_dir / JOURNAL_FILE)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(out_dir)


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
    fsync_dir(out_dir)
    journal.unlink(missing_ok=True)
    fsync_dir(out_dir)
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
    with commit_lock(out_dir, shared=False):
        roll_forward(out_dir)
        for path in stray_files(out_dir):
            path.unlink(missing_ok=True)


# --------------------------------------------------------------------------- locks


@contextmanager
def commit_lock(out_dir: Path, *, shared: bool) -> Iterator[IO[str] | None]:
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
        _held_locks.add(handle)
        try:
            recover(out_dir)
            yield
        finally:
            _held_locks.discard(handle)
            fcntl.flock(handle, fcntl.LOCK_UN)


# The output folders' locks this process holds. A process forked while one is held (a worker of
# the run) shares the lock through its copy of the file descriptor: a worker left running after
# its run was killed would keep the folder locked. Each forked process closes its copies at once
# (closing them does not release the lock of the process that took it).
_held_locks: set[IO[str]] = set()


def _close_inherited_locks() -> None:
    for handle in list(_held_locks):
        handle.close()
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)
