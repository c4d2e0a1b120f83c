"""Linking a run that only adds bulletins: the new bulletins' rows against the stored index.

``link_whole_archive`` reads every row of the archive into Python and links it again; a run
whose only change is new bulletins (the monthly run) needs less. Here the entities and
archive events already known come from the stored index (``pipeline.archive.index``), only
the new bulletins' rows are read and matched, and the tables are changed where linking
changed them:

- `people`, `organisations`, `places`, `mentions`: the new bulletins' rows get their ids; an
  older row's id changes only when this run merged its entity into another (mapped with
  Arrow, column by column) or split its short name off (its bulletin's rows are looked up);
- `events`: the new rows get their status and archive event (older rows never change);
- `entities` and `archive_events`: the rows of the entities and archive events this run
  touched are built again from their member rows; the others are kept as last written;
- `entity_history`: this run's merges and splits are added.

The tables and ids are those ``link_whole_archive`` gives on the same archive
(``tests/test_archive_incremental.py`` checks it on sequences of added, changed and removed
bulletins).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.archive.entities import link_rows
from pipeline.archive.events import event_linker
from pipeline.archive.index import ArchiveIndex, build_index
from pipeline.archive.link import read_bulletins, read_entity_rows, read_event_rows
from pipeline.archive.names import Words, load_words
from pipeline.archive.records import KIND_OF_LABEL, ROW_TABLES, EventRow
from pipeline.archive.state import Previous
from pipeline.archive.tables import archive_events_table, entities_table, history_table
from pipeline.tables.build import sort_table
from pipeline.tables.schema import TABLES
from pipeline.tables.store import read_parquet


def _of_docs(table: pa.Table, doc_ids: pa.Array) -> pa.Table:
    return table.filter(pc.is_in(table["doc_id"], value_set=doc_ids))


def _remapped(column: pa.ChunkedArray, remap: Mapping[str, str]) -> pa.ChunkedArray:
    """``column`` with each id of ``remap`` replaced by its value."""
    if not remap:
        return column
    where = pc.index_in(column, value_set=pa.array(list(remap), pa.string()))
    return pc.coalesce(pc.take(pa.array(list(remap.values()), pa.string()), where), column)


def _set_rows(table: pa.Table, name: str, base: pa.ChunkedArray, mask: Any, values: list[Any]) -> pa.Table:
    """``table`` with column ``name`` set to ``base``, and to ``values`` where ``mask`` is true."""
    index = table.schema.get_field_index(name)
    field = table.schema.field(index)
    column = base.cast(field.type)
    if values:
        column = pc.replace_with_mask(
            column.combine_chunks(), mask.combine_chunks(), pa.array(values, field.type)
        )
    return table.set_column(index, field, column)


def _written(out_dir: Path, name: str) -> pa.Table:
    arrow = read_parquet(out_dir / f"{name}.parquet")
    return arrow.select(TABLES[name].column_names).cast(TABLES[name].arrow_schema)


def link_added(
    tables: Mapping[str, pa.Table], out_dir: Path, index: ArchiveIndex, words: Words | None = None
) -> tuple[dict[str, pa.Table], ArchiveIndex]:
    """The tables linking changes when ``tables`` are those last written to ``out_dir`` (whose
    ``index`` it is) with the rows of new bulletins added; and the index of the result."""
    words = words or load_words()
    documents = tables["documents"]
    bulletins = read_bulletins(documents)
    new_docs = pa.array(sorted(set(bulletins) - index.doc_ids), pa.string())
    new_tables = {name: _of_docs(tables[name], new_docs) for name in ("documents", "sections", "events")}
    for name, _ in ROW_TABLES.values():
        new_tables[name] = _of_docs(tables[name], new_docs)

    none = Previous()
    new_rows = read_entity_rows(new_tables, none, set())
    linker = link_rows(bulletins, new_rows, words, known=index.entities)
    find = linker.find
    remap = {old: find(old) for old in linker.merged_into}
    # Bulletins whose rows are looked up one by one: the new ones, and those a split changed.
    redo = pa.array(sorted({*new_docs.to_pylist(), *(key[0] for key in linker.split_rows)}), pa.string())

    out: dict[str, pa.Table] = {}
    # Entities whose rows changed: merged into, split from, split off, or given a new row (below).
    touched: set[str] = set(remap.values()) | {find(linker.entity_of_row[key]) for key in linker.split_rows}
    touched |= {find(change.old_id) for change in linker.changes if change.change == "split"}
    for kind, (name, id_column) in ROW_TABLES.items():
        table = tables[name]
        base = _remapped(table["entity_id"], remap)
        mask = pc.is_in(table["doc_id"], value_set=redo)
        rows = table.filter(mask)
        values = []
        for doc_id, row_id, old in zip(
            rows["doc_id"].to_pylist(),
            rows[id_column].to_pylist(),
            _remapped(rows["entity_id"], remap).to_pylist(),
            strict=True,
        ):
            entity_id = linker.entity_of_row.get((doc_id, kind, row_id))
            values.append(find(entity_id) if entity_id is not None else old)
        touched.update(v for v in values if v is not None)
        out[name] = _set_rows(table, "entity_id", base, mask, values)

    mentions = tables["mentions"]
    mask = pc.is_in(mentions["doc_id"], value_set=redo)
    rows = mentions.filter(mask)
    values = []
    for doc_id, label, row_id, old in zip(
        *(rows[c].to_pylist() for c in ("doc_id", "label", "entity_id")),
        _remapped(rows["archive_entity_id"], remap).to_pylist(),
        strict=True,
    ):
        label_kind = KIND_OF_LABEL.get(label)
        entity_id = linker.entity_of_row.get((doc_id, label_kind, row_id)) if label_kind and row_id else None
        values.append(find(entity_id) if entity_id is not None else old)
    out["mentions"] = _set_rows(
        mentions, "archive_entity_id", _remapped(mentions["archive_entity_id"], remap), mask, values
    )

    event_rows = read_event_rows(new_tables, none, set(), words)
    events_linker = event_linker(bulletins, event_rows, words, known=index.events)
    events = tables["events"]
    mask = pc.is_in(events["doc_id"], value_set=new_docs)
    keys = [(r.doc_id, r.event_id) for r in event_rows]
    order = {key: i for i, key in enumerate(keys)}
    in_table = list(zip(*(events.filter(mask)[c].to_pylist() for c in ("doc_id", "event_id")), strict=True))
    by_position = [event_rows[order[key]] for key in in_table]
    events = _set_rows(events, "status", events["status"], mask, [r.status for r in by_position])
    archive_ids = [events_linker.linked[(r.doc_id, r.event_id)] for r in by_position]
    out["events"] = _set_rows(events, "archive_event_id", events["archive_event_id"], mask, archive_ids)

    out["entities"] = _entities(out, bulletins, touched, set(remap), out_dir, words)
    out["archive_events"] = _archive_events(out["events"], bulletins, set(archive_ids), out_dir, words)
    history = _written(out_dir, "entity_history").to_pylist()
    out["entity_history"] = history_table(history, linker.changes)

    every_row = None
    if linker.split_rows:  # the index is built again from every row, as a whole link would
        every_row = read_entity_rows(out, _ids_as_prior(out), set(bulletins))
    return out, build_index(linker, events_linker, bulletins, words, every_row)


def changed_documents(
    before: Mapping[str, pa.Table], after: Mapping[str, pa.Table], known: set[str]
) -> frozenset[str] | None:
    """The documents whose rows in the linked tables ``after`` may differ from the rows last
    written: those not in ``known`` (new), and those with a cell linking changed in a table of
    ``before`` (the run's rows, the kept ones as last written). None when it cannot be told (a
    table's rows moved, or a column cannot be compared): then every row is to be written anew."""
    changed = set(before["documents"]["doc_id"].to_pylist()) - known
    for name, table in after.items():
        if "doc_id" not in table.column_names:
            continue
        old = before[name]
        if old.num_rows != table.num_rows or old.column_names != table.column_names:
            return None
        for column in table.column_names:
            a, b = old[column], table[column]
            if a.equals(b):
                continue
            try:
                differs = pc.fill_null(pc.not_equal(a, b), True)
            except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
                return None
            both_null = pc.and_(pc.is_null(a), pc.is_null(b))
            differs = pc.and_(differs, pc.invert(both_null))
            changed.update(pc.unique(pc.filter(table["doc_id"], differs)).to_pylist())
    return frozenset(changed)


def _ids_as_prior(tables: Mapping[str, pa.Table]) -> Previous:
    previous = Previous()
    for kind, (name, id_column) in ROW_TABLES.items():
        columns = [tables[name][c].to_pylist() for c in ("doc_id", id_column, "entity_id")]
        for doc_id, row_id, entity_id in zip(*columns, strict=True):
            previous.entity_of_row[(doc_id, kind, row_id)] = entity_id
    return previous


def _entities(
    tables: Mapping[str, pa.Table],
    bulletins: Mapping[str, Any],
    touched: set[str],
    gone: set[str],
    out_dir: Path,
    words: Words,
) -> pa.Table:
    """`entities`: the touched entities built again from their rows, the others as written."""
    wanted = pa.array(sorted(touched), pa.string())
    members = {
        name: tables[name].filter(pc.is_in(tables[name]["entity_id"], value_set=wanted))
        for name, _ in ROW_TABLES.values()
    }
    rows = read_entity_rows(members, Previous(), set())
    entity_of_row = {}
    for kind, (name, id_column) in ROW_TABLES.items():
        columns = [members[name][c].to_pylist() for c in ("doc_id", id_column, "entity_id")]
        for doc_id, row_id, entity_id in zip(*columns, strict=True):
            entity_of_row[(doc_id, kind, row_id)] = entity_id
    mentions = tables["mentions"].select(["archive_entity_id", "text"])
    mentions = mentions.filter(pc.is_in(mentions["archive_entity_id"], value_set=wanted))
    # Each form once (an entity of every issue has thousands of mentions and a few forms).
    mentions = mentions.group_by(["archive_entity_id", "text"], use_threads=False).aggregate([])
    forms: dict[str, set[str]] = defaultdict(set)
    for entity_id, text in zip(
        *(mentions[c].to_pylist() for c in ("archive_entity_id", "text")), strict=True
    ):
        forms[entity_id].add(text)
    rebuilt = entities_table(bulletins, rows, entity_of_row, forms, words)
    kept = _written(out_dir, "entities")
    dropped = pa.array(sorted(touched | gone), pa.string())
    kept = kept.filter(pc.invert(pc.is_in(kept["entity_id"], value_set=dropped)))
    return sort_table(TABLES["entities"], pa.concat_tables([kept, rebuilt]))


def _archive_events(
    events: pa.Table, bulletins: Mapping[str, Any], touched: set[str], out_dir: Path, words: Words
) -> pa.Table:
    """`archive_events`: those with a new report built again from their reports, the others as written."""
    wanted = pa.array(sorted(touched), pa.string())
    reports = events.filter(pc.is_in(events["archive_event_id"], value_set=wanted))
    columns = ["doc_id", "event_id", "name", "event_type", "start_date", "end_date", "city", "country_code"]
    columns += ["organisers", "status", "char_start", "archive_event_id"]
    rows, event_of_row, status_of_row = [], {}, {}
    for r in reports.select(columns).to_pylist():
        key = (r["doc_id"], r["event_id"])
        event_of_row[key], status_of_row[key] = r.pop("archive_event_id"), r["status"]
        rows.append(EventRow(**{**r, "organisers": tuple(r["organisers"] or ())}))
    rebuilt = archive_events_table(bulletins, rows, event_of_row, status_of_row, words)
    kept = _written(out_dir, "archive_events")
    kept = kept.filter(pc.invert(pc.is_in(kept["archive_event_id"], value_set=wanted)))
    return sort_table(TABLES["archive_events"], pa.concat_tables([kept, rebuilt]))
