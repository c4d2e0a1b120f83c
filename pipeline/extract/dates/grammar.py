"""The date grammar, compiled once per language from ``data/dates.yaml`` (English) and
``data/<language>/dates.yaml`` (the words of another language): analysts edit words, not regexes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.core.datafiles import language_data_exists, load_data, load_language_data
from pipeline.core.ids import without_accents as unaccent
from pipeline.extract.dates.records import Portion, Season

# Spacing inside an expression: blanks and at most one line break (a PDF line wrap).
_H = r"[ \t\u00a0]"
_S1 = rf"(?:{_H}+(?:\n{_H}*)?|\n{_H}*)"
_S0 = rf"(?:{_H}*(?:\n{_H}*)?)"
_DASH = r"[-\u2010\u2011\u2012\u2013\u2014\u2015]"
_YEAR4 = r"(?<!\d)(?:19|20)\d\d(?!\d)"
_YEAR = rf"(?:{_YEAR4}|['\u2019]?\d\d(?!\d))"
# An expression neither starts inside a word, a number, a symbol ("A/67/195") or a
# time, nor ends before one.
# A date written in figures: ISO, or day and month (either order) with a four-digit year, or a
# two-digit one after slashes or after two-digit day and month with dots ("4.2.12" is more often
# a clause number than a date).
_NUMERIC = (
    r"(?:19|20)\d\d-[01]?\d-[0-3]?\d"
    r"|[0-3]?\d/[0-3]?\d/(?:(?:19|20)\d\d|\d\d(?!\d))"
    r"|[0-3]?\d\.[0-3]?\d\.(?:19|20)\d\d|[0-3]\d\.[0-3]\d\.\d\d(?!\d)"
)
_START = r"(?<![\w/:.\u2010\u2011\u2012\u2013\u2014\u2015-])"
_END = r"(?![\w/%]|[.,:]\d)"


@dataclass(frozen=True)
class TenseWords:
    future_auxiliaries: frozenset[str]
    past_auxiliaries: frozenset[str]
    present_auxiliaries: frozenset[str]
    future_verbs: frozenset[str]
    future_adjectives: frozenset[str]
    # Future auxiliaries that stay future in a perfect ("will have finished"); the others,
    # with "have" and a participle, look back ("should have happened").
    perfect_future_auxiliaries: frozenset[str] = frozenset()
    # Read the tense from the parse's morphology (Tense=Fut, an auxiliary and a participle) rather
    # than from English part-of-speech tags: for a model that tags as Universal Dependencies.
    morphology: bool = False


@dataclass(frozen=True)
class DateGrammar:
    """Compiled patterns and word lists, built once from ``data/dates.yaml``."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    # Patterns whose matches the stage keeps only where the parse agrees (see dates.stage).
    parse_checked: tuple[tuple[str, re.Pattern[str]], ...]
    month_numbers: Mapping[str, int]  # lower-cased name or abbreviation -> 1..12
    weekday_numbers: Mapping[str, int]  # lower-cased name or abbreviation -> 0 (Monday)..6
    full_month_names: frozenset[str]  # lower-cased
    portions: Mapping[str, Portion]  # lower-cased phrase with single spaces
    two_digit_year_pivot: int
    day_range_follow_words: frozenset[str]
    # Words opening a clause after a day with no month ("on the 12th because ...").
    day_alone_follow_words: frozenset[str]
    day_range_blocked_after: frozenset[str]
    day_range_max_days: int
    uncued_year_range_max: int
    tense: TenseWords
    seasons: Mapping[str, Season]  # lower-cased name -> months in each hemisphere
    southern_countries: frozenset[str]  # ISO codes
    relative_words: Mapping[str, int]  # lower-cased word -> offset
    relative_with_article: frozenset[str]
    # Lower-cased unit word -> unit ("year", "month"); a season's name is a unit too.
    relative_units: Mapping[str, str] = field(default_factory=dict)
    # Words after a unit or a date that count it from the issue ("l'année dernière", "le 4 mai
    # dernier"): lower-cased word -> offset.
    relative_after: Mapping[str, int] = field(default_factory=dict)
    # Words that join the items of a list ("and", "&"), that offer a choice ("or"), and the
    # lead words after which two items joined by "and" are the ends of one range ("between").
    and_words: frozenset[str] = frozenset({"and", "&"})
    or_words: frozenset[str] = frozenset({"or"})
    between_words: frozenset[str] = frozenset({"between"})
    # Lower-cased words after which a date is part of a name ("rue du 8 mai", "place du 14 juillet").
    name_words: frozenset[str] = frozenset()
    # Lower-cased number words -> value, for dates written out in words ("le vingt-six avril
    # deux mille quatorze", the opening of French council minutes); empty where none are read.
    number_words: Mapping[str, int] = field(default_factory=dict)
    # Without an issue date or a stated year, the latest year a weekday may pick.
    undated_latest_year: int | None = None
    languages: tuple[str, ...] = ("en",)
    date_order: str = "DMY"
    # Where an expression can start (a superset): the patterns are tried only there, which
    # gives the same matches as scanning every position, in half the time. None: everywhere.
    starts: re.Pattern[str] | None = None


