"""Full calendar dates in any written format ("2012-11-05", "5/11/2012"), left to dateparser."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from functools import cache

from dateparser.date import DateDataParser


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
