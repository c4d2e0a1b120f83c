"""The review report: a static HTML site over the output tables.

``render_report`` turns the tables (and, optionally, golden files) into pages: an index of
the bulletins with counts and scores, and per bulletin its text section by section, every
mention, date and statistic highlighted by type, beside the section's events and statistics,
each row linking to its place in the text. With golden files, wrong predictions are marked
in the text and the tables, and missed entries are listed in their section. ``write_report``
reads the tables from disk and writes the pages atomically.

The pages are self-contained: no scripts, no fonts or styles from the internet; the one style
sheet, ``report.css``, is written beside them.
"""

from __future__ import annotations

import html
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline.core.errors import PipelineError
from pipeline.review.evaluate import (
    ENTRY_TABLES,
    DocumentEvaluation,
    Evaluation,
    Golden,
    Scores,
    evaluate,
    load_golden_dir,
)
from pipeline.tables.store import read_tables

Row = dict[str, Any]

INDEX_PAGE = "index.html"
PAGES_DIR = "bulletins"
STYLESHEET = "report.css"

# Highlight kinds, outermost first when two spans cover the same text. The kind is the CSS
# class (``hl-<kind>``); ENTITY_LABELS are the mention labels with a kind of their own, any
# other model label is shown muted as OTHER.
KINDS: tuple[str, ...] = ("HEADING", "EVENT", "ORG", "PLACE", "PERSON", "DATE", "STAT", "OTHER")
ENTITY_LABELS: frozenset[str] = frozenset({"PERSON", "ORG", "PLACE"})
_PRIORITY = {kind: i for i, kind in enumerate(KINDS)}
_SPAN_TAGS = {"HEADING": "span"}  # everything else is a <mark>

# Key column of each table whose rows the evaluator can call wrong.
_ID_COLUMNS: dict[str, str] = {
    "sections": "section_id",
    "people": "person_id",
    "organisations": "org_id",
    "places": "place_id",
    "dates": "date_id",
    "events": "event_id",
    "statistics": "stat_id",
}
_ENTITY_TABLES: dict[str, str] = {"PERSON": "people", "ORG": "organisations", "PLACE": "places"}
_COUNTED: tuple[tuple[str, str], ...] = (
    ("sections", "Sections"),
    ("people", "People"),
    ("organisations", "Orgs"),
    ("places", "Places"),
    ("dates", "Dates"),
    ("events", "Events"),
    ("statistics", "Stats"),
)
_SHORT: dict[str, str] = {"organisations": "orgs", "statistics": "stats", "documents": "doc"}


# --------------------------------------------------------------------------- highlighting


@dataclass(frozen=True)
class Highlight:
    """A span of the document text to highlight (document offsets, end exclusive)."""

    start: int
    end: int
    kind: str  # one of KINDS
    label: str = ""  # shown after the span; none when empty
    title: str = ""  # tooltip
    anchor: str | None = None  # element id, for links to the span
    link: str | None = None  # where the label links to (the span's table row)
    wrong: bool = False  # a prediction the golden file does not have


def render_text(text: str, highlights: Iterable[Highlight], offset: int = 0) -> str:
    """HTML of ``text`` (which starts at document offset ``offset``) with every highlight
    wrapped in an element of class ``hl hl-<kind>``.

    Nested spans nest; a span that crosses the end of another is closed there and reopened
    after it (the second piece has class ``cont`` and neither id nor label). Spans are
    clipped to the text; empty ones are dropped.
    """
    end_of_text = offset + len(text)
    spans = sorted(
        (_clip(h, offset, end_of_text) for h in highlights if max(h.start, offset) < min(h.end, end_of_text)),
        key=lambda h: (h.start, -h.end, _PRIORITY.get(h.kind, len(KINDS))),
    )
    starting: dict[int, list[Highlight]] = defaultdict(list)
    for span in spans:
        starting[span.start].append(span)
    points = sorted({p for s in spans for p in (s.start, s.end)})
    out: list[str] = []
    stack: list[Highlight] = []
    position = offset
    for point in points:
        out.append(html.escape(text[position - offset : point - offset], quote=False))
        position = point
        ending = [i for i, s in enumerate(stack) if s.end == point]
        if ending:
            depth = ending[0]
            reopen = []
            for span in reversed(stack[depth:]):
                finished = span.end == point
                out.append(_close(span, finished))
                if not finished:
                    reopen.append(span)
            del stack[depth:]
            for span in reversed(reopen):
                out.append(_open(span, first=False))
                stack.append(span)
        for span in starting.get(point, ()):
            out.append(_open(span, first=True))
            stack.append(span)
    out.append(html.escape(text[position - offset :], quote=False))
    return "".join(out)


