"""Short readable ASCII names for the IRIs of what the lexicon does not know (used by kg.graph.iris).

    romanize("بهرام کاظمی‌نژاد") -> "bhram_kazminzhad"
    slug(text, key=None)        -> "bhram_kazminzhad-55d832"      (romanised, at most 40 characters, then a hash)
    person_words(compact_name)  -> "بهرام کاظمینژاد"              (a known given name split off, for readability)

The romanisation is a table of letters (kg/lexicon/data/romanization.tsv: ALA-LC's Persian letters, plain ASCII,
with the readings of و ی ه ع by their place in the word), applied by longest match: deterministic, a function of
the text alone. It is lossy (س ص ث are all "s"; the script does not write short vowels), so a slug always ends in
`-` and six hexadecimal digits of the SHA-256 of the name it stands for: two different names never share an IRI,
whatever else a corpus holds, and no slug is ever a lexicon key (those are `[a-z0-9_]+`, never with `-`).
The table is read from dipkg's own data, not from `--lexicon`: the same name has the same IRI with any lexicon.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from kg.errors import LexiconError
from kg.lexicon import DATA
from kg.lexicon.tsv import read_tsv
from kg.normalize import compact, norm

ROMANIZATION = "romanization.tsv"
WHERE = ("any", "initial", "final")
MAX_WORDS = 40  # characters of romanised text in a slug; with "-" and the hash: at most 47
HASH = 6  # hexadecimal digits of the hash suffix


@lru_cache(maxsize=1)
def _table() -> tuple[dict[tuple[str, str], str], int]:
    """{(form, where): latin} from romanization.tsv, and the longest form's length."""
    rows: dict[tuple[str, str], str] = {}
    path = DATA / ROMANIZATION
    for where, row in read_tsv(path, ["form", "latin", "where", "source"],
                               key=lambda r: (r["form"], r["where"])):
        if row["where"] not in WHERE:
            raise LexiconError(where, f"where {row['where']!r} is not one of {', '.join(WHERE)}")
        if not re.fullmatch(r"[a-z]*", row["latin"]) or norm(row["form"]) != row["form"] or not row["form"]:
            raise LexiconError(where, f"{row['form']!r} → {row['latin']!r}: a normalised Persian form and "
                                      "lower-case ASCII letters")
        rows[(row["form"], row["where"])] = row["latin"]
    return rows, max(len(f) for f, _ in rows)


@lru_cache(maxsize=1)
def _given_names() -> tuple[str, ...]:
    """Compact given names (kg/lexicon/data/given_names.tsv), longest first."""
    forms = {compact(row["form"]) for _, row in read_tsv(DATA / "given_names.tsv", ["form", "source"])}
    return tuple(sorted(forms, key=lambda f: (-len(f), f)))


def _letter(c: str) -> bool:
    return "\u0600" <= c <= "\u06ff"


def romanize(text: str) -> str:
    """`text` in lower-case ASCII words joined by "_" (normalised as kg.normalize.norm first)."""
    rows, longest = _table()
    t = norm(unicodedata.normalize("NFC", text))
    out: list[str] = []
    i = 0
    while i < len(t):
        c = t[i]
        if not _letter(c):
            out.append(c if c.isascii() and c.isalnum() else "_")
            i += 1
            continue
        initial = i == 0 or not _letter(t[i - 1])
        for n in range(min(longest, len(t) - i), 0, -1):
            form = t[i:i + n]
            final = i + n == len(t) or not _letter(t[i + n])
            places = [w for w, ok in (("final", final), ("initial", initial), ("any", True)) if ok]
            latin = next((rows[(form, w)] for w in places if (form, w) in rows), None)
            if latin is not None:
                out.append(latin)
                i += n
                break
        else:  # a letter the table lacks: its ASCII decomposition, if any
            out.append("".join(a for a in unicodedata.normalize("NFKD", c) if a.isascii() and a.isalnum()).lower())
            i += 1
    return re.sub(r"_+", "_", "".join(out)).strip("_")


def digest(name: str) -> str:
    return hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()[:HASH]


def shorten(words: str, most: int = MAX_WORDS) -> str:
    """`words` cut to `most` characters, at a "_" when one falls in the second half."""
    if len(words) <= most:
        return words
    cut = words[:most]
    at = cut.rfind("_")
    return (cut[:at] if at > most // 2 else cut).strip("_")


@lru_cache(maxsize=65536)
def slug(text: str, key: str | None = None) -> str:
    """The romanised `text`, shortened, then "-" and the hash of `key` (default: `text`): "kazmi-1f0c2a"."""
    if not text:
        raise ValueError("cannot mint an IRI segment from an empty string")
    return f"{shorten(romanize(text)) or 'x'}-{digest(key if key is not None else text)}"


def person_words(name: str) -> str:
    """A compact person name with a known given name split off its start ("بهرامکاظمی" → "بهرام کاظمی"), when
    at least two letters are left after it; else the name as it is."""
    for g in _given_names():
        if name.startswith(g) and len(name) - len(g) >= 2:
            return f"{g} {name[len(g):]}"
    return name
