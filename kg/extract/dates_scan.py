"""Find date expressions in Persian text: what is written, not yet what it means (see kg.extract.dates_resolve).

Every pattern runs on the folded copy of the text (kg.extract.dates_data.fold, same length), so match offsets are
offsets in the original. All candidates of all patterns are collected; the longest win, overlaps are dropped.
Some candidates are "void": phrases that contain a date word but are not dates ("امام جمعه", "دو سال گذشته");
they take part in the choice so that the word inside them is not read as a date, and are then dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.extract.dates_data import END, END_WORD, GAP, START, Names, alternation, compact, fold, names

# Ordinal day words. Composites ("بیست و یکم") are built from these below.
_ORDINAL_UNITS = {"یکم": 1, "دوم": 2, "سوم": 3, "چهارم": 4, "پنجم": 5, "ششم": 6, "هفتم": 7, "هشتم": 8, "نهم": 9}
_ORDINAL_OTHER = {"اول": 1, "دهم": 10, "یازدهم": 11, "دوازدهم": 12, "سیزدهم": 13, "چهاردهم": 14, "پانزدهم": 15,
                  "شانزدهم": 16, "هفدهم": 17, "هفدم": 17, "هجدهم": 18, "هیجدهم": 18, "نوزدهم": 19, "بیستم": 20,
                  "سی ام": 30, "سی و یکم": 31}

# "سه روز پیش", "دو هفته قبل", "یک ماه دیگر": a count of units before or after the publication date.
COUNTS = {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9, "ده": 10}
_UNITS = {"روز": ("day", 1), "هفته": ("day", 7), "ماه": ("month", 1), "سال": ("year", 1)}
_AGO = {"پیش": -1, "قبل": -1, "دیگر": 1}
# A year relative to the publication date after a month ("تیر سال جاری"); "past" = the latest not after it.
_YEAR_AFTER_MONTH = {"سال جاری": "current", "امسال": "current", "سال گذشته": "previous", "پارسال": "previous",
                     "سال قبل": "previous", "سال آینده": "next", "سال آتی": "next", "گذشته": "past"}
_ERAS = {"میلادی": "gregorian", "شمسی": "jalali", "خورشیدی": "jalali", "هجری شمسی": "jalali",
         "هجری خورشیدی": "jalali", "قمری": "qamari", "هجری قمری": "qamari"}
_DAY_PARTS = ("شب", "صبح", "ظهر", "عصر", "بعد از ظهر", "بامداد")
# A count before "سال گذشته" etc. makes it a duration ("دو سال گذشته": the past two years), not a date.
_COUNT_BEFORE = re.compile(r"(?<!\w)(?:[0-9]+|یک|دو|سه|چهار|پنج|شش|هفت|هشت|نه|ده|چند|چندین|طول)" + GAP + r"$")
YEAR_RANGES = {"jalali": (1200, 1499), "gregorian": (1800, 2199)}


@dataclass(frozen=True)
class Parsed:
    """One date expression as written. Offsets are code points into the original text."""

    start: int
    end: int
    kind: str  # absolute | day-month | month-year | month | year | relative | weekday | void
    calendar: str | None = None  # jalali | gregorian
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_rel: str | None = None  # current | previous | next | past: the year relative to publication
    weekday: int | None = None  # a weekday stated beside the date (0 = Monday)
    weekday_text: str | None = None
    relative: tuple[str, int] | None = None  # (unit, offset) of a relative word
    relative_text: str | None = None
    months: int = 1  # months the expression covers from `month` (3 for a season)


def _ordinals() -> dict[str, int]:
    out = {compact(k): v for k, v in {**_ORDINAL_UNITS, **_ORDINAL_OTHER}.items()}
    for unit, value in _ORDINAL_UNITS.items():
        out[compact(f"بیست و {unit}")] = 20 + value
    return out


ORDINALS = _ordinals()


def _ordinal_forms() -> list[str]:
    forms = [*_ORDINAL_UNITS, *_ORDINAL_OTHER]
    return forms + [f"بیست و {u}" for u in _ORDINAL_UNITS]


def patterns(n: Names | None = None) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(kind, compiled regex) of every date pattern for the month and weekday names `n` (default: the built-in
    ones), built once per set of names."""
    return _patterns(n or names())


