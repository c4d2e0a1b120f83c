"""Hand-built one-section bulletins for the event tests: records placed by their text.

Dates, places, organisations and people are built by hand so that the event rules are
tested on their own, with the real model's parse or a blank pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pipeline.core.records import DateMention, Event, Mention, Organisation, Person, Place, Section
from pipeline.extract.events import find_events

DOC = "doc"


@dataclass
class Bulletin:
    """One-section bulletin with records placed by their text (first occurrence, or the nth)."""

    body: str
    title: str | None = "Activities"
    dates: list[tuple[str, str, str, str]] = field(default_factory=list)  # text, start, end, granularity
    places: list[tuple[str, str, str | None]] = field(default_factory=list)  # name, kind, country
    orgs: list[tuple[str, str | None]] = field(default_factory=list)  # name, acronym
    people: list[str] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"1. {self.title}" if self.title else ""

    def section(self) -> Section:
        text = f"{self.heading}\n\n{self.body}" if self.heading else self.body
        return Section(DOC, f"{DOC}-s01", 1, self.title, text, 0, len(text), len(self.heading), 1, 1)

    def records(
        self,
    ) -> tuple[list[DateMention], list[Place], list[Mention], list[Organisation], list[Person]]:
        section = self.section()
        text = section.text
        body_start = section.heading_end
        dates = []
        for n, (piece, start, end, granularity) in enumerate(self.dates):
            at = text.index(piece, body_start) if piece in text[body_start:] else text.index(piece)
            dates.append(
                DateMention(
                    DOC, section.section_id, f"d{n}", piece, date.fromisoformat(start),
                    date.fromisoformat(end), granularity, False, None, at, at + len(piece),
                )
            )  # fmt: skip
        places = [Place(DOC, f"p-{name}", name, kind, cc, None, None, 1) for name, kind, cc in self.places]
        orgs = [Organisation(DOC, f"o-{name}", name, acronym, 1) for name, acronym in self.orgs]
        people = [Person(DOC, f"h-{name}", name, None, None, None, 1) for name in self.people]
        mentions = []
        for label, names, ids in (
            ("PLACE", [p.name for p in places], [p.place_id for p in places]),
            ("ORG", [o.name for o in orgs], [o.org_id for o in orgs]),
            ("ORG", [o.acronym for o in orgs], [o.org_id for o in orgs]),
            ("PERSON", [p.name for p in people], [p.person_id for p in people]),
        ):
            for name, entity_id in zip(names, ids, strict=True):
                start = text.find(name, body_start) if name else -1
                while name and start >= 0:
                    mentions.append(
                        Mention(DOC, section.section_id, f"m{len(mentions)}", label, name, start,
                                start + len(name), entity_id, 1)
                    )  # fmt: skip
                    start = text.find(name, start + len(name))
        return dates, places, mentions, orgs, people


def events_of(nlp, bulletin: Bulletin) -> list[Event]:
    section = bulletin.section()
    return find_events(DOC, [section], [nlp(section.text)], *bulletin.records())


def one_event(nlp, bulletin: Bulletin) -> Event:
    events = events_of(nlp, bulletin)
    assert len(events) == 1, [(e.name, e.start_date) for e in events]
    return events[0]


def day(text: str, iso: str, end: str | None = None) -> tuple[str, str, str, str]:
    return (text, iso, end or iso, "day")
