"""Bulletins into tables. For analysis: ``pipeline.load_tables(path)`` and ``pipeline.connect(path)``.

The loaders are imported on first use, so ``import pipeline`` does not import pandas or DuckDB.
``pipeline.__version__`` is the installed distribution's version (its metadata, read on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.review.load import connect, load_tables, load_view

__all__ = ["connect", "load_tables", "load_view"]

DISTRIBUTION = "bulletin-pipeline"
# What the version is when the package is imported from a source tree that was never installed.
UNKNOWN_VERSION = "0+unknown"


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(DISTRIBUTION)
        except PackageNotFoundError:
            return UNKNOWN_VERSION
    if name in __all__:
        from pipeline.review import load

        return getattr(load, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
