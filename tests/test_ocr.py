"""OCR: tesseract's TSV read into words, words into paragraphs, the engine behind its interface,
and one real page read back within 2 % CER (skipped, saying why, without tesseract)."""

from __future__ import annotations

import importlib.util
import stat
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from pipeline.core.errors import InputError, PipelineError
from pipeline.core.records import PageInfo
from pipeline.core.settings import OcrSettings
from pipeline.read.lines import join_lines, vocabulary
from pipeline.read.ocr import (
    OcrEngine,
    OcrWord,
    TesseractEngine,
    is_low_confidence,
    low_confidence_warning,
    mean_confidence,
    ocr_engine,
    render_page,
)
from pipeline.read.ocr.layout import page_text, paragraphs
from pipeline.read.ocr.tesseract import image_dpi, parse_tsv, pgm_bytes

ROOT = Path(__file__).resolve().parent.parent
OCR_DATA = Path(__file__).resolve().parent / "data" / "ocr"
SAMPLE_PDF = ROOT / "data" / "raw" / "pgd-monthly-2013-03.pdf"

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"


def _tsv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def _word(
    text: str, block: int = 1, paragraph: int = 1, line: int = 1, confidence: float = 90.0, top: int = 0
) -> OcrWord:
    return OcrWord(text, 0, top, 10, 10, confidence, block, paragraph, line)


def _words(layout: list[tuple[int, int, int, str]], tops: list[int] | None = None) -> list[OcrWord]:
    """Words of lines given as (block, paragraph, line, text), each line 20 pixels below the
    one before unless ``tops`` says where each line starts."""
    tops = tops or [20 * k for k in range(len(layout))]
    return [
        _word(w, b, p, n, top=top)
        for (b, p, n, text), top in zip(layout, tops, strict=True)
        for w in text.split()
    ]


@cache
def _measure_ocr() -> ModuleType:
    """scripts/measure_ocr.py, whose normalisation and CER the test page is held to."""
    spec = importlib.util.spec_from_file_location("measure_ocr", ROOT / "scripts" / "measure_ocr.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- TSV


def test_parse_tsv_keeps_words_with_boxes_layout_numbers_and_confidence() -> None:
    tsv = _tsv(
        "1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t",
        "2\t1\t1\t0\t0\t0\t230\t254\t1626\t64\t-1\t",
        "3\t1\t1\t1\t0\t0\t230\t254\t1626\t64\t-1\t",
        "4\t1\t1\t1\t1\t0\t230\t254\t1626\t64\t-1\t",
        "5\t1\t1\t1\t1\t1\t230\t256\t137\t49\t93.136635\tPGD",
        "5\t1\t1\t1\t1\t2\t392\t256\t250\t62\t96.5\tMonthly",
        "5\t1\t2\t1\t3\t1\t227\t458\t30\t31\t88\t1.",
    )
    assert parse_tsv(tsv) == (
        OcrWord("PGD", 230, 256, 137, 49, 93.136635, 1, 1, 1),
        OcrWord("Monthly", 392, 256, 250, 62, 96.5, 1, 1, 1),
        OcrWord("1.", 227, 458, 30, 31, 88.0, 2, 1, 3),
    )


@pytest.mark.parametrize(
    "row",
    [
        pytest.param("5\t1\t1\t1\t1\t1\t10\t10\t5\t5\t95.0\t ", id="blank word"),
        pytest.param("5\t1\t1\t1\t1\t1\t10\t10\t5\t5\t95.0", id="cut-off row"),
        pytest.param("5\t1\t1\t1\t1\t1\tten\t10\t5\t5\t95.0\tword", id="not a number"),
        pytest.param("4\t1\t1\t1\t1\t0\t10\t10\t5\t5\t-1\t", id="line row"),
    ],
)
def test_parse_tsv_skips_rows_that_are_no_word(row: str) -> None:
    assert parse_tsv(_tsv(row)) == ()


def test_parse_tsv_reads_a_negative_confidence_as_zero() -> None:
    (word,) = parse_tsv(_tsv("5\t1\t1\t1\t1\t1\t10\t10\t5\t5\t-1\t~"))
    assert word.confidence == 0.0


# --------------------------------------------------------------------------- paragraphs


def test_lines_of_a_paragraph_are_joined_and_blocks_separated_by_a_blank_line() -> None:
    words = _words(
        [
            (1, 1, 1, "PGD Monthly Update"),
            (2, 1, 1, "The forum was held"),
            (2, 1, 2, "in Bangkok."),
            (2, 2, 1, "Some 250 people came."),
            (3, 1, 1, "Next meeting"),
        ]
    )
    assert page_text(words) == (
        "PGD Monthly Update\n\nThe forum was held in Bangkok.\n\nSome 250 people came.\n\nNext meeting"
    )


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        pytest.param("the infor-", "mation office", "the information office", id="lowercase halves: joined"),
        pytest.param("in Asia-", "Pacific region", "in Asia-Pacific region", id="capital after: hyphen kept"),
        pytest.param("years 2012-", "2013 were", "years 2012-2013 were", id="digits: hyphen kept"),
        pytest.param("capacity-", "building work", "capacity-building work", id="known compound half"),
        pytest.param("a list -", "and more", "a list - and more", id="a dash, not a hyphen"),
    ],
)
def test_hyphenated_line_ends_are_joined_where_both_halves_are_words(
    first: str, second: str, joined: str
) -> None:
    assert page_text(_words([(1, 1, 1, first), (1, 1, 2, second)])) == joined


