"""Events on the toy lexicon: type, participants, place, date and modality, one event per occasion."""

from datetime import date

import pytest

from kg.extract.pipeline import extract_document
from kg.model import Document

PUB = "امروز (یکشنبه) ۲۹ بهمن ۱۴۰۲ خبر رسید."  # a first line that dates the article: 2024-02-18


def events(lex, body):
    x = extract_document(Document("t", PUB + "\n" + body, "mem"), lex, home="alefland")
    return [(e.type, sorted(e.actors), e.place, e.date and (e.date.earliest.isoformat(), e.date.latest.isoformat()),
             e.modality) for e in x.events]


CASES = [
    # (sentence, expected events); negatives are sentences with no event, or events that must be merged
    ("دارا کمانی در اول آبان ۱۴۰۲ با بهار سپهری‌اف در بی‌شهر دیدار کرد.",
     [("Meeting", ["bahar_sepehri", "dara_kamani"], "beshahr", ("2023-10-23", "2023-10-23"), None)]),
    ("دارا کمانی تیر ۱۴۰۲ به بی‌شهر سفر کرد.",
     [("Visit", ["dara_kamani"], "beshahr", ("2023-06-22", "2023-07-22"), None)]),
    ("حمله به سفارت جمهوری بستان در الف‌آباد در هفتم بهمن ۱۴۰۱ رخ داد.",
     [("Attack", ["mission_embassy_beland_alefabad"], "alefabad", ("2023-01-27", "2023-01-27"), None)]),
    ("دارا کمانی نسبت به بازگشایی سفارت جمهوری بستان در الف‌آباد ابراز امیدواری کرد.",
     [("MissionResumption", ["mission_embassy_beland_alefabad"], "alefabad", ("2024-02-18", "2024-02-18"), "Hoped")]),
    ("دارا کمانی فردا به بی‌شهر سفر خواهد کرد.",
     [("Visit", ["dara_kamani"], "beshahr", ("2024-02-19", "2024-02-19"), "Planned")]),
    ("هوا امروز سرد است.", []),  # no trigger, no event
    ("به گزارش خبرگزاری توی، دارا کمانی گفت که روابط خوب است.",  # the agency reports, it does not speak
     [("Statement", ["dara_kamani"], None, ("2024-02-18", "2024-02-18"), None)]),
    ("عامل حمله به سفارت جمهوری بستان در الف‌آباد محاکمه شد.", []),  # "عامل حمله" refers back: no new attack
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_event_table(toy_lex, body, expected):
    """Each sentence gives exactly the events listed."""
    assert events(toy_lex, body) == expected


def test_statements_of_one_speaker_merge(toy_lex):
    """Several quoted sentences of one speaker on one occasion are one Statement."""
    got = events(toy_lex, "دارا کمانی امروز گفت که روابط خوب است. وی گفت که همکاری ادامه دارد.")
    assert [e[:2] for e in got] == [("Statement", ["dara_kamani"])]


def test_title_only_designation_resolves_on_the_event_date(toy_lex):
    """"وزیر خارجه الف‌ستان" in Oct 2023 is Dara Kamani; in March 2024 Keyvan Rad (terms in offices.tsv)."""
    early = extract_document(Document("a", PUB + "\nوزیر خارجه الف‌ستان در اول آبان ۱۴۰۲ به بی‌شهر سفر کرد.", "m"),
                             toy_lex, home="alefland")
    late = extract_document(Document("b", PUB + "\nوزیر خارجه الف‌ستان در اول فروردین ۱۴۰۳ به بی‌شهر سفر کرد.", "m"),
                            toy_lex, home="alefland")
    assert [p.person for p in early.posts] == ["dara_kamani"]
    assert [p.person for p in late.posts] == ["keyvan_rad"]
    assert early.posts[0].by_role and early.posts[0].attested == date(2023, 10, 23)


def test_arrival_gives_the_place_of_a_visit(toy_lex):
    """"در سفری وارد بی‌شهر شد": the city after "وارد" is where the visit goes."""
    assert events(toy_lex, "دارا کمانی در سفری وارد بی‌شهر شد.") == [
        ("Visit", ["dara_kamani"], "beshahr", ("2024-02-18", "2024-02-18"), None)]


def test_appointment_as_ambassador(toy_lex):
    """"X به عنوان سفیر جدید الف‌ستان در بی‌شهر منصوب شد": a post for X and an appointment of X."""
    x = extract_document(Document("t", PUB + "\nنیما پارسا به عنوان سفیر جدید الف‌ستان در بی‌شهر منصوب شد.", "m"),
                         toy_lex, home="alefland")
    assert [(p.person, p.role, p.country, p.accredited_to) for p in x.posts] == [
        ("person_نیماپارسا", "Ambassador", "alefland", "beland")]
    assert [(e.type, e.actors) for e in x.events] == [("Appointment", ["person_نیماپارسا"])]


def test_joined_speakers_each_make_a_statement(toy_lex):
    """"X و Y … گفتند": one Statement per speaker; a person named later in the sentence does not speak."""
    got = events(toy_lex, "دارا کمانی و بهار سپهری‌اف امروز گفتند که روابط خوب است.")
    assert [e[:2] for e in got] == [("Statement", ["dara_kamani"]), ("Statement", ["bahar_sepehri"])]
    got = events(toy_lex, "دارا کمانی امروز گفت که بهار سپهری‌اف به بی‌شهر می‌آید.")
    assert [e[:2] for e in got if e[0] == "Statement"] == [("Statement", ["dara_kamani"])]


def test_press_conference_is_a_statement_not_a_meeting():
    """With the production lexicon: the spokesperson's weekly press conference ("نشست خبری") is his statement; the
    Meeting trigger "نشست" inside it makes no meeting. Two presidents "in a press conference" speak one each."""
    from kg.lexicon import load

    lex = load()
    x = extract_document(Document("t", PUB + "\nسخنگوی وزارت امور خارجه ایران در نشست خبری هفتگی گفت که تهران "
                                  "به دنبال تنش نیست.", "mem"), lex)
    assert [(e.type, e.actors) for e in x.events] == [("Statement", ["kanaani"])]
    x = extract_document(Document("t", PUB + "\nرئیس‌جمهور ایران و رئیس‌جمهور ترکیه در نشستی مطبوعاتی دیدگاه‌های "
                                  "خود را تشریح کردند.", "mem"), lex)
    assert [(e.type, e.actors) for e in x.events] == [("Statement", ["raisi"]), ("Statement", ["erdogan"])]


def test_spokesman_of_a_state_body_speaks_for_it():
    """Production lexicon: an unnamed spokesman of the Guardian Council ("سخنگوی شورای نگهبان") — the council
    stands in as the speaker."""
    from kg.lexicon import load

    x = extract_document(Document("t", PUB + "\nسخنگوی شورای نگهبان توضیح داد که انتخابات طبق قانون برگزار "
                                  "می‌شود.", "mem"), load())
    assert [(e.type, e.actors) for e in x.events] == [("Statement", ["guardian_council"])]


def test_planned_then_held_is_one_occasion(toy_lex):
    """An event announced in one sentence and told as held in another, same day, same person: one event, held."""
    got = events(toy_lex, "دارا کمانی امروز به بی‌شهر سفر خواهد کرد. دارا کمانی امروز به بی‌شهر سفر کرد.")
    assert got == [("Visit", ["dara_kamani"], "beshahr", ("2024-02-18", "2024-02-18"), None)]
    got = events(toy_lex, "دارا کمانی فردا به بی‌شهر سفر خواهد کرد. دارا کمانی امروز به بی‌شهر سفر کرد.")
    assert [e[4] for e in got] == ["Planned", None]  # another day: another trip
