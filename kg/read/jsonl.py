"""JSON and JSON Lines inputs (docs/input-format.md, "JSON" and "JSON Lines").

A .json file holds one record object or a list of them; a .jsonl file one record a line, read line by line so
big files are never held in memory whole. Each function yields `kg.read.records.Read` or `Failure` items, in
file order; a bad record or line never stops the rest of the file.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.read.decode import (
    GUESS_SAMPLE,
    NotText,
    bom_encoding,
    decode,
    guess_encoding,
    guessed_warning,
    mostly_utf8,
    nul_message,
    utf16_without_bom,
)
from kg.read.files import open_regular
from kg.read.records import MAX_DEPTH, MAX_TEXT_LENGTH, Blank, Failure, Read, to_document
from kg.read.registry import reader

# A .json file is parsed whole: bigger ones are refused unread (a corpus goes in .jsonl, read line by line).
MAX_JSON_BYTES = 64 << 20
# Longest line of a .jsonl (bytes): one article of MAX_TEXT_LENGTH characters written as \uXXXX escapes, and room.
MAX_LINE_BYTES = 16 * MAX_TEXT_LENGTH
NESTED = (f"nested too deeply (lists or objects more than {MAX_DEPTH} levels deep): a record is 'field: value' "
          "pairs; remove the nesting")


Item = Read | Failure


@reader(".json")
def read_json(path: Path, name: str, stem: str) -> Iterator[Item]:
    """Records of a .json file: `name` is the path as reported, `stem` the base of derived ids."""
    with open_regular(path, name) as f:
        data = f.read(MAX_JSON_BYTES + 1)
    if len(data) > MAX_JSON_BYTES:
        yield Failure(name, f"file too large for a .json input (more than {MAX_JSON_BYTES:,} bytes): give the "
                            "records as .jsonl, one a line (read line by line, any size)")
        return
    try:
        text, warning = decode(data, name)
        del data
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
    except RecursionError:
        yield Failure(f"{name}:{deep_line(text)}", NESTED)
        return
    if isinstance(data, dict):
        yield _record(data, name, stem, name)
    elif isinstance(data, list):
        for n, rec in enumerate(data, 1):
            yield _record(rec, f"{name}#{n}", f"{stem}-{n}", f"{name}#{n}")
    else:
        yield Failure(name, "a .json input must hold one record object or a list of record objects")


@reader(".jsonl")
def read_jsonl(path: Path, name: str, stem: str) -> Iterator[Item]:
    """Records of a .jsonl file, one a line (blank lines skipped); ids default to `stem-LINE`."""
    with open_regular(path, name) as raw:
        bom = bom_encoding(raw.read(4))
        raw.seek(bom[2] if bom else 0)
        if bom is not None and bom[0] != "utf-8":
            lines = _text_lines(raw, bom[0], name)
        elif bom is None and utf16_without_bom(raw.read(GUESS_SAMPLE)):
            raw.seek(0)
            yield Failure(name, nul_message(raw.read(GUESS_SAMPLE)))  # one message for the file, not one a line
            return
        else:
            raw.seek(bom[2] if bom else 0)
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
        if mostly_utf8(sample):
            return "utf-8"  # UTF-8 with a few bad bytes: each damaged line is reported with its byte offset
    try:
        return guess_encoding(sample, name)
    except NotText:
        return "utf-8"  # each undecodable line is reported on its own


def _bounded(raw: io.BufferedReader) -> Iterator[bytes | None]:
    """The lines of `raw`, each read with a bound: None for a line longer than MAX_LINE_BYTES (skipped unread)."""
    while True:
        line = raw.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := raw.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _byte_lines(raw: io.BufferedReader, codec: str, name: str) -> Iterator[tuple[int, str | Failure]]:
    offset = raw.tell()
    for n, line in enumerate(_bounded(raw), 1):
        if line is None:
            yield n, Failure(f"{name}:{n}", f"line longer than {MAX_LINE_BYTES:,} bytes: skipped unread (one "
                                            f"article is at most {MAX_TEXT_LENGTH:,} characters)")
            offset = raw.tell()
            continue
        start, offset = offset, offset + len(line)
        if b"\x00" in line:
            yield n, Failure(f"{name}:{n}", "binary data (NUL bytes) in a JSON Lines file: line skipped")
            continue
        try:
            yield n, line.decode(codec)
        except UnicodeDecodeError as exc:
            yield n, Failure(f"{name}:{n}", f"not valid {codec} at byte {exc.start} of the line (byte "
                                            f"{start + exc.start} of the file): line skipped; save the file as UTF-8")


def _text_lines(raw: io.BufferedReader, codec: str, name: str) -> Iterator[tuple[int, str | Failure]]:
    """Lines of a UTF-16/32 file, split on "\\n" only (JSON strings cannot hold a raw newline)."""
    stream = io.TextIOWrapper(raw, encoding=codec, newline="\n")
    n = 0
    try:
        while line := stream.readline(MAX_LINE_BYTES + 1):
            n += 1
            if len(line) > MAX_LINE_BYTES and not line.endswith("\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith("\n"):
                    pass
                yield n, Failure(f"{name}:{n}", f"line longer than {MAX_LINE_BYTES:,} characters: skipped")
                continue
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
    except RecursionError:
        return Failure(where, NESTED)
    return _record(rec, where, f"{stem}-{n}", where)


def _record(rec: object, where: str, default_id: str, source: str) -> Item:
    if not isinstance(rec, dict):
        return Failure(where, "a record must be a JSON object with at least a 'text' field")
    try:
        return to_document(rec, where, default_id, source)
    except InputError as exc:
        return Failure(exc.where, exc.message, _severity(exc))


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def deep_line(text: str) -> int:
    """The line where lists/objects in JSON `text` first nest more than MAX_DEPTH levels (1 if never)."""
    depth = 0
    for m in _TOKENS.finditer(text):
        c = m.group(0)
        if c in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, m.start()) + 1
        elif c in "]}":
            depth -= 1
    return 1


def _severity(exc: InputError) -> str:
    return "warning" if isinstance(exc, Blank) else "error"
