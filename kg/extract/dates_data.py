"""Month and weekday names for date extraction, read once from `kg/lexicon/data/{months,weekdays}.tsv`.

Matching runs on a folded copy of the text of the same length (Arabic ي/ك → Persian ی/ک, ۀ/ة → ه, Persian and
Arabic-Indic digits → ASCII, ASCII letters lower-cased), so every offset found there is an offset in the original.
Joiners and spaces are never removed: patterns accept any run of space/ZWNJ (or none) where a form has a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import LexiconError

DATA = Path(__file__).resolve().parent.parent / "lexicon" / "data"

_ONE_TO_ONE = {"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه"}
_ONE_TO_ONE |= {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
_ONE_TO_ONE |= {chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}
_FOLD = str.maketrans(_ONE_TO_ONE)

# Between the words of a phrase: spaces, ZWNJ, bidi marks, or nothing ("تیرماه", "سالجاری").
GAP = r"[\s\u200c\u200e\u200f]*"
# Word edges: Python's \w covers Persian letters and all digits; ZWNJ is not a word character. A word followed by
# ZWNJ is a prefix of a longer word ("می‌رود", "دی‌ان‌ای"): END_WORD refuses that.
START = r"(?<!\w)"
END = r"(?!\w)"
END_WORD = r"(?![\w\u200c])"


def fold(text: str) -> str:
    """A copy of `text` of the same length with letters and digits folded for matching."""
    return text.translate(_FOLD)


def form_pattern(form: str) -> str:
    """Regex for a folded form: each space or ZWNJ in it matches GAP."""
    words = re.split(r"[\s\u200c]+", fold(form).strip())
    return GAP.join(re.escape(w) for w in words)


def alternation(forms: list[str]) -> str:
    """One non-capturing alternation of forms, longest first (so "یکشنبه" wins over "شنبه")."""
    pats = sorted({form_pattern(f) for f in forms}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(pats) + ")"


@dataclass(frozen=True)
class Names:
    months: dict[str, tuple[str, int]]  # folded compact form -> (calendar, month)
    weekdays: dict[str, int | None]  # folded compact form -> weekday (0 = Monday), None = not a date
    month_forms: tuple[str, ...]  # as written in the data file (spaces kept, for patterns)
    loose_month_forms: tuple[str, ...]  # those that count without a year (context "day")
    weekday_forms: tuple[str, ...]
    seasons: dict[str, int] = field(default_factory=dict)  # folded compact form -> first Jalali month
    season_forms: tuple[str, ...] = ()

    def season_of(self, written: str) -> int:
        return self.seasons[compact(written)]

    def month_of(self, written: str) -> tuple[str, int]:
        return self.months[compact(written)]

    def weekday_of(self, written: str) -> int | None:
        return self.weekdays[compact(written)]


def compact(written: str) -> str:
    """Folded form without spaces/joiners: the key under which names are stored."""
    return re.sub(r"[\s\u200c\u200e\u200f]+", "", fold(written))


def _rows(path: Path, header: list[str]):
    """Yield (where, cells) of a TSV data file, checking header and column count."""
    seen_header = False
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise LexiconError(str(path), f"cannot read: {exc.strerror}") from exc
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        where = f"{path}:{lineno}"
        if not seen_header:
            if cells != header:
                raise LexiconError(where, f"header must be {'<TAB>'.join(header)}")
            seen_header = True
            continue
        if len(cells) != len(header):
            raise LexiconError(where, f"expected {len(header)} tab-separated columns, found {len(cells)}")
        if not cells[-1].strip():
            raise LexiconError(where, "empty source column: say where the row comes from")
        yield where, cells
    if not seen_header:
        raise LexiconError(str(path), f"no header line ({'<TAB>'.join(header)})")


def _put(table: dict, key: str, value: object, where: str) -> None:
    if not key:
        raise LexiconError(where, "empty form")
    if key in table:
        raise LexiconError(where, f"duplicate form {key!r} (after folding)")
    table[key] = value


def load_names(data: Path | str | None = None) -> Names:
    """Read and check months.tsv and weekdays.tsv (LexiconError with file and line on a bad row)."""
    base = Path(data) if data is not None else DATA
    months: dict[str, tuple[str, int]] = {}
    month_forms: list[str] = []
    loose: list[str] = []
    columns = ["form", "calendar", "month", "context", "source"]
    for where, (form, calendar, month, context, _src) in _rows(base / "months.tsv", columns):
        if calendar not in ("jalali", "gregorian"):
            raise LexiconError(where, f"calendar must be jalali or gregorian, not {calendar!r}")
        if not month.isdigit() or not 1 <= int(month) <= 12:
            raise LexiconError(where, f"month must be 1-12, not {month!r}")
        if context not in ("day", "year"):
            raise LexiconError(where, f"context must be day or year, not {context!r}")
        _put(months, compact(form), (calendar, int(month)), where)
        month_forms.append(form)
        if context == "day":
            loose.append(form)
    weekdays: dict[str, int | None] = {}
    weekday_forms: list[str] = []
    for where, (form, weekday, _src) in _rows(base / "weekdays.tsv", ["form", "weekday", "source"]):
        if weekday != "-" and weekday not in tuple("0123456"):
            raise LexiconError(where, f"weekday must be 0 (Monday) … 6 (Sunday) or -, not {weekday!r}")
        _put(weekdays, compact(form), None if weekday == "-" else int(weekday), where)
        weekday_forms.append(form)
    seasons: dict[str, int] = {}
    season_forms: list[str] = []
    if (base / "seasons.tsv").exists() or data is None:
        for where, (form, first, _src) in _rows(base / "seasons.tsv", ["form", "first_month", "source"]):
            if not first.isdigit() or int(first) not in (1, 4, 7, 10):
                raise LexiconError(where, f"first_month must be 1, 4, 7 or 10, not {first!r}")
            _put(seasons, compact(form), int(first), where)
            season_forms.append(form)
    return Names(months, weekdays, tuple(month_forms), tuple(loose), tuple(weekday_forms), seasons,
                 tuple(season_forms))


@lru_cache(maxsize=1)
def names() -> Names:
    """The built-in month and weekday names, loaded once."""
    return load_names()
