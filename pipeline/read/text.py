"""Plain text files: bytes on disk to the text every offset refers to.

Also the helpers every reader shares: reading a file within ``max_bytes``, decoding
bytes of an unknown encoding, normalising text and checking ``max_chars``.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from pipeline.core.errors import InputError
from pipeline.core.records import DocumentText, SourceFile
from pipeline.core.settings import Limits

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = "cp1252"
# Share of control characters above which bytes are taken for binary data, not text.
_MAX_CONTROL_SHARE = 0.01
# Unicode category Cc is exactly these two ranges.
_CONTROL_NOT_SPACE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_CONTROL_NOT_KEPT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


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
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise InputError("undecodable bytes: not UTF-8 and no other text encoding fits")
    # Short texts fit several code pages equally well; Windows-1252 (which includes the
    # printable Latin-1) is by far the likeliest of them, DOS and Mac pages the least.
    if any(m.chaos <= best.chaos and _WESTERN in m.could_be_from_charset for m in matches):
        try:
            return data.decode(_WESTERN), _WESTERN
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def normalise_text(text: str) -> str:
    """Unix line ends, no control characters other than newline and tab, and NFC.

    The controls go before NFC composes: one between a letter and its accent ("e\\x7f\\u0301",
    in a damaged file) would otherwise keep them apart, and the text would not be NFC once it
    went.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    return unicodedata.normalize("NFC", _CONTROL_NOT_KEPT.sub("", text))


def looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL_NOT_SPACE.findall(text))
    return controls / len(text) > _MAX_CONTROL_SHARE


def over_bytes(size: int, limits: Limits) -> InputError:
    return InputError(f"file is {size} bytes, over the limit of {limits.max_bytes} (max_bytes)")


def check_chars(text: str, limits: Limits) -> None:
    if len(text) > limits.max_chars:
        raise InputError(f"text is {len(text)} characters, over the limit of {limits.max_chars} (max_chars)")


def read_bytes(source: SourceFile, limits: Limits) -> bytes:
    """The file's bytes, never more than the limit plus one (the file may have grown)."""
    if source.size > limits.max_bytes:
        raise over_bytes(source.size, limits)
    try:
        with source.path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or type(exc).__name__}") from exc
    if len(data) > limits.max_bytes:
        raise over_bytes(len(data), limits)
    return data


def check_not_blank(data: bytes) -> None:
    if not data.strip():
        raise InputError("empty file" if not data else "file holds only white space")


def read_text_file(source: SourceFile, limits: Limits) -> DocumentText:
    data = read_bytes(source, limits)
    check_not_blank(data)
    raw, encoding = decode_text(data)
    check_chars(raw, limits)
    if looks_binary(raw):
        raise InputError("binary data, not text (too many control characters)")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError("file holds only white space")
    return DocumentText(source.relative_path, text, (0,), (), "text", encoding)

