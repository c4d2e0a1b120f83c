"""The packaged data files read the same whichever YAML parser PyYAML offers."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from pipeline.core.datafiles import load_yaml

DATA = Path(str(resources.files("pipeline").joinpath("data")))
DATA_FILES = sorted(DATA.rglob("*.yaml"))


def test_the_data_folder_has_files() -> None:
    assert len(DATA_FILES) >= 10


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_a_data_file_reads_as_the_pure_python_safe_loader_reads_it(path: Path) -> None:
    assert load_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_fast_loader_still_refuses_python_objects(tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.yaml"
    unsafe.write_text("x: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.YAMLError):
        load_yaml(unsafe)
