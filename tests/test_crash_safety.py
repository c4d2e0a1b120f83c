"""A run killed at any moment leaves the previous tables readable and consistent, and the
next run completes the work.

The commit (pipeline/tables/store.py, through pipeline/tables/commit.py) stages every file,
writes a journal, renames, removes the journal. Each test stops a write at one point: by making
``os.replace`` fail in this process, by ``os._exit`` in a child process at a chosen call (no
clean-up runs, as with SIGKILL), and by a real SIGKILL of ``bulletin run``. Afterwards the folder
must hold the complete old set or a set that reading or the next run completes into the new one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.core.errors import PipelineError
from pipeline.core.settings import Settings
from pipeline.execute.run import HASH_CACHE_FILE, run
from pipeline.execute.stages import Resources
from pipeline.tables.commit import ARCHIVE_INDEX_FILE
from pipeline.tables.schema import TABLES
from pipeline.tables.store import (
    DUCKDB_FILE,
    JOURNAL_FILE,
    MANIFEST_FILE,
    output_files,
    output_lock,
    read_manifest,
    read_tables,
    stray_files,
    validate,
    write_tables,
)

ROOT = Path(__file__).resolve().parent.parent

BULLETIN = """\
{title}: {month} 2016

1. Workshop on {topic} in {city}

The Network held a workshop on {topic} in {city} from 4 to 6 {month} 2016.
Some {count} participants from 12 countries took part, with Ms. Ana Ruiz of the
World Health Organization (WHO).

2. Visit to Geneva

