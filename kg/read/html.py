"""Saved HTML news pages: article text, title, date and site name via trafilatura (docs/input-format.md, "HTML").

trafilatura drops characters that are not printable, among them the zero-width non-joiner (ZWNJ, U+200C) that
Persian writes inside words (گفت‌وگو). So ZWNJs are swapped for a placeholder before extraction and back after.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.read.decode import decode
from kg.read.records import MAX_TEXT_LENGTH, Failure, Read
from kg.read.registry import reader
from kg.read.text import read_single

ZWNJ = "\u200c"
ZWNJ_ENTITY = re.compile(r"&(?:zwnj|#8204|#x200c);", re.IGNORECASE)
# Printable characters that stand in for ZWNJ; the first one absent from the page is used.
PLACEHOLDERS = ("\u2e3b", "\u2bd1", "\u2b58", "\u29eb")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTML_LANG = re.compile(r"<html\b[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
# A page is one article: bigger files are refused unread (a page is mostly markup, so more room than text).
MAX_BYTES = 40 * MAX_TEXT_LENGTH


@reader(".html", ".htm")
def read_html(path: Path, name: str, stem: str) -> Iterator[Read | Failure]:
    """The one document of a saved page: the article text and metadata trafilatura finds in it."""
    yield from read_single(path, name, stem, MAX_BYTES, decode_html, extract_html)


def decode_html(data: bytes, where: str) -> tuple[str, str | None]:
    """Decode a page: the usual rules, except that a `<meta charset>` naming another encoding is obeyed."""
    try:
        return decode(data, where)
    except InputError:
        declared = META_CHARSET.search(data[:4096])
        if declared is None:
            raise
        codec = declared.group(1).decode("ascii")
        try:
            return data.decode(codec), None
        except (LookupError, UnicodeDecodeError):
            raise InputError(where, f"page declares charset {codec!r} but is not valid {codec}: "
                                    "re-save it as UTF-8") from None


def extract_html(html: str, where: str) -> dict[str, str]:
    """A record (text, title, published, outlet, url, lang) from a page; raises InputError when it has no article."""
    import trafilatura  # imported here: loading it costs ~0.5 s, paid only when there is HTML input

    mark = next((c for c in PLACEHOLDERS if c not in html), None)
    if mark is not None:
        html = ZWNJ_ENTITY.sub(mark, html).replace(ZWNJ, mark)
    found = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, deduplicate=False)
    text = getattr(found, "text", None) if found is not None else None
    if not text:
        raise InputError(where, "no article text found in the page: save the article page itself, or give the "
                                "text as .txt/.json")

    def back(value: str | None) -> str | None:
        return value.replace(mark, ZWNJ) if value and mark else value

    rec = {"text": back(text), "title": back(found.title), "published": found.date, "outlet": back(found.sitename),
           "url": found.url}
    lang = HTML_LANG.search(html[:4096])
    if lang:
        rec["lang"] = lang.group(1).lower()
    return {k: v for k, v in rec.items() if v}
