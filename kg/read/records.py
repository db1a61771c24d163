"""Records to Documents: field checks, ids, YAML front matter (docs/input-format.md, "Records" and "Ids").

A record is a mapping with `text` and optional `id`, `lang`, `url`, `title`, `outlet`, `published`, `based_on`;
every other field goes to `Document.extra`. Errors raise `kg.errors.InputError`; non-fatal findings are returned
as warning strings so the caller can report them with the record's place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from kg.errors import InputError
from kg.model import Document
from kg.read.decode import first_surrogate, is_blank

# Optional string fields of a record and the Document attribute each one fills.
STRING_FIELDS = {"lang": "lang", "url": "url", "title": "title", "outlet": "outlet",
                 "published": "published_raw", "based_on": "based_on"}
KNOWN_FIELDS = frozenset(STRING_FIELDS) | {"id", "text"}

# Ids are used in IRI paths: every character outside [A-Za-z0-9._-] becomes "_".
UNSAFE_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]")
MAX_ID_LENGTH = 200
# Longest text built as one article (characters). News articles are far shorter; extraction time grows faster
# than linearly with the length of one text, so longer texts are refused: split them into articles.
MAX_TEXT_LENGTH = 500_000

# Deepest nesting of lists/objects in a record or front matter: real metadata is a few levels deep; a deeper value
# is refused before it reaches code that walks it recursively (a RecursionError takes the whole build down).
MAX_DEPTH = 64

FRONT_MATTER_OPEN = "---"
FRONT_MATTER_CLOSE = ("---", "...")


class Blank(InputError):
    """The record's text is empty or white space only: nothing to build (reported as a warning)."""


@dataclass
class Read:
    """A document read from a record, with the warnings found on the way."""

    doc: Document
    warnings: list[str] = field(default_factory=list)


@dataclass
class Failure:
    """A record or file that could not be read: where, what, and whether it was skipped ("error") or not."""

    where: str
    message: str
    severity: str = "error"


def sanitize_id(raw: str) -> str:
    """The IRI-safe form of an id: characters outside [A-Za-z0-9._-] replaced by "_"."""
    return UNSAFE_ID_CHARS.sub("_", raw)


def usable_id(safe: str) -> bool:
    """A sanitised id is usable when it is not too long and has a letter or digit (so not "_", "." or "..")."""
    return 0 < len(safe) <= MAX_ID_LENGTH and any(c.isalnum() for c in safe)


def record_id(value: object, where: str, warnings: list[str]) -> str:
    """The document id from a record's `id` field (string or integer), sanitised; raises InputError if unusable."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputError(where, f"field 'id' must be a string or an integer, not {_type_name(value)}")
    raw = str(value)
    safe = sanitize_id(raw)
    if not usable_id(safe):
        raise InputError(where, f"field 'id' {raw!r} cannot be used in an IRI (ids may use A-Z a-z 0-9 . _ -, "
                                f"need a letter or digit, at most {MAX_ID_LENGTH} characters): give an ASCII id")
    if safe != raw:
        warnings.append(f"id {raw!r} has characters not allowed in IRIs; using {safe!r}")
    return safe


def to_document(rec: dict, where: str, default_id: str, source: str | None = None) -> Read:
    """Check a record and make a Document; `default_id` is used when the record has no `id`."""
    warnings: list[str] = []
    if too_deep(rec):
        raise InputError(where, f"nested too deeply (lists or objects more than {MAX_DEPTH} levels deep): "
                                "a record is 'field: value' pairs; remove the nesting")
    if "text" not in rec or rec["text"] is None:
        raise InputError(where, "field 'text' is missing: every record needs the article text in 'text'")
    text = rec["text"]
    if not isinstance(text, str):
        raise InputError(where, f"field 'text' must be a string, not {_type_name(text)}")
    check_text(text, where)
    doc_id = record_id(rec["id"], where, warnings) if rec.get("id") is not None else default_id
    doc = Document(id=doc_id, text=text, source=source or where)
    for name, attr in STRING_FIELDS.items():
        value = rec.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            setattr(doc, attr, value)
        else:
            warnings.append(f"field {name!r} must be a string, not {_type_name(value)}: ignored")
    doc.extra = {k: v for k, v in rec.items() if k not in KNOWN_FIELDS}
    return Read(doc, warnings)


def check_text(text: str, where: str) -> None:
    """Raise when the text cannot be built: unpaired surrogates or too long (error), or blank (Blank)."""
    if len(text) > MAX_TEXT_LENGTH:
        raise InputError(where, f"text too long for one article ({len(text):,} characters, at most "
                                f"{MAX_TEXT_LENGTH:,}): split it into articles, e.g. a .jsonl file with one "
                                "article a line")
    bad = first_surrogate(text)
    if bad is not None:
        raise InputError(where, f"text has an unpaired surrogate U+{ord(text[bad]):04X} at character {bad}: "
                                "not valid Unicode; fix the \\u escape in the record")
    if is_blank(text):
        raise Blank(where, "empty or white space only: nothing to build")


def split_front_matter(text: str, where: str) -> tuple[dict, str]:
    """(front matter fields, body) of a .md/.txt text. The body starts right after the closing line.

    Front matter is a YAML mapping between a first line `---` and a line `---` (or `...`). All values are kept
    as written (strings, lists, mappings; no YAML dates or numbers), so `published: 2024-02-18` stays a string.
    """
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].rstrip("\r \t") != FRONT_MATTER_OPEN:
        return {}, text
    pos = first_end + 1
    while pos < len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        if text[pos:line_end].rstrip("\r \t") in FRONT_MATTER_CLOSE:
            body_start = len(text) if end < 0 else end + 1
            return _parse_yaml(text[first_end + 1:pos], where), text[body_start:]
        pos = line_end + 1
    raise InputError(f"{where}:1", "front matter opened with '---' is never closed: add a line '---' after it")


def _parse_yaml(block: str, where: str) -> dict:
    try:
        data = yaml.load(block, Loader=yaml.BaseLoader)  # BaseLoader: every scalar stays a string as written
    except RecursionError:
        raise InputError(f"{where}:2", f"invalid YAML front matter: nested too deeply (more than {MAX_DEPTH} "
                                       "levels): front matter is 'field: value' lines") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 2}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{where}{line}", f"invalid YAML front matter: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(f"{where}:2", "front matter must be 'field: value' lines (a YAML mapping)")
    return data


def too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """True when lists/dicts in `value` nest more than `limit` levels (checked without recursion)."""
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, dict | list):
            if depth >= limit:
                return True
            stack.extend((c, depth + 1) for c in (v.values() if isinstance(v, dict) else v))
    return False


def _type_name(value: object) -> str:
    names = {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number",
             str: "a string", type(None): "null"}
    return names.get(type(value), type(value).__name__)
