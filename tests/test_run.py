"""End to end: a folder of bulletins in, consistent tables out; incremental re-runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.core.errors import PipelineError
from pipeline.core.settings import Settings
from pipeline.execute.run import run
from pipeline.execute.stages import Resources
from pipeline.tables.schema import TABLES
from pipeline.tables.store import DUCKDB_FILE, ValidationError, output_lock, read_tables, validate

ONE = """Network Bulletin: March 2015

1. Workshop on Open Budgets in Accra

The Network held a workshop in Accra, Ghana, from 3 to 5 March 2015. Ms. Ama Mensah opened it.

2. Visit to Geneva

Mr. Paul Weber visited the International Telecommunication Union (ITU) in Geneva on 12 March.
"""

TWO = """Network Bulletin: April 2015

1. Forum on Digital Services

Some 120 participants from 30 countries met in Nairobi, Kenya, on 9 April 2015.
"""


def _settings(tmp_path: Path, **changes) -> Settings:
    return Settings(input_dir=tmp_path / "raw", output_dir=tmp_path / "out", progress=False).with_(**changes)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir(exist_ok=True)
    path = raw / name
    path.write_text(text, encoding="utf-8")
    return path


def _bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.parquet").read_bytes() for name in TABLES}


def test_run_writes_every_table_to_parquet_and_duckdb(tmp_path: Path, resources: Resources) -> None:
    _write(tmp_path, "one.txt", ONE)
    _write(tmp_path, "two.txt", TWO)
    summary = run(_settings(tmp_path), resources=resources)
    assert summary.ok
    assert sorted(summary.processed) == ["one.txt", "two.txt"]
    out = tmp_path / "out"
    con = duckdb.connect(str(out / DUCKDB_FILE), read_only=True)
    for name, table in TABLES.items():
        arrow = pq.read_table(out / f"{name}.parquet")
        assert arrow.column_names == table.column_names
        assert con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == arrow.num_rows
    con.close()
    tables = read_tables(out)
    assert tables["documents"].num_rows == 2
    assert tables["sections"].num_rows == 5
    assert tables["mentions"].num_rows > 0
    validate(tables)


def test_rerun_skips_unchanged_files_and_is_byte_identical(tmp_path: Path, resources: Resources) -> None:
    _write(tmp_path, "one.txt", ONE)
    _write(tmp_path, "two.txt", TWO)
    run(_settings(tmp_path), resources=resources)
    before = _bytes(tmp_path / "out")
    summary = run(_settings(tmp_path), resources=resources)
    assert summary.processed == []
    assert sorted(summary.skipped) == ["one.txt", "two.txt"]
    assert _bytes(tmp_path / "out") == before
    forced = run(_settings(tmp_path, force=True), resources=resources)
    assert sorted(forced.processed) == ["one.txt", "two.txt"]
    assert _bytes(tmp_path / "out") == before


def test_changed_new_and_removed_files(tmp_path: Path, resources: Resources) -> None:
    one = _write(tmp_path, "one.txt", ONE)
    run(_settings(tmp_path), resources=resources)
    doc_id = read_tables(tmp_path / "out")["documents"]["doc_id"][0].as_py()

    one.write_text(ONE.replace("Accra, Ghana", "Kumasi, Ghana"), encoding="utf-8")
    _write(tmp_path, "two.txt", TWO)
    summary = run(_settings(tmp_path), resources=resources)
    assert sorted(summary.processed) == ["one.txt", "two.txt"]
    tables = read_tables(tmp_path / "out")
    documents = tables["documents"].to_pylist()
    texts = {d["source_file"]: d["text"] for d in documents}
    assert "Kumasi" in texts["one.txt"] and "Accra, Ghana" not in texts["one.txt"]
    assert doc_id in tables["documents"]["doc_id"].to_pylist()  # the id follows the file
    assert tables["sections"].num_rows == 5  # old rows replaced, not added

    (tmp_path / "raw" / "two.txt").unlink()
    summary = run(_settings(tmp_path), resources=resources)
    assert summary.removed == ["two.txt"]
    tables = read_tables(tmp_path / "out")
    assert tables["documents"]["source_file"].to_pylist() == ["one.txt"]
    assert set(tables["sections"]["doc_id"].to_pylist()) == {doc_id}
    assert set(tables["mentions"]["doc_id"].to_pylist()) == {doc_id}


@pytest.mark.parametrize(
    ("name", "data", "stage", "reason"),
    [
        ("empty.txt", b"", "read", "empty file"),
        ("blank.txt", b"  \n \n", "read", "white space"),
        ("noise.txt", bytes(range(256)) * 20, "read", "binary"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj\n<<", "read", ""),
        ("notes.odt", b"PK\x03\x04", "discover", "unsupported file type"),
    ],
)
def test_bad_input_is_reported_and_others_processed(
    tmp_path: Path, resources: Resources, name: str, data: bytes, stage: str, reason: str
) -> None:
    _write(tmp_path, "one.txt", ONE)
    (tmp_path / "raw" / name).write_bytes(data)
    summary = run(_settings(tmp_path), resources=resources)
    assert summary.processed == ["one.txt"]
    assert [(f.source_file, f.stage) for f in summary.failed] == [(name, stage)]
    assert reason in summary.failed[0].error
    assert "\n" not in summary.failed[0].error
    failures = read_tables(tmp_path / "out")["failures"].to_pylist()
    assert [(f["source_file"], f["severity"]) for f in failures] == [(name, "error")]


@pytest.mark.parametrize("name", ["README.md", "SOURCES.md", "issues.csv"])
def test_a_note_beside_the_bulletins_is_passed_by_with_a_warning(
    tmp_path: Path, resources: Resources, name: str
) -> None:
    _write(tmp_path, "one.txt", ONE)
    (tmp_path / "raw" / name).write_text("# Where these bulletins come from\n", encoding="utf-8")
    summary = run(_settings(tmp_path), resources=resources)
    assert summary.ok and summary.processed == ["one.txt"]
    assert [(w.source_file, w.stage, w.severity) for w in summary.warnings] == [(name, "discover", "warning")]
    failures = read_tables(tmp_path / "out")["failures"].to_pylist()
    assert [(f["source_file"], f["severity"]) for f in failures] == [(name, "warning")]


def test_no_numbered_sections_is_processed_with_a_warning(tmp_path: Path, resources: Resources) -> None:
    _write(tmp_path, "plain.txt", "A short note without numbered items.\n\nIt met in Lima on 3 May 2014.\n")
    summary = run(_settings(tmp_path), resources=resources)
    assert summary.ok and summary.processed == ["plain.txt"]
    assert [w.stage for w in summary.warnings] == ["sections"]
    failures = read_tables(tmp_path / "out")["failures"].to_pylist()
    assert [(f["source_file"], f["severity"]) for f in failures] == [("plain.txt", "warning")]


def test_second_run_on_the_same_output_is_refused(tmp_path: Path, resources: Resources) -> None:
    _write(tmp_path, "one.txt", ONE)
    with output_lock(tmp_path / "out"), pytest.raises(PipelineError, match="another `bulletin run`"):
        run(_settings(tmp_path), resources=resources)


def test_validation_refuses_duplicate_keys(tmp_path: Path, resources: Resources) -> None:
    import pyarrow as pa

    _write(tmp_path, "one.txt", ONE)
    run(_settings(tmp_path), resources=resources)
    tables = read_tables(tmp_path / "out")
    tables["sections"] = pa.concat_tables([tables["sections"], tables["sections"].slice(0, 1)])
    with pytest.raises(ValidationError, match="sections: duplicate key"):
        validate(tables)


def test_cli_exit_status_and_one_line_errors(tmp_path: Path, capsys) -> None:
    _write(tmp_path, "one.txt", ONE)
    (tmp_path / "raw" / "empty.txt").write_bytes(b"")
    code = main(["run", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--no-progress"])
    captured = capsys.readouterr()
    assert code == 1
    assert "error: empty.txt: empty file (read)" in captured.err
    assert "Traceback" not in captured.err
    assert "1 processed" in captured.out and "1 failed" in captured.out


def test_cli_missing_model_is_one_line(tmp_path: Path, capsys) -> None:
    _write(tmp_path, "one.txt", ONE)
    code = main(["run", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--model", "no_such_model_xx"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no_such_model_xx" in err and "pip install" in err
    assert len(err.strip().splitlines()) <= 3  # rich may wrap one message; never a traceback
    assert "Traceback" not in err


def test_copy_of_the_corpus_bulletin(tmp_path: Path, resources: Resources, shared_dir: Path) -> None:
    (tmp_path / "raw").mkdir()
    shutil.copy(shared_dir / "corpus" / "dpadm-monthly-2012-11.txt", tmp_path / "raw")
    summary = run(_settings(tmp_path), resources=resources)
    assert summary.ok
    tables = read_tables(tmp_path / "out")
    sections = tables["sections"].to_pylist()
    assert [s["number"] for s in sections] == [None, *range(1, 12)]
    document = tables["documents"].to_pylist()[0]
    assert document["title"] == "DPADM Monthly Update to CEPA Members: November 2012"
    assert str(document["issue_date"]) == "2012-11-01"
