"""Calendar ranges of a date expression: the parts the text leaves out come from the issue date
and the tense, and are flagged as inferred."""

from __future__ import annotations

import calendar
from datetime import date

from pipeline.extract.dates.records import (
    DAY,
    FUTURE,
    MONTH,
    NORTH,
    PAST,
    YEAR,
    DateExpression,
    DatePart,
    DateSpan,
    Portion,
    ResolvedDate,
    Season,
)


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


def _on_weekday(year: int, month: int, day: int, weekday: int) -> bool:
    return day <= calendar.monthrange(year, month)[1] and date(year, month, day).weekday() == weekday


def month_of_weekday(day: int, weekday: int, issue_date: date, tense: str) -> tuple[int, int] | None:
    """(year, month) of "Sunday 18th": the issue month, the next or the one before (the one
    before first for the past, the next first otherwise) in which ``day`` falls on ``weekday``."""
    steps = (0, -1, 1) if tense == PAST else (0, 1, -1)
    for step in steps:
        index = issue_date.year * 12 + issue_date.month - 1 + step
        year, month = index // 12, index % 12 + 1
        if _on_weekday(year, month, day, weekday):
            return year, month
    return None


def year_of_weekday(month: int, day: int, weekday: int | None, stated_year: int) -> int | None:
    """Year of a day and month named without one in a bulletin with no issue date:
    ``stated_year`` (the latest year the bulletin states), or where a weekday is written
    ("Sunday, Dec. 3") the year nearest it in which that day is that weekday (the later
    one on a tie). None where no year within six of it fits."""
    if weekday is None:
        return stated_year
    for distance in range(7):
        for year in (stated_year + distance, stated_year - distance):
            if _on_weekday(year, month, day, weekday):
                return year
    return None


def year_checked_by_weekday(month: int, day: int, weekday: int | None, year: int, tense: str) -> int:
    """``year`` (inferred from the issue and the tense) where ``day`` falls on ``weekday`` in it
    or no weekday is written; else the year before (past, present) or after (future, present)
    in which it does, the one after first; else ``year`` (a weekday miswritten)."""
    if weekday is None or _on_weekday(year, month, day, weekday):
        return year
    others = (year - 1,) if tense == PAST else (year + 1,) if tense == FUTURE else (year + 1, year - 1)
    return next((y for y in others if _on_weekday(y, month, day, weekday)), year)


def latest_year_of_weekdays(days: list[tuple[int, int, int]], latest: int) -> int | None:
    """The latest year up to ``latest`` in which most of ``days`` (month, day, weekday) fall on
    their weekday: the year of a bulletin that states none. None for no days."""
    if not days:
        return None
    # Weekdays repeat every 28 years: a longer search finds nothing new.
    candidates = range(latest, latest - 28, -1)
    return max(candidates, key=lambda y: (sum(_on_weekday(y, m, d, w) for m, d, w in days), y))


def _days_from_issue(spans: tuple[DateSpan, ...], issue_date: date) -> int:
    """Days between a full date's first day and the middle of the issue month."""
    first = spans[0].start
    if first.year is None or first.month is None or first.day is None:
        return 0
    middle = issue_date.replace(day=15)
    return abs((date(first.year, first.month, first.day) - middle).days)


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
    span: DateSpan,
    portion: Portion | None,
    issue_date: date | None,
    tense: str,
    stated_year: int | None = None,
) -> ResolvedDate | None:
    start, end = span.start, span.end
    inferred: list[str] = []
    start_month, end_month = start.month, end.month
    start_year, end_year = start.year, end.year
    if start_month is None and start.day is not None:
        if issue_date is None:
            return None
        by_weekday = None
        if start.weekday is not None:
            by_weekday = month_of_weekday(start.day, start.weekday, issue_date, tense)
        start_year, start_month = by_weekday or infer_month(start.day, issue_date, tense)
        end_year, end_month = start_year, start_month
        inferred = ["month", "year"]
    elif start_year is None:
        if start_month is None:
            return None
        if issue_date is not None:
            start_year = infer_year(start_month, issue_date, tense)
            if start.day is not None:
                start_year = year_checked_by_weekday(start_month, start.day, start.weekday, start_year, tense)
        elif stated_year is not None and start.day is not None:
            start_year = year_of_weekday(start_month, start.day, start.weekday, stated_year)
        else:
            start_year = stated_year
        if start_year is None:
            return None
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


