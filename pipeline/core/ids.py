"""Stable ids: the same content always gives the same id, run after run."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache


def stable_id(*parts: object) -> str:
    """First 16 hex digits of the SHA-1 of the parts joined by a unit separator."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def without_accents(text: str) -> str:
    """The text with its combining accents dropped ("Février" -> "Fevrier", "ÉTAIENT" ->
    "ETAIENT"); letters with no decomposition ("ø") stay."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


_POSSESSIVE = re.compile(r"[\u2019']s\b")
_NOT_WORD = re.compile(r"[^\w]+")
_LEADING_THE = re.compile(r"^the ")


@lru_cache(maxsize=1 << 16)  # the same words and names are keyed again by every stage
def normalise_name(name: str) -> str:
    """Key for matching names: NFKC, case-folded, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _POSSESSIVE.sub("s", text)
    text = _NOT_WORD.sub(" ", text)
    text = _LEADING_THE.sub("", text.strip())
    return text.strip()
