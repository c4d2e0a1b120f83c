"""Start-up: the command imports the heavy libraries only when it has documents to process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pipeline.core.settings import Settings
from pipeline.execute.run import run
from pipeline.execute.stages import Resources

HEAVY = ("spacy", "pandas", "duckdb", "dateparser")

NOTHING_TO_DO = """
import sys
from pipeline.cli import main
code = main(["run", sys.argv[1], "--out", sys.argv[2], "--no-progress"])
print(code, sorted(m for m in {heavy!r} if m in sys.modules))
"""


def _python(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1]


def test_importing_the_command_imports_no_heavy_library() -> None:
    code = f"import sys, pipeline.cli; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    assert _python(code) == "[]"


def test_a_run_with_nothing_to_do_imports_no_heavy_library(tmp_path: Path, resources: Resources) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "note.txt").write_text("Network Bulletin: May 2015\n\nThe Network met in Accra, Ghana.\n")
    assert run(Settings(input_dir=raw, output_dir=out, progress=False), resources=resources).processed
    assert _python(NOTHING_TO_DO.format(heavy=HEAVY), str(raw), str(out)) == "0 []"