@lru_cache(maxsize=8)
def _patterns(n: Names) -> tuple[tuple[str, re.Pattern[str]], ...]:
    real_weekdays = [f for f in n.weekday_forms if n.weekday_of(f) is not None]
    mon = alternation(list(n.month_forms))
    loose = alternation(list(n.loose_month_forms))
    wd = alternation(real_weekdays)
    ordinal = alternation(_ordinal_forms())
    day = rf"(?P<day>(?<![0-9/.])(?<![0-9]-)[0-9]{{1,2}}(?![0-9])|(?<!\w){ordinal})"
    month = rf"(?P<mon>{mon})(?:{GAP}ماه)?{END_WORD}"
    loose_month = rf"(?P<mon>{loose})(?:{GAP}ماه)?{END_WORD}"
    era = rf"(?:{GAP}(?P<era>{alternation(list(_ERAS))}){END})?"
    year = rf"(?:سال{GAP})?(?P<year>[0-9]{{4}})(?![0-9]){era}"
    rely = rf"(?P<rely>{alternation(list(_YEAR_AFTER_MONTH))}){END}"
    weekday = rf"(?:(?P<wop>\(){GAP})?(?P<wd>{wd}){END}(?(wop){GAP}\))"
    prefix = rf"(?:(?P<rel>امروز|دیروز|فردا){END}{GAP}(?:[,،]{GAP})?)?(?:(?:روز{GAP})?{weekday}{GAP}(?:[,،]{GAP})?)?"
    numeric = r"(?<![0-9/.\-])(?P<a>[0-9]{4})(?P<sep>[/\-.])(?P<b>[0-9]{1,2})(?P=sep)(?P<c>[0-9]{1,2})(?![0-9])"

    def wrapped(body: str) -> str:
        return rf"{START}{prefix}(?:(?P<dop>\(){GAP})?{body}(?(dop){GAP}\))"

    relw = alternation(list(n.relative_forms))
    relw_week = alternation([f for f in n.relative_forms if n.relative[compact(f)][0] == "week"])
    table = (
        ("absolute", wrapped(numeric)),
        ("absolute", wrapped(rf"{day}{GAP}{month}{GAP}{year}")),
        ("absolute", rf"{START}(?P<mon>{mon}){END_WORD}{GAP}(?P<day>[0-9]{{1,2}})(?![0-9]){GAP},?{GAP}{year}"),
        ("day-month", wrapped(rf"{day}{GAP}{loose_month}(?:{GAP}{rely})?")),
        ("month-year", rf"{START}(?:ماه{GAP})?{month}{GAP}{year}"),
        ("month-year", rf"{START}(?:ماه{GAP})?{loose_month}{GAP}{rely}"),
        ("month", rf"{START}(?:ماه{GAP}(?P<mon>{loose})|(?P<mon2>{loose}){GAP}ماه){END_WORD}"),
        ("season", rf"{START}(?P<season>{alternation(list(n.season_forms))}){END_WORD}{GAP}{year}"),
        ("season", rf"{START}(?P<season>{alternation(list(n.season_forms))}){END_WORD}{GAP}{rely}"),
        ("year", rf"{START}سال{GAP}(?P<year>[0-9]{{4}})(?![0-9]){era}"),
        ("year", rf"{START}(?P<year>[0-9]{{4}}){GAP}(?P<era>{alternation(list(_ERAS))}){END}"),
        ("relative", rf"{START}(?P<cnt>[0-9]{{1,3}}|{alternation(list(COUNTS))}){GAP}"
                     rf"(?P<unit>{alternation(list(_UNITS))}){GAP}(?P<ago>{alternation(list(_AGO))}){END}"
                     rf"(?!{GAP}از{END})"),  # not "دو روز قبل از X"
        ("relative", rf"{START}(?P<relw>{relw}){END}(?:{GAP}{weekday})?"),
        ("relative", rf"{START}(?:روز{GAP})?(?P<wd>{wd}){END}{GAP}(?P<relw>{relw_week}){END}"),
        ("weekday", rf"{START}(?:روز{GAP})?(?P<wd>{alternation(list(n.weekday_forms))}){END}"
                    rf"(?:{GAP}(?:{alternation(list(_DAY_PARTS))}){END})?"),
    )
    return tuple((kind, re.compile(rx)) for kind, rx in table)