def _clip(h: Highlight, lo: int, hi: int) -> Highlight:
    """The part of ``h`` inside [lo, hi): its id stays with its start, its label with its end."""
    if lo <= h.start and h.end <= hi:
        return h
    return Highlight(
        max(h.start, lo),
        min(h.end, hi),
        h.kind,
        h.label if h.end <= hi else "",
        h.title,
        h.anchor if h.start >= lo else None,
        h.link,
        h.wrong,
    )


def _open(span: Highlight, first: bool) -> str:
    classes = ["hl", f"hl-{span.kind.lower()}"]
    if span.wrong:
        classes.append("wrong")
    if not first:
        classes.append("cont")
    attrs = [f'class="{" ".join(classes)}"']
    if first and span.anchor:
        attrs.append(f'id="{_attr(span.anchor)}"')
    if span.title:
        attrs.append(f'title="{_attr(span.title)}"')
    return f"<{_SPAN_TAGS.get(span.kind, 'mark')} {' '.join(attrs)}>"


def _close(span: Highlight, finished: bool) -> str:
    tag = f"</{_SPAN_TAGS.get(span.kind, 'mark')}>"
    if not (finished and span.label):
        return tag
    label = _esc(span.label)
    if span.link:
        return f'<a class="lbl" href="{_attr(span.link)}">{label}</a>{tag}'
    return f'<span class="lbl">{label}</span>{tag}'


# --------------------------------------------------------------------------- golden comparison


@dataclass(frozen=True)
class GoldNote:
    """A golden entry the prediction missed, or got a field of wrong."""

    table: str
    section: int | None  # section number the golden entry gives
    has_section: bool  # False: the entry gives no section (people, organisations, ...)
    text: str


@dataclass(frozen=True)
class Review:
    """One bulletin compared with its golden file."""

    golden_file: str
    scores: Mapping[str, Scores]
    # table -> id of a wrong row (event_id, person_id, ...) -> the evaluator's description
    wrong: Mapping[str, Mapping[str, str]]
    missed: tuple[GoldNote, ...]
    field_errors: tuple[GoldNote, ...]

    def is_wrong(self, table: str, row_id: object) -> bool:
        return isinstance(row_id, str) and row_id in self.wrong.get(table, {})

    @property
    def n_wrong(self) -> int:
        return sum(len(ids) for ids in self.wrong.values())


def review_of(result: DocumentEvaluation, golden: Golden, tables: Mapping[str, pa.Table]) -> Review:
    """The marks for one bulletin: wrong rows by id (``WrongPrediction.row`` is the row's
    position in the table given to ``evaluate``), misses and field errors with the section
    their golden entry names."""
    wrong: dict[str, dict[str, str]] = defaultdict(dict)
    for prediction in result.wrong:
        column = _ID_COLUMNS.get(prediction.table)
        table = tables.get(prediction.table)
        if column is None or table is None or not 0 <= prediction.row < table.num_rows:
            continue
        row_id = table.column(column)[prediction.row].as_py()
        wrong[prediction.table][str(row_id)] = prediction.entry

    def note(table: str, index: int, text: str) -> GoldNote:
        entries = golden.entries.get(table, ())
        entry = entries[index] if 0 <= index < len(entries) else None
        has_section = entry is not None and entry.has_section and table != "sections"
        return GoldNote(table, entry.section if entry and has_section else None, has_section, text)

    missed = tuple(note(m.table, m.index, m.entry) for m in result.missed if m.table in ENTRY_TABLES)
    field_errors = tuple(
        note(
            e.table,
            e.index,
            f"{e.entry}: {e.field} expected {e.expected!r}, predicted {e.predicted!r}",
        )
        for e in result.field_errors
    )
    return Review(
        golden_file=result.golden_path.name,
        scores=result.tables,
        wrong={t: dict(ids) for t, ids in wrong.items()},
        missed=missed,
        field_errors=field_errors,
    )


