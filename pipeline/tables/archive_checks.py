"""Checks of the archive tables beyond keys and references (which ``schema`` declares and
``store.validate`` checks for every table): dates in order, statuses known, and every
entity and archive event named by at least one row."""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa
import pyarrow.compute as pc

STATUSES = ("announced", "held", "cancelled", "unknown")


def _count(mask: pa.ChunkedArray | pa.Array) -> int:
    return int(pc.sum(pc.fill_null(mask, False)).as_py() or 0)


def _unreferenced(ids: pa.ChunkedArray, *referring: pa.ChunkedArray) -> int:
    used = pa.chunked_array([chunk for column in referring for chunk in column.chunks], pa.string())
    return _count(pc.invert(pc.is_in(ids, value_set=pc.unique(used)))) if len(ids) else 0


def archive_problems(tables: Mapping[str, pa.Table]) -> list[str]:
    problems = []
    entities, archive_events = tables["entities"], tables["archive_events"]
    for name, first, last in (
        ("entities", "first_seen", "last_seen"),
        ("archive_events", "first_reported", "last_reported"),
    ):
        if n := _count(pc.greater(tables[name][first], tables[name][last])):
            problems.append(f"{name}: {first} after {last} in {n} row(s)")
    statuses = pa.array(STATUSES)
    for name in ("events", "archive_events"):
        status = tables[name]["status"]
        if n := _count(pc.and_(pc.is_valid(status), pc.invert(pc.is_in(status, value_set=statuses)))):
            problems.append(f"{name}: unknown status in {n} row(s)")
    rows = [tables[name]["entity_id"] for name in ("people", "organisations", "places")]
    if n := _unreferenced(entities["entity_id"], *rows):
        problems.append(f"entities: {n} entity(ies) that no row of people, organisations or places names")
    if n := _unreferenced(archive_events["archive_event_id"], tables["events"]["archive_event_id"]):
        problems.append(f"archive_events: {n} archive event(s) that no row of events reports")
    return problems
