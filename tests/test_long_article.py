"""A 480,000-character article (issue 15): the steps that were scans per pair (clause breaks between two tokens, the
nearest trigger of each date) give exactly what the scans gave. The time itself is measured by `make bench`-style
runs, not here (docs/bad-input.md gives the figures)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.events import CLAUSE_BREAKS, EventFinder
from kg.extract.text import Text

WORDS = ["وزیر", "با", "،", "دیدار", "کرد", ":", "«", "»", "(", ")", "و", "سفر"]


def finder_of(words: list[str]) -> EventFinder:
    f = EventFinder.__new__(EventFinder)
    f.t = Text.of(" ".join(words))
    f.break_count = [0]
    for tok in f.t.tokens:
        f.break_count.append(f.break_count[-1] + (tok.text in CLAUSE_BREAKS))
    return f


class T:  # a trigger stand-in: only its token matters here
    def __init__(self, i: int):
        self.i = i


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60), st.data())
def test_breaks_between_is_the_scan(words, data):
    """The prefix-sum count equals counting the clause breaks token by token, for any two tokens (and beyond)."""
    f = finder_of(words)
    n = len(f.t.tokens)
    a, b = data.draw(st.integers(-3, n + 3)), data.draw(st.integers(-3, n + 3))
    scan = sum(f.t.word(m) in CLAUSE_BREAKS for m in range(min(a, b), max(a, b)))
    assert f.breaks_between(a, b) == scan


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60), st.data())
def test_nearest_trigger_is_the_minimum(words, data):
    """The outward search returns min((distance + 10 * breaks, n)) over all triggers, ties to the first trigger."""
    f = finder_of(words)
    n = len(f.t.tokens)
    trigs = [T(i) for i in data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=12))]
    p = data.draw(st.integers(0, n - 1))
    order = sorted(range(len(trigs)), key=lambda k: trigs[k].i)
    want = min((abs(p - tr.i) + 10 * f.breaks_between(p, tr.i), k) for k, tr in enumerate(trigs))
    assert f.nearest(p, trigs, order, [trigs[k].i for k in order]) == want
