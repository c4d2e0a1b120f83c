"""Statistics stage: numbers that count or measure something, with qualifier, unit and subject.

A statistic is a number written in digits or words ("3,300", "fifty", "2.5 million", "half")
together with what surrounds it on the page: a qualifier before or after it ("more than",
"nearly", "or more"), a currency ("USD", "$", "euros") or unit ("per cent", "km", "days") and
the thing counted, read from the dependency parse ("1630 onsite participants" -> "onsite
participants"; "75 per cent of people" -> "people"; "541 from the civil society" in a list
of "N representatives from X" -> "representatives from the civil society").

Not statistics: dates and years, ordinals ("7th", "eleventh": no number grammar reads them),
list and section numbers ("1.", "(3)"), numbers in headings, names, codes, rooms, times,
telephone numbers and URLs ("A/RES/67/195", "Room DC2 – 1725", "ICEGOV 2012", "+41 22 555
0148"), and a bare number whose subject cannot be found and that has no unit (nothing says
what it counts). A number in a name or code may sit inside what another number counts
("8 hold ISO 14001 certification"); any other number ends the counted phrase.

Subjects beyond the counted noun: a part of a set named before ("37 per cent of them" -> the
nearest plural noun before it that is counted, measured or a clause subject), the noun an
amount measures ("contracts worth USD 4 billion", "grants of up to EUR 900"), where an amount
goes ("invest FJD 2 million in a programme"), the whole subject of a verb of change
("complaints about delays had grown by 27 per cent"), a unit described by a clause ("the 10
days recommended in the guidelines"), the noun a comparative counts ("2.4 million views, 18
per cent more than ..."), a count that leaves its noun unsaid ("85 delegates in the room and
240 following online") and, for a number standing alone as subject, its verb with
auxiliaries, negation and complement ("had not revised theirs", "undertook to pilot ...").

Thousands may be set apart by a space ("15 000"). Ranges run upwards ("between 20 and 30
participants", "20-30 participants", "from 20 to 30 per cent"; not "USD 5,000 to three
schools") and give one row per bound, both with the qualifier "between" (``range_qualifier``)
and the same unit and subject: each row's ``text`` and offsets are those of its own bound
("between 20", "30"), so ids stay distinct and a reader sees both ends. This is how
analysts write ranges in golden files (value 20 and value 30). "from X to Y" after a verb
of change ("rose from 20 to 30 per cent") is also two rows, without the range qualifier.

The word "one" alone is not read as a count ("one of the priorities", "one day"), only
inside a larger number ("one hundred", "twenty-one", "one million").

Qualifiers, units, currencies, number words and context words live in
``pipeline/data/statistics.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from spacy.tokens import Doc, Token

from pipeline.core.datafiles import load_data
from pipeline.core.ids import stable_id
from pipeline.core.records import Section, Statistic
from pipeline.extract.context import DocumentContext, Extracted
from pipeline.extract.sentences import is_paragraph_break, sentence_span

DATA_FILE = "statistics.yaml"
FRACTION_DECIMALS = 2

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_TOKEN = re.compile(rf"^({_DIGITS})([a-zA-Z]*)$")
_RANGE_TOKEN = re.compile(rf"^({_DIGITS})[-–—]({_DIGITS})$")
_HYPHENS = "-–—"
# Compiled once: these run on every token or every number ("re.fullmatch(pattern)" would look
# the pattern up in re's cache on each call).
_INNER_HYPHEN = re.compile(rf"(?<=[a-zA-Z])[{_HYPHENS}](?=[a-zA-Z])")
_YEAR_LIKE = re.compile(r"(19|20)\d\d|2100")
_NUMBER_WITH_SUFFIX = re.compile(rf"{_DIGITS}(%|\+|[a-zA-Z²]+)?")
_NUMBER_RANGE = re.compile(rf"{_DIGITS}[{_HYPHENS}]{_DIGITS}(%)?")
_NUMBER_HYPHEN_WORD = re.compile(rf"{_DIGITS}[{_HYPHENS}][a-zA-Z]+")
_HYPHENATED_WORD = re.compile(rf"[a-zA-Z]+([{_HYPHENS}][a-zA-Z]+)*")
_GROUP_LEAD = re.compile(r"[1-9]\d{0,2}")
_GROUP_OF_THREE = re.compile(r"\d{3}")
# Dependency labels by which a number (or its unit) modifies the noun it counts.
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "predet", "det"})
_SUBJECT_EDGE_DEPS = frozenset({"det", "predet", "punct", "cc", "case", "nummod", "quantmod"})
_NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "EVENT", "PERSON"})
_RELATIVE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "where"})
_PERIOD_WORDS = frozenset({"first", "second", "last", "latter", "former", "other"})
_WINDOW = 80  # characters looked at either side of a number
_PREDICATE_DEPS = frozenset(
    {"dobj", "attr", "acomp", "prt", "advmod", "oprd", "dative", "prep", "xcomp", "ccomp"}
)
# Written between a subject and its verb, and part of what the subject did: "had not revised".
_VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg"})
_STRIP_CHUNK = "()[]{}\"'“”‘’«»,;.!?:"


@dataclass(frozen=True)
class StatisticsRules:
    """The editable vocabulary of ``statistics.yaml``, ready for matching."""

    qualifiers_before: Mapping[str, str]
    qualifiers_after: Mapping[str, str]
    range_qualifier: str
    range_openers: frozenset[str]
    range_joiners: frozenset[str]
    units_after: Mapping[str, str]
    currency_before: Mapping[str, str]
    currency_after: Mapping[str, str]
    currency_codes: frozenset[str]
    number_words: Mapping[str, int]
    scale_words: Mapping[str, int]
    scale_suffixes: Mapping[str, int]
    fractions: Mapping[str, float]
    name_context_before: frozenset[str]
    time_markers_after: tuple[str, ...]
    months: frozenset[str]
    weekdays: frozenset[str]
    year_context_before: frozenset[str]
    count_nouns: frozenset[str]
    count_verbs: frozenset[str]
    subject_prepositions: frozenset[str]
    unit_subject_prepositions: frozenset[str]
    anaphoric_before: frozenset[str]
    pronouns_of_set: frozenset[str]
    measure_links: frozenset[str]
    amount_target_prepositions: frozenset[str]
    duration_units: frozenset[str]
    measure_units: frozenset[str]
    # Currency signs and codes that may be glued to a number ("US$2.5m"), longest first, each
    # with its case-folded form.
    code_prefixes: tuple[tuple[str, str], ...]


def _key(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


def _lower_map(raw: Mapping[str, Any]) -> Mapping[str, str]:
    return MappingProxyType({_key(str(k)): str(v) for k, v in raw.items()})


def rules_from_mapping(raw: Mapping[str, Any]) -> StatisticsRules:
    """Build the rules from the parsed data file (or a test's own mapping)."""
    currency_before = _lower_map(raw["currency_before"])
    currency_codes = frozenset(
        [str(c) for c in raw["currency_codes"]]
        + [str(c) for c in raw["currency_before"].values()]
        + [str(c) for c in raw["currency_after"].values()]
    )
    prefixes = sorted({*currency_before, *currency_codes}, key=len, reverse=True)
    return StatisticsRules(
        qualifiers_before=_lower_map(raw["qualifiers_before"]),
        qualifiers_after=_lower_map(raw["qualifiers_after"]),
        range_qualifier=str(raw["range_qualifier"]),
        range_openers=frozenset(_key(w) for w in raw["range_openers"]),
        range_joiners=frozenset(_key(w) for w in raw["range_joiners"]),
        units_after=_lower_map(raw["units_after"]),
        currency_before=currency_before,
        currency_after=_lower_map(raw["currency_after"]),
        currency_codes=currency_codes,
        number_words=MappingProxyType({_key(k): int(v) for k, v in raw["number_words"].items()}),
        scale_words=MappingProxyType({_key(k): int(v) for k, v in raw["scale_words"].items()}),
        scale_suffixes=MappingProxyType({_key(k): int(v) for k, v in raw["scale_suffixes"].items()}),
        fractions=MappingProxyType({_key(k): float(v) for k, v in raw["fractions"].items()}),
        name_context_before=frozenset(_key(str(w)) for w in raw["name_context_before"]),
        time_markers_after=tuple(_key(str(w)) for w in raw["time_markers_after"]),
        months=frozenset(str(m) for m in raw["months"]),
        weekdays=frozenset(str(d) for d in raw["weekdays"]),
        year_context_before=frozenset(_key(str(w)) for w in raw["year_context_before"]),
        count_nouns=frozenset(_key(w) for w in raw["count_nouns"]),
        count_verbs=frozenset(_key(w) for w in raw["count_verbs"]),
        subject_prepositions=frozenset(_key(w) for w in raw["subject_prepositions"]),
        unit_subject_prepositions=frozenset(_key(w) for w in raw["unit_subject_prepositions"]),
        anaphoric_before=frozenset(_key(w) for w in raw["anaphoric_before"]),
        pronouns_of_set=frozenset(_key(w) for w in raw["pronouns_of_set"]),
        measure_links=frozenset(_key(w) for w in raw["measure_links"]),
        amount_target_prepositions=frozenset(_key(w) for w in raw["amount_target_prepositions"]),
        duration_units=frozenset(str(w) for w in raw["duration_units"]),
        measure_units=frozenset(str(v) for v in raw["units_after"].values())
        - {str(w) for w in raw["share_units"]},
        code_prefixes=tuple((prefix, prefix.casefold()) for prefix in prefixes),
    )


@cache
def default_rules() -> StatisticsRules:
    """The rules of the packaged ``statistics.yaml`` (read once)."""
    return rules_from_mapping(load_data(DATA_FILE))


# ---------------------------------------------------------------------------
# Number grammar (pure functions on strings)


def parse_number(text: str, rules: StatisticsRules | None = None) -> float | None:
    """The value of a number written in digits and/or words, or None.

    "3,300" -> 3300, "fifty" -> 50, "twenty-five" -> 25, "one hundred and fifty" -> 150,
    "2.5 million" -> 2500000, "5bn" -> 5e9, "a dozen" -> 12, "half" -> 0.5,
    "two thirds" -> 0.67. Ordinals ("7th", "eleventh") and anything else give None.
    """
    rules = rules or default_rules()
    words = _INNER_HYPHEN.sub(" ", text.strip()).split()
    if not words:
        return None
    if words[0].casefold() in ("a", "an"):
        if len(words) < 2:
            return None
        words = ["one", *words[1:]]
    total = 0.0
    current: float | None = None
    seen_digits = False
    fraction = False
    for index, word in enumerate(words):
        low = word.casefold()
        match = _NUMBER_TOKEN.match(word)
        if match:
            if seen_digits or current is not None or total:
                return None
            seen_digits = True
            current = float(match.group(1).replace(",", ""))
            suffix = match.group(2).casefold()
            if suffix:
                if suffix not in rules.scale_suffixes:
                    return None
                total += current * rules.scale_suffixes[suffix]
                current = None
        elif low == "and":
            if index == 0 or index == len(words) - 1:
                return None
        elif low in rules.number_words:
            value = rules.number_words[low]
            if seen_digits:
                return None
            # "a dozen" multiplies; "twenty five" adds.
            current = (current or 1) * value if low == "dozen" else (current or 0) + value
        elif low in rules.scale_words or low in rules.scale_suffixes:
            scale = rules.scale_words.get(low) or rules.scale_suffixes[low]
            if current is None and not total:
                return None
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current if current is not None else 1) * scale
                current = None
        elif low in rules.fractions:
            if low != "half" and current is None:
                return None
            current = (current if current is not None else 1) * rules.fractions[low]
            fraction = True
        else:
            return None
    if current is None and not total:
        return None
    result = total + (current or 0.0)
    # "two thirds" is written 0.67 by analysts, as a share is quoted to two decimals.
    return round(result, FRACTION_DECIMALS) if fraction else result


