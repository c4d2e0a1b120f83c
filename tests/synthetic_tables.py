"""Valid output tables of made-up documents, built without the model, for the spill and the writer.

Each document gets a few sections and a random number of rows in every other table (none in
some), with repeated offsets (so the key breaks ties), events without offsets (nulls sort
last) and ids that are hashes, so documents in ``doc_id`` order are spread over the batches
a run makes of them in file order. Some texts are long: the text columns of a few dozen
documents fill several Parquet pages.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from pipeline.core.ids import stable_id
from pipeline.tables.build import to_arrow
from pipeline.tables.schema import TABLES

Rows = dict[str, list[dict[str, Any]]]
WORDS = ["census", "budget", "forum", "Geneva", "data", "report", "workshop", "Lusaka", "office"]


def source_file(i: int) -> str:
    return f"b{i:04d}.txt"


def document_rows(i: int, seed: int = 0) -> Rows:
    """The rows of every table for document ``i`` (the same for the same ``i`` and ``seed``)."""
    rng = random.Random(f"{seed}-{i}")
    doc_id = stable_id(source_file(i))
    # Every fifth document is long, so that a table's text spans several Parquet pages.
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 160) * (150 if i % 5 == 0 else 1)))
    cuts = sorted(rng.sample(range(1, len(text)), rng.randint(0, 3)))
    bounds = list(zip([0, *cuts], [*cuts, len(text)], strict=True))
    rows: Rows = {name: [] for name in TABLES}
    pages = page_rows(doc_id, text, random.Random(f"{seed}-{i}-pages"))
    rows["documents"].append(
        {
            "doc_id": doc_id,
            "source_file": source_file(i),
            "sha256": stable_id("sha", i),
            "format": "text",
            "encoding": "utf-8",
            "title": f"Bulletin {i}",
            "issue_date": date(2020, 1, 1) + timedelta(days=31 * (i % 24)),
            "issuing_body": None,
            "n_pages": len(pages),
            "n_sections": len(bounds),
            "text": text,
        }
    )
    rows["pages"] = pages
    for j, (start, end) in enumerate(bounds):
        section_id = f"{doc_id}-s{j:02d}"
        rows["sections"].append(
            {
                "doc_id": doc_id,
                "section_id": section_id,
                "number": j or None,
                "title": None,
                "text": text[start:end],
                "char_start": start,
                "char_end": end,
                "page_start": 1,
                "page_end": 1,
            }
        )
        for k in range(rng.choice([0, 2, 10, 60])):
            a = rng.randint(start, end)
            b = rng.randint(a, min(end, a + 3))
            rows["mentions"].append(
                {
                    "doc_id": doc_id,
                    "section_id": section_id,
                    "mention_id": stable_id(doc_id, j, k),
                    "label": rng.choice(["PERSON", "ORG", "PLACE", "GPE"]),
                    "text": text[a:b],
                    "char_start": a,
                    "char_end": b,
                    "entity_id": rng.choice([None, "e1", "e2"]),
                    "page": 1,
                }
            )
        for k in range(rng.randint(0, 3)):
            a = rng.randint(start, end)
            first = date(2019, 1, 1) + timedelta(days=rng.randint(0, 900))
            rows["dates"].append(
                {
                    "doc_id": doc_id,
                    "section_id": section_id,
                    "date_id": stable_id(doc_id, "date", j, k),
                    "text": text[a:a],
                    "start_date": first,
                    "end_date": first + timedelta(days=rng.randint(0, 3)),
                    "granularity": "day",
                    "inferred": rng.random() < 0.5,
                    "inferred_parts": None,
                    "char_start": a,
                    "char_end": a,
                }
            )
            rows["statistics"].append(
                {
                    "doc_id": doc_id,
                    "section_id": section_id,
                    "stat_id": stable_id(doc_id, "stat", j, k),
                    "value": rng.random() * 100,
                    "qualifier": None,
                    "unit": rng.choice([None, "percent"]),
                    "subject": "participants",
                    "text": text[a:a],
                    "sentence": text[start:end],
                    "char_start": a,
                    "char_end": a,
                }
            )
        for k in range(rng.randint(0, 2)):
            placed = rng.random() < 0.7
            rows["events"].append(
                {
                    "doc_id": doc_id,
                    "section_id": section_id,
                    "event_id": stable_id(doc_id, "event", j, k),
                    "name": f"Workshop {k}",
                    "event_type": "workshop",
                    "start_date": date(2020, 5, 4) if placed else None,
                    "end_date": date(2020, 5, 6) if placed else None,
                    "city": rng.choice([None, "Lusaka"]),
                    "country_code": None,
                    "organisers": rng.sample(WORDS, rng.randint(0, 2)),
                    "participants": [],
                    "char_start": start if placed else None,
                    "char_end": end if placed else None,
                }
            )
    for name, column in (("people", "person_id"), ("organisations", "org_id"), ("places", "place_id")):
        for k in rng.sample(range(6), rng.randint(0, 3)):
            row: dict[str, Any] = {"doc_id": doc_id, column: f"{column}-{k}", "name": f"Name {k}"}
            rows[name].append(row | {"n_mentions": rng.randint(1, 4)})
    if rng.random() < 0.2:
        rows["failures"].append(
            {"source_file": source_file(i), "stage": "read", "error": "cid glyphs", "severity": "warning"}
        )
    return rows


def page_rows(doc_id: str, text: str, rng: random.Random) -> list[dict[str, Any]]:
    """One to three pages over ``text``, some read by OCR (an own generator: the other rows
    stay those of the tables before there was a pages table)."""
    cuts = sorted(rng.sample(range(1, len(text)), rng.randint(0, 2)))
    bounds = list(zip([0, *cuts], [*cuts, len(text)], strict=True))
    rows = []
    for number, (start, end) in enumerate(bounds, start=1):
        ocr = rng.random() < 0.3
        rows.append(
            {
                "doc_id": doc_id,
                "page": number,
                "source": "ocr" if ocr else "text",
                "ocr_confidence": round(rng.uniform(60, 97), 2) if ocr else None,
                "char_start": start,
                "char_end": end,
            }
        )
    return rows


def failed_rows(names: list[str]) -> list[dict[str, Any]]:
    return [{"source_file": n, "stage": "read", "error": "empty file", "severity": "error"} for n in names]


def tables_of(documents: list[int], seed: int = 0, failed: list[str] | None = None) -> dict[str, pa.Table]:
    """The tables of these documents (and failed files), whole and sorted, as one ``to_arrow`` gives them."""
    rows: Rows = {name: [] for name in TABLES}
    for i in documents:
        for name, table_rows in document_rows(i, seed).items():
            rows[name].extend(table_rows)
    rows["failures"].extend(failed_rows(failed or []))
    return {name: to_arrow(TABLES[name], rows[name]) for name in TABLES}


def batches_of(documents: list[int], per_batch: int, seed: int = 0) -> list[dict[str, pa.Table]]:
    """The same rows as a run spills them: ``per_batch`` documents at a time, in file order."""
    return [tables_of(documents[i : i + per_batch], seed) for i in range(0, len(documents), per_batch)]
