"""Incremental linking against the stored index gives the tables that linking every row gives.

Each step of a sequence of added, changed and removed bulletins is run twice from the same
tables: as the pipeline runs it (a run that only adds bulletins links them against the stored
index, ``pipeline.archive.incremental``), and with the index deleted, so that the run links
every row of the archive again (``link_whole_archive``). Every Parquet table must be the same,
row by row.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.tables.commit import ARCHIVE_INDEX_FILE, DUCKDB_FILE
from pipeline.tables.schema import TABLES

pytestmark = pytest.mark.model

# A made-up series: a full name then her first name alone, an acronym stated in a later issue,
# a meeting announced in one issue and reported in the next.
BULLETINS = {
    "riverbend-2022-05.txt": """Riverbend Landcare Bulletin: May 2022

1. Creek planting

Dr. Mira Holt, the coordinator of the Riverbend Landcare Network, led the planting on 7 May 2022
at Oakvale Creek, Bendigo. Mira thanked the Northern Catchment Authority for 400 tube stock.

2. Next meeting

Next meeting: Saturday 11 June 2022, Oakvale Creek, 10 am. The meeting will be held at the bridge.
""",
    "riverbend-2022-06.txt": """Riverbend Landcare Bulletin: June 2022

1. Previous meeting

Previous meeting, 11 June 2022, Oakvale Creek: the meeting was held at the bridge and we planted 250 shrubs.

Mira and Mr. Tomas Reyes led the work party.

2. Weeds

The NCA crew sprayed serrated tussock along Oakvale Creek.
""",
    "riverbend-2022-07.txt": """Riverbend Landcare Bulletin: July 2022

1. Previous meeting

Previous meeting, 9 July 2022, Oakvale Creek: Mira Holt and Tomas Reyes were kept away by floods.
The RLN thanks the Northern Catchment Authority (NCA) for its grant.
""",
    "riverbend-2022-08.txt": """Riverbend Landcare Bulletin: August 2022

1. New members

The Riverbend Landcare Network (RLN) welcomes Mira Jansen and Priya Lal. Priya will run the
seed bank at Oakvale Creek.

2. Next meeting

Next meeting: Saturday 10 September 2022, Oakvale Creek, 10 am.
""",
}
# An issue of May added late: a new Mira in the series before June's "Mira" (a split).
LATE_MAY = """Riverbend Landcare Bulletin: May 2022

1. Seed collecting

Ms. Mira Castellano collected wattle seed along Oakvale Creek with the Riverbend Landcare Network.
"""
CHANGED_JUNE = BULLETINS["riverbend-2022-06.txt"].replace("250 shrubs", "270 shrubs and 12 trees")


def _run(raw: Path, out: Path, resources: Any) -> Any:
    from pipeline.core.settings import Settings
    from pipeline.execute.run import run

    summary = run(Settings(input_dir=raw, output_dir=out, progress=False), resources=resources)
    assert summary.ok, summary.failed
    return summary


def _tables(out: Path) -> dict[str, Any]:
    return {name: pq.read_table(out / f"{name}.parquet") for name in TABLES}


def _duckdb_rows(out: Path) -> dict[str, list[Any]]:
    with duckdb.connect(str(out / DUCKDB_FILE), read_only=True) as con:
        return {name: con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall() for name in TABLES}


def _step(raw: Path, out: Path, resources: Any, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run ``raw`` into ``out`` and into a copy of ``out`` without its index; check the two give
    the same tables. Returns whether the run in ``out`` linked against the stored index."""
    import pipeline.archive

    whole = out.parent / f"{out.name}-whole"
    shutil.rmtree(whole, ignore_errors=True)
    if out.exists():
        shutil.copytree(out, whole)
        (whole / ARCHIVE_INDEX_FILE).unlink(missing_ok=True)
    import pipeline.tables.store as store

    calls: list[str] = []
    link_added = pipeline.archive.link_added
    monkeypatch.setattr(pipeline.archive, "link_added", lambda *a: calls.append("added") or link_added(*a))
    build_duckdb = store._write_duckdb
    monkeypatch.setattr(store, "_write_duckdb", lambda *a: calls.append("duckdb") or build_duckdb(*a))
    _run(raw, out, resources)
    monkeypatch.undo()
    # A run that only adds bulletins updates the DuckDB file last written; any other builds it.
    assert ("added" in calls) != ("duckdb" in calls), calls
    _run(raw, whole, resources)
    incremental, reference = _tables(out), _tables(whole)
    for name in TABLES:
        assert incremental[name].equals(reference[name]), name
    # The DuckDB file, updated in place of the changed documents' rows by a run that only
    # adds bulletins, holds the rows of the one built whole (their order aside).
    assert _duckdb_rows(out) == _duckdb_rows(whole)
    assert (out / ARCHIVE_INDEX_FILE).is_file()
    return "added" in calls