def is_year_like(text: str) -> bool:
    """A four-digit whole number between 1900 and 2100, as years are written."""
    return bool(_YEAR_LIKE.fullmatch(text))


def _alternation(phrases: Iterable[str]) -> str:
    parts = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


@cache
def _before_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)({_alternation(phrases)})\s*$", re.IGNORECASE)


@cache
def _after_pattern(phrases: tuple[str, ...], hyphen: bool) -> re.Pattern[str]:
    lead = rf"(?:\s*|[{_HYPHENS}])" if hyphen else r"\s*"
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
    return rules.qualifiers_before[_key(match.group(1))], match.start(1)


def match_qualifier_after(text: str, rules: StatisticsRules | None = None) -> tuple[str, int] | None:
    """Qualifier starting ``text`` (just after a number and its unit): (canonical, end offset)."""
    rules = rules or default_rules()
    match = _after_pattern(tuple(rules.qualifiers_after), False).match(text)
    if match is None:
        return None
    return rules.qualifiers_after[_key(match.group(1))], match.end(1)


def match_currency_before(text: str, rules: StatisticsRules | None = None) -> tuple[str, int] | None:
    """Currency ending ``text`` ("USD ", "US$", "€"): (ISO 4217 code, start offset)."""
    rules = rules or default_rules()
    found: list[tuple[str, int]] = []
    match = _before_pattern(tuple(rules.currency_before)).search(text)
    if match:
        found.append((rules.currency_before[_key(match.group(1))], match.start(1)))
    code = _codes_pattern(tuple(rules.currency_codes), True).search(text)
    if code:
        found.append((code.group(1), code.start(1)))
    return min(found, key=lambda item: item[1]) if found else None


