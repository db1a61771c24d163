"""Opening input files safely: regular files only, and names shown as text whatever bytes they are made of.

A FIFO would block a read forever and a device (a link to /dev/zero or /dev/urandom) never ends, so every input
is opened without blocking and checked to be a regular file before a byte is read; every read is then bounded by
the caller (kg.read.text.MAX_BYTES, kg.read.html.MAX_BYTES, kg.read.jsonl.MAX_JSON_BYTES, MAX_LINE_BYTES).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError

KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
         (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def kind_of(mode: int) -> str:
    """What a file that is not regular is, in words."""
    return next((label for test, label in KINDS if test(mode)), "not a regular file")


def not_regular(path: Path) -> str | None:
    """Why `path` (links followed) is not a regular file that can be read, or None when it is one."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reported when it is opened, with the system's words
    if stat.S_ISREG(mode):
        return None
    return f"{kind_of(mode)}, not a regular file: skipped (only regular files are read)"


def open_regular(path: Path, where: str) -> BinaryIO:
    """`path` opened for reading in binary; InputError unless it is a regular file (checked on the open file, so
    a FIFO swapped in after a check cannot block the read)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(where, f"{kind_of(mode)}, not a regular file: skipped (only regular files are read)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def shown(name: str) -> str:
    """A path as text that can always be printed and written as UTF-8: bytes that are not UTF-8 (a file name made
    on Windows in a legacy code page, kept by Python as surrogate escapes) are shown escaped, as \\xNN."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file system gave: escape it as it is
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
