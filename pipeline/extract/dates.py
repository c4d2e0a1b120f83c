"""Dates stage: expressions naming a day, a range, a month or a year, as date ranges.

Three layers, each usable alone:

* ``find_date_expressions(text)``: a grammar over plain text (words from
  ``data/dates.yaml``; ``build_grammar`` also takes dateparser's languages and day
  order) that finds "On 5 November 2012", "from 6-9 November", "on 6, 15 and 27
  November 2012" (three days), "from 30 June to 4 July 2014", "March 3-5, 2014",
  "8 - 10 Oct. 14", "by March 2013", "By 2025", "late in February", "from 22 to 25"
  (no month) and numeric dates ("2012-11-05", "5/11/2012", read by dateparser).
  Parts the text does not say stay ``None``.
* ``resolve(expression, issue_date, tense)``: fills the missing parts from the issue
  date and the tense and returns one ``ResolvedDate`` per row, flagging what was inferred.
* ``find_dates(doc_id, sections, docs, issue_date)``: the extractor; tense comes from
  the parse of the sentence holding each expression.

Scope decisions:

* A bare month or year needs a cue ("in", "by", "for", "since", a portion word, ...);
  a year after any other word is part of a name ("ICEGOV 2012", "Awards 2013",
  "Post 2015", "post-2015"). A bare year that the parse shows counting a following
  common noun ("for 2013 participants") is dropped too.
* Missing parts (``resolve``): a year comes from the issue month and the tense of the
  clause (past: on or before the issue month; future, incl. "to be held", "scheduled",
  "must": on or after it; present: the nearest); a missing month is the issue month
  (a guess, flagged in ``inferred_parts``; it keeps the year right). Without an issue
  date, ``find_dates`` uses the first month and year the document states; a Doc with
  no parse counts as present tense.
* Portions narrow a month or year but keep its granularity: early = days 1-10 of a
  month or January-June of a year, mid = 11-20 (April-September), late = 21-last
  (July-December); the beginning/end of a month are days 1-10/21-last, but of a year its
  first/last month ("by the end of 2018" = December 2018); "the first week of June" = 1-7
  June; halves and quarters of a year.
* A list of days is one row per day ("on 6, 15 and 27 November"), except that
  consecutive days ("on 11 and 12 February", "between 14 and 16 May") are one range.
* "Month NN" is American order (day NN); a two-digit year is read only after days and
  an abbreviated month ("8-10 Oct. 14") or with an apostrophe ("Nov. '12").
* Out of scope: relative expressions ("this year", "next month", "yesterday"),
  seasons, decades, times of day, weekdays without a date.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from itertools import pairwise
from typing import Any

from dateparser.date import DateDataParser
from spacy.tokens import Doc, Span, Token

from pipeline.core.datafiles import load_data
from pipeline.core.ids import stable_id
from pipeline.core.records import DateMention, Section
from pipeline.extract.context import DocumentContext, Extracted

PAST, PRESENT, FUTURE = "past", "present", "future"
DAY, MONTH, YEAR = "day", "month", "year"

# Spacing inside an expression: blanks and at most one line break (a PDF line wrap).
_H = r"[ \t\u00a0]"
_S1 = rf"(?:{_H}+(?:\n{_H}*)?|\n{_H}*)"
_S0 = rf"(?:{_H}*(?:\n{_H}*)?)"
_DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2015]"
_DAY = r"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_YEAR4 = r"(?<!\d)(?:19|20)\d\d(?!\d)"
_YEAR = rf"(?:{_YEAR4}|['\u2019]?\d\d(?!\d))"
# An expression neither starts inside a word, a number, a symbol ("A/67/195") or a
# time, nor ends before one.
_START = r"(?<![\w/:.\u2010\u2011\u2012\u2013\u2014\u2015-])"
_END = r"(?![\w/%]|[.,:]\d)"


@dataclass(frozen=True)
class DatePart:
    """A calendar date as written: any part may be missing."""

    day: int | None = None
    month: int | None = None
    year: int | None = None


@dataclass(frozen=True)
class DateSpan:
    """First and last date of one row (equal for a single day)."""

    start: DatePart
    end: DatePart


@dataclass(frozen=True)
class Portion:
    """Part of a month (days) or of a year (months) named before it: "late in February"."""

    phrase: str
    month_days: tuple[int, int] | None
    year_months: tuple[int, int] | None


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in a text; ``start``/``end`` index that text."""

    text: str
    start: int
    end: int
    spans: tuple[DateSpan, ...]  # one per row: several for a list of separate days
    pattern: str
    portion: Portion | None = None

    @property
    def is_list(self) -> bool:
        return len(self.spans) > 1


