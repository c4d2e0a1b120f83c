"""The one place that wires the stages together, and the incremental run over a folder.

discover -> read -> sections -> masthead -> nlp -> organisations -> places -> people ->
dates -> statistics -> events -> tables -> store
"""

from __future__ import annotations

import hashlib
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import resources as importlib_resources
from typing import Any

import pyarrow as pa
from spacy.language import Language

from pipeline.dates import find_dates
from pipeline.discover import discover
from pipeline.entities import CLAIMED_LABELS, model_mentions
from pipeline.errors import InputError
from pipeline.events import find_events
from pipeline.ids import stable_id
from pipeline.masthead import find_masthead
from pipeline.nlp import load_model, parse_sections
from pipeline.organisations import OrgReference, find_organisations, load_org_reference
from pipeline.people import find_people
from pipeline.places import Gazetteer, find_places, load_gazetteer
from pipeline.read_text import read_document
from pipeline.records import DocumentResult, DocumentText, Entities, Failure, Mention, SourceFile
from pipeline.sections import find_sections
from pipeline.settings import Settings
from pipeline.statistics import find_statistics
from pipeline.store import (
    Manifest,
    drop_documents,
    merge_tables,
    output_lock,
    read_manifest,
    read_tables,
    write_tables,
)
from pipeline.tables import empty_tables, results_to_tables


@dataclass(frozen=True)
class Resources:
    """What every document needs, loaded once per run."""

    nlp: Language
    gazetteer: Gazetteer
    organisations: OrgReference


def load_resources(settings: Settings, nlp: Language | None = None) -> Resources:
    """Load the model (unless given) and the reference data once per run."""
    return Resources(
        nlp=nlp if nlp is not None else load_model(settings.model),
        gazetteer=load_gazetteer(),
        organisations=load_org_reference(settings.organisations_file),
    )


class StageError(Exception):
    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


class DocumentTimeout(Exception):
    pass


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise DocumentTimeout after ``seconds`` (main thread on Unix only; elsewhere no limit)."""
    try:
        previous = signal.signal(signal.SIGALRM, _raise_timeout)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_timeout(signum: int, frame: Any) -> None:
    raise DocumentTimeout


def _page_fixed(mentions: Sequence[Mention], document: DocumentText) -> tuple[Mention, ...]:
    return tuple(replace(m, page=document.page_at(m.char_start)) for m in mentions)


def process_document(source: SourceFile, settings: Settings, res: Resources) -> DocumentResult:
    """Every stage for one file. Raises StageError naming the stage that failed."""
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
        stage = "nlp"
        docs = parse_sections(res.nlp, sections)
        stage = "organisations"
        organisations, org_mentions = find_organisations(doc_id, sections, docs, res.organisations)
        stage = "places"
        places, place_mentions = find_places(doc_id, sections, docs, res.gazetteer)
        stage = "people"
        people, person_mentions = find_people(
            doc_id, sections, docs, organisations, reference=res.organisations
        )
        entity_mentions = [*org_mentions, *place_mentions, *person_mentions]
        other_mentions = model_mentions(doc_id, sections, docs, CLAIMED_LABELS)
        stage = "dates"
        dates = find_dates(doc_id, sections, docs, masthead.issue_date)
        stage = "statistics"
        statistics = find_statistics(
            doc_id, sections, docs, excluded=[(d.char_start, d.char_end) for d in dates]
        )
        stage = "events"
        events = find_events(doc_id, sections, docs, dates, places, entity_mentions, organisations, people)
        return DocumentResult(
            source=source,
            doc_id=doc_id,
            document=document,
            masthead=masthead,
            sections=tuple(sections),
            entities=Entities(
                people=tuple(people),
                organisations=tuple(organisations),
                places=tuple(places),
                mentions=_page_fixed([*entity_mentions, *other_mentions], document),
            ),
            dates=tuple(dates),
            events=tuple(events),
            statistics=tuple(statistics),
            warnings=tuple(warnings),
        )
    except InputError as exc:
        raise StageError(stage, str(exc)) from exc


@dataclass
class RunSummary:
    processed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    errors_in_tables: int = 0  # error rows in `failures`, from this run and earlier ones

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
) -> RunSummary:
    """Process new and changed files of ``settings.input_dir``; write the merged tables.

    ``on_file(source_file, status)`` is called per file for progress; ``on_error`` per failure.
    """
    summary = RunSummary()
    out_dir = settings.output_dir
    with output_lock(out_dir):
        found = discover(settings.input_dir)
        stamp = fingerprint(settings)
        manifest = read_manifest(out_dir)
        redo_all = settings.force or manifest.fingerprint != stamp
        old_tables = empty_tables() if redo_all else read_tables(out_dir)
        previous = {} if redo_all else manifest.files
        current = {f.relative_path: f for f in found.files}
        to_process = [f for f in found.files if previous.get(f.relative_path) != f.sha256]
        summary.skipped = [f.relative_path for f in found.files if previous.get(f.relative_path) == f.sha256]
        rejected_names = {r.source_file for r in found.rejected}
        summary.removed = sorted(set(previous) - set(current) - rejected_names)

        results: list[DocumentResult] = []
        new_failures: list[Failure] = list(found.rejected)
        for failure in found.rejected:
            if on_error:
                on_error(failure, None)
        res = resources
        for source in to_process:
            if res is None:
                res = load_resources(settings)
            try:
                with _time_limit(settings.limits.seconds_per_document):
                    result = process_document(source, settings, res)
            except StageError as exc:
                failure = Failure(source.relative_path, exc.stage, str(exc))
                new_failures.append(failure)
                if on_error:
                    on_error(failure, exc)
                status = "failed"
            except DocumentTimeout as exc:
                limit = settings.limits.seconds_per_document
                failure = Failure(
                    source.relative_path, "limits", f"took longer than {limit:g} s (seconds_per_document)"
                )
                new_failures.append(failure)
                if on_error:
                    on_error(failure, exc)
                status = "failed"
            except Exception as exc:  # one file's bug must not stop the run
                failure = Failure(
                    source.relative_path, "internal", f"{type(exc).__name__}: {exc}".splitlines()[0]
                )
                new_failures.append(failure)
                if on_error:
                    on_error(failure, exc)
                status = "failed"
            else:
                results.append(result)
                summary.processed.append(source.relative_path)
                summary.warnings.extend(result.warnings)
                status = "processed"
            if on_file:
                on_file(source.relative_path, status)

        summary.failed = [f for f in new_failures if f.severity == "error"]
        replaced = {f.relative_path for f in to_process} | set(summary.removed) | rejected_names
        kept = drop_documents(old_tables, replaced)
        tables = merge_tables(kept, results_to_tables(results, new_failures))
        files = {name: sha for name, sha in previous.items() if name in current and name not in replaced}
        files.update({f.relative_path: f.sha256 for f in to_process})
        write_tables(out_dir, tables, Manifest(stamp, files))
        summary.rows = {name: table.num_rows for name, table in tables.items()}
        summary.errors_in_tables = _count_errors(tables["failures"])
    return summary


def _count_errors(failures: pa.Table) -> int:
    return sum(1 for s in failures["severity"].to_pylist() if s == "error")


def format_traceback(exc: BaseException) -> str:
    return "".join(traceback.format_exception(exc))
