"""Consistency checks for the hand-written golden files in tests/golden.

They do not score anything: they catch typos that would make a golden file unfair to the
pipeline (a section title that is not the heading, a date text or a statistic value that is
not in the section it is filed under, a name that is not in the bulletin).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

TESTS = Path(__file__).resolve().parent
GOLDEN_DIR = TESTS / "golden"
RAW_DIR = TESTS.parent / "data" / "raw"
GOLDEN_FILES = sorted(GOLDEN_DIR.glob("*.gold.yaml"))

TABLES = ("sections", "people", "organisations", "places", "dates", "events", "statistics")
ALLOWED_KEYS = {"document", *TABLES, *(f"{t}_optional" for t in TABLES)}
SECTIONED_TABLES = ("dates", "events", "statistics")

# A heading is a line "N. Title" standing as its own paragraph.
_HEADING = re.compile(r"(?:\A|\n[ \t]*\n)(\d{1,3})\. ([^\n]*\S)[ \t]*(?=\n[ \t]*\n|\n?\Z)")
_STEM_MONTH = re.compile(r"(\d{4}-\d{2})$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_UNITS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"),
    *("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen"),
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


# --------------------------------------------------------------------------- helpers


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: top level is not a mapping"
    return data


def bulletin_text(gold: dict[str, Any]) -> str:
    return (RAW_DIR / gold["document"]["source"]).read_text(encoding="utf-8")


def headings(text: str) -> list[tuple[int, str, int]]:
    """(number, title, offset of the heading line) for each heading line, in text order."""
    out = []
    for match in _HEADING.finditer(text):
        out.append((int(match.group(1)), match.group(2), match.start(1)))
    return out


def section_texts(text: str) -> dict[int | None, str]:
    """Text of each numbered section (heading included) and of the masthead (key None)."""
    found = headings(text)
    parts: dict[int | None, str] = {None: text[: found[0][2]] if found else text}
    for i, (number, _title, start) in enumerate(found):
        end = found[i + 1][2] if i + 1 < len(found) else len(text)
        parts[number] = text[start:end]
    return parts


def number_words(n: int) -> str | None:
    if 0 <= n < 20:
        return _UNITS[n]
    if 20 <= n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_UNITS[units]}" if units else "")
    return None


FRENCH_NUMBER_WORDS = {
    1: "un", 2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit", 9: "neuf",
    10: "dix", 11: "onze", 12: "douze", 20: "vingt", 30: "trente", 40: "quarante", 50: "cinquante",
}  # fmt: skip


def value_forms(value: float) -> set[str]:
    """Ways a bulletin may write a statistic's value: 3300, 3,300, twelve, 2.5 million; and as
    French writes it: 3 300 (a space, a no-break space or a narrow one), 12,5, deux, 2,4 millions."""
    forms: set[str] = set()
    if value == int(value):
        n = int(value)
        forms |= {str(n), f"{n:,}"}
        forms |= {f"{n:,}".replace(",", space) for space in (" ", "\u00a0", "\u202f")}
        words = number_words(n)
        if words:
            forms.add(words)
        if n in FRENCH_NUMBER_WORDS:
            forms.add(FRENCH_NUMBER_WORDS[n])
    else:
        forms |= {f"{value:g}", f"{value:g}".replace(".", ",")}
    for scale, word, french in ((1e9, "billion", "milliard"), (1e6, "million", "million")):
        if value >= scale:
            forms.add(f"{value / scale:g} {word}")
            forms |= {f"{value / scale:g} {french}{s}".replace(".", ",") for s in ("", "s")}
    return forms


def appears(form: str, text: str) -> bool:
    """``form`` occurs in ``text`` as a whole number or word (not inside 140 or 2,300)."""
    pattern = rf"(?<![\w.,]){re.escape(form)}(?!\w|[.,]\d)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def alternatives(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [str(v) for v in values]


def all_entries(gold: dict[str, Any], table: str) -> list[dict[str, Any]]:
    return [*(gold.get(table) or []), *(gold.get(f"{table}_optional") or [])]


def entry_ids(paths: list[Path]) -> list[str]:
    return [p.name.removesuffix(".gold.yaml") for p in paths]


# ------------------------------------------------------------------- helper checks


@pytest.mark.parametrize(
    ("value", "text", "expected"),
    [
        (3300, "drew 3,300 visitors", True),
        (34, "Thirty-four governments replied", True),
        (2500000, "financed with USD 2.5 million", True),
        (72.5, "72.5% of respondents", True),
        (12, "a delegation of twelve officials", True),
        (40, "over 140 people", False),
        (2, "A/RES/68/12", False),
        (300, "some 3,300 visitors", False),
        (5, "USD 2.5 million", False),
    ],
)
def test_value_forms_find_whole_numbers_only(value: float, text: str, expected: bool) -> None:
    assert any(appears(form, text) for form in value_forms(value)) is expected


def test_section_texts_split_at_paragraph_headings_only() -> None:
    text = (
        "Masthead: May 2020\n\n1. First Item\n\nBody with a list:\n\n"
        "2. Second Item\n\nText.\n1. not a heading, no blank line before\n\n3. Third Item\n\nEnd."
    )
    parts = section_texts(text)
    assert [(n, t) for n, t, _ in headings(text)] == [
        (1, "First Item"),
        (2, "Second Item"),
        (3, "Third Item"),
    ]
    assert parts[None].strip() == "Masthead: May 2020"
    assert parts[2].startswith("2. Second Item") and "not a heading" in parts[2]


# ------------------------------------------------------------------- golden files


def test_golden_files_exist() -> None:
    assert GOLDEN_FILES, f"no *.gold.yaml in {GOLDEN_DIR}"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_top_level_keys(path: Path) -> None:
    gold = load(path)
    assert set(gold) <= ALLOWED_KEYS, f"unknown keys: {set(gold) - ALLOWED_KEYS}"
    assert {"document", *TABLES} <= set(gold), f"missing: {{'document', *TABLES}} - {set(gold)}"
    assert {"source", "title", "issue_date"} <= set(gold["document"])
    for key in set(gold) - {"document"}:
        assert isinstance(gold[key], list) and all(isinstance(e, dict) for e in gold[key]), key


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_document_matches_its_bulletin(path: Path) -> None:
    gold = load(path)
    source = gold["document"]["source"]
    assert (RAW_DIR / source).is_file(), f"{source} is not in data/raw"
    stem = path.name.removesuffix(".gold.yaml")
    assert Path(source).stem == stem
    month = _STEM_MONTH.search(stem)
    assert month is not None and str(gold["document"]["issue_date"]) == month.group(1)
    masthead = section_texts(bulletin_text(gold))[None]
    assert any(title in masthead for title in alternatives(gold["document"]["title"]))


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_sections_are_the_heading_lines(path: Path) -> None:
    gold = load(path)
    expected = [(s["number"], s["title"]) for s in gold["sections"]]
    assert [(n, t) for n, t, _ in headings(bulletin_text(gold))] == expected


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_entries_name_existing_sections(path: Path) -> None:
    gold = load(path)
    numbers = {None, *(s["number"] for s in gold["sections"])}
    for table in SECTIONED_TABLES:
        for entry in all_entries(gold, table):
            assert "section" in entry, f"{table}: {entry}"
            assert entry["section"] in numbers, f"{table}: {entry}"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_date_texts_are_in_their_section(path: Path) -> None:
    gold = load(path)
    parts = section_texts(bulletin_text(gold))
    for entry in all_entries(gold, "dates"):
        for text in alternatives(entry["text"]):
            assert text in parts[entry["section"]], f"{text!r} not in section {entry['section']}"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_date_ranges_are_ordered(path: Path) -> None:
    gold = load(path)
    for table in ("dates", "events"):
        for entry in all_entries(gold, table):
            if "start" not in entry or "end" not in entry:
                continue
            for start in map(str, alternatives(entry["start"])):
                for end in map(str, alternatives(entry["end"])):
                    if _FULL_DATE.match(start) and _FULL_DATE.match(end):
                        assert start <= end, f"{table}: {entry}"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_statistic_values_are_in_their_section(path: Path) -> None:
    gold = load(path)
    parts = section_texts(bulletin_text(gold))
    for entry in gold["statistics"]:
        text = parts[entry["section"]]
        forms = value_forms(entry["value"])
        assert any(appears(f, text) for f in forms), f"none of {forms} in {entry['section']}"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_names_are_in_the_bulletin(path: Path) -> None:
    gold = load(path)
    text = bulletin_text(gold)
    for person in gold["people"]:
        assert person["name"] in text, person
    for table, keys in (("organisations", ("name", "acronym")), ("places", ("name",))):
        for entry in all_entries(gold, table):
            names = [n for k in keys if k in entry for n in alternatives(entry[k])]
            assert any(n in text for n in names), f"{table}: {entry}"


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_each_person_organisation_and_place_is_listed_once(path: Path) -> None:
    gold = load(path)
    for table in ("people", "organisations", "places"):
        names = Counter(n.casefold() for e in all_entries(gold, table) for n in alternatives(e["name"]))
        assert not [n for n, c in names.items() if c > 1], table


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_person_organisations_are_listed(path: Path) -> None:
    gold = load(path)
    known = {
        n.casefold()
        for e in all_entries(gold, "organisations")
        for k in ("name", "acronym")
        if k in e
        for n in alternatives(e[k])
    }
    for person in gold["people"]:
        if "organisation" in person:
            wanted = alternatives(person["organisation"])
            assert any(o.casefold() in known for o in wanted), person


@pytest.mark.parametrize("path", GOLDEN_FILES, ids=entry_ids(GOLDEN_FILES))
def test_the_evaluator_accepts_the_file(path: Path) -> None:
    from pipeline.review.evaluate import load_golden

    golden = load_golden(path)
    assert golden.source_name == load(path)["document"]["source"]
