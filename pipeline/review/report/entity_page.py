"""A page per entity of the archive (person, organisation, place): what is known of it, and
every bulletin and sentence where it appears, with a link to the bulletin's page; and the
list of entities those pages hang from.

The sentences come from the `entity_appearances` view (``pipeline.review.load``), run by
DuckDB over the tables in memory, so the report and the view cut a sentence the same way.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.review.load import VIEWS
from pipeline.review.report.contents import INDEX_PAGE, PAGES_DIR, STYLESHEET
from pipeline.review.report.markup import attr, esc, page

ENTITIES_DIR = "entities"
ENTITIES_PAGE = "entities.html"
_KINDS = ("person", "organisation", "place")
_CSS_KIND = {"person": "person", "organisation": "org", "place": "place"}


def entity_page_name(entity_id: str) -> str:
    return f"{re.sub(r'[^a-z0-9]+', '-', entity_id.lower())}.html"


def appearances(tables: Mapping[str, pa.Table]) -> dict[str, list[dict[str, Any]]]:
    """entity_id -> its mentions, each with its bulletin, section and sentence, in issue order."""
    con = duckdb.connect()
    try:
        for name in ("documents", "sections", "mentions", "entities"):
            con.register(name, tables[name])
        for name in ("mentions_in_context", "entity_appearances"):
            con.execute(f'CREATE TEMP VIEW "{name}" AS {VIEWS[name].sql}')
        rows = con.sql(
            "SELECT entity_id, doc_id, document_title, issue_date, source_file, section_title, text, "
            "context_before, context_after FROM entity_appearances "
            "ORDER BY entity_id, issue_date NULLS LAST, source_file, char_start"
        ).to_arrow_table()
    finally:
        con.close()
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows.to_pylist():
        out[row["entity_id"]].append(row)
    return out


def render_entity(entity: Mapping[str, Any], seen: list[dict[str, Any]], pages: Mapping[str, str]) -> str:
    """One entity's page: its names and counts, then every sentence that names it."""
    facts = [
        ("Kind", entity["kind"]),
        ("Also written", "; ".join(a for a in entity["aliases"] if a != entity["name"]) or "–"),
        ("Acronym", entity.get("acronym")),
        ("Country", entity.get("country_code")),
        ("Gazetteer", entity.get("gazetteer_id")),
        ("Bulletins", entity["n_bulletins"]),
        ("Mentions", entity["n_mentions"]),
        ("First seen", entity.get("first_seen")),
        ("Last seen", entity.get("last_seen")),
    ]
    rows = []
    for row in seen:
        bulletin = pages.get(row["doc_id"])
        title = esc(row["document_title"] or row["source_file"])
        link = f'<a href="../{PAGES_DIR}/{attr(bulletin)}">{title}</a>' if bulletin else title
        kind = _CSS_KIND.get(str(entity["kind"]), "other")
        sentence = (
            f'{esc(row["context_before"])}<mark class="hl hl-{kind}">{esc(row["text"])}</mark>'
            f"{esc(row['context_after'])}"
        )
        issue = row["issue_date"]
        rows.append(
            f'<tr><td>{link}<div class="sub">{esc(row["section_title"] or "masthead")}</div></td>'
            f"<td>{'' if issue is None else f'{issue:%Y-%m}'}</td><td>{sentence}</td></tr>"
        )
    body = [
        '<header class="top">',
        f'<p class="crumbs"><a href="../{INDEX_PAGE}">Bulletins</a> · '
        f'<a href="../{ENTITIES_PAGE}">Entities</a></p>',
        f"<h1>{esc(entity['name'])}</h1>",
        f'<p class="meta"><code>{esc(entity["entity_id"])}</code></p>',
        "</header>",
        "<main>",
        '<table class="facts"><tbody>'
        + "".join(f"<tr><th>{esc(k)}</th><td>{esc(v) if v is not None else '–'}</td></tr>" for k, v in facts)
        + "</tbody></table>",
        f"<h2>Where it appears ({len(seen)})</h2>",
        '<table class="index"><thead><tr><th>Bulletin</th><th>Issue</th><th>Sentence</th></tr></thead>'
        "<tbody>",
        *rows,
        "</tbody></table>",
        "</main>",
    ]
    return page(str(entity["name"]), "\n".join(body), stylesheet=f"../{STYLESHEET}")


def render_entities_index(entities: list[Mapping[str, Any]]) -> str:
    """Every entity, by kind, most named first, each linked to its page."""
    body = [
        '<header class="top">',
        f'<p class="crumbs"><a href="{INDEX_PAGE}">Bulletins</a></p>',
        "<h1>Entities across the archive</h1>",
        f'<p class="meta">{len(entities)} people, organisations and places</p>',
        "</header>",
        "<main>",
    ]
    for kind in _KINDS:
        chosen = sorted(
            (e for e in entities if e["kind"] == kind),
            key=lambda e: (-int(e["n_bulletins"]), -int(e["n_mentions"]), str(e["name"])),
        )
        if not chosen:
            continue
        body.append(f"<h2>{esc(kind.capitalize())} ({len(chosen)})</h2>")
        body.append(
            '<table class="index"><thead><tr><th>Name</th><th>Also written</th><th>Bulletins</th>'
            "<th>Mentions</th><th>First seen</th><th>Last seen</th></tr></thead><tbody>"
        )
        for e in chosen:
            others = "; ".join(a for a in e["aliases"] if a != e["name"])
            body.append(
                f'<tr><td><a href="{ENTITIES_DIR}/{attr(entity_page_name(str(e["entity_id"])))}">'
                f"{esc(e['name'])}</a></td><td>{esc(others)}</td>"
                f'<td class="n">{e["n_bulletins"]}</td><td class="n">{e["n_mentions"]}</td>'
                f"<td>{esc(e['first_seen'] or '')}</td><td>{esc(e['last_seen'] or '')}</td></tr>"
            )
        body.append("</tbody></table>")
    body.append("</main>")
    return page("Entities across the archive", "\n".join(body), stylesheet=STYLESHEET)


def render_entity_pages(tables: Mapping[str, pa.Table], pages: Mapping[str, str]) -> dict[str, str]:
    """The entities' list and one page per entity: relative path -> HTML."""
    entities = tables["entities"].to_pylist() if "entities" in tables else []
    if not entities:
        return {}
    seen = appearances(tables)
    out = {ENTITIES_PAGE: render_entities_index(entities)}
    for entity in entities:
        name = f"{ENTITIES_DIR}/{entity_page_name(str(entity['entity_id']))}"
        out[name] = render_entity(entity, seen.get(str(entity["entity_id"]), []), pages)
    return out
