"""The review report: highlighting, pages, golden marks, the files written, and the report in a
real headless browser (skipped, with the reason, where no Chromium is installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.errors import PipelineError
from pipeline.core.ids import stable_id
from pipeline.review.evaluate import load_golden, load_golden_dir
from pipeline.review.report import render_report, write_report
from pipeline.review.report.contents import INDEX_PAGE, PAGES_DIR, STYLESHEET, bulletins, page_names
from pipeline.review.report.highlight import Highlight, render_text
from pipeline.review.report.site import stylesheet
from pipeline.tables.schema import TABLES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SCREENSHOT = ROOT / "data" / "processed" / "report.png"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


# --------------------------------------------------------------------------- parsing the HTML


class Element:
    def __init__(self, tag: str, attrs: Mapping[str, str | None], parent: Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children: list[Element | str] = []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self, skip_labels: bool = False) -> str:
        return "".join(
            c if isinstance(c, str) else ("" if skip_labels and "lbl" in c.classes else c.text(skip_labels))
            for c in self.children
        )

    def iter(self) -> list[Element]:
        out = [self]
        for child in self.children:
            if isinstance(child, Element):
                out += child.iter()
        return out

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        return [e for e in self.iter() if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)]

    def ancestors(self) -> list[Element]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


_VOID = {"meta", "link", "br", "img", "hr", "input"}


class _TreeBuilder(HTMLParser):
    """A strict little tree builder: a closing tag that does not close the open element fails."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.node = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.node)
        self.node.children.append(element)
        if tag not in _VOID:
            self.node = element

    def handle_endtag(self, tag: str) -> None:
        assert self.node.tag == tag, f"</{tag}> closes <{self.node.tag}>"
        assert self.node.parent is not None
        self.node = self.node.parent

    def handle_data(self, data: str) -> None:
        self.node.children.append(data)


