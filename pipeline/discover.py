"""Discovery stage: which files in the input folder are bulletins to read."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.records import Failure, SourceFile

SUPPORTED_SUFFIXES = (".txt", ".pdf")


@dataclass(frozen=True)
class Discovery:
    files: tuple[SourceFile, ...]
    rejected: tuple[Failure, ...]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover(input_dir: Path) -> Discovery:
    """Every file below ``input_dir`` (hidden files and folders skipped), sorted by path.

    Unsupported extensions and links that lead out of the folder are rejected with a reason.
    """
    root = input_dir.resolve()
    files: list[SourceFile] = []
    rejected: list[Failure] = []
    for path in sorted(input_dir.rglob("*")):
        relative = path.relative_to(input_dir)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        name = relative.as_posix()
        if path.is_symlink() and not path.resolve().is_relative_to(root):
            rejected.append(Failure(name, "discover", "symbolic link to a file outside the input folder"))
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            supported = ", ".join(SUPPORTED_SUFFIXES)
            rejected.append(
                Failure(
                    name,
                    "discover",
                    f"unsupported file type {path.suffix or '(none)'!r}; expected {supported}",
                )
            )
            continue
        files.append(SourceFile(path, name, file_sha256(path), path.stat().st_size))
    return Discovery(tuple(files), tuple(rejected))
