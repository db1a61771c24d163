"""Text inputs: a .txt or .md file is one article, with optional YAML front matter (docs/input-format.md, "Text
and Markdown"). `read_single` is the bounded read of a one-article file that the HTML reader shares.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.read.decode import decode
from kg.read.files import open_regular
from kg.read.records import MAX_TEXT_LENGTH, Blank, Failure, Read, split_front_matter, to_document
from kg.read.registry import reader

# A .txt/.md file is one article: bigger files are refused unread.
MAX_BYTES = 4 * MAX_TEXT_LENGTH


@reader(".txt", ".md")
def read_text(path: Path, name: str, stem: str) -> Iterator[Read | Failure]:
    """The one document of a .txt/.md file: front matter (if any) and text."""
    yield from read_single(path, name, stem, MAX_BYTES, decode, _text_record)


def _text_record(text: str, name: str) -> dict:
    meta, body = split_front_matter(text, name)
    return {**meta, "text": body}


def read_single(path: Path, name: str, stem: str, limit: int,
                decoder: Callable[[bytes, str], tuple[str, str | None]],
                record: Callable[[str, str], dict]) -> Iterator[Read | Failure]:
    """The one document of a file holding one article: at most `limit` bytes read, decoded by `decoder`
    (text, warning), made a record by `record`."""
    try:
        with open_regular(path, name) as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                yield Failure(name, f"file too large for one article ({size:,} bytes, at most {limit:,}): split "
                                    "it into articles, e.g. a .jsonl file with one article a line")
                return
            data = f.read(limit + 1)  # bounded even if the file grows while it is read
        if len(data) > limit:
            yield Failure(name, f"file too large for one article (more than {limit:,} bytes): split it into "
                                "articles, e.g. a .jsonl file with one article a line")
            return
        text, warning = decoder(data, name)
        del data
        if warning:
            yield Failure(name, warning, "warning")
        rec = record(text, name)
        yield to_document(rec, name, stem)
    except Blank as exc:
        yield Failure(exc.where, exc.message, "warning")
    except InputError as exc:
        yield Failure(exc.where, exc.message)
