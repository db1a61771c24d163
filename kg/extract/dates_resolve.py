"""What a date expression means: calendar arithmetic (Jalali through jdatetime only) and checks.

`resolve(parsed, published)` returns (DateInfo or None, problem or None). A problem is an impossible date
("30 Esfand 1401 does not exist …") or a contradiction (a weekday that does not match); impossible dates get no
DateInfo, contradictions keep the explicit date and say what does not match.
"""

from __future__ import annotations

import calendar as gcal
from datetime import date, timedelta

import jdatetime

from kg.extract.dates_scan import Parsed
from kg.model import DateInfo, Span

JALALI_MONTHS = ("Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey",
                 "Bahman", "Esfand")
GREGORIAN_MONTHS = tuple(gcal.month_name)[1:]  # "January" …; the C locale's names, fixed
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# A day-month without a year is taken in the publication's year unless that is more than this after publication.
FUTURE_TOLERANCE = timedelta(days=61)
DIRECTIONS = ("past", "future")


class Impossible(ValueError):
    """A date that does not exist; the message says why."""


def resolve_weekday(weekday: int, published: date, direction: str = "past") -> date:
    """The nearest `weekday` (0 = Monday) on or before (`past`) or on or after (`future`) `published`."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    back = (published.weekday() - weekday) % 7
    if direction == "past":
        return published - timedelta(days=back)
    return published + timedelta(days=(weekday - published.weekday()) % 7)


def jalali_year(d: date) -> int:
    return jdatetime.date.fromgregorian(date=d).year


def month_length(cal: str, year: int | None, month: int) -> int:
    """Days in the month; with no year, the most it can have (Esfand 30, February 29)."""
    if cal == "jalali":
        if month < 12:
            return int(jdatetime.j_days_in_month[month - 1])
        return 30 if year is None or jdatetime.date(year, 12, 1).isleap() else 29
    return 29 if year is None and month == 2 else gcal.monthrange(year or 2000, month)[1]


def month_name(cal: str, month: int) -> str:
    return (JALALI_MONTHS if cal == "jalali" else GREGORIAN_MONTHS)[month - 1]


def check_day(cal: str, year: int | None, month: int, day: int | None) -> None:
    """Raise Impossible when month or day do not exist."""
    if not 1 <= month <= 12:
        raise Impossible(f"month {month} does not exist")
    if day is None:
        return
    longest = month_length(cal, year, month)
    if 1 <= day <= longest:
        return
    name = month_name(cal, month)
    stated = f"{day} {name}" + (f" {year}" if year is not None else "")
    if day < 1 or day > 31:
        raise Impossible(f"{stated} does not exist (no day {day} in any month)")
    if cal == "jalali" and month == 12 and year is not None and day == 30:
        raise Impossible(f"{stated} does not exist ({year} is not a leap year)")
    if cal == "gregorian" and year is not None:
        raise Impossible(f"{stated} does not exist ({name} {year} has {longest} days)")
    most = "at most " if year is None and longest < 31 and (cal, month) in (("jalali", 12), ("gregorian", 2)) else ""
    raise Impossible(f"{stated} does not exist ({name} has {most}{longest} days)")


def to_gregorian(cal: str, year: int, month: int, day: int) -> date:
    if cal == "jalali":
        return jdatetime.date(year, month, day).togregorian()
    return date(year, month, day)


def year_of(cal: str, d: date) -> int:
    return jalali_year(d) if cal == "jalali" else d.year


def month_bounds(cal: str, year: int, month: int) -> tuple[date, date]:
    return to_gregorian(cal, year, month, 1), to_gregorian(cal, year, month, month_length(cal, year, month))


def year_bounds(cal: str, year: int) -> tuple[date, date]:
    return month_bounds(cal, year, 1)[0], month_bounds(cal, year, 12)[1]


def choose_year(p: Parsed, published: date) -> tuple[int, str]:
    """The year of a month/day-month written without one, and a note saying how it was chosen."""
    assert p.calendar is not None and p.month is not None
    this = year_of(p.calendar, published)
    offset = {"current": 0, "previous": -1, "next": 1}.get(p.year_rel or "")
    if offset is not None:
        return this + offset, f"year {this + offset} from '{p.year_rel} year' and the publication date"
    first = to_gregorian(p.calendar, this, p.month, min(p.day or 1, month_length(p.calendar, this, p.month)))
    if p.year_rel == "past":
        if first > published:
            return this - 1, f"year {this - 1}: the latest such month not after publication"
        return this, f"year {this}: the latest such month not after publication"
    if first > published + FUTURE_TOLERANCE:
        return this - 1, (f"year {this - 1}: in {this} it would be more than two months after publication, "
                          "news reports the past")
    return this, f"year {this} inferred from the publication date"


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + offset
    return k // 12, k % 12 + 1


def relative_bounds(unit: str, offset: int, published: date) -> tuple[date, date, str]:
    """(earliest, latest, precision) of a relative expression; weeks run Saturday to Friday, months are Jalali."""
    if unit == "day":
        d = published + timedelta(days=offset)
        return d, d, "Day"
    if unit == "week":
        saturday = published - timedelta(days=(published.weekday() - 5) % 7) + timedelta(days=7 * offset)
        return saturday, saturday + timedelta(days=6), "Month"
    jd = jdatetime.date.fromgregorian(date=published)
    if unit == "month":
        y, m = _shift_month(jd.year, jd.month, offset)
        return *month_bounds("jalali", y, m), "Month"
    return *year_bounds("jalali", jd.year + offset), "Year"


def _explicit(p: Parsed, published: date | None) -> tuple[date, date, str, str | None] | None:
    """Bounds of a date with a month (and maybe day and year); None when the year is unknown and unguessable."""
    assert p.calendar is not None and p.month is not None
    check_day(p.calendar, p.year, p.month, p.day)
    year, note = p.year, None
    if year is None:
        if published is None:
            return None
        year, note = choose_year(p, published)
        check_day(p.calendar, year, p.month, p.day)
    if p.day is not None:
        d = to_gregorian(p.calendar, year, p.month, p.day)
        return d, d, "Day", note
    if p.months > 1:  # a season: its first month to its last
        last = month_bounds(p.calendar, year, p.month + p.months - 1)[1]
        return month_bounds(p.calendar, year, p.month)[0], last, "Month", note
    return *month_bounds(p.calendar, year, p.month), "Month", note


def _bounds(p: Parsed, published: date | None) -> tuple[date, date, str, str | None] | None:
    if p.month is not None:
        return _explicit(p, published)
    if p.year is not None and p.calendar is not None:
        return *year_bounds(p.calendar, p.year), "Year", None
    if published is None:
        return None
    if p.relative is not None and p.relative[0] == "week" and p.weekday is not None:
        saturday = relative_bounds(*p.relative, published)[0]  # "سه‌شنبه هفته آینده": that week's Tuesday
        d = saturday + timedelta(days=(p.weekday - 5) % 7)
        return d, d, "Day", f"{WEEKDAYS_EN[p.weekday]} of the week (Saturday to Friday) named"
    if p.relative is not None:
        lo, hi, precision = relative_bounds(*p.relative, published)
        note = "a week, Saturday to Friday" if p.relative[0] == "week" else None
        return lo, hi, precision, note
    if p.weekday is not None:
        d = resolve_weekday(p.weekday, published, "past")
        return d, d, "Day", f"nearest {WEEKDAYS_EN[p.weekday]} on or before publication"
    return None


def contradiction(p: Parsed, lo: date, precision: str, published: date | None) -> str | None:
    """What does not match between the parts of one expression (weekday, "today", explicit date)."""
    if precision != "Day":
        return None
    if p.weekday is not None and lo.weekday() != p.weekday:
        return f"weekday {p.weekday_text} does not match {lo.isoformat()} (a {WEEKDAYS_EN[lo.weekday()]})"
    if p.relative is not None and p.month is not None and published is not None and p.relative[0] == "day":
        meant = published + timedelta(days=p.relative[1])
        if meant != lo:
            return (f"{p.relative_text} is {meant.isoformat()} by the publication date, "
                    f"but the date says {lo.isoformat()}")
    return None


def resolve(p: Parsed, published: date | None, text: str) -> tuple[DateInfo | None, str | None]:
    """(DateInfo or None, problem or None) of one expression of `text`."""
    try:
        bounds = _bounds(p, published)
    except Impossible as exc:
        return None, str(exc)
    except (ValueError, OverflowError) as exc:  # dates outside what datetime/jdatetime can represent
        return None, f"date out of range: {exc}"
    if bounds is None:
        return None, None
    lo, hi, precision, note = bounds
    span = Span(p.start, p.end)
    info = DateInfo(lo, hi, precision, text[p.start : p.end], span, note)
    return info, contradiction(p, lo, precision, published)
