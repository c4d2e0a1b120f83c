"""What a run did: the files processed, skipped, removed and failed, and the rows written."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.core.records import Failure


@dataclass
class RunSummary:
    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    errors_in_tables: int = 0  # error rows in `failures`, from this run and earlier ones
    written: bool = True  # False when nothing changed, so no file was rewritten

    @property
    def ok(self) -> bool:
        return not self.failed