def _month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def _month_range(first: int, last: int) -> tuple[date, date]:
    """First day of month index ``first`` to last day of month index ``last``."""
    first_year, first_month = divmod(first, 12)
    last_year, last_month = divmod(last, 12)
    return (
        date(first_year, first_month + 1, 1),
        date(last_year, last_month + 1, _last_day(last_year, last_month + 1)),
    )


def season_months(season: Season, year: int, hemisphere: str) -> tuple[int, int]:
    """Month indexes of a season named with ``year``; one that crosses the new year is named
    by the year of its January ("winter 2013" in the north: December 2012 to February 2013)."""
    first, last = season.months(hemisphere)
    return _month_index(year - 1 if first > last else year, first), _month_index(year, last)


def _relative_season(season: Season, offset: int, issue: int, hemisphere: str) -> tuple[int, int]:
    """The season "this" (the one the issue month is in, else the next), "last" (the latest
    ended before the issue month) or "next" (the first begun after it) names."""
    year = issue // 12
    occurrences = [season_months(season, y, hemisphere) for y in range(year - 1, year + 3)]
    if offset < 0:
        return [o for o in occurrences if o[1] < issue][-1]
    if offset > 0:
        return next(o for o in occurrences if o[0] > issue)
    return next(o for o in occurrences if o[1] >= issue)


def _resolve_named(
    expression: DateExpression, issue_date: date | None, hemisphere: str
) -> list[ResolvedDate]:
    """A season or a unit counted from the issue ("next year", "this month", "this fall")."""
    relative, season = expression.relative, expression.season
    if relative is None:
        year = expression.spans[0].start.year
        if season is None or year is None:
            return []
        first, last = season_months(season, year, hemisphere)
        return [ResolvedDate(*_month_range(first, last), MONTH)]
    if issue_date is None:
        return []
    issue = _month_index(issue_date.year, issue_date.month)
    if relative.unit == "year":
        year = issue_date.year + relative.offset
        return [ResolvedDate(date(year, 1, 1), date(year, 12, 31), YEAR, ("year",))]
    if relative.unit == "month":
        first = last = issue + relative.offset
    elif season is not None:
        first, last = _relative_season(season, relative.offset, issue, hemisphere)
    else:
        return []
    return [ResolvedDate(*_month_range(first, last), MONTH, ("month", "year"))]


def resolve(
    expression: DateExpression,
    issue_date: date | None,
    tense: str,
    hemisphere: str = NORTH,
    stated_year: int | None = None,
) -> list[ResolvedDate]:
    """Calendar dates of an expression: one per separate day of a list, ranges as one.

    A missing year (or month) comes from ``issue_date`` and ``tense`` (or the tense the
    words impose: "last July") and is flagged in ``inferred_parts``. Without an issue date
    a month named without a year takes ``stated_year`` (a weekday written with the day
    picks the nearest year that fits, ``year_of_weekday``); without either such an
    expression resolves to nothing. Seasons take the months of ``hemisphere``.
    """
    if expression.relative is not None or expression.season is not None:
        return _resolve_named(expression, issue_date, hemisphere)
    tense = expression.tense or tense
    spans = expression.spans
    if expression.readings and issue_date is not None:
        spans = min((spans, *expression.readings), key=lambda r: _days_from_issue(r, issue_date))
    resolved = (_resolve_span(s, expression.portion, issue_date, tense, stated_year) for s in spans)
    return [r for r in resolved if r is not None]
