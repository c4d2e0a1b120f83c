"""Events across the archive: which rows of `events` report one activity.

A meeting announced in one issue ("Next meeting: Sunday 9 March, Hilltop Road") and
reported in the next ("Previous meeting, 9 March, Hilltop Road"), named twice in one
bulletin, or summarised again later, is one archive event. Rows are linked in issue order;
a row that had an ``archive_event_id`` keeps it, a new row joins the archive event that
has a report with the same first day and a like name (the words that say when it is seen
from, such as "next" and "previous", left out), or of the same type in the same place and
series; a row without a first day joins one only by a near-identical name in its series.
A new archive event's id is a hash of its first day and name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz

from pipeline.archive.names import Words, event_name_key, fold
from pipeline.archive.records import Bulletin, EventRow
from pipeline.core.ids import stable_id


@dataclass
class _Event:
    archive_event_id: str
    reports: list[tuple[EventRow, Bulletin]] = field(default_factory=list)


def _same_place(a: EventRow, b: EventRow) -> bool:
    """The same city, or one of them unknown."""
    return not a.city or not b.city or fold(a.city) == fold(b.city)


def _is_report_of(row: EventRow, bulletin: Bulletin, event: _Event, words: Words) -> bool:
    name = event_name_key(row.name, words)
    for other, other_bulletin in event.reports:
        if other.start_date != row.start_date:
            continue
        other_name = event_name_key(other.name, words)
        similar = bool(name and other_name) and fuzz.token_set_ratio(name, other_name) >= (
            words.event_name_min_ratio if row.start_date else words.undated_event_name_min_ratio
        )
        if row.start_date is None:
            if similar and other_bulletin.series == bulletin.series and row.event_type == other.event_type:
                return True
            continue
        if row.doc_id == other.doc_id:
            if similar:  # named twice in one bulletin (its place may be read differently)
                return True
            continue
        if similar and _same_place(row, other):
            return True
        same_kind = row.event_type is not None and row.event_type == other.event_type
        if same_kind and _same_place(row, other) and other_bulletin.series == bulletin.series:
            return True
    return False


def report_position(row: EventRow, bulletin: Bulletin) -> tuple[object, ...]:
    """Where a report is in linking order: issue order, then where it is in its bulletin."""
    return (bulletin.order, row.char_start or 0, row.event_id)


@dataclass
class EventLinker:
    """The archive events known so far, by their first day; ``link_events`` adds rows to it."""

    words: Words
    bulletins: Mapping[str, Bulletin]
    events: dict[str, _Event] = field(default_factory=dict)
    by_day: dict[date | None, list[str]] = field(default_factory=lambda: defaultdict(list))
    linked: dict[tuple[str, str], str] = field(default_factory=dict)

    def sort_key(self, row: EventRow) -> tuple[object, ...]:
        """Linking order (``report_position``)."""
        return report_position(row, self.bulletins[row.doc_id])

    def first_report(self, archive_event_id: str, day: date | None) -> tuple[object, ...]:
        """Where the first report of ``day`` of an archive event is in linking order."""
        return min(
            report_position(r, b) for r, b in self.events[archive_event_id].reports if r.start_date == day
        )

    def add(self, row: EventRow, archive_event_id: str) -> None:
        event = self.events.get(archive_event_id)
        if event is None:
            event = self.events[archive_event_id] = _Event(archive_event_id)
            self.by_day[row.start_date].append(archive_event_id)
        elif archive_event_id not in self.by_day[row.start_date]:
            self.by_day[row.start_date].append(archive_event_id)
        event.reports.append((row, self.bulletins[row.doc_id]))
        self.linked[(row.doc_id, row.event_id)] = archive_event_id

    def link(self, row: EventRow) -> str:
        """Add a row without an id to the archive event it reports, or to a new one."""
        bulletin = self.bulletins[row.doc_id]
        match = next(
            (
                i
                for i in self.by_day[row.start_date]
                if _is_report_of(row, bulletin, self.events[i], self.words)
            ),
            None,
        )
        if match is None:
            # A hash of the first day and the name (not of the bulletin that reported it first),
            # or of the first report when another archive event holds that id already.
            match = stable_id("archive_event", row.start_date, event_name_key(row.name, self.words))
            if match in self.events:
                match = stable_id("archive_event", row.doc_id, row.event_id)
        self.add(row, match)
        return match


def link_events(
    bulletins: Mapping[str, Bulletin],
    rows: Iterable[EventRow],
    words: Words,
    known: EventLinker | None = None,
) -> dict[tuple[str, str], str]:
    """(doc_id, event_id) -> archive_event_id for every row (``known``: the archive events of
    the stored index, ``pipeline.archive.index``, in place of rows with a prior id)."""
    return event_linker(bulletins, rows, words, known).linked


def event_linker(
    bulletins: Mapping[str, Bulletin],
    rows: Iterable[EventRow],
    words: Words,
    known: EventLinker | None = None,
) -> EventLinker:
    """``link_events``, giving the linker itself (the stored index keeps its events)."""
    linker = known if known is not None else EventLinker(words, bulletins)
    linker.words, linker.bulletins = words, bulletins
    rows = sorted(rows, key=linker.sort_key)
    for row in rows:
        if row.prior_id is not None:
            linker.add(row, row.prior_id)
    for row in rows:
        if row.prior_id is None:
            linker.link(row)
    return linker