@dataclass(frozen=True)
class ResolvedDate:
    start: date
    end: date
    granularity: str  # day, month, year
    inferred_parts: tuple[str, ...] = ()  # "month", "year": parts not in the text

    @property
    def inferred(self) -> bool:
        return bool(self.inferred_parts)


@dataclass(frozen=True)
class TenseWords:
    future_auxiliaries: frozenset[str]
    past_auxiliaries: frozenset[str]
    present_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    future_adjectives: frozenset[str]


@dataclass(frozen=True)
class DateGrammar:
    """Compiled patterns and word lists, built once from ``data/dates.yaml``."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    month_numbers: Mapping[str, int]  # lower-cased name or abbreviation -> 1..12
    full_month_names: frozenset[str]  # lower-cased
    portions: Mapping[str, Portion]  # lower-cased phrase with single spaces
    two_digit_year_pivot: int
    day_range_follow_words: frozenset[str]
    day_range_blocked_after: frozenset[str]
    day_range_max_days: int
    uncued_year_range_max: int
    tense: TenseWords
    languages: tuple[str, ...] = ("en",)
    date_order: str = "DMY"
    # Where an expression can start (a superset): the patterns are tried only there, which
    # gives the same matches as scanning every position, in half the time. None: everywhere.
    starts: re.Pattern[str] | None = None


# ---------------------------------------------------------------- grammar building


def _alternation(phrases: Iterable[str], *, case_sensitive: bool = False) -> str:
    """Regex alternation of phrases, longest first, spaces matching any spacing."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        parts.append(_S1.join(re.escape(word) for word in phrase.split()))
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _name_forms(name: str) -> list[str]:
    return [name.capitalize(), name.upper()]


