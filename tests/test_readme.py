"""The README stays true: its table reference is the declared schema."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_schema_matches_declaration() -> None:
    spec = importlib.util.spec_from_file_location(
        "update_readme_schema", ROOT / "scripts" / "update_readme_schema.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert module.with_reference(readme) == readme, "run: .venv/bin/python scripts/update_readme_schema.py"


def test_readme_names_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()
