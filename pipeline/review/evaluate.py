"""Score predicted tables against golden extractions (format and rules: shared/golden/README.md).

A golden file lists, for one bulletin, the facts an analyst extracted by hand. ``load_golden``
reads and validates one; ``evaluate`` matches its entries one-to-one with the rows of the
predicted tables and counts what was found, missed and wrongly predicted, per table and per
bulletin; ``format_report`` and ``evaluation_to_json`` present the result.

A golden file whose bulletin has no row in ``documents`` is listed in
``Evaluation.missing`` and its entries count as missed: a bulletin the pipeline lost lowers
recall instead of disappearing from the scores.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd
import yaml

from pipeline.core.errors import InputError

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

STOPWORDS: frozenset[str] = frozenset({"a", "an", "and", "of", "the", "for", "on", "in", "to"})
VALUE_TOLERANCE = 1e-9
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
    "sections": ("number",),
    "people": ("name",),
    "organisations": ("name",),
    "places": ("name",),
    "dates": ("start", "end"),
    "events": (),  # name or start, checked separately
    "statistics": ("value",),
}
_DOCUMENT_KEYS: dict[str, str] = {"source": "source", "title": "str", "issue_date": "month"}

# Fields checked once a gold entry is found, and how: see the README's scoring table.
_CHECKED_FIELDS: dict[str, dict[str, str]] = {
    "documents": {"title": "equal", "issue_date": "date"},
    "sections": {},
    "people": {"honorific": "equal", "role": "all_words", "organisation": "organisation"},
    "organisations": {"acronym": "equal"},
    "places": {"country": "equal"},
    "dates": {},
    "events": {"end": "date", "city": "equal", "country": "equal", "name": "half_words"},
    "statistics": {"qualifier": "equal", "unit": "equal", "subject": "half_words"},
}

# Predicted column for each golden key; "section" comes from the sections join.
_PREDICTED_COLUMNS: dict[str, dict[str, str]] = {
    "sections": {"title": "title"},
    "people": {
        "name": "name",
        "honorific": "honorific",
        "role": "role",
        "organisation": "organisation",
    },
    "organisations": {"name": "name", "acronym": "acronym"},
    "places": {"name": "name", "country": "country_code"},
    "dates": {"text": "text", "start": "start_date", "end": "end_date"},
    "events": {
        "name": "name",
        "start": "start_date",
        "end": "end_date",
        "city": "city",
        "country": "country_code",
    },
    "statistics": {"qualifier": "qualifier", "unit": "unit", "subject": "subject", "text": "text"},
}
_DATE_COLUMNS = frozenset({"start_date", "end_date"})
_SECTIONED_TABLES = frozenset({"dates", "events", "statistics"})

_DATE_PATTERN = re.compile(r"^[0-9X]{4}-[0-9X]{2}-[0-9X]{2}$")
_MONTH_PATTERN = re.compile(r"^[0-9X]{4}-[0-9X]{2}$")
_COUNTRY_PATTERN = re.compile(r"^[A-Za-z]{2}$")
_WORD = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")


class GoldenFileError(InputError):
    """A golden file that does not follow the format; the message names file, entry and fault."""


# --------------------------------------------------------------------------- records


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
        return _file_name(self.source)


@dataclass(frozen=True)
class FieldScore:
    right: int
    total: int

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass(frozen=True)
class Scores:
    """Counts for one table. ``predicted`` excludes ``ignored`` predictions (neither right
    nor wrong: matching an optional entry, or a section without title)."""

    gold: int
    predicted: int
    found: int
    ignored: int
    fields: Mapping[str, FieldScore]

    @property
    def precision(self) -> float | None:
        return self.found / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        # The harmonic mean of precision and recall; 0 when only one side is empty.
        total = self.gold + self.predicted
        return 2 * self.found / total if total else None


@dataclass(frozen=True)
class Miss:
    """A gold entry no prediction found."""

    table: str
    index: int
    entry: str


@dataclass(frozen=True)
class WrongPrediction:
    """A prediction that found no gold entry and matches no optional one."""

    table: str
    row: int  # position in the predicted table
    entry: str


@dataclass(frozen=True)
class FieldError:
    """A found gold entry whose field the prediction got wrong."""

    table: str
    index: int
    entry: str
    field: str
    expected: str
    predicted: str
    row: int  # position of the prediction in the predicted table


@dataclass(frozen=True)
class DocumentEvaluation:
    golden_path: Path
    source: str
    doc_id: str | None  # None: the bulletin is not in the tables
    tables: Mapping[str, Scores]
    missed: tuple[Miss, ...]
    wrong: tuple[WrongPrediction, ...]
    field_errors: tuple[FieldError, ...]


@dataclass(frozen=True)
class Evaluation:
    tables: Mapping[str, Scores]
    documents: tuple[DocumentEvaluation, ...]
    missing: tuple[Path, ...]  # golden files whose bulletin has no row in `documents`
    warnings: tuple[str, ...]


# --------------------------------------------------------------------------- strings


def normalise(text: str) -> str:
    """NFKC, case-folded, white space collapsed, surrounding punctuation and a leading
    "the " removed."""
    out = _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold())
    while True:
        stripped = _strip_punctuation(out)
        if stripped.startswith("the "):
            stripped = stripped[4:]
        if stripped == out:
            return out
        out = stripped


def _strip_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def words(text: str) -> frozenset[str]:
    """Alphanumeric tokens of the normalised text, less the README's stop words."""
    return frozenset(w for w in _WORD.findall(normalise(text)) if w not in STOPWORDS)


