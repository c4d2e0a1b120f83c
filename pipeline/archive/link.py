"""Link the archive: read the per-bulletin tables and the ids last written, give every row its
archive id, and build the archive tables. Runs in the run's parent process, after the
documents are processed, in one deterministic order (issue date, then file name), so every
executor gives the same ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from pipeline.archive.entities import link_rows
from pipeline.archive.events import event_linker
from pipeline.archive.index import ArchiveIndex, build_index
from pipeline.archive.names import Words, load_words, series_key
from pipeline.archive.records import KIND_OF_LABEL, ROW_TABLES, Bulletin, Change, EntityRow, EventRow
from pipeline.archive.state import Previous
from pipeline.archive.status import event_status
from pipeline.archive.tables import archive_events_table, entities_table, history_table
from pipeline.tables.spill import Columns, SpilledTables, set_columns

# The tables linking gives new columns, and the archive tables it builds.
LINKED_TABLES = ("people", "organisations", "places", "mentions", "events")
ARCHIVE_TABLE_NAMES = ("entities", "archive_events", "entity_history")
# Rows read into Python at a time.
_BATCH_ROWS = 8192


def _pylist(table: pa.Table, columns: list[str]) -> list[dict[str, Any]]:
    return table.select(columns).to_pylist()


def read_bulletins(documents: pa.Table) -> dict[str, Bulletin]:
    columns = ["doc_id", "source_file", "issue_date", "title", "issuing_body"]
    return {
        d["doc_id"]: Bulletin(
            d["doc_id"],
            d["source_file"],
            d["issue_date"],
            series_key(d["issuing_body"], d["title"], d["source_file"]),
        )
        for d in _pylist(documents, columns)
    }


def _unchanged_documents(documents: pa.Table, previous: Previous) -> set[str]:
    """Documents written last time with the same content: their rows keep their ids."""
    pairs = zip(documents["doc_id"].to_pylist(), documents["sha256"].to_pylist(), strict=True)
    return {doc_id for doc_id, sha in pairs if previous.sha256.get(doc_id) == sha}


def _batches(table: pa.Table, columns: list[str]) -> Iterator[list[dict[str, Any]]]:
    """The rows of ``table`` as dicts, one record batch at a time: never the whole table as
    Python objects at once (at 10,000 bulletins that is hundreds of megabytes)."""
    for batch in table.select(columns).to_batches(max_chunksize=_BATCH_ROWS):
        yield batch.to_pylist()


T = TypeVar("T")


class _Shared(dict[Any, Any]):
    """Each value read once per distinct value: ``shared(value)`` is the first equal one seen."""

    def __call__(self, value: T) -> T:
        if value is None:
            return value
        return self.setdefault(value, value)


def read_entity_rows(
    tables: Mapping[str, pa.Table], previous: Previous, unchanged: set[str]
) -> list[EntityRow]:
    rows = []
    # One object per distinct value, shared by the rows that have it: an archive names the same
    # people, bodies and places issue after issue (a string of each row's own is 50-100 bytes).
    shared = _Shared()
    for kind, (name, id_column) in ROW_TABLES.items():
        columns = ["doc_id", id_column, "name", "n_mentions"]
        columns += {"organisation": ["acronym"], "place": ["kind", "country_code", "lat", "lon"]}.get(
            kind, []
        )
        for batch in _batches(tables[name], columns):
            for r in batch:
                doc_id = shared(r["doc_id"])
                key = (doc_id, kind, r[id_column])
                rows.append(
                    EntityRow(
                        doc_id=doc_id,
                        kind=kind,
                        row_id=shared(r[id_column]),
                        name=shared(r["name"]),
                        acronym=shared(r.get("acronym")),
                        place_kind=shared(r.get("kind")),
                        country_code=shared(r.get("country_code")),
                        lat=shared(r.get("lat")),
                        lon=shared(r.get("lon")),
                        n_mentions=r["n_mentions"] or 0,
                        prior_id=previous.entity_of_row.get(key) if doc_id in unchanged else None,
                    )
                )
    return rows


def _texts(tables: Mapping[str, pa.Table], doc_ids: Iterable[str]) -> dict[str, str]:
    """The text of these documents, by doc_id."""
    wanted = pa.array(sorted(set(doc_ids)), pa.string())
    documents = tables["documents"].select(["doc_id", "text"])
    documents = documents.filter(pc.is_in(documents["doc_id"], value_set=wanted))
    return dict(zip(documents["doc_id"].to_pylist(), documents["text"].to_pylist(), strict=True))


def _titles(tables: Mapping[str, pa.Table], doc_ids: Iterable[str]) -> dict[str, str]:
    """The titles of these documents' sections, by section_id."""
    wanted = pa.array(sorted(set(doc_ids)), pa.string())
    sections = tables["sections"].select(["doc_id", "section_id", "title"])
    sections = sections.filter(pc.is_in(sections["doc_id"], value_set=wanted))
    return dict(zip(sections["section_id"].to_pylist(), sections["title"].to_pylist(), strict=True))


