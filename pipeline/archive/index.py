"""The stored index of the archive: what linking knows of the bulletins last written.

Linking a run's new bulletins needs the entities and archive events already known, with the
keys they are found by (names, acronyms, first names and surnames per series, days). Built
from every row of the archive, that costs time and memory in proportion to the archive; so a
run stores it beside the tables (``archive_index.pickle``, committed with them) and the next
run that only adds bulletins loads it and extends it with the new bulletins' rows
(``pipeline.archive.incremental``).

The index is exactly the state linking reaches when it adds every row of the tables, with
the ids they were written with, in linking order (issue order): merges resolved, ids that
no row has any more left out. A run that changed or removed a bulletin, or processed every
file again, links the whole archive and stores a new index. The index names the manifest it
was written with; read with any other, it is ignored.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.archive.entities import _Entity, _Linker
from pipeline.archive.events import EventLinker, _Event, report_position
from pipeline.archive.names import Words, event_name_key, fold
from pipeline.archive.records import Bulletin, EntityRow, EventRow
from pipeline.tables.commit import ARCHIVE_INDEX_FILE as INDEX_FILE

INDEX_VERSION = 3  # 2: EntityRow and EventRow have slots (pickled differently); 3: one report per kind


@dataclass
class ArchiveIndex:
    """Entities and archive events as linking knows them after the tables last written."""

    entities: _Linker
    events: EventLinker
    doc_ids: set[str] = field(default_factory=set)


def manifest_digest(manifest_text: str) -> str:
    return hashlib.sha256(manifest_text.encode("utf-8")).hexdigest()


def load_index(out_dir: Path, manifest_text: str | None) -> ArchiveIndex | None:
    """The index stored in ``out_dir`` if it belongs to the manifest ``manifest_text``; else None.

    The file is the pipeline's own, written by a run into its output folder (a pickle: load
    it only from an output folder you trust, as you would the tables).
    """
    if manifest_text is None:
        return None
    try:
        with (out_dir / INDEX_FILE).open("rb") as handle:
            # The run's own file, see the docstring: first which tables it is of, then the index.
            version, digest, content = pickle.load(handle)
            if version != INDEX_VERSION or digest != manifest_digest(manifest_text):
                return None
            index = pickle.loads(content)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return index if isinstance(index, ArchiveIndex) else None


def index_bytes(index: ArchiveIndex) -> bytes:
    """The index pickled, as soon as it is built: the run keeps these bytes, not its objects,
    while it checks and writes the tables."""
    return pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)


def index_file(content: bytes, manifest_text: str) -> bytes:
    """The file of the index ``content`` (``index_bytes``), for the tables of ``manifest_text``."""
    return pickle.dumps(
        (INDEX_VERSION, manifest_digest(manifest_text), content), protocol=pickle.HIGHEST_PROTOCOL
    )


def stored_linker(linker: _Linker) -> _Linker:
    """The state of ``linker`` as the index keeps it: ids resolved through merges, each fuzzy
    key with the entity linking order gives it, no rows (only their flags). ``linker`` must
    have made no split (``fresh_linker`` then)."""
    find = linker.find
    stored = _Linker(linker.words, {})
    for entity_id, entity in linker.entities.items():
        stored.entities[entity_id] = _Entity(
            entity_id,
            entity.kind,
            entity.first,
            acronym_only=entity.acronym_only,
            one_word_only=entity.one_word_only,
            prior=True,
        )
    for name in ("by_key", "by_acronym", "by_initials", "by_part"):
        source: Mapping[object, set[str]] = getattr(linker, name)
        target: dict[object, set[str]] = getattr(stored, name)
        for key, ids in source.items():
            target[key] = {find(i) for i in ids}
    for kind, keys in linker.fuzzy_last.items():
        for key, (place, entity_id) in keys.items():
            stored.fuzzy_last[kind][key] = (place, find(entity_id))
            stored.fuzzy_keys[kind][key] = find(entity_id)
    for word, rows in linker.short_rows.items():
        stored.short_rows[word] = dict(rows)
        for key in rows:
            stored.entity_of_row[key] = find(linker.entity_of_row[key])
    stored.words = None  # type: ignore[assignment]  # loaded again by the run that reads it
    return stored


def fresh_linker(bulletins: Mapping[str, Bulletin], rows: Iterable[EntityRow], words: Words) -> _Linker:
    """The linker with every row added under its id (``EntityRow.prior_id``), in linking order."""
    from pipeline.archive.entities import _linking_order

    linker = _Linker(words, bulletins)
    by_doc: dict[str, list[EntityRow]] = defaultdict(list)
    for row in rows:
        by_doc[row.doc_id].append(row)
    for doc_id in sorted(by_doc, key=lambda d: bulletins[d].order):
        for row in sorted(by_doc[doc_id], key=lambda r: _linking_order(r, words)):
            linker.add(row, row.prior_id)
    return linker


def stored_events(events: EventLinker) -> EventLinker:
    """The event linker as the index keeps it: each day's events in the order linking adds
    them (by their first report of that day in linking order), and of each event's reports
    one per kind that matching tells apart (``_report_kinds``)."""
    stored = EventLinker(events.words, {})
    stored.events = {
        i: _Event(i, _report_kinds(event.reports, events.words)) for i, event in events.events.items()
    }
    stored.by_day = defaultdict(list)
    for day, ids in events.by_day.items():
        stored.by_day[day] = sorted(ids, key=lambda i: events.first_report(i, day))
    stored.words = None  # type: ignore[assignment]
    return stored


def _report_kinds(reports: list[tuple[EventRow, Bulletin]], words: Words) -> list[tuple[EventRow, Bulletin]]:
    """The first report in linking order of each kind: the same first day, name (as matching
    compares it), city, type and series. Matching a new bulletin's row against an event reads
    only these (a stored report is never of the new row's bulletin), and the first report of
    each day is kept, so the index matches as all the reports would, and an archive that
    reports the same event in every issue does not grow its index with every issue."""
    first: dict[tuple[object, ...], tuple[EventRow, Bulletin]] = {}
    for row, bulletin in sorted(reports, key=lambda report: report_position(*report)):
        kind = (
            row.start_date,
            event_name_key(row.name, words),
            fold(row.city) if row.city else None,
            row.event_type,
            bulletin.series,
        )
        first.setdefault(kind, (row, bulletin))
    return list(first.values())


def build_index(
    entities: _Linker,
    events: EventLinker,
    bulletins: Mapping[str, Bulletin],
    words: Words,
    entity_rows: Iterable[EntityRow] | None = None,
) -> ArchiveIndex:
    """The index of the archive just linked (``manifest_digest`` is set when it is written).

    ``entities`` and ``events``: the linkers that linked it. When ``entities`` split an entity,
    its index is built again from ``entity_rows`` (every row, with ``prior_id`` its id now), in
    linking order, as the next run that links every row would build it.
    """
    if entities.split_rows:
        if entity_rows is None:
            raise ValueError("a split needs every row to build the index again")
        entities = fresh_linker(bulletins, entity_rows, words)
    return ArchiveIndex(stored_linker(entities), stored_events(events), set(bulletins))