def test_incremental_linking_equals_linking_every_row(
    tmp_path: Path, resources: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    names = list(BULLETINS)

    def add(name: str, text: str | None = None) -> None:
        (raw / name).write_text(text or BULLETINS[name], encoding="utf-8")

    add(names[0])
    add(names[2])
    assert not _step(raw, out, resources, monkeypatch)  # the first run links every row
    add(names[1])  # an issue between the two: "Mira" is linked against the index
    assert _step(raw, out, resources, monkeypatch)
    add(names[3])  # a second Mira in the series, the acronyms stated
    assert _step(raw, out, resources, monkeypatch)
    add("riverbend-2022-05b.txt", LATE_MAY)  # June's "Mira" is split off: the index is built again
    assert _step(raw, out, resources, monkeypatch)
    add(names[1], CHANGED_JUNE)  # a changed bulletin: every row is linked again
    assert not _step(raw, out, resources, monkeypatch)
    (raw / names[2]).unlink()  # a removed one, likewise
    assert not _step(raw, out, resources, monkeypatch)
    add(names[2])  # added again, against the index the last run stored
    assert _step(raw, out, resources, monkeypatch)
    history = pq.read_table(out / "entity_history.parquet").to_pylist()
    assert {row["change"] for row in history} >= {"split", "removed"}


def test_an_index_of_other_tables_is_not_used(tmp_path: Path, resources: Any) -> None:
    from pipeline.archive import load_index
    from pipeline.tables.commit import MANIFEST_FILE

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "riverbend-2022-05.txt").write_text(BULLETINS["riverbend-2022-05.txt"], encoding="utf-8")
    _run(raw, out, resources)
    manifest = (out / MANIFEST_FILE).read_text(encoding="utf-8")
    assert load_index(out, manifest) is not None
    assert load_index(out, manifest.replace("riverbend", "other")) is None
    (out / ARCHIVE_INDEX_FILE).write_bytes(b"not a pickle")
    assert load_index(out, manifest) is None


# ---------------------------------------------------------------------------- the index alone (no model)


def _state(linker: Any) -> dict[str, Any]:
    """What of a linker the next run's matching reads, ids resolved through merges."""
    find = linker.find
    state: dict[str, Any] = {
        "entities": {
            find(i): (e.kind, e.first, e.acronym_only, e.one_word_only) for i, e in linker.entities.items()
        }
    }
    for name in ("by_key", "by_acronym", "by_initials", "by_part"):
        state[name] = {k: {find(i) for i in ids} for k, ids in getattr(linker, name).items() if ids}
    state["fuzzy"] = {
        kind: {k: find(i) for k, (_, i) in keys.items()} for kind, keys in linker.fuzzy_last.items()
    }
    state["short"] = {k: dict(rows) for k, rows in linker.short_rows.items()}
    state["short ids"] = {
        key: find(linker.entity_of_row[key]) for rows in linker.short_rows.values() for key in rows
    }
    return state


def test_the_index_extended_by_added_rows_is_the_index_of_every_row() -> None:
    """Rows added run by run, some in issues before those already linked, and a merge by a
    stated acronym: the index stored after each run is the one built from every row."""
    from dataclasses import replace
    from datetime import date

    from pipeline.archive.entities import link_rows
    from pipeline.archive.index import fresh_linker, stored_linker
    from pipeline.archive.names import load_words
    from pipeline.archive.records import Bulletin, EntityRow

    words = load_words()
    bulletins = {
        doc: Bulletin(doc, f"{doc}.txt", issued, "valley friends")
        for doc, issued in (("v1", date(2023, 1, 1)), ("v2", date(2023, 2, 1)), ("v3", date(2023, 3, 1)))
    }
    runs = [
        [
            EntityRow("v3", "person", "p1", "Jonas Ekberg"),
            EntityRow("v3", "organisation", "o1", "WEVA"),
            EntityRow("v3", "organisation", "o2", "Westvale Water Authority"),
            EntityRow("v3", "organisation", "o5", "Westvale Valley Alliance"),
        ],
        [
            EntityRow("v1", "person", "p2", "Jonas"),  # an earlier issue, added later
            EntityRow("v1", "organisation", "o3", "Westvale Valley Alliance", acronym="WEVA"),
            EntityRow("v1", "person", "p3", "Hedda Lind"),
        ],
        [
            EntityRow("v2", "person", "p4", "Hedda"),
            EntityRow("v2", "organisation", "o4", "Westvale Water Authorty"),
        ],
    ]
    index = None
    written: list[EntityRow] = []
    merges: list[str] = []
    for rows in runs:
        linker = link_rows(bulletins, rows, words, known=index)
        assert not linker.split_rows
        ids = {key: linker.find(i) for key, i in linker.entity_of_row.items()}
        written = [replace(r, prior_id=linker.find(str(r.prior_id))) for r in written]
        written += [replace(r, prior_id=ids[r.key]) for r in rows]
        index = stored_linker(linker)
        # What linking every row again, with the ids written, starts from.
        assert _state(index) == _state(fresh_linker(bulletins, written, words))
        merges.extend(c.change for c in linker.changes)
    assert merges == ["merged"]  # "WEVA" of March, and the Alliance that states it in January


