"""The evaluation as plain text (``bulletin evaluate``, with ``--details`` the misses and
wrong predictions) and as JSON (``--json``): presentation only, so both show the same numbers.
"""

from __future__ import annotations

from typing import Any

from pipeline.review.evaluate.golden import TABLES
from pipeline.review.evaluate.results import DocumentEvaluation, Evaluation, Scores

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
