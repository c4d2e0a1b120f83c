"""HTML, DOCX and e-mail twins of the sample bulletins give the sections and facts of their text.

``scripts/make_twins.py`` renders each sample text as a web page (navigation, cookie banner,
sidebar, comments and footer around it), a Word document (running header and footer) and a
newsletter e-mail (an HTML part and a quoted-printable plain part, e-mail header and footer
lines). Read back, each twin must give the same sections, and the same people,
organisations, places, dates, events and statistics, compared by their values (a twin's
offsets differ from its text's: the furniture is gone but blank lines may fall elsewhere).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa
import pytest

from pipeline.core.records import SourceFile
from pipeline.core.settings import Limits, Settings
from pipeline.execute.run import run
from pipeline.execute.stages import Resources
from pipeline.read.document import read_document
from pipeline.tables.store import read_tables

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
SAMPLES = sorted(p.stem for p in RAW.glob("*.txt"))
KINDS = ("html", "docx", "eml")
# One twin of each format is a sample of its own in data/raw (`make twins`).
COMMITTED = {"html": "capnet-news-2016-02", "docx": "dgov-bulletin-2015-09", "eml": "pgd-monthly-2014-06"}
_BULLET = re.compile(r"(?m)^[•\-–] ")

# The columns that say what a fact is (not where it is, nor its ids).
FACTS = {
    "people": ("name", "honorific", "role", "organisation", "n_mentions"),
    "organisations": ("name", "acronym", "n_mentions"),
    "places": ("name", "kind", "country_code", "n_mentions"),
    "dates": ("text", "start_date", "end_date", "granularity", "inferred", "inferred_parts"),
    "events": (
        "name",
        "event_type",
        "start_date",
        "end_date",
        "city",
        "country_code",
        "organisers",
        "participants",
    ),
    "statistics": ("value", "qualifier", "unit", "subject", "text"),
    "mentions": ("label", "text"),
}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_twins", ROOT / "scripts" / "make_twins.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_twins"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


twins = _load_script()


@pytest.fixture(scope="module")
def twin_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("twins-raw")
    for stem in SAMPLES:
        text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
        (raw / f"{stem}.txt").write_text(text, encoding="utf-8")
        for kind in KINDS:
            (raw / f"{stem}.{kind}").write_bytes(twins.RENDERERS[kind](text))
    return raw


@pytest.fixture(scope="module")
def twin_tables(
    twin_folder: Path, tmp_path_factory: pytest.TempPathFactory, resources: Resources
) -> dict[str, pa.Table]:
    out = tmp_path_factory.mktemp("twins-out")
    summary = run(Settings(input_dir=twin_folder, output_dir=out, progress=False), resources=resources)
    assert summary.ok, summary.failed
    return read_tables(out)


def _doc_id(tables: dict[str, pa.Table], source_file: str) -> str:
    return next(d["doc_id"] for d in tables["documents"].to_pylist() if d["source_file"] == source_file)


def _sections(tables: dict[str, pa.Table], source_file: str) -> list[tuple[Any, ...]]:
    doc_id = _doc_id(tables, source_file)
    return [
        # List markers are the format's: a "- " item of a text file is a "• " one in a twin.
        (s["number"], s["title"], " ".join(_BULLET.sub("• ", s["text"]).split()))
        for s in tables["sections"].to_pylist()
        if s["doc_id"] == doc_id
    ]


def _facts(tables: dict[str, pa.Table], source_file: str, table: str) -> Counter[tuple[Any, ...]]:
    doc_id = _doc_id(tables, source_file)
    columns = FACTS[table]
    return Counter(
        tuple(tuple(v) if isinstance(v, list) else v for v in (row[c] for c in columns))
        for row in tables[table].to_pylist()
        if row["doc_id"] == doc_id
    )


def _masthead(tables: dict[str, pa.Table], source_file: str) -> tuple[Any, ...]:
    document = next(d for d in tables["documents"].to_pylist() if d["source_file"] == source_file)
    return document["title"], document["issue_date"], document["issuing_body"], document["n_sections"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stem", SAMPLES)
def test_twin_gives_the_sections_of_its_text(twin_tables: dict[str, pa.Table], stem: str, kind: str) -> None:
    from_text = _sections(twin_tables, f"{stem}.txt")
    assert len(from_text) > 5
    assert _sections(twin_tables, f"{stem}.{kind}") == from_text
    assert _masthead(twin_tables, f"{stem}.{kind}") == _masthead(twin_tables, f"{stem}.txt")


@pytest.mark.parametrize("table", list(FACTS))
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stem", SAMPLES)
def test_twin_gives_the_facts_of_its_text(
    twin_tables: dict[str, pa.Table], stem: str, kind: str, table: str
) -> None:
    from_text = _facts(twin_tables, f"{stem}.txt", table)
    if table not in ("people", "statistics"):  # every sample names places, dates, events...
        assert from_text
    assert _facts(twin_tables, f"{stem}.{kind}", table) == from_text


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("stem", SAMPLES)
def test_twin_states_its_headings_and_metadata(twin_folder: Path, stem: str, kind: str) -> None:
    path = twin_folder / f"{stem}.{kind}"
    document = read_document(SourceFile(path, path.name, "0" * 64, path.stat().st_size), Limits())
    bulletin = twins.split_bulletin((RAW / f"{stem}.txt").read_text(encoding="utf-8"))
    items = [block[0] for block in bulletin.body if twins.block_kind(block) == "heading"]
    headings = [(h.level, document.text[h.char_start : h.char_end]) for h in document.headings]
    assert headings == [(1, bulletin.title), *((2, item) for item in items)]
    assert document.format == {"html": "html", "docx": "docx", "eml": "email"}[kind]
    assert document.metadata_title is not None and bulletin.title in document.metadata_title
    if kind != "html":  # a web page states no date; the core properties and the e-mail do
        assert document.metadata_date == bulletin.issued.date()
    furniture = (
        "cookies",
        "Skip to content",
        "Unsubscribe",
        "You are receiving",
        "Page 1",
        "in your browser",
    )
    assert not [word for word in furniture if word in document.text]


@pytest.mark.parametrize(("kind", "stem"), list(COMMITTED.items()))
def test_committed_twins_are_what_the_script_makes(kind: str, stem: str) -> None:
    text = (RAW / f"{stem}.txt").read_text(encoding="utf-8")
    assert (RAW / f"{stem}.{kind}").read_bytes() == twins.RENDERERS[kind](text)
    assert twins.RENDERERS[kind](text) == twins.RENDERERS[kind](text)  # deterministic


def test_twin_script_writes_the_files(tmp_path: Path) -> None:
    source = RAW / f"{SAMPLES[0]}.txt"
    outputs = {kind: tmp_path / f"twin.{kind}" for kind in KINDS}
    assert twins.main([str(source), *(f"--{k}={p}" for k, p in outputs.items())]) == 0
    assert all(path.stat().st_size > 1000 for path in outputs.values())
