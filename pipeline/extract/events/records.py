"""The working records of one section's assembly: an activity with its date, and the section's findings.

Date assignment, organisers and participants, and the stage all read them, so they sit below all three.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.core.records import DateMention, Mention, Organisation, Person
from pipeline.extract.events.lexicon import EventLexicon
from pipeline.extract.events.names import TitleActivity
from pipeline.extract.events.phrases import Phrase
from pipeline.extract.events.places import PlaceHit
from pipeline.extract.events.tokens import SectionText


@dataclass(frozen=True)
class Anchor:
    phrase: Phrase
    mention: DateMention | None
    sentence: int
    position: int  # character offset (relative) used to pick places


@dataclass(frozen=True)
class Context:
    doc_id: str
    st: SectionText
    lex: EventLexicon
    phrases: tuple[Phrase, ...]
    title: TitleActivity | None
    hits: tuple[PlaceHit, ...]
    mentions: tuple[Mention, ...]  # this section's mentions
    org_names: Mapping[str, Organisation]
    person_names: Mapping[str, Person]
