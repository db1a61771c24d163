"""A phrase of an earlier event ("پس از حمله … در هفتم بهمن، …", "پس از این اقدام، …") dates that event, not what
the sentence tells after it: that happened later, at a time the text does not give (not before the earlier event,
and, told as done, not after the report). Texts written for this file."""

from datetime import date

import pytest

from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

ATTACK = ("پس از حمله مسلحانه به سفارت جمهوری آذربایجان در تهران در هفتم بهمن ۱۴۰۱، "
          "دولت این کشور سفارت خود را تعطیل کرد.\n")


@pytest.fixture(scope="module")
def lex():
    return load()


def events(lex, text: str, published: str = "2024-02-18"):
    x = extract_document(Document("t", text, "mem", published_raw=published), lex)
    return [(e.type, e.date and e.date.earliest, e.date and e.date.latest) for e in x.events]


def test_a_date_in_the_phrase_is_the_earlier_events(lex):
    day = date(2023, 1, 27)
    assert events(lex, ATTACK) == [("Attack", day, day), ("MissionSuspension", day, date(2024, 2, 18))]


def test_what_follows_the_phrase_keeps_a_date_of_its_own(lex):
    text = ATTACK.replace("دولت این کشور", "دولت این کشور روز نهم بهمن ۱۴۰۱")
    assert events(lex, text) == [("Attack", date(2023, 1, 27), date(2023, 1, 27)),
                                 ("MissionSuspension", date(2023, 1, 29), date(2023, 1, 29))]


def test_a_phrase_referring_back_ends_the_date_told_before(lex):
    """"پس از این اقدام، …": the date of the sentence before is the attack's; the statement and what the next
    sentence tells come later, undated, until a date is told again."""
    text = ("صبح هفتم بهمن ۱۴۰۱ فردی مسلح به سفارت جمهوری آذربایجان در تهران حمله کرد.\n"
            "پس از این اقدام، جیحون بایراموف وزیر امور خارجه جمهوری آذربایجان اعلام کرد سفارت تعطیل می‌شود.\n"
            "حکمت حاجیف گفت روابط ادامه دارد.\n"
            "روز دوم اسفند ۱۴۰۱ حکمت حاجیف بار دیگر گفت روابط ادامه دارد.\n")
    got = events(lex, text)
    day, bound = date(2023, 1, 27), (date(2023, 1, 27), date(2024, 2, 18))
    assert got[0] == ("Attack", day, day)
    assert [g[1:] for g in got[1:-1]] == [bound] * (len(got) - 2) and len(got) >= 3
    assert got[-1] == ("Statement", date(2023, 2, 21), date(2023, 2, 21))


def test_a_phrase_of_an_undated_event_keeps_the_reference_time(lex):
    """"پس از مراسم استقبال، …": the ceremony takes the day told before, and so does what follows it."""
    text = ("مسعود پزشکیان رئیس‌جمهور ایران روز دوشنبه هشتم اردیبهشت ۱۴۰۴ وارد باکو شد.\n"
            "پس از مراسم استقبال، پزشکیان با الهام علیاف رئیس‌جمهور آذربایجان دیدار کرد.\n")
    day = date(2025, 4, 28)
    assert ("Meeting", day, day) in events(lex, text, "2025-04-28")


@pytest.mark.parametrize("opening", ["پس از گذشت یک سال،", "بعد از ظهر،"])
def test_a_phrase_that_tells_no_event_changes_nothing(lex, opening):
    text = ("روز دوم اسفند ۱۴۰۱ جیحون بایراموف به تهران سفر کرد.\n"
            f"{opening} جیحون بایراموف با حسین امیرعبداللهیان دیدار کرد.\n")
    day = date(2023, 2, 21)
    assert ("Meeting", day, day) in events(lex, text)


def test_told_as_done_it_is_bounded_by_the_report(lex):
    """Not before the attack, and told as done: not after the publication (the bound is a span of over a month)."""
    x = extract_document(Document("t", ATTACK, "mem", published_raw="2024-02-18"), lex)
    d = x.events[1].date
    assert (d.earliest, d.latest, d.precision, d.as_stated) == (
        date(2023, 1, 27), date(2024, 2, 18), "Year", "هفتم بهمن ۱۴۰۱")



@pytest.mark.parametrize("trip, latest", [("این سفر", date(2023, 4, 30)), ("این سفر سه روزه", date(2023, 5, 2))])
def test_during_the_trip_told_before(lex, trip, latest):
    """"در این سفر [سه روزه] با X دیدار کرد": the meeting is during the trip told before (its days, if given),
    the one of the person who meets, not the last told nor the last date of the text."""
    text = ("ابراهیم رئیسی رئیس‌جمهور ایران روز یکشنبه ۱۰ اردیبهشت ۱۴۰۲ به دمشق سفر کرد.\n"
            "حسین امیرعبداللهیان وزیر خارجه ایران نیز سال گذشته به دمشق سفر کرده بود.\n"
            f"رئیسی در {trip} با بشار اسد دیدار کرد.\n")
    x = extract_document(Document("t", text, "mem", published_raw="2023-05-03"), lex)
    meeting = next(e for e in x.events if e.type == "Meeting")
    assert (meeting.date.earliest, meeting.date.latest, meeting.date.precision) == (
        date(2023, 4, 30), latest, "Day" if latest == date(2023, 4, 30) else "Month")


def test_a_clause_told_as_done_does_not_take_a_later_date_told_before(lex):
    """"X گفت … هفته آینده … سفر خواهد کرد. Y نوشت که امضای توافق … انجام شده است": the signing is done, so not
    next week: it takes the report's day."""
    text = ("سرگئی لاوروف گفت هیاتی از روسیه هفته آینده به تهران سفر خواهند کرد.\n"
            "عباس عراقچی در حساب کاربری خود نوشت که امضای توافق همکاری با روسیه در مسکو انجام شده است.\n")
    x = extract_document(Document("t", text, "mem", published_raw="2024-11-14"), lex)
    agreement = next(e for e in x.events if e.type == "Agreement")
    assert (agreement.date.earliest, agreement.date.latest) == (date(2024, 11, 14), date(2024, 11, 14))


def test_after_this_meeting_is_not_during_it(lex):
    """"پس از این دیدار، …" is after the meeting (a bound from its day), "در این دیدار" during it (its day)."""
    first = "عباس عراقچی روز ۲۶ آذر ۱۴۰۳ در مسکو با سرگئی لاوروف دیدار کرد.\n"
    after = first + "پس از این دیدار، عراقچی گفت روابط دو کشور راهبردی است.\n"
    during = first + "عراقچی در این دیدار گفت روابط دو کشور راهبردی است.\n"
    day, published = date(2024, 12, 16), "2024-12-20"
    assert events(lex, after, published)[-1] == ("Statement", day, date(2024, 12, 20))
    assert events(lex, during, published)[-1] == ("Statement", day, day)


def test_the_earlier_event_has_only_the_participants_of_its_phrase(lex):
    """"پس از امضای توافق، وانگ یی گفت …": Wang Yi speaks; he signed nothing (the phrase names no one)."""
    text = ("ایران و عربستان سعودی روز جمعه ۱۹ اسفند ۱۴۰۱ در پکن توافقی امضا کردند.\n"
            "پس از امضای توافق، وانگ یی وزیر خارجه چین گفت چین از این گام حمایت می‌کند.\n")
    x = extract_document(Document("t", text, "mem", published_raw="2023-03-10"), lex)
    assert [(e.type, sorted(e.actors)) for e in x.events] == [
        ("Agreement", ["iran", "saudi_arabia"]), ("Statement", ["wang_yi"])]
