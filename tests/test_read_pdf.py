"""PDF reading: layout, page furniture, hyphenation, unreadable pages and bad files.

Small PDFs are drawn on the fly with fpdf2, line by line at fixed positions, so each
test knows exactly where every line sits; the real PDFs in ../shared are read too.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from fpdf import FPDF
from make_bad_inputs import HELVETICA, pdf_file

from pipeline.core.errors import InputError
from pipeline.core.settings import OcrSettings
from pipeline.read.lines import Vocabulary, join_lines, starts_item
from pipeline.read.ocr import ocr_engine
from pipeline.read.pdf import read_pdf
from pipeline.read.pdf.furniture import is_barcode, is_page_number, mask_digits
from pipeline.read.pdf.text_layer import clean_word

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
# The sectioner's view of a heading: a numbered line after a blank line.
HEADING = re.compile(r"(?:^|\n\n)(\d{1,2})\.\s+(\S[^\n]*)")

NO_OCR = OcrSettings(enabled=False)

# (x mm, y mm of the baseline, text, style, size)
Line = tuple[float, float, str, str, float]


def _load_twin_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_pdf_twin", ROOT / "scripts" / "make_pdf_twin.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


twin = _load_twin_script()


def _new_pdf() -> FPDF:
    pdf = FPDF(unit="mm", format="A4")
    pdf.core_fonts_encoding = "cp1252"
    pdf.set_creation_date(datetime(2001, 2, 3, tzinfo=UTC))
    pdf.set_auto_page_break(False)
    return pdf


def _draw(pdf: FPDF, lines: Sequence[Line]) -> None:
    pdf.add_page()
    for x, y, text, style, size in lines:
        pdf.set_font("Helvetica", style, size)
        pdf.text(x, y, text)


def _write(path: Path, pages: Sequence[Sequence[Line]], setup: Callable[[FPDF], None] | None = None) -> Path:
    pdf = _new_pdf()
    if setup is not None:
        setup(pdf)
    for lines in pages:
        if lines:
            _draw(pdf, lines)
        else:  # a page with a drawing and no text
            pdf.add_page()
            pdf.rect(30, 40, 120, 80, style="F")
    path.write_bytes(bytes(pdf.output()))
    return path


def _column(x: float, y: float, lines: Sequence[str], *, step: float = 5.0, size: float = 10) -> list[Line]:
    """Lines of a paragraph one under another; an empty string leaves a blank line."""
    out: list[Line] = []
    for text in lines:
        if text:
            out.append((x, y, text, "", size))
        y += step
    return out


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


# --------------------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", True),
        ("- 3 -", True),
        ("– 12 –", True),
        ("Page 3 of 9", True),
        ("page 4", True),
        ("2/9", True),
        ("3 of 9", True),
        ("xiv", True),
        ("3. Workshop", False),
        ("Page layout of the report", False),
        ("2013 budget", False),
        ("25 March", False),
    ],
)
def test_is_page_number(text: str, expected: bool) -> None:
    assert is_page_number(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*2504925*", True),
        ("*AB-1234*", True),
        ("▌▌▐▐▌▐▌▌▐▐▌", True),
        ("■■■■■■■■", True),
        ("*Note*", False),
        ("Members met on 3 May.", False),
        ("*", False),
        ("CHF 1,200 (USD 1,000)", False),
    ],
)
def test_is_barcode(text: str, expected: bool) -> None:
    assert is_barcode(text) is expected


def test_mask_digits_makes_page_numbers_alike() -> None:
    assert mask_digits("2/9  25-04925") == mask_digits("4/9 25-04925")
    assert mask_digits("Page 3 of 9") != mask_digits("Page 3 of 9 draft")


WORDS = {"development", "region", "weapons"}
COMPOUNDS = {"long-term"}


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("the develop-", "ment of", "the development of"),  # hyphenation point
        ("the Asia-", "Pacific region", "the Asia-Pacific region"),  # capitalised: a real hyphen
        ("decision EC-", "94/DEC.2 of", "decision EC-94/DEC.2 of"),  # digits: a real hyphen
        ("the long-", "term plan", "the long-term plan"),  # seen elsewhere with its hyphen
        ("weapons-", "related sites", "weapons-related sites"),  # a compound tail
        ("the anti-", "malaria drive", "the anti-malaria drive"),  # a compound head
        ("the devel\u00ad", "opment", "the development"),  # soft hyphen
        ("from 6 -", "9 May", "from 6 - 9 May"),  # a spaced dash is not hyphenation
        ("a line", "and the next", "a line and the next"),
    ],
)
def test_join_lines(before: str, after: str, joined: str) -> None:
    assert join_lines(before, after, vocabulary=Vocabulary(frozenset(WORDS), frozenset(COMPOUNDS))) == joined


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3. Workshop on data", True),
        ("12. The Council decided", True),
        ("(a) declare the sites", True),
        ("iv) raise awareness", True),
        ("• a shared pool", True),
        ("- a shared pool", True),
        ("2013. The year", False),
        ("(2013) and the", False),
        ("in 3 countries", False),
    ],
)
def test_starts_item(line: str, expected: bool) -> None:
    assert starts_item(line) is expected


def test_clean_word_drops_glyph_codes_and_ligatures() -> None:
    assert clean_word("of(cid:3)ce") == "ofce"
    assert clean_word("\ufb01nance") == "finance"
    assert clean_word("(cid:12)(cid:7)") == ""


# --------------------------------------------------------------------------- layout


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    left = ["Left column opens with a first", "sentence that runs on here and", "ends on this line."]
    right = ["Right column text begins at the", "top of the second column and", "closes here."]
    page = [
        (20, 20, "Example Office Quarterly Letter", "B", 16),
        *_column(20, 40, left),
        *_column(110, 40, right),
    ]
    document = read_pdf(_write(tmp_path / "columns.pdf", [page]), max_pages=10)
    assert _paragraphs(document.text) == [
        "Example Office Quarterly Letter",
        " ".join(left),
        " ".join(right),
    ]
    assert document.format == "pdf"
    assert document.page_starts == (0,)


def test_single_column_page_is_unchanged(tmp_path: Path) -> None:
    lines = [
        "A single column of text stays in the order in which",
        "it was written, even when a line has a wide gap    here",
        "and the next line goes on with the same sentence.",
    ]
    document = read_pdf(_write(tmp_path / "single.pdf", [_column(20, 30, lines)]), max_pages=10)
    assert document.text == " ".join(" ".join(line.split()) for line in lines)


def test_paragraphs_numbered_items_and_bullets(tmp_path: Path) -> None:
    page = _column(
        20,
        30,
        [
            "1. Regional workshop on archives",
            "",
            "The workshop met for three days and agreed on",
            "a common plan.",
            "",
            "A second paragraph follows a blank line and runs",
            "over two lines.",
            "2. Study visit",
            "• first point of a list that goes on",
            "over a second line",
            "• second point",
        ],
    )
    document = read_pdf(_write(tmp_path / "items.pdf", [page]), max_pages=10)
    assert _paragraphs(document.text) == [
        "1. Regional workshop on archives",
        "The workshop met for three days and agreed on a common plan.",
        "A second paragraph follows a blank line and runs over two lines.",
        "2. Study visit",
        "• first point of a list that goes on over a second line",
        "• second point",
    ]
    assert [m.group(1) for m in HEADING.finditer(document.text)] == ["1", "2"]


def test_items_start_paragraphs_even_without_a_gap(tmp_path: Path) -> None:
    # Courier: lines of equal length fill the column, so only the item marks the break.
    lines = [
        "The office met twice and both meetings ended early.",
        "2. Second item opens here and runs on to the edge",
        "of the column with the same length as the others.",
        "(a) a lettered sub-item that is also a full line.",
    ]
    page = [(20, 30 + 5 * i, text, "", 10) for i, text in enumerate(lines)]

    def courier(pdf: FPDF) -> None:
        pdf.add_page()
        for x, y, text, _, size in page:
            pdf.set_font("Courier", "", size)
            pdf.text(x, y, text)

    path = tmp_path / "items.pdf"
    pdf = _new_pdf()
    courier(pdf)
    path.write_bytes(bytes(pdf.output()))
    assert _paragraphs(read_pdf(path, max_pages=10).text) == [lines[0], f"{lines[1]} {lines[2]}", lines[3]]


def test_footnote_markers_are_dropped(tmp_path: Path) -> None:
    page = [
        (20, 30, "Cases rose by a third in the year", "", 10),
        (70.9, 28.6, "2", "", 6),  # right after "year", raised and small
        (20, 35, "to the end of June.", "", 10),
    ]
    text = read_pdf(_write(tmp_path / "footnote.pdf", [page]), max_pages=10).text
    assert text == "Cases rose by a third in the year to the end of June."


def test_hyphenated_words_across_lines(tmp_path: Path) -> None:
    page = _column(
        20,
        30,
        [
            "The Division reported on the develop-",
            "ment of shared services across the Asia-",
            "Pacific region and on a long-term plan for the long-",
            "term review.",
        ],
    )
    text = read_pdf(_write(tmp_path / "hyphens.pdf", [page]), max_pages=10).text
    assert "development of shared" in text
    assert "the Asia-Pacific region" in text
    assert "for the long-term review." in text
    assert "-\n" not in text and "- " not in text


# --------------------------------------------------------------------------- furniture


def _body(page_number: int) -> list[str]:
    """A paragraph whose last line is short, as typeset paragraphs end."""
    return [
        f"Body text of page {page_number} tells what the office did and where it",
        f"went during the month, in sentence {page_number}.",
    ]


@pytest.mark.parametrize(
    "footer",
    ["Page {n} of 3", "{n}", "- {n} -", "{n}/3", "24-01234 {n}/3"],
)
def test_running_header_footer_and_page_numbers_are_dropped(tmp_path: Path, footer: str) -> None:
    pages = []
    for n in (1, 2, 3):
        pages.append(
            [
                (20, 12, "Quarterly Digest of the Example Office", "", 8),
                (170, 12, "EX/2024/17", "B", 8),
                *_column(20, 40, _body(n)),
                (100, 285, footer.format(n=n), "", 8),
            ]
        )
    document = read_pdf(_write(tmp_path / "furniture.pdf", pages), max_pages=10)
    text = document.text
    assert "Quarterly Digest" not in text
    assert "EX/2024/17" not in text
    assert "Page" not in text and "/3" not in text and "24-01234" not in text
    assert _paragraphs(text) == [" ".join(_body(n)) for n in (1, 2, 3)]
    assert len(document.page_starts) == 3
    for n in (1, 2, 3):
        assert document.page_at(text.index(f"page {n} tells")) == n


def test_masthead_title_kept_when_it_repeats_as_running_header(tmp_path: Path) -> None:
    title = "Example Office Monthly Update"
    pages = [
        [(20, 12, title, "", 8), (20, 30, title, "B", 16), *_column(20, 45, _body(1))],
        [(20, 12, title, "", 8), *_column(20, 30, _body(2))],
        [(20, 12, title, "", 8), *_column(20, 30, _body(3))],
    ]
    text = read_pdf(_write(tmp_path / "masthead.pdf", pages), max_pages=10).text
    assert text.count(title) == 1
    assert text.startswith(title + "\n\n")


def test_barcode_and_job_number_lines_are_dropped(tmp_path: Path) -> None:
    page = [
        *_column(20, 40, _body(1)),
        (20, 270, "24-01234 (E) 120324", "", 8),
        (20, 280, "*2401234*", "", 12),
    ]
    text = read_pdf(_write(tmp_path / "barcode.pdf", [page]), max_pages=10).text
    assert text == " ".join(_body(1))


def test_paragraph_continues_across_a_page_break(tmp_path: Path) -> None:
    pages = [
        _column(20, 260, ["The meeting agreed that the next session would", "be held in"]),
        _column(20, 30, ["the spring, with a report due in March.", "", "A new paragraph."]),
    ]
    document = read_pdf(_write(tmp_path / "flow.pdf", pages), max_pages=10)
    assert _paragraphs(document.text) == [
        "The meeting agreed that the next session would be held in the spring, with a report due in March.",
        "A new paragraph.",
    ]
    assert document.text[document.page_starts[1] :].startswith("the spring")


# --------------------------------------------------------------------------- unreadable pages


def test_page_drawn_without_text_gives_a_warning(tmp_path: Path) -> None:
    pages = [_column(20, 30, _body(1)), [], _column(20, 30, _body(3))]
    document = read_pdf(_write(tmp_path / "drawn.pdf", pages), max_pages=10)
    assert _paragraphs(document.text) == [" ".join(_body(1)), " ".join(_body(3))]
    assert len(document.page_starts) == 3
    assert document.page_starts[1] == document.page_starts[2]
    assert len(document.warnings) == 1 and "page 2" in document.warnings[0]


def _raw_pdf(page_streams: Sequence[bytes]) -> bytes:
    """A minimal PDF: Helvetica as F1 and a CID font without a character map as F2."""
    cid_font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Glyphs /Encoding /Identity-H /DescendantFonts [5 0 R] >>"
    )
    descendant = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Glyphs /DW 500"
        b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"
    )
    return pdf_file([HELVETICA, cid_font, descendant], b"/Font << /F1 3 0 R /F2 4 0 R >>", page_streams)


def _text_stream(lines: Sequence[str]) -> bytes:
    ops = [b"BT /F1 10 Tf 72 760 Td 14 TL"]
    ops += [b"(%s) '" % line.encode("cp1252") for line in lines]
    return b"\n".join([*ops, b"ET"])


def _glyph_stream(rows: int) -> bytes:
    """Rows of glyph codes, with a little mapped text mixed in as on real finance pages."""
    codes = "".join(f"{n:04x}" for n in range(3, 40))
    ops = [b"BT /F2 10 Tf 72 760 Td 14 TL"] + [b"<%s> '" % codes.encode()] * rows
    ops += [b"/F1 10 Tf (Total budget 4,210) '"]
    return b"\n".join([*ops, b"ET"])


def test_glyph_code_pages_are_skipped_with_a_warning_without_ocr(tmp_path: Path) -> None:
    path = tmp_path / "cid.pdf"
    path.write_bytes(_raw_pdf([_text_stream(_body(1)), _glyph_stream(6), _text_stream(_body(3))]))
    document = read_pdf(path, max_pages=10, ocr=NO_OCR)
    assert "(cid:" not in document.text
    assert _paragraphs(document.text) == [" ".join(_body(1)), " ".join(_body(3))]
    assert len(document.warnings) == 1
    assert "page 2" in document.warnings[0] and "(cid:N)" in document.warnings[0]
    assert "no text taken" in document.warnings[0]
    assert [p.source for p in document.pages] == ["text", "text", "text"]


def test_only_glyph_codes_without_ocr_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "allcid.pdf"
    path.write_bytes(_raw_pdf([_glyph_stream(4)]))
    with pytest.raises(InputError, match=r"no usable text layer .* OCR is off"):
        read_pdf(path, max_pages=10, ocr=NO_OCR)


# --------------------------------------------------------------------------- bad files


def test_encrypted_pdf_is_an_input_error(tmp_path: Path) -> None:
    def lock(pdf: FPDF) -> None:
        pdf.set_encryption(owner_password="owner", user_password="reader")

    path = _write(tmp_path / "locked.pdf", [_column(20, 30, _body(1))], setup=lock)
    with pytest.raises(InputError, match="encrypted") as caught:
        read_pdf(path, max_pages=10)
    assert "\n" not in str(caught.value)


def test_pdf_with_permissions_only_is_read(tmp_path: Path) -> None:
    def restrict(pdf: FPDF) -> None:
        pdf.set_encryption(owner_password="owner")

    path = _write(tmp_path / "restricted.pdf", [_column(20, 30, _body(1))], setup=restrict)
    assert read_pdf(path, max_pages=10).text == " ".join(_body(1))


@pytest.mark.parametrize("keep", [0.2, 0.6, 0.95])
def test_truncated_pdf_is_an_input_error(tmp_path: Path, keep: float) -> None:
    whole = _write(tmp_path / "whole.pdf", [_column(20, 30, _body(1))]).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: int(len(whole) * keep)])
    with pytest.raises(InputError) as caught:
        read_pdf(path, max_pages=10)
    assert "\n" not in str(caught.value)


def test_not_a_pdf_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("plain words, not a PDF", encoding="utf-8")
    with pytest.raises(InputError, match="not a PDF"):
        read_pdf(path, max_pages=10)


def test_pdf_of_drawings_without_text_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "scan.pdf", [[], []])
    with pytest.raises(InputError, match=r"^PDF has no usable text layer .* OCR is off"):
        read_pdf(path, max_pages=10, ocr=NO_OCR)
    if ocr_engine(OcrSettings()).available():
        with pytest.raises(InputError, match=r"^PDF has no readable text: .*OCR found no text"):
            read_pdf(path, max_pages=10)


def test_too_many_pages_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "long.pdf", [_column(20, 30, _body(n)) for n in range(1, 5)])
    with pytest.raises(InputError, match="4 pages"):
        read_pdf(path, max_pages=3)
    assert read_pdf(path, max_pages=4).n_pages == 4


# --------------------------------------------------------------------------- the twin

SAMPLE_BULLETIN = """\
Example Office Monthly Notes: May 2019
Division of Sample Studies

