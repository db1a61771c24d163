"""Kinds of diplomatic event text (issue 12), on sentences written for this file, through the whole pipeline with
the production lexicon. Each row: a text and exactly the events it gives; negatives give no event or fewer."""

from datetime import date

import pytest

from kg.extract.dates import find_dates
from kg.extract.pipeline import extract_document
from kg.lexicon import load
from kg.model import Document

PUB = "2023-10-15"  # Sunday 23 Mehr 1402
TODAY = (PUB, PUB)
NEXT_WEEK = ("2023-10-21", "2023-10-27")  # Saturday to Friday


@pytest.fixture(scope="module")
def lex():
    return load()


def events(lex, text):
    x = extract_document(Document("t", text, "mem", published_raw=PUB), lex)
    return [(e.type, e.actors, e.place, e.date and (e.date.earliest.isoformat(), e.date.latest.isoformat()),
             e.modality) for e in x.events]


KINDS = [
    # statements by a country (at the head of its clause), several countries in one document
    ("ایران اعلام کرد که سفیر خود را به باکو می‌فرستد.", [("Statement", ["iran"], None, TODAY, None)]),
    ("ترکیه و آذربایجان در بیانیه‌ای مشترک خواستار آتش‌بس شدند.",
     [("Statement", ["turkey", "azerbaijan"], None, TODAY, None)]),
    ("ایران و آذربایجان ازسرگیری روابط دیپلماتیک را اعلام کردند.",  # each announces; relations resume
     [("MissionResumption", ["iran", "azerbaijan"], None, None, None),
      ("Statement", ["iran"], None, TODAY, None), ("Statement", ["azerbaijan"], None, TODAY, None)]),
    # a news outlet reports: the person it names does not speak (negative for a Statement)
    ("روزنامه الوطن از سفر امیرعبداللهیان به دمشق خبر داد.",
     [("Visit", ["amir_abdollahian"], "damascus", TODAY, None)]),
    ("این رسانه نوشت امیرعبداللهیان به دمشق سفر کرد.", [("Visit", ["amir_abdollahian"], "damascus", TODAY, None)]),
    # a protest conveyed at a summons: the ministry the envoy was summoned to speaks
    ("سفیر سوئیس به وزارت امور خارجه احضار شد. در این ملاقات اعتراض ایران به وی ابلاغ شد.",
     [("Summons", ["mfa_iran", "switzerland"], None, TODAY, None), ("Statement", ["mfa_iran"], None, TODAY, None)]),
    # a delegation travels for its country, not the one who announces it; the speaker's own trip (first person)
    ("فیدان گفت هیاتی از روسیه هفته آینده به تهران سفر خواهند کرد.",
     [("Statement", ["fidan"], None, NEXT_WEEK, None), ("Visit", ["russia"], "tehran", NEXT_WEEK, "Planned")]),
    ("فیدان گفت: وزرای خارجه ایران و روسیه به استانبول خواهند آمد.",
     [("Statement", ["fidan"], None, TODAY, None),
      ("Visit", ["lavrov", "amir_abdollahian"], "istanbul", TODAY, "Planned")]),
    ("امیرعبداللهیان گفت: به باکو سفر خواهم کرد.",
     [("Statement", ["amir_abdollahian"], None, TODAY, None),
      ("Visit", ["amir_abdollahian"], "baku", TODAY, "Planned")]),
    # phone and video calls; one call, not also a meeting
    ("امیرعبداللهیان با بایراموف تماس ویدئویی داشت.",
     [("PhoneCall", ["amir_abdollahian", "bayramov"], None, TODAY, None)]),
    ("بایراموف در تماس تلفنی با امیرعبداللهیان گفت‌وگو کرد.",
     [("PhoneCall", ["bayramov", "amir_abdollahian"], None, TODAY, None)]),
    # credentials are presented in person: the envoy meets the head of state
    ("سفیر جدید ایران استوارنامه خود را به الهام علی‌اف تقدیم کرد.",
     [("Meeting", ["mousavi_abbas", "ilham_aliyev"], None, TODAY, None)]),
    # the traveller is not across "و" / a preposition after the noun
    ("امیرعبداللهیان سفر کرد و با بایراموف در باکو دیدار کرد.",
     [("Visit", ["amir_abdollahian"], "baku", TODAY, None),
      ("Meeting", ["amir_abdollahian", "bayramov"], "baku", TODAY, None)]),
    # "طرفین" stands for the two countries of the article
    ("ایران و آذربایجان روابط خوبی دارند. طرفین یادداشت تفاهم امضا کردند.",
     [("Agreement", ["iran", "azerbaijan"], None, TODAY, None)]),
    # an alleged attack ("به اتهام طرح‌ریزی حمله") is no attack; the expulsion is
    ("هلند دو دیپلمات ایرانی را به اتهام طرح‌ریزی حمله اخراج کرد.",
     [("Expulsion", ["netherlands", "iran"], None, TODAY, None)]),
    # the ministry's and its minister's words in one report: one statement
    ("وزارت امور خارجه ایران اعلام کرد که رایزنی ادامه دارد. امیرعبداللهیان گفت که روابط خوب است.",
     [("Statement", ["mfa_iran", "amir_abdollahian"], None, TODAY, None)]),
    # a minister named with his title in the article speaks for his ministry: one statement
    ("استف بلاک، وزیر خارجه هلند، اعلام کرد که روابط خوب است. وزارت خارجه هلند اعلام کرد که سفیر را فرامی‌خواند.",
     [("Statement", ["person_استفبلاک", "mfa_netherlands"], None, TODAY, None)]),
    # an authorisation to sign is no signing (unscored modality)
    ("دولت ایران مجوز امضای تفاهم‌نامه با آذربایجان را به وزارت امور خارجه داد.",
     [("Agreement", ["gov_iran", "mfa_iran", "iran", "azerbaijan"], None, TODAY, "Hypothetical")]),
    # negatives: one government's bodies meet nobody; "تعرض" that is not an assault on a mission; no countries
    ("وزارت امور خارجه و دولت ایران مذاکرات را آغاز کردند.", []),
    ("وزارت امور خارجه ایران برای مذاکرات آماده است.", []),
    ("رژیم صهیونیستی به حریم هوایی تعرض کرد.", []),
    ("دو کشور تفاهم‌نامه همکاری امضا کردند.", []),  # "دو کشور" with no country named: nobody to say
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_event_kinds(lex, text, expected):
    assert events(lex, text) == expected


AFGHAN_MONTHS = [
    # (text, (earliest, latest) of each date found)
    ("وزیر خارجه در ۱۵ حمل ۱۴۰۰ به کابل رفت.", [("2021-04-04", "2021-04-04")]),
    ("نشست در میزان ۱۴۰۲ برگزار شد.", [("2023-09-23", "2023-10-22")]),
    ("قرارداد در ۳ جدی ۱۳۹۹ امضا شد.", [("2020-12-23", "2020-12-23")]),
    ("این مسئله جدی است.", []),  # negative: "serious"
    ("به میزان بیست درصد افزایش یافت.", []),  # negative: "amount"
    ("۱۰ اسد گفت که می‌آید.", []),  # negative: without a year the word may be a name
]


@pytest.mark.parametrize(("text", "expected"), AFGHAN_MONTHS)
def test_afghan_month_names(text, expected):
    """Dari month names (حمل … حوت) are the solar Hijri months, read only with a year after them."""
    got = [(d.info.earliest.isoformat(), d.info.latest.isoformat()) for d in find_dates(text, date(2023, 10, 15))
           if d.info]
    assert got == expected


MORE = [
    # organizations joined by "و" each react; an assault on an embassy and a consulate is one attack on each
    ("اتحادیه اروپا و سازمان ملل نسبت به اعدام او واکنش نشان دادند.",
     [("Statement", ["eu"], None, TODAY, None), ("Statement", ["un"], None, TODAY, None)]),
    # a noun trigger names its speaker after it, a country too ("موضع‌گیری سوئیس")
    ("در پی موضع‌گیری سوئیس، سفیر این کشور به وزارت امور خارجه احضار شد.",
     [("Statement", ["switzerland"], None, TODAY, None), ("Summons", ["mfa_iran", "switzerland"], None, TODAY, None)]),
]


@pytest.mark.parametrize(("text", "expected"), MORE)
def test_more_event_kinds(lex, text, expected):
    assert events(lex, text) == expected


DATES = [
    # (text, (earliest, latest) of each date found); publication Sunday 2023-10-15, weeks run Saturday to Friday
    ("دولت در بهار ۱۳۹۹ نظر خود را اعلام کرد.", [("2020-03-20", "2020-06-20")]),  # a season: three months
    ("زمستان ۱۴۰۱ سرد بود.", [("2022-12-22", "2023-03-20")]),
    ("تابستان سال گذشته دیدار کردند.", [("2022-06-22", "2022-09-22")]),
    ("بهار سپهری گفت که روابط خوب است.", []),  # negative: a given name, no year
    ("هفته گذشته دیدار کردند.", [("2023-10-07", "2023-10-13")]),  # a week as an interval
    ("ماه گذشته دیدار کردند.", [("2023-08-23", "2023-09-22")]),  # Shahrivar 1402
    ("سال گذشته دیدار کردند.", [("2022-03-21", "2023-03-20")]),  # 1401
    ("سه‌شنبه هفته آینده سفر می‌کند.", [("2023-10-24", "2023-10-24")]),  # the weekday of a relative week
    ("روز شنبه هفته گذشته دیدار کرد.", [("2023-10-07", "2023-10-07")]),
    ("هفته گذشته (جمعه) گفت.", [("2023-10-13", "2023-10-13")]),
    ("دو سال گذشته سخت بود.", []),  # negative: a duration, not a date
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_seasons_and_relative_dates(text, expected):
    got = [(d.info.earliest.isoformat(), d.info.latest.isoformat()) for d in find_dates(text, date(2023, 10, 15))
           if d.info]
    assert got == expected
