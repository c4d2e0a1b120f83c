"""Which keeps a web page's content and drops its furniture better: our rules or trafilatura?

    .venv/bin/python benchmarks/html_extraction.py [--repeat N] [--show PAGE]

Pages: the HTML twins of the sample bulletins (``scripts/make_twins.py``: site header,
navigation, cookie banner, sidebar, comment form and footer around the bulletin) and the
hand-written pages in ``benchmarks/html_pages/`` (a news-style newsletter post with
sidebars and comments, an e-mail laid out with tables, a page whose content is a numbered
list, a Windows-1252 intranet page laid out with tables, a list of news cards). The
content of a twin is its text file; that of a hand-written page is the text between its
``<!-- content:start -->`` and ``<!-- content:end -->`` comments (which both extractors
drop, as they drop all comments).

Scores are over words (lower-cased runs of letters and digits, counted with repeats):
precision is the share of the words kept that are content, recall the share of the
content's words that are kept. Headings are the content's ``<h1>``-``<h3>`` found as
headings (text equal up to white space); tables, the content's tables found as tables.
Each extractor's text goes through the same ``build_text``. Not a test: run it by hand
when the rules change, and copy the figures into the README.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.read.builder import Block, BuiltText, HeadingBlock, Paragraph, TableBlock, build_text
from pipeline.read.html import html_content

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).resolve().parent / "html_pages"
_WORD = re.compile(r"\w+")
_REGION = re.compile(r"<!-- content:start -->(.*?)<!-- content:end -->", re.DOTALL)
_HEADING = re.compile(r"<h([1-3])\b[^>]*>(.*?)</h\1>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Page:
    name: str
    data: bytes
    content: str  # the text a careful reader keeps
    headings: tuple[str, ...]
    tables: int


def _squash(text: str) -> str:
    return " ".join(text.split())


def _twins() -> list[Page]:
    spec = importlib.util.spec_from_file_location("make_twins", ROOT / "scripts" / "make_twins.py")
    assert spec and spec.loader
    twins = importlib.util.module_from_spec(spec)
    sys.modules["make_twins"] = twins  # its dataclasses look their module up
    spec.loader.exec_module(twins)
    pages = []
    for source in sorted((ROOT / "data" / "raw").glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        bulletin = twins.split_bulletin(text)
        items = tuple(b[0] for b in bulletin.body if twins.block_kind(b) == "heading")
        headings = bulletin.masthead[:1] + items
        pages.append(Page(f"twin: {source.stem}", twins.render_html(text), text, headings, 0))
    return pages


def _hand_written() -> list[Page]:
    pages = []
    for path in sorted(PAGES.glob("*.html")):
        data = path.read_bytes()
        charset = re.search(rb"charset=([\w-]+)", data)
        source = data.decode(charset.group(1).decode() if charset else "utf-8")
        regions = _REGION.findall(source)
        content = "\n".join(html.unescape(_TAG.sub(" ", r)) for r in regions)
        headings = tuple(
            _squash(html.unescape(_TAG.sub("", m.group(2)))) for r in regions for m in _HEADING.finditer(r)
        )
        tables = sum(r.count("<tr") > 0 and r.count("<td") > 2 for r in regions)
        pages.append(Page(path.stem, data, content, headings, tables))
    return pages


# --------------------------------------------------------------------------- extractors


def ours(data: bytes) -> BuiltText:
    return build_text(html_content(data).blocks)


def _trafilatura(**options: Any) -> Callable[[bytes], BuiltText]:
    def extract(data: bytes) -> BuiltText:
        import trafilatura

        document = trafilatura.bare_extraction(
            data, include_comments=False, include_tables=True, include_images=False, **options
        )
        body = document.body if document is not None else None
        return build_text(_trafilatura_blocks(body) if body is not None else [])

    return extract


def _trafilatura_blocks(body: Any) -> list[Block]:
    """Trafilatura's XML (head, p, list/item, table/row/cell, quote) as our blocks."""
    blocks: list[Block] = []
    for element in body:
        text = _squash("".join(element.itertext()))
        if element.tag == "head":
            rend = element.get("rend") or "h2"
            level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
            blocks.append(HeadingBlock(text, level) if level <= 3 else Paragraph(text))
        elif element.tag == "list":
            marker = "1. " if element.get("rend") == "ol" else "• "
            items = [marker + _squash("".join(i.itertext())) for i in element.iter("item")]
            blocks.append(Paragraph("\n".join(items)))
        elif element.tag == "table":
            rows = [list(row.iter("cell")) for row in element.iter("row")]
            texts = tuple(tuple(_squash("".join(c.itertext())) for c in row) for row in rows)
            heads = sum(1 for row in rows if all(c.get("role") == "head" for c in row))
            blocks.append(TableBlock(texts, heads))
        else:
            lines = "".join(element.itertext()).split("\n")
            blocks.append(Paragraph("\n".join(_squash(line) for line in lines)))
    return blocks


