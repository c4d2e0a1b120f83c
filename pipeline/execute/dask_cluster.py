"""Batches of a run on a Dask cluster (``dask.distributed``): the optional ``dask`` extra.

Imported only for ``bulletin run --executor dask``. Each batch is one task; a worker
plugin keeps the resources a worker loaded for its first batch, so each worker loads the
model once. Workers read the input files by their path: on a cluster of several
machines the input folder must be at the same path on each (a shared file system).
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from pipeline.core.errors import PipelineError, exception_line
from pipeline.core.records import SourceFile
from pipeline.core.settings import Settings

try:
    from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise PipelineError(
        "--executor dask needs Dask: pip install 'bulletin-pipeline[dask]' (dask and distributed)"
    ) from exc

from pipeline.execute.execution import Execution, Load, Lost, Process

R = TypeVar("R")
T = TypeVar("T")

PLUGIN_NAME = "bulletin-resources"


class ResourcesPlugin(WorkerPlugin):
    """Loads a worker's resources at its first batch (in the task's thread, not the
    worker's event loop) and keeps them for the next ones."""

    def __init__(self, settings: Settings, load: Load[Any]) -> None:
        self.settings = settings
        self.load = load
        self._lock = threading.Lock()
        self._resources: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"settings": self.settings, "load": self.load}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.settings = state["settings"]
        self.load = state["load"]
        self._lock = threading.Lock()
        self._resources = None

    def resources(self) -> Any:
        with self._lock:
            if self._resources is None:
                self._resources = self.load(self.settings)
            return self._resources


def _run_on_worker(process: Process[Any, T], batch: Sequence[SourceFile], settings: Settings) -> list[T]:
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, ResourcesPlugin)
    return process(batch, settings, plugin.resources())


def map_batches_on_dask(
    process: Process[R, T],
    load: Load[R],
    lost: Lost[T],
    batches: Iterable[Sequence[SourceFile]],
    settings: Settings,
    execution: Execution,
) -> Iterator[list[T]]:
    """``process`` over every batch on the cluster at ``execution.scheduler`` (or on a local
    cluster of ``execution.workers`` single-threaded processes), results in batch order."""
    cluster: LocalCluster | None = None
    if execution.scheduler is None:
        cluster = LocalCluster(
            n_workers=execution.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    else:
        try:
            client = Client(execution.scheduler, timeout="30s")
        except OSError as exc:
            raise PipelineError(f"cannot reach the Dask scheduler at {execution.scheduler}: {exc}") from exc
    try:
        client.register_plugin(ResourcesPlugin(settings, load), name=PLUGIN_NAME)
        yield from _ordered(client, process, lost, batches, settings, execution)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _ordered(
    client: Client,
    process: Process[R, T],
    lost: Lost[T],
    batches: Iterable[Sequence[SourceFile]],
    settings: Settings,
    execution: Execution,
) -> Iterator[list[T]]:
    todo = iter(batches)
    # Batches in flight: two per worker thread, so none waits while the results of the
    # earlier batches are written; the rest wait here, not in the cluster's memory.
    threads = sum(client.nthreads().values()) or execution.workers
    window = 2 * threads
    pending: deque[tuple[Sequence[SourceFile], Future]] = deque()
    while True:
        while len(pending) < window and (batch := next(todo, None)) is not None:
            pending.append((batch, client.submit(_run_on_worker, process, batch, settings, pure=False)))
        if not pending:
            return
        batch, future = pending.popleft()
        try:
            result: list[T] = future.result()
        except Exception as exc:  # the worker died (KilledWorker) or the cluster went away
            reason = f"the Dask worker failed on this batch: {exception_line(exc)}"
            result = [lost(source, reason) for source in batch]
        finally:
            future.release()
        yield result
