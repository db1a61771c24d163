"""The input readers, by file suffix: `kg.read` reads each file with the reader registered for its suffix.

    @reader(".txt", ".md")
    def read_text(path: Path, name: str, stem: str) -> Iterator[Read | Failure]: ...

A reader turns one file into `kg.read.records.Read` items (a document and its warnings) and `Failure`s, in file
order: `name` is the path as reported, `stem` the base of the ids it derives (`kg.read.file_id`). Bad input is a
Failure, never an exception (an `InputError` or `OSError` that escapes is reported as a Failure of the file).

The built-in readers register themselves when `kg.read` imports their modules (`text`, `jsonl`, `html`); a new
format is a module in kg/read/ with a `@reader` function, imported there. Folders are searched for the registered
suffixes only, and messages list them in the order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kg.read.records import Failure, Read

Reader = Callable[[Path, str, str], Iterable[Read | Failure]]

_READERS: dict[str, Reader] = {}


def reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of files with these suffixes (".txt": lower case, dot
    first). A suffix that already has a reader is refused with a ValueError naming both."""
    for suffix in suffixes:
        if not (suffix.startswith(".") and len(suffix) > 1 and suffix == suffix.lower() and "." not in suffix[1:]):
            raise ValueError(f"reader suffix {suffix!r}: give one lower-case suffix with its dot, e.g. '.txt'")

    def register(fn: Reader) -> Reader:
        for suffix in suffixes:
            had = _READERS.get(suffix)
            if had is not None and had is not fn:
                raise ValueError(f"{suffix!r} is read by {had.__module__}.{had.__qualname__} already; "
                                 f"{fn.__module__}.{fn.__qualname__} cannot take it (unregister it first)")
        for suffix in suffixes:
            _READERS[suffix] = fn
        return fn

    return register


def unregister(*suffixes: str) -> None:
    """Take these suffixes' readers away (those not registered are ignored)."""
    for suffix in suffixes:
        _READERS.pop(suffix, None)


def reader_for(suffix: str) -> Reader | None:
    """The reader of a file suffix (any case), or None."""
    return _READERS.get(suffix.lower())


def extensions() -> tuple[str, ...]:
    """The suffixes that have a reader, in the order they were registered."""
    return tuple(_READERS)