1. Seminar on Records Management in Lusaka

The Division held a seminar on records management in Lusaka, Zambia, from 6 to 8 May 2019. Some 45 \
archivists from 12 countries took part; Ms. Rhoda Mwale, Director of the National Archives, opened \
the seminar and stressed that “good records are the memory of the State”.

The participants agreed on three follow-up steps:
• a shared glossary of terms, to be drafted by the end of June;
• a mentoring scheme for junior staff;
• a second meeting in 2020.

2. Visit of a Delegation from the Ministry of Civil Service

On 14 May, a delegation of eight officials led by Mr. Tomas Varga visited the Division to discuss \
e-government services and the long-term reform of public procurement – a topic on which the \
Division has published two guides since 2017. The visit ended with a working lunch.

3. Publications

The 2019 edition of the Survey of Administrative Practice will be released on 23 June, together \
with an online data set covering 193 Member States.
"""


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_twin_reproduces_paragraphs_and_headings(tmp_path: Path) -> None:
    data, replaced = twin.render(SAMPLE_BULLETIN)
    assert replaced == set()
    path = tmp_path / "twin.pdf"
    path.write_bytes(data)
    document = read_pdf(path, max_pages=10)
    assert _lines(document.text) == _lines(SAMPLE_BULLETIN)
    assert [m.group(0).strip() for m in HEADING.finditer(document.text)] == [
        m.group(0).strip() for m in HEADING.finditer(SAMPLE_BULLETIN)
    ]
    assert document.warnings == ()


def test_twin_is_deterministic_and_two_columns(tmp_path: Path) -> None:
    long_text = (
        SAMPLE_BULLETIN
        + "\n"
        + "\n\n".join(
            f"{n}. Item number {n}\n\n" + " ".join(["The office reported steady progress on its plans."] * 12)
            for n in range(4, 14)
        )
    )
    first, _ = twin.render(long_text)
    second, _ = twin.render(long_text)
    assert first == second
    path = tmp_path / "long.pdf"
    path.write_bytes(first)
    document = read_pdf(path, max_pages=20)
    assert document.n_pages >= 2
    assert _lines(document.text) == _lines(long_text)
    # The running header and the "Page N of M" footer are on every page, yet dropped.
    assert "Page " not in document.text
    assert document.text.count("Example Office Monthly Notes: May 2019") == 1


def test_twin_replaces_characters_the_core_font_lacks() -> None:
    text, replaced = twin.to_core_font("Łódź – Ærø ‘quote’ ≥ 5")
    assert text == "Lódz – Ærø ‘quote’ >= 5"
    assert replaced == {"Ł", "ź", "≥"}


def test_twin_script_writes_the_file(tmp_path: Path) -> None:
    source = tmp_path / "bulletin.txt"
    source.write_text(SAMPLE_BULLETIN, encoding="utf-8")
    out = tmp_path / "bulletin.pdf"
    assert twin.main([str(source), str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("source", sorted(RAW.glob("*.txt")), ids=lambda p: p.name)
def test_twins_of_sample_bulletins_round_trip(tmp_path: Path, source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    data, replaced = twin.render(text)
    if replaced:
        pytest.skip(f"{source.name} has characters the core font lacks")
    path = tmp_path / "twin.pdf"
    path.write_bytes(data)
    assert _lines(read_pdf(path, max_pages=50).text) == _lines(text)


# --------------------------------------------------------------------------- real PDFs


@pytest.fixture(scope="module")
def opcw_report(shared_dir: Path):
    return read_pdf(shared_dir / "corpus" / "pdf" / "un-s-2025-185-opcw-monthly-report.pdf", max_pages=50)


@pytest.fixture(scope="module")
def ifrc_bulletin(shared_dir: Path):
    return read_pdf(shared_dir / "corpus" / "pdf" / "ifrc-dref-bulletin-mdrkh001-2008.pdf", max_pages=50)


@pytest.mark.shared
def test_opcw_report_furniture_is_gone(opcw_report) -> None:
    text = opcw_report.text
    assert opcw_report.n_pages == 9
    assert opcw_report.warnings == ()
    assert "S/2025/185" not in text  # the document symbol on every page
    assert "25-04925" not in text  # the job number in every footer
    assert not re.search(r"\b\d/9\b", text)  # "2/9" page numbers
    assert "*" not in text  # the barcode line
    assert not re.search(r"^\d+$", text, re.MULTILINE)


@pytest.mark.shared
def test_opcw_report_hyphens_and_numbered_paragraphs(opcw_report) -> None:
    text = opcw_report.text
    assert not re.search(r"\w-\s", text)  # no hyphen left hanging before a space or line end
    assert "Fact-Finding" in text and "weapons-related" in text
    numbers = [int(m.group(1)) for m in HEADING.finditer(text)]
    assert numbers == list(range(1, 47))
    # Every numbered paragraph is on its own line, after a blank line.
    assert len(re.findall(r"^\d{1,2}\. ", text, re.MULTILINE)) == 46
    # Paragraph 7 is printed at the top of page 4, after a paragraph that runs on from page 3.
    assert opcw_report.page_at(text.index("\n\n7. ") + 2) == 4
    assert text[opcw_report.page_starts[3] - 1] == " "


@pytest.mark.shared
def test_ifrc_bulletin_glyph_pages_are_read_by_ocr(ifrc_bulletin) -> None:
    if not ocr_engine(OcrSettings()).available():
        pytest.skip(str(ocr_engine(OcrSettings()).problem()))
    text = ifrc_bulletin.text
    assert "(cid:" not in text
    assert ifrc_bulletin.n_pages == 8
    assert not ifrc_bulletin.warnings
    assert [p.source for p in ifrc_bulletin.pages] == ["text"] * 6 + ["ocr"] * 2
    finance = text[ifrc_bulletin.page_starts[6] :]
    assert "Final Financial Report" in finance and "136,952" in finance


@pytest.mark.shared
def test_ifrc_bulletin_reads_cleanly(ifrc_bulletin) -> None:
    text = ifrc_bulletin.text
    paragraphs = _paragraphs(text)
    # The title printed over two lines beside a date block is one paragraph.
    assert paragraphs[0] == "Cambodia: Dengue fever outbreak"
    # No page numbers, chart axis labels or other lines without a word (on the pages read from
    # their text layer; the finance tables read by OCR have rows of figures).
    text_layer = _paragraphs(text[: ifrc_bulletin.page_starts[6]])
    assert not [p for p in text_layer if not re.search(r"[^\W\d_]{2,}", p)]
    # Footnote markers are not glued to words.
    assert not re.search(r"[a-z]\d\b", text.replace("MDRKH001", ""))
