"""Parallel runs: --workers and the Dask executor write the same tables as one process, byte for byte."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import spacy

from pipeline.cli import main
from pipeline.core.errors import PipelineError
from pipeline.core.records import SourceFile
from pipeline.core.settings import Limits, Settings
from pipeline.execute.execution import Execution, plan_batches
from pipeline.execute.executors import map_batches
from pipeline.execute.run import run
from pipeline.execute.stages import Resources
from pipeline.execute.timeouts import DocumentTimeout, time_limit
from pipeline.tables.schema import TABLES
from pipeline.tables.store import MANIFEST_FILE

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "raw"
HOLDOUT = Path(__file__).resolve().parent / "holdout" / "raw"


def _output(out: Path) -> dict[str, bytes]:
    files = {f"{name}.parquet": (out / f"{name}.parquet").read_bytes() for name in TABLES}
    files[MANIFEST_FILE] = (out / MANIFEST_FILE).read_bytes()
    return files


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample and held-out bulletins (text and PDF) and a file that fails, in one folder."""
    raw = tmp_path_factory.mktemp("archive")
    for path in [*sorted(SAMPLES.iterdir()), *sorted(HOLDOUT.iterdir())]:
        if path.suffix in {".txt", ".pdf"}:
            shutil.copy(path, raw / path.name)
    (raw / "empty.txt").write_text("", encoding="utf-8")
    return raw


@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory, archive: Path, resources: Resources) -> Path:
    out = tmp_path_factory.mktemp("one-process")
    summary = run(Settings(input_dir=archive, output_dir=out, progress=False), resources=resources)
    assert [f.source_file for f in summary.failed] == ["empty.txt"]
    assert len(summary.processed) > 5
    return out


def _run(archive: Path, out: Path, resources: Resources | None, execution: Execution) -> Any:
    settings = Settings(input_dir=archive, output_dir=out, progress=False)
    return run(settings, resources=resources, execution=execution)


def test_a_run_in_this_process_leaves_nothing_frozen_from_the_collector(tmp_path: Path) -> None:
    # The resources are frozen (``gc.freeze``) while the run uses them, and thawed when it lets
    # them go: what they hold in reference cycles must be collectable again, or it stays in memory.
    class Loaded:
        def __init__(self) -> None:
            self.me = self  # a reference cycle, as a model's components make

    def load(settings: Settings) -> Loaded:
        gc.freeze()  # as load_resources and LanguageModels.get do
        return Loaded()

    def process(batch: Sequence[SourceFile], settings: Settings, loaded: Loaded) -> list[int]:
        assert gc.get_freeze_count() > 0
        return [len(batch)]

    batches = [[SourceFile(tmp_path / "a.txt", "a.txt", "", 1)]] * 2
    # Resources held by the caller: the batches run in this process (without them, in a child).
    loaded = load(Settings())
    out = map_batches(
        process, load, lambda source, reason: 0, batches, Settings(), Execution(workers=1), loaded
    )
    assert list(out) == [[1], [1]]
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("batch_documents", [1, 3, 16])
def test_two_workers_write_the_same_tables_as_one_process(
    tmp_path: Path, archive: Path, one_process: Path, resources: Resources, batch_documents: int
) -> None:
    summary = _run(archive, tmp_path, resources, Execution(workers=2, batch_documents=batch_documents))
    assert [f.source_file for f in summary.failed] == ["empty.txt"]
    assert _output(tmp_path) == _output(one_process)


def test_batches_of_one_process_write_the_same_tables(
    tmp_path: Path, archive: Path, one_process: Path, resources: Resources
) -> None:
    _run(archive, tmp_path, resources, Execution(batch_documents=1))
    assert _output(tmp_path) == _output(one_process)


