"""Dates in Persian news text (Jalali and Gregorian) and the publication date of an article.

    find_dates(text, published)  -> every date expression, with its interval resolved against `published`
    parse_published(raw)         -> the publication date from a metadata value (ISO, Jalali, Gregorian)
    infer_published(text)        -> the publication date from the text alone, and how it was found
    resolve_weekday(wd, published, direction) -> the nearest such weekday before/after publication

Spans are code points into the original text; matching runs on a folded copy of the same length
(kg.extract.dates_data). Jalali conversions go through jdatetime only (kg.extract.dates_resolve).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from kg.extract.dates_data import fold
from kg.extract.dates_resolve import (
    Impossible,
    check_day,
    resolve,
    resolve_weekday,
    to_gregorian,
)
from kg.extract.dates_scan import Parsed, scan
from kg.model import DateInfo, Span

__all__ = ["DateMention", "find_dates", "infer_published", "parse_published", "resolve_weekday"]

# How far into the text a printed date line is looked for, and what else such a line may contain.
DATE_LINE_WINDOW = 300
_DATE_LINE_EXTRA = re.compile(
    r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|تاریخ|انتشار|ساعت|منتشر|شده|به[\s\u200c]*روز[\s\u200c]*رسانی|بروزرسانی|"
    r"published|updated|[^\w]|_", re.IGNORECASE)

# A date line's words beside the date ("تاریخ انتشار", "ساعت", a time, "به روز رسانی") have fewer word characters.
MAX_DATE_LINE_LETTERS = 64
_WORD_CHAR = re.compile(r"[^\W_]")


@dataclass
class DateMention:
    span: Span  # into the original text
    text: str  # text[span.start:span.end]
    info: DateInfo | None  # None if unresolvable (relative date and no publication date) or impossible
    kind: str  # absolute | day-month | month-year | month | year | relative | weekday
    problem: str | None = None  # impossible or contradictory, in words


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Date expressions of `text`, sorted by span, non-overlapping (the longest match wins)."""
    out = []
    for p in scan(text):
        info, problem = resolve(p, published, text)
        out.append(DateMention(Span(p.start, p.end), text[p.start : p.end], info, p.kind, problem))
    return out


def parse_published(raw: str) -> date | None:
    """A metadata publication date: ISO, RFC 2822, Jalali or Gregorian in words or numbers; None if unparseable."""
    value = raw.strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    for p in scan(value):
        if p.year is not None and p.month is not None and p.day is not None:
            info, _problem = resolve(p, None, value)
            return info.earliest if info else None
    return None


def infer_published(text: str) -> tuple[date | None, str]:
    """The publication date from the text alone, and how: a date line, or a weekday that fixes the year."""
    parsed = scan(text)
    found = _from_date_line(text, parsed)
    if found is not None:
        return found
    found, why = _from_weekday(text, parsed)
    if found is not None:
        return found, why
    return None, f"not inferable: no date line near the top and {why}"


def _full_day(p: Parsed) -> bool:
    return p.year is not None and p.month is not None and p.day is not None


def _from_date_line(text: str, parsed: list[Parsed]) -> tuple[date, str] | None:
    """A line holding only a full date (with time, weekday, "تاریخ انتشار" …), else a full date near the top."""
    full = [p for p in parsed if _full_day(p)]
    letters: dict[int, int] = {}  # line start -> word characters on the line (counted once per line)
    for p in full:
        line_start = text.rfind("\n", 0, p.start) + 1
        line_end = text.find("\n", p.end)
        line_end = len(text) if line_end < 0 else line_end
        if line_start not in letters:
            letters[line_start] = len(_WORD_CHAR.findall(text, line_start, line_end))
        if letters[line_start] - len(_WORD_CHAR.findall(text, p.start, p.end)) > MAX_DATE_LINE_LETTERS:
            continue  # a line of running text, not a date line (and not folded again for each of its dates)
        rest = fold(text[line_start : p.start] + " " + text[p.end : line_end])
        info, problem = resolve(p, None, text)
        if info is not None and not problem and not _DATE_LINE_EXTRA.sub("", rest):
            return info.earliest, f"date line: {info.as_stated}"
    for p in full:
        if p.start < DATE_LINE_WINDOW:
            info, problem = resolve(p, None, text)
            if info is not None and not problem:
                return info.earliest, f"date near the top: {info.as_stated}"
    return None


def _mentioned_years(parsed: list[Parsed], calendar: str) -> list[int]:
    """Explicit years of the text, in `calendar` (a year of the other calendar gives the two it overlaps)."""
    years: set[int] = set()
    for p in parsed:
        if p.year is None or p.year_rel is not None:
            continue
        if p.calendar == calendar:
            years.add(p.year)
        elif calendar == "jalali":
            years.update((p.year - 622, p.year - 621))
        else:
            years.update((p.year + 621, p.year + 622))
    return sorted(years)


def _matching_years(p: Parsed, candidates: list[int]) -> list[int]:
    assert p.calendar is not None and p.month is not None and p.day is not None
    out = []
    for year in candidates:
        try:
            check_day(p.calendar, year, p.month, p.day)
        except Impossible:
            continue
        if to_gregorian(p.calendar, year, p.month, p.day).weekday() == p.weekday:
            out.append(year)
    return out


def _from_weekday(text: str, parsed: list[Parsed]) -> tuple[date | None, str]:
    """A weekday beside a day and month without year ("امروز (یکشنبه) ۲۹ بهمن ماه"): the year that matches."""
    cues = [p for p in parsed if p.weekday is not None and p.day is not None and p.month is not None
            and p.year is None and p.year_rel is None]
    cues.sort(key=lambda p: (p.relative is None, p.start))  # "امروز …" first
    why = "no weekday beside a day and month"
    for p in cues:
        assert p.calendar is not None and p.month is not None and p.day is not None
        mentioned = _mentioned_years(parsed, p.calendar)
        if not mentioned:
            return None, f"{text[p.start : p.end]} has no year and the text mentions none"
        candidates = sorted({y + k for y in mentioned for k in (-1, 0, 1, 2)})
        matching = _matching_years(p, candidates)
        if not matching:
            why = f"the weekday of {text[p.start : p.end]} matches no year near those mentioned"
            continue
        later = [y for y in matching if y >= mentioned[-1]]
        year = later[0] if later else matching[-1]
        day = to_gregorian(p.calendar, year, p.month, p.day)
        offset = p.relative[1] if p.relative is not None and p.relative[0] == "day" else 0
        published = date.fromordinal(day.toordinal() - offset)
        stated = text[p.start : p.end]
        years = ", ".join(str(y) for y in mentioned)
        return published, f"weekday match: {stated} → {year} (years mentioned: {years})"
    return None, why