def match_unit_after(text: str, rules: StatisticsRules | None = None) -> tuple[str, int] | None:
    """Unit or currency starting ``text`` (just after a number): (unit, end offset)."""
    rules = rules or default_rules()
    found: list[tuple[str, int]] = []
    unit = _after_pattern(tuple(rules.units_after), True).match(text)
    if unit:
        found.append((rules.units_after[_key(unit.group(1))], unit.end(1)))
    money = _after_pattern(tuple(rules.currency_after), False).match(text)
    if money:
        found.append((rules.currency_after[_key(money.group(1))], money.end(1)))
    code = _codes_pattern(tuple(rules.currency_codes), False).match(text)
    if code:
        found.append((code.group(1), code.end(1)))
    return max(found, key=lambda item: item[1]) if found else None


def is_code_chunk(chunk: str, rules: StatisticsRules | None = None) -> bool:
    """True when a white-space delimited chunk holding a number is a code, URL, time or name.

    "A/RES/67/195", "post-2015", "G-20", "10:00", "www.x.org/2013" are codes;
    "3,300", "75%", "(2012)", "US$2.5m", "5bn", "20-30", "twenty-five", "three-day" are not.
    """
    rules = rules or default_rules()
    text = chunk.strip(_STRIP_CHUNK)
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


# ---------------------------------------------------------------------------
# Reading numbers in a parsed section


@dataclass(frozen=True)
class _Core:
    """Tokens [start, end) spelling one number, and its value.

    A one-token range ("20–30") has an ``upper`` value and the section offsets of both
    numbers in ``spans``.
    """

    start: int
    end: int
    value: float
    upper: float | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Surface:
    """What is written around one number: qualifier, unit, and the phrase's extent."""

    qualifier: str | None
    unit: str | None
    start: int  # section offsets, qualifier and currency included
    end: int  # unit and trailing qualifier included


@dataclass(frozen=True)
class _Row:
    value: float
    qualifier: str | None
    char_start: int
    char_end: int


@dataclass(frozen=True)
class _Group:
    """One number, or two read together (a range, or the two ends of a change)."""

    cores: tuple[_Core, ...]
    rows: tuple[_Row, ...]
    unit: str | None
    char_start: int
    char_end: int
    written_qualifier: bool


def _is_word_number(token: Token, rules: StatisticsRules) -> bool:
    low = token.lower_
    return low in rules.number_words or low in rules.scale_words


def _read_core(doc: Doc, i: int, rules: StatisticsRules) -> _Core | None:
    """The number starting at token ``i``, or None."""
    token = doc[i]
    low = token.lower_
    range_match = _RANGE_TOKEN.match(token.text)
    if range_match:
        lower = parse_number(range_match.group(1), rules)
        upper = parse_number(range_match.group(2), rules)
        if lower is None or upper is None:
            return None
        spans = tuple((token.idx + range_match.start(g), token.idx + range_match.end(g)) for g in (1, 2))
        return _Core(i, i + 1, lower, upper, spans)
    end = i + 1
    grouped = _space_grouped_end(doc, i)
    if grouped > i + 1:
        # "15 000": thousands set apart by a space, as many international documents write them.
        return _Core(i, grouped, float("".join(t.text for t in doc[i:grouped])))
    if _NUMBER_TOKEN.match(token.text):
        # "2.5 million", "2.5m" (split by the tokenizer), "3 thousand".
        while end < len(doc) and (
            doc[end].lower_ in rules.scale_words
            or (doc[end].lower_ in rules.scale_suffixes and not doc[end - 1].whitespace_)
        ):
            end += 1
    elif low in ("a", "an"):
        after = _next_lower(doc, i + 1)
        if after in rules.scale_words or after == "dozen":
            end = _extend_words(doc, i + 1, rules)
        elif after in rules.fractions and after != "half" and _next_lower(doc, i + 2) == "of":
            end = i + 2
        else:
            return None
    elif low == "half":
        if _next_lower(doc, i + 1) not in ("of", "the", "a", "an", "its", "their", "our", "his", "her"):
            return None
        if _next_lower(doc, i - 1) in _PERIOD_WORDS:
            return None  # "the first half of the year" is a period
    elif _is_word_number(token, rules):
        end = _extend_words(doc, i, rules)
        fraction = _next_lower(doc, end)
        if fraction in rules.fractions and fraction != "half" and _next_lower(doc, end + 1) == "of":
            end += 1  # "two thirds of"
        elif end == i + 1 and (low == "one" or low in rules.scale_words):
            return None  # "one of the priorities"; "hundred" alone
    else:
        return None
    value = parse_number(doc[i:end].text, rules)
    if value is None:
        return None
    return _Core(i, end, value)


