"""The page of one bulletin: its text section by section with every highlight, beside the
section's events and statistics, and, with a golden file, what was missed or wrong.

The largest page and the one an analyst reads; the index and the site only call
``render_bulletin``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from pipeline.review.report.contents import INDEX_PAGE, STYLESHEET, Bulletin, Row
from pipeline.review.report.highlight import Highlight, render_text
from pipeline.review.report.markup import attr, esc, fmt, page
from pipeline.review.report.review import ID_COLUMNS, GoldNote, Review

_ENTITY_TABLES: dict[str, str] = {"PERSON": "people", "ORG": "organisations", "PLACE": "places"}
_SHORT: dict[str, str] = {"organisations": "orgs", "statistics": "stats", "documents": "doc"}


def bulletin_highlights(bulletin: Bulletin, review: Review | None = None) -> list[Highlight]:
    """Highlights of every mention, date, statistic and event sentence of one bulletin."""
    entity_rows = {
        label: {row[ID_COLUMNS[table]]: row for row in bulletin.table(table)}
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
        f"<h1>{esc(title)}</h1>",
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
            f'<div class="sec-head"><a href="#{anchors[section["section_id"]]}">{esc(label)}</a>'
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
    return page(title, "\n".join(body), stylesheet=f"../{STYLESHEET}")


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
    parts = [f"<code>{esc(doc['source_file'])}</code>", esc(doc["format"])]
    if doc["issue_date"] is not None:
        parts.append(f"issue {doc['issue_date']:%B %Y}")
    if doc["issuing_body"]:
        parts.append(f"by {esc(doc['issuing_body'])}")
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
        f'<mark class="hl hl-{kind.lower()}">{esc(name)}<span class="lbl">{kind}</span></mark>'
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
            f'<a href="#{anchors[section["section_id"]]}" title="{attr(title)}">'
            f"{section['number']}. {esc(_shorten(title, 38))}</a>"
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
        name = esc(row["name"])
        if row["char_start"] is not None:
            name = f'<a href="#ev-{attr(row["event_id"])}">{name}</a>'
        who = []
        if row["organisers"]:
            who.append("by " + ", ".join(row["organisers"]))
        if row["participants"]:
            who.append("with " + ", ".join(row["participants"]))
        details = " · ".join(p for p in (row["event_type"], *who) if p)
        where = ", ".join(p for p in (row["city"], row["country_code"]) if p)
        out.append(
            f'<tr id="row-ev-{attr(row["event_id"])}"{_wrong_attrs(review, "events", row["event_id"])}>'
            f"<td>{name}{_wrong_badge(wrong)}"
            + (f'<div class="sub">{esc(details)}</div>' if details else "")
            + f"</td><td>{esc(_date_range(row['start_date'], row['end_date']))}</td>"
            f"<td>{esc(where)}</td></tr>"
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
            f'<tr id="row-st-{attr(row["stat_id"])}"{_wrong_attrs(review, "statistics", row["stat_id"])}>'
            f'<td><a href="#st-{attr(row["stat_id"])}">{esc(row["text"])}</a>{_wrong_badge(wrong)}</td>'
            f"<td>{esc(value)}</td><td>{esc(row['subject'] or '')}</td></tr>"
        )
    out.append("</tbody></table>")
    return "\n".join(out)


def _wrong_attrs(review: Review | None, table: str, row_id: str) -> str:
    if review is None or not review.is_wrong(table, row_id):
        return ""
    return f' class="wrong" title="{attr(review.wrong[table][row_id])}"'


def _wrong_badge(wrong: bool) -> str:
    return ' <span class="badge wrong">not in golden file</span>' if wrong else ""


def _notes_list(notes: Sequence[tuple[str, GoldNote]]) -> str:
    if not notes:
        return ""
    items = []
    for kind, note in notes:
        noun = _singular(note.table)
        badge, what = ("missed", f"missed {noun}") if kind == "missed" else ("field", f"wrong {noun} field")
        items.append(f'<li><span class="badge {badge}">{esc(what)}</span> {esc(note.text)}</li>')
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
    header = "".join(f"<th>{esc(_SHORT.get(t, t))}</th>" for t in review.scores)
    f1 = "".join(f"<td>{fmt(s.f1)}</td>" for s in review.scores.values())
    names = {
        table: {row[ID_COLUMNS[table]]: row["name"] for row in bulletin.table(table)}
        for table in ("people", "organisations", "places")
    }
    wrong_entities = [
        f'<li><span class="badge wrong">wrong {esc(_singular(table))}</span> '
        f'{esc(names[table].get(row_id, ""))} <span class="sub">{esc(entry)}</span></li>'
        for table in ("people", "organisations", "places")
        for row_id, entry in review.wrong.get(table, {}).items()
    ]
    n_missed, n_fields = len(review.missed), len(review.field_errors)
    summary = (
        f"Golden file <code>{esc(review.golden_file)}</code>: {n_missed} missed, "
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
