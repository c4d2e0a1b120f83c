"""Known file hashes: a file whose size, modification time, inode and device are those it had
when it was last hashed is not read again, its SHA-256 comes from a cache (as git's index does).

An archive of 10,000 bulletins is 10,000 files to read and hash on every run, half a second
before a run can tell that one file is new. The cache lives in the output folder (it is not
one of the tables: a missing or unreadable cache only means every file is hashed). The stamp
names the file itself (its inode on its device), not its path: a folder copied elsewhere is
hashed again, a folder of hard links to the same files is not.
A file modified less than ``RACY_NS`` before the cache was written may change again within
its file system's time resolution without its stamp changing: it is hashed again.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.core.files import write_text_atomically

CACHE_VERSION = 2
RACY_NS = 2_000_000_000  # coarser than any file system's modification-time resolution

Stamp = tuple[int, int, int, int]  # size, modification time (ns), inode, device


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


@dataclass
class HashCache:
    """The hashes of the files of the input folder, by ``source_file``."""

    known: dict[str, tuple[Stamp, str]] = field(default_factory=dict)
    written_ns: int = 0
    changed: bool = False

    def lookup(self, name: str, info: os.stat_result) -> str | None:
        """The file's SHA-256 when its stamp is as cached and was not racy; else None."""
        stamp = stamp_of(info)
        entry = self.known.get(name)
        if entry is not None and entry[0] == stamp and stamp[1] < self.written_ns - RACY_NS:
            return entry[1]
        return None

    def learn(self, name: str, info: os.stat_result, sha256: str) -> None:
        self.known[name] = (stamp_of(info), sha256)
        self.changed = True

    def keep_only(self, names: set[str]) -> None:
        """Forget the files that are no longer in the folder."""
        gone = set(self.known) - names
        for name in gone:
            del self.known[name]
        self.changed = self.changed or bool(gone)


def load_hash_cache(path: Path) -> HashCache:
    """The cache at ``path``; an empty one when it is absent, unreadable or of another version."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["version"] != CACHE_VERSION:
            return HashCache()
        known = {
            str(name): ((int(size), int(mtime), int(inode), int(device)), str(sha256))
            for name, (size, mtime, inode, device, sha256) in data["files"].items()
        }
        return HashCache(known, int(data["written_ns"]))
    except (OSError, ValueError, KeyError, TypeError):
        return HashCache()


def save_hash_cache(path: Path, cache: HashCache) -> None:
    """Write the cache when it changed (atomically; a folder that cannot be written keeps none)."""
    if not cache.changed:
        return
    files = {name: [*stamp, sha256] for name, (stamp, sha256) in sorted(cache.known.items())}
    written = {"version": CACHE_VERSION, "written_ns": time.time_ns(), "files": files}
    with suppress(OSError):
        write_text_atomically(path, json.dumps(written))