def _space_grouped_end(doc: Doc, i: int) -> int:
    """End of "15 000 000" from token ``i`` (one to three digits, then groups of three)."""
    if not _GROUP_LEAD.fullmatch(doc[i].text):
        return i + 1
    end = i + 1
    while end < len(doc) and _GROUP_OF_THREE.fullmatch(doc[end].text) and doc[end - 1].whitespace_ == " ":
        end += 1
    return end


def _extend_words(doc: Doc, i: int, rules: StatisticsRules) -> int:
    """End of the run of number words from ``i`` ("one hundred and fifty", "twenty-five")."""
    end = i + 1
    while end < len(doc):
        token = doc[end]
        previous = doc[end - 1]
        after = _next_lower(doc, end + 1)
        hyphen = token.text in _HYPHENS and not previous.whitespace_ and not token.whitespace_
        joined_and = token.lower_ == "and" and previous.lower_ in rules.scale_words
        if _is_word_number(token, rules):
            end += 1
        elif (hyphen or joined_and) and after in rules.number_words:
            end += 2
        else:
            break
    return end


def _next_lower(doc: Doc, i: int) -> str | None:
    return doc[i].lower_ if 0 <= i < len(doc) else None








def _token_at(doc: Doc, char: int, start: int = 0) -> int:
    """Index of the token holding section offset ``char`` (searching from token ``start``)."""
    low, high = start, len(doc) - 1
    while low < high:  # the last token starting at or before ``char``
        middle = (low + high + 1) // 2
        if doc[middle].idx <= char:
            low = middle
        else:
            high = middle - 1
    return low


def _find_cores(doc: Doc, heading_end: int, rules: StatisticsRules) -> list[_Core]:
    cores: list[_Core] = []
    end = 0
    for token in doc:  # one Token per word: indexing the doc makes a new one each time
        i = token.i
        if i < end or token.idx < heading_end:
            continue
        # Only a digit or a number word can start a number (_read_core says which do).
        if not (
            token.text[:1].isdigit() or token.lower_ in ("a", "an", "half") or _is_word_number(token, rules)
        ):
            continue
        core = _read_core(doc, i, rules)
        if core is not None:
            cores.append(core)
            end = core.end
    return cores


def _core_chars(doc: Doc, core: _Core) -> tuple[int, int]:
    last = doc[core.end - 1]
    return doc[core.start].idx, last.idx + len(last.text)


def _surface(
    doc: Doc, text: str, core: _Core, rules: StatisticsRules, span: tuple[int, int] | None = None
) -> _Surface:
    """Qualifier, currency or unit and trailing qualifier around a number at ``span``."""
    sent = sentence_span(doc, core.start)
    start, end = span or _core_chars(doc, core)
    # Qualifiers and units are short: look a few words either side, within the sentence.
    left = max(sent.start_char, start - _WINDOW)
    before = text[left:start]
    after = text[end : min(sent.end_char, end + _WINDOW)]
    unit: str | None = None
    currency = match_currency_before(before, rules)
    if currency:
        unit = currency[0]
        start = left + currency[1]
        before = text[left:start]
        scaled = re.match(r"^\s*(bn|mn|mln|m|k)(?!\w)", after, re.IGNORECASE)
        if scaled:
            end += scaled.end(1)
            after = text[end : min(sent.end_char, end + _WINDOW)]
    measured = match_unit_after(after, rules)
    if measured and (unit is None or measured[0] == unit):
        unit = measured[0]
        end += measured[1]
        after = text[end : min(sent.end_char, end + _WINDOW)]
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
    return _Surface(qualifier, unit, start, end)


def _token_before(doc: Doc, char: int) -> Token | None:
    index = _token_at(doc, char) - 1
    return doc[index] if index >= 0 else None


def _is_change(opener: Token, rules: StatisticsRules) -> bool:
    """ "from" of a verb of change ("rose from 20 to 30"): two values, not a range."""
    head = opener.head
    return (
        opener.lower_ == "from"
        and head.pos_ in ("VERB", "AUX")
        and head.lemma_.casefold() in rules.count_verbs
    )


def _pairing(
    doc: Doc,
    text: str,
    first: _Surface,
    lower: float,
    opener: Token | None,
    following: _Core | None,
    rules: StatisticsRules,
) -> tuple[str, _Surface] | None:
    """("range" | "change", the second number's surface) when two numbers go together.

    A range runs upwards: in "granted USD 250,000 to three schools" the "to" is not a range.
    """
    if following is None or first.qualifier is not None:
        return None
    joiner_index = _token_at(doc, first.end - 1) + 1
    if joiner_index + 1 >= len(doc):
        return None
    joiner = doc[joiner_index].lower_
    if joiner not in rules.range_joiners:
        return None
    second = _surface(doc, text, following, rules)
    if second.start != doc[joiner_index + 1].idx:
        return None
    if first.unit is not None and second.unit is not None and first.unit != second.unit:
        return None
    if joiner == "and" and (opener is None or opener.lower_ != "between"):
        return None
    if opener is not None and _is_change(opener, rules):
        return "change", second
    if following.value <= lower:
        return None
    return "range", second


def _groups(doc: Doc, text: str, cores: list[_Core], rules: StatisticsRules) -> list[_Group]:
    groups: list[_Group] = []
    index = 0
    between = rules.range_qualifier
    while index < len(cores):
        core = cores[index]
        first = _surface(doc, text, core, rules, core.spans[0] if core.spans else None)
        opener = _token_before(doc, first.start)
        if opener is not None and opener.lower_ not in rules.range_openers:
            opener = None
        if core.upper is not None:  # "20–30"
            second = _surface(doc, text, core, rules, core.spans[1])
            start = opener.idx if opener is not None else first.start
            rows = (
                _Row(core.value, between, start, first.end),
                _Row(core.upper, between, core.spans[1][0], second.end),
            )
            unit = first.unit or second.unit
            groups.append(_Group((core,), rows, unit, start, second.end, first.qualifier is not None))
            index += 1
            continue
        following = cores[index + 1] if index + 1 < len(cores) else None
        paired = _pairing(doc, text, first, core.value, opener, following, rules)
        if paired is None or following is None:
            row = _Row(core.value, first.qualifier, first.start, first.end)
            groups.append(
                _Group((core,), (row,), first.unit, first.start, first.end, first.qualifier is not None)
            )
            index += 1
            continue
        kind, second = paired
        if kind == "range":
            start = opener.idx if opener is not None else first.start
            rows = (
                _Row(core.value, between, start, first.end),
                _Row(following.value, between, second.start, second.end),
            )
        else:
            start = first.start
            rows = (
                _Row(core.value, first.qualifier, first.start, first.end),
                _Row(following.value, second.qualifier, second.start, second.end),
            )
        unit = first.unit or second.unit
        groups.append(_Group((core, following), rows, unit, start, second.end, False))
        index += 2
    return groups