def test_a_hyphen_the_page_writes_elsewhere_is_kept() -> None:
    words = _words([(1, 1, 1, "a well-"), (1, 1, 2, "known plan"), (1, 1, 3, "is well-known here")])
    assert page_text(words) == "a well-known plan is well-known here"


def test_a_numbered_item_inside_an_engine_paragraph_starts_its_own() -> None:
    words = _words(
        [(1, 1, 1, "officials attended."), (1, 1, 2, "3. Workshop in Nairobi"), (1, 1, 3, "On 19 March")]
    )
    assert [p.lines for p in paragraphs(words)] == [
        ("officials attended.",),
        ("3. Workshop in Nairobi", "On 19 March"),
    ]


def test_a_paragraph_cut_at_the_foot_of_a_column_goes_on_at_the_top_of_the_next() -> None:
    words = _words(
        [(1, 1, 1, "experts from ministries are"), (2, 1, 1, "expected to take part.")], [900, 100]
    )
    assert page_text(words) == "experts from ministries are expected to take part."


def test_a_paragraph_the_engine_split_inside_a_block_goes_on() -> None:
    words = _words(
        [(1, 1, 1, "posted at http://example.org/a-long-address"), (1, 2, 1, "and members are asked")]
    )
    assert page_text(words) == "posted at http://example.org/a-long-address and members are asked"


@pytest.mark.parametrize(
    ("layout", "tops"),
    [
        pytest.param([(1, 1, 1, "They came."), (2, 1, 1, "then left")], [900, 100], id="a sentence ended"),
        pytest.param([(1, 1, 1, "experts are"), (2, 1, 1, "Expected here")], [900, 100], id="capital after"),
        pytest.param(
            [
                (1, 1, 1, "PGD Monthly Update to CPSI Members: March 2013"),
                (2, 1, 1, "note by the Secretariat"),
            ],
            [50, 120],
            id="a running header above the text",
        ),
    ],
)
def test_a_paragraph_does_not_go_on(layout: list[tuple[int, int, int, str]], tops: list[int]) -> None:
    assert "\n\n" in page_text(_words(layout, tops))


