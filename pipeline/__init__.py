"""Bulletins into tables. For analysis: ``pipeline.load_tables(path)`` and ``pipeline.connect(path)``.

The loaders are imported on first use, so ``import pipeline`` does not import pandas or DuckDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.review.load import connect, load_tables, load_view

__all__ = ["connect", "load_tables", "load_view"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from pipeline.review import load

        return getattr(load, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