def build_grammar(
    data: Mapping[str, Any], *, languages: Sequence[str] = ("en",), date_order: str = "DMY"
) -> DateGrammar:
    """Compile the date grammar from the contents of a ``dates.yaml`` file."""
    month_numbers: dict[str, int] = {}
    full_names: set[str] = set()
    full_forms: list[str] = []
    abbreviation_forms: list[str] = []
    for number, names in data["months"].items():
        for position, name in enumerate(names):
            month_numbers[name.lower()] = int(number)
            if position == 0:
                full_names.add(name.lower())
                full_forms.extend(_name_forms(name))
            else:
                abbreviation_forms.extend(_name_forms(name))
    abbreviations = "|".join(re.escape(f) for f in sorted(abbreviation_forms, key=len, reverse=True))
    fulls = "|".join(re.escape(f) for f in sorted(full_forms, key=len, reverse=True))
    # Any month form before digits; a dotless abbreviation alone could be a name ("Mar").
    month = rf"(?-i:(?:{fulls}|(?:{abbreviations})\.?)(?![\w]))"
    month_alone = rf"(?-i:(?:{fulls}|(?:{abbreviations})\.)(?![\w]))"
    weekday_forms = [f for w in data["weekdays"] for f in _name_forms(w)]
    weekday = rf"(?:{_alternation(weekday_forms, case_sensitive=True)}\.?,?{_S1})?"

    portions: dict[str, Portion] = {}
    for entry in data["portions"]:
        days = tuple(entry["month_days"]) if entry.get("month_days") else None
        months = tuple(entry["year_months"]) if entry.get("year_months") else None
        for phrase in entry["phrases"]:
            key = " ".join(phrase.lower().split())
            portions[key] = Portion(key, days, months)
    month_portion = _alternation(p for p, v in portions.items() if v.month_days)
    year_portion = _alternation(p for p, v in portions.items() if v.year_months)
    month_portion_g = rf"(?P<portion>{month_portion})(?:{_S0}-{_S0}|{_S1})"
    year_portion_g = rf"(?P<portion>{year_portion})(?:{_S0}-{_S0}|{_S1})"

    lead = rf"(?:(?P<lead>{_alternation(data['lead_words'])}){_S1})?"
    month_cue = rf"(?P<lead>{_alternation(data['month_cues'])}){_S1}"
    year_cue = rf"(?P<lead>{_alternation(data['year_cues'])}){_S1}"
    range_words = _alternation(data["range_words"])
    conn = rf"(?P<conn>{_S0}{_DASH}{_S0}|{_S1}{range_words}{_S1})"
    conn_and = rf"(?P<conn>{_S0}{_DASH}{_S0}|{_S1}(?:{range_words}|and|&){_S1})"
    of = rf"(?:{_S1}of)?"

    def year(name: str) -> str:
        return rf"(?:,?{_S1}(?P<{name}>{_YEAR}))?"

    patterns = {
        # 6-9 November 2012 / 30 June to 4 July 2014 / 30 June 2013 - 2 July 2014
        "dmy_range": (
            rf"{_START}{lead}{weekday}(?P<d1>{_DAY})(?:{of}{_S1}(?P<m1>{month}){year('y1')})?"
            rf"{conn}{weekday}(?P<d2>{_DAY}){of}{_S1}(?P<m2>{month}){year('y2')}{_END}"
        ),
        # March 3-5, 2014 / June 30 - July 4, 2014
        "mdy_range": (
            rf"{_START}{lead}{weekday}(?P<m1>{month}){_S1}(?P<d1>{_DAY})(?:,?{_S1}(?P<y1>{_YEAR4}))?"
            rf"{conn}(?:(?P<m2>{month}){_S1})?(?P<d2>{_DAY})(?:,?{_S1}(?P<y2>{_YEAR4}))?{_END}"
        ),
        # 6, 15 and 27 November 2012 / 11 and 12 February
        "dmy_list": (
            rf"{_START}{lead}(?P<days>{_DAY}(?:{_S0},{_S0}{_DAY})*(?:{_S0},)?{_S1}(?:and|&){_S1}{_DAY})"
            rf"{of}{_S1}(?P<m1>{month}){year('y1')}{_END}"
        ),
        # November 6, 15 and 27, 2012
        "mdy_list": (
            rf"{_START}{lead}(?P<m1>{month}){_S1}"
            rf"(?P<days>{_DAY}(?:{_S0},{_S0}{_DAY})*(?:{_S0},)?{_S1}(?:and|&){_S1}{_DAY})"
            rf"(?:,?{_S1}(?P<y1>{_YEAR4}))?{_END}"
        ),
        # On 5 November 2012 / Tuesday, 4 March 2014 / 5th of November
        "dmy": (rf"{_START}{lead}{weekday}(?P<d1>{_DAY}){of}{_S1}(?P<m1>{month}){year('y1')}{_END}"),
        # November 5, 2012 / on March 3
        "mdy": (
            rf"{_START}{lead}{weekday}(?P<m1>{month}){_S1}(?P<d1>{_DAY})"
            rf"(?:,?{_S1}(?P<y1>{_YEAR4}))?{_END}"
        ),
        # November-December 2012 / from March to May 2013 / between March and May 2013
        "month_range": (
            rf"{_START}{lead}(?P<m1>{month})(?:,?{_S1}(?P<y1>{_YEAR4}))?{conn_and}"
            rf"(?P<m2>{month}),?{_S1}(?P<y2>{_YEAR4}|['\u2019]\d\d(?!\d)){_END}"
        ),
        # November 2012 / by March 2013 / mid-November 2012
        "month_year": (
            rf"{_START}{lead}(?:{month_portion_g})?(?P<m1>{month})"
            rf"(?:,|{_S1}of)?{_S1}(?P<y1>{_YEAR4}|['\u2019]\d\d(?!\d)){_END}"
        ),
        # in February / late in February / by the end of March
        "month": (
            rf"{_START}(?:{month_cue})?(?:{month_portion_g})?"
            rf"(?P<m1>{month_alone}){_END}"
        ),
        # from 2010 to 2015 / between 2012 and 2014 / in 2012-13 / covers 2010-2014
        "year_range": (
            rf"{_START}(?:{year_cue})?(?:{year_portion_g})?(?P<y1>{_YEAR4}){conn_and}"
            rf"(?P<y2>{_YEAR4}|(?<={_DASH})\d\d(?!\d)){_END}"
        ),
        # in 2011 and 2013 / during 2011, 2012 and 2013
        "year_list": (
            rf"{_START}{year_cue}(?P<years>{_YEAR4}(?:{_S0},{_S0}{_YEAR4})*(?:{_S0},)?"
            rf"{_S1}(?:and|&){_S1}{_YEAR4}){_END}"
        ),
        # By 2025 / for 2013 / early 2016 / by the end of 2013
        "year": (rf"{_START}(?:{year_cue})?(?:{year_portion_g})?(?P<y1>{_YEAR4}){_END}"),
        # 2012-11-05 / 5/11/2012 / 05.11.2012: read by dateparser
        "numeric": (
            rf"{_START}{lead}(?P<numeric>(?:19|20)\d\d-[01]?\d-[0-3]?\d"
            rf"|[0-3]?\d/[0-3]?\d/(?:19|20)\d\d|[0-3]?\d\.[0-3]?\d\.(?:19|20)\d\d){_END}"
        ),
        # from 22 to 25 (the month is not stated)
        "days": (
            rf"{_START}(?P<lead>{_alternation(data['day_range_cues'])}){_S1}(?P<d1>{_DAY})"
            rf"{conn_and}(?P<d2>{_DAY})(?!{_S0}{_DASH}|\w|/|[.,:]\d)"
        ),
    }
    # Every pattern above starts with _START, then a digit or the first word of a lead, a
    # cue, a portion, a weekday or a month, followed by a character that is not a letter
    # or digit. A pattern that starts otherwise must add its first words here.
    first_words = {
        phrase.split()[0]
        for phrase in [
            *data["lead_words"],
            *data["month_cues"],
            *data["year_cues"],
            *data["day_range_cues"],
            *portions,
            *weekday_forms,
            *full_forms,
            *abbreviation_forms,
        ]
        if phrase.strip()
    }
    first = "|".join(re.escape(w) for w in sorted(first_words, key=len, reverse=True))
    starts = rf"{_START}(?=\d|(?:{first})(?!\w))"
    tense = data["tense"]
    return DateGrammar(
        patterns=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in patterns.items()),
        starts=re.compile(starts, re.IGNORECASE),
        month_numbers=month_numbers,
        full_month_names=frozenset(full_names),
        portions=portions,
        two_digit_year_pivot=int(data["two_digit_year_pivot"]),
        day_range_follow_words=frozenset(w.lower() for w in data["day_range_follow_words"]),
        day_range_blocked_after=frozenset(w.lower() for w in data["day_range_blocked_after"]),
        day_range_max_days=int(data["day_range_max_days"]),
        uncued_year_range_max=int(data["uncued_year_range_max"]),
        tense=TenseWords(
            future_auxiliaries=frozenset(tense["future_auxiliaries"]),
            past_auxiliaries=frozenset(tense["past_auxiliaries"]),
            present_auxiliaries=frozenset(tense["present_auxiliaries"]),
            future_verbs=frozenset(tense["future_verbs"]),
            future_adjectives=frozenset(tense["future_adjectives"]),
        ),
        languages=tuple(languages),
        date_order=date_order,
    )