# ---------------------------------------------------------------------------
# What is not a statistic


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
    words = text[max(0, left - _WINDOW) : left].split()
    while words and all(ch in _HYPHENS + ":#" for ch in words[-1]):
        words.pop()
    return words[-1] if words else ""


def _is_list_marker(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1
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
    line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1 or max(0, start - _WINDOW)
    line_end = text.find("\n", end, end + _WINDOW)
    line_end = min(len(text), end + _WINDOW) if line_end < 0 else line_end
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


def _is_code_context(doc: Doc, text: str, core: _Core, rules: StatisticsRules) -> bool:
    """A number in a code, URL, list marker, reference ("Room 12") or clock time."""
    start, end = _core_chars(doc, core)
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
        words = {_key(previous.strip("()[]\"'“”‘’")), _key(previous.strip(_STRIP_CHUNK))}
        if words & rules.name_context_before:
            return True
    following = text[end : end + 12].casefold()
    return _after_pattern(rules.time_markers_after, False).match(following) is not None


def _follows(doc: Doc, core: _Core, references: set[int]) -> bool:
    """A number listed after a reference number ("items 3 and 4", "pages 12, 14")."""
    index = core.start - 1
    if index < 1 or doc[index].lower_ not in (",", "and", "or", "to", "of", "&", *_HYPHENS):
        return False
    return index in references


def _in_name(doc: Doc, core: _Core, rules: StatisticsRules) -> bool:
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


def _is_date(doc: Doc, group: _Group, rules: StatisticsRules) -> bool:
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
        joins = token.text in (",", "and", "to", "or", "&") or token.text in _HYPHENS
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


def _is_year(doc: Doc, group: _Group, plural_noun: bool, rules: StatisticsRules) -> bool:
    core = group.cores[0]
    text = doc[core.start].text
    years = _RANGE_TOKEN.match(text)
    shaped = is_year_like(text) or bool(years and is_year_like(years[1]) and is_year_like(years[2]))
    if core.end - core.start != 1 or not shaped or group.written_qualifier:
        return False
    previous = doc[core.start - 1].lower_ if core.start > 0 else ""
    if previous in rules.year_context_before or previous in _HYPHENS:
        return True
    return not plural_noun and group.unit is None


def _is_anaphoric(doc: Doc, group: _Group, rules: StatisticsRules) -> bool:
    """ "the two parties", "these three sessions": a set already introduced, not a new count."""
    core = group.cores[0]
    if not doc[core.start].is_alpha or group.rows[0].value > 2 or group.written_qualifier:
        return False
    return core.start > 0 and doc[core.start - 1].lower_ in rules.anaphoric_before


def _is_ratio(doc: Doc, group: _Group) -> bool:
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


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


# ---------------------------------------------------------------------------
# What is counted


class _Name(Exception):
    """The number is part of a proper name ("Two UN Plaza")."""


def _group_tokens(doc: Doc, group: _Group) -> set[int]:
    first = _token_at(doc, group.char_start)
    last = _token_at(doc, group.char_end - 1, first)
    return set(range(first, last + 1))


def _trim(doc: Doc, left: int, right: int, blocked: set[int]) -> str | None:
    """Text of tokens [left, right] without edge determiners, punctuation or numbers."""
    while left <= right and (
        doc[left].dep_ in _SUBJECT_EDGE_DEPS or doc[left].pos_ in ("DET", "PUNCT", "NUM") or left in blocked
    ):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].pos_ in ("CCONJ", "DET")):
        right -= 1
    return doc[left : right + 1].text if left <= right else None


def _clean_subtree(token: Token, blocked: set[int]) -> bool:
    return not any(t.i in blocked for t in token.subtree)


def _noun_phrase(doc: Doc, noun: Token, left_limit: int, blocked: set[int], rules: StatisticsRules) -> str:
    """The noun with its modifiers after ``left_limit``, its from/of complement and relative clause."""
    left = max(left_limit, noun.left_edge.i)
    right = noun.i
    while (
        right + 2 < len(doc)
        and doc[right + 1].text in _HYPHENS
        and not doc[right].whitespace_
        and not doc[right + 1].whitespace_
    ):
        right += 2  # "vice-chairs" split by the tokenizer
    for child in noun.rights:
        relative = child.dep_ == "relcl" and child.left_edge.lower_ in _RELATIVE_WORDS
        complement = child.dep_ == "prep" and child.lower_ in rules.subject_prepositions
        if not (relative or complement):
            continue
        if any(i in blocked for i in range(right, child.right_edge.i + 1)):
            break  # "four sessions and 12 workshops": the next count is not part of this one
        right = child.right_edge.i
    following = doc[right + 1] if right + 1 < len(doc) else None
    if (
        right == noun.i
        and following is not None
        and following.lower_ == "from"
        and following.head.i == noun.head.i
        and _clean_subtree(following, blocked)
    ):
        right = following.right_edge.i  # "gathered 64 delegates from unions": "from" parsed on the verb
    return _trim(doc, left, right, blocked) or noun.text


def _pobj_phrase(doc: Doc, prep: Token, blocked: set[int], rules: StatisticsRules) -> str | None:
    objects = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN", "ADJ")]
    if not objects:
        return None
    return _noun_phrase(doc, objects[0], prep.i + 1, blocked, rules)


def _list_phrase(doc: Doc, noun: Token, before: int, blocked: set[int]) -> str | None:
    """A noun and the nouns listed with it ("mayors, governors and officials"), up to ``before``."""
    right = noun.i
    for child in noun.rights:
        if child.dep_ == "conj" and child.right_edge.i < before:
            right = max(right, child.right_edge.i)
    return _trim(doc, noun.left_edge.i, right, blocked)


