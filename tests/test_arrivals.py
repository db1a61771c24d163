"""Arrivals: a two-word event word split by the place it names ("وارد CITY شد"), and a traveller who heads a
delegation that names no country. Sentences written for this file, run through the real pipeline and lexicon."""

from datetime import date

import pytest

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

PUB = "2023-10-15"


@pytest.fixture(scope="module")
def lex():
    return load()


def visits(lex, text):
    x = extract_document(Document("t", text, "mem", published_raw=PUB), lex)
    return [(e.type, e.actors, e.place) for e in x.events if e.type == "Visit"]


def test_arrival_with_the_city_between_the_words(lex):
    assert visits(lex, "الهام علیاف رئیس جمهور آذربایجان وارد تهران شد.") == [
        ("Visit", ["ilham_aliyev"], "tehran")]


def test_arrival_at_the_head_of_a_delegation(lex):
    assert visits(lex, "الهام علیاف رئیس جمهور آذربایجان در راس هیئتی وارد تهران شد.") == [
        ("Visit", ["ilham_aliyev"], "tehran")]


@pytest.mark.parametrize("text", [
    "الهام علیاف رئیس جمهور آذربایجان وارد مذاکره شد.",  # no place between the words: not an arrival
    "الهام علیاف رئیس جمهور آذربایجان وارد بحث درباره تهران شد.",  # the place is not the word's middle
])
def test_no_arrival_without_a_place_between_the_words(lex, text):
    assert visits(lex, text) == []


def test_arrived_in_the_perfect_and_pluperfect(lex):
    """"X که روز یکشنبه وارد تهران شده بود": a visit (Sunday), as "وارد تهران شد" is. Text written for this file."""
    text = "بدر البوسعیدی وزیر خارجه عمان که روز یکشنبه وارد تهران شده بود، امروز با عباس عراقچی دیدار کرد.\n"
    x = extract_document(Document("t", text, "mem", published_raw="2025-04-14"), lex)
    visit = next(e for e in x.events if e.type == "Visit")
    assert (visit.actors, visit.place, visit.date.earliest) == (["albusaidi"], "tehran", date(2025, 4, 13))


def test_this_delegation_is_the_one_told_before(lex):
    """"هیئتی از روسیه … وارد تهران شد. این هیئت … با X دیدار می‌کند": Russia, for its delegation, meets X."""
    text = ("هیئتی از روسیه روز یکشنبه وارد تهران شد.\n"
            "این هیئت در سفر خود با عباس عراقچی وزیر خارجه ایران دیدار می‌کند.\n")
    x = extract_document(Document("t", text, "mem", published_raw="2024-11-25"), lex)
    assert [(e.type, e.actors) for e in x.events] == [("Visit", ["russia"]), ("Meeting", ["russia", "araghchi"])]
