"""Names as keys for linking: the same person, organisation or place written two ways gives
one key. Pure functions over the words of ``pipeline/data/archive.yaml`` (``Words``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from pipeline.core.datafiles import load_data

DATA_FILE = "archive.yaml"

_NOT_WORD = re.compile(r"[^\w&]+")
_POSSESSIVE = re.compile(r"[\u2019']s\b")
_HYPHENS = re.compile(r"[\u2010-\u2015-]")
_INITIAL = re.compile(r"^[a-z]$")
_SERIES_NOISE = re.compile(
    r"\b(?:no|issue|vol|volume|number)\.?\s*\d+\b|\b\d{1,4}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Words:
    """The archive layer's word lists, loaded once (``load_words``)."""

    # a status -> one pattern of its phrases (one search, not one per phrase: 60 of them)
    status_phrases: tuple[tuple[str, re.Pattern[str]], ...]
    name_status_words: frozenset[str]
    nickname_of: dict[str, frozenset[str]]  # a first name -> every form it shares a person with
    spelling: dict[str, str]  # variant -> the form it is read as
    place_words: dict[str, str]  # abbreviation -> the full word
    acronym_skip: frozenset[str]
    honorifics: frozenset[str]  # case-folded, without the full stop
    fuzzy_min_ratio: int = 92
    fuzzy_min_length: int = 8
    event_name_min_ratio: int = 80
    undated_event_name_min_ratio: int = 92


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """One pattern for every phrase of a status: any of them, as a whole phrase ("*" any word)."""
    alternatives = (
        r"\s+".join(r"\w+" if w == "*" else re.escape(w) for w in phrase.casefold().split())
        for phrase in phrases
    )
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def words_from(data: dict[str, Any], honorifics: dict[str, list[str]]) -> Words:
    """``Words`` from the parsed data file (and the people extractor's honorifics)."""
    nickname_of: dict[str, set[str]] = {}
    for full, shorts in data["nicknames"].items():
        group = {full, *shorts}
        for name in group:
            nickname_of.setdefault(name, set()).update(group)
    return Words(
        status_phrases=tuple(
            (status, _phrase_pattern(phrases)) for status, phrases in data["status_phrases"].items()
        ),
        name_status_words=frozenset(w.casefold() for w in data["name_status_words"]),
        nickname_of={k: frozenset(v) for k, v in nickname_of.items()},
        spelling={fold(v): fold(k) for k, vs in data["spelling_variants"].items() for v in vs},
        place_words={
            fold(v).rstrip("."): fold(k) for k, vs in data["place_abbreviations"].items() for v in vs
        },
        acronym_skip=frozenset(w.casefold() for w in data["acronym_skip_words"]),
        honorifics=frozenset(fold(form).rstrip(".") for forms in honorifics.values() for form in forms),
        fuzzy_min_ratio=int(data["fuzzy_min_ratio"]),
        fuzzy_min_length=int(data["fuzzy_min_length"]),
        event_name_min_ratio=int(data["event_name_min_ratio"]),
        undated_event_name_min_ratio=int(data["undated_event_name_min_ratio"]),
    )


@cache
def load_words() -> Words:
    return words_from(load_data(DATA_FILE), load_data("people.yaml")["honorifics"])


@lru_cache(maxsize=1 << 16)  # the same names come back in every bulletin of an archive
def fold(text: str) -> str:
    """Case-folded, accents dropped, one kind of hyphen and apostrophe: "Lyngå" -> "lynga"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _HYPHENS.sub("-", text.replace("\u2019", "'").replace("\u2018", "'"))
    return text.casefold().strip()


def tokens(name: str) -> list[str]:
    """The words of a name, folded; a hyphen or full stop splits words ("Osei-Mensah")."""
    text = _POSSESSIVE.sub("s", fold(name))
    return [t for t in _NOT_WORD.sub(" ", text.replace("-", " ").replace("_", " ")).split() if t]


def person_tokens(name: str, words: Words) -> list[str]:
    """A person's name without honorifics: "Dr. Ann Carter" -> ["ann", "carter"]."""
    parts = tokens(name)
    while len(parts) > 1 and parts[0] in words.honorifics:
        parts = parts[1:]
    return parts


def is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


def organisation_key(name: str, words: Words) -> str:
    """ "The Organization for Cooperation" and "Organisation for Co-operation" -> one key."""
    text = fold(name)
    for variant, form in words.spelling.items():
        if " " in variant or "-" in variant:
            text = text.replace(variant, form)
    parts = [words.spelling.get(t, t) for t in tokens(text)]
    if parts and parts[0] == "the":
        parts = parts[1:]
    return " ".join(parts)


def place_key(name: str, words: Words) -> str:
    """ "Kathner St" and "Kathner Street" -> "kathner street"; "the ACT" -> "act"."""
    parts = [words.place_words.get(t, t) for t in tokens(name)]
    if parts and parts[0] == "the":
        parts = parts[1:]
    return " ".join(parts)


def compact(key: str) -> str:
    """A key without spaces: "osei mensah" and "oseimensah" agree."""
    return key.replace(" ", "")


def initials(name: str, words: Words) -> str | None:
    """An organisation's acronym from its name: "Cooleman Ridge Park Care Group" -> "CRPCG";
    None for a name of one word (its initial says nothing)."""
    letters = []
    raw = [w for w in re.split(r"[\s\-/]+", name.strip()) if w]
    if len(raw) < 2:
        return None
    for word in raw:
        bare = re.sub(r"[^\w&]", "", word)
        if not bare or bare.casefold() in words.acronym_skip:
            continue
        letters.append(bare if bare.isupper() and len(bare) > 1 else bare[0].upper())
    acronym = "".join(letters)
    return acronym if len(acronym) >= 2 else None


def looks_like_acronym(name: str) -> bool:
    """ "CRPCG", "U.N.", "UNDESA": one word of capitals (dots allowed), at least two letters."""
    bare = name.replace(".", "").strip()
    return 2 <= len(bare) <= 12 and " " not in bare and bare.isupper() and bare.isalpha()


def event_name_key(name: str, words: Words) -> str:
    """An event's name without the words that say when it is seen from:
    "Next meeting" and "previous Meeting" -> "meeting"."""
    return " ".join(t for t in tokens(name) if t not in words.name_status_words)


def series_key(issuing_body: str | None, title: str | None, source_file: str) -> str:
    """The series a bulletin belongs to: its issuing body, else its title without the issue's
    number and date, else its file name without digits."""
    for text in (issuing_body, title):
        if text and (key := " ".join(tokens(_SERIES_NOISE.sub(" ", text)))):
            return key
    stem = source_file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return " ".join(tokens(re.sub(r"\d+", " ", stem)))