def _words_until_break(doc: Doc, start: int, blocked: set[int], limit: int = 6) -> list[str]:
    """Words from ``start`` up to punctuation, a conjunction, another number or ``limit`` words."""
    words: list[Token] = []
    for token in doc[start : start + limit]:
        if (
            token.is_punct
            or token.is_space
            or token.pos_ == "CCONJ"
            or token.i in blocked
            or "\n" in token.text
        ):
            break
        words.append(token)
    while words and words[-1].pos_ in ("ADP", "DET", "CCONJ", "SCONJ", "PART"):
        words.pop()  # "1,500 in 2016": a dangling preposition
    return [t.text for t in words]


def _counted_object(verb: Token) -> Token | None:
    """ "trained 300 officials in 2012 and 450 in 2013": the counted object of the verb."""
    if verb.pos_ != "VERB":
        return None
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in child.children):
            return child
    return None


def _shared_noun(token: Token) -> Token | None:
    """In a list "429 X representatives, ..., 541 from Y", the counted noun of a neighbour item."""
    candidates: list[Token] = []
    head = token
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
        candidates.append(head)
    candidates.extend(c for c in token.children if c.dep_ == "conj")
    for item in candidates:
        if item.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in item.children):
            return item
    return None


def _counted_noun(doc: Doc, inside: set[int], skip: set[int]) -> Token | None:
    """The noun after the phrase that the number (or its unit) modifies."""
    for i in sorted(inside - skip, reverse=True):
        token = doc[i]
        head = token.head
        if head.i in inside or token.dep_ not in _MODIFIER_DEPS or head.i <= max(inside):
            continue
        if head.pos_ == "PROPN" and head.tag_ == "NNP" and not head.text.endswith("s"):
            raise _Name
        if head.pos_ in ("NOUN", "PROPN"):
            while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head  # "3 case studies": the number hangs on the first noun
            return head
    return None


def _plural_noun_after(doc: Doc, index: int) -> Token | None:
    """ "a dozen Latin American agencies": the plural noun written next, when the parse missed it."""
    while index < len(doc) and doc[index].pos_ in ("ADJ", "NOUN", "PROPN") and not doc[index].is_space:
        if doc[index].tag_ in ("NNS", "NNPS"):
            return doc[index]
        index += 1
    return None


def _of_tail(doc: Doc, noun: Token, blocked: set[int], rules: StatisticsRules) -> str | None:
    """ "share of infants with records" -> "infants with records" (what a count noun counts)."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            right = noun.right_edge.i
            for i in range(child.i + 1, right + 1):
                if i in blocked:
                    right = i - 1
                    break
            return _trim(doc, child.i + 1, right, blocked)
    return None


def _predicate(doc: Doc, verb: Token, blocked: set[int]) -> str | None:
    """ "followed the sessions online": what a number that is a subject did or was."""
    if verb.lemma_ == "be":
        for child in verb.children:
            if child.dep_ == "attr" and child.pos_ in ("NOUN", "PROPN"):
                return _trim(doc, child.left_edge.i, child.i, blocked)  # "18 of whom were women"
    left = min([verb.i] + [c.i for c in verb.lefts if c.dep_ in _VERB_GROUP_DEPS and c.i not in blocked])
    right = verb.i
    for child in verb.rights:
        if child.dep_ not in _PREDICATE_DEPS or not _clean_subtree(child, blocked):
            break
        right = max(right, child.right_edge.i)
    return _trim(doc, left, right, blocked)


def _clause_subject(verb: Token, kinds: tuple[str, ...] = ("NOUN",)) -> Token | None:
    """The verb's subject, or that of the verb it completes ("expected to cost", "removed ... and saved")."""
    for clause in (verb, verb.head if verb.dep_ in ("xcomp", "conj") else None):
        if clause is None:
            continue
        for child in clause.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in kinds:
                return child
    return None


def _until_blocked(doc: Doc, left: int, right: int, blocked: set[int]) -> str | None:
    """Tokens [left, right] up to the first other number, without a dangling end word."""
    for i in range(left, right + 1):
        if i in blocked:
            right = i - 1
            break
    while right >= left and (doc[right].is_punct or doc[right].pos_ in ("ADP", "CCONJ", "DET", "SPACE")):
        right -= 1
    return _trim(doc, left, right, blocked)


def _money_subject(doc: Doc, top: Token, verb: Token, blocked: set[int], rules: StatisticsRules) -> str:
    """Who gives or gets an amount, the verb, and what it is for: "European Union announced to test them"."""
    parts: list[str] = []
    giver = _clause_subject(verb, ("NOUN", "PROPN"))
    if giver is not None:
        parts.append(_until_blocked(doc, giver.left_edge.i, giver.right_edge.i, blocked) or giver.text)
    parts.append(verb.text)
    for child in verb.rights:
        if child.i <= top.i:
            continue
        purpose = (
            (child.dep_ == "prep" and child.lower_ in rules.unit_subject_prepositions)
            or (
                child.dep_ in ("advcl", "xcomp")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            )
            or (
                # "invest FJD 2 million in a programme", "lent USD 5,000 to small firms"
                child.dep_ in ("prep", "dative")
                and child.lower_ in rules.amount_target_prepositions
                and any(c.dep_ == "pobj" and c.pos_ == "NOUN" for c in child.children)
            )
        )
        tail = _until_blocked(doc, child.left_edge.i, child.right_edge.i, blocked) if purpose else None
        if tail:
            parts.append(tail)
            break
    return " ".join(parts)


def _measured_noun(doc: Doc, top: Token, inside: set[int], rules: StatisticsRules) -> Token | None:
    """The noun an amount completes: "contracts worth USD 4 billion", "grants of up to EUR 900".

    Climbs from the number through prepositions and qualifier words to a noun written before it,
    joined by a word of ``measure_links`` ("of", "worth", "valued at", "totalling").
    """
    token = top
    for _ in range(5):
        head = token.head
        if token.lower_ in rules.measure_links and token.i > 0 and doc[token.i - 1].pos_ == "NOUN":
            return doc[token.i - 1]  # written right after the noun, whatever the parse says
        if head.i == token.i:
            return None
        if head.pos_ == "NOUN" and head.i < token.i:
            return head if token.lower_ in rules.measure_links else None
        if not (head.i in inside or head.pos_ == "ADP" or head.lower_ in rules.measure_links):
            return None
        token = head
    return None


