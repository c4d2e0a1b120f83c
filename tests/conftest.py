"""Shared fixtures: the real model loads once per test session; ../shared is optional."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.nlp import load_model
    from pipeline.settings import DEFAULT_MODEL

    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "golden").is_dir():
        pytest.skip("../shared is not beside the repository (only CI and maintainers have it)")
    return SHARED
