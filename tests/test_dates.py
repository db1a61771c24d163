"""Dates in Persian text: forms, intervals, weekdays, impossible dates, publication dates (kg.extract.dates)."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import LexiconError
from kg.extract.dates import find_dates, infer_published, parse_published, resolve_weekday
from kg.extract.dates_data import load_names

PUB = date(2024, 2, 18)  # 29 Bahman 1402, a Sunday
EARLY = date(2024, 4, 3)  # 15 Farvardin 1403
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_b8878e3335182e53.txt"
D = date.fromisoformat

# (sentence, published, [(matched text, earliest, latest, precision)]); an empty list is a negative.
CASES = [
    # Jalali day month year, all digit kinds, ordinals, glued/split "ماه", Arabic letters
    ("وی در ۷ بهمن ۱۴۰۱ به تهران آمد.", None, [("۷ بهمن ۱۴۰۱", "2023-01-27", "2023-01-27", "Day")]),
    ("وی در ٧ بهمن ١٤٠١ به تهران آمد.", None, [("٧ بهمن ١٤٠١", "2023-01-27", "2023-01-27", "Day")]),
    ("وی در 7 بهمن ۱4۰1 به تهران آمد.", None, [("7 بهمن ۱4۰1", "2023-01-27", "2023-01-27", "Day")]),
    ("وی در هفتم بهمن ۱۴۰۱ آمد.", None, [("هفتم بهمن ۱۴۰۱", "2023-01-27", "2023-01-27", "Day")]),
    ("در بیست و نهم بهمن ۱۴۰۲ دیدار کردند.", None, [("بیست و نهم بهمن ۱۴۰۲", "2024-02-18", "2024-02-18", "Day")]),
    ("در بیست‌ونهم بهمن‌ماه ۱۴۰۲ دیدار کردند.", None,
     [("بیست‌ونهم بهمن‌ماه ۱۴۰۲", "2024-02-18", "2024-02-18", "Day")]),
    ("در ۲۹ بهمن ماه ۱۴۰۲ دیدار کردند.", None, [("۲۹ بهمن ماه ۱۴۰۲", "2024-02-18", "2024-02-18", "Day")]),
    ("یکم فروردین ۱۴۰۳ نوروز بود.", None, [("یکم فروردین ۱۴۰۳", "2024-03-20", "2024-03-20", "Day")]),
    ("سی‌ام اسفند ۱۴۰۳ آخرین روز بود.", None, [("سی‌ام اسفند ۱۴۰۳", "2025-03-20", "2025-03-20", "Day")]),
    ("در ۲۵ تير ۱۴۰۳ آمد.", None, [("۲۵ تير ۱۴۰۳", "2024-07-15", "2024-07-15", "Day")]),
    ("تاریخ ۱۴۰۲/۱۱/۲۹ ثبت شد.", None, [("۱۴۰۲/۱۱/۲۹", "2024-02-18", "2024-02-18", "Day")]),
    ("تاریخ 1402-11-29 ثبت شد.", None, [("1402-11-29", "2024-02-18", "2024-02-18", "Day")]),
    # Gregorian
    ("در ۱۸ فوریه ۲۰۲۴ امضا شد.", None, [("۱۸ فوریه ۲۰۲۴", "2024-02-18", "2024-02-18", "Day")]),
    ("signed on 18 February 2024.", None, [("18 February 2024", "2024-02-18", "2024-02-18", "Day")]),
    ("signed on February 18, 2024.", None, [("February 18, 2024", "2024-02-18", "2024-02-18", "Day")]),
    ("در 2024-02-18 امضا شد.", None, [("2024-02-18", "2024-02-18", "2024-02-18", "Day")]),
    ("در ۲۰۲۴/۰۲/۱۸ امضا شد.", None, [("۲۰۲۴/۰۲/۱۸", "2024-02-18", "2024-02-18", "Day")]),
    ("در ۱۸ می ۲۰۲۴ امضا شد.", None, [("۱۸ می ۲۰۲۴", "2024-05-18", "2024-05-18", "Day")]),
    # month + year, and month + year relative to publication
    ("در تیر ۱۴۰۲ سفر کرد.", None, [("تیر ۱۴۰۲", "2023-06-22", "2023-07-22", "Month")]),
    ("در تیرماه سال ۱۴۰۲ سفر کرد.", None, [("تیرماه سال ۱۴۰۲", "2023-06-22", "2023-07-22", "Month")]),
    ("در اسفند ۱۴۰۳ سفر کرد.", None, [("اسفند ۱۴۰۳", "2025-02-19", "2025-03-20", "Month")]),
    ("سفر تیر سالجاری به باکو", PUB, [("تیر سالجاری", "2023-06-22", "2023-07-22", "Month")]),
    ("سفر تیر سال‌جاری به باکو", PUB, [("تیر سال‌جاری", "2023-06-22", "2023-07-22", "Month")]),
    ("سفر تیر امسال به باکو", PUB, [("تیر امسال", "2023-06-22", "2023-07-22", "Month")]),
    ("سفر تیر سال گذشته به باکو", PUB, [("تیر سال گذشته", "2022-06-22", "2022-07-22", "Month")]),
    ("سفر تیر پارسال به باکو", PUB, [("تیر پارسال", "2022-06-22", "2022-07-22", "Month")]),
    ("سفر تیر سالجاری به باکو", None, [("تیر سالجاری", None, None, None)]),
    # day + month without year: publication year, or the year before when that would be > 2 months ahead
    ("در اول آبان به تهران آمد.", PUB, [("اول آبان", "2023-10-23", "2023-10-23", "Day")]),
    ("در ۲۹ بهمن ماه گفت.", PUB, [("۲۹ بهمن ماه", "2024-02-18", "2024-02-18", "Day")]),
    ("هفتم بهمن سال جاری جلسه بود.", PUB, [("هفتم بهمن سال جاری", "2024-01-27", "2024-01-27", "Day")]),
    ("در ۱۰ فروردین آمد.", PUB, [("۱۰ فروردین", "2023-03-30", "2023-03-30", "Day")]),
    ("در ۱۰ اسفند آمد.", EARLY, [("۱۰ اسفند", "2024-02-29", "2024-02-29", "Day")]),  # 1403 would be far ahead
    ("در ۱۰ خرداد می‌آید.", EARLY, [("۱۰ خرداد", "2024-05-30", "2024-05-30", "Day")]),  # 57 days ahead: 1403
    ("در ۱۰ اردیبهشت آمد.", PUB, [("۱۰ اردیبهشت", "2023-04-30", "2023-04-30", "Day")]),
    ("در ۱۰ دی آمد.", PUB, [("۱۰ دی", "2023-12-31", "2023-12-31", "Day")]),
    ("در اول آبان آمد.", None, [("اول آبان", None, None, None)]),
    ("در مهرماه آمد.", PUB, [("مهرماه", "2023-09-23", "2023-10-22", "Month")]),
    # year alone
    ("در سال ۱۴۰۱ سفر کرد.", None, [("سال ۱۴۰۱", "2022-03-21", "2023-03-20", "Year")]),
    ("در سال ۲۰۲۳ میلادی سفر کرد.", None, [("سال ۲۰۲۳ میلادی", "2023-01-01", "2023-12-31", "Year")]),
    ("روابط در ۱۹۶۱ میلادی برقرار شد.", None, [("۱۹۶۱ میلادی", "1961-01-01", "1961-12-31", "Year")]),
    ("در ۱۳۵۷ هجری شمسی", None, [("۱۳۵۷ هجری شمسی", "1978-03-21", "1979-03-20", "Year")]),
    # relative
    ("وزیر امروز گفت.", PUB, [("امروز", "2024-02-18", "2024-02-18", "Day")]),
    ("وزیر دیروز گفت و فردا می‌رود.", PUB,
     [("دیروز", "2024-02-17", "2024-02-17", "Day"), ("فردا", "2024-02-19", "2024-02-19", "Day")]),
    ("پریروز رسید و پس‌فردا می‌رود.", PUB,
     [("پریروز", "2024-02-16", "2024-02-16", "Day"), ("پس‌فردا", "2024-02-20", "2024-02-20", "Day")]),
    ("وزیر امشب می‌رسد.", PUB, [("امشب", "2024-02-18", "2024-02-18", "Day")]),
    ("وزیر روز گذشته گفت.", PUB, [("روز گذشته", "2024-02-17", "2024-02-17", "Day")]),
    ("هفته گذشته دیدار کردند.", PUB, [("هفته گذشته", "2024-02-10", "2024-02-16", "Month")]),
    ("هفته آینده دیدار می‌کنند.", PUB, [("هفته آینده", "2024-02-24", "2024-03-01", "Month")]),
    ("ماه گذشته دیدار کردند.", PUB, [("ماه گذشته", "2023-12-22", "2024-01-20", "Month")]),
    ("امسال دیدار کردند.", PUB, [("امسال", "2023-03-21", "2024-03-19", "Year")]),
    ("پارسال دیدار کردند.", PUB, [("پارسال", "2022-03-21", "2023-03-20", "Year")]),
    ("وزیر امروز گفت.", None, [("امروز", None, None, None)]),
    ("سه روز پیش دیدار کردند.", PUB, [("سه روز پیش", "2024-02-15", "2024-02-15", "Day")]),
    ("۲ روز قبل دیدار کردند.", PUB, [("۲ روز قبل", "2024-02-16", "2024-02-16", "Day")]),
    ("یک هفته پیش دیدار کردند.", PUB, [("یک هفته پیش", "2024-02-11", "2024-02-11", "Day")]),
    ("دو ماه پیش دیدار کردند.", PUB, [("دو ماه پیش", "2023-11-22", "2023-12-21", "Month")]),
    ("سه روز دیگر دیدار می‌کنند.", PUB, [("سه روز دیگر", "2024-02-21", "2024-02-21", "Day")]),
    ("دو روز قبل از سفر دیدار کردند.", PUB, []),  # before another event, not before the report
    # weekdays: nearest on or before publication
    ("روز دوشنبه دیدار کرد.", PUB, [("روز دوشنبه", "2024-02-12", "2024-02-12", "Day")]),
    ("شنبه شب بازگشت.", PUB, [("شنبه شب", "2024-02-17", "2024-02-17", "Day")]),
    ("یک‌شنبه آمد.", PUB, [("یک‌شنبه", "2024-02-18", "2024-02-18", "Day")]),
    ("سه‌شنبه آمد.", PUB, [("سه‌شنبه", "2024-02-13", "2024-02-13", "Day")]),
    ("چهارشنبه (۱۴ تیرماه) سفر کرد.", PUB, [("چهارشنبه (۱۴ تیرماه)", "2023-07-05", "2023-07-05", "Day")]),
    ("امروز (یکشنبه) ۲۹ بهمن ماه گفت.", PUB, [("امروز (یکشنبه) ۲۹ بهمن ماه", "2024-02-18", "2024-02-18", "Day")]),
    # negatives: numbers, homographs, durations, words inside words
    ("او ۱۴۰۰ نفر را دید و ۲۰۲۳ بار گفت.", PUB, []),
    ("مهر و موم شد و دی‌ان‌ای بررسی شد.", PUB, []),
    ("بهمن گفت که آذر می‌آید و تیر شلیک شد.", PUB, []),
    ("عدد به ۵ می رسد و ۱۰ می‌رود.", PUB, []),
    ("در ۱۲۰ تیر شلیک شد.", PUB, []),
    ("طی دو سال گذشته و چند روز گذشته تنش بود.", PUB, []),
    ("در روزهای گذشته و سال‌های اخیر و ماه‌های آینده", PUB, []),
    ("امروزه روابط خوب است و فردای آن روز رفت.", PUB, []),
    ("امام جمعه تهران گفت و نماز جمعه برگزار شد.", PUB, []),
    ("جلسات شنبه‌ها برگزار می‌شود.", PUB, []),
    ("در سال ۱۴۴۵ هجری قمری", PUB, []),
    ("تیران و مهران و آبانی", PUB, []),
]


def _rows(mentions):
    out = []
    for m in mentions:
        i = m.info
        out.append((m.text, i and i.earliest.isoformat(), i and i.latest.isoformat(), i and i.precision))
    return out


@pytest.mark.parametrize(("text", "published", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_find_dates_table(text, published, expected):
    """Each form is found with its exact span text and interval; non-dates are not found."""
    assert _rows(find_dates(text, published)) == expected


@pytest.mark.parametrize(("text", "published", "note"), [
    ("۷ بهمن ۱۴۰۱", PUB, None),
    ("اول آبان", PUB, "year 1402 inferred from the publication date"),
    ("تیر امسال", PUB, "year 1402 from 'current year' and the publication date"),
    ("۱۰ اسفند", EARLY, "year 1402: in 1403 it would be more than two months after publication, news reports the past"),
])
def test_inferred_year_is_noted(text, published, note):
    """When the year is not written, DateInfo.note says how it was chosen; explicit years have no note."""
    (m,) = find_dates(text, published)
    assert m.info.note == note


def test_spans_point_into_original_text():
    """Spans are code points into the text as given (Arabic letters, ZWNJ and Persian digits kept)."""
    text = "خبر: وزير در ۲۹ بهمن‌ماه ۱۴۰۲ گفت"
    (m,) = find_dates(text, None)
    assert (m.span.start, m.span.end, m.kind) == (13, 29, "absolute")
    assert text[m.span.start : m.span.end] == m.text == m.info.as_stated
    assert m.info.span == m.span


# (text, published, expected problem)
PROBLEMS = [
    ("۳۰ اسفند ۱۴۰۱ آمد.", None, "30 Esfand 1401 does not exist (1401 is not a leap year)"),
    ("۱۴۰۰/۱۲/۳۰ آمد.", None, "30 Esfand 1400 does not exist (1400 is not a leap year)"),
    ("۳۱ مهر آمد.", PUB, "31 Mehr does not exist (Mehr has 30 days)"),
    ("۳۱ مهر آمد.", None, "31 Mehr does not exist (Mehr has 30 days)"),
    ("۳۱ فوریه آمد.", PUB, "31 February does not exist (February has at most 29 days)"),
    ("۲۹ فوریه ۲۰۲۳ آمد.", None, "29 February 2023 does not exist (February 2023 has 28 days)"),
    ("۱۴۰۲/۱۳/۰۱ آمد.", None, "month 13 does not exist"),
]


@pytest.mark.parametrize(("text", "published", "problem"), PROBLEMS)
def test_impossible_dates(text, published, problem):
    """An impossible date is still reported, with no interval and the reason in words."""
    (m,) = find_dates(text, published)
    assert (m.info, m.problem) == (None, problem)


def test_leap_esfand_30_is_fine():
    """30 Esfand exists in a leap year (1403) and has no problem."""
    (m,) = find_dates("۳۰ اسفند ۱۴۰۳", None)
    assert (m.info.earliest, m.problem) == (date(2025, 3, 20), None)


# (text, published, expected date, expected problem): the weekday is checked, never used to correct the date
WEEKDAY_CHECKS = [
    ("یکشنبه ۲۹ بهمن ۱۴۰۲ آمد.", None, "2024-02-18", None),
    ("یکشنبه ۳۰ بهمن ۱۴۰۲ آمد.", None, "2024-02-19", "weekday یکشنبه does not match 2024-02-19 (a Monday)"),
    ("امروز (یکشنبه) گفت.", PUB, "2024-02-18", None),
    ("امروز (دوشنبه) گفت.", PUB, "2024-02-18", "weekday دوشنبه does not match 2024-02-18 (a Sunday)"),
    ("چهارشنبه (۱۵ تیرماه) سفر کرد.", PUB, "2023-07-06", "weekday چهارشنبه does not match 2023-07-06 (a Thursday)"),
    ("امروز ۲۸ بهمن گفت.", PUB, "2024-02-17",
     "امروز is 2024-02-18 by the publication date, but the date says 2024-02-17"),
]


@pytest.mark.parametrize(("text", "published", "day", "problem"), WEEKDAY_CHECKS)
def test_weekday_checked_against_date(text, published, day, problem):
    """A weekday beside a date must match it; a mismatch keeps the stated date and names the problem."""
    (m,) = find_dates(text, published)
    assert (m.info.earliest.isoformat(), m.info.latest.isoformat(), m.problem) == (day, day, problem)


@pytest.mark.parametrize(("weekday", "direction", "expected"), [
    (6, "past", date(2024, 2, 18)),  # Sunday on a Sunday: that day
    (0, "past", date(2024, 2, 12)),
    (5, "past", date(2024, 2, 17)),
    (6, "future", date(2024, 2, 18)),
    (0, "future", date(2024, 2, 19)),
    (5, "future", date(2024, 2, 24)),
])
def test_resolve_weekday(weekday, direction, expected):
    """The nearest weekday on or before / on or after the publication date."""
    assert resolve_weekday(weekday, PUB, direction) == expected


def test_resolve_weekday_refuses_unknown_direction():
    """A misspelt direction is an error, not a silent default."""
    with pytest.raises(ValueError, match="direction"):
        resolve_weekday(0, PUB, "backwards")


PUBLISHED = [
    ("2024-02-18", date(2024, 2, 18)),
    ("2024-02-18T10:00:00Z", date(2024, 2, 18)),
    ("۲۹ بهمن ۱۴۰۲", date(2024, 2, 18)),
    ("1402/11/29", date(2024, 2, 18)),
    ("۱۴۰۲-۱۱-۲۹", date(2024, 2, 18)),
    ("۲۵ تير ۱۴۰۳ - ۱۴:۳۹", date(2024, 7, 15)),
    ("18 February 2024", date(2024, 2, 18)),
    ("Sun, 18 Feb 2024 10:00:00 GMT", date(2024, 2, 18)),
    ("  یکشنبه ۲۹ بهمن ۱۴۰۲ ", date(2024, 2, 18)),
    ("", None),
    ("دیروز", None),
    ("۲۹ بهمن", None),
    ("1402/12/30", None),
    ("2024", None),
    ("not a date", None),
]


@pytest.mark.parametrize(("raw", "expected"), PUBLISHED)
def test_parse_published(raw, expected):
    """Metadata dates in ISO, RFC 2822, Jalali and Gregorian forms; no day-precise date → None."""
    assert parse_published(raw) == expected


def test_infer_published_seed():
    """The seed: "امروز (یکشنبه) ۲۹ بهمن ماه" with 1401 mentioned is Sunday 29 Bahman 1402 = 2024-02-18."""
    found, how = infer_published(SEED.read_text(encoding="utf-8"))
    assert found == date(2024, 2, 18)
    assert how == "weekday match: امروز (یکشنبه) ۲۹ بهمن ماه → 1402 (years mentioned: 1401)"


INFER = [
    ("۲۵ تير ۱۴۰۳ - ۱۴:۳۹\nوزیر گفت که در ۷ بهمن ۱۴۰۱ آمد.", date(2024, 7, 15), "date line: ۲۵ تير ۱۴۰۳"),
    ("عنوان خبر\nتاریخ انتشار: 1402/11/29\nمتن", date(2024, 2, 18), "date line: 1402/11/29"),
    ("یکشنبه ۲۹ بهمن ۱۴۰۲\nمتن خبر", date(2024, 2, 18), "date line: یکشنبه ۲۹ بهمن ۱۴۰۲"),
    ("وزیر در ۷ بهمن ۱۴۰۱ گفت.", date(2023, 1, 27), "date near the top: ۷ بهمن ۱۴۰۱"),
    ("امروز چهارشنبه (۱۴ تیرماه) وزیر گفت. در سال ۱۴۰۱ سفر کرد.", date(2023, 7, 5),
     "weekday match: امروز چهارشنبه (۱۴ تیرماه) → 1402 (years mentioned: 1401)"),
    ("امروز (یکشنبه) ۲۹ بهمن ماه وزیر گفت. در سال ۲۰۲۳ میلادی سفر کرد.", date(2024, 2, 18),
     "weekday match: امروز (یکشنبه) ۲۹ بهمن ماه → 1402 (years mentioned: 1401, 1402)"),
    ("دیروز (شنبه) ۲۸ بهمن وزیر گفت. سال ۱۴۰۱ گذشت.", date(2024, 2, 18),
     "weekday match: دیروز (شنبه) ۲۸ بهمن → 1402 (years mentioned: 1401)"),
    ("روز یکشنبه ۲۹ بهمن وزیر گفت.", None,
     "not inferable: no date line near the top and روز یکشنبه ۲۹ بهمن has no year and the text mentions none"),
    ("وزیر امروز گفت.", None, "not inferable: no date line near the top and no weekday beside a day and month"),
]


@pytest.mark.parametrize(("text", "expected", "how"), INFER)
def test_infer_published(text, expected, how):
    """Publication date from a date line, else from a weekday that fixes the year, else not inferable."""
    assert infer_published(text) == (expected, how)


def test_output_is_deterministic():
    """Same input, same mentions."""
    text = SEED.read_text(encoding="utf-8")
    assert find_dates(text, PUB) == find_dates(text, PUB)


@pytest.mark.parametrize(("file", "content", "message"), [
    ("months.tsv", "form\tcalendar\tmonth\tcontext\tsource\nتیر\tjalali\t13\tday\tx\n", "month must be 1-12"),
    ("months.tsv", "form\tcalendar\tmonth\tcontext\tsource\nتیر\tjalali\t4\tday\tx\nتير\tjalali\t4\tday\ty\n",
     "duplicate form"),
    ("months.tsv", "form\tcalendar\tmonth\tsource\n", "header must be"),
    ("weekdays.tsv", "form\tweekday\tsource\nشنبه\t7\tx\n", "weekday must be"),
    ("weekdays.tsv", "form\tweekday\tsource\nشنبه\t5\t\n", "empty source"),
])
def test_data_files_are_checked(tmp_path, file, content, message):
    """A malformed months/weekdays row stops with LexiconError naming file and line."""
    good = Path(__file__).resolve().parent.parent / "kg" / "lexicon" / "data"
    for name in ("months.tsv", "weekdays.tsv"):
        (tmp_path / name).write_text((good / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / file).write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message) as err:
        load_names(tmp_path)
    assert str(tmp_path / file) in str(err.value)


_PIECES = st.sampled_from([
    "۱", "۲۹", "٧", "7", "۱۴۰۲", "2024", "/", "-", " ", "\u200c", "(", ")", "،", "\n",
    "بهمن", "تیر", "دی", "مهر", "اسفند", "فوریه", "می", "ماه", "سال", "جاری", "گذشته", "امسال", "میلادی",
    "امروز", "دیروز", "فردا", "یکشنبه", "شنبه", "روز", "هفته", "هفتم", "بیست", "و", "سی", "ام", "ي", "ك", "ا",
    "ب", "ن", "قمری", "شب",
])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES | st.text(max_size=3), max_size=25),
       published=st.none() | st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)))
def test_find_dates_never_raises_and_spans_slice_text(pieces, published):
    """On any text: no exception, sorted non-overlapping spans that slice out `text`, earliest ≤ latest."""
    text = "".join(pieces)
    mentions = find_dates(text, published)
    last_end = 0
    for m in mentions:
        assert last_end <= m.span.start < m.span.end <= len(text)
        assert text[m.span.start : m.span.end] == m.text
        last_end = m.span.end
        if m.info is not None:
            assert m.info.earliest <= m.info.latest
            assert m.info.as_stated == m.text