def _word(word: str) -> str:
    """A word of the data as a regex: escaped, and either apostrophe for one ("l'année")."""
    return re.escape(word).replace("'", "['\u2019]")


def _alternation(phrases: Iterable[str], *, case_sensitive: bool = False) -> str:
    """Regex alternation of phrases, longest first, spaces matching any spacing."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        parts.append(_S1.join(_word(word) for word in phrase.split()))
    body = "|".join(parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def _optional_words(words: Sequence[str]) -> str:
    """Optional words before what follows ("the spring", "l'été"): an elided one ("l'") is glued to it."""
    spaced = [w for w in words if not w.endswith("'")]
    elided = [w for w in words if w.endswith("'")]
    branches = [f"{_alternation(spaced)}{_S1}"] if spaced else []
    branches += [f"{_alternation(elided)}{_H}*"] if elided else []
    return f"(?:{'|'.join(branches)})?" if branches else ""


def _day_pattern(ordinal_suffixes: Sequence[str], *, ordinal_required: bool = False) -> str:
    # An ordinal suffix may stand apart from its number ("3 rd") where a PDF set it raised.
    # Set apart, only in lower case: "5 St Kilda Road" is an address.
    suffixes = "|".join(re.escape(s) for s in ordinal_suffixes)
    ordinal = rf"(?:(?:(?-i:[ \t\u00a0](?:{suffixes}))|(?:{suffixes}))(?-i:(?![a-z])))"
    return rf"(?<!\d)(?:3[01]|[12]\d|0?[1-9]){ordinal}{'' if ordinal_required else '?'}(?!\d)"


def _month_pair(months: Sequence[int]) -> tuple[int, int]:
    first, last = months
    return int(first), int(last)


def _name_forms(name: str, lower_case: bool = False, without_accents: bool = False) -> list[str]:
    """The forms a month or weekday name is written in: Capitalised and UPPER CASE, and in lower
    case where the language writes it so ("12 mars"); with and without accents ("février")."""
    names = [name, unaccent(name)] if without_accents else [name]
    forms = []
    for each in dict.fromkeys(names):
        forms += [each.capitalize(), each.upper(), *([each.lower()] if lower_case else [])]
    return list(dict.fromkeys(forms))


def _weekday_numbers(names: Sequence[str]) -> dict[str, int]:
    """Lower-cased weekday name or abbreviation (accents dropped too) -> 0 (Monday) .. 6: the
    first seven names of the data are the full names from Monday; an abbreviation is the start
    of exactly one of them ("Tues", "mer")."""
    full = [unaccent(str(n)).lower() for n in names[:7]]
    numbers: dict[str, int] = {}
    for name in names:
        key = unaccent(str(name)).lower()
        owners = [i for i, f in enumerate(full) if f.startswith(key)]
        if len(owners) != 1:
            raise ValueError(f"weekday {name!r} is not the start of exactly one of {names[:7]}")
        numbers[key] = numbers[str(name).lower()] = owners[0]
    return numbers


def build_grammar(
    data: Mapping[str, Any], *, languages: Sequence[str] = ("en",), date_order: str = "DMY"
) -> DateGrammar:
    """Compile the date grammar from the contents of a ``dates.yaml`` file."""
    lower_case = bool(data.get("lower_case_names", False))
    plain = bool(data.get("names_without_accents", False))
    month_numbers: dict[str, int] = {}
    full_names: set[str] = set()
    full_forms: list[str] = []
    abbreviation_forms: list[str] = []
    for number, names in data["months"].items():
        for position, name in enumerate(names):
            forms = _name_forms(name, lower_case, plain)
            for form in forms:
                month_numbers[form.lower()] = int(number)
            if position == 0:
                full_names.update(form.lower() for form in forms)
                full_forms.extend(forms)
            else:
                abbreviation_forms.extend(forms)
    abbreviations = "|".join(re.escape(f) for f in sorted(abbreviation_forms, key=len, reverse=True))
    fulls = "|".join(re.escape(f) for f in sorted(full_forms, key=len, reverse=True))
    # Any month form before digits; a dotless abbreviation alone could be a name ("Mar").
    month = rf"(?-i:(?:{fulls}|(?:{abbreviations})\.?)(?![\w]))"
    month_alone = rf"(?-i:(?:{fulls}|(?:{abbreviations})\.)(?![\w]))"
    weekday_numbers = _weekday_numbers(data["weekdays"])
    weekday_forms = [f for w in data["weekdays"] for f in _name_forms(w, lower_case, plain)]
    weekday_names = _alternation(weekday_forms, case_sensitive=True)
    weekday_req = rf"{weekday_names}\.?,?{_S1}"
    weekday = rf"(?:{weekday_req})?"
    # A single day's weekday is kept: it picks the year where the bulletin states none.
    weekday_kept = rf"(?:(?P<wd1>{weekday_names})\.?,?{_S1})?"
    # Day to month: spacing, or nothing after an ordinal glued to the month ("16thJanuary").
    day_month = rf"(?:{_S1}|(?<=[a-z])(?=[A-Z]))"
    day = _day_pattern(data["ordinal_suffixes"])

    portions: dict[str, Portion] = {}
    for entry in data["portions"]:
        days = tuple(entry["month_days"]) if entry.get("month_days") else None
        months = tuple(entry["year_months"]) if entry.get("year_months") else None
        for phrase in entry["phrases"]:
            key = " ".join(phrase.lower().replace("\u2019", "'").split())
            portions[key] = Portion(key, days, months)
    month_portion = _alternation(p for p, v in portions.items() if v.month_days)
    year_portion = _alternation(p for p, v in portions.items() if v.year_months)
    month_portion_g = rf"(?P<portion>{month_portion})(?:{_S0}-{_S0}|{_S1})"
    year_portion_g = rf"(?P<portion>{year_portion})(?:{_S0}-{_S0}|{_S1})"

    lead = rf"(?:(?P<lead>{_alternation(data['lead_words'])}){_S1})?"
    month_cue = rf"(?P<lead>{_alternation(data['month_cues'])}){_S1}"
    year_cue = rf"(?P<lead>{_alternation(data['year_cues'])}){_S1}"
    range_words = _alternation(data["range_words"])
    and_words = [str(w) for w in data["and_words"]]
    or_words = [str(w) for w in data["or_words"]]
    joined = _alternation(and_words)  # "and", "&"
    joined_or = _alternation([*and_words, *or_words])  # "and", "or", "&"
    conn = rf"(?P<conn>{_S0}{_DASH}{_S0}|{_S1}{range_words}{_S1})"
    conn_and = rf"(?P<conn>{_S0}{_DASH}{_S0}|{_S1}(?:{range_words}|{joined}){_S1})"
    of_words = data["of_words"]
    of = rf"(?:{_S1}{_alternation(of_words)})?" if of_words else ""
    of_year = rf"(?:,|{_S1}{_alternation(of_words)})?" if of_words else "(?:,)?"
    season_of = rf"(?:{_S1}{_alternation(of_words)}|,)?" if of_words else "(?:,)?"
    # An ordinal, a weekday or a unit counted from the issue may be followed by a word that
    # counts it from the issue ("le 4 mai dernier").
    relative_after = {str(k).lower(): int(v) for k, v in (data.get("relative_after_words") or {}).items()}
    after = rf"(?:{_S1}(?P<after>{_alternation(relative_after)}))?" if relative_after else ""

    month_full = rf"(?-i:(?:{fulls})(?![\w]))"
    seasons = {
        name.lower(): Season(name.lower(), _month_pair(v["north"]), _month_pair(v["south"]))
        for name, v in data["seasons"].items()
    }
    season = _alternation(seasons)
    relative = _alternation(data["relative_words"])
    raw_units = data["relative_units"]
    relative_units = (
        {str(k).lower(): str(v) for k, v in raw_units.items()}
        if isinstance(raw_units, Mapping)
        else {str(u).lower(): str(u).lower() for u in raw_units}
    )
    units = _alternation([*relative_units, *seasons])
    relative_articles = data["relative_articles"]
    relative_article = (
        rf"(?:(?P<article>{_alternation(relative_articles)}){_S1})?" if relative_articles else ""
    )
    season_article = _optional_words(data["season_articles"])

    def year(name: str) -> str:
        return rf"(?:,?{_S1}(?P<{name}>{_YEAR}))?"

    patterns = {
        # 6-9 November 2012 / 30 June to 4 July 2014 / 30 June 2013 - 2 July 2014
        "dmy_range": (
            rf"{_START}{lead}{weekday}(?P<d1>{day})(?:{of}{day_month}(?P<m1>{month}){year('y1')})?"
            rf"{conn}{weekday}(?P<d2>{day}){of}{day_month}(?P<m2>{month}){year('y2')}{after}{_END}"
        ),
        # March 3-5, 2014 / June 30 - July 4, 2014
        "mdy_range": (
            rf"{_START}{lead}{weekday}(?P<m1>{month}){_S1}(?P<d1>{day})(?:,?{_S1}(?P<y1>{_YEAR4}))?"
            rf"{conn}(?:(?P<m2>{month}){_S1})?(?P<d2>{day})(?:,?{_S1}(?P<y2>{_YEAR4}))?{_END}"
        ),
        # 6, 15 and 27 November 2012 / 11 and 12 February
        "dmy_list": (
            rf"{_START}{lead}(?P<days>{day}(?:{_S0},{_S0}{day})*(?:{_S0},)?{_S1}{joined}{_S1}{day})"
            rf"{of}{_S1}(?P<m1>{month}){year('y1')}{after}{_END}"
        ),
        # November 6, 15 and 27, 2012
        "mdy_list": (
            rf"{_START}{lead}(?P<m1>{month}){_S1}"
            rf"(?P<days>{day}(?:{_S0},{_S0}{day})*(?:{_S0},)?{_S1}{joined_or}{_S1}{day})"
            rf"(?:,?{_S1}(?P<y1>{_YEAR4}))?{_END}"
        ),
        # On 5 November 2012 / Tuesday, 4 March 2014 / 5th of November
        "dmy": (
            rf"{_START}{lead}{weekday_kept}(?P<d1>{day}){of}{day_month}(?P<m1>{month}){year('y1')}{after}{_END}"
        ),
        # November 5, 2012 / on March 3
        "mdy": (
            rf"{_START}{lead}{weekday_kept}(?P<m1>{month}){_S1}(?P<d1>{day})"
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
            rf"(?:{of_year}{_S1}|{_S0}(?P<paren>\()|(?P<alone>{_H}*\n(?:{_H}*\n)+{_H}*))"
            rf"(?P<y1>{_YEAR4}|(?(paren)(?!)|(?(alone)(?!)|['\u2019]\d\d(?!\d))))(?(paren)\))"
            rf"(?(alone)(?={_H}*(?:\n|$))){_END}"
        ),
        # during June and July / April or May 2016 / in November, December and January
        "month_list": (
            rf"{_START}(?:{month_cue})?(?P<months>{month_alone}(?:{_S0},{_S1}{month_alone})*"
            rf"(?:{_S0},)?{_S1}{joined_or}{_S1}{month_alone})(?:,?{_S1}(?P<y1>{_YEAR4}))?{_END}"
        ),
        # Spring 2013 / in the spring of 1997 / the Autumn, 2014
        "season_year": (
            rf"{_START}{lead}{season_article}(?P<season>{season}){season_of}{_S1}(?P<y1>{_YEAR4}){_END}"
        ),
        # this year / by next month / last July / this fall / the current year
        "relative": (
            rf"{_START}{lead}{relative_article}(?P<relative>{relative}){_S1}"
            rf"(?:(?P<unit>{units})|(?P<m1>{month_full})){_END}"
        ),
        # April meeting: Sun 18 (a month heading an activity, then its weekday and day)
        "month_label_day": (
            rf"{_START}(?P<m1>{month_full})(?:{_H}+[a-z]+){{1,2}}{_H}*[:\u2013\u2014-]{_S0}"
            rf"{weekday_req}(?P<d1>{day}){_END}"
        ),
        # on the 11th (the month is not stated)
        **(
            {
                "article_day": (
                    rf"{_START}(?P<lead>{_alternation(data['lead_words'])}){_S1}"
                    rf"(?P<article>{_alternation(data['day_articles'])}){_S1}"
                    rf"(?P<d1>{_day_pattern(data['ordinal_suffixes'], ordinal_required=True)}){_END}"
                )
            }
            if data.get("day_articles") and data["ordinal_suffixes"]
            else {}
        ),
        # on Sunday 18th / Sat 24 (the month is not stated: the weekday picks it near the issue)
        "weekday_day": (
            rf"{_START}{lead}(?P<wd1>{weekday_names})\.?,?{_S1}(?P<d1>{day}){after}{_END}"
        ),
        # in February / late in February / by the end of March
        "month": (
            rf"{_START}(?:{month_cue})?(?:{month_portion_g})?"
            rf"(?P<m1>{month_alone}){after}{_END}"
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
            rf"{_S1}{joined}{_S1}{_YEAR4}){_END}"
        ),
        # By 2025 / for 2013 / early 2016 / by the end of 2013
        "year": (rf"{_START}(?:{year_cue})?(?:{year_portion_g})?(?P<y1>{_YEAR4}){_END}"),
        # 2012-11-05 / 5/11/2012 / 05.11.2012 / 9/12/05 / 05.03.10: read by dateparser
        "numeric": rf"{_START}{lead}(?P<numeric>{_NUMERIC}){_END}",
        # 10/05/2017 - 12/05/2017
        "numeric_range": rf"{_START}{lead}(?P<numeric>{_NUMERIC}){conn}(?P<numeric2>{_NUMERIC}){_END}",
        # from 22 to 25 (the month is not stated)
        "days": (
            rf"{_START}(?P<lead>{_alternation(data['day_range_cues'])}){_S1}(?P<d1>{day})"
            rf"{conn_and}(?P<d2>{day})(?!{_S0}{_DASH}|\w|/|[.,:]\d)"
        ),
    }
    if relative_after:
        # l'année dernière / le mois prochain / l'été dernier: a unit, then the word counting it
        patterns["relative_after"] = (
            rf"{_START}{lead}{_optional_words(data.get('relative_unit_articles', []))}"
            rf"(?P<unit>{units}){_S1}(?P<after>{_alternation(relative_after)}){_END}"
        )
    number_words = {str(w).lower(): int(v) for w, v in (data.get("number_words") or {}).items()}
    if number_words:
        # A number written in words: up to eight words joined by hyphens, spaces or "et"
        # ("vingt-six", "vingt et un", "deux mille quatorze", "mil neuf cent quatre-vingt-dix").
        word = _alternation(sorted(number_words, key=len, reverse=True))
        written = rf"{word}(?:(?:-|{_S1}(?:et{_S1})?){word}){{0,7}}"
        day_article = _alternation(data.get("written_day_articles") or ["le"])
        year_lead = _alternation(data.get("written_year_leads") or ["l'an"])
        # l'an deux mille quatorze, le vingt-six avril / deux mille huit, le dix-huit novembre
        patterns["written_ydm"] = (
            rf"{_START}(?:{year_lead}{_S1})?(?P<yw>{written}),?{_S1}{day_article}{_S1}"
            rf"(?P<dw>{written}){_S1}(?P<m1>{month}){_END}"
        )
        # (le) douze octobre deux mil douze / le premier mars
        patterns["written_dmy"] = (
            rf"{_START}(?:{day_article}{_S1})?(?P<dw>{written}){_S1}(?P<m1>{month})"
            rf"(?:,?{_S1}(?P<yw>{written}))?{_END}"
        )
    # Kept only where the sentence's parse agrees (the stage checks): "The July meeting",
    # and a year with no cue ("founded 1987", "1987 was dry").
    parse_checked = {
        "month_modifier": (
            rf"{_START}(?:(?P<lead>{_alternation(data['month_modifier_leads'])}){_S1})?"
            rf"(?P<m1>{month_full})(?={_H}+[a-z])"
        ),
        "bare_year": rf"{_START}(?P<y1>{_YEAR4}){_END}",
    }
    # Forms a language does not write ("March 3" in French).
    off = set(data.get("patterns_off", []))
    patterns = {name: p for name, p in patterns.items() if name not in off}
    parse_checked = {name: p for name, p in parse_checked.items() if name not in off}
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
            *relative_articles,
            *data["season_articles"],
            *data.get("relative_unit_articles", []),
            *(relative_units if relative_after else ()),
            *number_words,
            *(data.get("written_year_leads") or []),
            *(data.get("written_day_articles") or []),
        ]
        if phrase.strip()
    }
    # An elided article ("l'") is glued to the word after it.
    elided = sorted((w for w in first_words if w.endswith("'")), key=len, reverse=True)
    first = "|".join(_word(w) for w in sorted(set(first_words) - set(elided), key=len, reverse=True))
    glued = "|".join(_word(w) for w in elided)
    starts = rf"{_START}(?=\d|(?:{first})(?!\w){f'|(?:{glued})' if glued else ''})"
    tense = data["tense"]
    return DateGrammar(
        patterns=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in patterns.items()),
        parse_checked=tuple((name, re.compile(p, re.IGNORECASE)) for name, p in parse_checked.items()),
        starts=re.compile(starts, re.IGNORECASE),
        month_numbers=month_numbers,
        weekday_numbers=weekday_numbers,
        full_month_names=frozenset(full_names),
        portions=portions,
        two_digit_year_pivot=int(data["two_digit_year_pivot"]),
        day_range_follow_words=frozenset(w.lower() for w in data["day_range_follow_words"]),
        day_alone_follow_words=frozenset(w.lower() for w in data.get("day_alone_follow_words") or ()),
        day_range_blocked_after=frozenset(w.lower() for w in data["day_range_blocked_after"]),
        day_range_max_days=int(data["day_range_max_days"]),
        uncued_year_range_max=int(data["uncued_year_range_max"]),
        tense=TenseWords(
            future_auxiliaries=frozenset(tense["future_auxiliaries"]),
            past_auxiliaries=frozenset(tense["past_auxiliaries"]),
            present_auxiliaries=frozenset(tense["present_auxiliaries"]),
            future_verbs=frozenset(tense["future_verbs"]),
            future_adjectives=frozenset(tense["future_adjectives"]),
            perfect_future_auxiliaries=frozenset(tense.get("perfect_future_auxiliaries") or ()),
            morphology=bool(tense.get("morphology", False)),
        ),
        seasons=seasons,
        southern_countries=frozenset(c.upper() for c in data["southern_hemisphere_countries"]),
        relative_words={k.lower(): int(v) for k, v in data["relative_words"].items()},
        relative_with_article=frozenset(w.lower() for w in data["relative_with_article"]),
        relative_units=relative_units,
        relative_after=relative_after,
        and_words=frozenset(w.lower() for w in and_words),
        or_words=frozenset(w.lower() for w in or_words),
        between_words=frozenset(w.lower() for w in data["between_words"]),
        name_words=frozenset(w.lower() for w in data.get("name_words", [])),
        number_words=number_words,
        undated_latest_year=int(data["undated_latest_year"]) if data.get("undated_latest_year") else None,
        languages=tuple(languages),
        date_order=date_order,
    )


@cache
def default_grammar() -> DateGrammar:
    """The grammar of the packaged ``dates.yaml`` (built once)."""
    return build_grammar(load_data("dates.yaml"))


@cache
def grammar_for(language: str) -> DateGrammar:
    """The grammar of ``language`` (ISO 639-1), built once: the English one, with the words of
    ``data/<language>/dates.yaml`` where the language has that file."""
    if language == "en" or not language_data_exists("dates.yaml", language):
        return default_grammar()
    return build_grammar(load_language_data("dates.yaml", language), languages=(language,))
