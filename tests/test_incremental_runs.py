"""Runs that keep rows from the tables last written: nothing rewritten when nothing changed."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_run_with_nothing_changed_decides_from_the_manifest_alone(
    tmp_path: Path, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "march.txt").write_text(MARCH, encoding="utf-8")
    (raw / "notes.odt").write_bytes(b"PK")  # refused on discovery: a row of `failures`
    settings = Settings(input_dir=raw, output_dir=out, progress=False)
    first = run(settings, resources=resources)
    written = _stamp(out)

    import pipeline.execute.update

    def no_update(*args: object, **kwargs: object) -> None:
        raise AssertionError("the rows were spilled and read again")

    monkeypatch.setattr(pipeline.execute.update, "update_tables", no_update)
    again = run(settings, resources=resources)
    assert not again.written and again.skipped == ["march.txt"] and not again.processed
    assert again.rows == first.rows and again.errors_in_tables == first.errors_in_tables
    assert [w.source_file for w in again.warnings] == [w.source_file for w in first.warnings]
    assert _stamp(out) == written

    # Anything the manifest does not vouch for goes through the full run.
    (out / "people.parquet").write_bytes(b"not parquet")
    with pytest.raises(AssertionError, match="spilled"):
        run(settings, resources=resources)
    monkeypatch.undo()
    assert run(settings, resources=resources).written  # the damaged table rebuilt
    monkeypatch.setattr(pipeline.execute.update, "update_tables", no_update)
    (raw / "notes.odt").unlink()  # a refused file gone: its failure row goes
    with pytest.raises(AssertionError, match="spilled"):
        run(settings, resources=resources)
    with pytest.raises(AssertionError, match="spilled"):
        run(settings.with_(force=True), resources=resources)


def test_a_run_reads_only_the_input_files_new_since_the_last(
    tmp_path: Path, resources: Resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_discover import age, hashed_files

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "march.txt").write_text(MARCH, encoding="utf-8")
    age(raw / "march.txt")  # written well before the run
    settings = Settings(input_dir=raw, output_dir=out, progress=False)
    first = run(settings, resources=resources)

    hashed = hashed_files(monkeypatch)
    (raw / "april.txt").write_text(APRIL, encoding="utf-8")
    second = run(settings, resources=resources)
    assert hashed == ["april.txt"] and second.processed == ["april.txt"]
    assert second.rows["documents"] == first.rows["documents"] + 1

    hashed.clear()  # --force reads every file again
    run(settings.with_(force=True), resources=resources)
    assert sorted(hashed) == ["april.txt", "march.txt"]