@cache
def default_grammar() -> DateGrammar:
    """The grammar of the packaged ``dates.yaml`` (built once)."""
    return build_grammar(load_data("dates.yaml"))


# ---------------------------------------------------------------- dateparser


@cache
def _date_parser(languages: tuple[str, ...], date_order: str) -> DateDataParser:
    # Absolute dates only, all three parts required: no clock, no network, no guessing.
    return DateDataParser(
        languages=list(languages),
        settings={
            "RELATIVE_BASE": datetime(2000, 1, 1),
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": date_order,
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
            "RETURN_TIME_AS_PERIOD": False,
        },
    )


def parse_date_string(
    text: str, *, languages: Sequence[str] = ("en",), date_order: str = "DMY"
) -> date | None:
    """A full calendar date written in one of many formats ("5 Nov. 2012", "2012-11-05")."""
    data = _date_parser(tuple(languages), date_order).get_date_data(text)
    return data.date_obj.date() if data.date_obj is not None else None


# ---------------------------------------------------------------- grammar


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None  # "5th" -> 5


def _month(grammar: DateGrammar, text: str | None) -> int | None:
    return grammar.month_numbers[text.rstrip(".").lower()] if text else None


def _is_abbreviated(grammar: DateGrammar, month_text: str | None) -> bool:
    if not month_text:
        return False
    return month_text.endswith(".") or month_text.lower() not in grammar.full_month_names


def _year(grammar: DateGrammar, text: str | None) -> int | None:
    if not text:
        return None
    digits = text.lstrip("'\u2019")
    if len(digits) == 4:
        return int(digits)
    value = int(digits)
    return (2000 if value < grammar.two_digit_year_pivot else 1900) + value


def _two_digit_year_ok(grammar: DateGrammar, match: re.Match[str], group: str, month_group: str) -> bool:
    """A bare two-digit year stands only after an abbreviated month ("Oct. 14")."""
    text = match.group(group)
    if not text or len(text) == 4 or text[0] in "'\u2019":
        return True
    return _is_abbreviated(grammar, match.group(month_group))