Mr. Omar Haddad visited Geneva on 19 {month} 2016 to meet the United Nations
Development Programme (UNDP).
"""


def _bulletin(n: int, topic: str = "open data") -> str:
    cities = ["Lusaka", "Quito", "Hanoi", "Tunis", "Lima", "Dakar"]
    months = ["March", "April", "May", "June", "July", "August"]
    return BULLETIN.format(
        title=f"Network Bulletin {n}", month=months[n % 6], topic=topic, city=cities[n % 6], count=20 + n
    )


def _write_inputs(raw: Path, texts: dict[str, str]) -> None:
    if raw.exists():
        shutil.rmtree(raw)
    raw.mkdir(parents=True)
    for name, text in texts.items():
        (raw / name).write_text(text, encoding="utf-8")


OLD_INPUTS = {f"b{n}.txt": _bulletin(n) for n in range(3)}
NEW_INPUTS = {**OLD_INPUTS, "b1.txt": _bulletin(1, topic="census methods"), "b3.txt": _bulletin(3)}
NEW_INPUTS.pop("b2.txt")


def _run(raw: Path, out: Path, resources: Resources) -> None:
    summary = run(Settings(input_dir=raw, output_dir=out, progress=False), resources=resources)
    assert summary.ok, summary.failed


def _snapshot(out: Path) -> dict[str, bytes]:
    """Bytes of the Parquet files and the manifest (the DuckDB file is compared by content).

    Not `entity_history`, nor its count of rows in the manifest: it records how a folder came to
    hold its tables (ids removed with the bulletins of the old set), which a run into an empty
    folder has no reason to record.
    """
    names = [f"{name}.parquet" for name in TABLES if name != "entity_history"]
    snapshot = {name: (out / name).read_bytes() for name in names}
    manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest.get("rows", {}).pop("entity_history", None)
    snapshot[MANIFEST_FILE] = json.dumps(manifest, sort_keys=True).encode()
    return snapshot


@pytest.fixture(scope="module")
def sets(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> dict[str, Path]:
    """Output folders of the old inputs and of the new ones (one changed, one added, one removed)."""
    base = tmp_path_factory.mktemp("sets")
    _write_inputs(base / "old-raw", OLD_INPUTS)
    _write_inputs(base / "new-raw", NEW_INPUTS)
    _run(base / "old-raw", base / "old", resources)
    _run(base / "new-raw", base / "new", resources)
    return {
        "old": base / "old",
        "new": base / "new",
        "old-raw": base / "old-raw",
        "new-raw": base / "new-raw",
    }


def _which(out: Path, sets: dict[str, Path]) -> str:
    """'old' or 'new': the complete set the folder holds (fails on a mix)."""
    found = _snapshot(out)
    for name in ("old", "new"):
        if found == _snapshot(sets[name]):
            return name
    mixed = {n: [s for s in ("old", "new") if _snapshot(sets[s])[n] == data] for n, data in found.items()}
    raise AssertionError(f"tables of two runs mixed: {mixed}")


def _assert_consistent(out: Path) -> None:
    """Tables valid, the DuckDB file and the manifest agree with the Parquet files."""
    tables = read_tables(out)
    validate(tables)
    con = duckdb.connect(str(out / DUCKDB_FILE), read_only=True)
    try:
        for name in TABLES:
            assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == tables[name].num_rows
        doc_ids = {row[0] for row in con.execute("SELECT doc_id FROM documents").fetchall()}
    finally:
        con.close()
    assert doc_ids == set(tables["documents"]["doc_id"].to_pylist())
    manifest = read_manifest(out)
    assert manifest.fingerprint
    documents = tables["documents"].select(["source_file", "sha256"]).to_pylist()
    assert {d["source_file"]: d["sha256"] for d in documents} == manifest.files


def _old_copy(sets: dict[str, Path], target: Path) -> Path:
    shutil.copytree(sets["old"], target)
    return target


# --------------------------------------------------------------------------- in-process failures


@pytest.mark.parametrize("failing_call", range(len(output_files()) + 1))
def test_rename_failing_at_each_step_leaves_one_complete_set(
    tmp_path: Path, sets: dict[str, Path], monkeypatch: pytest.MonkeyPatch, failing_call: int
) -> None:
    """Call 0 renames the journal into place; calls 1.. rename the staged files."""
    out = _old_copy(sets, tmp_path / "out")
    new_tables = read_tables(sets["new"])
    new_manifest = read_manifest(sets["new"])
    index = (sets["new"] / ARCHIVE_INDEX_FILE).read_bytes()
    real_replace = os.replace
    calls = []

    def failing_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        calls.append(dst)
        if len(calls) - 1 == failing_call:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", failing_replace)
        with pytest.raises(OSError, match="No space left"):
            # Every file of the set, the archive's index too, is renamed into place.
            write_tables(out, new_tables, new_manifest, {ARCHIVE_INDEX_FILE: index})

    journal_written = failing_call > 0
    assert (out / JOURNAL_FILE).exists() == journal_written
    if not journal_written:
        assert stray_files(out) == []  # the failed write cleaned up its staged files
    # A reader completes an interrupted commit before it reads; a mix is never seen.
    _assert_consistent(out)
    assert _which(out, sets) == ("new" if journal_written else "old")
    assert not (out / JOURNAL_FILE).exists()
    with output_lock(out):
        pass
    assert stray_files(out) == []


CHILD = r"""
import os, sys
from pathlib import Path
import pyarrow.parquet as pq
import pipeline.tables.commit as commit
import pipeline.tables.store as store

src, out, target, stop_at = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
tables, manifest = store.read_tables(src), store.read_manifest(src)
owner, name = {"write_table": (pq, "write_table"), "replace": (os, "replace"),
               "fsync_dir": (commit, "fsync_dir")}[target]
real = getattr(owner, name)
calls = []

def dying(*args, **kwargs):
    if len(calls) == stop_at:
        os._exit(137)  # no finally, no clean-up: as if killed
    calls.append(args)
    return real(*args, **kwargs)