def _day(written: str) -> int:
    return int(written) if written.isdigit() else ORDINALS[compact(written)]


def _calendar_of_year(year: int, era: str | None) -> str | None:
    """Which calendar a written year is in (by era word, else by magnitude); None when not a usable year."""
    cal = _ERAS[era] if era else None
    if cal is None:
        cal = "gregorian" if year >= YEAR_RANGES["gregorian"][0] else "jalali"
    if cal == "qamari":
        return "qamari"
    lo, hi = YEAR_RANGES[cal]
    return cal if lo <= year <= hi else None


def _era_key(written: str) -> str:
    return next(k for k in _ERAS if compact(k) == compact(written))


def build(kind: str, m: re.Match[str], folded: str, n: Names | None = None) -> Parsed | None:
    """A Parsed from one match, or None when the match is not a date after all (wrong calendar, odd year)."""
    g = {k: v for k, v in m.groupdict().items() if v is not None}
    n = n or names()
    fields: dict[str, object] = {}
    if "wd" in g:
        weekday = n.weekday_of(g["wd"])
        if weekday is None:
            return Parsed(m.start(), m.end(), "void")
        fields.update(weekday=weekday, weekday_text=g["wd"])
    if "cnt" in g:  # "سه روز پیش": so many units before (or after) the publication date
        count = int(g["cnt"]) if g["cnt"].isdigit() else COUNTS[compact(g["cnt"])]
        unit, size = _UNITS[compact(g["unit"])]
        sign = _AGO[compact(g["ago"])]
        fields.update(relative=(unit, sign * count * size), relative_text=m.group(0).strip())
    if "rel" in g or "relw" in g:
        text = g.get("rel") or g["relw"]
        rel = n.relative[compact(text)]
        if "relw" in g and _COUNT_BEFORE.search(folded[max(0, m.start() - 20) : m.start()]):
            return Parsed(m.start(), m.end(), "void")
        if rel[0] not in ("day", "week") and "wd" in g:  # "ماه گذشته (شنبه)": read the relative word alone
            return None
        fields.update(relative=rel, relative_text=text)
    if "a" in g:
        a, b, c = int(g["a"]), int(g["b"]), int(g["c"])
        cal = _calendar_of_year(a, None)
        if cal is None:
            return None
        fields.update(calendar=cal, year=a, month=b, day=c)
    if "season" in g:  # "بهار ۱۳۹۹": three Jalali months
        fields.update(calendar="jalali", month=n.season_of(g["season"]), months=3)
    mon = g.get("mon") or g.get("mon2")
    if mon:
        cal, month = n.month_of(mon)
        fields.update(calendar=cal, month=month)
    if "day" in g:
        fields["day"] = _day(g["day"])
    if "year" in g:
        year = int(g["year"])
        cal = _calendar_of_year(year, _era_key(g["era"]) if "era" in g else None)
        if cal == "qamari":
            return Parsed(m.start(), m.end(), "void")
        if cal is None or (mon and cal != fields["calendar"]):
            return None
        fields.update(calendar=cal, year=year)
    if "rely" in g:
        fields["year_rel"] = next(v for k, v in _YEAR_AFTER_MONTH.items() if compact(k) == compact(g["rely"]))
    return Parsed(m.start(), m.end(), kind, **fields)  # type: ignore[arg-type]


def scan(text: str, calendar: Names | None = None) -> list[Parsed]:
    """Date expressions of `text`, sorted by offset, non-overlapping (longest wins), void ones dropped; months and
    weekdays are those of `calendar` (a lexicon's, default the built-in ones)."""
    folded = fold(text)
    found: list[Parsed] = []
    for kind, rx in patterns(calendar):
        for m in rx.finditer(folded):
            p = build(kind, m, folded, calendar)
            if p is not None and p.end > p.start:
                found.append(p)
    chosen: list[Parsed] = []
    taken = bytearray(len(folded))  # characters already inside a chosen (longer) expression
    for p in sorted(found, key=lambda p: (p.start - p.end, p.start, p.kind)):
        if not any(taken[p.start:p.end]):
            chosen.append(p)
            taken[p.start:p.end] = b"\x01" * (p.end - p.start)
    return sorted((p for p in chosen if p.kind != "void"), key=lambda p: p.start)