def parse(markup: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.node is builder.root, f"<{builder.node.tag}> never closed"
    return builder.root


def by_id(root: Element) -> dict[str, Element]:
    ids = [e.attrs["id"] for e in root.iter() if e.attrs.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    return {e.attrs["id"] or "": e for e in root.iter() if e.attrs.get("id")}


# --------------------------------------------------------------------------- render_text


def H(start: int, end: int, kind: str = "PERSON", **kw: Any) -> Highlight:
    return Highlight(start, end, kind, kw.pop("label", kind), **kw)


@pytest.mark.parametrize(
    ("text", "highlights", "expected"),
    [
        pytest.param("a < b & c", [], "a &lt; b &amp; c", id="escaped-without-highlights"),
        pytest.param(
            "Ms. Ada Lind spoke.",
            [H(4, 12)],
            'Ms. <mark class="hl hl-person">Ada Lind<span class="lbl">PERSON</span></mark> spoke.',
            id="one-span",
        ),
        pytest.param(
            "Bank of Oslo",
            [H(8, 12, "PLACE"), H(0, 12, "ORG")],
            '<mark class="hl hl-org">Bank of <mark class="hl hl-place">Oslo<span class="lbl">PLACE'
            '</span></mark><span class="lbl">ORG</span></mark>',
            id="nested-place-in-org",
        ),
        pytest.param(
            "abcdef",
            [H(0, 4, "ORG", anchor="o"), H(2, 6, "DATE", anchor="d")],
            '<mark class="hl hl-org" id="o">ab<mark class="hl hl-date" id="d">cd</mark>'
            '<span class="lbl">ORG</span></mark><mark class="hl hl-date cont">ef'
            '<span class="lbl">DATE</span></mark>',
            id="crossing-spans-split-once",
        ),
        pytest.param(
            "xx 12 yy",
            [H(103, 105, "STAT", link="#row", title='say "12"')],
            'xx <mark class="hl hl-stat" title="say &quot;12&quot;">12<a class="lbl" href="#row">STAT'
            "</a></mark> yy",
            id="document-offsets-link-and-title",
        ),
        pytest.param(
            "abc",
            [H(50, 60), H(1, 1), H(-5, 2, anchor="cut", label="L")],
            '<mark class="hl hl-person">ab<span class="lbl">L</span></mark>c',
            id="outside-and-empty-dropped-clipped-start-loses-id",
        ),
        pytest.param(
            "abc",
            [H(1, 9, anchor="a", label="L")],
            'a<mark class="hl hl-person" id="a">bc</mark>',
            id="clipped-end-loses-label",
        ),
        pytest.param(
            "It met.",
            [H(0, 7, "EVENT", anchor="e1"), H(0, 7, "EVENT", anchor="e2", label="")],
            '<mark class="hl hl-event" id="e1"><mark class="hl hl-event" id="e2">It met.</mark>'
            '<span class="lbl">EVENT</span></mark>',
            id="two-events-one-sentence",
        ),
        pytest.param(
            "Title\nbody",
            [H(0, 5, "HEADING", label=""), H(0, 5, "ORG", wrong=True)],
            '<span class="hl hl-heading"><mark class="hl hl-org wrong">Title<span class="lbl">ORG'
            "</span></mark></span>\nbody",
            id="heading-outermost-wrong-marked",
        ),
    ],
)
def test_render_text(text: str, highlights: list[Highlight], expected: str) -> None:
    offset = 100 if any(h.start >= 100 for h in highlights) else 0
    assert render_text(text, highlights, offset) == expected


_spans = st.lists(
    st.tuples(
        st.integers(-3, 25),
        st.integers(0, 8),
        st.sampled_from(["EVENT", "ORG", "PLACE", "PERSON", "DATE", "STAT", "OTHER"]),
    ),
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab <&\n", min_size=0, max_size=20), spans=_spans)
def test_render_text_keeps_the_text_and_nests_properly(text: str, spans: list[tuple[int, int, str]]) -> None:
    highlights = [H(s, s + n, kind, anchor=f"a{i}") for i, (s, n, kind) in enumerate(spans)]
    root = parse(f"<div>{render_text(text, highlights)}</div>")  # fails on bad nesting
    assert root.text(skip_labels=True) == text
    shown = [h for h in highlights if max(h.start, 0) < min(h.end, len(text))]
    ids = by_id(root)
    assert set(ids) == {h.anchor for h in shown if h.start >= 0}
    for h in shown:
        if h.start >= 0 and h.end <= len(text) and h.anchor:
            # a span starts at its id and its label ends it (maybe in a later piece)
            assert h.kind.lower() in " ".join(ids[h.anchor].classes)
    assert len(root.find_all(cls="lbl")) == sum(1 for h in shown if h.end <= len(text))


# --------------------------------------------------------------------------- a small bulletin

DOC = "d0c0000000000001"
SOURCE = "civic-notes-2021-04.txt"
TEXT = textwrap.dedent(
    """\
    Civic Notes — April 2021

    1. Workshop on Open Budgets in Lisbon
    The Civic Data Office (CDO) held a workshop in Lisbon from 12 to 14 April 2021.
    Dr. Ines Ferreira opened it before 45 participants from R&D <units>.

    2. Survey of Town Councils
    Over 60 percent of the Danish councils replied; 7 sent comments.
    """
)


def at(phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def _arrow(rows: Mapping[str, list[dict[str, Any]]]) -> dict[str, pa.Table]:
    out = {}
    for name, table in TABLES.items():
        full = [{c: row.get(c) for c in table.column_names} for row in rows.get(name, [])]
        out[name] = pa.Table.from_pylist(full, schema=table.arrow_schema)
    return out


def small_tables() -> dict[str, pa.Table]:
    s1, s2 = TEXT.index("1. Workshop"), TEXT.index("2. Survey")
    sections = [
        (None, None, 0, s1 - 1),
        (1, "Workshop on Open Budgets in Lisbon", s1, s2 - 1),
        (2, "Survey of Town Councils", s2, len(TEXT)),
    ]
    section_rows: list[dict[str, Any]] = [
        {
            "doc_id": DOC,
            "section_id": f"{DOC}-s{i:02d}",
            "number": number,
            "title": title,
            "text": TEXT[a:b],
            "char_start": a,
            "char_end": b,
            "page_start": 1,
            "page_end": 1,
        }
        for i, (number, title, a, b) in enumerate(sections)
    ]

    def sid(offset: int) -> str:
        return next(r["section_id"] for r in section_rows if r["char_start"] <= offset < r["char_end"])

    entities = {
        "PERSON": ("people", "person_id", [{"name": "Ines Ferreira", "honorific": "Dr."}]),
        "ORG": ("organisations", "org_id", [{"name": "Civic Data Office", "acronym": "CDO"}]),
        "PLACE": ("places", "place_id", [{"name": "Lisbon", "kind": "city", "country_code": "PT"}]),
    }
    rows: dict[str, list[dict[str, Any]]] = {"sections": section_rows}
    for label, (table, key, items) in entities.items():
        rows[table] = [{"doc_id": DOC, key: stable_id(label, i["name"]), "n_mentions": 1, **i} for i in items]
    mentions = [
        ("ORG", "Civic Data Office", 0, stable_id("ORG", "Civic Data Office")),
        ("ORG", "CDO", 0, stable_id("ORG", "Civic Data Office")),
        ("PLACE", "Lisbon", 1, stable_id("PLACE", "Lisbon")),
        ("PERSON", "Ines Ferreira", 0, stable_id("PERSON", "Ines Ferreira")),
        ("NORP", "Danish", 0, None),
    ]
    rows["mentions"] = []
    for label, phrase, nth, entity in mentions:
        a, b = at(phrase, nth)
        rows["mentions"].append(
            {
                "doc_id": DOC,
                "section_id": sid(a),
                "mention_id": stable_id(DOC, a, b, label),
                "label": label,
                "text": phrase,
                "char_start": a,
                "char_end": b,
                "entity_id": entity,
                "page": 1,
            }
        )
    rows["dates"] = []
    for phrase, start, end, granularity in [
        ("April 2021", date(2021, 4, 1), date(2021, 4, 30), "month"),
        ("from 12 to 14 April 2021", date(2021, 4, 12), date(2021, 4, 14), "day"),
    ]:
        a, b = at(phrase)
        rows["dates"].append(
            {
                "doc_id": DOC,
                "section_id": sid(a),
                "date_id": stable_id(DOC, a, b),
                "text": phrase,
                "start_date": start,
                "end_date": end,
                "granularity": granularity,
                "inferred": False,
                "char_start": a,
                "char_end": b,
            }
        )
    rows["statistics"] = []
    for phrase, value, qualifier, unit, subject in [
        ("45", 45.0, None, None, "participants"),
        ("Over 60 percent", 60.0, "over", "percent", "councils"),
        ("7", 7.0, None, None, "councils"),
    ]:
        a, b = at(phrase)
        rows["statistics"].append(
            {
                "doc_id": DOC,
                "section_id": sid(a),
                "stat_id": stable_id(DOC, a, b),
                "value": value,
                "qualifier": qualifier,
                "unit": unit,
                "subject": subject,
                "text": phrase,
                "sentence": "",
                "char_start": a,
                "char_end": b,
            }
        )
    a, b = at("The Civic Data Office (CDO) held a workshop in Lisbon from 12 to 14 April 2021.")
    rows["events"] = [
        {
            "doc_id": DOC,
            "section_id": sid(a),
            "event_id": stable_id(DOC, "workshop"),
            "name": "Workshop on Open Budgets",
            "event_type": "workshop",
            "start_date": date(2021, 4, 12),
            "end_date": date(2021, 4, 14),
            "city": "Lisbon",
            "country_code": "PT",
            "organisers": ["Civic Data Office"],
            "participants": [],
            "char_start": a,
            "char_end": b,
        }
    ]
    rows["documents"] = [
        {
            "doc_id": DOC,
            "source_file": SOURCE,
            "sha256": "0" * 64,
            "format": "text",
            "encoding": "utf-8",
            "title": "Civic Notes — April 2021",
            "issue_date": date(2021, 4, 1),
            "issuing_body": "Civic Data Office",
            "n_pages": 1,
            "n_sections": 3,
            "text": TEXT,
        }
    ]
    return _arrow(rows)


# The golden file: the stat "7" is not in it (a wrong prediction), a second event and a person
# are (misses), Ines Ferreira's role is (a field the prediction lacks).
GOLD = """\
document: {source: civic-notes-2021-04.txt, title: "Civic Notes — April 2021", issue_date: 2021-04}
sections:
  - {number: 1, title: Workshop on Open Budgets in Lisbon}
  - {number: 2, title: Survey of Town Councils}
people:
  - {name: Ines Ferreira, honorific: Dr., role: Director}
  - {name: Tomas Lindqvist}
organisations:
  - {name: Civic Data Office, acronym: CDO}
places:
  - {name: Lisbon, country: PT}
dates:
  - {section: null, text: April 2021, start: 2021-04-01, end: 2021-04-30}
  - {section: 1, text: from 12 to 14 April 2021, start: 2021-04-12, end: 2021-04-14}
events:
  - {section: 1, name: Workshop on Open Budgets, start: 2021-04-12, end: 2021-04-14, city: Lisbon}
  - {section: 2, name: council survey, start: 2021-04-20}
statistics:
  - {section: 1, value: 45, subject: participants}
  - {section: 2, value: 60, qualifier: over, unit: percent, subject: councils}
"""


@pytest.fixture(scope="module")
def small() -> dict[str, pa.Table]:
    return small_tables()


@pytest.fixture()
def small_golden(tmp_path: Path):
    path = tmp_path / "civic-notes-2021-04.gold.yaml"
    path.write_text(GOLD, encoding="utf-8")
    return load_golden(path)


def page_of(pages: Mapping[str, str]) -> Element:
    (name,) = [n for n in pages if n != INDEX_PAGE]
    return parse(pages[name])


def texts_of(root: Element) -> Element:
    """The section texts of a page (without the legend)."""
    out = Element("#texts", {}, None)
    out.children = list(root.find_all(cls="text"))
    return out


def marks(root: Element, kind: str) -> list[str]:
    return [e.text(skip_labels=True) for e in root.find_all(cls=f"hl-{kind}") if "cont" not in e.classes]


def test_page_highlights_every_kind(small) -> None:
    root = texts_of(parse(render_report(small)["bulletins/civic-notes-2021-04-txt.html"]))
    assert marks(root, "person") == ["Ines Ferreira"]
    assert marks(root, "org") == ["Civic Data Office", "CDO"]
    assert marks(root, "place") == ["Lisbon"]
    assert marks(root, "date") == ["April 2021", "from 12 to 14 April 2021"]
    assert marks(root, "stat") == ["45", "Over 60 percent", "7"]
    assert marks(root, "other") == ["Danish"]
    assert [e.text() for e in root.find_all(cls="lbl") if e.parent and "hl-other" in e.parent.classes] == [
        "NORP"
    ]
    assert marks(root, "heading") == ["1. Workshop on Open Budgets in Lisbon", "2. Survey of Town Councils"]
    (event,) = marks(root, "event")
    assert event.startswith("The Civic Data Office (CDO) held") and event.endswith("April 2021.")


def test_page_text_is_the_bulletin_text_escaped(small) -> None:
    html = render_report(small)["bulletins/civic-notes-2021-04-txt.html"]
    assert "R&amp;D &lt;units&gt;" in html
    texts = [t.text(skip_labels=True) for t in parse(html).find_all(cls="text")]
    sections = small["sections"].to_pylist()
    assert texts == [TEXT[s["char_start"] : s["char_end"]] for s in sections]


def test_rows_link_to_their_place_in_the_text_and_back(small) -> None:
    root = page_of(render_report(small))
    ids = by_id(root)
    events = root.find_all("table", "events")
    stats = root.find_all("table", "stats")
    assert len(events) == 1 and len(stats) == 2  # section 1 and section 2 have statistics
    event_links = [a.attrs["href"] for a in events[0].find_all("a")]
    assert event_links == [f"#ev-{stable_id(DOC, 'workshop')}"]
    stat_links = [a.attrs["href"] or "" for t in stats for a in t.find_all("a")]
    assert len(stat_links) == 3
    for href in [*event_links, *stat_links]:
        target = ids[(href or "")[1:]]
        assert "text" in {c for a in target.ancestors() for c in a.classes}
    for mark in texts_of(root).find_all(cls="hl-stat"):  # each STAT label links back to its table row
        (label,) = [c for c in mark.children if isinstance(c, Element) and "lbl" in c.classes]
        assert ids[(label.attrs["href"] or "")[1:]].tag == "tr"


def test_events_and_statistics_sit_beside_their_section(small) -> None:
    root = page_of(render_report(small))
    sections = root.find_all("section", "sec")
    assert [s.attrs["id"] for s in sections] == ["sec-00", "sec-01", "sec-02"]
    side = [s.find_all("aside")[0] for s in sections]
    assert [len(a.find_all("table", "events")) for a in side] == [0, 1, 0]
    stats = [[td.text() for t in a.find_all("table", "stats") for td in t.find_all("td")][::3] for a in side]
    assert stats == [[], ["45"], ["Over 60 percent", "7"]]
    toc = [a.attrs["href"] for a in root.find_all("nav")[0].find_all("a")]
    assert toc == ["#sec-01", "#sec-02"]


def test_tooltips_describe_the_extraction(small) -> None:
    root = page_of(render_report(small))
    titles = {e.text(skip_labels=True): e.attrs.get("title") for e in root.find_all("mark")}
    assert titles["Ines Ferreira"] == "PERSON: Dr. Ines Ferreira"
    assert titles["CDO"] == "ORG: Civic Data Office — CDO"
    assert titles["Lisbon"] == "PLACE: Lisbon — city, PT"
    assert titles["from 12 to 14 April 2021"] == "DATE: 2021-04-12 – 2021-04-14 (day)"
    assert titles["Over 60 percent"] == "STAT: 60 percent (over) — councils"


def test_index_lists_bulletins_with_counts(small) -> None:
    index = parse(render_report(small)[INDEX_PAGE])
    (table,) = index.find_all("table", "index")
    head = [th.text() for th in table.find_all("th")]
    (row,) = table.find_all("tbody")[0].find_all("tr")
    cells = dict(zip(head, [td.text() for td in row.find_all("td")], strict=True))
    assert cells["Bulletin"].startswith("Civic Notes — April 2021") and SOURCE in cells["Bulletin"]
    assert (cells["Sections"], cells["People"], cells["Dates"], cells["Events"], cells["Stats"]) == (
        "3",
        "1",
        "2",
        "1",
        "3",
    )
    assert "Missed" not in head  # no golden files, no columns for them
    (link,) = row.find_all("a")
    assert link.attrs["href"] == "bulletins/civic-notes-2021-04-txt.html"


def test_golden_comparison_marks_misses_and_wrong_predictions(small, small_golden) -> None:
    pages = render_report(small, [small_golden])
    root = page_of(pages)
    seven = stable_id(DOC, *at("7"))
    wrong_rows = [r.attrs["id"] for r in root.find_all("tr", "wrong")]
    assert wrong_rows == [f"row-st-{seven}"]
    assert [e.text(skip_labels=True) for e in texts_of(root).find_all("mark", "wrong")] == ["7"]
    sections = {s.attrs["id"]: s for s in root.find_all("section", "sec")}
    notes = {k: [li.text() for li in s.find_all("li")] for k, s in sections.items()}
    assert notes["sec-00"] == notes["sec-01"] == []
    assert len(notes["sec-02"]) == 1 and notes["sec-02"][0].startswith("missed event")
    assert "council survey" in notes["sec-02"][0]
    (review,) = root.find_all(cls="review")
    top = [li.text() for li in review.find_all("li")]
    assert any(t.startswith("missed person") and "Tomas Lindqvist" in t for t in top)
    assert any(t.startswith("wrong person field") and "role expected 'Director'" in t for t in top)
    assert "2 missed, 1 wrong, 1 wrong field" in review.text()

    index = parse(pages[INDEX_PAGE])
    head = [th.text() for th in index.find_all("table", "index")[0].find_all("th")]
    row = index.find_all("table", "index")[0].find_all("tbody")[0].find_all("td")
    cells = dict(zip(head, [td.text() for td in row], strict=True))
    assert (cells["Missed"], cells["Wrong"]) == ("2", "1")
    assert index.find_all("table", "scores-all")


def test_wrong_entity_marks_its_mentions(small, tmp_path: Path) -> None:
    path = tmp_path / "g.gold.yaml"
    path.write_text(GOLD.replace("  - {name: Civic Data Office, acronym: CDO}\n", ""), encoding="utf-8")
    root = page_of(render_report(small, [load_golden(path)]))
    assert [e.text(skip_labels=True) for e in texts_of(root).find_all("mark", "wrong")] == [
        "Civic Data Office",
        "CDO",
        "7",
    ]
    (review,) = root.find_all(cls="review")
    assert any(li.text().startswith("wrong organisation Civic Data Office") for li in review.find_all("li"))


def test_golden_file_of_a_bulletin_not_in_the_tables_is_listed(small, tmp_path: Path) -> None:
    path = tmp_path / "other.gold.yaml"
    path.write_text("document: {source: lost-bulletin.txt}\n", encoding="utf-8")
    index = parse(render_report(small, [load_golden(path)])[INDEX_PAGE])
    assert "other.gold.yaml" in index.find_all(cls="missing")[0].text()
    row = index.find_all("table", "index")[0].find_all("tbody")[0].find_all("td")
    assert row[-1].text() == "no golden file"


def test_report_is_deterministic(small, small_golden) -> None:
    assert render_report(small, [small_golden]) == render_report(small, [small_golden])


def _assert_offline(markup: str) -> None:
    root = parse(markup)
    assert not root.find_all("script") and not root.find_all("iframe")
    for element in root.iter():
        for name in ("href", "src", "srcset", "action", "data", "style"):
            value = element.attrs.get(name) or ""
            assert not re.search(r"^[a-z][a-z0-9+.-]*:|^//|url\(", value, re.I), (element.tag, name, value)
    links = [e.attrs["href"] for e in root.find_all("link")]
    assert links in (["report.css"], ["../report.css"])


def test_pages_need_nothing_from_the_internet(small, small_golden) -> None:
    for markup in render_report(small, [small_golden]).values():
        _assert_offline(markup)
    css = stylesheet()
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_internal_links_all_resolve(small, small_golden) -> None:
    pages = render_report(small, [small_golden])
    for name, markup in pages.items():
        root = parse(markup)
        ids = by_id(root)
        for a in root.find_all("a"):
            href = a.attrs["href"] or ""
            if href.startswith("#"):
                assert href[1:] in ids, (name, href)
            else:
                target = (Path(name).parent / href).as_posix().replace("bulletins/../", "")
                assert target in pages, (name, href)


# --------------------------------------------------------------------------- write_report


def _write_tables(tables: Mapping[str, pa.Table], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, folder / f"{name}.parquet")
    return folder


def test_write_report_writes_the_site(small, tmp_path: Path) -> None:
    tables_dir = _write_tables(small, tmp_path / "tables")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "civic-notes-2021-04.gold.yaml").write_text(GOLD, encoding="utf-8")
    out = tmp_path / "report"
    (out / "bulletins").mkdir(parents=True)
    (out / "bulletins" / "removed-bulletin-txt.html").write_text("old", encoding="utf-8")

    index = write_report(tables_dir, out, gold)

    assert index == out / INDEX_PAGE
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["bulletins/civic-notes-2021-04-txt.html", INDEX_PAGE, STYLESHEET]
    assert (out / STYLESHEET).read_text(encoding="utf-8") == stylesheet()
    assert "missed event" in (out / "bulletins/civic-notes-2021-04-txt.html").read_text(encoding="utf-8")
    assert write_report(tables_dir, out, None) == index  # again, without golden files
    assert "missed event" not in (out / "bulletins/civic-notes-2021-04-txt.html").read_text(encoding="utf-8")


def test_write_report_without_tables_says_so(tmp_path: Path) -> None:
    with pytest.raises(PipelineError, match=r"no bulletins in .*: run `bulletin run` first"):
        write_report(tmp_path / "nothing", tmp_path / "report", None)
    assert not (tmp_path / "report").exists()


# --------------------------------------------------------------------------- the sample bulletins


@pytest.fixture(scope="module")
def sample_pages(sample_tables) -> dict[str, str]:
    return render_report(sample_tables, load_golden_dir(GOLDEN))


def test_every_sample_row_is_highlighted_once(sample_tables, sample_pages) -> None:
    pages = {n: parse(m) for n, m in sample_pages.items() if n != INDEX_PAGE}
    ids: set[str] = set()
    for root in pages.values():
        ids |= set(by_id(root))
    for table, key, prefix in [
        ("mentions", "mention_id", "m-"),
        ("dates", "date_id", "dt-"),
        ("statistics", "stat_id", "st-"),
        ("events", "event_id", "ev-"),
    ]:
        wanted = {prefix + i for i in sample_tables[table][key].to_pylist()}
        assert wanted <= ids, f"{table}: {len(wanted - ids)} rows without a highlight"
    for markup in sample_pages.values():
        _assert_offline(markup)


def test_sample_marks_agree_with_the_evaluator(sample_tables, sample_pages) -> None:
    from pipeline.review.evaluate import evaluate

    evaluation = evaluate(load_golden_dir(GOLDEN), {n: t.to_pandas() for n, t in sample_tables.items()})
    index = parse(sample_pages[INDEX_PAGE])
    head = [th.text() for th in index.find_all("table", "index")[0].find_all("th")]
    missed = {}
    for row in index.find_all("table", "index")[0].find_all("tbody")[0].find_all("tr"):
        cells = dict(zip(head, [td.text() for td in row.find_all("td")], strict=False))
        missed[cells["Bulletin"]] = cells.get("Missed")
    for result in evaluation.documents:
        (name,) = [k for k in missed if k.endswith(result.source)]
        n = sum(1 for m in result.missed if m.table != "documents")
        assert missed[name] == str(n)


# --------------------------------------------------------------------------- in a real browser


def _browser() -> str:
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    pytest.skip(
        "no Chromium browser found (looked for " + ", ".join(BROWSERS) + "); "
        "run scripts/install_browser.sh as root (apt-get install chromium chromium-driver)"
    )


def _chromium(browser: str, profile: Path, *args: str) -> list[str]:
    return [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        *args,
    ]


def _run_all(commands: Sequence[list[str]]) -> list[str]:
    """Run the browsers side by side; their standard output, in order."""
    processes = [
        subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands
    ]
    outputs = []
    for process in processes:
        try:
            out, err = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        assert process.returncode == 0, f"chromium failed ({process.returncode}): {err[-2000:]}"
        outputs.append(out)
    return outputs


def _css_colour(name: str) -> tuple[int, int, int]:
    match = re.search(rf"--{name}:\s*#([0-9a-fA-F]{{6}})", stylesheet())
    assert match, name
    value = match.group(1)
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def test_report_in_a_headless_browser(sample_tables, tmp_path: Path) -> None:
    from PIL import Image

    browser = _browser()
    tables_dir = _write_tables(sample_tables, tmp_path / "tables")
    index = write_report(tables_dir, tmp_path / "report", GOLDEN)
    # The first text bulletin of the index whose review lists a miss or a wrong prediction (the
    # twins of data/raw in other formats have no golden file).
    texts = [b for b in bulletins(sample_tables) if str(b.document["source_file"]).endswith(".txt")]
    pages = {b.doc_id: index.parent / PAGES_DIR / page_names([b])[b.doc_id] for b in texts}
    assert all(page.exists() for page in pages.values())
    first = next(b for b in texts if "<li>" in pages[b.doc_id].read_text(encoding="utf-8"))
    page = pages[first.doc_id]
    shot = tmp_path / "report.png"
    index_dom, page_dom, _ = _run_all(
        [
            _chromium(browser, tmp_path / "p1", "--dump-dom", index.as_uri()),
            _chromium(browser, tmp_path / "p2", "--dump-dom", page.as_uri()),
            _chromium(
                browser, tmp_path / "p3", f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri()
            ),
        ]
    )

    # The index lists every sample bulletin, each linking to its page.
    links = {
        a.attrs.get("href"): a.ancestors()[1].text()
        for a in _dom(index_dom).find_all("table", "index")[0].find_all("a")
    }
    for source in sample_tables["documents"]["source_file"].to_pylist():
        assert any(source in text for text in links.values()), source
    assert all((index.parent / str(href)).exists() for href in links)

    # The bulletin page, as the browser built it: highlighted entities and the events table.
    dom = _dom(page_dom)
    texts = texts_of(dom)
    for kind in ("person", "org", "place", "date", "stat", "event"):
        assert texts.find_all("mark", f"hl-{kind}"), kind
    rows = [r for t in dom.find_all("table", "events") for r in t.find_all("tbody")[0].find_all("tr")]
    assert len(rows) == len(first.table("events")) > 0
    assert dom.find_all(cls="review") and dom.find_all("li")

    # The screenshot shows the highlight colours of the style sheet: the page rendered with it.
    with Image.open(shot) as image:
        assert image.size == (1400, 1000)
        colours = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 20) or []}
    for name in ("person", "org", "place", "date", "stat"):
        assert _css_colour(name) in colours, f"no {name} highlight in the screenshot"
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)


