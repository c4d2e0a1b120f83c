"""Snapshots of the full output tables for the sample bulletins.

Any change in the output shows up as a readable diff. After reviewing it, regenerate with
``make snapshots`` (``pytest tests/test_snapshots.py --update-snapshots``) and commit.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.tables.schema import TABLES

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
# Long text columns are summarised (length and hash) so the snapshot stays readable.
SUMMARISED = {("documents", "text"), ("sections", "text")}


def _cell(table: str, column: str, value: Any) -> Any:
    if (table, column) in SUMMARISED and isinstance(value, str):
        digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:12]
        return f"{len(value)} chars, sha256 {digest}: {value[:50]!r}"
    if isinstance(value, float):
        return round(value, 6)
    return value


def snapshot_lines(name: str, arrow) -> list[str]:
    rows = arrow.to_pylist()
    return [
        json.dumps({k: _cell(name, k, v) for k, v in row.items()}, ensure_ascii=False, default=str)
        for row in rows
    ]


@pytest.mark.parametrize("name", list(TABLES))
def test_table_snapshot(name: str, sample_tables, request) -> None:
    path = SNAPSHOTS / f"{name}.jsonl"
    lines = snapshot_lines(name, sample_tables[name])
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        return
    assert path.exists(), f"no snapshot for {name}: run `make snapshots`, review and commit"
    expected = path.read_text(encoding="utf-8").splitlines()
    if lines != expected:
        diff = "\n".join(
            difflib.unified_diff(expected, lines, f"snapshot/{name}", f"output/{name}", lineterm="", n=1)
        )
        pytest.fail(f"{name} changed (review, then `make snapshots`):\n{diff[:20000]}", pytrace=False)
