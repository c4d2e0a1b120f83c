"""Records passed between stages. Every stage takes and returns these frozen values.

Offsets (``char_start``/``char_end``) always index ``DocumentText.text`` (the whole
document), so any fact can be traced back to its sentence and page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class SourceFile:
    """An input file found by discovery."""

    path: Path
    relative_path: str  # POSIX path relative to the input folder; the `source_file` column
    sha256: str
    size: int


@dataclass(frozen=True)
class Heading:
    """A heading as the format states it: HTML ``<h1>``-``<h3>``, a Word heading style, or
    a PDF line set apart by its type. ``text[char_start:char_end]`` is the heading."""

    char_start: int
    char_end: int
    level: int = 1  # 1 is the top level


@dataclass(frozen=True)
class TableCell:
    """One cell of a table of figures; ``text[char_start:char_end]`` is its text."""

    row: int  # 0-based
    column: int  # 0-based
    char_start: int
    char_end: int


@dataclass(frozen=True)
class TextTable:
    """A table of the document (HTML ``<table>``, a Word table, a ruled PDF table), whose
    rows are lines of ``text`` with cells separated by " | "."""

    cells: tuple[TableCell, ...]
    header_rows: int = 0  # leading rows that head the columns


@dataclass(frozen=True)
class PageInfo:
    """How a page was read: from its text layer, or by OCR with the engine's confidence."""

    number: int  # 1-based
    source: str = "text"  # "text" (text layer or a text format) or "ocr"
    ocr_confidence: float | None = None  # the engine's mean word confidence, 0-100


@dataclass(frozen=True)
class DocumentText:
    """Plain text of one bulletin, the page each character came from, and the structure
    its format states (headings, tables, a title and date in its metadata)."""

    source_file: str
    text: str
    # Offset in ``text`` where each page starts; a text file is one page: (0,).
    page_starts: tuple[int, ...] = (0,)
    warnings: tuple[str, ...] = ()
    format: str = "text"  # text, pdf, html, docx or email
    encoding: str | None = None
    headings: tuple[Heading, ...] = ()
    tables: tuple[TextTable, ...] = ()
    pages: tuple[PageInfo, ...] = ()  # one per page when the reader knows how it was read
    # Fallbacks for the masthead: an e-mail's subject and date, a web page's <title>.
    metadata_title: str | None = None
    metadata_date: date | None = None

    @property
    def n_pages(self) -> int:
        return len(self.page_starts)

    def page_at(self, offset: int) -> int:
        """1-based page number of the character at ``offset``."""
        page = 1
        for number, start in enumerate(self.page_starts, start=1):
            if start <= offset:
                page = number
            else:
                break
        return page


@dataclass(frozen=True)
class Masthead:
    title: str | None
    issue_date: date | None  # first day of the month the issue covers
    issuing_body: str | None
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Section:
    """A numbered item, or the unnumbered text before the first one (number None).

    ``text == document.text[char_start:char_end]``; it starts with the heading line,
    which ends at ``heading_end`` (relative to ``char_start``; 0 when there is none).
    """

    doc_id: str
    section_id: str
    number: int | None
    title: str | None
    text: str
    char_start: int
    char_end: int
    heading_end: int
    page_start: int
    page_end: int

    @property
    def body(self) -> str:
        return self.text[self.heading_end :]


@dataclass(frozen=True)
class Mention:
    doc_id: str
    section_id: str
    mention_id: str
    label: str  # PERSON, ORG, PLACE, or a model label for other entities
    text: str
    char_start: int
    char_end: int
    entity_id: str | None
    page: int


@dataclass(frozen=True)
class Person:
    doc_id: str
    person_id: str
    name: str
    honorific: str | None
    role: str | None
    organisation: str | None
    n_mentions: int


@dataclass(frozen=True)
class Organisation:
    doc_id: str
    org_id: str
    name: str
    acronym: str | None
    n_mentions: int


@dataclass(frozen=True)
class Place:
    doc_id: str
    place_id: str
    name: str
    kind: str | None  # city, country, region, ...
    country_code: str | None  # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    n_mentions: int


@dataclass(frozen=True)
class DateMention:
    doc_id: str
    section_id: str
    date_id: str
    text: str
    start_date: date
    end_date: date
    granularity: str  # day, month, year
    inferred: bool
    inferred_parts: str | None  # e.g. "year" or "month,year": parts not in the text
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Event:
    doc_id: str
    section_id: str
    event_id: str
    name: str
    event_type: str | None
    start_date: date | None
    end_date: date | None
    city: str | None
    country_code: str | None
    organisers: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    char_start: int | None = None
    char_end: int | None = None


@dataclass(frozen=True)
class Statistic:
    doc_id: str
    section_id: str
    stat_id: str
    value: float
    qualifier: str | None
    unit: str | None
    subject: str | None
    text: str
    sentence: str
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Failure:
    source_file: str
    stage: str
    error: str
    severity: str = "error"  # "error": file not processed; "warning": processed, with a problem


@dataclass(frozen=True)
class Entities:
    """What the entity stage returns for one document."""

    people: tuple[Person, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    places: tuple[Place, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class DocumentResult:
    """Every row one bulletin contributes to the tables."""

    source: SourceFile
    doc_id: str
    document: DocumentText
    masthead: Masthead
    sections: tuple[Section, ...]
    entities: Entities = field(default_factory=Entities)
    dates: tuple[DateMention, ...] = ()
    events: tuple[Event, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    warnings: tuple[Failure, ...] = ()
    language: str | None = None  # detected from the text (ISO 639-1)
