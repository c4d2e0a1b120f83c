"""Date expressions in plain text, found with the grammar: what each one states, and nothing more
(parts the text does not say stay ``None``)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from pipeline.extract.dates.grammar import DateGrammar, default_grammar
from pipeline.extract.dates.numeric import parse_date_string
from pipeline.extract.dates.records import (
    FUTURE,
    PAST,
    PRESENT,
    DateExpression,
    DatePart,
    DateSpan,
    Relative,
)

_RELATIVE_TENSE = {-1: PAST, 0: PRESENT, 1: FUTURE}
# A year written in words ("deux mille quatorze") is read within these bounds.
MIN_WRITTEN_YEAR = 1800
MAX_WRITTEN_YEAR = 2100


def _day(text: str | None) -> int | None:
    return int(re.sub(r"\D", "", text)) if text else None  # "5th" -> 5


def number_from_words(words: Mapping[str, int], text: str) -> int | None:
    """The value of a number written in words ("vingt-six", "deux mil douze", "mil neuf cent
    quatre-vingt-dix-neuf"): hundreds and thousands multiply what stands before them, "vingt"
    after "quatre" makes eighty, "et" joins; None if a word is not a number word."""
    total = current = 0
    for token in re.split(r"[\s\-\u00a0]+", text.lower()):
        if token in ("", "et"):
            continue
        value = words.get(token)
        if value is None:
            return None
        if value == 1000:
            total, current = total + (current or 1) * 1000, 0
        elif value == 100:
            current = current // 100 * 100 + (current % 100 or 1) * 100
        elif value == 20 and current % 100 == 4:
            current += 76  # quatre-vingt(s)
        else:
            current += value
    return total + current


def _written_date(
    grammar: DateGrammar, groups: dict[str, str | None], match: re.Match[str]
) -> tuple[DatePart, int] | None:
    """(the date, its end) of a date written in words, or None if its numbers are no day or year."""
    day = number_from_words(grammar.number_words, groups["dw"] or "")
    if day is None or not 1 <= day <= 31:
        return None
    written_year = groups.get("yw")
    year = number_from_words(grammar.number_words, written_year) if written_year else None
    end = match.end()
    if year is not None and not MIN_WRITTEN_YEAR <= year <= MAX_WRITTEN_YEAR:
        if match.start("yw") < match.start("dw"):
            return None  # "l'an ..., le ..." names its year first: it must be one
        year, end = None, match.end("m1")
    return DatePart(day, _month(grammar, groups["m1"]), year), end


def _weekday(grammar: DateGrammar, text: str | None) -> int | None:
    if not text:
        return None
    return grammar.weekday_numbers.get(text.lower())


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
    match = re.match(r"\s*([^\W\d_]+)", text[end:])
    return match.group(1).lower() if match else ""


def _previous_word(text: str, start: int) -> str:
    match = re.search(r"([^\W\d_]+)\W*$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else ""


def _in_a_name(grammar: DateGrammar, text: str, start: int) -> bool:
    """A date named by a street or a place ("rue du 8 mai", "place du 14 juillet"): one of the
    name words is among the two words before it."""
    if not grammar.name_words:
        return False
    before = re.findall(r"[^\W\d_]+", text[max(0, start - 40) : start].lower())[-2:]
    return any(word in grammar.name_words for word in before)


def _words(text: str) -> str:
    """Lower case, single spaces, straight apostrophes: as the grammar keys its phrases."""
    return " ".join(text.lower().replace("\u2019", "'").split())


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


def _day_alone_ok(grammar: DateGrammar, text: str, match: re.Match[str]) -> bool:
    """ "on Sunday 18th", "Sat 24, at the hall", "fed 900 meals on the 11th.": a day with no
    month names a day where it ends a clause, or a word that may follow a date or that opens a
    clause comes next ("on the 12th because ..."; "on Sunday 18 volunteers came" counts
    volunteers; "on the 3rd floor" is a storey), or, after a weekday, where it is an ordinal."""
    if match.group("d1")[-1].isalpha() and match.groupdict().get("wd1"):
        return True
    rest = text[match.end() :]
    if re.match(r"[ \t\u00a0]*(?:$|\n|[,;:)\]]|\.(?:\s|$))", rest):
        return True
    following = _next_word(text, match.end())
    return following in grammar.day_range_follow_words or following in grammar.day_alone_follow_words


_SWAPPED_ORDER = {"DMY": "MDY", "MDY": "DMY"}


def _four_digit_year(grammar: DateGrammar, numeric: str) -> str:
    """ "9/12/05" -> "9/12/2005": a two-digit year below the pivot is 20yy, else 19yy."""
    match = re.search(r"(?<=[/.])(\d\d)$", numeric)
    if match is None:
        return numeric
    yy = int(match.group(1))
    return f"{numeric[: match.start()]}{(2000 if yy < grammar.two_digit_year_pivot else 1900) + yy}"


def _numeric_readings(grammar: DateGrammar, first: str, last: str | None) -> tuple[tuple[DateSpan, ...], ...]:
    """The readings of a date (or a range) in figures: in the language's day order, then, where
    day and month could be the other way round ("9/12/05"), in the other order."""
    orders = [grammar.date_order]
    if "-" not in first and grammar.date_order in _SWAPPED_ORDER:
        orders.append(_SWAPPED_ORDER[grammar.date_order])
    readings: list[tuple[DateSpan, ...]] = []
    for order in orders:
        ends = [
            parse_date_string(_four_digit_year(grammar, t), languages=grammar.languages, date_order=order)
            for t in (first, last or first)
        ]
        start, stop = ends
        if start is None or stop is None or stop < start:
            continue
        span = (
            DateSpan(DatePart(start.day, start.month, start.year), DatePart(stop.day, stop.month, stop.year)),
        )
        if span not in readings:
            readings.append(span)
    return tuple(readings)


def _uncued_year_range_ok(
    grammar: DateGrammar, text: str, match: re.Match[str], conn: str, years: int
) -> bool:
    """ "covers 2010-2014", "the 2014-2015 biennium", "across 2021/22", "for five years
    (2021-2026)": a dashed (or slashed) span of a few years after a common word, in brackets
    or not; after a capitalised word it is part of a name ("Strategic Plan 2014-2017")."""
    if conn not in "/-\u2010\u2011\u2012\u2013\u2014\u2015" or years > grammar.uncued_year_range_max:
        return False
    bracketed = text[match.end() : match.end() + 1] == ")"
    before = re.search(
        rf"([^\W\d_]+)[ \t]+{'[(]' if bracketed else ''}$", text[max(0, match.start() - 40) : match.start()]
    )
    return before is not None and (before.group(1).islower() or before.group(1).lower() == "the")


def _month_list_spans(
    grammar: DateGrammar, listed: str, year: int | None, as_range: bool
) -> tuple[DateSpan, ...] | None:
    """ "June and July" (consecutive: one range), "April or May", "March and May 2013" (one
    row each); a list runs forward and may cross the new year once ("November, December
    and January"), the stated year being the last month's."""
    months = [
        _month(grammar, w) or 0
        for w in re.split(r"[\s,&]+", listed)
        if w.rstrip(".").lower() in grammar.month_numbers
    ]
    wraps = sum(b < a for a, b in pairwise(months))
    if wraps > 1 or any(a == b for a, b in pairwise(months)):
        return None
    if as_range or all((b - a) % 12 == 1 for a, b in pairwise(months)):
        first = year - wraps if year is not None else None
        return (DateSpan(DatePart(None, months[0], first), DatePart(None, months[-1], year)),)
    years: list[int | None] = [year]
    for a, b in pairwise(reversed(months)):
        previous = years[-1]
        years.append(previous - 1 if previous is not None and b > a else previous)
    years.reverse()
    return tuple(
        DateSpan(DatePart(None, m, y), DatePart(None, m, y)) for m, y in zip(months, years, strict=True)
    )


def _bare_year_ok(text: str, start: int, end: int) -> bool:
    """A year with no cue is a date candidate after a lower-case word, a comma or a sentence
    end; after a capitalised word or a number it is part of a name or a reference ("ICEGOV
    2012", "Jones 1996", "Hatton (1989)", "No. 4, 2011", "© 2016"), and so it is before a capitalised
    word ("the 2012 e-Government Report")."""
    following = re.match(r"[ \t]*([^\s,;.:)]*)", text[end:])
    if following is not None and any(c.isupper() for c in following.group(1)):
        return False
    line = text[max(0, start - 60) : start].rsplit("\n", 1)[-1]
    previous = re.search(r"(\S+?)[\s(]*$", line)
    word = previous.group(1).lstrip("([\"'\u201c\u2018") if previous is not None else ""
    if not word:
        return True
    if re.search(r"\d|\u00a9|^\(c\)$", word, re.IGNORECASE):  # a number, or a copyright sign
        return False
    if re.search(r"[.!?:;\u2013\u2014-]$", word):
        return not (word[0].isupper() and len(word) <= 4)  # "No.", "Vol." before a number
    return not word[0].isupper()


def _relative(grammar: DateGrammar, groups: dict[str, str | None]) -> DateExpression | None:
    """ "next year", "this month", "last July", "this fall", "l'année dernière": units counted
    from the issue."""
    if groups.get("after"):
        offset = grammar.relative_after[_words(groups["after"] or "")]
    else:
        word = (groups["relative"] or "").lower()
        if groups.get("article") and word not in grammar.relative_with_article:
            return None  # "the last year": the past twelve months, not a calendar year
        offset = grammar.relative_words[word]
    unit = (groups.get("unit") or "").lower()
    unit = grammar.relative_units.get(unit, unit)
    empty = (DateSpan(DatePart(), DatePart()),)
    if unit in grammar.seasons:
        return DateExpression(
            "", 0, 0, empty, "relative", None, grammar.seasons[unit], Relative("season", offset)
        )
    if unit:
        return DateExpression("", 0, 0, empty, "relative", relative=Relative(unit, offset))
    part = DatePart(None, _month(grammar, groups["m1"]), None)
    return DateExpression("", 0, 0, (DateSpan(part, part),), "relative", tense=_RELATIVE_TENSE[offset])


def _expression(grammar: DateGrammar, name: str, match: re.Match[str], text: str) -> DateExpression | None:
    if _in_a_name(grammar, text, match.start()):
        return None
    groups = match.groupdict()
    end = match.end()
    portion = grammar.portions.get(_words(groups["portion"])) if groups.get("portion") else None
    lead = _words(groups["lead"]) if groups.get("lead") else ""
    conn = _words(groups["conn"]) if groups.get("conn") else ""
    between = lead in grammar.between_words
    if conn in grammar.and_words and not between:
        return None  # "March and May 2013" names two months, not a range
    # "le 4 mai dernier": a date counted from the issue, in the past (or the future)
    after = _RELATIVE_TENSE[grammar.relative_after[_words(groups["after"])]] if groups.get("after") else None
    spans: tuple[DateSpan, ...]
    if name in ("month", "year") and not (lead or portion or after):
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
        as_range = between and len(days) == 2
        spans = _list_spans(days, _month(grammar, groups["m1"]), _year(grammar, groups["y1"]), as_range)
    elif name in ("dmy", "mdy"):
        if not _two_digit_year_ok(grammar, match, "y1", "m1"):
            end = match.end("m1")
            groups["y1"] = None
        part = DatePart(
            _day(groups["d1"]),
            _month(grammar, groups["m1"]),
            _year(grammar, groups["y1"]),
            _weekday(grammar, groups.get("wd1")),
        )
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
    elif name == "month_list":
        year = _year(grammar, groups["y1"])
        if not lead and year is None:
            return None  # "June and July" needs a cue or a year, as a single month does
        list_spans = _month_list_spans(grammar, groups["months"], year, between)
        if list_spans is None:
            return None
        spans = list_spans
    elif name == "season_year":
        part = DatePart(None, None, _year(grammar, groups["y1"]))
        season = grammar.seasons[groups["season"].lower()]
        return DateExpression(
            text[match.start() : end], match.start(), end, ((DateSpan(part, part)),), name, None, season
        )
    elif name in ("relative", "relative_after"):
        found = _relative(grammar, groups)
        return (
            None
            if found is None
            else replace(found, text=text[match.start() : end], start=match.start(), end=end)
        )
    elif name in ("written_ydm", "written_dmy"):
        written = _written_date(grammar, groups, match)
        if written is None:
            return None
        part, end = written
        spans = (DateSpan(part, part),)
    elif name == "month_label_day":
        part = DatePart(_day(groups["d1"]), _month(grammar, groups["m1"]), None)
        spans = (DateSpan(part, part),)
    elif name in ("weekday_day", "article_day"):
        if not _day_alone_ok(grammar, text, match):
            return None
        part = DatePart(_day(groups["d1"]), None, None, _weekday(grammar, groups.get("wd1")))
        spans = (DateSpan(part, part),)
    elif name == "month_modifier":
        part = DatePart(None, _month(grammar, groups["m1"]), None)
        spans = (DateSpan(part, part),)
    elif name == "bare_year":
        if not _bare_year_ok(text, match.start(), end):
            return None
        part = DatePart(None, None, _year(grammar, groups["y1"]))
        spans = (DateSpan(part, part),)
    elif name in ("month_year", "month"):
        part = DatePart(None, _month(grammar, groups["m1"]), _year(grammar, groups.get("y1")))
        spans = (DateSpan(part, part),)
    elif name == "year_range":
        y1 = int(groups["y1"])
        y2 = int(groups["y2"]) if len(groups["y2"]) == 4 else y1 // 100 * 100 + int(groups["y2"])
        if y2 <= y1:
            return None
        if groups.get("slash"):
            if y2 != y1 + 1:
                return None  # "2021/22" is one financial or academic year; "2010/2015" is not a range
            conn = "/"
        if not (lead or portion) and not _uncued_year_range_ok(grammar, text, match, conn, y2 - y1):
            return None
        spans = (DateSpan(DatePart(None, None, y1), DatePart(None, None, y2)),)
    elif name == "year_list":
        years = [int(y) for y in re.findall(r"\d{4}", groups["years"])]
        if any(b <= a for a, b in pairwise(years)):
            return None
        if between and len(years) == 2:
            years = list(range(years[0], years[1] + 1))
        if all(b == a + 1 for a, b in pairwise(years)):
            spans = (DateSpan(DatePart(None, None, years[0]), DatePart(None, None, years[-1])),)
        else:
            spans = tuple(DateSpan(DatePart(None, None, y), DatePart(None, None, y)) for y in years)
    elif name == "year":
        part = DatePart(None, None, _year(grammar, groups["y1"]))
        spans = (DateSpan(part, part),)
    elif name in ("numeric", "numeric_range"):
        readings = _numeric_readings(grammar, groups["numeric"], groups.get("numeric2"))
        if not readings:
            return None
        return DateExpression(
            text[match.start() : end], match.start(), end, readings[0], name, readings=readings[1:]
        )
    elif name == "days":
        d1, d2 = _day(groups["d1"]), _day(groups["d2"])
        if d1 is None or d2 is None or not _days_only_ok(grammar, text, match, d1, d2):
            return None
        spans = (DateSpan(DatePart(d1), DatePart(d2)),)
    else:  # pragma: no cover - every pattern has a branch
        raise ValueError(name)
    return DateExpression(text[match.start() : end], match.start(), end, spans, name, portion, tense=after)


def _share_year_across_and(
    grammar: DateGrammar, text: str, expressions: list[DateExpression]
) -> list[DateExpression]:
    """ "on 5 November and 6 December 2012": the first takes the year the second states."""
    joined = "|".join(
        re.escape(w) for w in sorted(grammar.and_words | grammar.or_words, key=len, reverse=True)
    )
    shared = list(expressions)
    for i in range(len(shared) - 2, -1, -1):
        first, second = shared[i], shared[i + 1]
        gap = text[first.end : second.start]
        year = second.spans[0].start.year
        month = second.spans[0].start.month
        if (
            re.fullmatch(rf"\s*(?:,|,?\s*(?:{joined}))\s*", gap)
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


def find_date_expressions(
    text: str, *, grammar: DateGrammar | None = None, parse_checked: bool = False
) -> list[DateExpression]:
    """Every date expression in ``text``, in order, without overlaps (longest wins).

    ``parse_checked`` adds the candidates that only a parse can confirm (a month modifying
    a noun, a year with no cue: patterns ``month_modifier`` and ``bare_year``).
    """
    grammar = grammar or default_grammar()
    starts = [m.start() for m in grammar.starts.finditer(text)] if grammar.starts is not None else None
    candidates: list[tuple[int, int, int, DateExpression]] = []
    patterns = grammar.patterns + grammar.parse_checked if parse_checked else grammar.patterns
    for order, (name, pattern) in enumerate(patterns):
        for match in pattern.finditer(text) if starts is None else _matches_at(pattern, text, starts):
            expression = _expression(grammar, name, match, text)
            if expression is not None:
                candidates.append((-(expression.end - expression.start), expression.start, order, expression))
    chosen: list[DateExpression] = []
    for _, _, _, expression in sorted(candidates, key=lambda c: c[:3]):
        if all(expression.end <= c.start or expression.start >= c.end for c in chosen):
            chosen.append(expression)
    chosen.sort(key=lambda e: e.start)
    return _share_year_across_and(grammar, text, chosen)
