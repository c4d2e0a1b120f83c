"""PDF layout of a community newsletter: masthead at the top right beside a logo, a framed
notice in the right column, two columns of articles with headings, a contact footer.

The page is drawn with fpdf2 at known positions, so each test knows where every line is.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fpdf import FPDF

from pipeline.read.pdf import read_pdf
from pipeline.read.pdf.furniture import is_contact_line
from pipeline.structure.masthead import find_masthead
from pipeline.structure.sections import find_sections

LEFT = [
    "Eleven of us met at the weir on a cold and",
    "windy Sunday morning. We cleared the",
    "blackberry from the northern bank and cut",
    "back the willow suckers along the channel.",
    "Two new members joined us for the first",
    "time and learnt how to tell the native",
    "grasses from the weeds. After morning tea",
    "we walked back along the",
]
RIGHT = [
    "fire trail to the car park. The next work",
    "party will carry on along the same bank.",
]
BIRDS = [
    "A pair of gang-gangs has been nesting in the",
    "old red gum near the car park since the",
    "middle of the month. Please keep your",
    "distance if you pass the tree.",
]


def _newsletter(path: Path) -> Path:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2001, 2, 3, tzinfo=UTC))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.rect(15, 10, 60, 40, style="F")  # the logo: a drawing, no text
    pdf.set_font("Helvetica", "B", 22)
    pdf.text(110, 22, "HILLSIDE PARK CARE")
    pdf.text(125, 32, "GROUP")
    pdf.set_font("Helvetica", "B", 16)
    pdf.text(118, 44, "Newsletter March 2019")
    # The framed notice, in the right column.
    pdf.rect(108, 55, 88, 40, style="D")
    pdf.set_font("Helvetica", "B", 13)
    pdf.text(135, 63, "Next Meeting")
    pdf.set_font("Helvetica", "", 10)
    notice = ["Sunday 7 April, 9 am to noon.", "Meet at the weir gate.", "Bring gloves and water."]
    for i, line in enumerate(notice):
        pdf.text(112, 72 + 6 * i, line)
    # Left column: a heading and an article that runs on into the right column.
    pdf.set_font("Helvetica", "B", 13)
    pdf.text(15, 63, "Working bee report")
    pdf.set_font("Helvetica", "", 10)
    for i, line in enumerate(LEFT):
        pdf.text(15, 72 + 5 * i, line)
    for i, line in enumerate(RIGHT):
        pdf.text(110, 105 + 5 * i, line)
    pdf.set_font("Helvetica", "B", 13)
    pdf.text(110, 125, "Bird notes")
    pdf.set_font("Helvetica", "", 10)
    for i, line in enumerate(BIRDS):
        pdf.text(110, 134 + 5 * i, line)
    pdf.set_font("Helvetica", "", 8)
    pdf.text(15, 287, "Editor: jo@hillside.example.org")
    pdf.text(150, 287, "www.hillside.example.org")
    path.write_bytes(bytes(pdf.output()))
    return path


@pytest.fixture(scope="module")
def text_and_document(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    document = read_pdf(_newsletter(tmp_path_factory.mktemp("layout") / "hillside.pdf"), max_pages=5)
    return document.text, document


def test_masthead_beside_the_logo_comes_first(text_and_document) -> None:  # type: ignore[no-untyped-def]
    text, _ = text_and_document
    assert text.startswith("HILLSIDE PARK CARE GROUP\n\nNewsletter March 2019\n\n")


def test_the_framed_notice_stays_whole_before_the_columns(text_and_document) -> None:  # type: ignore[no-untyped-def]
    text, _ = text_and_document
    box = (
        "Next Meeting\n\nSunday 7 April, 9 am to noon. Meet at the weir gate.\n\n"
        "Bring gloves and water.\n\n"
    )
    assert box in text
    assert text.index(box) < text.index("Working bee report")


def test_a_sentence_runs_on_from_one_column_into_the_next(text_and_document) -> None:  # type: ignore[no-untyped-def]
    text, _ = text_and_document
    assert "we walked back along the fire trail to the car park." in text


def test_the_contact_footer_is_dropped(text_and_document) -> None:  # type: ignore[no-untyped-def]
    text, _ = text_and_document
    assert "jo@hillside" not in text
    assert "www.hillside" not in text


def test_headings_from_type_become_sections(text_and_document) -> None:  # type: ignore[no-untyped-def]
    text, document = text_and_document
    assert [text[h.char_start : h.char_end] for h in document.headings] == [
        "Next Meeting",
        "Working bee report",
        "Bird notes",
    ]
    sections = find_sections("d", document)
    assert [s.title for s in sections] == [None, "Next Meeting", "Working bee report", "Bird notes"]
    masthead = find_masthead(sections, "hillside.pdf")
    assert masthead.title == "HILLSIDE PARK CARE GROUP Newsletter March 2019"
    assert masthead.issue_date == date(2019, 3, 1)


@pytest.mark.parametrize(
    ("line", "contact"),
    [
        ("Rob Lundie rob@example.org www.example.org", True),
        ("Visit https://example.org/news for past issues", True),
        ("Write to the editor at the address below with your news and photos of the month", False),
        ("Page 3", False),
    ],
)
def test_contact_lines(line: str, contact: bool) -> None:
    assert is_contact_line(line) is contact