def _range_parts(
    d1: int | None, m1: int | None, y1: int | None, d2: int | None, m2: int | None, y2: int | None
) -> DateSpan:
    """Share the parts one end states with the other ("6-9 November 2012")."""
    if m1 is None:
        m1 = m2
    if m2 is None:
        m2 = m1
    if y1 is None and y2 is not None:
        y1 = y2 - 1 if (m1 or 0) > (m2 or 0) else y2
    if y2 is None and y1 is not None:
        y2 = y1 + 1 if (m1 or 0) > (m2 or 0) else y1
    return DateSpan(DatePart(d1, m1, y1), DatePart(d2, m2, y2))


def _list_spans(days: list[int], month: int | None, year: int | None, as_range: bool) -> tuple[DateSpan, ...]:
    """Separate days, except that consecutive days (or "between A and B") are one range."""
    consecutive = all(b == a + 1 for a, b in pairwise(days))
    if as_range or consecutive:
        return (DateSpan(DatePart(days[0], month, year), DatePart(days[-1], month, year)),)
    return tuple(DateSpan(DatePart(d, month, year), DatePart(d, month, year)) for d in days)


def _next_word(text: str, end: int) -> str:
    match = re.match(r"\s*([A-Za-z]+)", text[end:])
    return match.group(1).lower() if match else ""


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([A-Za-z]+)\W*$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def _days_only_ok(grammar: DateGrammar, text: str, match: re.Match[str], d1: int, d2: int) -> bool:
    """ "from 22 to 25" is a date range only where it ends a clause and is not a change."""
    if not 0 < d2 - d1 <= grammar.day_range_max_days:
        return False
    if _previous_word(text, match.start()) in grammar.day_range_blocked_after:
        return False
    rest = text[match.end() :]
    if re.match(r"\s*(?:$|[,;:)\]]|\.(?:\s|$))", rest):
        return True
    return _next_word(text, match.end()) in grammar.day_range_follow_words


def _uncued_year_range_ok(
    grammar: DateGrammar, text: str, match: re.Match[str], conn: str, years: int
) -> bool:
    """ "covers 2010-2014", "the 2014-2015 biennium": a dashed span of a few years after a
    common word; after a capitalised word it is part of a name ("Strategic Plan 2014-2017")."""
    if conn not in "-\u2010\u2011\u2012\u2013\u2014\u2015" or years > grammar.uncued_year_range_max:
        return False
    before = re.search(r"([A-Za-z]+)[ \t]+$", text[max(0, match.start() - 40) : match.start()])
    return before is not None and (before.group(1).islower() or before.group(1).lower() == "the")


