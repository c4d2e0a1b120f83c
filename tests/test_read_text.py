"""Reading stage: encodings, normalisation and bad text input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pipeline.core.errors import InputError
from pipeline.core.records import SourceFile
from pipeline.core.settings import Limits
from pipeline.read.discover import file_sha256
from pipeline.read.document import read_document
from pipeline.read.text import decode_text, normalise_text

SAMPLE = "Bulletin: “Quarterly” update – March 2014\n\n1. Café meeting in Zürich\n"


def _source(path: Path) -> SourceFile:
    return SourceFile(path, path.name, file_sha256(path), path.stat().st_size)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_decodes_unicode_encodings(data: bytes, encoding: str) -> None:
    text, found = decode_text(data)
    assert text == SAMPLE
    assert found == encoding


def test_detects_windows_1252_with_curly_quotes() -> None:
    text = (
        "The Division’s “Government Summit” was held in Dubai on 11 February 2013. "
        "Participants from the region’s ministries attended the café discussions. " * 3
    )
    decoded, encoding = decode_text(text.encode("cp1252"))
    assert "“Government Summit”" in decoded
    assert "café" in decoded
    assert encoding.lower().startswith("cp125")  # 1250 and 1252 agree on these characters


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc", "a\nb\nc"),
        ("page one\fpage two", "page one\n\npage two"),
        ("e\u0301", "é"),
        ("bell\x07 gone", "bell gone"),
        ("e\x7f\u0301", "é"),  # a control between a letter and its accent: gone before NFC composes
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\n  ", "only white space"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x00\x01\x02\xff\xfe\x00garbage" * 100, "binary"),
    ],
)
def test_bad_text_input_is_one_line_error(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason) as caught:
        read_document(_source(path), Limits())
    assert "\n" not in str(caught.value)


def test_file_over_byte_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("1. Title\n\n" + "word " * 1000, encoding="utf-8")
    with pytest.raises(InputError, match="max_bytes"):
        read_document(_source(path), Limits(max_bytes=100))


def test_text_file_is_one_page(tmp_path: Path) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    document = read_document(_source(path), Limits())
    assert document.page_starts == (0,)
    assert document.n_pages == 1
    assert document.source_file == "ok.txt"
    assert document.format == "text"
