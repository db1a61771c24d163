"""Sentence splitting and plural designations on the toy lexicon."""

from datetime import date

import pytest

from kg.extract.entities import EntityFinder
from kg.extract.plural import plural_posts
from kg.extract.text import Text, split_sentences
from kg.model import DateInfo

SPLITS = [
    # (text, sentences) — negatives: decimals and abbreviations-free numbers do not split
    ("الف آمد. ب رفت.", ["الف آمد.", "ب رفت."]),
    ("عنوان خبر\nمتن خبر؟ بله!", ["عنوان خبر", "متن خبر؟", "بله!"]),
    ("نرخ ۳.۵ درصد شد.", ["نرخ ۳.۵ درصد شد."]),
    ("  \n\n", []),
    ("او گفت.«نقل قول»", ["او گفت.", "«نقل قول»"]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentences(text, expected):
    """Sentences end at line breaks and at . ! ? ؟ followed by space or a quote; spans slice the original."""
    assert [text[s.start:s.end] for s in split_sentences(text)] == expected


def plural(lex, text, when=date(2024, 3, 1)):
    t = Text.of(text)
    finder = EntityFinder(lex, "alefland")
    found, _, _ = finder.run(t)
    info = DateInfo(when, when, "Day", "")
    posts, new = plural_posts(t, lex, found, lambda si: info)
    return [(p.person, p.role, p.country, p.by_role) for p in posts], [(t.surface(f.i, f.j), f.key) for f in new]


def test_plural_title_with_listed_countries_resolves_each_holder(toy_lex):
    """"وزرای خارجه الف‌ستان و بستان" in March 2024: one post per country, by role where no name is given."""
    posts, _ = plural(toy_lex, "وزرای خارجه الف‌ستان و بستان دیدار کردند.")
    assert posts == [("keyvan_rad", "ForeignMinister", "alefland", True)]  # no FM of بستان in the toy terms


def test_plural_title_pairs_named_persons_with_countries_in_order(toy_lex):
    """"دارا کمانی و بهار سپهری‌اف وزرای خارجه الف‌ستان و بستان": names and countries paired in order."""
    posts, new = plural(toy_lex, "دارا کمانی و بهار سپهری‌اف وزرای خارجه الف‌ستان و بستان دیدار کردند.")
    assert posts == [("dara_kamani", "ForeignMinister", "alefland", False),
                     ("bahar_sepehri", "ForeignMinister", "beland", False)]
    assert new == []
