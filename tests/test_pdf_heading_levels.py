"""PDF headings: a line set smaller right under a title is its subheading, not more of it.

Heading lines of one flow that follow each other are one heading while they are set in one
size ("Next Meeting" over "Sunday 4 May"); a line set only in bold at the body's size under a
title is its subheading, a level below, and the title stays the article's section title.
Large type above the body's first line is the masthead, unless headings further down share it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.read.pdf import read_pdf
from pipeline.read.pdf.floats import masthead_rows
from pipeline.read.pdf.records import Row, Token
from pipeline.structure.sections import find_sections

BODY = [
    "Nine volunteers met at the creek crossing on a",
    "bright morning and pulled thistles along the",
    "eastern fence until the rain came in at noon.",
]


def _page(path: Path) -> Path:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2001, 2, 3, tzinfo=UTC))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = 20.0

    def block(title: str, size: float, sub: str | None = None) -> None:
        nonlocal y
        pdf.set_font("Helvetica", "B", size)
        pdf.text(20, y, title)
        y += 9
        if sub:
            pdf.set_font("Helvetica", "B", 10)
            pdf.text(20, y, sub)
            y += 7
        pdf.set_font("Helvetica", "", 10)
        for line in BODY:
            pdf.text(20, y, line)
            y += 5
        y += 8

    block("Thistle work party", 13, sub="Sunday 4 May at the crossing")
    block("Frog survey results", 13)
    block("A new bench on the loop track", 13)
    pdf.output(str(path))
    return path


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return read_pdf(_page(tmp_path_factory.mktemp("levels") / "levels.pdf"), max_pages=5)


def test_each_titled_article_is_a_section_under_its_own_title(document) -> None:  # type: ignore[no-untyped-def]
    titles = [s.title for s in find_sections("d", document)]
    assert titles == ["Thistle work party", "Frog survey results", "A new bench on the loop track"]


def test_a_bold_subheading_is_not_part_of_the_title(document) -> None:  # type: ignore[no-untyped-def]
    text = document.text
    headings = {text[h.char_start : h.char_end]: h.level for h in document.headings}
    assert headings["Thistle work party"] == 1
    assert headings["Sunday 4 May at the crossing"] == 2


# --- the masthead over the first articles' headings ---------------------------------------


def _row(text: str, top: float, size: float) -> Row:
    return Row((Token(text, 20.0, 20.0 + 6 * len(text), top, top + size, size, bold=True),))


def test_headings_set_under_the_masthead_are_not_part_of_it() -> None:
    """The first articles' headings stand between the masthead and the body's first line, set
    in the type of the headings further down the page."""
    rows = [
        _row("RIVERBEND LANDCARE", 40.0, 24.0),
        _row("Bulletin May 2033", 70.0, 18.0),
        _row("Last working bee", 100.0, 14.0),
        _row("Nine of us pulled thistles along the levee bank.", 120.0, 10.0),
        _row("Seed bank news", 300.0, 14.0),
        _row("The seed bank now holds forty local species.", 320.0, 10.0),
    ]
    masthead, rest = masthead_rows(rows, 10.0)
    assert [r.text for r in masthead] == ["RIVERBEND LANDCARE", "Bulletin May 2033"]
    assert "Last working bee" in [r.text for r in rest]


def test_large_type_above_the_body_is_the_masthead_when_no_heading_shares_it() -> None:
    rows = [
        _row("RIVERBEND LANDCARE", 40.0, 24.0),
        _row("Bulletin May 2033", 70.0, 16.0),
        _row("Nine of us pulled thistles along the levee bank.", 120.0, 10.0),
        _row("Seed bank news", 300.0, 13.0),
        _row("The seed bank now holds forty local species.", 320.0, 10.0),
    ]
    masthead, _ = masthead_rows(rows, 10.0)
    assert [r.text for r in masthead] == ["RIVERBEND LANDCARE", "Bulletin May 2033"]


def test_on_a_page_read_by_ocr_all_large_type_above_the_body_is_the_masthead() -> None:
    """Sizes measured from OCR boxes cannot tell the masthead's type from a heading's."""
    rows = [
        _row("RIVERBEND LANDCARE", 40.0, 24.0),
        _row("Last working bee", 100.0, 14.0),
        _row("Nine of us pulled thistles along the levee bank.", 120.0, 10.0),
        _row("Seed bank news", 300.0, 14.0),
        _row("The seed bank now holds forty local species.", 320.0, 10.0),
    ]
    masthead, _ = masthead_rows(rows, 10.0, measured=True)
    assert [r.text for r in masthead] == ["RIVERBEND LANDCARE", "Last working bee"]


def _tokens_row(parts: list[tuple[str, float]], top: float, size: float) -> Row:
    return Row(tuple(Token(t, x, x + 6 * len(t), top, top + size, size, bold=False) for t, x in parts))


def test_on_a_page_read_by_ocr_two_columns_headings_on_one_baseline_are_not_the_masthead() -> None:
    """Beside a masthead set in the right column, the two columns' first headings share a
    baseline above the body, with the page's gutter between them."""
    masthead = [_tokens_row([("RIVERBEND", 320.0), ("LANDCARE", 400.0)], 40.0, 15.0)]
    headings = [
        _tokens_row([("Last", 40.0), ("meeting,", 70.0), ("Tree", 310.0), ("planting", 340.0)], 90.0, 12.0)
    ]
    body = [
        _tokens_row(
            [
                ("Nine", 40.0),
                ("of", 70.0),
                ("us", 86.0),
                ("pulled", 102.0),
                ("thistles", 140.0),
                ("along", 190.0),
            ],
            top,
            7.0,
        )
        for top in (110.0, 120.0, 130.0, 140.0)
    ] + [
        _tokens_row(
            [
                ("The", 310.0),
                ("school", 334.0),
                ("planted", 374.0),
                ("forty", 420.0),
                ("young", 452.0),
                ("trees", 488.0),
            ],
            top,
            7.0,
        )
        for top in (110.0, 120.0, 130.0, 140.0)
    ]
    rows = sorted([*masthead, *headings, *body], key=lambda r: (r.top, r.x0))
    found, _ = masthead_rows(rows, 7.0, measured=True)
    assert [r.text for r in found] == ["RIVERBEND LANDCARE"]


