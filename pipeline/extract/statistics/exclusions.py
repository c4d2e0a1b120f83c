"""What is not a statistic: telephone numbers, codes, list markers, names, dates, years,
ratios and sets already introduced.

One place for every reason a number is set aside, so the stage can ask before it looks for
a subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from pipeline.extract.statistics.numbers import (
    DIGITS,
    HYPHENS,
    RANGE_TOKEN,
    Core,
    core_chars,
    is_year_like,
    local_digits,
)
from pipeline.extract.statistics.rules import StatisticsRules, default_rules, key
from pipeline.extract.statistics.surface import WINDOW, Group, after_pattern

_NUMBER_WITH_SUFFIX = re.compile(rf"{DIGITS}(%|\+|[a-zA-Z²]+)?")
_NUMBER_RANGE = re.compile(rf"{DIGITS}[{HYPHENS}]{DIGITS}(%)?")
_NUMBER_HYPHEN_WORD = re.compile(rf"{DIGITS}[{HYPHENS}][a-zA-Z]+")
_HYPHENATED_WORD = re.compile(rf"[a-zA-Z]+([{HYPHENS}][a-zA-Z]+)*")
_NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "EVENT", "PERSON"})
_STRIP_CHUNK = "()[]{}\"'“”‘’«»,;.!?:"


def is_code_chunk(chunk: str, rules: StatisticsRules | None = None) -> bool:
    """True when a white-space delimited chunk holding a number is a code, URL, time or name.

    "A/RES/67/195", "post-2015", "G-20", "10:00", "www.x.org/2013" are codes;
    "3,300", "75%", "(2012)", "US$2.5m", "5bn", "20-30", "twenty-five", "three-day" are not.
    """
    rules = rules or default_rules()
    text = local_digits(chunk.strip(_STRIP_CHUNK), rules)  # "12,5" where the language writes a decimal comma
    folded = text.casefold()
    for prefix, folded_prefix in rules.code_prefixes:
        if folded.startswith(folded_prefix) and text[len(prefix) :][:1].isdigit():
            text = text[len(prefix) :]
            break
    if _NUMBER_WITH_SUFFIX.fullmatch(text):
        return False
    if _NUMBER_RANGE.fullmatch(text):
        return False
    if _NUMBER_HYPHEN_WORD.fullmatch(text):
        return False
    return not _HYPHENATED_WORD.fullmatch(text)


def _chunk(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The white-space delimited chunk of ``text`` around [start, end)."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    return text[left:right], left, right


def _previous_chunk(text: str, left: int) -> str:
    words = text[max(0, left - WINDOW) : left].split()
    while words and all(ch in HYPHENS + ":#" for ch in words[-1]):
        words.pop()
    return words[-1] if words else ""


def _is_list_marker(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", max(0, start - WINDOW), start) + 1
    before = text[line_start:start].strip()
    if before in ("", "(") and re.match(r"[.)](\s|$)", text[end : end + 2] + " "):
        return True
    return text[start - 1 : start] == "(" and text[end : end + 1] == ")"


_DIGIT_RUN = re.compile(r"(?<![\w.,\-–—])[+(]?\d+\)?(?:[ \u00a0][+(]?\d+\)?)+(?![\w\-–—%]|[.,]\d)")


def in_telephone_number(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is one group of a telephone-like run of digit groups.

    Counts are never written as bare digit groups side by side: "+41 22 555 0148",
    "800 1021" and "(0)20 7946" are numbers to dial. "15 000" (thousands grouped by a
    space) and "In 2013 600 teachers" (a year, then a count) are not such runs.
    """
    # Within the line, and near the number: a paragraph may be one long line of many numbers.
    line_start = text.rfind("\n", max(0, start - WINDOW), start) + 1 or max(0, start - WINDOW)
    line_end = text.find("\n", end, end + WINDOW)
    line_end = min(len(text), end + WINDOW) if line_end < 0 else line_end
    for match in _DIGIT_RUN.finditer(text, line_start, line_end):
        if match.start() <= start and end <= match.end():
            groups = match.group().split()
            if (
                groups[0].isdigit()
                and len(groups[0]) <= 3
                and all(len(g) == 3 and g.isdigit() for g in groups[1:])
            ):
                return False
            if any(g[0] in "+(" or (g[0] == "0" and len(g) > 1) for g in groups):
                return True
            return len(groups) > 2 or not is_year_like(groups[0])
        if match.start() > end:
            break
    return False


def is_code_context(doc: Doc, text: str, core: Core, rules: StatisticsRules) -> bool:
    """A number in a code, URL, list marker, reference ("Room 12") or clock time."""
    start, end = core_chars(doc, core)
    for token in doc[core.start : core.end]:
        if any(ch.isdigit() for ch in token.text):
            chunk, _, _ = _chunk(text, token.idx, token.idx + len(token.text))
            if is_code_chunk(chunk, rules) or "//" in chunk or "@" in chunk:
                return True
    if _is_list_marker(text, start, end) or in_telephone_number(text, start, end):
        return True
    _, left, _ = _chunk(text, start, end)
    previous = _previous_chunk(text, left)
    if re.search(r"[a-zA-Z]", previous) and re.search(r"\d", previous):
        return True  # "Room DC2 – 1725"
    if not previous.endswith((",", ";", ":")):
        words = {key(previous.strip("()[]\"'“”‘’")), key(previous.strip(_STRIP_CHUNK))}
        if words & rules.name_context_before:
            return True
        bare = previous.strip(_STRIP_CHUNK)
        labelled = bare[:1].isupper() and key(bare) in rules.capitalised_labels
        if labelled and _small_label(text[start:end], core):
            return True
    following = text[end : end + 12].casefold()
    return after_pattern(rules.time_markers_after, False).match(following) is not None