# --------------------------------------------------------------------------- one bulletin


@dataclass(frozen=True)
class Bulletin:
    """The rows of one document, from every table."""

    document: Row
    rows: Mapping[str, Sequence[Row]] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return str(self.document["doc_id"])

    def table(self, name: str) -> Sequence[Row]:
        return self.rows.get(name, ())


def bulletins(tables: Mapping[str, pa.Table]) -> list[Bulletin]:
    """Every document with its rows, ordered by source file."""
    by_doc: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for name, table in tables.items():
        if name == "documents" or "doc_id" not in table.column_names:
            continue
        for row in table.to_pylist():
            by_doc[row["doc_id"]][name].append(row)
    documents = sorted(
        tables["documents"].to_pylist() if "documents" in tables else [],
        key=lambda d: (str(d["source_file"]), str(d["doc_id"])),
    )
    return [Bulletin(d, {k: tuple(v) for k, v in by_doc[d["doc_id"]].items()}) for d in documents]


def page_names(items: Sequence[Bulletin]) -> dict[str, str]:
    """doc_id -> file name of its page (from the source file; unique)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for bulletin in items:
        slug = re.sub(r"[^a-z0-9]+", "-", str(bulletin.document["source_file"]).lower()).strip("-")
        name = f"{slug or 'bulletin'}.html"
        if name in taken:
            name = f"{slug or 'bulletin'}-{bulletin.doc_id}.html"
        taken.add(name)
        names[bulletin.doc_id] = name
    return names


def bulletin_highlights(bulletin: Bulletin, review: Review | None = None) -> list[Highlight]:
    """Highlights of every mention, date, statistic and event sentence of one bulletin."""
    entity_rows = {
        label: {row[_ID_COLUMNS[table]]: row for row in bulletin.table(table)}
        for label, table in _ENTITY_TABLES.items()
    }
    out: list[Highlight] = []
    for row in bulletin.table("mentions"):
        label = str(row["label"])
        table = _ENTITY_TABLES.get(label)
        entity = entity_rows[label].get(row["entity_id"]) if table else None
        out.append(
            Highlight(
                row["char_start"],
                row["char_end"],
                label if table else "OTHER",
                label,
                title=_entity_title(label, entity),
                anchor=f"m-{row['mention_id']}",
                wrong=bool(table and review and review.is_wrong(table, row["entity_id"])),
            )
        )
    for row in bulletin.table("dates"):
        out.append(
            Highlight(
                row["char_start"],
                row["char_end"],
                "DATE",
                "DATE",
                title=_date_title(row),
                anchor=f"dt-{row['date_id']}",
                wrong=bool(review and review.is_wrong("dates", row["date_id"])),
            )
        )
    for row in bulletin.table("statistics"):
        out.append(
            Highlight(
                row["char_start"],
                row["char_end"],
                "STAT",
                "STAT",
                title=_stat_title(row),
                anchor=f"st-{row['stat_id']}",
                link=f"#row-st-{row['stat_id']}",
                wrong=bool(review and review.is_wrong("statistics", row["stat_id"])),
            )
        )
    for row in bulletin.table("events"):
        if row["char_start"] is None or row["char_end"] is None:
            continue
        out.append(
            Highlight(
                row["char_start"],
                row["char_end"],
                "EVENT",
                "EVENT",
                title=f"EVENT: {row['name']}" + (f" ({row['event_type']})" if row["event_type"] else ""),
                anchor=f"ev-{row['event_id']}",
                link=f"#row-ev-{row['event_id']}",
                wrong=bool(review and review.is_wrong("events", row["event_id"])),
            )
        )
    return out


def _entity_title(label: str, entity: Row | None) -> str:
    if entity is None:
        return label
    if label == "PERSON":
        name = " ".join(p for p in (entity["honorific"], entity["name"]) if p)
        details = ", ".join(p for p in (entity["role"], entity["organisation"]) if p)
    elif label == "ORG":
        name = str(entity["name"])
        details = str(entity["acronym"] or "")
    else:
        name = str(entity["name"])
        details = ", ".join(p for p in (entity["kind"], entity["country_code"]) if p)
    return f"{label}: {name}" + (f" — {details}" if details else "")


def _date_title(row: Row) -> str:
    span = _date_range(row["start_date"], row["end_date"])
    extra = str(row["granularity"])
    if row["inferred"]:
        extra += f"; inferred {row['inferred_parts'] or ''}".rstrip()
    return f"DATE: {span} ({extra})"


def _stat_title(row: Row) -> str:
    parts = [_number(row["value"]), row["unit"], row["qualifier"] and f"({row['qualifier']})"]
    title = "STAT: " + " ".join(str(p) for p in parts if p)
    return title + (f" — {row['subject']}" if row["subject"] else "")


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _month(value: date | None) -> str:
    return "" if value is None else f"{value:%Y-%m}"


def _date_range(start: date | None, end: date | None) -> str:
    if start is None:
        return ""
    if end is None or end == start:
        return start.isoformat()
    return f"{start.isoformat()} – {end.isoformat()}"


def render_bulletin(bulletin: Bulletin, review: Review | None = None) -> str:
    """The page of one bulletin (its file lives in ``bulletins/``, beside the style sheet's
    parent folder)."""
    doc = bulletin.document
    text = str(doc["text"])
    title = str(doc["title"] or doc["source_file"])
    highlights = bulletin_highlights(bulletin, review)
    sections = sorted(bulletin.table("sections"), key=lambda s: (s["char_start"], s["char_end"]))
    if not sections:
        sections = [
            {
                "section_id": f"{bulletin.doc_id}-all",
                "number": None,
                "title": None,
                "char_start": 0,
                "char_end": len(text),
                "page_start": 1,
                "page_end": doc["n_pages"],
            }
        ]
    anchors = {s["section_id"]: f"sec-{i:02d}" for i, s in enumerate(sections)}
    events = _by_section(bulletin.table("events"), sections)
    stats = _by_section(bulletin.table("statistics"), sections)
    notes = _notes_by_section(review, sections)

    body = [
        '<header class="top">',
        f'<p class="crumbs"><a href="../{INDEX_PAGE}">← All bulletins</a></p>',
        f"<h1>{_esc(title)}</h1>",
        f'<p class="meta">{_document_meta(doc)}</p>',
        _legend(review is not None),
        _toc(sections, anchors),
        "</header>",
        "<main>",
    ]
    if review is not None:
        body.append(_review_box(review, notes.get(None, ()), bulletin))
    for section in sections:
        heading = _heading_highlight(section, text)
        section_highlights = [*highlights, *([heading] if heading else [])]
        start, end = section["char_start"], section["char_end"]
        wrong = review is not None and review.is_wrong("sections", section["section_id"])
        label = "Masthead" if section["number"] is None else f"§ {section['number']}"
        body += [
            f'<section class="sec{" wrong" if wrong else ""}" id="{anchors[section["section_id"]]}">',
            '<div class="sec-text">',
            f'<div class="sec-head"><a href="#{anchors[section["section_id"]]}">{_esc(label)}</a>'
            f"<span>{_pages(section)}</span>"
            + ('<span class="badge wrong">section not in golden file</span>' if wrong else "")
            + "</div>",
            f'<div class="text">{render_text(text[start:end], section_highlights, start)}</div>',
            "</div>",
            '<aside class="sec-side">',
            _events_table(events.get(section["section_id"], ()), review),
            _stats_table(stats.get(section["section_id"], ()), review),
            _notes_list(notes.get(section["section_id"], ())),
            "</aside>",
            "</section>",
        ]
    body.append("</main>")
    return _page(title, "\n".join(body), stylesheet=f"../{STYLESHEET}")


def _heading_highlight(section: Row, text: str) -> Highlight | None:
    """The heading line of a numbered section, in bold."""
    if section["number"] is None:
        return None
    start, end = section["char_start"], section["char_end"]
    newline = text.find("\n", start, end)
    return Highlight(start, newline if newline >= 0 else end, "HEADING")


def _by_section(rows: Sequence[Row], sections: Sequence[Row]) -> dict[str, list[Row]]:
    """Rows by section_id (rows of an unknown section go to the section holding their
    offset, else the first), each list in text order."""
    known = {s["section_id"] for s in sections}
    out: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        section_id = row["section_id"]
        if section_id not in known:
            section_id = _section_at(sections, row.get("char_start"))
        out[section_id].append(row)
    for items in out.values():
        items.sort(key=lambda r: (r.get("char_start") is None, r.get("char_start") or 0))
    return out


def _section_at(sections: Sequence[Row], offset: int | None) -> str:
    for section in sections:
        if offset is not None and section["char_start"] <= offset < section["char_end"]:
            return str(section["section_id"])
    return str(sections[0]["section_id"])


def _notes_by_section(
    review: Review | None, sections: Sequence[Row]
) -> dict[str | None, list[tuple[str, GoldNote]]]:
    """("missed" | "field", note) by the section_id their golden entry names; None for the
    entries without a section, or naming a section the bulletin does not have."""
    out: dict[str | None, list[tuple[str, GoldNote]]] = defaultdict(list)
    if review is None:
        return out
    numbers: dict[int | None, str] = {}
    for section in sections:
        numbers.setdefault(section["number"], section["section_id"])
    for kind, notes in (("missed", review.missed), ("field", review.field_errors)):
        for note in notes:
            where = numbers.get(note.section) if note.has_section else None
            out[where].append((kind, note))
    return out


def _document_meta(doc: Row) -> str:
    parts = [f"<code>{_esc(doc['source_file'])}</code>", _esc(doc["format"])]
    if doc["issue_date"] is not None:
        parts.append(f"issue {doc['issue_date']:%B %Y}")
    if doc["issuing_body"]:
        parts.append(f"by {_esc(doc['issuing_body'])}")
    parts.append(f"{doc['n_pages']} page{'s' if doc['n_pages'] != 1 else ''}")
    parts.append(f"{doc['n_sections']} sections")
    return " · ".join(parts)


def _pages(section: Row) -> str:
    first, last = section["page_start"], section["page_end"]
    return f"p. {first}" if first == last else f"pp. {first}–{last}"


def _legend(with_review: bool) -> str:
    items = [
        ("PERSON", "person"),
        ("ORG", "organisation"),
        ("PLACE", "place"),
        ("DATE", "date"),
        ("STAT", "statistic"),
        ("EVENT", "event sentence"),
        ("OTHER", "other model label"),
    ]
    marks = [
        f'<mark class="hl hl-{kind.lower()}">{_esc(name)}<span class="lbl">{kind}</span></mark>'
        for kind, name in items
    ]
    if with_review:
        marks.append('<mark class="hl hl-other wrong">not in golden file</mark>')
        marks.append('<span class="badge missed">missed</span>')
    return f'<p class="legend">{" ".join(marks)}</p>'


def _toc(sections: Sequence[Row], anchors: Mapping[str, str]) -> str:
    links = []
    for section in sections:
        if section["number"] is None:
            continue
        title = section["title"] or ""
        links.append(
            f'<a href="#{anchors[section["section_id"]]}" title="{_attr(title)}">'
            f"{section['number']}. {_esc(_shorten(title, 38))}</a>"
        )
    return f'<nav class="toc">{"".join(links)}</nav>' if links else ""


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _events_table(rows: Sequence[Row], review: Review | None) -> str:
    if not rows:
        return '<p class="none">No events.</p>'
    out = [
        f'<table class="events"><caption>Events ({len(rows)})</caption>',
        "<thead><tr><th>Event</th><th>When</th><th>Where</th></tr></thead><tbody>",
    ]
    for row in rows:
        wrong = review is not None and review.is_wrong("events", row["event_id"])
        name = _esc(row["name"])
        if row["char_start"] is not None:
            name = f'<a href="#ev-{_attr(row["event_id"])}">{name}</a>'
        who = []
        if row["organisers"]:
            who.append("by " + ", ".join(row["organisers"]))
        if row["participants"]:
            who.append("with " + ", ".join(row["participants"]))
        details = " · ".join(p for p in (row["event_type"], *who) if p)
        where = ", ".join(p for p in (row["city"], row["country_code"]) if p)
        out.append(
            f'<tr id="row-ev-{_attr(row["event_id"])}"{_wrong_attrs(review, "events", row["event_id"])}>'
            f"<td>{name}{_wrong_badge(wrong)}"
            + (f'<div class="sub">{_esc(details)}</div>' if details else "")
            + f"</td><td>{_esc(_date_range(row['start_date'], row['end_date']))}</td>"
            f"<td>{_esc(where)}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _stats_table(rows: Sequence[Row], review: Review | None) -> str:
    if not rows:
        return '<p class="none">No statistics.</p>'
    out = [
        f'<table class="stats"><caption>Statistics ({len(rows)})</caption>',
        "<thead><tr><th>As written</th><th>Value</th><th>Subject</th></tr></thead><tbody>",
    ]
    for row in rows:
        wrong = review is not None and review.is_wrong("statistics", row["stat_id"])
        value = " ".join(p for p in (row["qualifier"], _number(row["value"]), row["unit"]) if p)
        out.append(
            f'<tr id="row-st-{_attr(row["stat_id"])}"{_wrong_attrs(review, "statistics", row["stat_id"])}>'
            f'<td><a href="#st-{_attr(row["stat_id"])}">{_esc(row["text"])}</a>{_wrong_badge(wrong)}</td>'
            f"<td>{_esc(value)}</td><td>{_esc(row['subject'] or '')}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _wrong_attrs(review: Review | None, table: str, row_id: str) -> str:
    if review is None or not review.is_wrong(table, row_id):
        return ""
    return f' class="wrong" title="{_attr(review.wrong[table][row_id])}"'


def _wrong_badge(wrong: bool) -> str:
    return ' <span class="badge wrong">not in golden file</span>' if wrong else ""


def _notes_list(notes: Sequence[tuple[str, GoldNote]]) -> str:
    if not notes:
        return ""
    items = []
    for kind, note in notes:
        noun = _singular(note.table)
        badge, what = ("missed", f"missed {noun}") if kind == "missed" else ("field", f"wrong {noun} field")
        items.append(f'<li><span class="badge {badge}">{_esc(what)}</span> {_esc(note.text)}</li>')
    return f'<ul class="notes">{"".join(items)}</ul>'


def _singular(table: str) -> str:
    return {
        "people": "person",
        "statistics": "statistic",
        "organisations": "organisation",
        "places": "place",
        "dates": "date",
        "events": "event",
        "sections": "section",
        "documents": "document",
    }.get(table, table)


def _review_box(review: Review, notes: Sequence[tuple[str, GoldNote]], bulletin: Bulletin) -> str:
    """Scores, and what cannot be shown in a section: misses and wrong predictions of the
    tables without sections (people, organisations, places)."""
    header = "".join(f"<th>{_esc(_SHORT.get(t, t))}</th>" for t in review.scores)
    f1 = "".join(f"<td>{_fmt(s.f1)}</td>" for s in review.scores.values())
    names = {
        table: {row[_ID_COLUMNS[table]]: row["name"] for row in bulletin.table(table)}
        for table in ("people", "organisations", "places")
    }
    wrong_entities = [
        f'<li><span class="badge wrong">wrong {_esc(_singular(table))}</span> '
        f'{_esc(names[table].get(row_id, ""))} <span class="sub">{_esc(entry)}</span></li>'
        for table in ("people", "organisations", "places")
        for row_id, entry in review.wrong.get(table, {}).items()
    ]
    n_missed, n_fields = len(review.missed), len(review.field_errors)
    summary = (
        f"Golden file <code>{_esc(review.golden_file)}</code>: {n_missed} missed, "
        f"{review.n_wrong} wrong, {n_fields} wrong field{'s' if n_fields != 1 else ''}"
    )
    listed = _notes_list(notes)
    details = ""
    if wrong_entities or listed:
        details = (
            "<details open><summary>Not tied to a section</summary>"
            + (f'<ul class="notes">{"".join(wrong_entities)}</ul>' if wrong_entities else "")
            + listed
            + "</details>"
        )
    return (
        '<div class="review">'
        f"<p>{summary}</p>"
        f'<table class="scores"><tr><th></th>{header}</tr><tr><th>F1</th>{f1}</tr></table>'
        f"{details}</div>"
    )


# --------------------------------------------------------------------------- index


def render_index(
    items: Sequence[Bulletin],
    pages: Mapping[str, str],
    reviews: Mapping[str, Review],
    evaluation: Evaluation | None = None,
    source: str = "",
) -> str:
    """The index page: one row per bulletin with its counts (and golden comparison)."""
    with_review = evaluation is not None
    head = ["Bulletin", "Issue", "Format", "Pages", *(label for _, label in _COUNTED)]
    if with_review:
        head += ["Missed", "Wrong"]
    rows = []
    totals: dict[str, int] = defaultdict(int)
    for bulletin in items:
        doc = bulletin.document
        counts = [len(bulletin.table(table)) for table, _ in _COUNTED]
        for (table, _), n in zip(_COUNTED, counts, strict=True):
            totals[table] += n
        cells = [
            f'<td><a href="{PAGES_DIR}/{_attr(pages[bulletin.doc_id])}">'
            f"{_esc(doc['title'] or doc['source_file'])}</a>"
            f'<div class="sub"><code>{_esc(doc["source_file"])}</code></div></td>',
            f"<td>{_month(doc['issue_date'])}</td>",
            f"<td>{_esc(doc['format'])}</td>",
            f'<td class="n">{doc["n_pages"]}</td>',
            *(f'<td class="n">{n}</td>' for n in counts),
        ]
        if with_review:
            review = reviews.get(bulletin.doc_id)
            if review is None:
                cells.append('<td class="n muted" colspan="2">no golden file</td>')
            else:
                cells.append(f'<td class="n">{len(review.missed)}</td>')
                cells.append(f'<td class="n">{review.n_wrong}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    total_cells = [
        f"<td>Total: {len(items)} bulletin{'s' if len(items) != 1 else ''}</td>",
        "<td></td><td></td>",
        f'<td class="n">{sum(int(b.document["n_pages"]) for b in items)}</td>',
        *(f'<td class="n">{totals[t]}</td>' for t, _ in _COUNTED),
    ]
    if with_review:
        total_cells.append(f'<td class="n">{sum(len(r.missed) for r in reviews.values())}</td>')
        total_cells.append(f'<td class="n">{sum(r.n_wrong for r in reviews.values())}</td>')
    body = [
        '<header class="top">',
        "<h1>Bulletin review report</h1>",
        f'<p class="meta">{len(items)} bulletin{"s" if len(items) != 1 else ""}'
        + (f" from <code>{_esc(source)}</code>" if source else "")
        + "</p>",
        "</header>",
        "<main>",
        '<table class="index"><thead><tr>'
        + "".join(f"<th>{_esc(h)}</th>" for h in head)
        + "</tr></thead><tbody>",
        *rows,
        f"</tbody><tfoot><tr>{''.join(total_cells)}</tr></tfoot></table>",
    ]
    if evaluation is not None:
        body.append(
            '<p class="sub">Missed: entries of the golden file that no prediction found. '
            "Wrong: predictions the golden file does not have. Each page marks both.</p>"
        )
        body.append(_scores_section(evaluation))
    body.append("</main>")
    return _page("Bulletin review report", "\n".join(body), stylesheet=STYLESHEET)


def _scores_section(evaluation: Evaluation) -> str:
    rows = [
        f'<tr><td>{_esc(table)}</td><td class="n">{s.gold}</td><td class="n">{s.predicted}</td>'
        f'<td class="n">{s.found}</td><td class="n">{_fmt(s.precision)}</td>'
        f'<td class="n">{_fmt(s.recall)}</td><td class="n">{_fmt(s.f1)}</td></tr>'
        for table, s in evaluation.tables.items()
    ]
    out = [
        f"<h2>Scores against {len(evaluation.documents)} golden file"
        f"{'s' if len(evaluation.documents) != 1 else ''}</h2>",
        '<table class="scores-all"><thead><tr><th>Table</th><th>Gold</th><th>Predicted</th>'
        "<th>Found</th><th>Precision</th><th>Recall</th><th>F1</th></tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    if evaluation.missing:
        out.append(
            '<p class="missing"><span class="badge missed">missing</span> golden files whose bulletin '
            "is not in the tables (their entries count as missed): "
            + ", ".join(f"<code>{_esc(p.name)}</code>" for p in evaluation.missing)
            + "</p>"
        )
    out += [f'<p class="warning">warning: {_esc(w)}</p>' for w in evaluation.warnings]
    return "\n".join(out)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


# --------------------------------------------------------------------------- site


def render_report(
    tables: Mapping[str, pa.Table], goldens: Sequence[Golden] = (), source: str = ""
) -> dict[str, str]:
    """Every page of the report: relative path -> HTML. With golden files, the bulletins
    they describe are compared with them."""
    items = bulletins(tables)
    pages = page_names(items)
    evaluation: Evaluation | None = None
    reviews: dict[str, Review] = {}
    if goldens:
        evaluation = evaluate(goldens, {name: t.to_pandas() for name, t in tables.items()})
        by_path = {g.path: g for g in goldens}
        for result in evaluation.documents:
            if result.doc_id is not None:
                reviews[result.doc_id] = review_of(result, by_path[result.golden_path], tables)
    out = {INDEX_PAGE: render_index(items, pages, reviews, evaluation, source)}
    for bulletin in items:
        out[f"{PAGES_DIR}/{pages[bulletin.doc_id]}"] = render_bulletin(bulletin, reviews.get(bulletin.doc_id))
    return out


def stylesheet() -> str:
    """The report's CSS (package data)."""
    return resources.files("pipeline").joinpath("templates", STYLESHEET).read_text(encoding="utf-8")


