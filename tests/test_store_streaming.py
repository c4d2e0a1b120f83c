"""Writing and checking tables that are never whole in memory: spilled tables, kept rows, DuckDB
built from the staged Parquet files, validation by Arrow compute."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from synthetic_tables import batches_of, document_rows, failed_rows, source_file, tables_of

import pipeline.tables.store as store
from pipeline.tables.build import sort_table, to_arrow
from pipeline.tables.schema import TABLES
from pipeline.tables.spill import SpilledTables, TableSpill
from pipeline.tables.store import DUCKDB_FILE, KeptRows, Manifest, same_as_written, write_tables

DOCUMENTS = list(range(60))
FAILED = ["broken.pdf", "empty.txt"]


def _spilled(directory: Path, batches: list[dict[str, pa.Table]], failed: list[str]) -> SpilledTables:
    spilled = TableSpill(directory)
    for batch in batches:
        spilled.append(batch)
    spilled.append({"failures": to_arrow(TABLES["failures"], failed_rows(failed))})
    return spilled.sorted_tables()


def _parquet_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / f"{name}.parquet").read_bytes() for name in TABLES}


def _duckdb_contents(con: duckdb.DuckDBPyConnection) -> tuple[list[Any], dict[str, list[Any]]]:
    columns = con.execute(
        "SELECT table_name, ordinal_position, column_name, data_type, is_nullable"
        " FROM information_schema.columns ORDER BY ALL"
    ).fetchall()
    return columns, {name: con.execute(f'SELECT * FROM "{name}"').fetchall() for name in TABLES}


@pytest.fixture(scope="module")
def spilled_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spilled-out")
    tables = _spilled(tmp_path_factory.mktemp("spill"), batches_of(DOCUMENTS, 7), FAILED)
    write_tables(out, tables, Manifest("x", {}))
    return out


@pytest.mark.parametrize("chunk_rows", [None, 1, 7, 5000])
def test_spilled_and_whole_tables_write_the_same_files(
    tmp_path: Path, spilled_out: Path, chunk_rows: int | None
) -> None:
    """However the rows are chunked in memory, the Parquet files are the same bytes."""
    tables = tables_of(DOCUMENTS, failed=FAILED)
    if chunk_rows is not None:
        tables = {
            name: pa.Table.from_batches(table.to_batches(max_chunksize=chunk_rows), table.schema)
            for name, table in tables.items()
        }
    write_tables(tmp_path, tables, Manifest("x", {}))
    assert _parquet_bytes(tmp_path) == _parquet_bytes(spilled_out)
    written = store.read_tables(spilled_out)
    for name in TABLES:
        assert written[name].equals(tables[name]), name
    with (
        duckdb.connect(str(tmp_path / DUCKDB_FILE), read_only=True) as whole,
        duckdb.connect(str(spilled_out / DUCKDB_FILE), read_only=True) as spilled,
    ):
        assert _duckdb_contents(whole) == _duckdb_contents(spilled)


def test_duckdb_tables_are_those_duckdb_makes_of_the_arrow_tables(spilled_out: Path) -> None:
    """Built from the staged Parquet files: the same column types and rows, in order, as when
    DuckDB read the Arrow tables themselves (as the writer once did)."""
    tables = tables_of(DOCUMENTS, failed=FAILED)
    with duckdb.connect() as reference:
        for name in TABLES:
            arrow = tables[name]  # noqa: F841 - read by duckdb's replacement scan
            reference.execute(f'CREATE TABLE "{name}" AS SELECT * FROM arrow')
        expected = _duckdb_contents(reference)
    with duckdb.connect(str(spilled_out / DUCKDB_FILE), read_only=True) as con:
        assert _duckdb_contents(con) == expected
    assert {row[3] for row in expected[0]} >= {"VARCHAR", "INTEGER", "DATE", "BOOLEAN", "DOUBLE", "VARCHAR[]"}


def _sorted_rows(out: Path) -> dict[str, list[Any]]:
    with duckdb.connect(str(out / DUCKDB_FILE), read_only=True) as con:
        return {name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall() for name in TABLES}


@pytest.mark.parametrize("damage", [None, "stale", "garbage", "uncommented", "grown"])
def test_duckdb_updated_with_the_changed_documents_holds_the_rows_built_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str | None
) -> None:
    """Documents 0-39 written, then 0-44 with documents 40-44 new and 3 changed (another
    seed): the file last written updated holds the rows of one built whole; one that does not
    match the tables last written (rows missing, or not a DuckDB file), one that does not say
    its size when built whole (an older writer's), or one grown past the limit, is built whole."""
    old, others, third = (
        tables_of(list(range(40))),
        tables_of([i for i in range(45) if i != 3]),
        tables_of([3], seed=1),
    )
    new = {name: sort_table(TABLES[name], pa.concat_tables([others[name], third[name]])) for name in TABLES}
    out, whole = tmp_path / "out", tmp_path / "whole"
    write_tables(out, old, Manifest("x", {}))
    if damage == "stale":
        with duckdb.connect(str(out / DUCKDB_FILE)) as con:
            con.execute("DELETE FROM sections WHERE rowid < 3")
    elif damage == "garbage":
        (out / DUCKDB_FILE).write_bytes(b"not a database")
    elif damage == "uncommented":
        with duckdb.connect(str(out / DUCKDB_FILE)) as con:
            con.execute("COMMENT ON TABLE documents IS NULL")
    elif damage == "grown":
        monkeypatch.setattr(store, "DUCKDB_GROWTH_LIMIT", 1.0)
        monkeypatch.setattr(store, "DUCKDB_GROWTH_SLACK", 0)
    built: list[int] = []
    build = store._write_duckdb
    monkeypatch.setattr(store, "_write_duckdb", lambda *a: built.append(1) or build(*a))
    changed = set(new["documents"]["doc_id"].to_pylist()) - set(old["documents"]["doc_id"].to_pylist())
    changed |= set(third["documents"]["doc_id"].to_pylist())
    assert len(changed) == 6
    write_tables(out, new, Manifest("x", {}), changed_docs=changed)
    assert built == ([] if damage is None else [1])
    write_tables(whole, new, Manifest("x", {}))
    assert _sorted_rows(out) == _sorted_rows(whole)
    assert not list(out.glob(".*.tmp*"))  # nothing staged is left


def test_an_output_folder_whose_name_looks_like_a_pattern(tmp_path: Path) -> None:
    out = tmp_path / "out[1]*"  # read_parquet would take these for a pattern
    write_tables(out, tables_of([1, 2, 3]), Manifest("x", {}))
    with duckdb.connect(str(out / DUCKDB_FILE), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (3,)


# --------------------------------------------------------------------------- kept rows


def test_kept_and_new_rows_make_the_tables_of_a_fresh_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    old_failed = ["gone.txt", "still-broken.txt"]
    write_tables(out, tables_of(list(range(40)), failed=old_failed), Manifest("x", {}))
    removed, changed, added = [5, 6], [7, 30], list(range(40, 52))
    replaced = {source_file(i) for i in removed + changed + added} | {"gone.txt"}
    monkeypatch.setattr(store, "READ_ROWS", 13)  # a document's rows straddle the slices read
    (tmp_path / "spill").mkdir()
    spilled = TableSpill(tmp_path / "spill")
    kept = KeptRows(out, replaced)
    for name in TABLES:
        spilled.append_rows(name, kept.rows(name))
    for i in changed:
        spilled.append(tables_of([i], seed=1))
    for batch in batches_of(added, 5):
        spilled.append(batch)
    tables = spilled.sorted_tables()

    unchanged = [i for i in range(40) if i not in removed + changed]
    parts = [tables_of(unchanged, failed=["still-broken.txt"]), tables_of(changed, seed=1), tables_of(added)]
    for name, table in TABLES.items():
        expected = sort_table(table, pa.concat_tables([part[name] for part in parts]))
        assert tables[name].equals(expected), name
    assert document_rows(7, seed=1) != document_rows(7)  # the changed document did change


def test_an_unreadable_table_keeps_no_rows(tmp_path: Path) -> None:
    write_tables(tmp_path, tables_of([1, 2]), Manifest("x", {}))
    (tmp_path / "mentions.parquet").write_bytes(b"PAR1 not parquet")
    kept = KeptRows(tmp_path, set())
    with pytest.raises(store.TABLE_READ_ERRORS):
        list(kept.rows("mentions"))
    assert sum(part.num_rows for part in kept.rows("sections")) == tables_of([1, 2])["sections"].num_rows


def test_same_as_written(tmp_path: Path, spilled_out: Path) -> None:
    assert same_as_written(spilled_out, tables_of(DOCUMENTS, failed=FAILED))
    assert not same_as_written(spilled_out, tables_of(DOCUMENTS))  # without the failures
    changed = tables_of(DOCUMENTS, failed=FAILED)
    changed["mentions"] = changed["mentions"].slice(1)
    assert not same_as_written(spilled_out, changed)
    assert not same_as_written(tmp_path, changed)  # nothing written there


# --------------------------------------------------------------------------- validation


def _reference_problems(tables: dict[str, pa.Table]) -> list[str]:
    """The offset and document checks row by row, in Python, as ``store`` once made them."""
    lengths = dict(
        zip(
            tables["documents"]["doc_id"].to_pylist(),
            pc.utf8_length(tables["documents"]["text"]).to_pylist(),
            strict=True,
        )
    )
    spans = {
        row["section_id"]: (row["doc_id"], row["char_start"], row["char_end"])
        for row in tables["sections"].to_pylist()
    }
    problems = []
    for name in ("pages", "sections", "mentions", "dates", "statistics", "events"):
        outside = in_other_doc = outside_section = 0
        for row in tables[name].to_pylist():
            start, end = row["char_start"], row["char_end"]
            if start is None or end is None:
                continue
            if not 0 <= start <= end <= lengths.get(row["doc_id"], -1):
                outside += 1
            if name in ("pages", "sections") or row["section_id"] not in spans:
                continue
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
    documents = tables["documents"].to_pylist()
    for column, rows in (("n_sections", "sections"), ("n_pages", "pages")):
        counts: dict[str, int] = {}
        for doc_id in tables[rows]["doc_id"].to_pylist():
            counts[doc_id] = counts.get(doc_id, 0) + 1
        wrong = sum(1 for d in documents if d[column] != counts.get(d["doc_id"], 0))
        if wrong:
            problems.append(f"documents: {column} differs from the rows in {rows} in {wrong} row(s)")
    processed = {d["source_file"] for d in documents}
    failed = {f["source_file"] for f in tables["failures"].to_pylist() if f["severity"] == "error"}
    if processed & failed:
        problems.append(f"failures: {len(processed & failed)} file(s) both processed and failed")
    return problems


def _broken(seed: int) -> dict[str, pa.Table]:
    """Small tables with a few random cells changed: offsets, references, counts, duplicates, failures."""
    rng = random.Random(seed)
    rows = {name: table.to_pylist() for name, table in tables_of(list(range(6)), seed=seed).items()}
    doc_ids = [d["doc_id"] for d in rows["documents"]] + ["0000000000000000"]
    section_ids = [s["section_id"] for s in rows["sections"]] + ["nope-s01"]
    for _ in range(rng.randint(1, 6)):
        name = rng.choice(["pages", "sections", "mentions", "dates", "statistics", "events"])
        if not rows[name]:
            continue
        row = rng.choice(rows[name])
        change = rng.choice(["start", "end", "doc", "section", "null"])
        if change == "start":
            row["char_start"] = rng.randint(-2, 900)
        elif change == "end":
            row["char_end"] = rng.randint(-2, 900)
        elif change == "doc":
            row["doc_id"] = rng.choice(doc_ids)
        elif change == "section" and name not in ("pages", "sections"):
            row["section_id"] = rng.choice(section_ids)
        elif change == "null" and name == "events":
            row["char_start"] = None
    if rng.random() < 0.3:
        rng.choice(rows["documents"])["n_sections"] = rng.randint(0, 5)
    if rng.random() < 0.3:
        rng.choice(rows["documents"])["n_pages"] = rng.randint(0, 3)
    if rng.random() < 0.3:  # a document twice, the later row with other text: the later one counts
        rows["documents"].append(rows["documents"][0] | {"text": "short"})
    if rng.random() < 0.3:  # a section twice, the later row with another span
        rows["sections"].append(rows["sections"][0] | {"char_start": 1, "char_end": 2})
    if rng.random() < 0.3:
        source = rng.choice([rows["documents"][0]["source_file"], "other.txt"])
        severity = rng.choice(["error", "warning"])
        rows["failures"].append({"source_file": source, "stage": "read", "error": "x", "severity": severity})
    return {name: pa.Table.from_pylist(rows[name], schema=TABLES[name].arrow_schema) for name in TABLES}


SEEDS = range(60)


@pytest.mark.parametrize("seed", SEEDS)
def test_offset_and_document_checks_count_as_the_row_by_row_checks(seed: int) -> None:
    tables = _broken(seed)
    assert store._offset_problems(tables) + store._document_problems(tables) == _reference_problems(tables)


def test_the_broken_tables_show_every_kind_of_problem() -> None:
    """So that the test above compares every check, not only clean tables."""
    messages = " ".join(" ".join(_reference_problems(_broken(seed))) for seed in SEEDS)
    for kind in (
        "outside the document text",
        "section of another document",
        "outside the row's section",
        "n_sections differs",
        "n_pages differs",
        "both processed and failed",
    ):
        assert kind in messages, kind


def test_validate_checks_spilled_tables(tmp_path: Path) -> None:
    """Validation reads the spilled tables as it reads tables in memory: a broken row is found."""
    batches = batches_of(DOCUMENTS, 7)
    mentions = batches[2]["mentions"]
    beyond = pa.array([10**6] * mentions.num_rows, pa.int32())
    field = TABLES["mentions"].arrow_schema.field("char_end")
    batches[2]["mentions"] = mentions.set_column(mentions.column_names.index("char_end"), field, beyond)
    tables = _spilled(tmp_path, batches, [])
    with pytest.raises(
        store.ValidationError,
        match=rf"mentions: offsets outside the document text in {mentions.num_rows} row",
    ):
        store.validate(tables)
