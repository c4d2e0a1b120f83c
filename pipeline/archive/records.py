"""Records of the archive layer: what the linking reads from the per-bulletin tables, and
what it decides. Small frozen values; the Arrow tables are built from them in ``tables.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

# The labels of `mentions` whose rows are entities, and the entity kind of each.
KIND_OF_LABEL = {"PERSON": "person", "ORG": "organisation", "PLACE": "place"}
# The per-bulletin table of each kind, and its id column.
ROW_TABLES = {
    "person": ("people", "person_id"),
    "organisation": ("organisations", "org_id"),
    "place": ("places", "place_id"),
}


@dataclass(frozen=True)
class Bulletin:
    """One document of the archive, with what orders it and what series it belongs to."""

    doc_id: str
    source_file: str
    issue_date: date | None
    series: str  # key of the series: the issuing body or title without the issue's date

    @property
    def order(self) -> tuple[date, str]:
        """Issues in date order (undated last), then by file name: the order of linking."""
        return (self.issue_date or date.max, self.source_file)


# Slots: linking holds one row per person, organisation and place of the archive (hundreds of
# thousands at 10,000 bulletins); without a __dict__ each is less than half the size.
@dataclass(frozen=True, slots=True)
class EntityRow:
    """A row of `people`, `organisations` or `places`: one entity as one bulletin names it."""

    doc_id: str
    kind: str  # person, organisation or place
    row_id: str  # person_id, org_id or place_id
    name: str
    acronym: str | None = None
    place_kind: str | None = None  # places: city, country, region, local
    country_code: str | None = None
    lat: float | None = None
    lon: float | None = None
    n_mentions: int = 1
    prior_id: str | None = None  # entity_id the row had in the tables last written

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.doc_id, self.kind, self.row_id)

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduced(self)


@dataclass(frozen=True, slots=True)
class EventRow:
    """A row of `events`, with the sentence and section title its status is read from."""

    doc_id: str
    event_id: str
    name: str
    event_type: str | None
    start_date: date | None
    end_date: date | None
    city: str | None
    country_code: str | None
    organisers: tuple[str, ...]
    status: str
    char_start: int | None = None
    prior_id: str | None = None  # archive_event_id in the tables last written

    def __reduce__(self) -> tuple[Any, ...]:
        return _reduced(self)


def _reduced(row: EntityRow | EventRow) -> tuple[Any, ...]:
    """A row pickled as its class and its fields' values, in order. The stored archive index
    holds one per event of the archive: the default of a slotted dataclass looks its fields
    up for each row, which took 9 s of a one-bulletin run at 10,000 bulletins."""
    return (type(row), tuple(getattr(row, name) for name in row.__slots__))


@dataclass(frozen=True)
class Change:
    """A change of ids recorded in `entity_history`."""

    id_kind: str  # entity or archive_event
    change: str  # merged, split or removed
    old_id: str
    new_id: str | None
    source_file: str  # the bulletin whose rows caused it
    reason: str


@dataclass(frozen=True)
class Linked:
    """What linking decides: the id of every row, and the changes of ids it made."""

    entity_of_row: dict[tuple[str, str, str], str]  # (doc_id, kind, row_id) -> entity_id
    event_of_row: dict[tuple[str, str], str]  # (doc_id, event_id) -> archive_event_id
    changes: tuple[Change, ...] = ()