def read_event_rows(
    tables: Mapping[str, pa.Table], previous: Previous, unchanged: set[str], words: Words
) -> list[EventRow]:
    """The rows of `events`, each with its status: kept from the tables last written for an
    unchanged bulletin (unless every row is read again), else read from its sentence and
    section title. Read a batch of rows at a time, with only those rows' documents' texts."""
    columns = ["doc_id", "section_id", "event_id", "name", "event_type", "start_date", "end_date", "city"]
    columns += ["country_code", "organisers", "char_start", "char_end"]
    # An unchanged bulletin's events keep their status, unless every row is read again.
    kept = {} if previous.relink else previous.status_of_event
    rows = []
    shared = _Shared()  # as in ``read_entity_rows``
    for events in _batches(tables["events"], columns):
        status_of = {
            (e["doc_id"], e["event_id"]): kept.get((e["doc_id"], e["event_id"]))
            for e in events
            if e["doc_id"] in unchanged
        }
        to_read = {e["doc_id"] for e in events if status_of.get((e["doc_id"], e["event_id"])) is None}
        texts = _texts(tables, to_read) if to_read else {}
        titles = _titles(tables, to_read) if to_read else {}
        for e in events:
            key = (e["doc_id"], e["event_id"])
            status = status_of.get(key)
            if status is None:
                text = texts.get(e["doc_id"], "")
                sentence = text[e["char_start"] : e["char_end"]] if e["char_start"] is not None else None
                status = event_status(sentence, titles.get(e["section_id"]), words)
            rows.append(
                EventRow(
                    doc_id=shared(e["doc_id"]),
                    event_id=shared(e["event_id"]),
                    name=shared(e["name"]),
                    event_type=shared(e["event_type"]),
                    start_date=shared(e["start_date"]),
                    end_date=shared(e["end_date"]),
                    city=shared(e["city"]),
                    country_code=shared(e["country_code"]),
                    organisers=shared(tuple(e["organisers"] or ())),
                    status=shared(status),
                    char_start=e["char_start"],
                    prior_id=previous.event_of_row.get(key) if e["doc_id"] in unchanged else None,
                )
            )
    return rows


def _removed(
    id_kind: str,
    before: Mapping[Any, str],
    now: set[str],
    merged: set[str],
    previous: Previous,
    unchanged: set[str],
) -> list[Change]:
    """Ids no bulletin names any more, with the removed or changed bulletin that named them."""
    sources: dict[str, set[str]] = defaultdict(set)
    for key, old_id in before.items():
        if key[0] not in unchanged:
            sources[old_id].add(previous.source_file.get(key[0], ""))
    gone = sorted(set(before.values()) - now - merged)
    reason = "no bulletin names it any more"
    return [Change(id_kind, "removed", old, None, min(sources[old] or {""}), reason) for old in gone]


def _set(out: dict[str, pa.Table], tables: Mapping[str, pa.Table], name: str, columns: Columns) -> None:
    """Table ``name`` with the column values ``columns`` gives for each of its record batches: in
    the run's spill when ``tables`` is one (``SpilledTables.replace_columns``), else in ``out``."""
    if isinstance(tables, SpilledTables):
        tables.replace_columns(name, columns)
    else:
        out[name] = set_columns(tables[name], columns)


