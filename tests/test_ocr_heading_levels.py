"""PDF headings on a page read by OCR: sizes measured from the engine's line boxes tell a
heading from the body, not one heading's rank from another's, so every heading of such a page
is at the top level and heads an article; on a page with a text layer, sizes still rank them."""

from __future__ import annotations

import pytest

from pipeline.read.pdf.headings import typographic_headings
from pipeline.read.pdf.paragraphs import Paragraph
from pipeline.read.pdf.records import Line, Row, Token

FLOW = (0, "left")
BODY_SIZE = 10.0
BODY = "Eleven members walked the ridge track and counted orchids along the fire trail."


def _layout(blocks: list[tuple[str, float]]) -> tuple[str, list[Paragraph]]:
    """Text and paragraphs of one page: each block a heading of the given size over a body line."""
    text, paragraphs, top = "", [], 10.0
    for heading, size in blocks:
        for words, height in ((heading, size), (BODY, BODY_SIZE)):
            token = Token(words, 20.0, 180.0, top, top + height, height, bold=False)
            line = Line(Row((token,)), 0, FLOW, 20.0, 180.0)
            if text:
                text += "\n\n"
            paragraphs.append(Paragraph(len(text), len(text) + len(words), (line,)))
            text += words
            top += height + 4
    return text, paragraphs


BLOCKS = [("Working bee report", 16.0), ("Orchid count", 12.0), ("Weed of the month", 14.0)]


def test_headings_of_a_page_read_by_ocr_are_all_at_the_top_level() -> None:
    text, paragraphs = _layout(BLOCKS)
    headings = typographic_headings(text, paragraphs, BODY_SIZE, measured_pages={0})
    assert [(text[h.char_start : h.char_end], h.level) for h in headings] == [
        ("Working bee report", 1),
        ("Orchid count", 1),
        ("Weed of the month", 1),
    ]


def test_headings_of_a_text_layer_are_ranked_by_size() -> None:
    text, paragraphs = _layout(BLOCKS)
    headings = typographic_headings(text, paragraphs, BODY_SIZE)
    assert [h.level for h in headings] == [1, 3, 2]


# --- a heading set in capitals at the body's size (a typed or scanned newsletter) -------


@pytest.mark.parametrize(
    ("heading", "found"),
    [
        ("SPRING PLANTING DAY", True),
        ("DRAFT PLAN FOR THE WETLAND (continued)", True),
        ("Spring planting day", False),  # the body's type: no heading
        ("WWF", False),  # an acronym, too few letters to be words
    ],
)
def test_a_heading_in_capitals_at_the_body_size(heading: str, found: bool) -> None:
    text, paragraphs = _layout([(heading, BODY_SIZE)])
    headings = typographic_headings(text, paragraphs, BODY_SIZE, measured_pages={0})
    assert [text[h.char_start : h.char_end] for h in headings] == ([heading] if found else [])


# --- a heading line ending with a comma runs on into the next --------------------------


def test_a_heading_line_ending_with_a_comma_runs_on_into_the_next_heading() -> None:
    """OCR cut "Last working bee, March 9th" in two, the first part larger than the second."""
    paragraphs: list[Paragraph] = []
    text = ""
    for words, size in (("Last working bee,", 13.0), ("March 9th", 11.5), (BODY, BODY_SIZE)):
        token = Token(words, 20.0, 180.0, 10.0, 10.0 + size, size, bold=False)
        if text:
            text += "\n\n"
        line = Line(Row((token,)), 0, FLOW, 20.0, 180.0)
        paragraphs.append(Paragraph(len(text), len(text) + len(words), (line,)))
        text += words
    headings = typographic_headings(text, paragraphs, BODY_SIZE, measured_pages={0})
    assert [text[h.char_start : h.char_end] for h in headings] == ["Last working bee,\n\nMarch 9th"]


def test_a_line_ending_with_a_comma_over_the_body_is_no_heading() -> None:
    text, paragraphs = _layout([("Last working bee,", 13.0)])
    assert typographic_headings(text, paragraphs, BODY_SIZE, measured_pages={0}) == ()
