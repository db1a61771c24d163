"""A synthetic Persian news corpus for the benchmark (`python -m kg.bench`), made from templates of our own.

    corpus(n, seed=1) -> list[dict]          JSON records {"id", "text", "lang", "title", "outlet", "published", "url"}
    write_jsonl(records, path)               one record a line, UTF-8, written atomically

Names come from the production lexicon (persons with their offices, countries, capitals) and from invented persons
(common given names + invented surnames). Dates are Jalali ("۲۹ بهمن ۱۴۰۱", "هفتم بهمن") or relative ("امروز",
"دیروز", "روز یکشنبه"); the publication date is given in the metadata. Every one of the twelve event kinds is
written in every block of twelve articles; one article in five retells an earlier one's news from another outlet.
The same (n, seed) gives the same corpus, byte for byte.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import jdatetime

from kg.atomic import write_atomic
from kg.graph.names import EVENT_TYPES
from kg.lexicon import COLUMNS
from kg.lexicon.tsv import read_tsv

DATA = Path(__file__).resolve().parent.parent / "lexicon" / "data"
FA = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
ORDINALS = ("اول", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم", "نهم", "دهم", "یازدهم", "دوازدهم",
            "سیزدهم", "چهاردهم", "پانزدهم", "شانزدهم", "هفدهم", "هجدهم", "نوزدهم", "بیستم")
WEEKDAYS = ("دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه", "یکشنبه")  # date.weekday() order
SURNAMES = ("رستگارپور", "کاظم‌نیا", "سپهری‌فر", "نیک‌اندیش", "بهارلویی", "آذرمهر", "شایسته‌خو", "دلاورزاده",
            "مهرآیین", "فرهمندی", "زرین‌کوب‌زاده", "ستوده‌نیا", "پارسامنش", "کوهسار", "نوروزپور", "یزدان‌پناه")
TITLES = (("سفیر", "Ambassador"), ("معاون وزیر امور خارجه", "DeputyForeignMinister"),
          ("سخنگوی وزارت امور خارجه", "Spokesperson"), ("وزیر امور خارجه", "ForeignMinister"))
OUTLETS = ("ایرنا", "ایسنا", "خبرگزاری مهر", "خبرگزاری تسنیم", "همشهری آنلاین", "دیپلماسی ایرانی")
IRAN = "ایران"
FOCUS = ("جمهوری آذربایجان", "ترکیه", "روسیه", "عراق", "ارمنستان", "پاکستان", "قطر", "عمان")


def _rows(name: str) -> list[dict[str, str]]:
    return [row for _, row in read_tsv(DATA / name, COLUMNS[name])]


@dataclass(frozen=True)
class Person:
    phrase: str  # "وزیر امور خارجه ترکیه هاکان فیدان"
    name: str
    country: str  # Persian country name
    start: date = date.min  # the term of the office in the phrase (invented persons: always)
    end: date = date.max


@dataclass(frozen=True)
class Names:
    persons: tuple[Person, ...]
    countries: tuple[tuple[str, str], ...]  # (country, capital city), both in Persian
    given: tuple[str, ...]


def load_names() -> Names:
    """Lexicon persons with the title of an office they held, countries with their capitals, given names."""
    places = {r["key"]: r["name_fa"] for r in _rows("places.tsv")}
    countries = {r["key"]: (r["name_fa"], places.get(r["capital"], "")) for r in _rows("countries.tsv")}
    people = {r["key"]: r["name_fa"] for r in _rows("persons.tsv")}
    persons = []
    for o in _rows("offices.tsv"):
        if o["person"] in people and o["country"] in countries and o["role"] != "Official":
            c = countries[o["country"]][0]
            where = "" if c == IRAN and o["role"] == "Spokesperson" else f" {c}"
            persons.append(Person(f"{o['title_fa']}{where} {people[o['person']]}", people[o["person"]], c,
                                  date.fromisoformat(o["start"]) if o["start"] else date.min,
                                  date.fromisoformat(o["end"]) if o["end"] else date.max))
    given = tuple(r["form"] for r in _rows("given_names.tsv"))
    return Names(tuple(persons), tuple(v for v in countries.values() if v[1]), given)


def _date_phrase(rng: random.Random, when: date, published: date) -> str:
    """The event day as a Persian news text would write it, relative to the publication day when close."""
    j = jdatetime.date.fromgregorian(date=when)
    ago = (published - when).days
    pick = rng.random()
    if ago == 0 and pick < 0.5:
        return "امروز"
    if ago == 1 and pick < 0.5:
        return "دیروز"
    if 0 < ago < 7 and pick < 0.7:
        return f"روز {WEEKDAYS[when.weekday()]}"
    if j.year == jdatetime.date.fromgregorian(date=published).year and j.day <= len(ORDINALS) and pick < 0.8:
        return f"{ORDINALS[j.day - 1]} {MONTHS[j.month - 1]}"
    return f"{j.day} {MONTHS[j.month - 1]} {j.year}".translate(FA)


class _Writer:
    """Fills the templates of one article."""

    def __init__(self, rng: random.Random, names: Names, published: date):
        self.rng, self.names, self.published = rng, names, published
        self.holders = [p for p in names.persons if p.start <= published < p.end]  # no anachronisms

    def date(self) -> str:
        return _date_phrase(self.rng, self.published - timedelta(days=self.rng.choice((0, 0, 1, 2, 3, 5, 12, 40))),
                            self.published)

    def country(self) -> tuple[str, str]:
        if self.rng.random() < 0.6:
            name = self.rng.choice(FOCUS)
            return next(c for c in self.names.countries if c[0] == name)
        return self.rng.choice(self.names.countries)

    def person(self) -> Person:
        if self.holders and self.rng.random() < 0.6:
            return self.rng.choice(self.holders)
        name = f"{self.rng.choice(self.names.given)} {self.rng.choice(SURNAMES)}"
        title, _role = self.rng.choice(TITLES)
        c = self.country()[0]
        return Person(f"{title} {c} {name}", name, c)


def _sentence(w: _Writer, kind: str) -> str:
    a, b = w.person(), w.person()
    ca, city_a = w.country()
    cb, city_b = w.country()
    while cb == ca:
        cb, city_b = w.country()
    d = w.date()
    r = w.rng.random() < 0.5
    s = {
        "Visit": f"{a.phrase} {d} برای دیداری رسمی به {city_b} سفر کرد." if r else
                 f"{a.phrase} {d} در راس هیئتی وارد {city_b} شد.",
        "Meeting": f"{a.phrase} {d} در {city_a} با {b.phrase} دیدار و گفت‌وگو کرد.",
        "PhoneCall": f"{a.phrase} و {b.phrase} {d} در تماس تلفنی درباره روابط دوجانبه گفت‌وگو کردند.",
        "Statement": f"{a.phrase} {d} در نشست خبری گفت که روابط {IRAN} و {cb} رو به گسترش است." if r else
                     f"{a.phrase} {d} ابراز امیدواری کرد که همکاری‌های {IRAN} و {cb} افزایش یابد.",
        "Attack": f"{d} افراد مسلح به سفارت {ca} در {city_b} حمله کردند و دو نگهبان زخمی شدند.",
        "MissionSuspension": f"دولت {ca} {d} فعالیت سفارت خود در {city_b} را به حالت تعلیق درآورد." if r else
                             f"سفارت {ca} در {city_b} {d} تعطیل شد.",
        "MissionResumption": f"سفارت {ca} در {city_b} {d} پس از دو سال بازگشایی شد." if r else
                             f"{a.phrase} نسبت به آغاز مجدد فعالیت سفارت {ca} در {city_b} ابراز امیدواری کرد.",
        "LegalProceeding": f"جلسه دادگاه متهمان پرونده حمله به سفارت {ca} در {city_b} {d} برگزار شد.",
        "Summons": f"سفیر {ca} در {cb} {d} به وزارت امور خارجه {cb} احضار شد.",
        "Expulsion": f"دولت {cb} {d} دو دیپلمات سفارت {ca} را عنصر نامطلوب اعلام و اخراج کرد.",
        "Appointment": f"{w.rng.choice(w.names.given)} {w.rng.choice(SURNAMES)} {d} به عنوان سفیر جدید {ca} در "
                       f"{cb} منصوب شد.",
        "Agreement": f"{a.phrase} و {b.phrase} {d} در {city_a} یک سند همکاری در زمینه تجارت و انرژی امضا کردند.",
    }
    return s[kind]


KINDS = EVENT_TYPES


# Headlines name no one: the lead sentence says who, as in a news brief.
HEADLINES = {"Visit": "سفر رسمی", "Meeting": "دیدار دیپلماتیک", "PhoneCall": "گفت‌وگوی تلفنی",
             "Statement": "اظهارات دیپلماتیک", "Attack": "حمله به نمایندگی دیپلماتیک", "MissionSuspension":
             "تعلیق فعالیت نمایندگی", "MissionResumption": "بازگشایی نمایندگی", "LegalProceeding": "جلسه دادگاه",
             "Summons": "احضار دیپلمات", "Expulsion": "اخراج دیپلمات", "Appointment": "انتصاب سفیر",
             "Agreement": "امضای سند همکاری"}


RETOLD = 0.2  # share of articles that retell an earlier one's news from another outlet, the same day


def article(i: int, names: Names, seed: int = 1) -> dict[str, str]:
    """Article number `i`, a news brief: a headline, a lead naming the outlet and, in three articles of ten, one
    more sentence (about 130 triples an article: 10,000 articles make about 1.3 million triples, the size the
    benchmark asks for); kind i % 12 comes first. One article in five retells the news of an article 12 to 60
    before it (the same kind first) from another outlet, published the same day: the corpus graph joins their
    reports into one event node per occurrence, as it would for a real corpus."""
    again = random.Random(f"{seed}:{i}:retold")  # apart, so that the other articles stay as they were
    if i >= 12 and again.random() < RETOLD:
        src = article(i - 12 * again.randint(1, min(5, i // 12)), names, seed)
        outlet = again.choice([o for o in OUTLETS if o != src["outlet"]])
        return {**src, "id": f"bench-{i:06d}", "outlet": outlet, "url": f"https://news.example.org/bench/{i:06d}",
                "text": src["text"].replace(f"به گزارش {src['outlet']}، ", f"به گزارش {outlet}، ", 1)}
    rng = random.Random(f"{seed}:{i}")
    published = date(2021, 3, 21) + timedelta(days=rng.randrange(1460))
    w = _Writer(rng, names, published)
    kinds = [KINDS[i % len(KINDS)]] + [rng.choice(KINDS) for _ in range(1 if rng.random() < 0.3 else 0)]
    body = [_sentence(w, k) for k in kinds]
    outlet = rng.choice(OUTLETS)
    lead = f"به گزارش {outlet}، {body[0]}"
    title = HEADLINES[kinds[0]]
    return {"id": f"bench-{i:06d}", "text": "\n\n".join(p for p in (title, lead, " ".join(body[1:])) if p),
            "lang": "fa",
            "title": title, "outlet": outlet, "published": published.isoformat(),
            "url": f"https://news.example.org/bench/{i:06d}"}


def corpus(n: int, seed: int = 1) -> list[dict[str, str]]:
    names = load_names()
    return [article(i, names, seed) for i in range(n)]


def write_jsonl(records: list[dict[str, str]], path: str | Path) -> Path:
    return write_atomic(path, "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records))