def _dom(dumped: str) -> Element:
    """The browser's serialised DOM, parsed leniently (it is the browser's own markup)."""
    builder = _LenientBuilder()
    builder.feed(dumped)
    builder.close()
    return builder.root


class _LenientBuilder(_TreeBuilder):
    def handle_endtag(self, tag: str) -> None:
        node: Element | None = self.node
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.node = node.parent


def test_the_index_filters_the_bulletins_by_language(sample_tables) -> None:
    """The samples are in English and French: an index page per language, linked from each."""
    from pipeline.review.report.index_page import language_page

    pages = render_report(sample_tables)
    languages = {str(lang) for lang in sample_tables["documents"].column("language").to_pylist()}
    assert languages == {"en", "fr"}
    for language in sorted(languages):
        index = parse(pages[language_page(language)])
        (table,) = index.find_all("table", "index")
        head = [th.text() for th in table.find_all("th")]
        rows = table.find_all("tbody")[0].find_all("tr")
        column = head.index("Language")
        assert rows and {row.find_all("td")[column].text() for row in rows} == {language}
        assert not index.find_all("table", "scores-all")
    whole = parse(pages[INDEX_PAGE])
    hrefs = {a.attrs.get("href") for a in whole.find_all("a")}
    assert {language_page(lang) for lang in languages} <= hrefs


def test_one_language_has_no_language_pages(small) -> None:
    assert not [name for name in render_report(small) if name.startswith("index-")]
