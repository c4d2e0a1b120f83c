"""Reading numbers: the value a number spells, and where numbers start and end in a parse.

The number grammar works on plain strings, so it can be tested without a model; the rest
finds each number's tokens in a section once, for every later step to share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.extract.statistics.rules import StatisticsRules, default_rules

FRACTION_DECIMALS = 2
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_NUMBER_TOKEN = re.compile(rf"^({DIGITS})([a-zA-Z]*)$")
RANGE_TOKEN = re.compile(rf"^({DIGITS})[-–—]({DIGITS})$")
HYPHENS = "-–—"
# Spaces that set thousands apart ("15 000"): a space, a no-break space, a narrow no-break space.
GROUP_SPACES = frozenset({" ", "\u00a0", "\u202f"})
# Compiled once: these run on every token or every number ("re.fullmatch(pattern)" would look
# the pattern up in re's cache on each call).
_INNER_HYPHEN = re.compile(rf"(?<=[a-zA-Z])[{HYPHENS}](?=[a-zA-Z])")
_YEAR_LIKE = re.compile(r"(19|20)\d\d|2100")
_GROUP_LEAD = re.compile(r"[1-9]\d{0,2}")
_GROUP_OF_THREE = re.compile(r"\d{3}")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}|\d+,\d{4,}|0,\d+")
_GROUP_SPACE = re.compile(r"(?<=\d)[\u00a0\u202f](?=\d{3}\b)")
_PERIOD_WORDS = frozenset({"first", "second", "last", "latter", "former", "other"})


# ---------------------------------------------------------------------------
# Number grammar (pure functions on strings)


def parse_number(text: str, rules: StatisticsRules | None = None) -> float | None:
    """The value of a number written in digits and/or words, or None.

    "3,300" -> 3300, "fifty" -> 50, "twenty-five" -> 25, "one hundred and fifty" -> 150,
    "2.5 million" -> 2500000, "5bn" -> 5e9, "a dozen" -> 12, "half" -> 0.5,
    "two thirds" -> 0.67. Ordinals ("7th", "eleventh") and anything else give None.
    """
    rules = rules or default_rules()
    if rules.decimal_comma:
        text = _GROUP_SPACE.sub("", text)  # "1\u202f630": one number, though str.split() splits it
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
        word = local_digits(word, rules)
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


def local_digits(text: str, rules: StatisticsRules) -> str:
    """A number as the grammar reads it, where the language writes a decimal comma: "12,5" ->
    "12.5", "1\u202f630" (a narrow no-break space between groups) -> "1630"."""
    if not rules.decimal_comma:
        return text
    text = _GROUP_SPACE.sub("", text)
    return text.replace(",", ".") if _DECIMAL_COMMA.fullmatch(text) else text


def is_year_like(text: str) -> bool:
    """A four-digit whole number between 1900 and 2100, as years are written."""
    return bool(_YEAR_LIKE.fullmatch(text))


# ---------------------------------------------------------------------------
# Reading numbers in a parsed section


@dataclass(frozen=True)
class Core:
    """Tokens [start, end) spelling one number, and its value.

    A one-token range ("20–30") has an ``upper`` value and the section offsets of both
    numbers in ``spans``.
    """

    start: int
    end: int
    value: float
    upper: float | None = None
    spans: tuple[tuple[int, int], ...] = ()


def _is_word_number(token: Token, rules: StatisticsRules) -> bool:
    low = token.lower_
    return low in rules.number_words or low in rules.scale_words


def _glued_scale(doc: Doc, i: int, end: int, rules: StatisticsRules) -> bool:
    """Token ``end`` is a multiplier glued to the number at ``i`` ("2.5m", split by the
    tokenizer). A suffix that is a unit too ("m": million or metres) multiplies only after a
    currency ("$1.2m") or before a plural noun ("2.5m visitors"); otherwise it is the unit
    ("shrubs grow to 1.5m", "a 2m wall")."""
    suffix = doc[end]
    if suffix.lower_ not in rules.scale_suffixes or doc[end - 1].whitespace_:
        return False
    if suffix.lower_ not in rules.units_after:
        return True
    if i > 0 and rules.is_currency(doc[i - 1].text):
        return True
    following = doc[end + 1] if end + 1 < len(doc) else None
    return following is not None and following.pos_ == "NOUN" and "Plur" in following.morph.get("Number", [])


def _read_core(doc: Doc, i: int, rules: StatisticsRules) -> Core | None:
    """The number starting at token ``i``, or None."""
    token = doc[i]
    low = token.lower_
    range_match = RANGE_TOKEN.match(token.text)
    if range_match:
        lower = parse_number(range_match.group(1), rules)
        upper = parse_number(range_match.group(2), rules)
        if lower is None or upper is None:
            return None
        spans = tuple((token.idx + range_match.start(g), token.idx + range_match.end(g)) for g in (1, 2))
        return Core(i, i + 1, lower, upper, spans)
    end = i + 1
    grouped = _space_grouped_end(doc, i, rules)
    if grouped > i + 1:
        # "15 000": thousands set apart by a space, as many international documents write them.
        return Core(i, grouped, float("".join(t.text for t in doc[i:grouped] if t.text not in GROUP_SPACES)))
    if _NUMBER_TOKEN.match(local_digits(token.text, rules)):
        # "2.5 million", "2.5m" (split by the tokenizer), "3 thousand".
        while end < len(doc) and (doc[end].lower_ in rules.scale_words or _glued_scale(doc, i, end, rules)):
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
    return Core(i, end, value)


def _space_grouped_end(doc: Doc, i: int, rules: StatisticsRules) -> int:
    """End of "15 000 000" from token ``i`` (one to three digits, then groups of three), the
    groups set apart by a space or by a no-break space the tokenizer keeps as a token."""
    if not _GROUP_LEAD.fullmatch(doc[i].text):
        return i + 1
    # English bulletins set thousands apart by a plain space only, as they always have here.
    spaces = GROUP_SPACES if rules.decimal_comma else frozenset({" "})
    end = i + 1
    while end < len(doc):
        if _GROUP_OF_THREE.fullmatch(doc[end].text) and doc[end - 1].whitespace_ in spaces:
            end += 1
        elif (
            rules.decimal_comma
            and doc[end].text in GROUP_SPACES
            and not doc[end - 1].whitespace_
            and end + 1 < len(doc)
            and _GROUP_OF_THREE.fullmatch(doc[end + 1].text)
        ):
            end += 2
        else:
            break
    return end


def _extend_words(doc: Doc, i: int, rules: StatisticsRules) -> int:
    """End of the run of number words from ``i`` ("one hundred and fifty", "twenty-five")."""
    end = i + 1
    while end < len(doc):
        token = doc[end]
        previous = doc[end - 1]
        after = _next_lower(doc, end + 1)
        hyphen = token.text in HYPHENS and not previous.whitespace_ and not token.whitespace_
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


def token_at(doc: Doc, char: int, start: int = 0) -> int:
    """Index of the token holding section offset ``char`` (searching from token ``start``)."""
    low, high = start, len(doc) - 1
    while low < high:  # the last token starting at or before ``char``
        middle = (low + high + 1) // 2
        if doc[middle].idx <= char:
            low = middle
        else:
            high = middle - 1
    return low


def find_cores(doc: Doc, heading_end: int, rules: StatisticsRules) -> list[Core]:
    cores: list[Core] = []
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


def core_chars(doc: Doc, core: Core) -> tuple[int, int]:
    last = doc[core.end - 1]
    return doc[core.start].idx, last.idx + len(last.text)
