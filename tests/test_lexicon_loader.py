"""One TSV reader for every lexicon file (header, source, duplicates after normalising), calendar data read through
the lexicon (so `--lexicon DIR` uses DIR's months.tsv), and one normaliser for dates and the rest."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from kg.errors import LexiconError
from kg.extract.dates import find_dates
from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.lexicon.calendar import builtin
from kg.lexicon.tsv import read_tsv
from kg.model import Document

ROOT = Path(__file__).resolve().parent.parent
TOY = ROOT / "tests" / "data" / "toy_lexicon"
BUILTIN = ROOT / "kg" / "lexicon" / "data"


def with_row(folder: Path, base: Path, name: str, row: str) -> tuple[Path, int]:
    """A copy of the lexicon `base` in `folder` with `row` appended to its file `name`: (folder, line of the row)."""
    shutil.copytree(base, folder)
    with (folder / name).open("a", encoding="utf-8") as f:
        f.write(row)
    return folder, len((folder / name).read_text(encoding="utf-8").splitlines())


def write(p: Path, text: str) -> Path:
    p.write_text(text, encoding="utf-8")
    return p


def test_rows_are_read_stripped_with_where(tmp_path):
    p = write(tmp_path / "x.tsv", "# comment\nform\tsource\n\n کشور \tmade up\n")
    assert list(read_tsv(p, ["form", "source"])) == [(f"{p}:4", {"form": "کشور", "source": "made up"})]


@pytest.mark.parametrize(("content", "line", "message"), [
    ("form\tsrc\nا\tx\n", 1, "header must be form<TAB>source"),
    ("form\tsource\nا\tx\tz\n", 2, "3 columns, expected 2"),
    ("form\tsource\nا\t \n", 2, "empty source column: say where the row comes from"),
    ("form\tsource\nعلی‌اکبر\tx\nعلیاکبر\ty\n", 3, "duplicate form 'علیاکبر' (same as {p}:2 after normalisation)"),
    ("form\tsource\nكشور\tx\nکشور\ty\n", 3, "duplicate form 'کشور' (same as {p}:2 after normalisation)"),
])
def test_every_file_gets_the_same_checks(tmp_path, content, line, message):
    from kg.normalize import compact

    p = write(tmp_path / "x.tsv", content)
    with pytest.raises(LexiconError) as e:
        list(read_tsv(p, ["form", "source"], key=lambda r: compact(r["form"])))
    assert str(e.value) == f"{p}:{line}: " + message.format(p=p)


@pytest.mark.parametrize("name", ["honorifics.tsv", "given_names.tsv", "function_words.tsv", "org_heads.tsv"])
def test_a_repeated_form_in_the_lexicon_is_refused_not_overwritten(tmp_path, name):
    lex = tmp_path / "lex"
    shutil.copytree(TOY, lex)
    lines = (lex / name).read_text(encoding="utf-8").splitlines()
    rows = [i for i, ln in enumerate(lines) if ln.strip() and not ln.startswith("#")]
    first = rows[1]  # the first row after the header
    n = len(lines) + 1
    write(lex / name, "\n".join([*lines, lines[first].replace("ی", "ي")]) + "\n")
    with pytest.raises(LexiconError, match=rf"{name}:{n}: duplicate form .* \(same as .*{name}:{first + 1} after"):
        load(lex)


def test_an_empty_source_is_refused_in_a_word_file(tmp_path):
    lex, _ = with_row(tmp_path / "lex", TOY, "honorifics.tsv", "جناب\t\n")
    with pytest.raises(LexiconError, match=r"honorifics.tsv:\d+: empty source column"):
        load(lex)


def test_lexicon_dir_uses_its_own_months(tmp_path):
    """--lexicon DIR: DIR's months.tsv is the calendar (here a month name of our own), its missing weekdays.tsv
    the built-in one."""
    lex = tmp_path / "lex"
    shutil.copytree(TOY, lex)
    months = (BUILTIN / "months.tsv").read_text(encoding="utf-8")
    write(lex / "months.tsv", months + "برجک\tjalali\t7\tday\tinvented for this test\n")
    mine = load(lex)
    assert mine.calendar.month_of("برجک") == ("jalali", 7)
    assert mine.calendar.weekday_of("شنبه") == builtin().weekday_of("شنبه") == 5
    x = extract_document(Document("t", "خبر کوتاه.", "mem", published_raw="۱۲ برجک ۱۴۰۲"), mine)
    assert x.published == date(2023, 10, 4)
    x = extract_document(Document("t", "خبر کوتاه.", "mem", published_raw="۱۲ برجک ۱۴۰۲"), load(TOY))
    assert x.published is None


def test_lexicon_dir_months_are_checked(tmp_path):
    lex = tmp_path / "lex"
    shutil.copytree(TOY, lex)
    write(lex / "months.tsv", "form\tcalendar\tmonth\tcontext\tsource\nمهر\tjalali\t7\tday\t\n")
    with pytest.raises(LexiconError, match=r"months.tsv:2: empty source column"):
        load(lex)


@pytest.mark.parametrize("text", ["۱۲ مھر ۱۴۰۲", "۱۲ مهر ۱۴۰۲", "۱۲ مہر ۱۴۰۲"])
def test_dates_fold_letters_as_kg_normalize_does(text):
    """U+06BE (ھ) and U+06C1 (ہ) are ه to kg.normalize, and so to the date finder."""
    found = find_dates(text, date(2024, 1, 1))
    assert [(d.text, d.info.earliest) for d in found] == [(text, date(2023, 10, 4))]


def test_a_month_with_ezafe_hamza_is_one_form_with_the_bare_one():
    found = find_dates("۵ ژانویهٔ ۲۰۲۴", date(2024, 1, 9))
    assert [(d.text, d.info.earliest) for d in found] == [("۵ ژانویهٔ ۲۰۲۴", date(2024, 1, 5))]


def test_a_title_scope_outside_the_three_is_refused(tmp_path):
    lex, n = with_row(tmp_path / "lex", BUILTIN, "titles.tsv", "پیشوا\tHeadOfState\t\tnationwide\tmade up\n")
    with pytest.raises(LexiconError, match=rf"titles.tsv:{n}: scope 'nationwide' not one of national, qualified, "
                                           "international"):
        load(lex)


def test_relative_date_words_are_data_and_checked(tmp_path):
    """The relative date words come from relative_dates.tsv (a lexicon folder's own when it has one), checked."""
    lex, _ = with_row(tmp_path / "lex", BUILTIN, "relative_dates.tsv", "سه روز بعد\tday\t3\tmade up for the test\n")
    found = find_dates("وزیر سه روز بعد آمد.", date(2024, 2, 18), load(lex).calendar)
    assert [(d.text, d.info.earliest.isoformat()) for d in found] == [("سه روز بعد", "2024-02-21")]
    # another folder: load() caches by folder
    bad, n = with_row(tmp_path / "bad", BUILTIN, "relative_dates.tsv", "پس‌پریروز\tfortnight\t-3\tmade up\n")
    with pytest.raises(LexiconError, match=rf"relative_dates.tsv:{n}: unit must be one of day, week, month, year"):
        load(bad)