def _expression(grammar: DateGrammar, name: str, match: re.Match[str], text: str) -> DateExpression | None:
    groups = match.groupdict()
    end = match.end()
    portion = (
        grammar.portions.get(" ".join(groups["portion"].lower().split())) if groups.get("portion") else None
    )
    lead = " ".join(groups["lead"].lower().split()) if groups.get("lead") else ""
    conn = " ".join(groups["conn"].lower().split()) if groups.get("conn") else ""
    if conn in ("and", "&") and lead != "between":
        return None  # "March and May 2013" names two months, not a range
    spans: tuple[DateSpan, ...]
    if name in ("month", "year") and not (lead or portion):
        return None  # a bare month or year needs a cue: "in February", "By 2025"
    if name in ("dmy_range", "mdy_range"):
        if not _two_digit_year_ok(grammar, match, "y2", "m2"):
            end = match.end("m2")
            groups["y2"] = None
        if not _two_digit_year_ok(grammar, match, "y1", "m1"):
            return None
        spans = (
            _range_parts(
                _day(groups["d1"]),
                _month(grammar, groups["m1"]),
                _year(grammar, groups["y1"]),
                _day(groups["d2"]),
                _month(grammar, groups["m2"]),
                _year(grammar, groups["y2"]),
            ),
        )
    elif name in ("dmy_list", "mdy_list"):
        if not _two_digit_year_ok(grammar, match, "y1", "m1"):
            end = match.end("m1")
            groups["y1"] = None
        days = [int(d) for d in re.findall(r"\d+", groups["days"])]
        if any(b <= a for a, b in pairwise(days)):
            return None
        as_range = lead == "between" and len(days) == 2
        spans = _list_spans(days, _month(grammar, groups["m1"]), _year(grammar, groups["y1"]), as_range)
    elif name in ("dmy", "mdy"):
        if not _two_digit_year_ok(grammar, match, "y1", "m1"):
            end = match.end("m1")
            groups["y1"] = None
        part = DatePart(_day(groups["d1"]), _month(grammar, groups["m1"]), _year(grammar, groups["y1"]))
        spans = (DateSpan(part, part),)
    elif name == "month_range":
        spans = (
            _range_parts(
                None,
                _month(grammar, groups["m1"]),
                _year(grammar, groups["y1"]),
                None,
                _month(grammar, groups["m2"]),
                _year(grammar, groups["y2"]),
            ),
        )
    elif name in ("month_year", "month"):
        part = DatePart(None, _month(grammar, groups["m1"]), _year(grammar, groups.get("y1")))
        spans = (DateSpan(part, part),)
    elif name == "year_range":
        y1 = int(groups["y1"])
        y2 = int(groups["y2"]) if len(groups["y2"]) == 4 else y1 // 100 * 100 + int(groups["y2"])
        if y2 <= y1:
            return None
        if not (lead or portion) and not _uncued_year_range_ok(grammar, text, match, conn, y2 - y1):
            return None
        spans = (DateSpan(DatePart(None, None, y1), DatePart(None, None, y2)),)
    elif name == "year_list":
        years = [int(y) for y in re.findall(r"\d{4}", groups["years"])]
        if any(b <= a for a, b in pairwise(years)):
            return None
        if lead == "between" and len(years) == 2:
            years = list(range(years[0], years[1] + 1))
        if all(b == a + 1 for a, b in pairwise(years)):
            spans = (DateSpan(DatePart(None, None, years[0]), DatePart(None, None, years[-1])),)
        else:
            spans = tuple(DateSpan(DatePart(None, None, y), DatePart(None, None, y)) for y in years)
    elif name == "year":
        part = DatePart(None, None, _year(grammar, groups["y1"]))
        spans = (DateSpan(part, part),)
    elif name == "numeric":
        parsed = parse_date_string(
            groups["numeric"], languages=grammar.languages, date_order=grammar.date_order
        )
        if parsed is None:
            return None
        part = DatePart(parsed.day, parsed.month, parsed.year)
        spans = (DateSpan(part, part),)
    elif name == "days":
        d1, d2 = _day(groups["d1"]), _day(groups["d2"])
        if d1 is None or d2 is None or not _days_only_ok(grammar, text, match, d1, d2):
            return None
        spans = (DateSpan(DatePart(d1), DatePart(d2)),)
    else:  # pragma: no cover - every pattern has a branch
        raise ValueError(name)
    return DateExpression(text[match.start() : end], match.start(), end, spans, name, portion)


def _share_year_across_and(text: str, expressions: list[DateExpression]) -> list[DateExpression]:
    """ "on 5 November and 6 December 2012": the first takes the year the second states."""
    shared = list(expressions)
    for i in range(len(shared) - 2, -1, -1):
        first, second = shared[i], shared[i + 1]
        gap = text[first.end : second.start]
        year = second.spans[0].start.year
        month = second.spans[0].start.month
        if (
            re.fullmatch(r"\s*(?:,|,?\s*(?:and|or|&))\s*", gap)
            and year is not None
            and month is not None
            and all(s.start.year is None and s.start.month is not None for s in first.spans)
        ):
            spans = tuple(
                _range_parts(
                    s.start.day,
                    s.start.month,
                    year - 1 if (s.start.month or 0) > month else year,
                    s.end.day,
                    s.end.month,
                    None,
                )
                for s in first.spans
            )
            shared[i] = replace(first, spans=spans)
    return shared


