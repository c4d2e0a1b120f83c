"""The machine-wide OCR engine slots: the threads of every worker process together hold at most
N slots (``pipeline.read.ocr.slots``), so ``--workers N`` never runs N x N engines."""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.read.ocr.slots import engine_slot

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no flock on Windows: no shared limit")


class _Meter:
    """How many holders at once, at most (a thread lock, or a process-shared one)."""

    def __init__(self, active, most, left, lock) -> None:  # type: ignore[no-untyped-def]
        self.active, self.most, self.left, self.lock = active, most, left, lock

    def hold(self, folder: Path, slots: int) -> None:
        with engine_slot(slots, folder):
            with self.lock:
                self.active.value += 1
                self.left.value -= 1
                self.most.value = max(self.most.value, self.active.value)
            # Stay while a slot is free and others have yet to come in (or a while at most), so
            # that a limiter letting fewer than ``slots`` run is seen; the assertions count.
            deadline = time.monotonic() + 10
            while self.active.value < slots and self.left.value > 0 and time.monotonic() < deadline:
                time.sleep(0.005)
            with self.lock:
                self.active.value -= 1


class _Box:
    def __init__(self, value: int = 0) -> None:
        self.value = value


def _threads(meter: _Meter, folder: Path, slots: int, count: int) -> None:
    threads = [threading.Thread(target=meter.hold, args=(folder, slots)) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def test_threads_of_one_process_share_the_slots(tmp_path: Path) -> None:
    meter = _Meter(_Box(), _Box(), _Box(8), threading.Lock())
    _threads(meter, tmp_path, slots=2, count=8)
    assert meter.most.value == 2
    assert meter.active.value == 0


def test_worker_processes_share_the_slots(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    meter = _Meter(context.Value("i", 0), context.Value("i", 0), context.Value("i", 12), context.Lock())
    workers = [context.Process(target=_threads, args=(meter, tmp_path, 2, 4)) for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0]
    assert 1 <= meter.most.value <= 2  # 12 engines asked for by 3 workers, never more than 2 at once


def test_a_slot_is_free_again_when_its_holder_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), engine_slot(2, tmp_path):
        raise RuntimeError("the engine failed")
    meter = _Meter(_Box(), _Box(), _Box(4), threading.Lock())
    _threads(meter, tmp_path, slots=2, count=4)
    assert meter.most.value == 2


def test_one_slot_means_no_shared_limit(tmp_path: Path) -> None:
    folder = tmp_path / "slots"
    with engine_slot(1, folder), engine_slot(1, folder):  # nested: would wait forever if it locked
        pass
    assert not folder.exists()
