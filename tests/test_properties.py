"""Property-based tests: arbitrary text never makes a reading or rule stage raise, offsets
stay inside the text, and every date range starts on or before its end.

Two kinds of text are drawn: any Unicode, and text assembled from bulletin-like pieces
(headings, dates, ranges, numbers in digits and words, dashes, line breaks), which reaches
the grammars' corners far more often than random characters do.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import Limits
from pipeline.extract.dates import find_dates
from pipeline.extract.dates.expressions import find_date_expressions
from pipeline.extract.dates.records import FUTURE, PAST, PRESENT
from pipeline.extract.dates.resolution import resolve
from pipeline.extract.statistics.numbers import parse_number
from pipeline.read.document import read_document
from pipeline.read.text import decode_text, normalise_text
from pipeline.structure.sections import find_sections

PROPERTY_SETTINGS = settings(
    max_examples=150,
    deadline=None,
    database=None,  # nothing written beside the tests
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PIECES = [
    "1. ", "2. ", "3) ", "12. ", "0. ", "999. ", "1.", "\n", "\n\n", " ", "\t", "\r\n", "\f",
    "Meeting on budgets", "Workshop in Lima", "Mr. ", "H.E. ",
    "5 November 2012", "6-9 November", "from 30 June to 4 July 2014", "March 3-5, 2014",
    "8 - 10 Oct. 14", "Nov. '12", "by March 2013", "By 2025", "late in February", "from 22 to 25",
    "on 6, 15 and 27 November 2012", "between 14 and 16 May", "2012-11-05", "5/11/2012", "31/02/2013",
    "29 February", "31 June", "the first week of June", "mid-2014", "in 1999", "2099", "December 31",
    "3,300", "2.5 million", "5bn", "fifty", "twenty-five", "one hundred and fifty", "a dozen", "half",
    "two thirds", "7th", "USD 40 million", "40%", "over 1,000", "–", "—", "-", "(", ")", "“", "”", "’",
    "é", "\u00a0", "\u200b", "\ufeff", "ﬁ", "e\u0301",
]  # fmt: skip

bulletin_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=300), bulletin_text)
issue_dates = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
tenses = st.sampled_from([PAST, PRESENT, FUTURE])


# --------------------------------------------------------------------------- reading


@PROPERTY_SETTINGS
@given(st.binary(max_size=2000))
def test_decode_text_returns_text_or_a_one_line_input_error(data: bytes) -> None:
    try:
        text, encoding = decode_text(data)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert isinstance(text, str) and encoding


@PROPERTY_SETTINGS
@given(any_text)
def test_normalise_text_keeps_no_control_characters_and_is_idempotent(text: str) -> None:
    normal = normalise_text(text)
    assert "\r" not in normal and "\f" not in normal
    assert all(ch in "\n\t" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F) for ch in normal)
    assert normalise_text(normal) == normal


@PROPERTY_SETTINGS
@given(st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8"))))
def test_read_document_gives_text_or_an_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    source = SourceFile(path, path.name, "0" * 64, len(data))
    limits = Limits(max_chars=2000)
    try:
        document = read_document(source, limits)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert document.text.strip()
        assert len(document.text) <= limits.max_chars
        assert document.page_starts == (0,)


# --------------------------------------------------------------------------- sections


def _check_sections(text: str) -> None:
    sections = find_sections("doc", DocumentText("x.txt", text))
    previous_end = 0
    for index, section in enumerate(sections):
        assert previous_end <= section.char_start < section.char_end <= len(text)
        assert section.text == text[section.char_start : section.char_end]
        assert section.text == section.text.strip()
        assert 0 <= section.heading_end <= len(section.text)
        assert (section.number is None) == (index == 0 and section.char_start < _first_numbered(sections))
        previous_end = section.char_end
    assert len({s.section_id for s in sections}) == len(sections)
    if text.strip():
        # Nothing but white space is left out of the sections.
        covered = "".join(s.text for s in sections)
        assert "".join(text.split()) == "".join(covered.split())
    else:
        assert sections == []


def _first_numbered(sections: list) -> int:
    numbered = [s.char_start for s in sections if s.number is not None]
    return numbered[0] if numbered else 10**9


@PROPERTY_SETTINGS
@given(any_text)
def test_sections_cover_the_text_in_order(text: str) -> None:
    _check_sections(text)


def test_sections_of_a_one_megabyte_line() -> None:
    _check_sections("1. " + "word " * 200_000)


# --------------------------------------------------------------------------- dates


@PROPERTY_SETTINGS
@given(any_text, issue_dates, tenses)
def test_date_expressions_stay_in_the_text_and_resolve_in_order(
    text: str, issue_date: date | None, tense: str
) -> None:
    previous_end = 0
    for expression in find_date_expressions(text):
        assert previous_end <= expression.start < expression.end <= len(text)
        assert expression.text == text[expression.start : expression.end]
        previous_end = expression.end
        for resolved in resolve(expression, issue_date, tense):
            assert resolved.start <= resolved.end


@PROPERTY_SETTINGS
@given(text=any_text, issue_date=issue_dates)
def test_date_stage_offsets_and_ranges(
    blank: spacy.language.Language, text: str, issue_date: date | None
) -> None:
    document = DocumentText("x.txt", text)
    sections = find_sections("doc", document)
    docs = list(blank.pipe(s.text for s in sections))
    for mention in find_dates("doc", sections, docs, issue_date):
        assert 0 <= mention.char_start < mention.char_end <= len(text)
        assert text[mention.char_start : mention.char_end] == mention.text
        assert mention.start_date <= mention.end_date


# --------------------------------------------------------------------------- numbers


@PROPERTY_SETTINGS
@given(any_text)
def test_parse_number_never_raises(text: str) -> None:
    value = parse_number(text)
    assert value is None or (isinstance(value, float) and math.isfinite(value) and value >= 0)


@PROPERTY_SETTINGS
@given(st.integers(min_value=0, max_value=10**12))
def test_parse_number_reads_digits_with_thousands_separators(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n
