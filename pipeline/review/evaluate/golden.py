"""Reading and checking golden files (format: shared/golden/README.md).

Golden files are written by hand, so every fault is reported with its file, entry and key
before anything is scored, instead of showing up later as a wrong score.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from pipeline.core.errors import InputError
from pipeline.review.evaluate.text import file_name, normalise

# Tables in report order; "documents" holds one gold entry per golden file.
TABLES: tuple[str, ...] = (
    "documents",
    "sections",
    "people",
    "organisations",
    "places",
    "dates",
    "events",
    "statistics",
)
ENTRY_TABLES: tuple[str, ...] = TABLES[1:]

GOLDEN_SUFFIX = ".gold.yaml"

# Key kinds: "str" (string or list of alternatives), "country" (the same, ISO alpha-2),
# "date" (YYYY-MM-DD, X for a digit the text does not give), "section" (int or null),
# "value" (a number).
_ENTRY_KEYS: dict[str, dict[str, str]] = {
    "sections": {"number": "section", "title": "str"},
    "people": {"name": "str", "honorific": "str", "role": "str", "organisation": "str"},
    "organisations": {"name": "str", "acronym": "str"},
    "places": {"name": "str", "country": "country"},
    "dates": {"section": "section", "text": "str", "start": "date", "end": "date"},
    "events": {
        "section": "section",
        "name": "str",
        "start": "date",
        "end": "date",
        "city": "str",
        "country": "country",
    },
    "statistics": {
        "section": "section",
        "value": "value",
        "qualifier": "str",
        "unit": "str",
        "subject": "str",
    },
}
_REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "sections": (),  # number or title, checked separately
    "people": ("name",),
    "organisations": ("name",),
    "places": ("name",),
    "dates": ("start", "end"),
    "events": (),  # name or start, checked separately
    "statistics": ("value",),
}
_DOCUMENT_KEYS: dict[str, str] = {"source": "source", "title": "str", "issue_date": "month"}

_DATE_PATTERN = re.compile(r"^[0-9X]{4}-[0-9X]{2}-[0-9X]{2}$")
_MONTH_PATTERN = re.compile(r"^[0-9X]{4}-[0-9X]{2}$")
_COUNTRY_PATTERN = re.compile(r"^[A-Za-z]{2}$")


class GoldenFileError(InputError):
    """A golden file that does not follow the format; the message names file, entry and fault."""


@dataclass(frozen=True)
class GoldEntry:
    """One entry of a golden table.

    ``texts`` maps each string or date key to its alternatives (dates as ``YYYY-MM-DD``
    patterns with ``X`` digits). ``section`` is the section number (for ``sections``, the
    ``number`` key); ``has_section`` is False when the key is absent (matches any section).
    """

    table: str
    index: int
    optional: bool
    texts: Mapping[str, tuple[str, ...]]
    section: int | None = None
    has_section: bool = False
    value: float | None = None
    description: str = ""


@dataclass(frozen=True)
class Golden:
    """One golden file: the bulletin it describes and its entries per table."""

    path: Path
    source: str
    title: tuple[str, ...]  # alternatives; empty when not given
    issue_date: tuple[str, ...]  # YYYY-MM patterns; empty when not given
    entries: Mapping[str, tuple[GoldEntry, ...]]
    optional: Mapping[str, tuple[GoldEntry, ...]]

    @property
    def source_name(self) -> str:
        return file_name(self.source)


class _GoldenLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text, so a bad date is reported with its entry."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):  # the timestamp resolver only tags scalars
        raise yaml.constructor.ConstructorError(None, None, "bad timestamp", node.start_mark)
    return str(loader.construct_scalar(node))


_GoldenLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def load_golden(path: Path) -> Golden:
    """Read and validate one golden file."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_GoldenLoader)
    except OSError as exc:
        raise GoldenFileError(f"{path}: cannot read: {exc}") from exc
    except yaml.YAMLError as exc:
        raise GoldenFileError(f"{path}: not valid YAML: {_one_line(str(exc))}") from exc
    if not isinstance(data, dict):
        raise GoldenFileError(f"{path}: expected a mapping with a `document` key at the top")

    allowed = {"document", *ENTRY_TABLES, *(f"{t}_optional" for t in ENTRY_TABLES)}
    for key in data:
        if key not in allowed:
            raise GoldenFileError(
                f"{path}: unknown top-level key {key!r} (allowed: {', '.join(sorted(allowed))})"
            )
    if "document" not in data:
        raise GoldenFileError(f"{path}: missing the `document` key")
    document = data["document"]
    if not isinstance(document, dict):
        raise GoldenFileError(f"{path}: document: expected a mapping, got {_type(document)}")
    doc_fields = _parse_fields(path, "document", document, _DOCUMENT_KEYS)
    if "source" not in doc_fields:
        raise GoldenFileError(f"{path}: document: missing required key 'source'")

    entries: dict[str, tuple[GoldEntry, ...]] = {}
    optional: dict[str, tuple[GoldEntry, ...]] = {}
    for table in ENTRY_TABLES:
        entries[table] = _parse_table(path, table, data.get(table), optional=False)
        optional[table] = _parse_table(path, table, data.get(f"{table}_optional"), optional=True)
    return Golden(
        path=path,
        source=doc_fields["source"][0],
        title=doc_fields.get("title", ()),
        issue_date=doc_fields.get("issue_date", ()),
        entries=entries,
        optional=optional,
    )


def load_golden_dir(path: Path) -> list[Golden]:
    """Every ``*.gold.yaml`` file of a folder, sorted by name."""
    if not path.is_dir():
        raise GoldenFileError(f"{path}: not a folder of golden files")
    return [load_golden(p) for p in sorted(path.glob(f"*{GOLDEN_SUFFIX}"))]


