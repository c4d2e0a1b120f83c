"""Scanned PDFs: pages without a text layer read by OCR into the same rows as a text layer.

The engine runs on a page image of our own sample (tests/data/ocr); those tests skip, saying
why, where tesseract is not installed. The rest runs without an engine.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF

from pipeline.core.errors import InputError
from pipeline.core.settings import OcrSettings, Settings
from pipeline.execute.run import fingerprint
from pipeline.read.ocr import OcrPage, OcrWord, ocr_engine
from pipeline.read.ocr import tesseract as tesseract_module
from pipeline.read.pdf import read_pdf
from pipeline.read.pdf import scanned as scanned_module
from pipeline.read.pdf.records import Row, Token
from pipeline.read.pdf.scanned import _days_before_months, ocr_rows, superscript_ordinal

PAGE_IMAGE = Path(__file__).resolve().parent / "data" / "ocr" / "pgd-monthly-2013-03-p2-200dpi.png"


def _scan(path: Path, pages: int = 1) -> Path:
    """A PDF whose pages are the sample page image and nothing else: a scan."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2001, 2, 3, tzinfo=UTC))
    for _ in range(pages):
        pdf.add_page()
        pdf.image(str(PAGE_IMAGE), x=0, y=0, w=210, h=297)
    path.write_bytes(bytes(pdf.output()))
    return path


def _needs_engine() -> None:
    engine = ocr_engine(OcrSettings())
    if not engine.available():
        pytest.skip(str(engine.problem()))


def test_a_scanned_pdf_is_read_by_ocr(tmp_path: Path) -> None:
    _needs_engine()
    document = read_pdf(_scan(tmp_path / "scan.pdf", pages=2), max_pages=5)
    assert "annual ministerial review of the Economic and Social Council" in " ".join(document.text.split())
    assert [p.source for p in document.pages] == ["ocr", "ocr"]
    assert all(p.ocr_confidence is not None and p.ocr_confidence > 80 for p in document.pages)
    assert document.page_starts[1] > 0 and not document.warnings


def test_without_the_engine_a_scan_is_one_line_saying_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tesseract_module.shutil, "which", lambda name: None)
    with pytest.raises(InputError) as caught:
        read_pdf(_scan(tmp_path / "scan.pdf"), max_pages=5)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("PDF has no usable text layer") and "apt-get install tesseract-ocr" in message


def test_a_low_confidence_page_gives_a_warning(tmp_path: Path) -> None:
    _needs_engine()
    document = read_pdf(_scan(tmp_path / "scan.pdf"), max_pages=5, ocr=OcrSettings(min_confidence=99.9))
    assert len(document.warnings) == 1 and document.warnings[0].startswith("page 1: OCR confidence")


def _word(text: str, left: int, top: int, width: int, height: int, line: int) -> OcrWord:
    return OcrWord(text, left, top, width, height, 95.0, block=1, paragraph=1, line=line)


def test_ocr_words_become_rows_in_points_with_a_size_per_line() -> None:
    # 200 dpi: 100 px is 36 pt. A heading line 60 px high, a body line 40 px high.
    words = (
        _word("Work", 100, 100, 200, 60, 1),
        _word("party", 320, 100, 220, 60, 1),
        _word("We", 100, 200, 80, 40, 2),
        _word("met", 200, 205, 90, 35, 2),
        OcrWord("|||", 600, 200, 30, 40, 10.0, 1, 1, 2),  # a speck the engine doubted: dropped
    )
    page = OcrPage("", words, 90.0, 1654, 2339, 200, "test")
    rows = ocr_rows(page)
    assert [row.text for row in rows] == ["Work party", "We met"]
    assert rows[0].tokens[0].x0 == pytest.approx(36.0)
    assert rows[0].size > rows[1].size


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ('15"', "15th"),
        ('5"*', "5th"),
        ('3"', "3rd"),
        ("22\u201d", "22nd"),
        ("19\u2122,", "19th,"),
        ('11"', "11th"),
        ('2021"', '2021"'),
        ('said"', 'said"'),
    ],
)
def test_a_raised_ordinal_read_as_a_quote_mark(word: str, expected: str) -> None:
    assert superscript_ordinal(word) == expected


