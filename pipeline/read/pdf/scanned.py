"""Pages without a usable text layer, read by OCR into the same rows a text layer gives.

A scan, a page drawn as outlines, or a text layer of glyph codes ``(cid:N)`` is rendered and
read by the OCR engine (``pipeline.read.ocr``). Its words, with their boxes converted from
pixels to points and a type size measured from the height of their line, become the tokens
of a page, so that furniture, columns, paragraphs and headings are found as for any page.
Only such pages go to OCR; the others keep their text layer.
"""

from __future__ import annotations

import calendar
import re
import statistics
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.errors import InputError
from pipeline.core.records import PageInfo
from pipeline.core.settings import OcrSettings
from pipeline.read.ocr import (
    OcrEngine,
    OcrPage,
    OcrWord,
    is_low_confidence,
    low_confidence_warning,
    ocr_engine,
    render_page,
)
from pipeline.read.ocr.slots import engine_slot
from pipeline.read.pdf.records import Page, Row, Token
from pipeline.read.pdf.text_layer import page_rows

if TYPE_CHECKING:
    from PIL.Image import Image

POINTS_PER_INCH = 72.0
# A word read with less confidence than this, with no letter or digit, is a speck or a
# picture's edge, not text.
MIN_WORD_CONFIDENCE = 30.0
# The height of a line's box is about this many times its type size (ascenders, descenders).
LINE_HEIGHT_PER_POINT = 1.15
# A day number followed by what a raised ordinal suffix looks like to the engine: a quote
# mark (and maybe a speck), then perhaps punctuation.
_RAISED_SUFFIX = re.compile(r"^([0-3]?\d)(?:[\"\u201d\u2033\u2019']{1,2}\*?|\u2122)([.,;:)]?)$")
# Letters a typewriter's digits are misread as, in a day number before a month: "Sth June".
_DIGIT_LOOKALIKES = str.maketrans("SBOoIlZG", "58001126")
_MISREAD_DAY = re.compile(r"^([SBOoIlZG0-9]{1,2})(st|nd|rd|th)$")
_MONTHS = frozenset(m.lower() for m in calendar.month_name if m) | frozenset(
    m.lower() for m in calendar.month_abbr if m
)


def read_unusable_pages(
    path: Path, pages: Sequence[Page], settings: OcrSettings
) -> tuple[list[Page], dict[int, PageInfo]]:
    """The pages with those that need it read by OCR, and how each page was read (by number).

    A file whose every page needs OCR raises ``InputError`` when OCR cannot run (off, or the
    engine missing: the line says how to install it); a file with some readable pages keeps
    them, and the others get a warning.
    """
    infos = {p.number: PageInfo(p.number + 1) for p in pages}
    todo = [p for p in pages if p.needs_ocr]
    if not todo:
        return list(pages), infos
    problem = "OCR is off (ocr.enabled)" if not settings.enabled else ocr_engine(settings).problem()
    if problem is not None:
        if len(todo) == len(pages):
            raise InputError(f"PDF has no usable text layer ({todo[0].needs_ocr}) and {_lower(problem)}")
        return [_unread(p, problem) for p in pages], infos
    recognised = _recognise(path, todo, ocr_engine(settings), settings)
    read: list[Page] = []
    for page in pages:
        if not page.needs_ocr:
            read.append(page)
            continue
        scanned = recognised[page.number]
        warnings = list(page.warnings)
        confidence, threshold = scanned.confidence, settings.min_confidence
        if confidence is not None and is_low_confidence(confidence, threshold):
            warnings.append(low_confidence_warning(page.number + 1, confidence, threshold))
        rows = ocr_rows(scanned)
        if not rows:
            warnings.append(f"page {page.number + 1}: {page.needs_ocr}; OCR found no text on it")
        read.append(replace(page, rows=rows, warnings=tuple(warnings), needs_ocr=None))
        infos[page.number] = scanned.page_info(page.number + 1)
    return read, infos