def _matches_at(pattern: re.Pattern[str], text: str, starts: Sequence[int]) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when no match can start outside ``starts`` (sorted)."""
    end = 0
    for start in starts:
        if start >= end and (match := pattern.match(text, start)) is not None:
            yield match
            end = max(match.end(), start + 1)


def find_date_expressions(text: str, *, grammar: DateGrammar | None = None) -> list[DateExpression]:
    """Every date expression in ``text``, in order, without overlaps (longest wins)."""
    grammar = grammar or default_grammar()
    starts = [m.start() for m in grammar.starts.finditer(text)] if grammar.starts is not None else None
    candidates: list[tuple[int, int, int, DateExpression]] = []
    for order, (name, pattern) in enumerate(grammar.patterns):
        for match in pattern.finditer(text) if starts is None else _matches_at(pattern, text, starts):
            expression = _expression(grammar, name, match, text)
            if expression is not None:
                candidates.append((-(expression.end - expression.start), expression.start, order, expression))
    chosen: list[DateExpression] = []
    for _, _, _, expression in sorted(candidates, key=lambda c: c[:3]):
        if all(expression.end <= c.start or expression.start >= c.end for c in chosen):
            chosen.append(expression)
    chosen.sort(key=lambda e: e.start)
    return _share_year_across_and(text, chosen)


# ---------------------------------------------------------------- resolution


def infer_year(month: int, issue_date: date, tense: str) -> int:
    """Year of a month named without one, seen from the issue's month.

    Past: the latest such month on or before the issue month; future: the first on or
    after it; otherwise the nearest (the issue's year on a tie).
    """
    if tense == PAST:
        return issue_date.year if month <= issue_date.month else issue_date.year - 1
    if tense == FUTURE:
        return issue_date.year if month >= issue_date.month else issue_date.year + 1
    issue = issue_date.year * 12 + issue_date.month
    return min(
        (issue_date.year - 1, issue_date.year, issue_date.year + 1),
        key=lambda y: (abs(y * 12 + month - issue), y != issue_date.year),
    )


def infer_month(day: int, issue_date: date, tense: str) -> tuple[int, int]:
    """(year, month) of a day named without a month: the issue month, or the nearest
    month that has that day (earlier for the past, later otherwise)."""
    year, month = issue_date.year, issue_date.month
    step = -1 if tense == PAST else 1
    while day > calendar.monthrange(year, month)[1]:
        month += step
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
    return year, month


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _portion_day(value: int, year: int, month: int) -> int:
    last = _last_day(year, month)
    return min(value, last) if value > 0 else last + 1 + value


def _bounds(part: DatePart, year: int, month: int | None, portion: Portion | None, first: bool) -> date:
    if part.day is not None and month is not None:
        return date(year, month, part.day)
    if month is not None:
        if portion is not None and portion.month_days is not None:
            day = _portion_day(portion.month_days[0 if first else 1], year, month)
        else:
            day = 1 if first else _last_day(year, month)
        return date(year, month, day)
    months = portion.year_months if portion is not None and portion.year_months else (1, 12)
    month = months[0] if first else months[1]
    return date(year, month, 1 if first else _last_day(year, month))


def _resolve_span(
    span: DateSpan, portion: Portion | None, issue_date: date | None, tense: str
) -> ResolvedDate | None:
    start, end = span.start, span.end
    inferred: list[str] = []
    start_month, end_month = start.month, end.month
    start_year, end_year = start.year, end.year
    if start_month is None and start.day is not None:
        if issue_date is None:
            return None
        start_year, start_month = infer_month(start.day, issue_date, tense)
        end_year, end_month = start_year, start_month
        inferred = ["month", "year"]
    elif start_year is None:
        if issue_date is None or start_month is None:
            return None
        start_year = infer_year(start_month, issue_date, tense)
        end_year = start_year + 1 if (end_month or 0) < start_month else start_year
        inferred = ["year"]
    if end_year is None:
        end_year = start_year
    try:
        first = _bounds(start, start_year, start_month, portion, True)
        last = _bounds(end, end_year, end_month, portion, False)
    except ValueError:  # 31 June, 29 February 2013
        return None
    if last < first:
        return None
    granularity = DAY if start.day is not None else MONTH if start_month is not None else YEAR
    return ResolvedDate(first, last, granularity, tuple(inferred))


def resolve(expression: DateExpression, issue_date: date | None, tense: str) -> list[ResolvedDate]:
    """Calendar dates of an expression: one per separate day of a list, ranges as one.

    A missing year (or month) comes from ``issue_date`` and ``tense`` and is flagged in
    ``inferred_parts``; without an issue date such an expression resolves to nothing.
    """
    resolved = (_resolve_span(s, expression.portion, issue_date, tense) for s in expression.spans)
    return [r for r in resolved if r is not None]


# ---------------------------------------------------------------- tense


def _is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def _verb_tense(token: Token, words: TenseWords, via_infinitive: bool) -> str | None:
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & words.future_auxiliaries:
        return FUTURE
    if token.lemma_.lower() in words.future_verbs and (via_infinitive or token.tag_ == "VBN"):
        return FUTURE
    if "to" in auxiliaries:
        # "to be held on ...": a passive infinitive announces what is to come.
        return FUTURE if token.tag_ == "VBN" and "be" in auxiliaries else None
    if auxiliaries & words.past_auxiliaries:
        return PAST
    if auxiliaries & words.present_auxiliaries:
        return PRESENT
    if token.tag_ == "VBD":
        return PAST
    if token.tag_ == "VBN" and token.dep_ in ("ROOT", "acl") and not auxiliaries:
        # A main verb with no auxiliary is a mistagged finite past; a bare participle
        # after a noun ("a questionnaire sent in January") reports a done thing.
        return PAST
    if token.tag_ in ("VBZ", "VBP"):
        return PRESENT
    return None


def _tense_upwards(token: Token, words: TenseWords) -> str | None:
    """Tense of the nearest clause governing ``token`` that shows one."""
    via_infinitive = False
    current = token
    for _ in range(len(token.doc)):
        if _is_verb(current):
            tense = _verb_tense(current, words, via_infinitive)
            if tense is not None:
                return tense
            via_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        elif any(c.lemma_.lower() in words.future_adjectives for c in current.children if c.dep_ == "amod"):
            return FUTURE
        if current.head is current:
            return None
        current = current.head
    return None


def sentence_tense(sent: Span, words: TenseWords | None = None) -> str:
    """ "past", "future" or "present" for a parsed sentence, from its main clause."""
    words = words or default_grammar().tense
    tense = _tense_upwards(sent.root, words)
    if tense is not None:
        return tense
    if any(t.tag_ == "MD" and t.lower_ in words.future_auxiliaries for t in sent):
        return FUTURE
    if any(t.tag_ == "VBD" for t in sent):
        return PAST
    return PRESENT


def expression_tense(span: Span, words: TenseWords | None = None) -> str:
    """Tense of the clause a date expression belongs to ("to be held on 11 and 12 ...")."""
    words = words or default_grammar().tense
    root = span.root
    tense = _tense_upwards(root.head, words) if root.head is not root else None
    return tense or sentence_tense(span.sent, words)


# ---------------------------------------------------------------- extractor


def _modifies_following_noun(span: Span) -> bool:
    """A bare year that counts a later common noun: "for 2013 participants".

    Only a lower-case noun on the same line: the small model also attaches "In 2012"
    to a following acronym ("In 2012 DPADM organised ...") and a heading to the next line.
    """
    year = span[-1]
    head = year.head
    return (
        year.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod")
        and head.i > year.i
        and head.pos_ == "NOUN"
        and head.text.islower()
        and "\n" not in span.doc.text[year.idx : head.idx]
    )


def _reference_date(expressions: Iterable[DateExpression]) -> date | None:
    """Without an issue date: the first month and year the document states."""
    for expression in expressions:
        for span in expression.spans:
            if span.start.month is not None and span.start.year is not None:
                return date(span.start.year, span.start.month, 1)
    return None


def _tense_of(doc: Doc, start: int, end: int, words: TenseWords) -> str:
    if not doc.has_annotation("DEP"):
        return PRESENT
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return PRESENT
    return expression_tense(span, words)


def extract(context: DocumentContext) -> Extracted:
    """The dates stage: ``find_dates`` over a document context, relative to the issue date."""
    return Extracted(tuple(find_dates(context.doc_id, context.sections, context.docs, context.issue_date)))


def find_dates(
    doc_id: str,
    sections: Sequence[Section],
    docs: Sequence[Doc],
    issue_date: date | None,
    *,
    grammar: DateGrammar | None = None,
) -> list[DateMention]:
    """Date mentions of a document, one row per day of a list; offsets in the document."""
    grammar = grammar or default_grammar()
    per_section = [find_date_expressions(section.text, grammar=grammar) for section in sections]
    reference = issue_date or _reference_date(e for found in per_section for e in found)
    mentions: list[DateMention] = []
    for section, doc, expressions in zip(sections, docs, per_section, strict=True):
        for expression in expressions:
            if expression.pattern == "year" and expression.portion is None and doc.has_annotation("DEP"):
                span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
                if span is not None and _modifies_following_noun(span):
                    continue
            tense = _tense_of(doc, expression.start, expression.end, grammar.tense)
            start = section.char_start + expression.start
            end = section.char_start + expression.end
            for resolved in resolve(expression, reference, tense):
                mentions.append(
                    DateMention(
                        doc_id=doc_id,
                        section_id=section.section_id,
                        date_id=stable_id(doc_id, start, end, resolved.start),
                        text=expression.text,
                        start_date=resolved.start,
                        end_date=resolved.end,
                        granularity=resolved.granularity,
                        inferred=resolved.inferred,
                        inferred_parts=",".join(resolved.inferred_parts) or None,
                        char_start=start,
                        char_end=end,
                    )
                )
    return mentions