def _file_name(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).name


def _pattern_matches(pattern: str, iso: str | None) -> bool:
    """``2012-XX-22`` matches ``2012-10-22``: an X stands for any digit."""
    if iso is None or len(pattern) != len(iso):
        return False
    return all(p == c or (p == "X" and c.isdigit()) for p, c in zip(pattern, iso, strict=True))


# --------------------------------------------------------------------------- loading


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
    return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in item.items()) + "}"


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --------------------------------------------------------------------------- predictions


@dataclass(frozen=True)
class _Prediction:
    row: int
    values: Mapping[str, str | None]  # golden key -> predicted text (dates as ISO)
    section: int | None = None
    section_known: bool = False
    value: float | None = None

    def describe(self, table: str) -> str:
        parts = [f"row {self.row}:"]
        if table in _SECTIONED_TABLES or table == "sections":
            label = "number" if table == "sections" else "section"
            shown = _show(self.section) if self.section_known else "?"
            parts.append(f"{label}={shown}")
        if self.value is not None:
            parts.append(f"value={_show(self.value)}")
        parts.extend(f"{k}={v!r}" for k, v in self.values.items() if v is not None)
        return " ".join(parts)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    if pd.api.types.is_scalar(value):
        return bool(pd.isna(value))
    return False


def _as_text(value: object) -> str | None:
    if _is_missing(value):
        return None
    return value if isinstance(value, str) else str(value)


def _as_iso_date(value: object) -> str | None:
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


def _as_int(value: object) -> int | None:
    if _is_missing(value):
        return None
    return int(value)  # type: ignore[call-overload]


def _as_float(value: object) -> float | None:
    if _is_missing(value):
        return None
    return float(value)  # type: ignore[arg-type]


def _records(frame: pd.DataFrame, table: str, columns: Iterable[str]) -> list[dict[str, Any]]:
    wanted = list(dict.fromkeys(columns))
    absent = [c for c in wanted if c not in frame.columns]
    if absent:
        raise ValueError(f"predicted table {table!r} lacks column(s): {', '.join(absent)}")
    return frame[wanted].to_dict("records")


def _predictions(
    table: str,
    frame: pd.DataFrame,
    doc_ids: set[str],
    section_numbers: Mapping[str, int | None],
) -> dict[str, list[_Prediction]]:
    """Rows of ``frame`` for the given documents, by doc id, in table order."""
    mapping = _PREDICTED_COLUMNS[table]
    extra = ["doc_id"]
    if table == "sections":
        extra.append("number")
    elif table in _SECTIONED_TABLES:
        extra.append("section_id")
    if table == "statistics":
        extra.append("value")
    out: dict[str, list[_Prediction]] = {d: [] for d in doc_ids}
    for row, record in enumerate(_records(frame, table, [*extra, *mapping.values()])):
        doc_id = _as_text(record["doc_id"])
        if doc_id not in doc_ids:
            continue
        values = {
            key: _as_iso_date(record[col]) if col in _DATE_COLUMNS else _as_text(record[col])
            for key, col in mapping.items()
        }
        section: int | None = None
        known = False
        if table == "sections":
            section, known = _as_int(record["number"]), True
        elif table in _SECTIONED_TABLES:
            section_id = _as_text(record["section_id"])
            known = section_id in section_numbers
            section = section_numbers.get(section_id) if section_id is not None else None
        value = _as_float(record["value"]) if table == "statistics" else None
        out[doc_id].append(_Prediction(row, values, section, known, value))
    return out