def test_workers_from_the_command_line(
    tmp_path: Path, archive: Path, one_process: Path, nlp: Any, fr_nlp: Any
) -> None:
    from pipeline.core.settings import DEFAULT_MODELS

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        # The workers load the models with spacy.load: hand them the session's (they are forked).
        models = {DEFAULT_MODELS["fr"]: fr_nlp}
        patch.setattr(spacy, "load", lambda name, *args, **kwargs: models.get(name, nlp))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["run", str(archive), "--out", str(tmp_path), "--no-progress", "--workers", "2"])
    assert code == 1, err.getvalue()  # empty.txt
    assert "error: empty.txt" in err.getvalue()
    assert _output(tmp_path) == _output(one_process)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "--workers must be at least 1"),
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --executor dask"),
    ],
)
def test_bad_execution_options_are_one_line_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "raw").mkdir()
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["run", str(tmp_path / "raw"), "--out", str(tmp_path / "out"), "--no-progress", *args])
    assert code == 2
    assert message in err.getvalue()


def _sources(*sizes: int) -> list[SourceFile]:
    return [SourceFile(Path(f"f{i}.txt"), f"f{i}.txt", "", size) for i, size in enumerate(sizes)]


@pytest.mark.parametrize(
    ("sizes", "documents", "max_bytes", "expected"),
    [
        ((10, 10, 10, 10, 10), 2, 1000, [2, 2, 1]),
        ((10, 10, 10), 16, 25, [2, 1]),
        ((10, 100, 10), 16, 50, [1, 1, 1]),  # a file over the byte budget is a batch of its own
        ((), 4, 100, []),
    ],
)
def test_plan_batches(sizes: tuple[int, ...], documents: int, max_bytes: int, expected: list[int]) -> None:
    sources = _sources(*sizes)
    batches = plan_batches(sources, Execution(batch_documents=documents, batch_bytes=max_bytes))
    assert [len(b) for b in batches] == expected
    assert [s for b in batches for s in b] == sources


def test_execution_rejects_bad_values() -> None:
    with pytest.raises(PipelineError, match="unknown executor"):
        Execution(executor="spark")
    with pytest.raises(PipelineError, match="at least one document"):
        Execution(batch_documents=0)


# --------------------------------------------------------------------------- time limit


def _slow_when(marker: str, seconds: float, monkeypatch: pytest.MonkeyPatch, finished: Path) -> None:
    """Make the sections stage busy for ``seconds`` on a document with ``marker``; ``finished``
    is written if the busy loop ran to its end (the limit did not stop it), in any process."""
    import pipeline.execute.stages as stages_module

    real = stages_module.find_sections

    def slow(doc_id: str, document: Any, *args: Any) -> Any:
        if marker in document.text:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:  # Python code: the limit can interrupt it
                pass
            finished.write_text(doc_id, encoding="utf-8")
        return real(doc_id, document, *args)

    monkeypatch.setattr(stages_module, "find_sections", slow)


