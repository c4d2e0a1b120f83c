"""The incremental run over a folder: is there anything to do, and if so, do it.

discover -> fingerprint and manifest -> nothing changed: the tables as last written, said
from the manifest alone; else ``pipeline.execute.update`` processes the new and changed files
and writes the merged tables. Only new and changed files are processed; the manifest says
which. The update (the model, Arrow's compute, DuckDB) is imported only when there is work,
so a run with nothing to do starts and ends in a fraction of a second.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from importlib import resources as importlib_resources
from typing import TYPE_CHECKING, Any

from pipeline.core.records import Failure
from pipeline.core.settings import Settings
from pipeline.execute.execution import Execution
from pipeline.execute.summary import RunSummary
from pipeline.read.discover import Discovery, discover
from pipeline.read.hashes import HashCache, load_hash_cache, save_hash_cache
from pipeline.tables.commit import Manifest, files_present, load_manifest, output_lock, refused_digest

if TYPE_CHECKING:
    from pipeline.execute.stages import Resources

__all__ = ["RunSummary", "fingerprint", "run"]

# The input files' hashes by size, time and inode (pipeline.read.hashes): not one of the tables.
HASH_CACHE_FILE = ".input_hashes.json"


def fingerprint(settings: Settings) -> str:
    """Changes whenever the code, the data files or a model change: then everything is redone."""
    # The OCR settings decide what scanned pages read as: a change redoes everything too.
    models = ",".join(f"{language}={name}" for language, name in sorted(settings.models.items()))
    digest = hashlib.sha256(f"{models}\x1f{settings.tuned_ner}\x1f{settings.ocr!r}".encode())
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
    with output_lock(settings.output_dir):
        cache_path = settings.output_dir / HASH_CACHE_FILE
        # --force hashes every file again (and keeps the new hashes for the next run).
        hashes = HashCache(changed=True) if settings.force else load_hash_cache(cache_path)
        found = discover(settings.input_dir, max_bytes=settings.limits.max_bytes, hashes=hashes)
        save_hash_cache(cache_path, hashes)
        stamp = fingerprint(settings)
        manifest = load_manifest(settings.output_dir)
        if not settings.force and _nothing_changed(manifest, stamp, found, settings):
            return _as_written(manifest, found, on_error)
        # Imported here: a run with nothing to do never loads the model, Arrow's compute or DuckDB.
        from pipeline.execute.update import update_tables

        return update_tables(settings, found, stamp, on_file, on_error, resources, execution or Execution())


def _nothing_changed(manifest: Manifest, stamp: str, found: Discovery, settings: Settings) -> bool:
    """The tables last written account for exactly the files found, by the same code, data and
    models, and are all there: nothing to spill, read, link or compare."""
    return (
        bool(manifest.rows)  # a manifest from before it counted the rows says too little
        and manifest.fingerprint == stamp
        and manifest.files == {f.relative_path: f.sha256 for f in found.files}
        and manifest.refused == refused_digest(found.rejected)
        and files_present(settings.output_dir)
    )


def _as_written(
    manifest: Manifest, found: Discovery, on_error: Callable[[Failure, BaseException | None], None] | None
) -> RunSummary:
    """The summary of a run that changed nothing, from the manifest: as the full run reports it."""
    summary = RunSummary(skipped=[f.relative_path for f in found.files], written=False)
    for failure in found.rejected:
        if failure.severity == "warning":
            summary.warnings.append(failure)
        else:
            summary.failed.append(failure)
            if on_error:
                on_error(failure, None)
    summary.rows = dict(manifest.rows)
    summary.errors_in_tables = manifest.errors
    return summary
