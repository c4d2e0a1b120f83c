"""The spill: batches of rows on disk, read back in the order one sort of each whole table gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
from synthetic_tables import batches_of, failed_rows, tables_of

import pipeline.tables.spill as spill_module
from pipeline.tables.build import CHUNK_ROWS, sort_table, to_arrow
from pipeline.tables.schema import TABLES
from pipeline.tables.spill import TableSpill

DOCUMENTS = list(range(90))


def _spilled(directory: Path, batches: list[dict[str, pa.Table]]) -> spill_module.SpilledTables:
    spilled = TableSpill(directory)
    for batch in batches:
        spilled.append(batch)
    return spilled.sorted_tables()


def _chunk_lengths(table: pa.Table) -> list[int]:
    return [len(chunk) for chunk in table.column(0).chunks]


@pytest.mark.parametrize("per_batch", [1, 7, 16])
def test_tables_come_back_as_one_sort_of_each_whole_table(tmp_path: Path, per_batch: int) -> None:
    whole = tables_of(DOCUMENTS)
    assert whole["mentions"].num_rows > 2 * CHUNK_ROWS  # several chunks
    spilled = _spilled(tmp_path, batches_of(DOCUMENTS, per_batch))
    for name in TABLES:
        assert spilled[name].equals(whole[name]), name
        assert spilled.num_rows(name) == whole[name].num_rows, name
        whole_chunks, rest = divmod(whole[name].num_rows, CHUNK_ROWS)
        if "doc_id" in TABLES[name].column_names:  # the others are kept in memory
            assert _chunk_lengths(spilled[name]) == [CHUNK_ROWS] * whole_chunks + ([rest] if rest else [])


def test_documents_are_spread_over_the_batches() -> None:
    """The test above would prove little if each batch held a range of doc_ids."""
    batches = batches_of(DOCUMENTS, 16)
    order = tables_of(DOCUMENTS)["documents"]["doc_id"].to_pylist()
    first_batch = set(batches[0]["documents"]["doc_id"].to_pylist())
    positions = [order.index(doc_id) for doc_id in first_batch]
    assert max(positions) - min(positions) > len(DOCUMENTS) // 2


def test_rows_of_one_document_spilled_in_several_parts(tmp_path: Path) -> None:
    """As an incremental run spills the kept rows: slices of a sorted table, a document's rows
    straddling two slices; the parts may also arrive unsorted."""
    whole = tables_of(DOCUMENTS)
    spilled = TableSpill(tmp_path)
    for name, table in whole.items():
        reversed_rows = table.take(pa.array(range(table.num_rows - 1, -1, -1), pa.int64()))
        parts = [reversed_rows.slice(start, 37) for start in range(0, table.num_rows, 37)]
        spilled.append_rows(name, parts)
    tables = spilled.sorted_tables()
    for name in TABLES:
        assert tables[name].equals(whole[name]), name


def test_no_table_is_sorted_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = batches_of(DOCUMENTS, 16)
    largest = max(batch[name].num_rows for batch in batches for name in TABLES)
    sorted_rows: list[int] = []

    def recording_sort(table: object, arrow: pa.Table) -> pa.Table:
        sorted_rows.append(arrow.num_rows)
        return sort_table(table, arrow)  # type: ignore[arg-type]

    monkeypatch.setattr(spill_module, "sort_table", recording_sort)
    tables = _spilled(tmp_path, batches)
    assert sorted_rows and max(sorted_rows) <= largest
    assert tables["mentions"].equals(tables_of(DOCUMENTS)["mentions"])


def test_a_part_that_fails_leaves_none_of_its_rows(tmp_path: Path) -> None:
    whole = tables_of(DOCUMENTS)

    def failing_parts(table: pa.Table) -> Iterator[pa.Table]:
        yield table.slice(0, 50)
        raise OSError("unreadable")

    spilled = TableSpill(tmp_path)
    with pytest.raises(OSError):
        spilled.append_rows("mentions", failing_parts(tables_of(list(range(200, 210)))["mentions"]))
    with pytest.raises(OSError):
        spilled.append_rows("failures", failing_parts(to_arrow(TABLES["failures"], failed_rows(["x.txt"]))))
    for batch in batches_of(DOCUMENTS, 16):
        spilled.append(batch)
    tables = spilled.sorted_tables()
    for name in TABLES:
        assert tables[name].equals(whole[name]), name


def test_an_empty_spill_gives_empty_tables_of_the_declared_schema(tmp_path: Path) -> None:
    tables = TableSpill(tmp_path).sorted_tables()
    for name, table in TABLES.items():
        assert tables[name].num_rows == 0 == tables.num_rows(name)
        assert tables[name].schema == table.arrow_schema


def test_linking_spilled_tables_leaves_the_linked_tables_on_disk(tmp_path: Path) -> None:
    """A run links its spilled tables: the tables linking gives new columns go back to the
    spill (read from disk, a chunk at a time), the same as linking the tables in memory."""
    from pipeline.archive import Previous, link_archive, linked

    whole = tables_of(DOCUMENTS)
    expected = {**whole, **link_archive(whole, Previous())}
    assert expected["entities"].num_rows and expected["archive_events"].num_rows  # something linked
    spilled = _spilled(tmp_path, batches_of(DOCUMENTS, 7))
    result = linked(spilled, Previous())
    for name in TABLES:
        assert result[name].equals(expected[name]), name
    for name in ("people", "organisations", "places", "mentions", "events"):
        whole_chunks, rest = divmod(expected[name].num_rows, CHUNK_ROWS)
        assert _chunk_lengths(spilled[name]) == [CHUNK_ROWS] * whole_chunks + ([rest] if rest else [])
    assert sorted(path.name for path in tmp_path.iterdir() if ".sorted." in path.name) == [
        f"{name}.sorted.arrow" for name in ("dates", "documents", "pages", "sections", "statistics")
    ]


def test_spilled_tables_read_a_slice_at_a_time_give_every_row(tmp_path: Path, monkeypatch) -> None:
    from pipeline.archive import Previous, linked
    from pipeline.tables import store
    from pipeline.tables.store import row_slices, validate

    whole = tables_of(DOCUMENTS)
    tables = linked(_spilled(tmp_path, batches_of(DOCUMENTS, 7)), Previous())
    monkeypatch.setattr(store, "CHECK_ROWS", 500)  # several slices of each table
    for name in ("mentions", "events", "failures"):
        slices = list(row_slices(tables, name, ["doc_id"] if name != "failures" else ["source_file"]))
        assert len(slices) > 1 or tables[name].num_rows <= 500
        assert pa.concat_tables(slices).num_rows == tables[name].num_rows
    assert pa.concat_tables(row_slices(tables, "mentions", ["mention_id"]))["mention_id"].equals(
        whole["mentions"]["mention_id"]
    )
    validate(tables)  # the checks of offsets, a slice at a time, find nothing wrong
