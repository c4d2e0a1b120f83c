"""Discovery stage: which files are bulletins, which are refused and why."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.read.discover import discover


def test_finds_supported_files_sorted_and_rejects_others(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.PDF").write_bytes(b"%PDF")
    (tmp_path / "notes.odt").write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c d é.txt").write_text("c")
    (tmp_path / ".hidden.txt").write_text("h")
    found = discover(tmp_path)
    assert [f.relative_path for f in found.files] == ["a.PDF", "b.txt", "sub/c d é.txt"]
    assert [(r.source_file, r.stage) for r in found.rejected] == [("notes.odt", "discover")]
    assert ".odt" in found.rejected[0].error


def test_link_out_of_the_input_folder_is_rejected(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    raw = tmp_path / "raw"
    raw.mkdir()
    os.symlink(outside, raw / "link.txt")
    (raw / "inside.txt").write_text("x")
    os.symlink(raw / "inside.txt", raw / "alias.txt")
    found = discover(raw)
    assert [f.relative_path for f in found.files] == ["alias.txt", "inside.txt"]
    assert [r.source_file for r in found.rejected] == ["link.txt"]
    assert "outside the input folder" in found.rejected[0].error


def test_sha256_changes_with_content(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("one")
    first = discover(tmp_path).files[0].sha256
    path.write_text("two")
    assert discover(tmp_path).files[0].sha256 != first