# --------------------------------------------------------------------------- matching


def _equal(gold: Sequence[str], predicted: str | None) -> bool:
    if predicted is None:
        return False
    norm = normalise(predicted)
    return any(normalise(g) == norm for g in gold)


def _all_words(gold: Sequence[str], predicted: str | None) -> bool:
    """Every word of a gold alternative is in the predicted text."""
    if predicted is None:
        return False
    got = words(predicted)
    for alternative in gold:
        want = words(alternative)
        if (want and want <= got) or (not want and _equal([alternative], predicted)):
            return True
    return False


def _half_words(gold: Sequence[str], predicted: str | None) -> bool:
    """At least half of a gold alternative's words are in the predicted text."""
    if predicted is None:
        return False
    got = words(predicted)
    for alternative in gold:
        want = words(alternative)
        if (want and 2 * len(want & got) >= len(want)) or (
            not want and _equal([alternative], predicted)
        ):
            return True
    return False


def _dates_match(gold: Sequence[str], predicted: str | None) -> bool:
    return any(_pattern_matches(g, predicted) for g in gold)


def _organisation_aliases(golden: Golden) -> list[frozenset[str]]:
    """Normalised names and acronyms of each gold organisation (optional ones included)."""
    out = []
    for entry in (*golden.entries["organisations"], *golden.optional["organisations"]):
        names = (*entry.texts.get("name", ()), *entry.texts.get("acronym", ()))
        out.append(frozenset(normalise(n) for n in names))
    return out


def _same_organisation(
    gold: Sequence[str], predicted: str | None, aliases: Sequence[frozenset[str]]
) -> bool:
    """Equal to the gold value, or to a name or acronym of the gold organisation that has
    the gold value as its name or acronym."""
    if predicted is None:
        return False
    norm = normalise(predicted)
    for alternative in gold:
        want = normalise(alternative)
        if norm == want or any(want in names and norm in names for names in aliases):
            return True
    return False


def _section_matches(gold: GoldEntry, pred: _Prediction) -> bool:
    """An entry without a section key matches in any section; null is the masthead."""
    return not gold.has_section or (pred.section_known and pred.section == gold.section)


def _finds(table: str, gold: GoldEntry, pred: _Prediction) -> bool:
    """Whether ``pred`` finds ``gold`` (the README's matching rule for ``table``)."""
    if not _section_matches(gold, pred):
        return False
    texts, got = gold.texts, pred.values
    if table == "sections":
        return "title" not in texts or _equal(texts["title"], got["title"])
    if table in {"people", "places"}:
        return _equal(texts["name"], got["name"])
    if table == "organisations":
        wanted = {normalise(t) for t in (*texts["name"], *texts.get("acronym", ()))}
        return bool(wanted & {normalise(v) for v in (got["name"], got["acronym"]) if v})
    if table == "dates":
        return _dates_match(texts["start"], got["start"]) and _dates_match(texts["end"], got["end"])
    if table == "events":
        if "start" in texts:
            return _dates_match(texts["start"], got["start"])
        return _half_words(texts["name"], got["name"])
    if table == "statistics":
        return (
            gold.value is not None
            and pred.value is not None
            and math.isclose(
                gold.value, pred.value, rel_tol=VALUE_TOLERANCE, abs_tol=VALUE_TOLERANCE
            )
        )
    raise AssertionError(table)


def _field_results(
    table: str, gold: GoldEntry, pred: _Prediction, aliases: Sequence[frozenset[str]]
) -> dict[str, bool]:
    """Right or wrong for each checked field the gold entry has."""
    out = {}
    for name, how in _CHECKED_FIELDS[table].items():
        if name not in gold.texts:
            continue
        want, got = gold.texts[name], pred.values.get(name)
        if how == "organisation":
            out[name] = _same_organisation(want, got, aliases)
        else:
            out[name] = _FIELD_CHECKS[how](want, got)
    return out


