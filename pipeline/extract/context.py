"""The one shape of an extractor: a document context in, records and mentions out.

An extractor is a function ``extract(context) -> Extracted``. The context holds one
bulletin's sections and their parses (``docs[i]`` parses ``sections[i].text``, by the model
of ``language``), the issue date, the language whose rules and data read it, the reference
data loaded once per process, and the records of the stages that ran before it
(``context.found``). ``pipeline.extract.registry`` lists the extractors in the
order they run; each one's records are added to ``found`` for the next.

Mentions are built here, by ``make_mention``, whatever the stage: offsets in the
document, id, section and page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc

from pipeline.core.ids import stable_id
from pipeline.core.records import (
    DateMention,
    Event,
    Mention,
    Organisation,
    Person,
    Place,
    Section,
    Statistic,
    TextTable,
)
from pipeline.core.settings import DEFAULT_LANGUAGE
from pipeline.extract.reference.gazetteer import Gazetteer
from pipeline.extract.reference.organisations import OrgReference
from pipeline.extract.words import Word, doc_words


@dataclass(frozen=True)
class Reference:
    """Reference data the extractors share, loaded once per process."""

    gazetteer: Gazetteer
    organisations: OrgReference


@dataclass(frozen=True)
class Found:
    """The records of the stages run so far; one field per stage that later stages read."""

    organisations: tuple[Organisation, ...] = ()
    places: tuple[Place, ...] = ()
    people: tuple[Person, ...] = ()
    dates: tuple[DateMention, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    events: tuple[Event, ...] = ()
    mentions: tuple[Mention, ...] = ()  # of every stage, in the order the stages ran


@dataclass(frozen=True)
class Extracted:
    """What one extractor gives back: its records and the mentions behind them."""

    records: tuple[Any, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class DocumentContext:
    """Everything an extractor may read about one bulletin. Build it with ``document_context``."""

    doc_id: str
    sections: tuple[Section, ...]
    docs: tuple[Doc, ...]
    issue_date: date | None
    reference: Reference
    # The words of each section's Doc (hyphenated tokens joined), read by several stages.
    words: tuple[tuple[Word, ...], ...]
    # The document's text and its tables of figures (cells as offsets in that text).
    text: str = ""
    tables: tuple[TextTable, ...] = ()
    found: Found = field(default_factory=Found)
    # ISO 639-1 code of the language whose model parsed ``docs`` and whose rules and data
    # (``pipeline.core.datafiles.load_language_data``) apply: the document's own, or English
    # for a language with no model configured.
    language: str = DEFAULT_LANGUAGE

    @property
    def texts(self) -> tuple[str, ...]:
        """Each section's text: the text its Doc covers (spaCy rebuilds ``Doc.text`` on access)."""
        return tuple(section.text for section in self.sections)

    def with_found(self, stage: str | None, extracted: Extracted) -> DocumentContext:
        """This context with a stage's records (under ``found.<stage>``) and mentions added."""
        records = {stage: extracted.records} if stage is not None else {}
        found = replace(self.found, **records, mentions=self.found.mentions + extracted.mentions)
        return replace(self, found=found)


def document_context(
    doc_id: str,
    sections: tuple[Section, ...],
    docs: tuple[Doc, ...],
    issue_date: date | None,
    reference: Reference,
    *,
    text: str = "",
    tables: tuple[TextTable, ...] = (),
    language: str = DEFAULT_LANGUAGE,
) -> DocumentContext:
    if len(sections) != len(docs):
        raise ValueError(f"{len(sections)} sections but {len(docs)} parses")
    words = tuple(tuple(doc_words(doc)) for doc in docs)
    return DocumentContext(
        doc_id, sections, docs, issue_date, reference, words, text, tables, language=language
    )


def make_mention(
    doc_id: str,
    section: Section,
    start: int,
    end: int,
    label: str,
    entity_id: str | None,
    text: str | None = None,
) -> Mention:
    """The mention of ``section.text[start:end]`` (offsets in the section) as a document row.

    ``text`` is the mention as the stage read it, when that differs from the slice (a
    place name read with plain apostrophes).
    """
    char_start, char_end = section.char_start + start, section.char_start + end
    return Mention(
        doc_id=doc_id,
        section_id=section.section_id,
        mention_id=stable_id(doc_id, char_start, char_end, label),
        label=label,
        text=section.text[start:end] if text is None else text,
        char_start=char_start,
        char_end=char_end,
        entity_id=entity_id,
        page=section.page_start,
    )
