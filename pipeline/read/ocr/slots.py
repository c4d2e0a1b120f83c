"""At most N OCR engine processes at once on this machine, whichever worker process starts them.

``--workers N`` runs N worker processes, and each spreads a scanned document's pages over up to
N engine processes (``--ocr-jobs``): without a shared limit, N scanned documents at once would
start N x N engines on N cores, each holding its page image and its models in memory. A slot is
one of N lock files in a folder of the system's temporary directory; an engine runs while its
thread holds a slot's lock (``flock``: the lock goes with the process if it dies, and two
threads of one process exclude each other too, as each opens the file itself). Runs at the
same time share the slots. Where ``flock`` does not exist (Windows), there is no shared limit.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

# How long a thread waits before trying the slots again when all are taken.
RETRY_SECONDS = 0.05


def slots_folder() -> Path:
    """The folder of the slot files, one per user (so that no run waits on another user's)."""
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    return Path(tempfile.gettempdir()) / f"bulletin-ocr-slots-{user}"


def _take(folder: Path, slots: int) -> IO[str] | None:
    for number in range(slots):
        handle = open(folder / f"slot-{number}", "a")  # noqa: SIM115 - held until released
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        return handle
    return None


@contextmanager
def engine_slot(slots: int, folder: Path | None = None) -> Iterator[None]:
    """Hold one of ``slots`` machine-wide slots while the block runs (wait for one if all are
    taken). One slot or fewer, or no ``flock``: no limit."""
    if slots <= 1 or fcntl is None:
        yield
        return
    folder = folder or slots_folder()
    folder.mkdir(parents=True, exist_ok=True)
    while (handle := _take(folder, slots)) is None:
        time.sleep(RETRY_SECONDS)
    try:
        yield
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()
