"""Entity mentions: lexicon names, generic designations (ministries, governments, missions), titles, persons
next to titles, surnames, and reference within the article ("این کشور", "وی", "این سفارتخانه", "کشورمان").

Everything is found on token ranges of `Text`; `Found.i`/`Found.j` are token indices [i, j).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from kg.extract.text import Text
from kg.lexicon import Lexicon, Title
from kg.model import Entity
from kg.normalize import compact

PRONOUNS = {"وی", "او", "ایشان"}
MARKS = {",", "«", "»", "(", ")", "\"", "_"}
QUOTES = {"«", "»", "\"", "_"}
SURNAME_TAILS = {"اف", "اوف", "یف", "زاده", "پور", "نیا", "فر"}
THIS = "این"
TITLE_ADJECTIVES = {"جدید", "سابق", "پیشین", "کنونی", "فعلی", "وقت"}
NOW_WORDS = (("در", "حال", "حاضر"), ("هم", "اکنون"), ("هماکنون",), ("اکنون",), ("حالا",))  # longest first


@dataclass
class Found:
    i: int
    j: int
    key: str
    kind: str
    how: str = "lexicon"


@dataclass
class TitleAt:
    i: int
    j: int  # end of the title words
    title: Title
    country: str | None = None  # country the title is qualified with
    k: int = 0  # end of title + qualifier (country/organization)
    person: str | None = None  # person it stands next to, if any
    text_end: int = 0


class EntityFinder:
    """Finds entity mentions in one document, minting entities the lexicon does not know."""

    def __init__(self, lex: Lexicon, home: str | None = "iran"):
        self.lex = lex
        self.capital_of = {city: country for country, city in lex.capitals.items()}
        self.home = home if home in lex.entities else None

    # ---- the pass -------------------------------------------------------------------------------------
    def run(self, t: Text) -> tuple[list[Found], list[TitleAt], dict[str, Entity]]:
        self.t = t
        self.minted: dict[str, Entity] = {}
        names = self.scan_names()
        names += self.nested_countries(names) + self.agencies(names) + self.demonyms(names)
        titles = self.scan_titles(names)
        heads = self.scan_heads(names)
        found = sorted(names + heads, key=lambda f: (f.i, -f.j))
        found = self.persons_by_title(found, titles)
        found = self.surnames(found)
        found = self.references(found)
        for ta in titles:
            ta.country = ta.country or self.country_after(ta.k, found)
        self.coordinate(titles)
        return sorted(found, key=lambda f: (f.i, -f.j)), titles, self.minted

    def entity(self, key: str) -> Entity | None:
        return self.minted.get(key) or self.lex.entities.get(key)

    def kind(self, key: str) -> str:
        e = self.entity(key)
        return e.kind if e else "Organization"

    # ---- lexicon names --------------------------------------------------------------------------------
    def scan_names(self) -> list[Found]:
        t, out, i = self.t, [], 0
        while i < len(t.tokens):
            hit = t.longest(i, self.lex.forms)
            if hit and not self.title_starts_longer(i, hit[0]):
                j, keys = hit
                key = keys[0]
                e = self.lex.entities[key]
                if not (e.kind == "Region" and e.country is None):  # "قفقاز": above countries, not a place of one
                    out.append(Found(i, j, key, self.kind(key)))
                i = j
                continue
            hit = t.longest(i, self.lex.ambiguous)
            if hit and self.ambiguous_ok(i, hit[0], str(hit[1])):
                out.append(Found(i, hit[0], hit[1], self.kind(hit[1]), "context"))
                i = hit[0]
                continue
            i += 1
        return out

    def demonyms(self, names: list[Found]) -> list[Found]:
        """"دیپلمات‌های ایرانی", "طرف سوئیسی": the adjective of nationality points at its country."""
        taken = {k for f in names for k in range(f.i, f.j)}
        out = []
        for k, tok in enumerate(self.t.tokens):
            key = self.lex.demonyms.get(tok.text)
            if key and k not in taken and k > 0 and self.t.word(k - 1).isalpha():
                out.append(Found(k, k + 1, key, "Country", "demonym"))
        return out

    def nested_countries(self, names: list[Found]) -> list[Found]:
        """A country named inside an organization's name ("دولت [جمهوری آذربایجان]") is mentioned too."""
        out = []
        for f in names:
            if f.kind not in ("Organization", "Mission"):
                continue
            for k in range(f.i + 1, f.j):
                hit = self.t.longest(k, self.lex.forms)
                if hit and hit[0] <= f.j and self.kind(hit[1][0]) == "Country":
                    out.append(Found(k, hit[0], hit[1][0], "Country"))
                    break
        return out

    def agencies(self, names: list[Found]) -> list[Found]:
        """"به گزارش X،" / "به نقل از X،": X is a news organization, minted when the lexicon does not know it."""
        out, starts = [], {f.i for f in names}
        for k, tok in enumerate(self.t.tokens):
            if tok.text not in ("گزارش", "نقل") or self.t.word(k - 1) != "به":
                continue
            s = k + 2 if tok.text == "نقل" and self.t.word(k + 1) == "از" else k + 1
            while self.t.word(s) in {"گروه", "سرویس", "بین", "الملل", "بینالملل", "سیاسی", "خبرنگار"}:
                s += 1
            e = s
            while e < len(self.t.tokens) and e - s < 4 and self.t.word(e).isalpha() and \
                    self.t.sent_of[e] == self.t.sent_of[k] and compact(self.t.word(e)) not in self.lex.function_words:
                e += 1
            if e == s or s in starts or self.t.word(e) not in {",", ";", ":", "،", "."} or \
                    any(f.i < e and f.j > s for f in names):
                continue
            name = " ".join(self.t.surface(s, e).split())
            key = "outlet_" + compact(name)
            self.minted.setdefault(key, Entity(key, "Organization", name, subtype="NewsMediaOrganization"))
            out.append(Found(s, e, key, "Organization", "pattern"))
        return out

    def title_starts_longer(self, i: int, j: int) -> bool:
        hit = self.t.longest(i, self.lex.titles)
        return bool(hit and hit[0] > j)

    def ambiguous_ok(self, i: int, j: int, key: str = "") -> bool:
        """An ambiguous form counts in a list ("…، مالی، …"), after "خبرگزاری", or before its own country
        ("آستانه قزاقستان")."""
        before, after = self.t.word(i - 1), self.t.word(j)
        e = self.lex.entities.get(key)
        nxt = self.t.longest(j, self.lex.forms)
        if e is not None and e.country and nxt and e.country in nxt[1]:
            return True
        return before in {",", "خبرگزاری"} or (before == "و" and self.t.word(i - 3) == ",") or after == ","

    # ---- titles ---------------------------------------------------------------------------------------
    def scan_titles(self, names: list[Found]) -> list[TitleAt]:
        t, out, i = self.t, [], 0
        while i < len(t.tokens):
            hit = t.longest(i, self.lex.titles)
            if hit:
                j, title = hit
                out.append(TitleAt(i, j, title, k=j))
                i = j
            else:
                i += 1
        for ta in out:
            self.qualify(ta, names)
        return out

    def qualify(self, ta: TitleAt, names: list[Found]) -> None:
        """The country a title is qualified with: "وزیر خارجه آذربایجان", "… این کشور", "… کشورمان"."""
        k = ta.j
        while self.t.word(k) in TITLE_ADJECTIVES:  # "سفیر جدید ایران"
            k += 1
        if self.t.word(k) == "جمهوری" and not any(f.i == k for f in names):
            k += 1  # "رئیس جمهوری آذربایجان"
        for f in names:
            if f.i == k and f.kind == "Country":
                ta.country, ta.k = f.key, f.j
                return
            e = self.lex.entities.get(f.key)
            if ta.i < f.i < ta.j < f.j and f.kind == "Organization" and e is not None and e.country:
                ta.country, ta.k = e.country, f.j  # "معاون سیاسی [وزارت امور خارجه ایران]"
                return
        w = self.t.word(k)
        if w == "کشورمان" and self.home:
            ta.country, ta.k = self.home, k + 1

    def country_after(self, k: int, found: list[Found]) -> str | None:
        for f in found:
            if f.i == k and f.kind == "Country":
                return f.key
        return None

    # ---- generic designations -------------------------------------------------------------------------
    def scan_heads(self, names: list[Found]) -> list[Found]:
        t, out = self.t, []
        covered = {k for f in names for k in range(f.i, f.j)}
        i = 0
        while i < len(t.tokens):
            hit = t.longest(i, self.lex.org_heads) if i not in covered else None
            if not hit:
                i += 1
                continue
            j, kind = hit
            made = self.head(i, j, str(kind), names, out)
            if made:
                out.append(made)
                i = made.j
            else:
                i = j
        return out

    def head(self, i: int, j: int, kind: str, names: list[Found], done: list[Found]) -> Found | None:
        country, k = self.country_at(j, names)
        if kind in ("embassy", "consulate"):
            return self.mission(i, kind, country, k, names, done)
        if country is None:
            if kind != "mfa" or self.home is None:
                return None
            country, k = self.home, j
        key = self.lex.mfa_of(country) if kind == "mfa" else f"{kind}_{country}"
        if key is None:
            key = f"{kind}_{country}"
        if self.entity(key) is None:
            self.mint_org(key, kind, country)
        return Found(i, k, key, "Organization", "designation")

    def country_at(self, k: int, names: list[Found]) -> tuple[str | None, int]:
        """A country named at token k, directly or as "این کشور" / "کشورمان"."""
        for f in names:
            if f.i == k and f.kind == "Country":
                return f.key, f.j
            if f.i == k and f.kind == "City" and f.key in self.capital_of:  # "سفارت باکو": Baku stands for Azerbaijan
                return self.capital_of[f.key], f.j
        if self.t.word(k) == THIS and self.t.word(k + 1) == "کشور":
            return self.this_country(k, names), k + 2
        if self.t.word(k) == "کشورمان" and self.home:
            return self.home, k + 1
        if self.t.word(k) == "خود":  # "سفارت خود": the country the sentence is about
            return self.this_country(k, names), k + 1
        return None, k

    def this_country(self, k: int, found: list[Found]) -> str | None:
        """"این کشور": the last country named before, not one coordinated with it, preferring a foreign one."""
        skip = {f.key for f in found if f.kind == "Country" and k - 3 <= f.j <= k}
        cands = [f.key for f in sorted(found, key=lambda f: f.i)
                 if f.j <= k and f.kind == "Country" and f.how != "coref" and f.key not in skip]
        foreign = [c for c in cands if c != self.home]
        return foreign[-1] if foreign else (cands[-1] if cands else None)

    def mission(self, i, kind, sender, k, names, done) -> Found | None:
        city = None
        if self.t.word(k) == "در":
            for f in names:
                if f.i == k + 1 and f.kind in ("City", "Country"):
                    # "سفارت X در ایران": an embassy in a country sits in its capital
                    city, k = (self.lex.capitals.get(f.key) if f.kind == "Country" else f.key), f.j
                    break
        if sender is None and city is None:
            return None
        if sender is None:  # "سفارت در تهران": the foreign country in context
            host = self.country_of_place(city)
            prior = [f.key for f in names + done if f.j <= i and f.kind == "Country" and f.key != host]
            coref = self.this_country(i, names + done)
            sender = coref or (prior[-1] if prior else None)
            if sender is None:
                return None
        if city is None:
            if sender == self.home:
                return None
            city = self.lex.capitals.get(self.home)
        key = f"mission_{kind}_{sender}_{city}"
        if self.entity(key) is None:
            self.mint_mission(key, kind, sender, city)
        return Found(i, k, key, "Mission", "designation")

    def country_of_place(self, key: str | None) -> str | None:
        e = self.entity(key) if key else None
        if e is None:
            return None
        return e.key if e.kind == "Country" else e.country

    def mint_org(self, key: str, kind: str, country: str) -> None:
        c = self.entity(country)
        cname = c.name_fa if c else country
        head = {"mfa": "وزارت امور خارجه", "gov": "دولت"}.get(kind, kind)
        alts = {f"{head} {a}" for a in (c.alt_names if c else set())}
        if kind == "mfa":
            alts |= {f"وزارت خارجه {cname}"} | {f"وزارت خارجه {a}" for a in (c.alt_names if c else set())}
        self.minted[key] = Entity(key, "Organization", f"{head} {cname}", alt_names=alts,
                                  subtype="GovernmentOrganization", country=country)

    def mint_mission(self, key: str, kind: str, sender: str, city: str | None) -> None:
        s, c = self.entity(sender), self.entity(city) if city else None
        head = "سفارت" if kind == "embassy" else "کنسولگری"
        sname = s.name_fa if s else sender
        name = f"{head} {sname}" + (f" در {c.name_fa}" if c else "")
        alts = {f"{head} {a}" + (f" در {c.name_fa}" if c else "") for a in (s.alt_names if s else set())}
        self.minted[key] = Entity(key, "Mission", name, alt_names=alts, sender=sender,
                                  host=self.country_of_place(city), city=city, country=sender)

    # ---- persons named next to a title ----------------------------------------------------------------
    def persons_by_title(self, found: list[Found], titles: list[TitleAt]) -> list[Found]:
        taken = {k for f in found for k in range(f.i, f.j)}
        persons = [f for f in found if f.kind == "Person"]
        by_start = {f.i: f for f in reversed(persons)}  # first found wins
        by_last = {f.j - 1: f for f in reversed(persons)}
        for ta in titles:
            person = self.person_near(ta, by_start, by_last)
            if person:
                ta.person = person.key
                continue
            name = self.name_after(ta.k, taken) or self.name_before(self.skip_as(ta.i), taken)
            if name and len({self.t.sent_of[k] for k in range(*name)} | {self.t.sent_of[ta.i]}) == 1:
                i, j = name
                key = self.mint_person(i, j)
                new = Found(i, j, key, "Person", "title+name")
                found.append(new)
                by_start.setdefault(i, new)
                by_last.setdefault(j - 1, new)
                taken |= set(range(i, j))
                ta.person = key
        return found

    def person_near(self, ta: TitleAt, by_start: dict[int, Found], by_last: dict[int, Found]) -> Found | None:
        """A person named right after the title (and its qualifier) or right before it, also across
        "را به عنوان" ("X را به عنوان سرپرست وزارت امور خارجه منصوب کرد")."""
        after = self.skip_quotes(ta.k)
        before = self.skip_marks(self.skip_as(ta.i) - 1, -1)
        return by_start.get(after) or by_last.get(before) or by_last.get(self.skip_now(ta.i) - 1)

    def skip_now(self, i: int) -> int:
        """The start of "در حال حاضر" / "هم‌اکنون" / "اکنون" right before token i, else i: "X در حال حاضر معاون
        سیاسی وزیر امور خارجه است" names X's present office."""
        for words in NOW_WORDS:
            n = len(words)
            if [self.t.word(k) for k in range(i - n, i)] == list(words):
                return i - n
        return i

    def skip_as(self, i: int) -> int:
        """The start of "[را] به عنوان" right before token i, else i."""
        w = [self.t.word(i - 3), self.t.word(i - 2), self.t.word(i - 1)]
        if w[1:] == ["به", "عنوان"] or w[2] == "بهعنوان":
            i -= 2 if w[2] == "عنوان" else 1
            if self.t.word(i - 1) == "را":
                i -= 1
        return i

    def skip_quotes(self, k: int) -> int:
        while self.t.word(k) in QUOTES:
            k += 1
        return k

    def skip_marks(self, k: int, step: int) -> int:
        while self.t.word(k) in MARKS:
            k += step
        return k

    def name_like(self, k: int, taken: set[int]) -> bool:
        w = self.t.word(k)
        return (len(w) >= 2 and w.isalpha() and k not in taken and compact(w) not in self.lex.function_words
                and compact(w) not in self.lex.titles and not self.t.longest(k, self.lex.titles)
                and not self.t.longest(k, self.lex.event_words))

    def name_after(self, k: int, taken: set[int]) -> tuple[int, int] | None:
        """Given name + one or two name-like words after a title: "سخنگوی وزارت خارجه ناصر کنعانی"."""
        k = self.skip_quotes(k)
        comma = self.t.word(k) == ","
        if comma:  # apposition: the name stands between commas
            k += 1
        if k >= len(self.t.tokens) or compact(self.t.word(k)) not in self.lex.given_names:
            return None
        if not self.name_like(k, taken) or not self.name_like(k + 1, taken):
            return None
        end = k + 2
        ends_name = self.name_like(end, taken) and self.t.word(end + 1) in MARKS | {"", "."}
        if self.t.word(end) in SURNAME_TAILS or ends_name:
            end += 1
        if comma and self.t.word(end) != ",":
            return None
        return k, end

    def name_before(self, i: int, taken: set[int]) -> tuple[int, int] | None:
        """One to three name-like words, the first a given name, before a title: "علی بهادری جهرمی، سخنگوی …"."""
        j = self.skip_marks(i - 1, -1) + 1
        for size in (3, 2):
            s = j - size
            if s < 0 or not all(self.name_like(k, taken) for k in range(s, j)):
                continue
            if compact(self.t.word(s)) in self.lex.honorifics:
                continue  # "سردار" is a given name too, but before a surname and a title it is the rank
            if compact(self.t.word(s)) in self.lex.given_names and (s == 0 or not self.name_like(s - 1, taken)
                                                                     or size == 3):
                return s, j
        for size in (2, 1):  # "سردار رحیمی، رئیس پیشین پلیس تهران": a rank and the surname (one or two words)
            s = j - size
            if (s >= 1 and compact(self.t.word(s - 1)) in self.lex.honorifics
                    and all(self.name_like(k, taken) for k in range(s, j))):
                return s, j
        return None

    def mint_person(self, i: int, j: int) -> str:
        name = self.t.surface(i, j)
        key = "person_" + compact(name)
        if key not in self.minted:
            self.minted[key] = Entity(key, "Person", " ".join(name.split()), alt_names=set())
        return key

    # ---- surnames and references ----------------------------------------------------------------------
    def surnames(self, found: list[Found]) -> list[Found]:
        """A minted person's surname alone, after the full name, points at that person."""
        table: dict[str, str] = {}
        for f in found:
            if f.how == "title+name":
                table[compact(self.t.word(f.j - 1))] = f.key
        if not table:
            return found
        taken = {k for f in found for k in range(f.i, f.j)}
        first = {f.key: f.i for f in found if f.how == "title+name"}
        for k, tok in enumerate(self.t.tokens):
            key = table.get(tok.text)
            if key and k not in taken and k > first[key]:
                found.append(Found(k, k + 1, key, "Person", "surname"))
                self.minted[key].alt_names.add(self.t.surface(k, k + 1))
        return found

    def references(self, found: list[Found]) -> list[Found]:
        t, out = self.t, list(found)
        taken = {k for f in found for k in range(f.i, f.j)}
        for k, tok in enumerate(t.tokens):
            if k in taken:
                continue
            w, nxt = tok.text, t.word(k + 1)
            ref = None
            if w == THIS and nxt == "کشور" and (k + 2 not in taken):
                key = self.this_country(k, out)
                ref = Found(k, k + 2, key, "Country", "coref") if key else None
            elif w == "کشورمان" and self.home:
                ref = Found(k, k + 1, self.home, "Country", "coref")
            elif w == THIS and compact(nxt) in {"سفارتخانه", "سفارت"}:
                prior = sorted((f for f in out if f.kind == "Mission" and f.j <= k), key=lambda f: f.i)
                ref = Found(k, k + 2, prior[-1].key, "Mission", "coref") if prior else None
            if ref:
                out.append(ref)
                taken |= set(range(ref.i, ref.j))
        return out

    def pronouns(self, found: list[Found]) -> list[Found]:
        """"وی"/"او": the person named last before it, in the same or the previous sentence."""
        t, out = self.t, list(found)
        taken = {k for f in found for k in range(f.i, f.j)}
        for k, tok in enumerate(t.tokens):
            if k in taken or tok.text not in PRONOUNS or not self.clause_start(k):
                continue
            prior = [f for f in out if f.kind == "Person" and f.j <= k and t.sent_of[k] - t.sent_of[f.i] <= 1]
            if prior:
                out.append(Found(k, k + 1, max(prior, key=lambda f: f.i).key, "Person", "coref"))
        return sorted(out, key=lambda f: (f.i, -f.j))

    def clause_start(self, k: int) -> bool:
        """A pronoun that can be a subject: first in its sentence or clause ("وکلای وی" is not)."""
        return k == 0 or self.t.sent_of[k - 1] != self.t.sent_of[k] or self.t.word(k - 1) in MARKS | {"و", "که"}

    def coordinate(self, titles: list[TitleAt]) -> None:
        """"رئیس جمهور و وزیر خارجه این کشور": a bare title shares the country of the one coordinated after it."""
        for a, b in pairwise(titles):
            if a.country is not None or not b.country or self.t.word(a.k) != "و":
                continue
            between = [self.t.word(m) for m in range(a.k + 1, b.i)]
            if len(between) <= 4 and all(w in QUOTES or w.isalpha() for w in between):
                a.country = b.country