def test_an_empty_page_has_no_text_and_no_confidence() -> None:
    assert page_text([]) == ""
    assert mean_confidence(()) is None


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("self-", "assessment", "self-assessment"),
        ("co-", "organised", "co-organised"),
        ("soft\u00ad", "ware", "software"),
        ("the", "end", "the end"),
    ],
)
def test_join_lines(before: str, after: str, joined: str) -> None:
    assert join_lines(before, after, vocabulary=vocabulary([before, after])) == joined


# --------------------------------------------------------------------------- confidence


def test_mean_confidence_is_the_mean_over_words() -> None:
    assert mean_confidence((_word("a", confidence=90.0), _word("b", confidence=70.0))) == 80.0


def test_a_low_confidence_page_is_one_warning_line() -> None:
    assert is_low_confidence(62.4, 80.0) and not is_low_confidence(85.0, 80.0)
    assert not is_low_confidence(None, 80.0)
    line = low_confidence_warning(3, 62.4, 80.0)
    assert line.startswith("page 3: OCR confidence 62 below 80") and "\n" not in line


# --------------------------------------------------------------------------- the engine


def test_the_engine_is_a_setting() -> None:
    engine = ocr_engine(OcrSettings(languages=("eng", "fra"), dpi=200))
    assert isinstance(engine, TesseractEngine) and engine.name == "tesseract"
    assert engine.languages == ("eng", "fra") and engine.dpi == 200
    _: OcrEngine = engine  # the interface, checked by mypy
    with pytest.raises(PipelineError, match="unknown OCR engine 'abbyy'; the engines are tesseract"):
        ocr_engine(OcrSettings(engine="abbyy"))


def test_a_missing_engine_is_one_line_saying_how_to_install_it() -> None:
    engine = TesseractEngine(executable="tesseract-not-installed-here")
    assert not engine.available()
    with pytest.raises(InputError) as error:
        engine.recognise(Image.new("L", (20, 20), 255))
    message = str(error.value)
    assert message.startswith("OCR engine not found: install tesseract (apt-get install tesseract-ocr")
    assert "make install" in message and "\n" not in message


@pytest.fixture()
def fake_tesseract(tmp_path: Path) -> Path:
    """A stand-in ``tesseract`` that records its arguments, environment and input, and answers
    with a canned TSV (or fails, or hangs, as the test asks)."""
    script = tmp_path / "tesseract"
    script.write_text(
        "#!/bin/sh\n"
        'here=$(dirname "$0")\n'
        'if [ "$1" = "--list-langs" ]; then\n'
        "  echo 'List of available languages in \"x\" (1):'; echo eng; exit 0\n"
        "fi\n"
        'echo "$@" > "$here/args.txt"\n'
        'env > "$here/env.txt"\n'
        'cp "$1" "$here/input.pgm"\n'
        'if [ -f "$here/fail" ]; then\n'
        '  echo "Error in pixReadMem" >&2; echo "Unsupported image" >&2; exit 1\n'
        "fi\n"
        'if [ -f "$here/hang" ]; then sleep 5; fi\n'
        'cat "$here/canned.tsv"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    (tmp_path / "canned.tsv").write_text(
        _tsv(
            "5\t1\t1\t1\t1\t1\t10\t10\t50\t20\t90\tRegional",
            "5\t1\t1\t1\t1\t2\t70\t10\t50\t20\t80\tforum",
        ),
        encoding="utf-8",
    )
    return script


def test_the_engine_runs_one_thread_per_page_and_reads_the_tsv(fake_tesseract: Path) -> None:
    engine = TesseractEngine(executable=str(fake_tesseract))
    image = Image.new("RGB", (30, 20), "white")
    image.info["dpi"] = (200, 200)
    page = engine.recognise(image)
    here = fake_tesseract.parent
    assert "OMP_THREAD_LIMIT=1" in (here / "env.txt").read_text().splitlines()
    image_file, *arguments = (here / "args.txt").read_text().split()
    assert arguments == ["stdout", "-l", "eng", "--dpi", "200", "--psm", "3", "tsv"]
    assert not Path(image_file).exists()  # the temporary image is gone
    assert (here / "input.pgm").read_bytes().startswith(b"P5\n30 20\n255\n")  # grey, as sent
    assert page.text == "Regional forum" and page.confidence == 85.0
    assert (page.width, page.height, page.dpi, page.engine) == (30, 20, 200, "tesseract")
    assert page.page_info(4) == PageInfo(number=4, source="ocr", ocr_confidence=85.0)


