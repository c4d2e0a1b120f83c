"""The index page: one row per bulletin with its counts and, with golden files, its misses,
wrong predictions and the scores of the whole set.

Where an analyst starts, to choose which bulletin to read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from pipeline.review.evaluate.results import Evaluation
from pipeline.review.report.contents import PAGES_DIR, STYLESHEET, Bulletin
from pipeline.review.report.markup import attr, esc, fmt, page
from pipeline.review.report.review import Review

_COUNTED: tuple[tuple[str, str], ...] = (
    ("sections", "Sections"),
    ("people", "People"),
    ("organisations", "Orgs"),
    ("places", "Places"),
    ("dates", "Dates"),
    ("events", "Events"),
    ("statistics", "Stats"),
)


_ENTITIES_LINK = "People, organisations and places across the archive"


def _month(value: date | None) -> str:
    return "" if value is None else f"{value:%Y-%m}"


def language_page(language: str) -> str:
    """The index page of the bulletins of one language ("index-fr.html")."""
    return f"index-{language}.html"


def languages_of(items: Sequence[Bulletin]) -> dict[str, int]:
    """Language (ISO 639-1) -> number of bulletins, in order of language."""
    counts: dict[str, int] = defaultdict(int)
    for bulletin in items:
        counts[str(bulletin.document.get("language") or "")] += 1
    return {lang: counts[lang] for lang in sorted(counts) if lang}


def _language_filter(languages: Mapping[str, int], current: str | None) -> str:
    """Links to the index of each language: the report's language filter (pages have no
    scripts, so each language has its own index page)."""
    links = ["<strong>all</strong>" if current is None else '<a href="index.html">all</a>']
    for lang, n in languages.items():
        label = f"{esc(lang)} ({n})"
        link = f'<a href="{language_page(lang)}">{label}</a>'
        links.append(f"<strong>{label}</strong>" if lang == current else link)
    return '<p class="meta">Language: ' + " · ".join(links) + "</p>"


def render_index(
    items: Sequence[Bulletin],
    pages: Mapping[str, str],
    reviews: Mapping[str, Review],
    evaluation: Evaluation | None = None,
    source: str = "",
    entities_page: bool = False,
    languages: Mapping[str, int] | None = None,
    language: str | None = None,
) -> str:
    """The index page: one row per bulletin with its counts (and golden comparison); with
    ``entities_page``, a link to the people, organisations and places across the archive;
    with more than one of ``languages``, links to the index of each (``language``: the
    bulletins of that language only, without the scores of the whole set)."""
    if language is not None:
        items = [b for b in items if b.document.get("language") == language]
    with_review = evaluation is not None
    head = ["Bulletin", "Issue", "Language", "Format", "Pages", *(label for _, label in _COUNTED)]
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
            f'<td><a href="{PAGES_DIR}/{attr(pages[bulletin.doc_id])}">'
            f"{esc(doc['title'] or doc['source_file'])}</a>"
            f'<div class="sub"><code>{esc(doc["source_file"])}</code></div></td>',
            f"<td>{_month(doc['issue_date'])}</td>",
            f"<td>{esc(doc.get('language') or '')}</td>",
            f"<td>{esc(doc['format'])}</td>",
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
        "<td></td><td></td><td></td>",
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
        + (f" from <code>{esc(source)}</code>" if source else "")
        + "</p>",
        *([f'<p class="meta"><a href="entities.html">{_ENTITIES_LINK}</a></p>'] if entities_page else []),
        *([_language_filter(languages, language)] if languages and len(languages) > 1 else []),
        "</header>",
        "<main>",
        '<table class="index"><thead><tr>'
        + "".join(f"<th>{esc(h)}</th>" for h in head)
        + "</tr></thead><tbody>",
        *rows,
        f"</tbody><tfoot><tr>{''.join(total_cells)}</tr></tfoot></table>",
    ]
    if evaluation is not None and language is None:
        body.append(
            '<p class="sub">Missed: entries of the golden file that no prediction found. '
            "Wrong: predictions the golden file does not have. Each page marks both.</p>"
        )
        body.append(_scores_section(evaluation))
    elif evaluation is not None:
        body.append(
            '<p class="sub">Missed and wrong against the golden files; the scores of the '
            'whole set are on <a href="index.html">the index of all bulletins</a>.</p>'
        )
    body.append("</main>")
    return page("Bulletin review report", "\n".join(body), stylesheet=STYLESHEET)


def _scores_section(evaluation: Evaluation) -> str:
    rows = [
        f'<tr><td>{esc(table)}</td><td class="n">{s.gold}</td><td class="n">{s.predicted}</td>'
        f'<td class="n">{s.found}</td><td class="n">{fmt(s.precision)}</td>'
        f'<td class="n">{fmt(s.recall)}</td><td class="n">{fmt(s.f1)}</td></tr>'
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
            + ", ".join(f"<code>{esc(p.name)}</code>" for p in evaluation.missing)
            + "</p>"
        )
    out += [f'<p class="warning">warning: {esc(w)}</p>' for w in evaluation.warnings]
    return "\n".join(out)
