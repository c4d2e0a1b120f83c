"""A run that has work to do: process the new and changed files, merge their rows with the
rows kept from the last run, link the archive, validate and write (``pipeline.execute.run``
decides whether there is work, without importing any of this).

(per batch, ``pipeline.execute.stages``) -> spill -> merge with the rows kept from the last run
-> link the archive (``pipeline.archive``: a run that only adds bulletins links their rows
against the index stored with the tables, any other every row) -> validate -> store (the
tables, and the archive's new index with them). The run turns each batch's
records into Arrow tables at once and keeps only those, so memory holds one batch of parses
at a time. Batches run here, in a pool of processes or on a Dask cluster
(``pipeline.execute.executors``); every way gives the same tables, byte for byte.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pyarrow as pa

from pipeline.archive import LinkedTables, added, as_written, linked, load_index, read_previous
from pipeline.archive.entities import load_city_index
from pipeline.core.records import Failure
from pipeline.core.settings import Settings
from pipeline.execute.execution import Execution, plan_batches
from pipeline.execute.executors import map_batches
from pipeline.execute.stages import (
    DocumentError,
    Resources,
    load_resources,
    lost_outcome,
    process_batch,
    return_free_memory,
)
from pipeline.execute.summary import RunSummary
from pipeline.extract.nlp import LanguageModels
from pipeline.read.discover import Discovery
from pipeline.tables.build import results_to_tables, to_arrow
from pipeline.tables.commit import Manifest, manifest_text, refused_digest
from pipeline.tables.schema import TABLES
from pipeline.tables.spill import TableSpill, spill
from pipeline.tables.store import (
    TABLE_READ_ERRORS,
    KeptRows,
    read_manifest,
    release_arrow_memory,
    same_as_written,
    write_tables,
)


def update_tables(
    settings: Settings,
    found: Discovery,
    stamp: str,
    on_file: Callable[[str, str], None] | None,
    on_error: Callable[[Failure, BaseException | None], None] | None,
    resources: Resources | None,
    execution: Execution,
) -> RunSummary:
    """Process the files of ``found`` that the manifest last written does not account for (all
    of them when ``settings.force`` or the code changed: ``stamp``); write the merged tables."""
    summary = RunSummary()
    out_dir = settings.output_dir
    manifest = read_manifest(out_dir)
    redo_all = settings.force or manifest.fingerprint != stamp
    previous = {} if redo_all else manifest.files
    current = {f.relative_path: f for f in found.files}
    to_process = [f for f in found.files if previous.get(f.relative_path) != f.sha256]
    summary.skipped = [f.relative_path for f in found.files if previous.get(f.relative_path) == f.sha256]
    rejected_names = {r.source_file for r in found.rejected}
    summary.removed = sorted(set(previous) - set(current) - rejected_names)
    replaced = {f.relative_path for f in to_process} | set(summary.removed) | rejected_names
    # A run that only adds bulletins links their rows against the index stored with the tables
    # (read when the documents are processed: the folder is not written before).
    only_added = not redo_all and not replaced & set(previous) and bool(manifest.files)

    new_failures: list[Failure] = list(found.rejected)
    for failure in found.rejected:
        if failure.severity == "warning":
            summary.warnings.append(failure)
        elif on_error:
            on_error(failure, None)
    if resources is None and to_process:
        # Each worker process loads the models: one that is not installed is said here, in one
        # line, before any worker starts (``load_resources`` checks the same).
        LanguageModels(settings.models).check()
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
        return_free_memory()
        if not redo_all:  # the old rows of the files not processed again join the new ones
            _keep_rows(spilled, KeptRows(out_dir, replaced))
        spilled.append({"failures": to_arrow(TABLES["failures"], new_failures)})
        # The kept and the new rows in their final order, still on disk: read one table
        # at a time as they are checked and written.
        # Entities and events across the archive, linked here in one order whatever the executor;
        # when no bulletin's rows changed, the archive is as last written.
        index = load_index(out_dir, manifest_text(manifest)) if only_added else None
        load_city_index(settings.cache_dir)  # the gazetteer's cities as the archive links them
        if index is not None and replaced:
            tables = added(spilled.sorted_tables(), out_dir, index)
        elif redo_all or replaced:
            # Every row linked again, with the archive ids last written (kept even when every
            # file is processed again).
            tables = linked(spilled.sorted_tables(), read_previous(out_dir, relink=redo_all))
        else:
            tables = as_written(spilled.sorted_tables(), out_dir, read_previous(out_dir), index)

        summary.failed = [f for f in new_failures if f.severity == "error"]
        files = {name: sha for name, sha in previous.items() if name in current and name not in replaced}
        files.update({f.relative_path: f.sha256 for f in to_process})
        new_manifest = Manifest(
            stamp,
            files,
            rows={name: tables.num_rows(name) for name in TABLES},
            errors=_count_errors(tables["failures"]),
            refused=refused_digest(found.rejected),
        )
        if _unchanged(manifest, new_manifest, tables, None if redo_all else out_dir):
            summary.written = False  # the same tables again: nothing to rewrite
        else:
            write_tables(
                out_dir,
                tables,
                new_manifest,
                tables.index_file(manifest_text(new_manifest)),
                changed_docs=None if redo_all else tables.changed_docs,
            )
        summary.rows = dict(new_manifest.rows)
        summary.errors_in_tables = new_manifest.errors
    return summary


def _keep_rows(spilled: TableSpill, kept: KeptRows) -> None:
    """Spill the rows an incremental run keeps from the tables last written, a slice at a time."""
    for name in TABLES:
        # A table that cannot be read keeps no rows (``read_tables`` reads it as empty).
        with suppress(*TABLE_READ_ERRORS):
            spilled.append_rows(name, kept.rows(name))
    release_arrow_memory()  # the pages of every slice read


def _unchanged(
    old_manifest: Manifest, new_manifest: Manifest, tables: LinkedTables, written: Path | None
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