def test_a_split_against_the_index_is_the_split_of_linking_every_row() -> None:
    from dataclasses import replace
    from datetime import date

    from pipeline.archive.entities import link_entities, link_rows
    from pipeline.archive.index import stored_linker
    from pipeline.archive.names import load_words
    from pipeline.archive.records import Bulletin, EntityRow

    words = load_words()
    bulletins = {
        doc: Bulletin(doc, f"{doc}.txt", issued, "harbour watch")
        for doc, issued in (("h1", date(2024, 4, 1)), ("h2", date(2024, 5, 1)), ("h3", date(2024, 6, 1)))
    }
    first = [EntityRow("h1", "person", "p1", "Selma Brandt"), EntityRow("h3", "person", "p2", "Selma")]
    linker = link_rows(bulletins, first, words)
    ids = {row.key: linker.find(linker.entity_of_row[row.key]) for row in first}
    assert ids[first[0].key] == ids[first[1].key]
    kept = [replace(row, prior_id=ids[row.key]) for row in first]
    newcomer = EntityRow("h2", "person", "p3", "Selma Okafor")  # an issue between the two, added now
    whole, whole_changes = link_entities(bulletins, [*kept, newcomer], words)
    against_index = link_rows(bulletins, [newcomer], words, known=stored_linker(linker))
    assert against_index.split_rows == {first[1].key}
    assert [(c.change, c.old_id, c.new_id) for c in against_index.changes] == [
        (c.change, c.old_id, c.new_id) for c in whole_changes
    ]
    for key in (first[1].key, newcomer.key):
        assert against_index.find(against_index.entity_of_row[key]) == whole[key]


def test_the_index_keeps_one_report_of_each_kind_and_matches_as_all_of_them() -> None:
    """An event reported in every issue (the same day, name, city and type) is stored with one
    report of that kind; a later issue's row links to the same archive event against the stored
    index as against every report, and so does a row of another event that day."""
    from datetime import date

    from pipeline.archive.events import event_linker
    from pipeline.archive.index import stored_events
    from pipeline.archive.names import load_words
    from pipeline.archive.records import Bulletin, EventRow

    words = load_words()
    day = date(2024, 4, 13)
    bulletins = {
        f"k{i}": Bulletin(f"k{i}", f"kestrel-{i}.txt", date(2024, i, 1), "kestrel circle")
        for i in range(1, 6)
    }

    def row(doc: str, event: str, name: str, city: str | None = "Dunmore", kind: str = "meeting") -> EventRow:
        return EventRow(doc, event, name, kind, day, day, city, None, (), "unknown", 10)

    rows = [row(f"k{i}", "e1", "Annual General Meeting") for i in range(1, 4)]
    rows += [row("k2", "e2", "Annual General Meeting", None), row("k3", "e3", "Seed swap", "Harlow", "fair")]
    whole = event_linker(bulletins, rows, words)
    stored = stored_events(whole)
    agm = whole.linked[("k1", "e1")]
    assert len(whole.events[agm].reports) == 4 and len(stored.events[agm].reports) == 2
    assert stored.by_day[day] == whole.by_day[day]
    later = [
        row("k4", "e1", "the AGM and Annual General Meeting"),
        row("k5", "e9", "Seed swap", None, "fair"),
    ]
    full_again = event_linker(bulletins, rows + later, words).linked
    stored.words = words
    against_index = event_linker(bulletins, later, words, known=stored).linked
    assert {key: against_index[key] for key in (("k4", "e1"), ("k5", "e9"))} == {
        key: full_again[key] for key in (("k4", "e1"), ("k5", "e9"))
    }
