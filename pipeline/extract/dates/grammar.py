"""The date grammar, compiled once from ``data/dates.yaml``: analysts edit words, not regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.core.datafiles import load_data
from pipeline.extract.dates.records import Portion, Season

# Spacing inside an expression: blanks and at most one line break (a PDF line wrap).
_H = r"[ \t\u00a0]"
_S1 = rf"(?:{_H}+(?:\n{_H}*)?|\n{_H}*)"
_S0 = rf"(?:{_H}*(?:\n{_H}*)?)"
_DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2015]"
# An ordinal suffix may stand apart from its number ("3 rd") where a PDF set it raised.
# Set apart, only in lower case: "5 St Kilda Road" is an address.
_ORDINAL = r"(?:(?:(?-i:[ \t\u00a0](?:st|nd|rd|th))|(?:st|nd|rd|th))(?-i:(?![a-z])))"
_DAY = rf"(?<!\d)(?:3[01]|[12]\d|0?[1-9]){_ORDINAL}?(?!\d)"
_YEAR4 = r"(?<!\d)(?:19|20)\d\d(?!\d)"
_YEAR = rf"(?:{_YEAR4}|['\u2019]?\d\d(?!\d))"
# An expression neither starts inside a word, a number, a symbol ("A/67/195") or a
# time, nor ends before one.
_START = r"(?<![\w/:.\u2010\u2011\u2012\u2013\u2014\u2015-])"
_END = r"(?![\w/%]|[.,:]\d)"


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
    # Patterns whose matches the stage keeps only where the parse agrees (see dates.stage).
    parse_checked: tuple[tuple[str, re.Pattern[str]], ...]
    month_numbers: Mapping[str, int]  # lower-cased name or abbreviation -> 1..12
    full_month_names: frozenset[str]  # lower-cased
    portions: Mapping[str, Portion]  # lower-cased phrase with single spaces
    two_digit_year_pivot: int
    day_range_follow_words: frozenset[str]
    day_range_blocked_after: frozenset[str]
    day_range_max_days: int
    uncued_year_range_max: int
    tense: TenseWords
    seasons: Mapping[str, Season]  # lower-cased name -> months in each hemisphere
    southern_countries: frozenset[str]  # ISO codes
    relative_words: Mapping[str, int]  # lower-cased word -> offset
    relative_with_article: frozenset[str]
    languages: tuple[str, ...] = ("en",)
    date_order: str = "DMY"
    # Where an expression can start (a superset): the patterns are tried only there, which
    # gives the same matches as scanning every position, in half the time. None: everywhere.
    starts: re.Pattern[str] | None = None


def _alternation(phrases: Iterable[str], *, case_sensitive: bool = False) -> str:
    """Regex alternation of phrases, longest first, spaces matching any spacing."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        parts.append(_S1.join(re.escape(word) for word in phrase.split()))
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _month_pair(months: Sequence[int]) -> tuple[int, int]:
    first, last = months
    return int(first), int(last)


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
    weekday_req = rf"{_alternation(weekday_forms, case_sensitive=True)}\.?,?{_S1}"
    weekday = rf"(?:{weekday_req})?"
    # Day to month: spacing, or nothing after an ordinal glued to the month ("16thJanuary").
    day_month = rf"(?:{_S1}|(?<=[a-z])(?=[A-Z]))"

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

    month_full = rf"(?-i:(?:{fulls})(?![\w]))"
    seasons = {
        name.lower(): Season(name.lower(), _month_pair(v["north"]), _month_pair(v["south"]))
        for name, v in data["seasons"].items()
    }
    season = _alternation(seasons)
    relative = _alternation(data["relative_words"])
    units = _alternation([*data["relative_units"], *seasons])

    def year(name: str) -> str:
        return rf"(?:,?{_S1}(?P<{name}>{_YEAR}))?"

    patterns = {
        # 6-9 November 2012 / 30 June to 4 July 2014 / 30 June 2013 - 2 July 2014
        "dmy_range": (
            rf"{_START}{lead}{weekday}(?P<d1>{_DAY})(?:{of}{day_month}(?P<m1>{month}){year('y1')})?"
            rf"{conn}{weekday}(?P<d2>{_DAY}){of}{day_month}(?P<m2>{month}){year('y2')}{_END}"
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
            rf"(?P<days>{_DAY}(?:{_S0},{_S0}{_DAY})*(?:{_S0},)?{_S1}(?:and|or|&){_S1}{_DAY})"
            rf"(?:,?{_S1}(?P<y1>{_YEAR4}))?{_END}"
        ),
        # On 5 November 2012 / Tuesday, 4 March 2014 / 5th of November
        "dmy": (rf"{_START}{lead}{weekday}(?P<d1>{_DAY}){of}{day_month}(?P<m1>{month}){year('y1')}{_END}"),
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
        # November (2001) / a masthead's "January" with "2011" alone on a line below
        "month_year": (
            rf"{_START}{lead}(?:{month_portion_g})?(?P<m1>{month})"
            rf"(?:(?:,|{_S1}of)?{_S1}|{_S0}(?P<paren>\()|(?P<alone>{_H}*\n(?:{_H}*\n)+{_H}*))"
            rf"(?P<y1>{_YEAR4}|(?(paren)(?!)|(?(alone)(?!)|['\u2019]\d\d(?!\d))))(?(paren)\))"
            rf"(?(alone)(?={_H}*(?:\n|$))){_END}"
        ),
        # during June and July / April or May 2016 / in November, December and January
        "month_list": (
            rf"{_START}(?:{month_cue})?(?P<months>{month_alone}(?:{_S0},{_S1}{month_alone})*"
            rf"(?:{_S0},)?{_S1}(?:and|or|&){_S1}{month_alone})(?:,?{_S1}(?P<y1>{_YEAR4}))?{_END}"
        ),
        # Spring 2013 / in the spring of 1997 / the Autumn, 2014
        "season_year": (
            rf"{_START}{lead}(?:the{_S1})?(?P<season>{season})(?:{_S1}of|,)?{_S1}(?P<y1>{_YEAR4}){_END}"
        ),
        # this year / by next month / last July / this fall / the current year
        "relative": (
            rf"{_START}{lead}(?:(?P<article>the){_S1})?(?P<relative>{relative}){_S1}"
            rf"(?:(?P<unit>{units})|(?P<m1>{month_full})){_END}"
        ),
        # April meeting: Sun 18 (a month heading an activity, then its weekday and day)
        "month_label_day": (
            rf"{_START}(?P<m1>{month_full})(?:{_H}+[a-z]+){{1,2}}{_H}*[:\u2013\u2014-]{_S0}"
            rf"{weekday_req}(?P<d1>{_DAY}){_END}"
        ),
        # in February / late in February / by the end of March
        "month": (
            rf"{_START}(?:{month_cue})?(?:{month_portion_g})?"
            rf"(?P<m1>{month_alone}){_END}"
        ),
        # from 2010 to 2015 / between 2012 and 2014 / in 2012-13 / covers 2010-2014
        # and a financial or academic year: in 2021/22, the 2019/2020 season
        "year_range": (
            rf"{_START}(?:{year_cue})?(?:{year_portion_g})?(?P<y1>{_YEAR4})(?:{conn_and}|(?P<slash>/))"
            rf"(?P<y2>{_YEAR4}|(?<={_DASH}|/)\d\d(?!\d)){_END}"
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
    # Kept only where the sentence's parse agrees (the stage checks): "The July meeting",
    # and a year with no cue ("founded 1987", "1987 was dry").
    parse_checked = {
        "month_modifier": (
            rf"{_START}(?:(?P<lead>{_alternation(data['month_modifier_leads'])}){_S1})?"
            rf"(?P<m1>{month_full})(?={_H}+[a-z])"
        ),
        "bare_year": rf"{_START}(?P<y1>{_YEAR4}){_END}",
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
            *seasons,
            *data["relative_words"],
            *data["month_modifier_leads"],
            "the",
        ]
        if phrase.strip()
    }
    first = "|".join(re.escape(w) for w in sorted(first_words, key=len, reverse=True))
    starts = rf"{_START}(?=\d|(?:{first})(?!\w))"
    tense = data["tense"]
    return DateGrammar(
        patterns=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in patterns.items()),
        parse_checked=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in parse_checked.items()),
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
        seasons=seasons,
        southern_countries=frozenset(c.upper() for c in data["southern_hemisphere_countries"]),
        relative_words={k.lower(): int(v) for k, v in data["relative_words"].items()},
        relative_with_article=frozenset(w.lower() for w in data["relative_with_article"]),
        languages=tuple(languages),
        date_order=date_order,
    )


@cache
def default_grammar() -> DateGrammar:
    """The grammar of the packaged ``dates.yaml`` (built once)."""
    return build_grammar(load_data("dates.yaml"))
