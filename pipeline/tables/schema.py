"""The output tables, declared once: columns, types, keys and meaning.

The writer, the loader, the README's table reference (``bulletin schema``) and the
tests all read this module.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # column -> "table.column" it must refer to
    references: tuple[tuple[str, str], ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type, nullable=c.nullable) for c in self.columns])


S = pa.string()
I32 = pa.int32()
F64 = pa.float64()
DATE = pa.date32()
BOOL = pa.bool_()
LIST_S = pa.list_(pa.string())

DOC_ID = Column("doc_id", S, "Document id: hash of the source path, stable across runs.", False)
SECTION_ID = Column("section_id", S, "Section id: `<doc_id>-s<NN>` by order in the document.", False)
CHAR_START = Column("char_start", I32, "Offset of the first character in `documents.text`.", False)
CHAR_END = Column("char_end", I32, "Offset after the last character in `documents.text`.", False)
N_MENTIONS = Column("n_mentions", I32, "Mentions of this entity in the document.", False)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "documents",
            "One row per bulletin processed.",
            (
                DOC_ID,
                Column("source_file", S, "Path of the input file relative to the input folder.", False),
                Column("sha256", S, "SHA-256 of the file's bytes.", False),
                Column("format", S, "`text`, `pdf`, `html`, `docx` or `email`.", False),
                Column("encoding", S, "Text encoding read (text files, web pages, e-mails)."),
                Column(
                    "language",
                    S,
                    "Language of the text (ISO 639-1), detected from it; a language with no model "
                    "configured is read with the English model and rules (and a warning row).",
                ),
                Column("title", S, "Title from the masthead."),
                Column("issue_date", DATE, "First day of the month the issue covers."),
                Column("issuing_body", S, "Organisation that issues the bulletin, from the masthead."),
                Column("n_pages", I32, "Pages (1 for a text file); rows in `pages`.", False),
                Column("n_sections", I32, "Rows in `sections` for this document.", False),
                Column("text", S, "The full text all offsets refer to.", False),
            ),
            key=("doc_id",),
        ),
        Table(
            "pages",
            "One row per page of each document: how its text was read, and where the page is in "
            "`documents.text` (a text file is one page).",
            (
                DOC_ID,
                Column("page", I32, "Page number (1-based).", False),
                Column("source", S, "`text` (a text layer or a text format) or `ocr`.", False),
                Column("ocr_confidence", F64, "OCR engine's mean word confidence (0-100); null for `text`."),
                Column("char_start", I32, "Offset in `documents.text` where the page starts.", False),
                Column("char_end", I32, "Where the next page starts; the text's length for the last.", False),
            ),
            key=("doc_id", "page"),
            references=(("doc_id", "documents.doc_id"),),
        ),
        Table(
            "sections",
            "Numbered items, plus the unnumbered text before the first one (number null).",
            (
                DOC_ID,
                SECTION_ID,
                Column("number", I32, "Item number as printed; null for the masthead/preamble."),
                Column("title", S, "Heading text without its number; null when there is none."),
                Column("text", S, "Section text, heading included.", False),
                CHAR_START,
                CHAR_END,
                Column("page_start", I32, "Page of the first character (1-based).", False),
                Column("page_end", I32, "Page of the last character (1-based).", False),
            ),
            key=("section_id",),
            references=(("doc_id", "documents.doc_id"),),
        ),
        Table(
            "mentions",
            "Every mention of a person, organisation or place (and other model entities).",
            (
                DOC_ID,
                SECTION_ID,
                Column("mention_id", S, "Hash of document, offsets and label.", False),
                Column("label", S, "PERSON, ORG, PLACE, or another spaCy label.", False),
                Column("text", S, "The mention as written.", False),
                CHAR_START,
                CHAR_END,
                Column("entity_id", S, "person_id, org_id or place_id of the entity row; null if none."),
                Column("page", I32, "Page of the first character.", False),
            ),
            key=("mention_id",),
            references=(("doc_id", "documents.doc_id"), ("section_id", "sections.section_id")),
        ),
        Table(
            "people",
            "One row per distinct person per bulletin.",
            (
                DOC_ID,
                Column("person_id", S, "Hash of the normalised name; the same across bulletins.", False),
                Column("name", S, "Name as written, without honorific.", False),
                Column("honorific", S, "Mr., Ms., Dr., H.E., ..."),
                Column("role", S, "Title or function as the bulletin states it."),
                Column("organisation", S, "Affiliation: organisation name or acronym."),
                N_MENTIONS,
            ),
            key=("doc_id", "person_id"),
            references=(("doc_id", "documents.doc_id"),),
        ),
        Table(
            "organisations",
            "One row per distinct organisation per bulletin.",
            (
                DOC_ID,
                Column("org_id", S, "Hash of the normalised name; the same across bulletins.", False),
                Column("name", S, "Full name (expanded from the acronym where known).", False),
                Column("acronym", S, "Acronym, from the text or the reference file."),
                N_MENTIONS,
            ),
            key=("doc_id", "org_id"),
            references=(("doc_id", "documents.doc_id"),),
        ),
        Table(
            "places",
            "One row per distinct place name per bulletin.",
            (
                DOC_ID,
                Column("place_id", S, "Hash of the normalised name; the same across bulletins.", False),
                Column("name", S, "Place name as written.", False),
                Column("kind", S, "city, country, region or other."),
                Column("country_code", S, "ISO 3166-1 alpha-2 code; null for regions."),
                Column("lat", F64, "Latitude (cities)."),
                Column("lon", F64, "Longitude (cities)."),
                N_MENTIONS,
            ),
            key=("doc_id", "place_id"),
            references=(("doc_id", "documents.doc_id"),),
        ),
        Table(
            "dates",
            "Every expression naming a day, range, month or year, as a date range.",
            (
                DOC_ID,
                SECTION_ID,
                Column("date_id", S, "Hash of document, offsets and start date.", False),
                Column("text", S, "The expression as written.", False),
                Column("start_date", DATE, "First day.", False),
                Column("end_date", DATE, "Last day (equal to start for a single day).", False),
                Column("granularity", S, "day, month or year.", False),
                Column("inferred", BOOL, "True when a part of the date was not in the text.", False),
                Column("inferred_parts", S, "Which parts were inferred: year, month."),
                CHAR_START,
                CHAR_END,
            ),
            key=("date_id",),
            references=(("doc_id", "documents.doc_id"), ("section_id", "sections.section_id")),
        ),
        Table(
            "events",
            "One row per activity reported (per day for activities on separate days).",
            (
                DOC_ID,
                SECTION_ID,
                Column("event_id", S, "Hash of document, section, name and start date.", False),
                Column("name", S, "Readable name of the activity.", False),
                Column("event_type", S, "conference, forum, meeting, workshop, ..."),
                Column("start_date", DATE, "First day, if known."),
                Column("end_date", DATE, "Last day, if known."),
                Column("city", S, "City where it took place."),
                Column("country_code", S, "ISO 3166-1 alpha-2 code of the country."),
                Column("organisers", LIST_S, "Organisations that organised or hosted it."),
                Column("participants", LIST_S, "People and organisations that took part."),
                Column("char_start", I32, "Offset of the sentence reporting it."),
                Column("char_end", I32, "End of the sentence reporting it."),
            ),
            key=("event_id",),
            references=(("doc_id", "documents.doc_id"), ("section_id", "sections.section_id")),
        ),
        Table(
            "statistics",
            "Every number that counts or measures something.",
            (
                DOC_ID,
                SECTION_ID,
                Column("stat_id", S, "Hash of document and offsets.", False),
                Column("value", F64, 'The number ("3,300" -> 3300, "fifty" -> 50).', False),
                Column("qualifier", S, "more than, over, nearly, about, ..."),
                Column("unit", S, "percent, a currency code, km, ...; null for counts."),
                Column("subject", S, "What is counted."),
                Column("text", S, "The number as written, with qualifier and unit.", False),
                Column("sentence", S, "The sentence it comes from.", False),
                CHAR_START,
                CHAR_END,
            ),
            key=("stat_id",),
            references=(("doc_id", "documents.doc_id"), ("section_id", "sections.section_id")),
        ),
        Table(
            "failures",
            "Files that could not be processed (error) or were processed with a problem (warning).",
            (
                Column("source_file", S, "Path of the input file relative to the input folder.", False),
                Column("stage", S, "Stage that failed: read, masthead, sections, nlp, ...", False),
                Column("error", S, "One-line reason.", False),
                Column("severity", S, "`error` (file skipped) or `warning` (file processed).", False),
            ),
            key=("source_file", "stage", "error"),
        ),
    )
}


def markdown_reference() -> str:
    """The table reference for the README, generated from the declarations above."""
    out: list[str] = []
    for table in TABLES.values():
        out.append(f"### `{table.name}`\n\n{table.description} Key: `{', '.join(table.key)}`.\n")
        out.append("| column | type | meaning |\n|---|---|---|")
        for c in table.columns:
            out.append(f"| `{c.name}` | {c.type} | {c.description} |")
        out.append("")
    return "\n".join(out)
