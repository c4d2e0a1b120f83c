"""Counting what was found, missed and wrongly predicted, per table and per bulletin.

The predicted tables are read once; each golden file is paired with its bulletin by file name,
and its entries are matched one-to-one with that bulletin's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from pipeline.review.evaluate.golden import ENTRY_TABLES, TABLES, Golden, GoldenFileError, GoldEntry, show
from pipeline.review.evaluate.match import CHECKED_FIELDS, field_results, finds, organisation_aliases
from pipeline.review.evaluate.predictions import (
    SECTIONED_TABLES,
    Prediction,
    as_float,
    as_int,
    as_iso_date,
    as_text,
)
from pipeline.review.evaluate.results import (
    DocumentEvaluation,
    Evaluation,
    FieldError,
    FieldScore,
    Miss,
    Scores,
    WrongPrediction,
)
from pipeline.review.evaluate.text import file_name, normalise

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
) -> dict[str, list[Prediction]]:
    """Rows of ``frame`` for the given documents, by doc id, in table order."""
    mapping = _PREDICTED_COLUMNS[table]
    extra = ["doc_id"]
    if table == "sections":
        extra.append("number")
    elif table in SECTIONED_TABLES:
        extra.append("section_id")
    if table == "statistics":
        extra.append("value")
    out: dict[str, list[Prediction]] = {d: [] for d in doc_ids}
    for row, record in enumerate(_records(frame, table, [*extra, *mapping.values()])):
        doc_id = as_text(record["doc_id"])
        if doc_id not in doc_ids:
            continue
        values = {
            key: as_iso_date(record[col]) if col in _DATE_COLUMNS else as_text(record[col])
            for key, col in mapping.items()
        }
        section: int | None = None
        known = False
        if table == "sections":
            section, known = as_int(record["number"]), True
        elif table in SECTIONED_TABLES:
            section_id = as_text(record["section_id"])
            known = section_id in section_numbers
            section = section_numbers.get(section_id) if section_id is not None else None
        value = as_float(record["value"]) if table == "statistics" else None
        out[doc_id].append(Prediction(row, values, section, known, value))
    return out


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
    predictions: Sequence[Prediction],
    aliases: Sequence[frozenset[str]],
    finds: Callable[[str, GoldEntry, Prediction], bool] = finds,
) -> _TableOutcome:
    """Match gold entries (file order) one-to-one with predictions (table order); each takes
    the unused prediction that finds it with the most right fields, the first on a tie."""
    used: set[int] = set()
    missed: list[Miss] = []
    field_errors: list[FieldError] = []
    right = dict.fromkeys(CHECKED_FIELDS[table], 0)
    total = dict.fromkeys(CHECKED_FIELDS[table], 0)
    for entry in gold:
        best: tuple[int, dict[str, bool]] | None = None
        for i, pred in enumerate(predictions):
            if i in used or not finds(table, entry, pred):
                continue
            results = field_results(table, entry, pred, aliases)
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
                        show(predictions[i].values.get(name)),
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
    predictions: list[Prediction] = []
    if row is not None and record is not None:
        issue = as_iso_date(record["issue_date"])
        values = {
            "title": as_text(record["title"]),
            "issue_date": issue[:7] if issue else None,
        }
        predictions.append(Prediction(row, values))
    return _score_table("documents", [entry], [], predictions, (), lambda *_: True)


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
    predictions: dict[str, dict[str, list[Prediction]]] = {}
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
            if table in SECTIONED_TABLES
        )
        if unknown:
            warnings.append(
                f"{table}: {unknown} row(s) with a section_id not in `sections`"
                " cannot match entries that give a section"
            )

    documents: list[DocumentEvaluation] = []
    for golden in goldens:
        doc_id, row, record = doc_rows.get(golden.source_name, (None, None, None))
        aliases = organisation_aliases(golden)
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
        name = file_name(str(record["source_file"]))
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
        str(r["section_id"]): as_int(r["number"])
        for r in _records(frame, "sections", ["doc_id", "section_id", "number"])
        if r["doc_id"] in doc_ids
    }


def _sum_scores(table: str, parts: Sequence[Scores]) -> Scores:
    fields = {
        name: FieldScore(
            sum(p.fields[name].right for p in parts), sum(p.fields[name].total for p in parts)
        )
        for name in CHECKED_FIELDS[table]
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
