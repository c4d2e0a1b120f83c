"""The records an evaluation returns: counts per table and bulletin, and what was missed or
wrongly predicted.

Apart from the scoring, so the text report and the HTML review read them without the
matching code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


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
