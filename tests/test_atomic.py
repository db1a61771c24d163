"""kg.atomic: the one writer of kept files. Temp file beside the target, fsynced, renamed, folder fsynced; on an
error the old file stays and no temp file is left."""

import os
import stat
from pathlib import Path
from unittest import mock

import pytest

from kg import atomic
from kg.atomic import atomic_path, write_atomic


def test_writes_text_as_utf8_and_bytes_as_given(tmp_path):
    assert write_atomic(tmp_path / "a.txt", "سلام\n") == tmp_path / "a.txt"
    assert (tmp_path / "a.txt").read_bytes() == "سلام\n".encode()
    write_atomic(str(tmp_path / "a.txt"), b"\x00\x01")
    assert (tmp_path / "a.txt").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_file_and_folder_are_fsynced_before_and_after_the_rename(tmp_path):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode)))
        real_fsync(fd)

    def replace(a, b):
        calls.append(("replace", Path(b).name))
        real_replace(a, b)

    with mock.patch("os.fsync", fsync), mock.patch("os.replace", replace):
        write_atomic(tmp_path / "graph.ttl", "x")
    assert calls == [("fsync", False), ("replace", "graph.ttl"), ("fsync", True)]


def test_permissions_follow_the_umask_not_mkstemp(tmp_path):
    write_atomic(tmp_path / "r.json", "{}")
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == 0o666 & ~atomic._UMASK


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with mock.patch("os.replace", side_effect=OSError("disk full")), pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]


def test_atomic_path_for_a_writer_that_wants_a_file_name(tmp_path):
    target = tmp_path / "store.trig"
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".store.trig.") and tmp.name.endswith(".tmp")
        tmp.write_text("<a> <b> <c> .\n", encoding="utf-8")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "<a> <b> <c> .\n"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError
    assert target.read_text(encoding="utf-8") == "<a> <b> <c> .\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.trig"]


def test_a_missing_folder_is_an_error_not_created(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "no" / "x.txt", "x")
    assert not (tmp_path / "no").exists()


def test_no_other_module_replaces_files_itself():
    """Every kept file goes through kg.atomic: no other module of kg renames temp files or makes them."""
    root = Path(atomic.__file__).parent
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py") if p.name != "atomic.py"
                 and any(w in p.read_text(encoding="utf-8") for w in ("os.replace(", "mkstemp(", ".write_text(",
                                                                      ".write_bytes("))]
    assert offenders == []
