"""Reading inputs: files and folders of articles → `kg.model.Document`s, and `Problem`s for what cannot be read.

    read_inputs(["seeds", "more/article.md"]) -> (documents, problems)

Formats, encodings, ids and every rule are described in docs/input-format.md. In short:
- folders are read recursively in the order of their sorted relative paths; hidden files and folders are skipped,
  and so are files with other extensions (a file given by name with another extension is a Problem);
- each file is read by the reader registered for its suffix (`kg.read.registry`): `.txt`/`.md` (optional YAML
  front matter, `text.py`), `.json` (a record or a list) and `.jsonl` (a record a line, streamed; `jsonl.py`),
  `.html`/`.htm` (article text via trafilatura, `html.py`);
- an input that cannot be read is reported as a Problem (severity "error": skipped, or "warning": read, but
  something was off) and the rest is read; nothing here raises for bad input.
- the first document with an id wins; later ones with the same id are skipped with a Problem naming both places.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.model import Document
from kg.read.files import not_regular, shown
from kg.read.records import MAX_ID_LENGTH, Failure, Read, check_text, sanitize_id, usable_id
from kg.read.registry import extensions, reader_for

# The built-in readers register themselves on import, in this order: the order messages list the suffixes in.
# isort: off
from kg.read import text, jsonl, html  # noqa: F401
# isort: on


@dataclass
class Problem:
    """An input that could not be (fully) read; the build reports it and goes on."""

    where: str  # "path", "path:line" or "path#N"
    message: str  # what is wrong and what to do
    severity: str = "error"  # "error" (skipped) or "warning" (read, but something was off)

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"


def read_inputs(paths: Iterable[str | Path]) -> tuple[list[Document], list[Problem]]:
    """All documents of `paths` (files or folders) and the problems met, each in input order."""
    docs: list[Document] = []
    problems: list[Problem] = []
    for item in iter_inputs(paths):
        (docs if isinstance(item, Document) else problems).append(item)
    return docs, problems


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Document | Problem]:
    """Documents and problems of `paths`, streamed in input order (a record's warnings come before it)."""
    seen: dict[str, str] = {}  # id -> where it was first read
    for name, path in _files(paths):
        if isinstance(path, Problem):
            yield path
            continue
        for item in _read_file(path, name):
            if isinstance(item, Failure):
                yield Problem(item.where, item.message, item.severity)
                continue
            yield from (Problem(item.doc.source, w, "warning") for w in item.warnings)
            first = seen.get(item.doc.id)
            if first is not None:
                yield Problem(item.doc.source, f"duplicate id {item.doc.id!r}, already read from {first}: "
                                               "skipped (the first one wins); give each article its own id")
            else:
                seen[item.doc.id] = item.doc.source
                yield item.doc


def _files(paths: Iterable[str | Path]) -> Iterator[tuple[str, Path | Problem]]:
    """(name as reported, path) of every input file, or a Problem for a missing or unsupported path."""
    for given in paths:
        name = shown(os.fspath(given))
        path = Path(given)
        if path.is_dir():
            for rel in _walk(path):
                sub, file = shown(os.path.join(os.fspath(given), *rel)), path.joinpath(*rel)
                why = not_regular(file)
                yield (sub, Problem(sub, why)) if why else (sub, file)
        elif path.is_file():
            if reader_for(path.suffix) is not None:
                yield name, path
            else:
                yield name, Problem(name, f"unsupported file type {path.suffix or '(no extension)'!r}: "
                                          f"give {', '.join(extensions())} files")
        elif path.exists():
            yield name, Problem(name, not_regular(path) or "not a regular file or folder: skipped")
        else:
            yield name, Problem(name, "no such file or folder: check the path")


def _walk(root: Path) -> list[tuple[str, ...]]:
    """Relative paths (as parts) of the readable files under `root`, sorted; hidden entries skipped."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(folder).relative_to(root).parts
        found.extend((*base, f) for f in files
                     if not f.startswith(".") and reader_for(os.path.splitext(f)[1]) is not None)
    return sorted(found)


def _read_file(path: Path, name: str) -> Iterator[Read | Failure]:
    read = reader_for(path.suffix)
    if read is None:  # its reader was unregistered after the file was found
        yield Failure(name, f"unsupported file type {path.suffix!r}: give {', '.join(extensions())} files")
        return
    try:
        yield from read(path, name, file_id(path))
    except InputError as exc:
        yield Failure(exc.where, exc.message)
    except OSError as exc:
        yield Failure(name, f"cannot be read: {exc.strerror or exc}")


def file_id(path: Path) -> str:
    """The id derived from a file name: its stem when IRI-safe, else the sanitised stem plus a hash of the stem.

    The hash keeps apart names that sanitise alike (خبر-1 and سفر-1 both give ___-1).
    """
    stem = path.stem
    safe = sanitize_id(stem)
    if safe == stem and usable_id(safe):
        return safe
    nfc = unicodedata.normalize("NFC", stem)  # macOS file systems hand out NFD names
    digest = hashlib.sha1(nfc.encode("utf-8", "surrogateescape")).hexdigest()[:8]
    return f"{safe[:MAX_ID_LENGTH - 9]}-{digest}"


__all__ = ["Problem", "check_text", "extensions", "file_id", "iter_inputs", "read_inputs"]
