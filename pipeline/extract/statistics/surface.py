"""What is written around a number: its qualifier, currency or unit, and the rows it gives.

Matched on the text either side of the number rather than on the parse, as these words are
short, fixed phrases from the data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from pipeline.extract.sentences import sentence_span
from pipeline.extract.statistics.numbers import HYPHENS, Core, core_chars
from pipeline.extract.statistics.rules import StatisticsRules, default_rules, key

WINDOW = 80  # characters looked at either side of a number


def _alternation(phrases: Iterable[str]) -> str:
    parts = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


@cache
def _before_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({_alternation(phrases)})\s*$", re.IGNORECASE)


@cache
def after_pattern(phrases: tuple[str, ...], hyphen: bool) -> re.Pattern[str]:
    lead = rf"(?:\s*|[{HYPHENS}])" if hyphen else r"\s*"
    return re.compile(rf"^{lead}({_alternation(phrases)})(?!\w)", re.IGNORECASE)


@cache
def _codes_pattern(codes: tuple[str, ...], before: bool) -> re.Pattern[str]:
    alternation = "|".join(sorted(codes))
    if before:
        return re.compile(rf"(?<![\w$])({alternation})\s*$")
    return re.compile(rf"^\s*({alternation})(?!\w)")


def match_qualifier_before(text: str, rules: StatisticsRules | None = None) -> tuple[str, int] | None:
    """Qualifier ending ``text`` (the words just before a number): (canonical, start offset)."""
    rules = rules or default_rules()
    match = _before_pattern(tuple(rules.qualifiers_before)).search(text)
    if match is None:
        return None
    return rules.qualifiers_before[key(match.group(1))], match.start(1)


def match_qualifier_after(text: str, rules: StatisticsRules | None = None) -> tuple[str, int] | None:
    """Qualifier starting ``text`` (just after a number and its unit): (canonical, end offset)."""
    rules = rules or default_rules()
    match = after_pattern(tuple(rules.qualifiers_after), False).match(text)
    if match is None:
        return None
    return rules.qualifiers_after[key(match.group(1))], match.end(1)


def match_currency_before(text: str, rules: StatisticsRules | None = None) -> tuple[str, int] | None:
    """Currency ending ``text`` ("USD ", "US$", "€"): (ISO 4217 code, start offset)."""
    rules = rules or default_rules()
    found: list[tuple[str, int]] = []
    match = _before_pattern(tuple(rules.currency_before)).search(text)
    if match:
        found.append((rules.currency_before[key(match.group(1))], match.start(1)))
    code = _codes_pattern(tuple(rules.currency_codes), True).search(text)
    if code:
        found.append((code.group(1), code.start(1)))
    return min(found, key=lambda item: item[1]) if found else None


def match_unit_after(text: str, rules: StatisticsRules | None = None) -> tuple[str, int] | None:
    """Unit or currency starting ``text`` (just after a number): (unit, end offset)."""
    rules = rules or default_rules()
    found: list[tuple[str, int]] = []
    unit = after_pattern(tuple(rules.units_after), True).match(text)
    if unit:
        found.append((rules.units_after[key(unit.group(1))], unit.end(1)))
    money = after_pattern(tuple(rules.currency_after), False).match(text)
    if money:
        found.append((rules.currency_after[key(money.group(1))], money.end(1)))
    code = _codes_pattern(tuple(rules.currency_codes), False).match(text)
    if code:
        found.append((code.group(1), code.end(1)))
    return max(found, key=lambda item: item[1]) if found else None


@dataclass(frozen=True)
class Surface:
    """What is written around one number: qualifier, unit, and the phrase's extent."""

    qualifier: str | None
    unit: str | None
    start: int  # section offsets, qualifier and currency included
    end: int  # unit and trailing qualifier included


@dataclass(frozen=True)
class Row:
    value: float
    qualifier: str | None
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Group:
    """One number, or two read together (a range, or the two ends of a change)."""

    cores: tuple[Core, ...]
    rows: tuple[Row, ...]
    unit: str | None
    char_start: int
    char_end: int
    written_qualifier: bool


def _line_stop(text: str, end: int, limit: int) -> int:
    """Where the words after a number stop: at ``limit``, or at the end of the number's line
    when the next line starts with a capital (a list of "Label figure" lines, where the next
    line's first word is no unit of this figure: "Volunteers 23 / Hours 96")."""
    newline = text.find("\n", end, limit)
    if newline < 0 or text[end:newline].strip():
        return limit
    following = text[newline:limit].lstrip()
    return newline if following[:1].isupper() else limit


def surface(
    doc: Doc, text: str, core: Core, rules: StatisticsRules, span: tuple[int, int] | None = None
) -> Surface:
    """Qualifier, currency or unit and trailing qualifier around a number at ``span``."""
    sent = sentence_span(doc, core.start)
    start, end = span or core_chars(doc, core)
    # Qualifiers and units are short: look a few words either side, within the sentence.
    left = max(sent.start_char, start - WINDOW)
    before = text[left:start]
    stop = _line_stop(text, end, min(sent.end_char, end + WINDOW))
    after = text[end:stop]
    unit: str | None = None
    currency = match_currency_before(before, rules)
    if currency:
        unit = currency[0]
        start = left + currency[1]
        before = text[left:start]
        scaled = re.match(r"^\s*(bn|mn|mln|m|k)(?!\w)", after, re.IGNORECASE)
        if scaled:
            end += scaled.end(1)
            after = text[end:stop]
    measured = match_unit_after(after, rules)
    if measured and (unit is None or measured[0] == unit):
        unit = measured[0]
        end += measured[1]
        after = text[end:stop]
    qualifier: str | None = None
    found = match_qualifier_before(before, rules)
    if found:
        qualifier = found[0]
        start = left + found[1]
    else:
        postfix = match_qualifier_after(after, rules)
        if postfix:
            qualifier = postfix[0]
            end += postfix[1]
    return Surface(qualifier, unit, start, end)
