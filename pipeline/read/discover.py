"""Discovery stage: which files in the input folder are bulletins to read.

Every entry below the input folder is either a file to read or a rejection with a
one-line reason; nothing found there can stop the run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.core.records import Failure, SourceFile
from pipeline.read.hashes import HashCache, file_sha256

# One reader each in pipeline/read/document.py.
SUPPORTED_SUFFIXES = (".txt", ".pdf", ".html", ".htm", ".docx", ".eml")
# Notes and data that sit beside bulletins (a README, a list of sources, a spreadsheet): passed
# by with a warning, not refused as a bulletin that cannot be read.
NOTE_SUFFIXES = (".md", ".markdown", ".rst", ".csv", ".tsv", ".json", ".yaml", ".yml")
NOT_A_BULLETIN = "not a bulletin (a note or data file), skipped"


@dataclass(frozen=True)
class Discovery:
    files: tuple[SourceFile, ...]
    rejected: tuple[Failure, ...]


def display_name(parts: tuple[str, ...]) -> str:
    """The ``source_file`` of a path below the input folder: POSIX form; bytes that are not
    UTF-8 as ``\\xNN``.

    File names on Linux are bytes; one that is not UTF-8 (a Latin-1 name copied from an
    old system) could not be stored in the tables as it is.
    """
    raw = os.fsencode("/".join(parts))
    return raw.decode("utf-8", errors="backslashreplace")


def _entries(folder: Path, parts: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Path]]:
    """Every entry below ``folder`` but its folders (a link to a folder is an entry, not
    followed), hidden ones and what is inside hidden folders left out, with its path's parts
    relative to ``folder``. A folder that cannot be listed is passed by."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_folder = False
        if is_folder:
            yield from _entries(path, (*parts, entry.name))
        else:
            yield (*parts, entry.name), path


def _is_inside(path: Path, root: Path) -> bool | None:
    """Whether a link's target is inside ``root``; None when the link is broken or loops."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return target.is_relative_to(root)


def _verdict(path: Path, root: Path, max_bytes: int | None) -> os.stat_result | str | None:
    """The status of a file to read, the reason to reject an entry, or None to pass it by."""
    if path.is_symlink():
        inside = _is_inside(path, root)
        if inside is None:
            return "broken symbolic link (its target does not exist or loops)"
        if not inside:
            kind = "folder" if path.is_dir() else "file"
            return f"symbolic link to a {kind} outside the input folder"
        if path.is_dir():
            return None  # its files are found where they are
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot read file: {exc.strerror or type(exc).__name__}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a pipe, socket or device)"
    if path.suffix.lower() in NOTE_SUFFIXES:
        return NOT_A_BULLETIN
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        supported = ", ".join(SUPPORTED_SUFFIXES)
        return f"unsupported file type {path.suffix or '(none)'!r}; expected {supported}"
    if max_bytes is not None and info.st_size > max_bytes:
        return f"file is {info.st_size} bytes, over the limit of {max_bytes} (max_bytes)"
    return info


def discover(input_dir: Path, *, max_bytes: int | None = None, hashes: HashCache | None = None) -> Discovery:
    """Every file below ``input_dir`` (hidden files and folders skipped), sorted by path.

    Unsupported extensions, links that lead out of the folder or nowhere, special files,
    unreadable files and files over ``max_bytes`` (not read, not even hashed) are
    rejected with a reason. ``hashes`` gives the SHA-256 of files unchanged since they were
    last hashed, and learns the others.
    """
    root = input_dir.resolve()
    files: list[SourceFile] = []
    rejected: list[Failure] = []
    for parts, path in sorted(_entries(input_dir)):
        name = display_name(parts)
        verdict = _verdict(path, root, max_bytes)
        if verdict is None:
            continue
        if isinstance(verdict, str):
            severity = "warning" if verdict == NOT_A_BULLETIN else "error"
            rejected.append(Failure(name, "discover", verdict, severity))
            continue
        sha256 = hashes.lookup(name, verdict) if hashes is not None else None
        try:
            if sha256 is None:
                sha256 = file_sha256(path)
                if hashes is not None:
                    hashes.learn(name, verdict, sha256)
        except OSError as exc:
            rejected.append(
                Failure(name, "discover", f"cannot read file: {exc.strerror or type(exc).__name__}")
            )
            continue
        files.append(SourceFile(path, name, sha256, verdict.st_size))
    if hashes is not None:
        hashes.keep_only({f.relative_path for f in files})
    return Discovery(tuple(files), tuple(rejected))