def _small_label(written: str, core: Core) -> bool:
    """A number as a label is written as a small whole number ("Camp 4", "Year 12"); a count
    after a name ("Kakuma Camp 4,500") has separators or more digits."""
    return core.upper is None and core.value.is_integer() and core.value < 1000 and written.isdigit()


def follows(doc: Doc, core: Core, references: set[int]) -> bool:
    """A number listed after a reference number ("items 3 and 4", "pages 12, 14")."""
    index = core.start - 1
    if index < 1 or doc[index].lower_ not in (",", "and", "or", "to", "of", "&", *HYPHENS):
        return False
    return index in references


def in_name(doc: Doc, core: Core, rules: StatisticsRules) -> bool:
    """A number inside a named entity after a capitalised word: "Post 2015 Agenda".

    A currency code is not such a word: the model sometimes tags "FJD 2.4 million" as a name.
    """
    token = doc[core.start]
    if token.ent_type_ not in _NAME_LABELS or token.ent_iob_ != "I":
        return False
    index = core.start - 1
    while index >= 0:
        previous = doc[index]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            break  # a heading line above is not part of the name
        if previous.text in rules.currency_codes:
            return False
        if previous.is_alpha and previous.text[:1].isupper():
            return True
        if previous.ent_iob_ == "B":
            break
        index -= 1
    return False


def is_date(doc: Doc, group: Group, rules: StatisticsRules) -> bool:
    """Day numbers next to a month: "6, 15 and 27 November", "November 5", "12-13 November".

    A number with a unit ("in May, 25 per cent more") is no day, nor is one after a month and
    a comma ("in May, 25 delegates"): American dates write "May 25".
    """
    first = group.cores[0]
    if max(first.value, first.upper or 0) > 31 and not is_year_like(doc[first.start].text):
        return False
    if group.unit is not None:
        return False
    index = group.cores[-1].end
    while index < len(doc):
        token = doc[index]
        if token.text in rules.months:
            return True
        joins = token.text in (",", "and", "to", "or", "&") or token.text in HYPHENS
        if joins or re.fullmatch(r"\d{1,2}(st|nd|rd|th)?", token.text):
            index += 1
        else:
            break
    index = first.start - 1
    comma = False
    while index >= 0 and doc[index].text in (",", "the", "of"):
        comma = comma or doc[index].text == ","
        index -= 1
    if index < 0:
        return False
    return (doc[index].text in rules.months and not comma) or doc[index].text in rules.weekdays


def is_year(doc: Doc, group: Group, plural_noun: bool, rules: StatisticsRules) -> bool:
    core = group.cores[0]
    text = doc[core.start].text
    years = RANGE_TOKEN.match(text)
    shaped = is_year_like(text) or bool(years and is_year_like(years[1]) and is_year_like(years[2]))
    if core.end - core.start != 1 or not shaped or group.written_qualifier:
        return False
    previous = doc[core.start - 1].lower_ if core.start > 0 else ""
    if previous in rules.year_context_before or previous in HYPHENS:
        return True
    return not plural_noun and group.unit is None


def is_ordinal(doc: Doc, group: Group, rules: StatisticsRules) -> bool:
    """ "the 6 th meeting": an ordinal whose ending is written apart (a superscript split off)."""
    last = group.cores[-1].end - 1
    after = doc[last + 1] if last + 1 < len(doc) else None
    return (
        after is not None
        and doc[last].whitespace_ in ("", " ")
        and after.text in rules.ordinal_suffixes
        and doc[last].text[-1:].isdigit()
    )


def is_anaphoric(doc: Doc, group: Group, rules: StatisticsRules) -> bool:
    """ "the two parties", "these three sessions": a set already introduced, not a new count."""
    core = group.cores[0]
    if not doc[core.start].is_alpha or group.rows[0].value > 2 or group.written_qualifier:
        return False
    return core.start > 0 and doc[core.start - 1].lower_ in rules.anaphoric_before


def is_ratio(doc: Doc, group: Group) -> bool:
    """ "one in five children", "3 out of 4 respondents": a proportion, not a count.

    "EUR 3 million in 2022" is an amount in a year: a year is never the other term.
    """
    first, last = group.cores[0], group.cores[-1]

    def term(i: int) -> bool:
        return 0 <= i < len(doc) and doc[i].like_num and not is_year_like(doc[i].text)

    after = [t.lower_ for t in doc[last.end : last.end + 2]]
    if after[:1] == ["in"] and term(last.end + 1):
        return True
    if after == ["out", "of"] and term(last.end + 2):
        return True
    before = [t.lower_ for t in doc[max(first.start - 3, 0) : first.start]]
    return (before[-1:] == ["in"] and len(before) > 1 and term(first.start - 2)) or (
        before[-2:] == ["out", "of"] and len(before) > 2 and term(first.start - 3)
    )


def overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)
