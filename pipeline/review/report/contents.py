"""What the report contains: each document with its rows from every table, and the file its
page is written to (beside the index page and the style sheet).

Both kinds of page and the site need the same bulletins and file names, so they are settled
once, before any HTML.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

Row = dict[str, Any]

INDEX_PAGE = "index.html"
PAGES_DIR = "bulletins"
STYLESHEET = "report.css"


@dataclass(frozen=True)
class Bulletin:
    """The rows of one document, from every table."""

    document: Row
    rows: Mapping[str, Sequence[Row]] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return str(self.document["doc_id"])

    def table(self, name: str) -> Sequence[Row]:
        return self.rows.get(name, ())


def bulletins(tables: Mapping[str, pa.Table]) -> list[Bulletin]:
    """Every document with its rows, ordered by source file."""
    by_doc: dict[str, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    for name, table in tables.items():
        if name == "documents" or "doc_id" not in table.column_names:
            continue
        for row in table.to_pylist():
            by_doc[row["doc_id"]][name].append(row)
    documents = sorted(
        tables["documents"].to_pylist() if "documents" in tables else [],
        key=lambda d: (str(d["source_file"]), str(d["doc_id"])),
    )
    return [Bulletin(d, {k: tuple(v) for k, v in by_doc[d["doc_id"]].items()}) for d in documents]


def page_names(items: Sequence[Bulletin]) -> dict[str, str]:
    """doc_id -> file name of its page (from the source file; unique)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for bulletin in items:
        slug = re.sub(r"[^a-z0-9]+", "-", str(bulletin.document["source_file"]).lower()).strip("-")
        name = f"{slug or 'bulletin'}.html"
        if name in taken:
            name = f"{slug or 'bulletin'}-{bulletin.doc_id}.html"
        taken.add(name)
        names[bulletin.doc_id] = name
    return names
