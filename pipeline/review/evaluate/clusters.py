"""Score the archive's clusterings against cluster golden files (``tests/clusters/README.md``).

A cluster golden file lists, for a series of bulletins, every entity with the forms it
takes in each bulletin, and every event with its reports. Each (bulletin, form) of an
entity and each report of an event is an item. An item is matched to the pipeline's row
with that name in that bulletin (a row of the entity's kind, else a mention of that kind,
else a row or mention of any kind; names compared case-insensitively, white space
collapsed), and a report to the pipeline's event in that bulletin with the same first day
(the parts the gold states), or with no first day, the one sharing at least half of the
gold name's words. The pipeline's clustering is its ``entity_id`` / ``archive_event_id``;
an item the pipeline missed is a cluster of its own. B-cubed precision and recall are the
averages over the items of |gold ∩ predicted| / |predicted| and |gold ∩ predicted| / |gold|,
each item's clusters restricted to the items of the same scoring (all entities, one kind,
or events; "entities, found" and "events, found" score the linking alone, over the items
the extractors found). Bulletins of the golden file that are not in the tables (scanned issues not
read yet) are left out and listed in ``skipped``.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

ENTITY_KINDS = ("person", "organisation", "place")
_ROW_TABLE = {"person": "people", "organisation": "organisations", "place": "places"}
_LABEL = {"person": "PERSON", "organisation": "ORG", "place": "PLACE"}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GoldEntity:
    kind: str
    name: str
    forms: dict[str, tuple[str, ...]]  # bulletin file -> forms written there


@dataclass(frozen=True)
class GoldReport:
    source: str
    start: str | None  # YYYY-MM-DD with X for a part not stated
    status: str | None


@dataclass(frozen=True)
class GoldEvent:
    name: str
    status: str | None
    reports: tuple[GoldReport, ...]


@dataclass(frozen=True)
class ClusterGold:
    series: str
    bulletins: tuple[str, ...]
    entities: tuple[GoldEntity, ...]
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class BCubed:
    precision: float
    recall: float
    n_items: int

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class SeriesScores:
    series: str
    scores: dict[str, BCubed] = field(default_factory=dict)  # entities, person, ..., events
    skipped: list[str] = field(default_factory=list)  # bulletins not in the tables
    missed: dict[str, list[str]] = field(default_factory=dict)  # scoring -> items not found
    status_correct: int = 0
    status_total: int = 0


def load_clusters(path: Path) -> ClusterGold:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    entities = tuple(
        GoldEntity(
            str(e["kind"]),
            str(e["name"]),
            {str(b): tuple(str(f) for f in forms) for b, forms in (e.get("forms") or {}).items()},
        )
        for e in data.get("entities") or ()
    )
    events = tuple(
        GoldEvent(
            str(e["name"]),
            e.get("status"),
            tuple(
                GoldReport(
                    str(r["source"]), None if r.get("start") is None else str(r["start"]), r.get("status")
                )
                for r in e.get("reports") or ()
            ),
        )
        for e in data.get("events") or ()
    )
    return ClusterGold(
        str(data["series"]), tuple(str(b) for b in data.get("bulletins") or ()), entities, events
    )


def load_clusters_dir(folder: Path) -> list[ClusterGold]:
    return [load_clusters(p) for p in sorted(folder.glob("*.clusters.yaml"))]


def bcubed(gold: Mapping[Hashable, Hashable], predicted: Mapping[Hashable, Hashable]) -> BCubed:
    """B-cubed precision and recall of ``predicted`` against ``gold`` (item -> cluster), over
    the items of ``gold``; an item missing from ``predicted`` is a cluster of its own."""
    items = list(gold)
    if not items:
        return BCubed(1.0, 1.0, 0)
    label = {i: predicted.get(i, ("missed", i)) for i in items}
    by_gold: dict[Hashable, set[Hashable]] = {}
    by_predicted: dict[Hashable, set[Hashable]] = {}
    for i in items:
        by_gold.setdefault(gold[i], set()).add(i)
        by_predicted.setdefault(label[i], set()).add(i)
    precision = recall = 0.0
    for i in items:
        both = len(by_gold[gold[i]] & by_predicted[label[i]])
        precision += both / len(by_predicted[label[i]])
        recall += both / len(by_gold[gold[i]])
    return BCubed(precision / len(items), recall / len(items), len(items))


def _norm(text: Any) -> str:
    return " ".join(str(text).split()).casefold()


def _entity_lookup(tables: Mapping[str, pd.DataFrame], doc_id: str) -> dict[tuple[str, str], str]:
    """(source of the name, name) -> entity_id in one bulletin; sources: a kind's rows, a kind's
    mentions ("mention:<kind>")."""
    found: dict[tuple[str, str], str] = {}
    for kind, name in _ROW_TABLE.items():
        rows = tables[name][tables[name]["doc_id"] == doc_id]
        for text, entity_id in zip(rows["name"], rows["entity_id"], strict=True):
            if pd.notna(entity_id):
                found.setdefault((kind, _norm(text)), str(entity_id))
    mentions = tables["mentions"][tables["mentions"]["doc_id"] == doc_id]
    for label, text, entity_id in zip(
        mentions["label"], mentions["text"], mentions["archive_entity_id"], strict=True
    ):
        label_kind = next((k for k, v in _LABEL.items() if v == label), None)
        if label_kind and pd.notna(entity_id):
            found.setdefault((f"mention:{label_kind}", _norm(text)), str(entity_id))
    return found


def _find_entity(lookup: Mapping[tuple[str, str], str], kind: str, form: str) -> str | None:
    text = _norm(form)
    others = [k for k in ENTITY_KINDS if k != kind]
    for source in [kind, f"mention:{kind}", *others, *(f"mention:{k}" for k in others)]:
        if (source, text) in lookup:
            return lookup[(source, text)]
    return None


def _same_start(gold_start: str, start: Any) -> bool:
    if start is None or pd.isna(start):
        return False
    stated = pd.Timestamp(start).strftime("%Y-%m-%d")
    return all(g in ("X", s) for g, s in zip(gold_start, stated, strict=True)) and len(gold_start) == 10


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)}


def _find_event(events: pd.DataFrame, report: GoldReport, name: str) -> str | None:
    gold_words = _words(name)
    if report.start:
        candidates = [e for e in events.itertuples() if _same_start(report.start, e.start_date)]
    else:
        candidates = [
            e
            for e in events.itertuples()
            if gold_words and len(gold_words & _words(e.name)) * 2 >= len(gold_words)
        ]
    if not candidates:
        return None
    # Of several, the one sharing most words with the gold name (then the first in the text).
    best = max(candidates, key=lambda e: (len(gold_words & _words(e.name)), -candidates.index(e)))
    return str(best.event_id)


def score_series(gold: ClusterGold, tables: Mapping[str, pd.DataFrame]) -> SeriesScores:
    """B-cubed scores of the tables' clusterings for one cluster golden file."""
    documents = tables["documents"]
    doc_of = dict(zip(documents["source_file"], documents["doc_id"], strict=True))
    result = SeriesScores(gold.series, skipped=[b for b in gold.bulletins if b not in doc_of])
    lookups = {b: _entity_lookup(tables, doc_of[b]) for b in gold.bulletins if b in doc_of}
    gold_of: dict[str, dict[Hashable, Hashable]] = {k: {} for k in ("entities", *ENTITY_KINDS, "events")}
    predicted: dict[Hashable, Hashable] = {}
    missed: dict[str, list[str]] = {k: [] for k in gold_of}
    for number, entity in enumerate(gold.entities):
        for bulletin, forms in entity.forms.items():
            if bulletin not in lookups:
                continue
            for form in forms:
                item = ("entity", number, bulletin, form)
                gold_of["entities"][item] = gold_of[entity.kind][item] = number
                entity_id = _find_entity(lookups[bulletin], entity.kind, form)
                if entity_id is None:
                    missed["entities"].append(f"{entity.kind} {form!r} in {bulletin}")
                else:
                    predicted[item] = entity_id
    events = tables["events"]
    archive_id = dict(zip(events["event_id"], events["archive_event_id"], strict=True))
    status_of = dict(zip(events["event_id"], events["status"], strict=True))
    for number, event in enumerate(gold.events):
        for index, report in enumerate(event.reports):
            if report.source not in doc_of:
                continue
            report_item = ("event", number, index)
            gold_of["events"][report_item] = number
            event_id = _find_event(events[events["doc_id"] == doc_of[report.source]], report, event.name)
            if event_id is None:
                missed["events"].append(f"{event.name!r} ({report.start}) in {report.source}")
                continue
            predicted[report_item] = archive_id[event_id]
            if report.status:
                result.status_total += 1
                result.status_correct += int(str(status_of[event_id]) == report.status)
    result.scores = {k: bcubed(g, predicted) for k, g in gold_of.items() if g}
    # The linking alone: the same scores over the items the extractors found.
    for k in ("entities", "events"):
        found = {item: cluster for item, cluster in gold_of[k].items() if item in predicted}
        if found:
            result.scores[f"{k}, found"] = bcubed(found, predicted)
    result.missed = {k: v for k, v in missed.items() if v}
    return result


def format_cluster_scores(results: list[SeriesScores], details: bool = False) -> str:
    lines = ["B-cubed precision / recall / F1 (items)"]
    for r in results:
        if not r.scores:
            lines.append(f"\n{r.series}: none of its bulletins is in the tables")
            continue
        skipped = f" (not in the tables, left out: {', '.join(r.skipped)})" if r.skipped else ""
        lines.append(f"\n{r.series}{skipped}")
        for name, s in r.scores.items():
            lines.append(f"  {name:<16} {s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f}  ({s.n_items})")
        if r.status_total:
            lines.append(f"  event status of the reports found: {r.status_correct} of {r.status_total}")
        if details:
            for name, items in r.missed.items():
                lines.append(f"  not found ({name}): " + "; ".join(items))
    return "\n".join(lines)


def cluster_scores_to_json(results: list[SeriesScores]) -> dict[str, Any]:
    return {
        r.series: {
            "skipped": r.skipped,
            "scores": {
                k: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "items": s.n_items}
                for k, s in r.scores.items()
            },
            "status": {"correct": r.status_correct, "total": r.status_total},
            "missed": r.missed,
        }
        for r in results
    }
