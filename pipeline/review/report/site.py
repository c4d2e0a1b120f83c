"""The whole report: every page rendered from the tables (compared with golden files when
given), and the files written atomically, stale pages removed.

The only part that touches the disk, so everything else renders from tables in memory.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

import pyarrow as pa

from pipeline.core.errors import PipelineError
from pipeline.core.files import write_text_atomically
from pipeline.review.evaluate.golden import Golden, load_golden_dir
from pipeline.review.evaluate.results import Evaluation
from pipeline.review.evaluate.score import evaluate
from pipeline.review.report.bulletin_page import render_bulletin
from pipeline.review.report.contents import INDEX_PAGE, PAGES_DIR, STYLESHEET, bulletins, page_names
from pipeline.review.report.entity_page import ENTITIES_DIR, ENTITIES_PAGE, render_entity_pages
from pipeline.review.report.index_page import language_page, languages_of, render_index
from pipeline.review.report.review import Review, review_of
from pipeline.tables.store import read_tables


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
    entity_pages = render_entity_pages(tables, pages)
    languages = languages_of(items)
    out = {INDEX_PAGE: render_index(items, pages, reviews, evaluation, source, bool(entity_pages), languages)}
    if len(languages) > 1:
        for language in languages:
            out[language_page(language)] = render_index(
                items, pages, reviews, evaluation, source, bool(entity_pages), languages, language
            )
    for bulletin in items:
        out[f"{PAGES_DIR}/{pages[bulletin.doc_id]}"] = render_bulletin(bulletin, reviews.get(bulletin.doc_id))
    out.update(entity_pages)
    return out


def stylesheet() -> str:
    """The report's CSS (package data)."""
    return resources.files("pipeline").joinpath("templates", STYLESHEET).read_text(encoding="utf-8")


def write_report(tables_dir: Path, out_dir: Path, gold_dir: Path | None) -> Path:
    """Write the report of the tables in ``tables_dir`` to ``out_dir`` (index.html and an
    index-<language>.html per language where there are several, report.css, bulletins/*.html,
    entities.html and entities/*.html: a page per entity of the archive), each file
    atomically; pages of bulletins or entities no longer in the tables are removed. Returns
    the index page."""
    tables = read_tables(tables_dir)
    if tables["documents"].num_rows == 0:
        raise PipelineError(f"no bulletins in {tables_dir}: run `bulletin run` first")
    goldens = load_golden_dir(gold_dir) if gold_dir is not None else []
    pages = render_report(tables, goldens, source=str(tables_dir))
    for folder in (PAGES_DIR, ENTITIES_DIR):
        (out_dir / folder).mkdir(parents=True, exist_ok=True)
    write_text_atomically(out_dir / STYLESHEET, stylesheet())
    for relative, text in pages.items():
        write_text_atomically(out_dir / relative, text)
    for folder in (PAGES_DIR, ENTITIES_DIR):
        for stale in (out_dir / folder).glob("*.html"):
            if f"{folder}/{stale.name}" not in pages:
                stale.unlink()
    if ENTITIES_PAGE not in pages:
        (out_dir / ENTITIES_PAGE).unlink(missing_ok=True)
    for stale in out_dir.glob(language_page("*")):
        if stale.name not in pages:
            stale.unlink()
    return out_dir / INDEX_PAGE
