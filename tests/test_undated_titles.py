"""An undated article: a title with no name beside it designates the one person the article names who held that
office (the lexicon's terms, whatever their dates); an envoy nobody names stands for his country in a meeting.
Texts written for this file."""

import pytest

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

MEETING = ("سفیر جدید ایران با رئیس‌جمهور گرجستان دیدار کرد.\n"
           "گیورگی مارگولاشویلی در این دیدار از گسترش همکاری‌ها استقبال کرد.\n")


@pytest.fixture(scope="module")
def lex():
    return load()


def extract(lex, text):
    x = extract_document(Document("t", text, "mem"), lex)
    assert x.published is None  # nothing in these texts dates them
    return x


def test_the_one_named_holder_is_designated(lex):
    x = extract(lex, MEETING)
    assert [(p.person, p.role, p.country, p.by_role) for p in x.posts] == [
        ("margvelashvili", "HeadOfState", "georgia", True)]


def test_the_unnamed_envoy_stands_for_his_country(lex):
    x = extract(lex, MEETING)
    assert [(e.type, e.actors) for e in x.events if e.type == "Meeting"] == [
        ("Meeting", ["margvelashvili", "iran"])]


def test_two_named_holders_designate_nobody(lex):
    text = ("رئیس‌جمهور ایران از گسترش همکاری‌ها استقبال کرد.\n"
            "حسن روحانی و ابراهیم رئیسی هر دو از این سیاست حمایت کرده‌اند.\n")
    x = extract(lex, text)
    assert [p for p in x.posts if p.role == "HeadOfState"] == []


def test_a_pronoun_after_an_unnamed_envoy_is_nobody_named(lex):
    """"سفیر ایران … با X دیدار کرد. او همچنین گفت …": the envoy speaks, not X."""
    text = "سفیر ایران در آنکارا با هاکان فیدان دیدار کرد.\nاو همچنین گفت روابط دو کشور خوب است.\n"
    x = extract(lex, text)
    assert [(e.type, e.actors) for e in x.events if e.type == "Statement"] == []
    assert [m.text for m in x.mentions if m.how == "coref"] == []


@pytest.mark.parametrize("text", [
    "عباس عراقچی وزیر امور خارجه ایران از هاکان فیدان برای سفر به تهران دعوت کرد.\n",
    "عباس عراقچی وزیر امور خارجه ایران هاکان فیدان را به سفر به تهران دعوت کرد.\n",
])
def test_the_one_invited_travels(lex, text):
    x = extract(lex, text)
    assert [(e.type, e.actors, e.place, e.modality) for e in x.events if e.type == "Visit"] == [
        ("Visit", ["fidan"], "tehran", "Hoped")]
