"""The archive tables, built from the linked rows: `entities`, `archive_events`, `entity_history`."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

from pipeline.archive.entities import gazetteer_id, gazetteer_names
from pipeline.archive.names import Words, event_name_key, looks_like_acronym, person_tokens, tokens
from pipeline.archive.records import Bulletin, Change, EntityRow, EventRow
from pipeline.tables.build import to_arrow
from pipeline.tables.schema import TABLES


def _mode(values: Iterable[Any]) -> Any:
    """The most frequent value that is not None (ties: the first seen); None if there is none."""
    counts = Counter(v for v in values if v is not None)
    return max(counts, key=lambda v: counts[v]) if counts else None


def _canonical_name(kind: str, rows: list[EntityRow], gazetteer: str | None, words: Words) -> str:
    known = gazetteer_names().get(gazetteer) if gazetteer is not None else None
    if known:
        return known
    weight = Counter(r.name for r in rows for _ in range(max(r.n_mentions, 1)))
    if kind == "organisation" and any(not looks_like_acronym(r.name) for r in rows):
        weight = Counter({n: c for n, c in weight.items() if not looks_like_acronym(n)})

    def fullness(name: str) -> tuple[int, int, str]:
        parts = person_tokens(name, words) if kind == "person" else tokens(name)
        return (len(parts), weight[name], name)

    return max(weight, key=fullness)


def _alias(text: str, kind: str, words: Words) -> str:
    """A mention as an alias: white space collapsed, a person's honorific dropped."""
    parts = text.split()
    if kind == "person":
        while len(parts) > 1 and parts[0].casefold().rstrip(".") in words.honorifics:
            parts = parts[1:]
    return " ".join(parts)


def entities_table(
    bulletins: Mapping[str, Bulletin],
    rows: Iterable[EntityRow],
    entity_of_row: Mapping[tuple[str, str, str], str],
    mention_forms: Mapping[str, set[str]],
    words: Words,
) -> pa.Table:
    """One row per entity; ``mention_forms`` gives each entity's forms in the mentions."""
    members: dict[str, list[EntityRow]] = defaultdict(list)
    for row in rows:
        members[entity_of_row[row.key]].append(row)
    out = []
    for entity_id, group in members.items():
        kinds = Counter(r.kind for r in group)  # ties: a person, then an organisation
        kind = max(kinds, key=lambda k: (kinds[k], k == "person", k == "organisation"))
        places = [r for r in group if r.kind == "place"]
        gazetteer = _mode(gazetteer_id(r) for r in places)
        dates = [d for r in group if (d := bulletins[r.doc_id].issue_date) is not None]
        aliases = {r.name for r in group} | {_alias(f, kind, words) for f in mention_forms.get(entity_id, ())}
        acronyms = [r.acronym for r in group if r.acronym] or [
            r.name for r in group if looks_like_acronym(r.name)
        ]
        out.append(
            {
                "entity_id": entity_id,
                "kind": kind,
                "name": _canonical_name(kind, group, gazetteer, words),
                "aliases": sorted(a for a in aliases if a),
                "acronym": _mode(acronyms) if kind == "organisation" else None,
                "country_code": _mode(r.country_code for r in places),
                "lat": _mode(r.lat for r in places),
                "lon": _mode(r.lon for r in places),
                "gazetteer_id": gazetteer,
                "n_bulletins": len({r.doc_id for r in group}),
                "n_mentions": sum(r.n_mentions for r in group),
                "first_seen": min(dates, default=None),
                "last_seen": max(dates, default=None),
            }
        )
    return to_arrow(TABLES["entities"], out)


def _event_name(reports: list[EventRow], words: Words) -> str:
    """The fullest name among the reports, without a leading word such as "next" or "previous"."""
    name = max(reports, key=lambda r: len(event_name_key(r.name, words).split())).name
    parts = name.split()
    while len(parts) > 1 and parts[0].casefold() in words.name_status_words:
        parts = parts[1:]
    return " ".join(parts)


def archive_events_table(
    bulletins: Mapping[str, Bulletin],
    rows: Iterable[EventRow],
    event_of_row: Mapping[tuple[str, str], str],
    status_of_row: Mapping[tuple[str, str], str],
    words: Words,
) -> pa.Table:
    """One row per activity, its fields from its reports (the latest that states each)."""
    reports: dict[str, list[EventRow]] = defaultdict(list)
    for row in rows:
        reports[event_of_row[(row.doc_id, row.event_id)]].append(row)
    out = []
    for archive_event_id, group in reports.items():
        group.sort(key=lambda r: (bulletins[r.doc_id].order, r.char_start or 0))
        latest_first = group[::-1]
        dated = next((r for r in latest_first if r.start_date is not None), None)
        statuses = [status_of_row[(r.doc_id, r.event_id)] for r in latest_first]
        issue_dates = [d for r in group if (d := bulletins[r.doc_id].issue_date) is not None]
        out.append(
            {
                "archive_event_id": archive_event_id,
                "name": _event_name(group, words),
                "event_type": _mode(r.event_type for r in latest_first),
                "start_date": dated.start_date if dated else None,
                "end_date": dated.end_date if dated else None,
                "city": next((r.city for r in latest_first if r.city), None),
                "country_code": next((r.country_code for r in latest_first if r.country_code), None),
                "organisers": sorted({o for r in group for o in r.organisers}),
                "status": next((s for s in statuses if s != "unknown"), "unknown"),
                "first_reported": min(issue_dates, default=None),
                "last_reported": max(issue_dates, default=None),
                "n_reports": len({r.doc_id for r in group}),
            }
        )
    return to_arrow(TABLES["archive_events"], out)


def history_table(previous: list[dict[str, object]], changes: Iterable[Change]) -> pa.Table:
    """The history last written, then this run's changes, numbered on."""
    rows = list(previous)
    seq = max((int(str(r["seq"])) for r in rows), default=0)
    for change in changes:
        seq += 1
        rows.append(
            {
                "seq": seq,
                "id_kind": change.id_kind,
                "change": change.change,
                "old_id": change.old_id,
                "new_id": change.new_id,
                "source_file": change.source_file,
                "reason": change.reason,
            }
        )
    return to_arrow(TABLES["entity_history"], rows)
