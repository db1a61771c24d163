"""Calendar data of the lexicon: month, weekday and season names and relative date words (`months.tsv`,
`weekdays.tsv`, `seasons.tsv`, `relative_dates.tsv`), read with the lexicon's one TSV reader and keyed by
`kg.normalize.compact`, like every other form.

A lexicon folder without these files uses the built-in ones (kg/lexicon/data), file by file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import LexiconError
from kg.lexicon.tsv import read_tsv
from kg.normalize import compact

DATA = Path(__file__).parent / "data"
MONTH_COLUMNS = ["form", "calendar", "month", "context", "source"]
WEEKDAY_COLUMNS = ["form", "weekday", "source"]
SEASON_COLUMNS = ["form", "first_month", "source"]
RELATIVE_COLUMNS = ["form", "unit", "offset", "source"]
UNITS = ("day", "week", "month", "year")


@dataclass(frozen=True, eq=False)
class Names:
    months: dict[str, tuple[str, int]]  # compact form -> (calendar, month)
    weekdays: dict[str, int | None]  # compact form -> weekday (0 = Monday), None = not a date
    month_forms: tuple[str, ...]  # as written in the data file (spaces kept, for patterns)
    loose_month_forms: tuple[str, ...]  # those that count without a year (context "day")
    weekday_forms: tuple[str, ...]
    seasons: dict[str, int] = field(default_factory=dict)  # compact form -> first Jalali month of the season
    season_forms: tuple[str, ...] = ()
    relative: dict[str, tuple[str, int]] = field(default_factory=dict)  # compact form -> (unit, offset)
    relative_forms: tuple[str, ...] = ()

    def season_of(self, written: str) -> int:
        return self.seasons[compact(written)]

    def month_of(self, written: str) -> tuple[str, int]:
        return self.months[compact(written)]

    def weekday_of(self, written: str) -> int | None:
        return self.weekdays[compact(written)]


def _form(row: dict[str, str]) -> str:
    return compact(row["form"])


def _file(data: Path, name: str) -> Path:
    p = data / name
    return p if p.exists() else DATA / name


def load_names(data: Path | str | None = None) -> Names:
    """Read and check months.tsv and weekdays.tsv of `data` (LexiconError with file and line on a bad row)."""
    base = Path(data) if data is not None else DATA
    months: dict[str, tuple[str, int]] = {}
    month_forms: list[str] = []
    loose: list[str] = []
    for where, row in read_tsv(_file(base, "months.tsv"), MONTH_COLUMNS, key=_form):
        form, calendar, month, context = row["form"], row["calendar"], row["month"], row["context"]
        if not compact(form):
            raise LexiconError(where, "empty form")
        if calendar not in ("jalali", "gregorian"):
            raise LexiconError(where, f"calendar must be jalali or gregorian, not {calendar!r}")
        if not month.isdigit() or not 1 <= int(month) <= 12:
            raise LexiconError(where, f"month must be 1-12, not {month!r}")
        if context not in ("day", "year"):
            raise LexiconError(where, f"context must be day or year, not {context!r}")
        months[compact(form)] = (calendar, int(month))
        month_forms.append(form)
        if context == "day":
            loose.append(form)
    weekdays: dict[str, int | None] = {}
    weekday_forms: list[str] = []
    for where, row in read_tsv(_file(base, "weekdays.tsv"), WEEKDAY_COLUMNS, key=_form):
        form, weekday = row["form"], row["weekday"]
        if not compact(form):
            raise LexiconError(where, "empty form")
        if weekday != "-" and weekday not in tuple("0123456"):
            raise LexiconError(where, f"weekday must be 0 (Monday) … 6 (Sunday) or -, not {weekday!r}")
        weekdays[compact(form)] = None if weekday == "-" else int(weekday)
        weekday_forms.append(form)
    seasons: dict[str, int] = {}
    season_forms: list[str] = []
    for where, row in read_tsv(_file(base, "seasons.tsv"), SEASON_COLUMNS, key=_form):
        form, first = row["form"], row["first_month"]
        if not compact(form):
            raise LexiconError(where, "empty form")
        if not first.isdigit() or int(first) not in (1, 4, 7, 10):
            raise LexiconError(where, f"first_month must be 1, 4, 7 or 10, not {first!r}")
        seasons[compact(form)] = int(first)
        season_forms.append(form)
    relative: dict[str, tuple[str, int]] = {}
    relative_forms: list[str] = []
    for where, row in read_tsv(_file(base, "relative_dates.tsv"), RELATIVE_COLUMNS, key=_form):
        form, unit, offset = row["form"], row["unit"], row["offset"]
        if not compact(form):
            raise LexiconError(where, "empty form")
        if unit not in UNITS:
            raise LexiconError(where, f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
        if not offset.lstrip("+-").isdigit() or abs(int(offset)) > 9:
            raise LexiconError(where, f"offset must be a whole number from -9 to 9, not {offset!r}")
        relative[compact(form)] = (unit, int(offset))
        relative_forms.append(form)
    return Names(months, weekdays, tuple(month_forms), tuple(loose), tuple(weekday_forms), seasons,
                 tuple(season_forms), relative, tuple(relative_forms))


@lru_cache(maxsize=1)
def builtin() -> Names:
    """The built-in month and weekday names, loaded once."""
    return load_names()
