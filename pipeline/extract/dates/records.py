"""Date expressions as written (any part may be missing) and as calendar ranges: the values
the grammar, the resolution and the stage pass to each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PAST, PRESENT, FUTURE = "past", "present", "future"
DAY, MONTH, YEAR = "day", "month", "year"
NORTH, SOUTH = "north", "south"


@dataclass(frozen=True)
class DatePart:
    """A calendar date as written: any part may be missing."""

    day: int | None = None
    month: int | None = None
    year: int | None = None
    # The weekday written with the day (0 Monday .. 6 Sunday): "Sunday 18th" picks the month
    # around the issue in which the 18th is a Sunday. Not an output column.
    weekday: int | None = None


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
class Season:
    """A season's first and last month in each hemisphere (meteorological seasons)."""

    name: str
    north: tuple[int, int]
    south: tuple[int, int]

    def months(self, hemisphere: str) -> tuple[int, int]:
        return self.south if hemisphere == SOUTH else self.north


@dataclass(frozen=True)
class Relative:
    """A unit counted from the issue date: "last year" is ("year", -1); "this fall" is
    ("season", 0) with the expression's season."""

    unit: str  # year, month, season
    offset: int


@dataclass(frozen=True)
class DateExpression:
    """A date expression found in a text; ``start``/``end`` index that text."""

    text: str
    start: int
    end: int
    spans: tuple[DateSpan, ...]  # one per row: several for a list of separate days
    pattern: str
    portion: Portion | None = None
    season: Season | None = None  # the spans then state the year only ("Spring 2013")
    relative: Relative | None = None  # the spans then state nothing ("next year")
    tense: str | None = None  # a tense the words impose ("last July": past)
    # Other readings of a date in figures whose day and month may be either way round
    # ("9/12/05"): ``resolve`` takes the reading nearest the issue date.
    readings: tuple[tuple[DateSpan, ...], ...] = ()

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