def link_archive(
    tables: Mapping[str, pa.Table], previous: Previous, words: Words | None = None
) -> dict[str, pa.Table]:
    """The tables linking changes: the rows' archive ids and statuses, and the archive tables."""
    return link_whole_archive(tables, previous, words)[0]


def link_whole_archive(
    tables: Mapping[str, pa.Table], previous: Previous, words: Words | None = None
) -> tuple[dict[str, pa.Table], ArchiveIndex]:
    """``link_archive``, every row of the archive read, and the index the next run can extend.

    When ``tables`` are a run's ``SpilledTables``, the rows' tables it links are put in their
    place there, one at a time, and only the archive tables are returned."""
    words = words or load_words()
    bulletins = read_bulletins(tables["documents"])
    unchanged = _unchanged_documents(tables["documents"], previous)

    entity_rows = read_entity_rows(tables, previous, unchanged)
    linker = link_rows(bulletins, entity_rows, words, previous.relink)
    # Every row's entity, merges resolved in place (a second dict of every row would double it).
    entity_of_row = linker.entity_of_row
    for key, entity_id in entity_of_row.items():
        if entity_id in linker.merged_into:
            entity_of_row[key] = linker.find(entity_id)
    changes = linker.changes
    event_rows = read_event_rows(tables, previous, unchanged, words)
    events_linker = event_linker(bulletins, event_rows, words)
    event_of_row = events_linker.linked
    merged = {c.old_id for c in changes if c.change == "merged"}
    changes += _removed(
        "entity", previous.entity_of_row, set(entity_of_row.values()), merged, previous, unchanged
    )
    changes += _removed(
        "archive_event", previous.event_of_row, set(event_of_row.values()), set(), previous, unchanged
    )

    # Each row table gets its archive ids a record batch at a time, written back to the spill
    # as it goes: the tables are never whole in memory.
    out: dict[str, pa.Table] = {}
    for kind, (name, id_column) in ROW_TABLES.items():

        def entity_ids(
            batch: pa.RecordBatch, kind: str = kind, id_column: str = id_column
        ) -> dict[str, pa.Array]:
            keys = zip(batch.column("doc_id").to_pylist(), batch.column(id_column).to_pylist(), strict=True)
            return {"entity_id": pa.array([entity_of_row[(d, kind, r)] for d, r in keys], pa.string())}

        _set(out, tables, name, entity_ids)
    forms: dict[str, set[str]] = defaultdict(set)

    def archive_entity_ids(batch: pa.RecordBatch) -> dict[str, pa.Array]:
        ids: list[str | None] = []
        columns = (batch.column(c).to_pylist() for c in ("doc_id", "label", "entity_id", "text"))
        for doc_id, label, row_id, text in zip(*columns, strict=True):
            label_kind = KIND_OF_LABEL.get(label)
            archive_id = entity_of_row.get((doc_id, label_kind, row_id)) if label_kind and row_id else None
            ids.append(archive_id)
            if archive_id:
                forms[archive_id].add(text)
        return {"archive_entity_id": pa.array(ids, pa.string())}

    _set(out, tables, "mentions", archive_entity_ids)
    status_of_row = {(r.doc_id, r.event_id): r.status for r in event_rows}

    def event_columns(batch: pa.RecordBatch) -> dict[str, pa.Array]:
        doc_ids, event_ids = batch.column("doc_id").to_pylist(), batch.column("event_id").to_pylist()
        keys = list(zip(doc_ids, event_ids, strict=True))
        return {
            "status": pa.array([status_of_row[k] for k in keys], pa.string()),
            "archive_event_id": pa.array([event_of_row[k] for k in keys], pa.string()),
        }

    _set(out, tables, "events", event_columns)
    out["entities"] = entities_table(bulletins, entity_rows, entity_of_row, forms, words)
    out["archive_events"] = archive_events_table(bulletins, event_rows, event_of_row, status_of_row, words)
    out["entity_history"] = history_table(previous.history, changes)
    final_rows = (
        [replace(row, prior_id=entity_of_row[row.key]) for row in entity_rows] if linker.split_rows else None
    )
    return out, build_index(linker, events_linker, bulletins, words, final_rows)