def _is_referent(doc: Doc, token: Token, rules: StatisticsRules) -> bool:
    """A plural noun that a later "of them" can point back to: a clause subject, or a noun
    counted ("52 municipalities") or measured ("contracts worth USD 4 billion")."""
    if token.pos_ != "NOUN" or token.tag_ != "NNS":
        return False
    if token.dep_ in ("nsubj", "nsubjpass") or any(c.dep_ == "nummod" for c in token.children):
        return True
    after = doc[token.i + 1 : token.i + 6]
    return len(after) > 1 and after[0].lower_ in rules.measure_links and any(t.like_num for t in after[1:])


def _antecedent(doc: Doc, index: int, rules: StatisticsRules) -> Token | None:
    """What a pronoun at ``index`` ("37 per cent of them") refers back to.

    The nearest referent before it in its sentence or the sentence before (same paragraph);
    a referent inside the complement of another ("2,600 learners from 64 countries") gives
    way to that other.
    """
    sentence = sentence_span(doc, index)
    first = sentence.start
    if first > 0 and not is_paragraph_break(doc[first - 1]):
        first = sentence_span(doc, first - 1).start
    for i in range(index - 1, first - 1, -1):
        token = doc[i]
        if not _is_referent(doc, token, rules):
            continue
        while (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and token.head.head.i < token.i
            and _is_referent(doc, token.head.head, rules)
        ):
            token = token.head.head
        return token
    return None


def _noun_with_modifiers(doc: Doc, noun: Token, blocked: set[int]) -> str:
    """ "46 municipal officials" -> "municipal officials": the noun and the words fused to it."""
    left = noun.i
    while (
        left > 0
        and doc[left - 1].dep_ in ("compound", "amod")
        and doc[left - 1].pos_ in ("NOUN", "PROPN", "ADJ", "VERB")
        and left - 1 not in blocked
    ):
        left -= 1
    return doc[left : noun.i + 1].text


def _changed_phrase(doc: Doc, subject: Token, blocked: set[int], rules: StatisticsRules) -> str:
    """The whole subject of a verb of change: "complaints about delayed decisions [had grown]".

    Cut back to the noun and its from/of complement when the subject holds another number or
    an aside between commas.
    """
    left, right = subject.left_edge.i, subject.right_edge.i
    span = range(left, right + 1)
    if any(i in blocked or doc[i].text in (",", ";", "(", ")") for i in span):
        return _noun_phrase(doc, subject, left, blocked, rules)
    return _trim(doc, left, right, blocked) or subject.text


def _verb_subject(
    doc: Doc, top: Token, group: _Group, blocked: set[int], rules: StatisticsRules
) -> str | None:
    """What is counted when the number stands alone in its clause."""
    if group.unit in rules.duration_units:
        return None  # "in two years" says how long, not of what
    verb = top.head.head if top.head.pos_ == "ADP" else top.head
    comparative = verb.tag_ in ("JJR", "RBR")
    if comparative:
        if verb.dep_ == "amod" and verb.head.pos_ == "NOUN" and verb.head.i < top.i:
            # "2.4 million page views, 18 per cent more than last year": more of that noun.
            return _noun_with_modifiers(doc, verb.head, blocked)
        verb = verb.head  # "received 512 nominations, 40 per cent more than ..."
    if verb.pos_ not in ("VERB", "AUX") or verb.i == top.i:
        return None
    if verb.dep_ == "acl" and verb.head.pos_ == "NOUN":
        # "the first phase, financed with USD 2.5 million": the noun the participle describes.
        owner = verb.head
        return _trim(doc, owner.left_edge.i, owner.i, blocked)
    if comparative:
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN":
                return _noun_phrase(doc, child, child.left_edge.i, blocked, rules)
    if top.dep_ == "nsubj" and top.head.i == verb.i:
        return _predicate(doc, verb, blocked)
    if verb.lemma_.casefold() in rules.count_verbs and top.dep_ == "pobj":
        for child in verb.children:
            if child.dep_ == "dobj" and child.pos_ == "NOUN":
                # "increased on-time payments by 11 per cent": what changed.
                return _noun_phrase(doc, child, child.left_edge.i, blocked, rules)
    subject = _clause_subject(verb)
    if subject is not None and subject.lemma_.casefold() in rules.count_nouns:
        return _of_tail(doc, subject, blocked, rules) or subject.text
    if subject is not None and verb.lemma_.casefold() in rules.count_verbs:
        return _changed_phrase(doc, subject, blocked, rules)
    if group.unit in rules.currency_codes:
        return _money_subject(doc, top, verb, blocked, rules)
    return None


