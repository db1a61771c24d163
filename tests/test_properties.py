"""Properties of extraction on arbitrary Persian-like text, with the production lexicon.

Text is drawn from the pieces news articles are made of (words, names, titles, month names, digits of three kinds,
punctuation, ZWNJ, newlines) so the examples reach the entity, date and event finders, not just the tokenizer.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

PIECES = [
    # titles and offices
    "وزیر امور خارجه", "وزیر خارجه", "رئیس جمهور", "سخنگوی وزارت امور خارجه", "سفیر", "معاون سیاسی", "سفارت",
    # countries and cities
    "ایران", "جمهوری آذربایجان", "ترکیه", "روسیه", "عراق", "عمان", "تهران", "باکو", "کشورمان", "این کشور",
    # event words and verbs
    "دیدار", "دیدار کرد", "سفر کرد", "گفت", "گفتگو", "تلفنی", "حمله", "بازگشایی", "تعطیلی", "احضار", "اخراج",
    "توافق", "خواهد کرد", "نکرد", "به گزارش", "ایرنا", "با", "در", "به", "از", "و", "که", "این", "امروز", "دیروز",
    # dates: months, weekdays, years, relative words
    "فروردین", "اردیبهشت", "مهر", "بهمن", "اسفند", "ماه", "یکشنبه", "شنبه", "سال", "۱۴۰۲", "۱۴۰۱", "۲۹", "۳۰", "۳۱",
    "هفته گذشته", "ژانویه", "۲۰۲۴",
    # digits of three kinds
    "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩", "0123456789", "۱", "٣", "7",
    # punctuation, joiners, marks, white space
    "،", ".", "؛", ":", "«", "»", "(", ")", "!", "؟", "-", "\u200c", "\u200f", "\u064b", "ـ", " ", "  ", "\n", "\r\n",
    "\n\n", "\t",
    # Arabic letters Persian text sometimes has
    "ي", "ك", "ة",
]
ALPHABET = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآأؤئ" + "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789" + " \n\u200c،.؛:«»()"

tokens = st.one_of(st.sampled_from(PIECES), st.text(alphabet=ALPHABET, min_size=1, max_size=6))
texts = st.lists(tokens, min_size=0, max_size=60).map(lambda parts: " ".join(parts) if parts else "")
separators = st.lists(st.tuples(tokens, st.sampled_from(["", " ", "\u200c", "\n", " ، ", ". "])), max_size=50).map(
    lambda pairs: "".join(a + b for a, b in pairs))
# Sentence-shaped text, so that events, posts and dates come out often (plain token soup rarely makes an event).
TITLES = ["وزیر امور خارجه", "رئیس جمهور", "سخنگوی وزارت امور خارجه", "سفیر", "وزیر خارجه"]
PLACES = ["ایران", "جمهوری آذربایجان", "ترکیه", "روسیه", "عراق", "تهران", "باکو", "کشورمان"]
VERBS = ["دیدار کرد", "سفر کرد", "گفت", "تلفنی گفتگو کرد", "دیدار خواهد کرد", "را احضار کرد", "حمله کرد"]
MONTHS = ["فروردین", "مهر", "بهمن", "اسفند", "ژانویه"]
DIGITS = [str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"), str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"), {}]
dates = st.builds(lambda day, month, year, kind, weekday: " ".join(
    [weekday, f"{day}".translate(DIGITS[kind]), month, f"{year}".translate(DIGITS[kind])]).strip(),
    st.integers(0, 32), st.sampled_from(MONTHS), st.integers(1399, 1404) | st.integers(2020, 2025),
    st.integers(0, 2), st.sampled_from(["", "یکشنبه", "شنبه", "روز"]))
sentence = st.builds(lambda t1, p1, d, t2, p2, v, end: f"{t1} {p1} {d} با {t2} {p2} {v}{end}",
                     st.sampled_from(TITLES), st.sampled_from(PLACES), dates | st.just("امروز"),
                     st.sampled_from(TITLES), st.sampled_from(PLACES), st.sampled_from(VERBS),
                     st.sampled_from([".", "\n", "، ", " و ", "\u200c"]))
stories = st.lists(st.one_of(sentence, tokens), min_size=1, max_size=12).map(" ".join)
any_text = st.one_of(stories, texts, separators, st.text(max_size=80))
published = st.sampled_from([None, "2024-02-18", "1402-11-29", "نامعلوم"])

LEX = load()  # the production lexicon, loaded once


def check(x, text: str) -> None:
    """The invariants of one extraction."""
    n = len(text)
    for m in x.mentions:
        assert 0 <= m.span.start < m.span.end <= n
        assert text[m.span.start:m.span.end] == m.text, m
        assert m.entity in x.entities, m
    for s in x.sentences:
        assert 0 <= s.start < s.end <= n, s
    for e in x.events:
        assert 0 <= e.sentence.start < e.sentence.end <= n, e
        assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end, e
        assert set(e.source) | set(e.target) <= set(e.actors), e
        for k in [*e.actors, *([e.place] if e.place else [])]:
            assert k in x.entities, (k, e)
        if e.date is not None:
            assert e.date.earliest <= e.date.latest, e.date
            if e.date.span is not None:
                assert 0 <= e.date.span.start < e.date.span.end <= n
                assert text[e.date.span.start:e.date.span.end] == e.date.as_stated, e.date
    for p in x.posts:
        assert 0 <= p.span.start < p.span.end <= n, p
        assert p.person in x.entities, p


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text, pub=published)
def test_extraction_never_crashes_and_spans_slice_the_text(text, pub):
    """Any text: extraction returns, every mention/sentence/event/date span lies in the text and slices its anchor."""
    x = extract_document(Document("p", text, "p.txt", published_raw=pub), LEX)
    check(x, text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=stories | texts, pub=st.sampled_from([None, "2024-02-18"]))
def test_graph_validates_without_error(text, pub):
    """Any text's graph goes through SHACL validation: it conforms, or every result names a focus node."""
    from kg.graph.rdf import extractions_to_graph
    from kg.validate import validate_extractions

    x = extract_document(Document("p", text, "p.txt", published_raw=pub), LEX)
    g = extractions_to_graph([x])
    assert len(g) > 0
    v = validate_extractions([x])
    assert v.conforms == (not v.violations)
    for r in v.results:
        assert r.focus and r.shape != "?" and r.severity in ("Violation", "Warning", "Info"), r
    if pub is not None and text.strip():
        assert v.violations == [], [r.describe() for r in v.violations]