def write_report(tables_dir: Path, out_dir: Path, gold_dir: Path | None) -> Path:
    """Write the report of the tables in ``tables_dir`` to ``out_dir`` (index.html,
    report.css, bulletins/*.html), each file atomically; pages of bulletins no longer in
    the tables are removed. Returns the index page."""
    tables = read_tables(tables_dir)
    if tables["documents"].num_rows == 0:
        raise PipelineError(f"no bulletins in {tables_dir}: run `bulletin run` first")
    goldens = load_golden_dir(gold_dir) if gold_dir is not None else []
    pages = render_report(tables, goldens, source=str(tables_dir))
    (out_dir / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    _write_atomic(out_dir / STYLESHEET, stylesheet())
    for relative, text in pages.items():
        _write_atomic(out_dir / relative, text)
    for stale in (out_dir / PAGES_DIR).glob("*.html"):
        if f"{PAGES_DIR}/{stale.name}" not in pages:
            stale.unlink()
    return out_dir / INDEX_PAGE


def _write_atomic(target: Path, text: str) -> None:
    # A plain open() (not mkstemp) so the page gets the usual permissions.
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --------------------------------------------------------------------------- html


def _page(title: str, body: str, stylesheet: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="bulletin-pipeline report">\n'
        f"<title>{_esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{_attr(stylesheet)}">\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=False)


def _attr(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)
