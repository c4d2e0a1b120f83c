"""How a run is spread over processes, and the batches it is cut into.

Shared by every executor (``pipeline.execute.executors`` for this machine,
``pipeline.execute.dask_cluster`` for a Dask cluster), so that neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pipeline.core.errors import PipelineError
from pipeline.core.records import SourceFile
from pipeline.core.settings import Settings

R = TypeVar("R")  # what a worker loads once (pipeline.execute.run.Resources)
T = TypeVar("T")  # what a batch gives back per document (pipeline.execute.run.Outcome)

Process = Callable[[Sequence[SourceFile], Settings, R], list[T]]
Load = Callable[[Settings], R]
Lost = Callable[[SourceFile, str], T]

EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class Execution:
    """How a run spreads its documents over processes; never what it computes."""

    workers: int = 1  # processes (local: 1 = this process; dask without a scheduler: cluster size)
    executor: str = "local"  # "local" or "dask"
    scheduler: str | None = None  # address of a running Dask scheduler; None: start a local cluster
    # A batch is one nlp.pipe call and one task for a worker: documents, and characters on disk.
    batch_documents: int = 16
    batch_bytes: int = 256 * 1024

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise PipelineError(f"--workers must be at least 1, not {self.workers}")
        if self.executor not in EXECUTORS:
            raise PipelineError(f"unknown executor {self.executor!r}; expected one of {', '.join(EXECUTORS)}")
        if self.scheduler is not None and self.executor != "dask":
            raise PipelineError("--scheduler needs --executor dask")
        if self.batch_documents < 1 or self.batch_bytes < 1:
            raise PipelineError("batches must hold at least one document")


def plan_batches(sources: Sequence[SourceFile], execution: Execution) -> list[list[SourceFile]]:
    """Consecutive files in batches of at most ``batch_documents`` files and ``batch_bytes``
    bytes (a larger file is a batch of its own)."""
    batches: list[list[SourceFile]] = []
    current: list[SourceFile] = []
    size = 0
    for source in sources:
        if current and (
            len(current) >= execution.batch_documents or size + source.size > execution.batch_bytes
        ):
            batches.append(current)
            current, size = [], 0
        current.append(source)
        size += source.size
    if current:
        batches.append(current)
    return batches
