"""Atomic file writes, the one way dipkg writes a file it keeps: a temp file in the same folder, written and
fsynced, renamed over the target, then the folder fsynced so the rename itself survives a crash.

A reader sees the old file or the new one, never half of one; a killed process leaves the old file intact (and at
most a temp file named ".NAME.XXXX.tmp" beside it).

    write_atomic(path, data) -> Path        text (UTF-8) or bytes
    atomic_path(path)                       context manager: a temp path for a writer that wants a file name
                                            (pyoxigraph's dump), put in place when the block ends without error
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "write_atomic"]


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    """Write `data` (text in `encoding`, or bytes) to `path` atomically and durably. The folder must exist."""
    raw = data.encode(encoding) if isinstance(data, str) else data
    with atomic_path(path) as tmp, open(tmp, "wb") as f:
        f.write(raw)
    return Path(path)


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temp file beside `path` for the block to write; on success it is fsynced and renamed over `path`, and the
    folder fsynced. On an error the temp file is removed and `path` is left as it was."""
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the usual permissions
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _umask() -> int:
    mask = os.umask(0o022)  # read once, at import: os.umask can only be read by setting it (not thread-safe later)
    os.umask(mask)
    return mask


_UMASK = _umask()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
