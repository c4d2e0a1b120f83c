"""Runs that keep rows from the tables last written: nothing rewritten when nothing changed."""

from __future__ import annotations

from pathlib import Path

from pipeline.core.settings import Settings
from pipeline.execute.run import run
from pipeline.execute.stages import Resources
from pipeline.tables.store import DUCKDB_FILE, read_tables

MARCH = """Network Bulletin: March 2015

1. Workshop in Accra

The Network held a workshop in Accra, Ghana, from 3 to 5 March 2015. Ms. Ama Mensah opened it.
"""

APRIL = """Network Bulletin: April 2015

1. Forum in Nairobi

Some 120 participants from 30 countries met in Nairobi, Kenya, on 9 April 2015.
"""


def _stamp(out: Path) -> tuple[int, int]:
    status = (out / DUCKDB_FILE).stat()
    return status.st_ino, status.st_mtime_ns


def test_a_run_writes_only_when_its_tables_change(tmp_path: Path, resources: Resources) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "march.txt").write_text(MARCH, encoding="utf-8")
    (raw / "april.txt").write_text(APRIL, encoding="utf-8")
    settings = Settings(input_dir=raw, output_dir=out, progress=False)
    assert run(settings, resources=resources).written
    written = _stamp(out)

    again = run(settings, resources=resources)
    assert not again.written and again.skipped == ["april.txt", "march.txt"]
    assert _stamp(out) == written
    assert again.rows["documents"] == 2 and again.rows["mentions"] > 0

    # A file refused before it is read: the manifest stays the same, its failure row is new.
    (raw / "notes.odt").write_bytes(b"PK")
    assert run(settings, resources=resources).written
    assert read_tables(out)["failures"]["source_file"].to_pylist() == ["notes.odt"]
    written = _stamp(out)
    assert not run(settings, resources=resources).written  # the same failure again
    assert _stamp(out) == written

    # A run that redoes everything compares its tables with none: it writes them.
    assert run(settings.with_(force=True), resources=resources).written