def _subject(doc: Doc, group: _Group, blocked: set[int], rules: StatisticsRules) -> str | None:
    inside = _group_tokens(doc, group)
    first_core = group.cores[0].start
    currency = {
        i for i in inside if _key(doc[i].text) in rules.currency_before or doc[i].text in rules.currency_codes
    }
    leading = {i for i in inside if i < first_core} - currency
    body = sorted(inside - leading)
    end_limit = max(inside) + 1
    noun = _counted_noun(doc, inside, leading) or _plural_noun_after(doc, end_limit)
    if noun is not None:
        return _noun_phrase(doc, noun, end_limit, blocked, rules)
    for i in reversed(body):
        for child in doc[i].children:
            if child.dep_ != "prep" or child.i < end_limit:
                continue
            found: str | None = None
            if child.lower_ == "of" or (group.unit and child.lower_ in rules.unit_subject_prepositions):
                found = _pobj_phrase(doc, child, blocked, rules)
            elif group.unit is None and child.lower_ in rules.subject_prepositions:
                shared = _shared_noun(doc[i])
                if shared is not None:
                    tail = _trim(doc, child.i, child.right_edge.i, set())
                    return f"{shared.text} {tail}"
                found = _pobj_phrase(doc, child, blocked, rules)
            if found:
                return found
    unit_noun = doc[body[-1]]
    if group.unit in rules.measure_units and unit_noun.pos_ == "NOUN":
        for child in unit_noun.rights:
            if child.dep_ in ("acl", "relcl") and child.i >= end_limit and _clean_subtree(child, blocked):
                # "the 10 days recommended in national guidelines": the unit itself is described.
                return _trim(doc, unit_noun.i, child.right_edge.i, blocked) or unit_noun.text
    # The highest token of the number phrase (qualifier words aside) in the parse.
    top = doc[body[0]]
    for i in body:
        if doc[i].head.i not in body or doc[i].head.i == i:
            top = doc[i]
            break
    head = top.head
    if top.dep_ == "appos" and head.i < top.i and head.pos_ == "NOUN":
        return _list_phrase(doc, head, min(inside), blocked)
    if top.dep_ == "nsubj" and head.pos_ == "NOUN" and head.i > top.i:
        # "45 of them ministers": a clause without a verb.
        return _noun_phrase(doc, head, top.right_edge.i + 1, blocked, rules)
    owner = _measured_noun(doc, top, inside, rules)
    if owner is not None:
        return _trim(doc, owner.left_edge.i, owner.i, blocked | inside)
    if top.dep_ == "conj" and top.pos_ == "NUM":
        shared = _shared_noun(top) or _counted_object(top.head)
        if shared is not None and shared.i < top.i:
            # "85 delegates in the room and some 240 following online": the noun is not repeated.
            return " ".join([shared.text, *_words_until_break(doc, end_limit, blocked)])
    if (
        end_limit + 1 < len(doc)
        and doc[end_limit].lower_ == "of"
        and doc[end_limit + 1].lower_ in rules.pronouns_of_set
        and doc[end_limit + 1].dep_ == "pobj"  # "of these", not "of these projects"
    ):
        # "37 per cent of them": a part of a set named before.
        referent = _antecedent(doc, min(inside), rules)
        if referent is not None:
            return _noun_with_modifiers(doc, referent, blocked)
    return _verb_subject(doc, top, group, blocked | inside, rules)


# ---------------------------------------------------------------------------
# The extractor


def _statistics_in_section(
    doc_id: str,
    section: Section,
    doc: Doc,
    excluded: Sequence[tuple[int, int]],
    rules: StatisticsRules,
) -> list[Statistic]:
    cores = _find_cores(doc, section.heading_end, rules)
    text = section.text  # doc.text, which spaCy rebuilds from the tokens on each access
    groups = _groups(doc, text, cores, rules)
    references: set[int] = set()  # token ends of numbers read as references ("items 3 and 4")
    outside: set[int] = set()  # indexes of groups in the heading or in an excluded span
    named: set[int] = set()  # indexes of groups that are codes, references or parts of names
    for index, group in enumerate(groups):
        start, _ = _core_chars(doc, group.cores[0])
        _, end = _core_chars(doc, group.cores[-1])
        if start < section.heading_end or _overlaps(
            section.char_start + start, section.char_start + end, excluded
        ):
            outside.add(index)
        elif any(_is_code_context(doc, text, core, rules) for core in group.cores) or _follows(
            doc, group.cores[0], references
        ):
            references.update(core.end for core in group.cores)
            named.add(index)
        elif _in_name(doc, group.cores[0], rules):
            named.add(index)
    # A number in a name or code ("ISO 9001", "Agenda 2030") may sit inside what another number
    # counts; any other number ends the counted phrase ("4 sessions and 12 workshops").
    numbers = {
        i
        for index, group in enumerate(groups)
        if index not in named
        for core in group.cores
        for i in range(core.start, core.end)
    }
    found: list[Statistic] = []
    previous: dict[tuple[int, str], str | None] = {}  # (sentence, unit) -> last subject
    for index, group in enumerate(groups):
        if index in outside or index in named:
            continue
        if _is_date(doc, group, rules) or _is_anaphoric(doc, group, rules) or _is_ratio(doc, group):
            continue
        own = {i for core in group.cores for i in range(core.start, core.end)}
        try:
            noun = _counted_noun(doc, _group_tokens(doc, group), set())
            subject = _subject(doc, group, numbers - own, rules)
        except _Name:
            continue
        if _is_year(doc, group, noun is not None and noun.tag_ in ("NNS", "NNPS"), rules):
            continue
        sentence_of_group = sentence_span(doc, group.cores[0].start)
        if subject is None and group.unit is not None:
            # "41 per cent of vacancies, against 9 per cent in 2014": the same thing, measured again.
            subject = previous.get((sentence_of_group.start, group.unit))
        if subject is None and group.unit is None:
            continue
        if group.unit is not None:
            previous[(sentence_of_group.start, group.unit)] = subject
        sentence = sentence_of_group.text.strip()
        for row in group.rows:
            char_start = section.char_start + row.char_start
            char_end = section.char_start + row.char_end
            found.append(
                Statistic(
                    doc_id=doc_id,
                    section_id=section.section_id,
                    stat_id=stable_id(doc_id, char_start, char_end),
                    value=row.value,
                    qualifier=row.qualifier,
                    unit=group.unit,
                    subject=" ".join(subject.split()) if subject else None,
                    text=text[row.char_start : row.char_end],
                    sentence=sentence,
                    char_start=char_start,
                    char_end=char_end,
                )
            )
    return found


def extract(context: DocumentContext) -> Extracted:
    """The statistics stage: numbers outside the dates the dates stage found."""
    excluded = [(d.char_start, d.char_end) for d in context.found.dates]
    found = find_statistics(context.doc_id, context.sections, context.docs, excluded=excluded)
    return Extracted(tuple(found))


def find_statistics(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    excluded: Sequence[tuple[int, int]] = (),
    rules: StatisticsRules | None = None,
) -> list[Statistic]:
    """Every statistic of a document, in text order.

    ``excluded`` are document-offset spans already taken (dates found by the dates stage);
    a number inside one is not a statistic. ``docs[i]`` is the parse of ``sections[i].text``.
    """
    rules = rules or default_rules()
    found: list[Statistic] = []
    for section, doc in zip(sections, docs, strict=True):
        found.extend(_statistics_in_section(doc_id, section, doc, excluded, rules))
    return found