setattr(owner, name, dying)
store.write_tables(out, tables, manifest)
os._exit(0)
"""

# (function, calls that complete before the process dies, the set a reader then sees)
KILL_POINTS = [
    ("write_table", 3, "old"),  # while staging the tables
    ("replace", 0, "old"),  # journal written under its temporary name, not yet in place
    ("fsync_dir", 0, "new"),  # journal in place, nothing renamed yet
    ("replace", 6, "new"),  # journal and five files renamed
    ("fsync_dir", 1, "new"),  # every file renamed, journal not yet removed
]


@pytest.mark.parametrize(("target", "stop_at", "expected"), KILL_POINTS)
def test_process_dying_mid_write_leaves_one_complete_set(
    tmp_path: Path, sets: dict[str, Path], target: str, stop_at: int, expected: str
) -> None:
    out = _old_copy(sets, tmp_path / "out")
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(sets["new"]), str(out), target, str(stop_at)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert child.returncode == 137, child.stderr
    not_staged = {*output_files(), ".commit.lock", ".bulletin.lock", HASH_CACHE_FILE}
    leftovers = {p.name for p in out.iterdir()} - not_staged
    assert leftovers, "the child died before leaving anything behind: the kill point is wrong"
    _assert_consistent(out)  # read_tables completes an interrupted commit first
    assert _which(out, sets) == expected
    with output_lock(out):  # the next run's start removes what no journal completes
        pass
    assert {p.name for p in out.iterdir()} <= not_staged
    assert _which(out, sets) == expected


def test_next_run_after_a_kill_completes_the_work(
    tmp_path: Path, sets: dict[str, Path], resources: Resources
) -> None:
    """Killed while staging: the old set stays; the next run processes the changes."""
    out = _old_copy(sets, tmp_path / "out")
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(sets["new"]), str(out), "write_table", "5"],
        cwd=ROOT,
        capture_output=True,
        timeout=60,
    )
    assert child.returncode == 137
    assert stray_files(out)
    _run(sets["new-raw"], out, resources)
    assert _which(out, sets) == "new"
    assert stray_files(out) == []


def test_damaged_journal_makes_the_next_run_rebuild_everything(
    tmp_path: Path, sets: dict[str, Path], resources: Resources
) -> None:
    out = _old_copy(sets, tmp_path / "out")
    (out / JOURNAL_FILE).write_text('{"version": 1, "renames": [["../../etc/passwd", "manifest.json"]]}')
    before = _snapshot(out)
    tables = read_tables(out)  # a reader does not follow a journal it cannot trust
    assert tables["documents"].num_rows == len(OLD_INPUTS)
    assert not (out / JOURNAL_FILE).exists()
    assert all((out / name).read_bytes() == data for name, data in before.items() if name != MANIFEST_FILE)
    assert read_manifest(out).fingerprint == ""  # so the next run redoes every file
    summary = run(Settings(input_dir=sets["new-raw"], output_dir=out, progress=False), resources=resources)
    assert sorted(summary.processed) == sorted(NEW_INPUTS)
    assert _which(out, sets) == "new"


def test_missing_table_file_makes_the_next_run_rebuild_everything(
    tmp_path: Path, sets: dict[str, Path], resources: Resources
) -> None:
    out = _old_copy(sets, tmp_path / "out")
    (out / "mentions.parquet").unlink()
    assert read_manifest(out).fingerprint == ""
    summary = run(Settings(input_dir=sets["old-raw"], output_dir=out, progress=False), resources=resources)
    assert sorted(summary.processed) == sorted(OLD_INPUTS)
    assert _which(out, sets) == "old"


# --------------------------------------------------------------------------- a real SIGKILL


def _start_cli_run(raw: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline.cli", "run", str(raw), "--out", str(out), "--no-progress"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_staged_file(out: Path, process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.endswith(".tmp") or p.name == JOURNAL_FILE for p in out.iterdir()):
            return True
        time.sleep(0.0005)
    return False


def _processes_naming(path: Path, within: float) -> list[int]:
    """The processes whose command line names ``path``, once none is left or ``within`` s."""
    if not Path("/proc").is_dir():  # Linux only
        return []
    deadline = time.monotonic() + within
    while True:
        found = []
        for proc in Path("/proc").iterdir():
            with contextlib.suppress(OSError):
                if proc.name.isdigit() and str(path).encode() in (proc / "cmdline").read_bytes():
                    found.append(int(proc.name))
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.mark.parametrize("moment", ["while processing", "while writing"])
def test_sigkill_of_bulletin_run(
    tmp_path: Path, sets: dict[str, Path], resources: Resources, moment: str
) -> None:
    out = _old_copy(sets, tmp_path / "out")
    raw = tmp_path / "raw"
    shutil.copytree(sets["new-raw"], raw)
    # More files to process, so the run spends a while before it writes.
    for n in range(4, 10):
        (raw / f"b{n}.txt").write_text(_bulletin(n), encoding="utf-8")
    process = _start_cli_run(raw, out)
    try:
        if moment == "while processing":
            time.sleep(2.0)
        else:
            assert _wait_for_staged_file(out, process, timeout=60), "the run never started writing"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL
    # No worker of the killed run lives on (they end with the run's process).
    assert _processes_naming(out, within=10.0) == []
    # Whatever the moment, the folder holds one readable, consistent set ...
    tables = read_tables(out)
    validate(tables)
    _assert_consistent(out)
    sources = set(tables["documents"]["source_file"].to_pylist())
    assert sources == set(OLD_INPUTS) or sources == {p.name for p in raw.iterdir()}
    # ... and the next run completes the work: the same tables as a run that was never killed.
    _run(raw, out, resources)
    reference = tmp_path / "reference"
    _run(raw, reference, resources)
    assert _snapshot(out) == _snapshot(reference)
    assert stray_files(out) == []


def test_journal_names_only_this_folders_files(tmp_path: Path, sets: dict[str, Path]) -> None:
    out = _old_copy(sets, tmp_path / "out")
    outside = tmp_path / "victim.txt"
    outside.write_text("keep me")
    (out / ".manifest.json.abcd1234.tmp").write_text("{}")
    bad = {"version": 1, "renames": [[".manifest.json.abcd1234.tmp", "../victim.txt"]]}
    (out / JOURNAL_FILE).write_text(json.dumps(bad))
    with output_lock(out):
        pass
    assert outside.read_text() == "keep me"
    assert not (out / JOURNAL_FILE).exists()
    assert stray_files(out) == []


def test_reader_that_cannot_complete_a_commit_says_so(
    tmp_path: Path, sets: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _old_copy(sets, tmp_path / "out")
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(sets["new"]), str(out), "fsync_dir", "0"], cwd=ROOT, timeout=60
    )
    assert child.returncode == 137 and (out / JOURNAL_FILE).exists()

    def read_only(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(PipelineError, match=r"unfinished write .* the next `bulletin run` completes it"):
        read_tables(out)
    monkeypatch.undo()
    _assert_consistent(out)
    assert _which(out, sets) == "new"


FORK_AND_DIE = """
import os, signal, sys, time
from pathlib import Path
from pipeline.tables.commit import output_lock
with output_lock(Path(sys.argv[1])):
    worker = os.fork()
    if worker == 0:
        os.close(1), os.close(2)  # the test reads the run's output to its end
        time.sleep(10)
        os._exit(0)
    print(worker, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # the run killed while its worker works
"""


def test_a_worker_that_outlives_a_killed_run_does_not_keep_the_folder_locked(tmp_path: Path) -> None:
    # The worker closed its copy of the lock file when it was forked: the next run takes the lock.
    out = tmp_path / "out"
    killed = subprocess.run(
        [sys.executable, "-c", FORK_AND_DIE, str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    worker = int(killed.stdout.split()[0])
    try:
        os.kill(worker, 0)  # still alive
        with output_lock(out):
            pass
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker, signal.SIGKILL)
