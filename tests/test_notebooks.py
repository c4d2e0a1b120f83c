"""Every notebook runs top to bottom on the sample tables, and is kept in git without outputs.

To refresh the README's figure from data/processed (after `make run`):
    .venv/bin/python tests/test_notebooks.py docs/images
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
import pyarrow as pa
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from traitlets import default

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PARAMETERS = "parameters"
# Figures a notebook saves when FIGURES_DIR is set (the README shows them from docs/images).
SAVED_FIGURES = {"bulletin_overview.ipynb": ["events_timeline.png"]}


class ThisInterpreterKernel(AsyncKernelManager):
    """The ipykernel of the Python running the tests, whatever kernels the user has registered."""

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[], parent=self)


def _literal(value: Path | bool | None) -> str:
    return f"Path({str(value)!r})" if isinstance(value, Path) else repr(value)


def with_parameters(notebook: nbformat.NotebookNode, **values: Path | bool | None) -> nbformat.NotebookNode:
    """The notebook with the given values set at the end of its `parameters` cell (papermill's convention)."""
    cells = [c for c in notebook.cells if PARAMETERS in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, "a notebook needs exactly one cell tagged `parameters`"
    (cell,) = cells
    defined = set(re.findall(r"^(\w+)\s*=", cell.source, flags=re.MULTILINE))
    assert set(values) <= defined, f"not parameters of the notebook: {sorted(set(values) - defined)}"
    lines = [f"{name} = {_literal(value)}" for name, value in values.items()]
    cell.source = "\n".join([cell.source, "# Set by tests/test_notebooks.py", *lines])
    return notebook


def execute(path: Path, **parameters: Path | bool | None) -> nbformat.NotebookNode:
    notebook = with_parameters(nbformat.read(path, as_version=4), **parameters)
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        kernel_manager_class=ThisInterpreterKernel,
        timeout=120,
        resources={"metadata": {"path": str(path.parent)}},
    )
    return client.execute()


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory, sample_tables: dict[str, pa.Table]) -> Path:
    from pipeline.tables.store import Manifest, write_tables

    out = tmp_path_factory.mktemp("notebook-tables")
    write_tables(out, sample_tables, Manifest())
    return out


def test_there_is_a_notebook() -> None:
    assert NOTEBOOKS, "notebooks/ has no notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"clear the outputs of {path.name}"


@pytest.mark.model
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_on_the_sample_tables(path: Path, sample_dir: Path, tmp_path: Path) -> None:
    executed = execute(path, TABLES_DIR=sample_dir, FIGURES_DIR=tmp_path)  # raises on a cell's error
    images = [o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images, "the notebook drew no figure"
    for name in SAVED_FIGURES.get(path.name, []):
        assert (tmp_path / name).stat().st_size > 5_000, f"{name} missing or blank"


def test_parameters_are_checked(tmp_path: Path) -> None:
    source = "# a comment = not a parameter\nA = 1\n\nFLAG = True  # why"
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [PARAMETERS]})
    notebook = nbformat.v4.new_notebook(cells=[cell])
    changed = with_parameters(notebook, A=tmp_path, FLAG=False).cells[0].source
    assert changed.endswith(f"A = Path({str(tmp_path)!r})\nFLAG = False")
    namespace: dict[str, object] = {"Path": Path}
    exec(changed, namespace)
    assert namespace["A"] == tmp_path and namespace["FLAG"] is False
    with pytest.raises(AssertionError, match="not parameters"):
        with_parameters(notebook, a=None)


if __name__ == "__main__":
    # Refresh the figures the README shows, from the tables in data/processed.
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    execute(ROOT / "notebooks" / "bulletin_overview.ipynb", FIGURES_DIR=target.resolve())
    print(f"figures written to {target}")
