"""Normalisation for matching: letters, digits, joiners, marks; offsets always map back to the original."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.normalize import compact, norm, normalize, tokenize

CASES = [
    # (input, normalised) — positives and what must not change, in one table
    ("علي", "علی"),  # Arabic yeh
    ("كشور", "کشور"),  # Arabic kaf
    ("۱۴۰۲", "1402"),  # Persian digits
    ("١٤٠٢", "1402"),  # Arabic-Indic digits
    ("۱4۰2", "1402"),  # mixed digits
    ("علی‌اف", "علیاف"),  # ZWNJ dropped
    ("مُحَمَّد", "محمد"),  # diacritics dropped
    ("ایـــران", "ایران"),  # kashida dropped
    ("**ایسکانیوز**", "ایسکانیوز"),  # Markdown emphasis dropped
    ("تهران  \n باکو", "تهران باکو"),  # whitespace folded
    ("رئیس", "رییس"),  # hamza seat folded
    ("ایران", "ایران"),  # unchanged
    ("Baku", "baku"),  # ASCII lowercased
    ("۳+۳", "3+3"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_norm_table(raw, expected):
    """Each variant folds to the one form matching compares."""
    assert norm(raw) == expected


@pytest.mark.parametrize(("a", "b"), [("علی‌اف", "علی اف"), ("علیاف", "علي‌اف"), ("امیرعبداللهیان", "امیر عبداللهیان"),
                                      ("رئیس‌جمهور", "رییس جمهور")])
def test_compact_unifies_spacing_variants(a, b):
    """Joiner present, missing or replaced by a space: one lexicon key."""
    assert compact(a) == compact(b)


def test_compact_keeps_different_words_apart():
    """Compact keys do not merge different names."""
    assert compact("ایران") != compact("ایرانی")


def test_offsets_map_tokens_back_to_original():
    """A token found in the normalised text slices out its surface form in the original."""
    text = "سفر **امیر‌عبداللهیان** به باكو در ۱۴۰۲"
    n = normalize(text)
    toks = tokenize(n)
    surfaces = [text[n.span(t.start, t.end).start:n.span(t.start, t.end).end] for t in toks]
    assert surfaces == ["سفر", "امیر‌عبداللهیان", "به", "باكو", "در", "۱۴۰۲"]


ALPHABET = st.sampled_from(list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىةۀأإ۰۱۲۳۴۵۶۷۸۹٠١٢٣0123456789"
                                " \n\t*ـ\u200c\u064e\u0651abcXYZ.,،؛?!+-()«»"))


@given(st.lists(ALPHABET, max_size=200).map("".join))
def test_normalize_is_idempotent_and_offsets_preserved(text):
    """Normalising twice changes nothing, and every normalised char comes from the original at its offset."""
    n = normalize(text)
    assert norm(n.text) == n.text
    assert len(n.origin) == len(n.text) + 1
    assert list(n.origin) == sorted(n.origin)
    for i, c in enumerate(n.text):
        o = text[n.origin[i]]
        assert (c == " " and o.isspace()) or norm(o) == c