# --- articles' titles set in several sizes -------------------------------------------------


def _articles_page(path: Path) -> Path:
    """A newsletter whose later articles' titles are set smaller than the first's, one of them
    long, with a line set smaller right under a title (its subheading)."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2001, 2, 3, tzinfo=UTC))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    y = 20.0
    for title, size, sub in (
        ("Thistle work party", 14, "Sunday 4 May at the crossing"),
        ("Frog survey results", 14, None),
        ("Orchid count", 14, None),
        ("Seed bank news", 12, None),
        ("Why the old wooden bench by the loop track is going back to where it came from", 11, None),
    ):
        pdf.set_font("Helvetica", "B", size)
        pdf.text(20, y, title)
        y += 9
        if sub:
            pdf.set_font("Helvetica", "B", 12)
            pdf.text(20, y, sub)
            y += 7
        pdf.set_font("Helvetica", "", 9)
        for line in BODY:
            pdf.text(20, y, line)
            y += 5
        y += 8
    pdf.output(str(path))
    return path


def test_a_title_set_smaller_after_prose_heads_an_article_of_its_own(tmp_path: Path) -> None:
    document = read_pdf(_articles_page(tmp_path / "sizes.pdf"), max_pages=5)
    titles = [s.title for s in find_sections("d", document) if s.title]
    assert titles == [
        "Thistle work party",
        "Frog survey results",
        "Orchid count",
        "Seed bank news",
        "Why the old wooden bench by the loop track is going back to where it came from",
    ]