def _recognise(
    path: Path, todo: Sequence[Page], engine: OcrEngine, settings: OcrSettings
) -> dict[int, OcrPage]:
    """Each page of ``todo`` read by the engine (by page number), up to ``settings.jobs`` at once.

    Pages are rendered here, one after another (pdfium is not thread-safe), at most ``jobs``
    images ahead of the engine; the engine reads each in a process of its own, which a thread
    waits for. The first failure, in page order, is raised. Every worker process of the run
    shares the same ``jobs`` engine slots, so ``--workers N`` starts at most N engines, not N x N.
    """
    if settings.jobs <= 1 or len(todo) == 1:
        return {
            p.number: _in_slot(engine, render_page(path, p.number, settings.dpi), settings.jobs) for p in todo
        }
    pool = ThreadPoolExecutor(max_workers=settings.jobs, thread_name_prefix="ocr")
    futures: dict[int, Future[OcrPage]] = {}
    try:
        for page in todo:
            running = [f for f in futures.values() if not f.done()]
            if len(running) >= settings.jobs:
                wait(running, return_when=FIRST_COMPLETED)
            image = render_page(path, page.number, settings.dpi)
            futures[page.number] = pool.submit(_in_slot, engine, image, settings.jobs)
        return {number: future.result() for number, future in futures.items()}
    finally:
        # On a failure or the document's time limit, pages not yet started are dropped; those
        # in the engine end within its own time limit per page.
        pool.shutdown(wait=False, cancel_futures=True)


def _in_slot(engine: OcrEngine, image: Image, slots: int) -> OcrPage:
    """The engine's reading of one page, in one of the machine's ``slots`` engine slots: the
    workers of a run together start at most ``--ocr-jobs`` engines (see ``ocr.slots``)."""
    with engine_slot(slots):
        return engine.recognise(image)


def _lower(text: str) -> str:
    """A message's first word in lower case, for the middle of a sentence (not "OCR")."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _unread(page: Page, problem: str) -> Page:
    if not page.needs_ocr:
        return page
    warning = f"page {page.number + 1}: {page.needs_ocr}, no text taken: {_lower(problem)}"
    return replace(page, warnings=(*page.warnings, warning), needs_ocr=None)


def ocr_rows(page: OcrPage) -> tuple[Row, ...]:
    """The engine's words as a text layer's rows: boxes in points, a type size per line."""
    scale = POINTS_PER_INCH / page.dpi
    by_line: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in page.words:
        if not word.text.strip() or (word.confidence < MIN_WORD_CONFIDENCE and not _has_text(word.text)):
            continue
        by_line.setdefault((word.block, word.paragraph, word.line), []).append(word)
    tokens = []
    for words in by_line.values():
        height = statistics.median(w.height for w in words) * scale
        size = round(height / LINE_HEIGHT_PER_POINT * 2) / 2  # to half a point, as fonts are set
        for w in words:
            tokens.append(
                Token(
                    text=superscript_ordinal(w.text),
                    x0=w.left * scale,
                    x1=(w.left + w.width) * scale,
                    top=w.top * scale,
                    bottom=(w.top + w.height) * scale,
                    size=size,
                    bold=False,
                )
            )
    return tuple(_days_before_months(row) for row in page_rows(tokens))


def _days_before_months(row: Row) -> Row:
    """ "Sth June" -> "5th June": a day number misread as letters, right before a month."""
    tokens = list(row.tokens)
    for i, token in enumerate(tokens[:-1]):
        match = _MISREAD_DAY.match(token.text)
        if match and not match.group(1).isdigit() and tokens[i + 1].text.lower().strip(".,") in _MONTHS:
            tokens[i] = replace(token, text=match.group(1).translate(_DIGIT_LOOKALIKES) + match.group(2))
    return Row(tuple(tokens))


def superscript_ordinal(word: str) -> str:
    """A day number whose raised "th" the engine read as a quote mark: "15"" -> "15th"."""
    match = _RAISED_SUFFIX.match(word)
    if match is None:
        return word
    number = int(match.group(1))
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{match.group(1)}{suffix}{match.group(2)}"


def _has_text(text: str) -> bool:
    return any(c.isalnum() for c in text)
