"""JSON and JSON Lines inputs (docs/input-format.md, "JSON" and "JSON Lines").

A .json file holds one record object or a list of them; a .jsonl file one record a line, read line by line so
big files are never held in memory whole. Each function yields `kg.read.records.Read` or `Failure` items, in
file order; a bad record or line never stops the rest of the file.
"""

from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.read.decode import GUESS_SAMPLE, NotText, bom_encoding, decode, guess_encoding, guessed_warning
from kg.read.records import Blank, Read, to_document


@dataclass
class Failure:
    """A record or file that could not be read: where, what, and whether it was skipped ("error") or not."""

    where: str
    message: str
    severity: str = "error"


Item = Read | Failure


def read_json(path: Path, name: str, stem: str) -> Iterator[Item]:
    """Records of a .json file: `name` is the path as reported, `stem` the base of derived ids."""
    try:
        text, warning = decode(path.read_bytes(), name)
    except InputError as exc:
        yield Failure(exc.where, exc.message)
        return
    if warning:
        yield Failure(name, warning, "warning")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Failure(f"{name}:{exc.lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})")
        return
    if isinstance(data, dict):
        yield _record(data, name, stem, name)
    elif isinstance(data, list):
        for n, rec in enumerate(data, 1):
            yield _record(rec, f"{name}#{n}", f"{stem}-{n}", f"{name}#{n}")
    else:
        yield Failure(name, "a .json input must hold one record object or a list of record objects")


def read_jsonl(path: Path, name: str, stem: str) -> Iterator[Item]:
    """Records of a .jsonl file, one a line (blank lines skipped); ids default to `stem-LINE`."""
    with path.open("rb") as raw:
        bom = bom_encoding(raw.read(4))
        raw.seek(bom[2] if bom else 0)
        if bom is not None and bom[0] != "utf-8":
            lines = _text_lines(raw, bom[0], name)
        else:
            codec = "utf-8" if bom else _sniff(raw, name)
            if codec != "utf-8":
                yield Failure(name, guessed_warning(codec), "warning")
            lines = _byte_lines(raw, codec, name)
        for n, line in lines:
            if isinstance(line, Failure):
                yield line
            elif line.strip():
                yield _line_record(line, name, stem, n)


def _sniff(raw: io.BufferedReader, name: str) -> str:
    """The byte encoding of a .jsonl without BOM: UTF-8 when its first MiB is UTF-8, else the guessed one."""
    start = raw.tell()
    sample = raw.read(GUESS_SAMPLE)
    raw.seek(start)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return guess_encoding(sample, name)
    except NotText:
        return "utf-8"  # each undecodable line is reported on its own


def _byte_lines(raw: io.BufferedReader, codec: str, name: str) -> Iterator[tuple[int, str | Failure]]:
    for n, line in enumerate(raw, 1):
        if b"\x00" in line:
            yield n, Failure(f"{name}:{n}", "binary data (NUL bytes) in a JSON Lines file: line skipped")
            continue
        try:
            yield n, line.decode(codec)
        except UnicodeDecodeError as exc:
            yield n, Failure(f"{name}:{n}", f"not valid {codec} at byte {exc.start} of the line: line skipped; "
                                            "save the file as UTF-8")


def _text_lines(raw: io.BufferedReader, codec: str, name: str) -> Iterator[tuple[int, str | Failure]]:
    """Lines of a UTF-16/32 file, split on "\\n" only (JSON strings cannot hold a raw newline)."""
    stream = io.TextIOWrapper(raw, encoding=codec, newline="\n")
    n = 0
    try:
        for n, line in enumerate(stream, 1):
            yield n, line
    except UnicodeDecodeError as exc:
        yield n + 1, Failure(f"{name}:{n + 1}", f"not valid {codec} ({exc.reason}): the rest of the file is skipped")
    finally:
        stream.detach()


def _line_record(line: str, name: str, stem: str, n: int) -> Item:
    where = f"{name}:{n}"
    try:
        rec = json.loads(line.rstrip("\r\n"))  # so an error at the line's end names a column of this line
    except json.JSONDecodeError as exc:
        return Failure(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
    return _record(rec, where, f"{stem}-{n}", where)


def _record(rec: object, where: str, default_id: str, source: str) -> Item:
    if not isinstance(rec, dict):
        return Failure(where, "a record must be a JSON object with at least a 'text' field")
    try:
        return to_document(rec, where, default_id, source)
    except InputError as exc:
        return Failure(exc.where, exc.message, _severity(exc))


def _severity(exc: InputError) -> str:
    return "warning" if isinstance(exc, Blank) else "error"
