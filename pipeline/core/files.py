"""Writing a file so that a reader sees the old text or the new, never half of either."""

from __future__ import annotations

import os
from pathlib import Path


def write_text_atomically(target: Path, text: str) -> None:
    """``text`` into ``target`` through a hidden file beside it, renamed into place. A plain
    open() (not mkstemp), so that the file gets the usual permissions."""
    staged = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        staged.write_text(text, encoding="utf-8")
        os.replace(staged, target)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