_FIELD_CHECKS: dict[str, Callable[[Sequence[str], str | None], bool]] = {
    "equal": _equal,
    "all_words": _all_words,
    "half_words": _half_words,
    "date": _dates_match,
}


@dataclass(frozen=True)
class _TableOutcome:
    scores: Scores
    missed: tuple[Miss, ...]
    wrong: tuple[WrongPrediction, ...]
    field_errors: tuple[FieldError, ...]


def _score_table(
    table: str,
    gold: Sequence[GoldEntry],
    optional: Sequence[GoldEntry],
    predictions: Sequence[_Prediction],
    aliases: Sequence[frozenset[str]],
    finds: Callable[[str, GoldEntry, _Prediction], bool] = _finds,
) -> _TableOutcome:
    """Match gold entries (file order) one-to-one with predictions (table order); each takes
    the unused prediction that finds it with the most right fields, the first on a tie."""
    used: set[int] = set()
    missed: list[Miss] = []
    field_errors: list[FieldError] = []
    right = dict.fromkeys(_CHECKED_FIELDS[table], 0)
    total = dict.fromkeys(_CHECKED_FIELDS[table], 0)
    for entry in gold:
        best: tuple[int, dict[str, bool]] | None = None
        for i, pred in enumerate(predictions):
            if i in used or not finds(table, entry, pred):
                continue
            results = _field_results(table, entry, pred, aliases)
            if best is None or sum(results.values()) > sum(best[1].values()):
                best = (i, results)
        if best is None:
            missed.append(Miss(table, entry.index, entry.description))
            continue
        i, results = best
        used.add(i)
        for name, ok in results.items():
            total[name] += 1
            right[name] += ok
            if not ok:
                field_errors.append(
                    FieldError(
                        table,
                        entry.index,
                        entry.description,
                        name,
                        " | ".join(entry.texts[name]),
                        _show(predictions[i].values.get(name)),
                        predictions[i].row,
                    )
                )
    ignored = 0
    wrong: list[WrongPrediction] = []
    for i, pred in enumerate(predictions):
        if i in used:
            continue
        untitled = table == "sections" and not normalise(pred.values["title"] or "")
        if untitled or any(finds(table, o, pred) for o in optional):
            ignored += 1
        else:
            wrong.append(WrongPrediction(table, pred.row, pred.describe(table)))
    scores = Scores(
        gold=len(gold),
        predicted=len(predictions) - ignored,
        found=len(used),
        ignored=ignored,
        fields={name: FieldScore(right[name], total[name]) for name in right},
    )
    return _TableOutcome(scores, tuple(missed), tuple(wrong), tuple(field_errors))


def _document_entry(golden: Golden) -> GoldEntry:
    texts = {}
    if golden.title:
        texts["title"] = golden.title
    if golden.issue_date:
        texts["issue_date"] = golden.issue_date
    return GoldEntry("documents", 0, False, texts, description=f"{{source: {golden.source}}}")


def _score_document(
    golden: Golden, row: int | None, record: Mapping[str, Any] | None
) -> _TableOutcome:
    """The bulletin's `documents` row (already matched by file name) and its fields."""
    entry = _document_entry(golden)
    predictions: list[_Prediction] = []
    if row is not None and record is not None:
        issue = _as_iso_date(record["issue_date"])
        values = {
            "title": _as_text(record["title"]),
            "issue_date": issue[:7] if issue else None,
        }
        predictions.append(_Prediction(row, values))
    return _score_table("documents", [entry], [], predictions, (), lambda *_: True)


# --------------------------------------------------------------------------- evaluation