GOOD = """Network Bulletin: May 2016

1. Workshop on Open Data in Lima

The Network held a workshop on open data in Lima, Peru, on 4 May 2016.
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_time_limit_per_document_holds_in_workers(
    tmp_path: Path, resources: Resources, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    finished = tmp_path / "slow-stage-finished"
    _slow_when("SLOW", 60, monkeypatch, finished)  # the pool is forked after the patch: workers see it
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (raw / name).write_text(GOOD, encoding="utf-8")
    (raw / "slow.txt").write_text(GOOD + "\nSLOW\n", encoding="utf-8")
    settings = Settings(
        input_dir=raw, output_dir=tmp_path / "out", progress=False, limits=Limits(seconds_per_document=1.0)
    )
    summary = run(settings, resources=resources, execution=Execution(workers=workers, batch_documents=2))
    assert not finished.exists()  # stopped by the limit (not timed: a loaded machine is slow)
    assert summary.processed == ["a.txt", "b.txt", "c.txt"]
    assert [(f.source_file, f.stage) for f in summary.failed] == [("slow.txt", "limits")]


def _busy(seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def _in_thread(seconds: float, busy: float, *, in_callee: bool = False) -> tuple[BaseException | None, bool]:
    """What the work of ``busy`` seconds under a limit of ``seconds`` raised, and whether it ran
    to its end."""
    caught: list[BaseException | None] = [None]
    ran_to_end = [False]

    def work() -> None:
        try:
            with time_limit(seconds):
                if in_callee:
                    _busy(busy)
                else:
                    deadline = time.monotonic() + busy
                    while time.monotonic() < deadline:
                        pass
                ran_to_end[0] = True
            time.sleep(0.3)  # a late timer must not raise after the block
        except BaseException as exc:
            caught[0] = exc

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=busy + 30)
    assert not thread.is_alive()
    return caught[0], ran_to_end[0]


# CPython 3.13 raises an exception sent to a thread (PyThreadState_SetAsyncExc) past the try and
# with blocks of the frame it lands in (python/cpython#139622): that frame's handlers and finally
# blocks are skipped, its callers' are not. Work under a time limit runs in called functions (the
# stages), so the limit holds there, as the next test shows on every version.
@pytest.mark.xfail(
    sys.version_info[:2] == (3, 13), reason="CPython 3.13 bug python/cpython#139622", strict=False
)
def test_time_limit_in_a_thread_interrupts_python_code() -> None:
    caught, ran_to_end = _in_thread(0.2, busy=10)
    assert isinstance(caught, DocumentTimeout) and not ran_to_end


def test_time_limit_in_a_thread_interrupts_a_called_function() -> None:
    caught, ran_to_end = _in_thread(0.2, busy=10, in_callee=True)
    assert isinstance(caught, DocumentTimeout) and not ran_to_end


def test_time_limit_in_a_thread_is_silent_when_the_work_ends_in_time() -> None:
    assert _in_thread(2.0, busy=0.05) == (None, True)


# --------------------------------------------------------------------------- a worker that dies


@pytest.fixture
def dies_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import pipeline.execute.stages as stages_module

    real = stages_module.find_sections
    parent = os.getpid()

    def crash(doc_id: str, document: Any, *args: Any) -> Any:
        if "CRASH" in document.text and os.getpid() != parent:
            os._exit(3)  # as if killed: no exception, no answer
        return real(doc_id, document, *args)

    monkeypatch.setattr(stages_module, "find_sections", crash)
    yield


@pytest.mark.usefixtures("dies_on")
def test_a_document_that_kills_its_worker_fails_alone(tmp_path: Path, resources: Resources) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "d.txt", "e.txt"):
        (raw / name).write_text(GOOD, encoding="utf-8")
    (raw / "c.txt").write_text(GOOD + "\nCRASH\n", encoding="utf-8")
    summary = _run(raw, tmp_path / "out", resources, Execution(workers=2, batch_documents=2))
    assert summary.processed == ["a.txt", "b.txt", "d.txt", "e.txt"]
    assert [(f.source_file, f.stage) for f in summary.failed] == [("c.txt", "internal")]
    assert "worker process died" in summary.failed[0].error


@pytest.mark.usefixtures("dies_on")
def test_one_worker_is_a_child_process_and_a_document_that_kills_it_fails_alone(tmp_path: Path) -> None:
    # No resources given (as `bulletin run` calls it): the model is loaded and the documents
    # are processed in a child process, whose memory goes back to the system when it ends.
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("a.txt", "b.txt", "d.txt"):
        (raw / name).write_text(GOOD, encoding="utf-8")
    (raw / "c.txt").write_text(GOOD + "\nCRASH\n", encoding="utf-8")
    summary = _run(raw, tmp_path / "out", None, Execution(batch_documents=2))
    assert summary.processed == ["a.txt", "b.txt", "d.txt"]
    assert [(f.source_file, f.stage) for f in summary.failed] == [("c.txt", "internal")]
    assert "worker process died" in summary.failed[0].error


# --------------------------------------------------------------------------- Dask


@pytest.mark.model
def test_dask_executor_on_a_local_cluster_writes_the_same_tables(
    tmp_path: Path, archive: Path, one_process: Path
) -> None:
    """Deselect with ``-k "not dask"`` (starts a cluster of two worker processes, ~20 s)."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        execution = Execution(executor="dask", scheduler=cluster.scheduler_address, batch_documents=3)
        summary = _run(archive, tmp_path, None, execution)
    assert [f.source_file for f in summary.failed] == ["empty.txt"]
    assert _output(tmp_path) == _output(one_process)