def test_a_day_misread_as_letters_before_a_month() -> None:
    def row(*texts: str) -> Row:
        return Row(tuple(Token(t, 10.0 * i, 10.0 * i + 8, 0, 10, 10, False) for i, t in enumerate(texts)))

    assert _days_before_months(row("on", "Sth", "June")).text == "on 5th June"
    assert _days_before_months(row("Bth", "May", "was")).text == "8th May was"
    assert _days_before_months(row("the", "Sth", "floor")).text == "the Sth floor"


_PAGE_TEXTS = (
    "Rangers cleared gorse",
    "Members planted wattles",
    "Volunteers counted orchids",
    "Frogs returned",
)


class _PagesAtOnce:
    """A fake engine that records how many pages it reads at the same time; the first two
    calls wait for each other (a barrier), so a reading one page after another fails."""

    name = "fake"

    def __init__(self, meet: int, fail_on: int | None = None) -> None:
        self.barrier = threading.Barrier(meet, timeout=20) if meet > 1 else None
        self.lock = threading.Lock()
        self.calls = 0
        self.fail_on = fail_on

    def available(self) -> bool:
        return True

    def problem(self) -> str | None:
        return None

    def recognise(self, image: Any) -> OcrPage:
        with self.lock:
            self.calls += 1
            call = self.calls
        if self.barrier is not None and call <= self.barrier.parties:
            self.barrier.wait()
        if call == self.fail_on:
            raise InputError("OCR failed: tesseract: the page could not be read")
        text = _PAGE_TEXTS[call - 1]
        words = tuple(
            OcrWord(w, 100 + 160 * i, 300 + 60 * call, 140, 40, 95.0, block=1, paragraph=1, line=1)
            for i, w in enumerate(text.split())
        )
        return OcrPage(text, words, 95.0, image.width, image.height, 200, "fake")


def test_pages_of_one_document_are_read_at_once_with_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = _PagesAtOnce(meet=2)
    monkeypatch.setattr(scanned_module, "ocr_engine", lambda settings: engine)
    document = read_pdf(_scan(tmp_path / "scan.pdf", pages=3), max_pages=5, ocr=OcrSettings(jobs=2))
    assert engine.calls == 3
    assert [p.source for p in document.pages] == ["ocr", "ocr", "ocr"]
    assert sorted(document.text.split()) == sorted(" ".join(_PAGE_TEXTS[:3]).split())


def test_one_job_reads_pages_one_after_another(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _PagesAtOnce(meet=1)
    monkeypatch.setattr(scanned_module, "ocr_engine", lambda settings: engine)
    seen: list[int] = []
    real = engine.recognise
    monkeypatch.setattr(engine, "recognise", lambda image: seen.append(engine.calls) or real(image))
    document = read_pdf(_scan(tmp_path / "scan.pdf", pages=3), max_pages=5, ocr=OcrSettings(jobs=1))
    assert seen == [0, 1, 2] and document.text.split() == " ".join(_PAGE_TEXTS[:3]).split()


def test_a_page_that_fails_fails_its_document_with_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scanned_module, "ocr_engine", lambda settings: _PagesAtOnce(meet=2, fail_on=3))
    with pytest.raises(InputError, match="the page could not be read"):
        read_pdf(_scan(tmp_path / "scan.pdf", pages=4), max_pages=5, ocr=OcrSettings(jobs=2))


def test_jobs_give_the_same_text_and_the_same_fingerprint(tmp_path: Path) -> None:
    assert fingerprint(Settings(ocr=OcrSettings(jobs=1))) == fingerprint(Settings(ocr=OcrSettings(jobs=4)))
    _needs_engine()
    path = _scan(tmp_path / "scan.pdf", pages=2)
    one = read_pdf(path, max_pages=5, ocr=OcrSettings(jobs=1))
    two = read_pdf(path, max_pages=5, ocr=OcrSettings(jobs=2))
    assert (one.text, one.page_starts, one.pages) == (two.text, two.page_starts, two.pages)
