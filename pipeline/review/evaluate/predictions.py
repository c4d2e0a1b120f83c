"""A predicted row as the matching rules see it (golden keys mapped to the row's text, dates
as ISO, its section number), and the converters that read table cells into it.

The converters accept whatever pandas holds for a missing value, a date or a number, so the
rules compare plain strings and numbers only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from pipeline.review.evaluate.golden import show

SECTIONED_TABLES = frozenset({"dates", "events", "statistics"})


@dataclass(frozen=True)
class Prediction:
    row: int
    values: Mapping[str, str | None]  # golden key -> predicted text (dates as ISO)
    section: int | None = None
    section_known: bool = False
    value: float | None = None

    def describe(self, table: str) -> str:
        parts = [f"row {self.row}:"]
        if table in SECTIONED_TABLES or table == "sections":
            label = "number" if table == "sections" else "section"
            shown = show(self.section) if self.section_known else "?"
            parts.append(f"{label}={shown}")
        if self.value is not None:
            parts.append(f"value={show(self.value)}")
        parts.extend(f"{k}={v!r}" for k, v in self.values.items() if v is not None)
        return " ".join(parts)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if pd.api.types.is_scalar(value):
        return bool(pd.isna(value))
    return False


def as_text(value: object) -> str | None:
    if _is_missing(value):
        return None
    return value if isinstance(value, str) else str(value)


def as_iso_date(value: object) -> str | None:
    """ISO date of a ``date``, ``datetime``, ``Timestamp``, ``datetime64`` or ISO string."""
    if _is_missing(value):
        return None
    if isinstance(value, datetime):  # includes pd.Timestamp
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    try:
        return pd.Timestamp(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def as_int(value: object) -> int | None:
    if _is_missing(value):
        return None
    return int(value)  # type: ignore[call-overload]


def as_float(value: object) -> float | None:
    if _is_missing(value):
        return None
    return float(value)  # type: ignore[arg-type]
