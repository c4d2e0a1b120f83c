"""Reading stage: bytes on disk to the plain text every offset refers to."""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import replace

from charset_normalizer import from_bytes

from pipeline.errors import InputError
from pipeline.records import DocumentText, SourceFile
from pipeline.settings import Limits

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which bytes are taken for binary data, not text.
_MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bulletin bytes: a BOM wins, then UTF-8, then a detected encoding.

    Returns (text, encoding). Raises InputError when the bytes are not text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {encoding} despite its byte-order mark") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise InputError("binary data, not text (contains NUL bytes)")
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError("undecodable bytes: not UTF-8 and no other text encoding fits")
    return str(best), best.encoding


def normalise_text(text: str) -> str:
    """Unix line ends, NFC, and no control characters other than newline and tab."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return controls / len(text) > _MAX_CONTROL_SHARE


def read_text_file(source: SourceFile, limits: Limits) -> DocumentText:
    if source.size > limits.max_bytes:
        raise InputError(f"file is {source.size} bytes, over the limit of {limits.max_bytes} (max_bytes)")
    data = source.path.read_bytes()
    if not data.strip():
        raise InputError("empty file" if not data else "file holds only white space")
    raw, encoding = decode_text(data)
    if _looks_binary(raw):
        raise InputError("binary data, not text (too many control characters)")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError("file holds only white space")
    return DocumentText(source.relative_path, text, (0,), (), "text", encoding)


def read_document(source: SourceFile, limits: Limits) -> DocumentText:
    """Text of a bulletin, whatever its format. Raises InputError for bad input."""
    if source.path.suffix.lower() == ".pdf":
        from pipeline.read_pdf import read_pdf

        if source.size > limits.max_bytes:
            raise InputError(f"file is {source.size} bytes, over the limit of {limits.max_bytes} (max_bytes)")
        document = read_pdf(source.path, max_pages=limits.max_pages)
        return replace(document, source_file=source.relative_path)
    return read_text_file(source, limits)