def evaluate(goldens: Sequence[Golden], tables: Mapping[str, pd.DataFrame]) -> Evaluation:
    """Score the predicted tables against every golden file."""
    warnings: list[str] = []
    by_source: dict[str, Golden] = {}
    for golden in goldens:
        other = by_source.get(golden.source_name)
        if other is not None:
            raise GoldenFileError(
                f"{golden.path}: describes {golden.source_name}, like {other.path}"
            )
        by_source[golden.source_name] = golden

    doc_rows = _document_rows(tables.get("documents"), by_source, warnings)
    doc_ids = {doc_id for doc_id, _, _ in doc_rows.values()}
    section_numbers = _section_numbers(tables.get("sections"), doc_ids)
    predictions: dict[str, dict[str, list[_Prediction]]] = {}
    for table in ENTRY_TABLES:
        frame = tables.get(table)
        if frame is None:
            warnings.append(f"no predicted table {table!r}: scored as empty")
            predictions[table] = {}
            continue
        predictions[table] = _predictions(table, frame, doc_ids, section_numbers)
        unknown = sum(
            not p.section_known
            for preds in predictions[table].values()
            for p in preds
            if table in _SECTIONED_TABLES
        )
        if unknown:
            warnings.append(
                f"{table}: {unknown} row(s) with a section_id not in `sections`"
                " cannot match entries that give a section"
            )

    documents: list[DocumentEvaluation] = []
    for golden in goldens:
        doc_id, row, record = doc_rows.get(golden.source_name, (None, None, None))
        aliases = _organisation_aliases(golden)
        outcomes = {"documents": _score_document(golden, row, record)}
        for table in ENTRY_TABLES:
            preds = predictions[table].get(doc_id, []) if doc_id is not None else []
            outcomes[table] = _score_table(
                table, golden.entries[table], golden.optional[table], preds, aliases
            )
        documents.append(
            DocumentEvaluation(
                golden_path=golden.path,
                source=golden.source,
                doc_id=doc_id,
                tables={t: o.scores for t, o in outcomes.items()},
                missed=tuple(m for o in outcomes.values() for m in o.missed),
                wrong=tuple(w for o in outcomes.values() for w in o.wrong),
                field_errors=tuple(e for o in outcomes.values() for e in o.field_errors),
            )
        )
    return Evaluation(
        tables={t: _sum_scores(t, [d.tables[t] for d in documents]) for t in TABLES},
        documents=tuple(documents),
        missing=tuple(d.golden_path for d in documents if d.doc_id is None),
        warnings=tuple(warnings),
    )


def _document_rows(
    frame: pd.DataFrame | None, by_source: Mapping[str, Golden], warnings: list[str]
) -> dict[str, tuple[str, int, dict[str, Any]]]:
    """Golden source name -> (doc_id, row, record) of the first documents row with that file
    name."""
    if frame is None:
        warnings.append("no predicted table 'documents': every bulletin is missing")
        return {}
    out: dict[str, tuple[str, int, dict[str, Any]]] = {}
    records = _records(frame, "documents", ["doc_id", "source_file", "title", "issue_date"])
    for row, record in enumerate(records):
        name = _file_name(str(record["source_file"]))
        if name not in by_source:
            continue
        if name in out:
            warnings.append(
                f"documents: several rows have the file name {name}; scoring the first"
                f" ({out[name][0]}), ignoring {record['doc_id']}"
            )
            continue
        out[name] = (str(record["doc_id"]), row, record)
    return out


def _section_numbers(frame: pd.DataFrame | None, doc_ids: set[str]) -> dict[str, int | None]:
    if frame is None:
        return {}
    return {
        str(r["section_id"]): _as_int(r["number"])
        for r in _records(frame, "sections", ["doc_id", "section_id", "number"])
        if r["doc_id"] in doc_ids
    }


def _sum_scores(table: str, parts: Sequence[Scores]) -> Scores:
    fields = {
        name: FieldScore(
            sum(p.fields[name].right for p in parts), sum(p.fields[name].total for p in parts)
        )
        for name in _CHECKED_FIELDS[table]
    }
    return Scores(
        gold=sum(p.gold for p in parts),
        predicted=sum(p.predicted for p in parts),
        found=sum(p.found for p in parts),
        ignored=sum(p.ignored for p in parts),
        fields=fields,
    )


def table_scores(evaluation: Evaluation) -> dict[str, float | None]:
    """F1 per table (None where there is neither gold nor prediction)."""
    return {table: scores.f1 for table, scores in evaluation.tables.items()}


# --------------------------------------------------------------------------- output


_SHORT_NAMES = {
    "documents": "docs",
    "sections": "sections",
    "people": "people",
    "organisations": "orgs",
    "places": "places",
    "dates": "dates",
    "events": "events",
    "statistics": "stats",
}


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _fields_text(scores: Scores) -> str:
    return ", ".join(
        f"{name} {_fmt(f.accuracy, 2)} ({f.right}/{f.total})"
        for name, f in scores.fields.items()
        if f.total
    )


