"""Text as the golden rules compare it (shared/golden/README.md).

Case, Unicode width, white space, surrounding punctuation and a leading "the" do not count, so a
gold entry matches however the bulletin set the name; a source is known by its file name alone,
whatever folder or path separator the tables recorded.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

STOPWORDS: frozenset[str] = frozenset({"a", "an", "and", "of", "the", "for", "on", "in", "to"})

_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFKC, case-folded, white space collapsed, surrounding punctuation and a leading
    "the " removed."""
    out = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    while True:
        stripped = _strip_punctuation(out)
        if stripped.startswith("the "):
            stripped = stripped[4:]
        if stripped == out:
            return out
        out = stripped


def _strip_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def words(text: str) -> frozenset[str]:
    """Alphanumeric tokens of the normalised text, less the README's stop words."""
    return frozenset(w for w in _WORD.findall(normalise(text)) if w not in STOPWORDS)


def file_name(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).name