def test_an_engine_failure_is_one_line(fake_tesseract: Path) -> None:
    (fake_tesseract.parent / "fail").touch()
    with pytest.raises(InputError, match=r"^OCR failed: tesseract: Unsupported image$"):
        TesseractEngine(executable=str(fake_tesseract)).recognise(Image.new("L", (5, 5)))


def test_a_page_over_its_time_is_stopped(fake_tesseract: Path) -> None:
    (fake_tesseract.parent / "hang").touch()
    engine = TesseractEngine(executable=str(fake_tesseract), seconds_per_page=0.5)
    with pytest.raises(InputError, match=r"took over 0.5 s \(ocr seconds_per_page\)"):
        engine.recognise(Image.new("L", (5, 5)))


def test_missing_language_data_says_which_package_to_install(fake_tesseract: Path) -> None:
    engine = TesseractEngine(languages=("eng", "fra"), executable=str(fake_tesseract))
    assert engine.problem() == (
        "OCR language data not installed for fra: install it "
        "(apt-get install tesseract-ocr-fra) or run `make install` as root"
    )
    with pytest.raises(InputError, match="tesseract-ocr-fra"):
        engine.recognise(Image.new("L", (5, 5)))


def test_image_dpi_and_grey_pgm() -> None:
    image = Image.new("L", (4, 3), 128)
    assert image_dpi(image, 300) == 300
    image.info["dpi"] = (199.999, 199.999)
    assert image_dpi(image, 300) == 200
    assert pgm_bytes(Image.new("1", (4, 3))).startswith(b"P5\n4 3\n255\n")


# --------------------------------------------------------------------------- rendering


def test_render_page_gives_a_grey_image_at_the_resolution() -> None:
    image = render_page(SAMPLE_PDF, 1, 72)
    assert image.mode == "L" and image.info["dpi"] == (72, 72)
    assert abs(image.width - 595) <= 1 and abs(image.height - 842) <= 1  # A4 in points
    assert image.getextrema()[0] < 128  # text was drawn


def test_render_page_reports_a_bad_page_or_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot render page 9: the PDF has 2 pages"):
        render_page(SAMPLE_PDF, 8, 72)
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_bytes(b"not a pdf at all")
    with pytest.raises(InputError, match="cannot render PDF"):
        render_page(not_pdf, 0, 72)


# --------------------------------------------------------------------------- a real page


def test_cer_normalisation_folds_what_ocr_cannot_see() -> None:
    measure = _measure_ocr()
    assert measure.normalise("“Self-\n assessment” — the ﬁrst •  step") == '"Selfassessment" - the first step'
    assert measure.cer("abcd", "abce") == 0.25


def test_tesseract_reads_a_page_of_the_pdf_twin_within_two_percent_cer() -> None:
    engine = ocr_engine(OcrSettings())
    if not engine.available():
        pytest.skip(f"{engine.problem() if isinstance(engine, TesseractEngine) else 'no OCR engine'}")
    (png,) = sorted(OCR_DATA.glob("*.png"))
    expected = png.with_suffix(".txt").read_text(encoding="utf-8")
    with Image.open(png) as image:
        image.load()
        page = engine.recognise(image)
    assert page.dpi == OcrSettings().dpi  # the page was kept at the resolution the pipeline uses
    rate = _measure_ocr().cer(page.text, expected)
    assert rate <= 0.02, f"CER {rate:.2%}:\n{page.text}"
    assert page.confidence is not None and not is_low_confidence(
        page.confidence, OcrSettings().min_confidence
    )
