"""The bundled samples end to end, including the PDF twin of a text bulletin (the HTML, DOCX and
e-mail twins are checked in tests/test_twins.py)."""

from __future__ import annotations

from pathlib import Path

from pipeline.read.discover import SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
TWIN = "pgd-monthly-2013-03"


def _sections_of(tables, source_file: str) -> list[tuple[int | None, str | None, str]]:
    doc_ids = {d["source_file"]: d["doc_id"] for d in tables["documents"].to_pylist()}
    return [
        (s["number"], s["title"], " ".join(s["text"].split()))
        for s in tables["sections"].to_pylist()
        if s["doc_id"] == doc_ids[source_file]
    ]


def test_every_sample_is_processed(sample_tables) -> None:
    raw = sorted(p.name for p in (ROOT / "data" / "raw").iterdir() if p.suffix in SUPPORTED_SUFFIXES)
    assert {Path(name).suffix for name in raw} == {".txt", ".pdf", ".html", ".docx", ".eml"}
    assert sorted(sample_tables["documents"]["source_file"].to_pylist()) == raw
    assert sample_tables["failures"].num_rows == 0


def test_pdf_twin_reproduces_the_sections_of_its_text(sample_tables) -> None:
    from_text = _sections_of(sample_tables, f"{TWIN}.txt")
    from_pdf = _sections_of(sample_tables, f"{TWIN}.pdf")
    assert len(from_text) > 5
    assert from_pdf == from_text


def test_pdf_twin_keeps_pages(sample_tables) -> None:
    documents = {d["source_file"]: d for d in sample_tables["documents"].to_pylist()}
    assert documents[f"{TWIN}.pdf"]["n_pages"] >= 2
    assert documents[f"{TWIN}.pdf"]["format"] == "pdf"
    doc_id = documents[f"{TWIN}.pdf"]["doc_id"]
    pages = [s["page_end"] for s in sample_tables["sections"].to_pylist() if s["doc_id"] == doc_id]
    assert pages == sorted(pages) and pages[-1] == documents[f"{TWIN}.pdf"]["n_pages"]


def test_twin_script_is_deterministic(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "twin.pdf"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "make_pdf_twin.py"),
            str(ROOT / "data" / "raw" / f"{TWIN}.txt"),
            str(out),
        ],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "data" / "raw" / f"{TWIN}.pdf").read_bytes()
