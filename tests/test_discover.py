"""Discovery stage: which files are bulletins, which are refused and why."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline.read.discover import discover, file_sha256
from pipeline.read.hashes import load_hash_cache, save_hash_cache


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


# --------------------------------------------------------------------------- the hash cache


def age(path: Path, seconds: float = 60.0) -> None:
    """Set the file's modification time well before now (a stamp the cache may trust)."""
    past = path.stat().st_mtime - seconds
    os.utime(path, (past, past))


def hashed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import pipeline.read.discover as discover_module

    hashed: list[str] = []
    real = discover_module.file_sha256
    monkeypatch.setattr(discover_module, "file_sha256", lambda path: hashed.append(path.name) or real(path))
    return hashed


def _discover_and_save(raw: Path, cache_path: Path):
    cache = load_hash_cache(cache_path)
    found = discover(raw, hashes=cache)
    save_hash_cache(cache_path, cache)
    return found


def _folder(tmp_path: Path, names: tuple[str, ...] = ("a.txt", "b.txt")) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in names:
        (raw / name).write_text(f"bulletin {name}")
        age(raw / name)
    return raw


def test_a_file_unchanged_since_it_was_hashed_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _folder(tmp_path)
    cache_path = tmp_path / "hashes.json"
    first = _discover_and_save(raw, cache_path)
    hashed = hashed_files(monkeypatch)
    (raw / "c.txt").write_text("a new bulletin")
    again = _discover_and_save(raw, cache_path)
    assert hashed == ["c.txt"]
    assert [f.sha256 for f in again.files[:2]] == [f.sha256 for f in first.files]
    assert again.files[2].sha256 == file_sha256(raw / "c.txt")


def test_a_changed_or_replaced_file_is_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _folder(tmp_path)
    cache_path = tmp_path / "hashes.json"
    _discover_and_save(raw, cache_path)
    (raw / "a.txt").write_text("bulletin a, corrected")  # another size and time
    replacement = tmp_path / "b.txt"
    replacement.write_text("bulletin B")  # the same size
    os.utime(replacement, ((raw / "b.txt").stat().st_atime, (raw / "b.txt").stat().st_mtime))
    os.replace(replacement, raw / "b.txt")  # the same size and time, another inode
    hashed = hashed_files(monkeypatch)
    found = _discover_and_save(raw, cache_path)
    assert sorted(hashed) == ["a.txt", "b.txt"]
    assert [f.sha256 for f in found.files] == [file_sha256(raw / "a.txt"), file_sha256(raw / "b.txt")]


def test_a_file_written_just_before_the_cache_is_hashed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its time may not change when it is written again within the file system's resolution.
    raw = _folder(tmp_path)
    (raw / "fresh.txt").write_text("written a moment ago")
    cache_path = tmp_path / "hashes.json"
    _discover_and_save(raw, cache_path)
    hashed = hashed_files(monkeypatch)
    _discover_and_save(raw, cache_path)
    assert hashed == ["fresh.txt"]


@pytest.mark.parametrize(
    "cache_text", ["{not json", '{"version": 2}', '{"version": 1, "files": {}}', "[]", ""]
)
def test_an_unreadable_cache_only_means_every_file_is_hashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_text: str
) -> None:
    raw = _folder(tmp_path)
    cache_path = tmp_path / "hashes.json"
    cache_path.write_text(cache_text)
    hashed = hashed_files(monkeypatch)
    found = _discover_and_save(raw, cache_path)
    assert sorted(hashed) == ["a.txt", "b.txt"]
    assert [f.sha256 for f in found.files] == [file_sha256(raw / n) for n in ("a.txt", "b.txt")]
    assert load_hash_cache(cache_path).known.keys() == {"a.txt", "b.txt"}


def test_a_copied_folder_is_hashed_again_a_folder_of_links_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = _folder(tmp_path)
    cache_path = tmp_path / "hashes.json"
    _discover_and_save(raw, cache_path)
    copied, linked = tmp_path / "copied", tmp_path / "linked"
    shutil.copytree(raw, copied)  # new files: other inodes (and times)
    linked.mkdir()
    for path in raw.iterdir():
        os.link(path, linked / path.name)  # the same files under another folder
    hashed = hashed_files(monkeypatch)
    _discover_and_save(linked, cache_path)
    assert hashed == []
    _discover_and_save(copied, cache_path)
    assert sorted(hashed) == ["a.txt", "b.txt"]


def test_a_removed_file_leaves_the_cache(tmp_path: Path) -> None:
    raw = _folder(tmp_path)
    cache_path = tmp_path / "hashes.json"
    _discover_and_save(raw, cache_path)
    (raw / "a.txt").unlink()
    _discover_and_save(raw, cache_path)
    assert set(load_hash_cache(cache_path).known) == {"b.txt"}