def _parse_table(path: Path, table: str, raw: object, optional: bool) -> tuple[GoldEntry, ...]:
    name = f"{table}_optional" if optional else table
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise GoldenFileError(f"{path}: {name}: expected a list of entries, got {_type(raw)}")
    out = []
    for index, item in enumerate(raw):
        where = f"{name}[{index}]"
        if not isinstance(item, dict):
            raise GoldenFileError(f"{path}: {where}: expected a mapping, got {_type(item)}")
        out.append(_parse_entry(path, table, where, index, item, optional))
    return tuple(out)


def _parse_entry(
    path: Path, table: str, where: str, index: int, item: dict[Any, Any], optional: bool
) -> GoldEntry:
    kinds = _ENTRY_KEYS[table]
    fields = _parse_fields(path, where, item, kinds)
    for key in _REQUIRED_KEYS[table]:
        if key not in item:
            raise GoldenFileError(f"{path}: {where}: missing required key {key!r}")
        if item[key] is None and kinds[key] != "section":
            raise GoldenFileError(f"{path}: {where}: required key {key!r} is null")
    if table == "events" and "name" not in fields and "start" not in fields:
        raise GoldenFileError(f"{path}: {where}: an event needs a 'name' or a 'start'")
    if table == "sections" and "number" not in item and "title" not in fields:
        raise GoldenFileError(f"{path}: {where}: a section needs a 'number' or a 'title'")
    section_key = "number" if table == "sections" else "section"
    section = item.get(section_key)
    value = item.get("value")
    return GoldEntry(
        table=table,
        index=index,
        optional=optional,
        texts={k: v for k, v in fields.items() if kinds.get(k) in {"str", "country", "date"}},
        section=section,
        has_section=section_key in item,
        value=float(value) if value is not None else None,
        description=_describe_raw(item),
    )


def _parse_fields(
    path: Path, where: str, item: dict[Any, Any], kinds: Mapping[str, str]
) -> dict[str, tuple[str, ...]]:
    """Validate each key of an entry; return string, date and month keys as alternatives.

    A null value counts as an omitted field (except `section`, where null is the masthead).
    """
    out: dict[str, tuple[str, ...]] = {}
    for key, value in item.items():
        if key not in kinds:
            raise GoldenFileError(
                f"{path}: {where}: unknown key {key!r} (allowed: {', '.join(kinds)})"
            )
        kind = kinds[key]
        if kind == "section":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise GoldenFileError(
                    f"{path}: {where}: {key}: expected a whole number or null, got {_type(value)}"
                )
            continue
        if value is None:
            continue
        if kind == "value":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise GoldenFileError(
                    f"{path}: {where}: {key}: expected a number, got {_type(value)}"
                )
            if not math.isfinite(value):
                raise GoldenFileError(f"{path}: {where}: {key}: expected a finite number")
            continue
        if kind == "source":
            if not isinstance(value, str) or not value.strip():
                raise GoldenFileError(
                    f"{path}: {where}: {key}: expected a file name, got {_type(value)}"
                )
            out[key] = (value.strip(),)
            continue
        out[key] = tuple(
            _parse_alternative(path, where, key, kind, v)
            for v in _alternatives(path, where, key, value)
        )
    return out


def _alternatives(path: Path, where: str, key: str, value: object) -> list[object]:
    if isinstance(value, list):
        if not value:
            raise GoldenFileError(f"{path}: {where}: {key}: empty list of alternatives")
        return value
    return [value]


def _parse_alternative(path: Path, where: str, key: str, kind: str, value: object) -> str:
    prefix = f"{path}: {where}: {key}:"
    if kind in {"str", "country"}:
        if not isinstance(value, str):
            raise GoldenFileError(
                f"{prefix} expected a string or a list of strings, got {_type(value)}"
                " (quote values such as NO, yes or 2012)"
            )
        if not normalise(value):
            raise GoldenFileError(f"{prefix} empty string")
        if kind == "country" and not _COUNTRY_PATTERN.match(value):
            raise GoldenFileError(f"{prefix} expected an ISO 3166-1 alpha-2 code, got {value!r}")
        return value
    if kind == "date":
        return _date_pattern(prefix, value)
    if kind == "month":
        text = value.strip().upper() if isinstance(value, str) else None
        if text is None or not _MONTH_PATTERN.match(text) or not _valid_month(text):
            raise GoldenFileError(f"{prefix} expected a year-month like 2012-11, got {value!r}")
        return text
    raise AssertionError(kind)


def _date_pattern(prefix: str, value: object) -> str:
    text = value.strip().upper() if isinstance(value, str) else None
    if text is None or not _DATE_PATTERN.match(text):
        raise GoldenFileError(
            f"{prefix} expected a date like 2012-10-18 (X for a digit the text does not give),"
            f" got {value!r}"
        )
    if "X" not in text:
        try:
            date.fromisoformat(text)
        except ValueError as exc:
            raise GoldenFileError(f"{prefix} not a calendar date: {value!r}") from exc
    elif not _valid_month(text[:7]) or not ("X" in text[8:] or 1 <= int(text[8:]) <= 31):
        raise GoldenFileError(f"{prefix} not a calendar date: {value!r}")
    return text


def _valid_month(text: str) -> bool:
    month = text[5:7]
    return "X" in month or 1 <= int(month) <= 12


def _type(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _describe_raw(item: Mapping[Any, Any]) -> str:
    return "{" + ", ".join(f"{k}: {show(v)}" for k, v in item.items()) + "}"


def show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