EXTRACTORS: dict[str, Callable[[bytes], BuiltText]] = {
    "rules (lxml)": ours,
    "trafilatura": _trafilatura(),
    "trafilatura favor_recall": _trafilatura(favor_recall=True),
    "trafilatura favor_precision": _trafilatura(favor_precision=True),
}


# --------------------------------------------------------------------------- scores


@dataclass
class Score:
    kept: int = 0
    content: int = 0
    right: int = 0
    headings: int = 0
    headings_found: int = 0
    tables: int = 0
    tables_found: int = 0
    seconds: float = 0.0

    def add(self, other: Score) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return self.right / self.kept if self.kept else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.content if self.content else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _words(text: str) -> Counter[str]:
    return Counter(w.lower() for w in _WORD.findall(text))


def score(page: Page, built: BuiltText, seconds: float) -> Score:
    kept, content = _words(built.text), _words(page.content)
    found = {_squash(built.text[h.char_start : h.char_end]) for h in built.headings}
    # A twin's numbered heading may come back with its number from a list: compare the text.
    found |= {re.sub(r"^\d+\.\s*", "", h) for h in found}
    return Score(
        kept=sum(kept.values()),
        content=sum(content.values()),
        right=sum((kept & content).values()),
        headings=len(page.headings),
        headings_found=sum(1 for h in page.headings if h in found),
        tables=page.tables,
        tables_found=min(len(built.tables), page.tables),
        seconds=seconds,
    )


def measure(pages: list[Page], repeat: int) -> dict[str, dict[str, Score]]:
    results: dict[str, dict[str, Score]] = {}
    for name, extract in EXTRACTORS.items():
        extract(pages[0].data)  # imports and caches outside the clock
        results[name] = {}
        for page in pages:
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                built = extract(page.data)
                times.append(time.perf_counter() - started)
            results[name][page.name] = score(page, built, statistics.median(times))
    return results


def _group(page: Page) -> str:
    if page.name.startswith("twin: "):
        return "twins"
    return "held-out pages" if page.name.startswith("heldout-") else "hand-written pages"


def report(pages: list[Page], results: dict[str, dict[str, Score]]) -> str:
    lines = ["| page | " + " | ".join(results) + " |", "|---|" + "---|" * len(results)]
    for page in pages:
        cells = [f"{s.precision:.2f} / {s.recall:.2f}" for s in (results[n][page.name] for n in results)]
        lines.append(f"| {page.name} | " + " | ".join(cells) + " |")
    groups = ["all pages", *dict.fromkeys(_group(p) for p in pages)]
    lines += [
        "",
        "| extractor | pages | precision | recall | F1 | headings | tables | ms per page |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, per_page in results.items():
        for group in groups:
            total = Score()
            chosen = [p for p in pages if group in ("all pages", _group(p))]
            for page in chosen:
                total.add(per_page[page.name])
            lines.append(
                f"| {name} | {group} ({len(chosen)}) | {total.precision:.3f} | {total.recall:.3f} | "
                f"{total.f1:.3f} | {total.headings_found}/{total.headings} | "
                f"{total.tables_found}/{total.tables} | {1000 * total.seconds / len(chosen):.1f} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timings: median of this many runs")
    parser.add_argument("--show", metavar="PAGE", help="print each extractor's text of one page")
    args = parser.parse_args(argv)
    pages = _twins() + _hand_written()
    if args.show:
        page = next(p for p in pages if args.show in p.name)
        for name, extract in EXTRACTORS.items():
            print(f"===== {name}\n{extract(page.data).text}")
        return 0
    print("word precision / recall per page\n")
    print(report(pages, measure(pages, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
