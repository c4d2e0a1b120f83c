"""A wall-clock limit per document (``seconds_per_document``), in any thread."""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class DocumentTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout in this thread once ``seconds`` of wall-clock time have passed.

    In a main thread (a plain run, a worker of the process pool) a SIGALRM timer raises
    it; in any other thread (Dask runs tasks in a thread pool) a timer thread raises it
    asynchronously in this one. Either way it arrives between two Python bytecodes, so
    one long call into C code finishes first. No time left (``seconds <= 0``) raises it at
    once: a timer of 0 would be no timer at all.
    """
    if seconds <= 0:
        raise DocumentTimeout
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        with _alarm(seconds):
            yield
    else:
        with _thread_deadline(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_timeout(signum: int, frame: Any) -> None:
    raise DocumentTimeout


def _raise_in_thread(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in another thread at its next bytecode (None: cancel a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception is not None else None
    )


@contextmanager
def _thread_deadline(seconds: float) -> Iterator[None]:
    target = threading.get_ident()
    lock = threading.Lock()
    armed = [True]  # cleared on exit, under the lock, so the timer cannot fire afterwards
    fired = [False]

    def expire() -> None:
        with lock:
            if armed[0]:
                fired[0] = True
                _raise_in_thread(target, DocumentTimeout)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        with lock:
            armed[0] = False
        if fired[0]:
            _raise_in_thread(target, None)  # not delivered yet: raised below instead
    if fired[0]:
        raise DocumentTimeout
