"""Where the batches of a run are processed: here, in a pool of processes, or on a Dask cluster.

The run hands over a function ``process(batch, settings, resources)`` and gets back its
results batch by batch, in the order of the batches, whatever finished first; so every
executor writes the same tables. Each worker loads the resources (the model and the
reference data) once. A batch whose worker died gives one ``lost(source, reason)``
result per document instead of stopping the run.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pipeline.core.records import SourceFile
from pipeline.core.settings import Settings
from pipeline.execute.execution import Execution, Load, Lost, Process

R = TypeVar("R")
T = TypeVar("T")


def map_batches(
    process: Process[R, T],
    load: Load[R],
    lost: Lost[T],
    batches: Iterable[Sequence[SourceFile]],
    settings: Settings,
    execution: Execution,
    resources: R | None = None,
) -> Iterator[list[T]]:
    """``process(batch, settings, resources)`` for every batch, the results in batch order.

    ``resources`` (when given) serve the local run and the workers of a pool forked from
    this process; otherwise each worker calls ``load(settings)`` once.

    One worker without ``resources`` is a pool of one process too: the model and the reference
    data then live in a child process, and their memory goes back to the system when the
    documents are done, before this process links the archive and writes the tables (in the
    same process, a model freed leaves its pages to the heap's fragments: 250 MB more at the
    end of a run). A document that kills its process fails alone, as with ``--workers N``.
    With ``resources`` given (a caller holding a loaded model) the batches run here.
    """
    if execution.executor == "dask":
        from pipeline.execute.dask_cluster import map_batches_on_dask

        yield from map_batches_on_dask(process, load, lost, batches, settings, execution)
    elif execution.workers > 1 or resources is None:
        yield from _map_in_pool(process, load, lost, batches, settings, execution.workers, resources)
    else:
        loaded = resources
        try:
            for batch in batches:
                yield process(batch, settings, loaded)
        finally:
            # The reference data and the models were kept out of the cyclic collector's way while
            # in use (``gc.freeze`` in ``load_resources`` and ``LanguageModels.get``). The run
            # lets them go here: what they leave in reference cycles is collected now, so that
            # their memory is free before the end of the run reads and writes the tables.
            del loaded
            gc.unfreeze()
            gc.collect()


# --------------------------------------------------------------------------- process pool

# The resources of a worker process, set once by the pool's initializer in that process
# (never in the process that runs the pool): a pool task can only reach them through the
# worker's module state.
_worker_resources: Any = None


def _init_worker(settings: Settings, load: Load[Any], resources: Any, parent: int) -> None:
    global _worker_resources
    _die_with(parent)
    _worker_resources = resources if resources is not None else load(settings)


def _die_with(parent: int) -> None:
    """End this worker when the run's process ends, however it ends: a run killed (SIGKILL)
    cannot shut its pool down, and its workers, blocked on their task queue, would live on.
    Linux only (prctl's parent-death signal); elsewhere they end at their next task."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the run ended before the signal was asked for
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _run_in_worker(process: Process[Any, T], batch: Sequence[SourceFile], settings: Settings) -> list[T]:
    return process(batch, settings, _worker_resources)


def _pool(workers: int, settings: Settings, load: Load[R], resources: R | None) -> ProcessPoolExecutor:
    # fork: the workers start with the modules this process imported (and the resources,
    # when it holds them) instead of importing everything again.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    inherited = resources if context.get_start_method() == "fork" else None
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(settings, load, inherited, os.getpid()),
    )


def _map_in_pool(
    process: Process[R, T],
    load: Load[R],
    lost: Lost[T],
    batches: Iterable[Sequence[SourceFile]],
    settings: Settings,
    workers: int,
    resources: R | None,
) -> Iterator[list[T]]:
    todo = iter(batches)
    window = 2 * workers  # batches in flight: every worker busy, one more queued each
    # What this process holds now (its modules above all) out of the cyclic collector's way while
    # the workers' records are unpickled here batch after batch: each full collection walked all
    # of it (N = 100: 28.8 CPU-s with one worker against 21.4 in this process, where the model
    # and reference data were frozen); frozen before the workers fork, the collector's marks do
    # not copy the pages they share with this process either. Thawed when the batches are done.
    gc.freeze()
    pool = _pool(workers, settings, load, resources)
    pending: deque[tuple[Sequence[SourceFile], Future[list[T]]]] = deque()
    try:
        while True:
            while len(pending) < window and (batch := next(todo, None)) is not None:
                pending.append((batch, pool.submit(_run_in_worker, process, batch, settings)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                yield future.result()
                continue
            except BrokenProcessPool:
                pass
            # A worker died (killed, out of memory, a crash in C code): every batch in
            # flight is lost with it. Each of their documents is tried again alone, in a
            # pool of one worker (a new one only after a death, as each loads the model),
            # so that only the one that kills its worker fails.
            pool.shutdown(wait=False, cancel_futures=True)
            retry = [batch, *(b for b, _ in pending)]
            pending.clear()
            pool = _pool(1, settings, load, resources)
            for lost_batch in retry:
                outcomes: list[T] = []
                for source in lost_batch:
                    try:
                        outcomes.extend(pool.submit(_run_in_worker, process, [source], settings).result())
                    except BrokenProcessPool:
                        outcomes.append(lost(source, "the worker process died while processing this file"))
                        pool.shutdown(wait=True)
                        pool = _pool(1, settings, load, resources)
                yield outcomes
            pool.shutdown(wait=True)
            pool = _pool(workers, settings, load, resources)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