def format_report(evaluation: Evaluation, details: bool = False) -> str:
    """A plain-text report; ``details`` lists misses, wrong predictions and wrong fields."""
    n_docs = len(evaluation.documents)
    lines = [
        f"Golden files: {n_docs}   bulletins found in the tables: "
        f"{n_docs - len(evaluation.missing)}   missing: {len(evaluation.missing)}"
    ]
    if evaluation.missing:
        lines.append(
            "MISSING bulletins (no row in `documents`; their gold entries count as missed):"
        )
        for doc in evaluation.documents:
            if doc.doc_id is None:
                lines.append(f"  {doc.golden_path}  (source {doc.source})")
    for warning in evaluation.warnings:
        lines.append(f"warning: {warning}")
    lines.append("")
    header = (
        f"{'table':<14}{'gold':>6}{'pred':>6}{'found':>7}{'ignored':>9}"
        f"{'precision':>11}{'recall':>8}{'F1':>7}  field accuracy"
    )
    lines += [header, "-" * len(header)]
    for table, s in evaluation.tables.items():
        lines.append(
            f"{table:<14}{s.gold:>6}{s.predicted:>6}{s.found:>7}{s.ignored:>9}"
            f"{_fmt(s.precision):>11}{_fmt(s.recall):>8}{_fmt(s.f1):>7}  {_fields_text(s)}".rstrip()
        )
    lines.append("")
    lines.append("F1 per bulletin:")
    width = max([len("source"), *(len(d.source) for d in evaluation.documents)]) + 2
    lines.append(f"{'source':<{width}}" + "".join(f"{_SHORT_NAMES[t]:>9}" for t in TABLES))
    for doc in evaluation.documents:
        row = "".join(f"{_fmt(doc.tables[t].f1):>9}" for t in TABLES)
        mark = "  MISSING" if doc.doc_id is None else ""
        lines.append(f"{doc.source:<{width}}{row}{mark}")
    if details:
        for doc in evaluation.documents:
            lines += ["", *_document_details(doc)]
    return "\n".join(lines) + "\n"


def _document_details(doc: DocumentEvaluation) -> list[str]:
    state = f"doc_id {doc.doc_id}" if doc.doc_id is not None else "MISSING from the tables"
    lines = [f"== {doc.source} ({state}; golden file {doc.golden_path}) =="]
    for table in TABLES:
        missed = [m for m in doc.missed if m.table == table]
        wrong = [w for w in doc.wrong if w.table == table]
        errors = [e for e in doc.field_errors if e.table == table]
        if not (missed or wrong or errors):
            continue
        lines.append(f"  {table}:")
        lines += [f"    missed  #{m.index} {m.entry}" for m in missed]
        lines += [f"    wrong   {w.entry}" for w in wrong]
        lines += [
            f"    field   #{e.index} {e.entry}: {e.field} expected {e.expected!r},"
            f" predicted {e.predicted!r} (row {e.row})"
            for e in errors
        ]
    if len(lines) == 1:
        lines.append("  nothing missed or wrong")
    return lines


def _scores_json(scores: Scores) -> dict[str, Any]:
    return {
        "gold": scores.gold,
        "predicted": scores.predicted,
        "found": scores.found,
        "ignored": scores.ignored,
        "precision": scores.precision,
        "recall": scores.recall,
        "f1": scores.f1,
        "fields": {
            name: {"right": f.right, "total": f.total, "accuracy": f.accuracy}
            for name, f in scores.fields.items()
        },
    }


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as plain JSON-serialisable data."""
    return {
        "tables": {t: _scores_json(s) for t, s in evaluation.tables.items()},
        "missing": [str(p) for p in evaluation.missing],
        "warnings": list(evaluation.warnings),
        "documents": [
            {
                "golden_file": str(d.golden_path),
                "source": d.source,
                "doc_id": d.doc_id,
                "tables": {t: _scores_json(s) for t, s in d.tables.items()},
                "missed": [
                    {"table": m.table, "index": m.index, "entry": m.entry} for m in d.missed
                ],
                "wrong": [{"table": w.table, "row": w.row, "entry": w.entry} for w in d.wrong],
                "field_errors": [
                    {
                        "table": e.table,
                        "index": e.index,
                        "entry": e.entry,
                        "field": e.field,
                        "expected": e.expected,
                        "predicted": e.predicted,
                        "row": e.row,
                    }
                    for e in d.field_errors
                ],
            }
            for d in evaluation.documents
        ],
    }
