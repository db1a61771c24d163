"""Kinds of diplomatic text, in sentences written for this file, through the real pipeline and lexicon: relations
and missions resumed or broken with a verb whose object says what ("روابط … را از سر گرفتند"), rulers' titles
that are titles only with their country ("امیر قطر"; "امیر" alone begins a name), and a meeting in the margins of a
summit that belongs to the persons who met."""

import pytest

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

PUB = "2023-10-15"


@pytest.fixture(scope="module")
def lex():
    return load()


def run(lex, text):
    return extract_document(Document("t", text, "mem", published_raw=PUB), lex)


def events(lex, text):
    return [(e.type, e.actors, e.place) for e in run(lex, text).events]


@pytest.mark.parametrize("text, expected", [
    ("سفارت ایران در کابل فعالیت خود را از سر گرفت.",
     [("MissionResumption", ["mission_embassy_iran_kabul"], "kabul")]),
    ("سفارت ایران در کابل فعالیتش را از سر گرفت.",
     [("MissionResumption", ["mission_embassy_iran_kabul"], "kabul")]),
    ("ایران و عربستان روابط دیپلماتیک خود را از سر گرفتند.",
     [("MissionResumption", ["iran", "saudi_arabia"], None)]),
    ("بحرین روابط دیپلماتیک خود را با ایران قطع کرد.",
     [("MissionSuspension", ["bahrain", "iran"], None)]),
    # negatives: the verb with neither a mission nor relations as what is resumed or broken
    ("ایران و عربستان مذاکرات خود را از سر گرفتند.", [("Meeting", ["iran", "saudi_arabia"], None)]),  # talks
    ("بحرین کمک‌های خود را به این گروه قطع کرد.", []),
])
def test_resumed_or_broken_relations_and_missions(lex, text, expected):
    assert events(lex, text) == expected


@pytest.mark.parametrize("text, visitor", [
    ("امیر قطر به تهران سفر کرد.", "tamim"),
    ("سلطان عمان به تهران سفر کرد.", "sultan_haitham"),
    ("امیر عبداللهیان به تهران سفر کرد.", "amir_abdollahian"),  # a name that begins with the word
])
def test_a_ruler_is_named_by_title_and_country(lex, text, visitor):
    assert events(lex, text) == [("Visit", [visitor], "tehran")]


@pytest.mark.parametrize("text, person", [
    ("امیر حسینی سفیر ایران در قطر گفت روابط خوب است.", "person_امیرحسینی"),
    ("امیر سعید کاظمی سفیر ایران در قطر گفت روابط خوب است.", "person_امیرسعیدکاظمی"),
])
def test_a_given_name_that_is_also_a_title_still_names_a_person(lex, text, person):
    x = run(lex, text)
    assert [(p.person, p.role, p.country, p.by_role) for p in x.posts] == [(person, "Ambassador", "iran", False)]


def test_a_meeting_in_the_margins_of_a_summit_is_the_persons(lex):
    assert events(lex, "مسعود پزشکیان در حاشیه نشست بریکس با نارندرا مودی نخست وزیر هند دیدار کرد.") == [
        ("Meeting", ["brics", "pezeshkian", "modi"], None),  # the summit, with those who attend it
        ("Meeting", ["pezeshkian", "modi"], None)]  # the meeting in its margins, without the organisation
