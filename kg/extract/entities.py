"""Entity mentions: lexicon names, generic designations (ministries, governments, missions), titles, persons
next to titles, surnames, and reference within the article ("این کشور", "وی", "این سفارتخانه", "کشورمان").

Everything is found on token ranges of `Text`; `Found.i`/`Found.j` are token indices [i, j).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from kg.extract.outlets import outlet_key
from kg.extract.text import Text, prefixes_of
from kg.lexicon import Lexicon, Title
from kg.model import Entity
from kg.normalize import compact

MARKS = {",", "«", "»", "(", ")", "\"", "_"}
QUOTES = {"«", "»", "\"", "_"}
OPEN_QUOTES = {"«", "\""}
CLOSE_QUOTES = {"»", "\""}
THIS, THAT = "این", "آن"  # grammar words the rules read; every word list is in kg/lexicon/data/entity_cues.tsv
COUNTRY = "کشور"
OUR_COUNTRY = "کشورمان"
AND = "و"
IN = "در"
CREDIT_MARKS = {",", ";", ":", "."}
COUNTERPART_ROLES = {"HeadOfState", "HeadOfGovernment", "ForeignMinister", "DeputyForeignMinister", "Spokesperson",
                     "Minister"}


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
    former: bool = False  # "رئیس پیشین پلیس", "وزیر خارجه سابق": an office no longer held


class Starts:
    """Mentions by the token they start at (each with its place in the list), and the tokens they cover: what
    `qualify` and `country_after` look up once per title (a long article has thousands of both)."""

    def __init__(self, found: list[Found]):
        self.at: dict[int, list[tuple[int, Found]]] = {}
        self.covered: set[int] = set()
        for n, f in enumerate(found):
            self.at.setdefault(f.i, []).append((n, f))
            self.covered.update(range(f.i, f.j))
        self.countries = {i for i, fs in self.at.items() if any(f.kind == "Country" for _, f in fs)}
        self.longest = max((f.j - f.i for f in found), default=0)


class EntityFinder:
    """Finds entity mentions in one document, minting entities the lexicon does not know."""

    def __init__(self, lex: Lexicon, home: str | None = "iran"):
        self.lex = lex
        self.cue = lex.cues
        self.capital_of = {city: country for country, city in lex.capitals.items()}
        self.home = home if home in lex.entities else None
        self.phrases = lex.cue_tables  # made once per lexicon: Text.longest caches each table's prefixes
        self.surname_of = lexicon_surnames(lex)
        self.honorifics = lex.honorific_table

    # ---- the pass -------------------------------------------------------------------------------------
    def run(self, t: Text) -> tuple[list[Found], list[TitleAt], dict[str, Entity]]:
        self.t = t
        self.minted: dict[str, Entity] = {}
        self.extra: list[Found] = []  # mentions found on the way (a country named "کشورمان" inside a designation)
        names = self.scan_names()
        names += self.nested_countries(names) + self.demonyms(names)
        names += self.agencies(names)
        names += self.outlets(names)
        names += self.credit_lines(names)
        titles = self.scan_titles(names)
        titles = sorted(titles + self.counterparts(names, titles), key=lambda ta: ta.i)
        heads = self.scan_heads(names)
        found = sorted(names + heads + self.extra, key=lambda f: (f.i, -f.j))
        found = self.honorific_surnames(found)
        found = self.persons_by_title(found, titles)
        found = self.named_persons(found)
        found = self.surnames(found)
        found = self.references(found)
        starts = Starts(found)
        for ta in titles:
            ta.country = ta.country or self.country_after(ta.k, found, starts)
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
        k = 0
        while k < len(self.t.tokens):
            hit = self.t.longest(k, self.phrases["source_cue"])
            if not hit:
                k += 1
                continue
            s = k = hit[0]
            while compact(self.t.word(s)) in self.cue["source_skip"]:
                s += 1
            head = s
            outlet = self.t.longest(s, self.phrases["outlet_head"])  # "به گزارش خبرگزاری X،": the outlet is X
            if outlet:
                s = outlet[0]
                while compact(self.t.word(s)) in self.cue["outlet_adjective"]:
                    s += 1
            e = s
            while e < len(self.t.tokens) and e - s < 4 and self.t.word(e).isalnum() and \
                    self.t.sent_of[e] == self.t.sent_of[s] and compact(self.t.word(e)) not in self.lex.function_words:
                e += 1
            if e == s or s in starts or self.t.word(e) not in CREDIT_MARKS or \
                    any(f.i < e and f.j > s for f in names):
                continue
            out.append(self.mint_outlet(s, e, self.t.surface(head, e) if head < s else ""))
            starts.add(s)
        return out

    def mint_outlet(self, s: int, e: int, *other: str) -> Found:
        name = " ".join(self.t.surface(s, e).split())
        known = outlet_key(self.lex, name)
        if known is not None:  # "روزنامه «جماران»": the lexicon's news organization (its name as written kept)
            return Found(s, e, known, "Organization", "lexicon")
        key = "outlet_" + compact(name)
        ent = self.minted.setdefault(key, Entity(key, "Organization", name, alt_names=set(),
                                                 subtype="NewsMediaOrganization"))
        ent.alt_names.update(" ".join(o.split()) for o in other if o)
        return Found(s, e, key, "Organization", "pattern")

    def outlets(self, names: list[Found]) -> list[Found]:
        """"خبرگزاری رسمی هند پی تی آی", "روزنامه سوری «الوطن»", "پایگاه خبری X": a generic head, optional
        adjectives and country, then the outlet's name (quoted, or name-like words up to a function word)."""
        out: list[Found] = []
        taken = {k for f in names for k in range(f.i, f.j)}
        k = 0
        while k < len(self.t.tokens):
            hit = self.t.longest(k, self.phrases["outlet_head"])
            if not hit or k in taken or self.t.word(k - 1) == THIS:
                k += 1
                continue
            head, s = k, hit[0]
            while compact(self.t.word(s)) in self.cue["outlet_adjective"]:
                s += 1
            for f in names:  # the outlet's country: "خبرگزاری رسمی [هند]", "روزنامه [سوری]"
                if f.i == s and f.kind == "Country":
                    s = f.j
                    break
            while compact(self.t.word(s)) in self.cue["outlet_adjective"]:
                s += 1
            span = self.quoted(s) or self.name_words(s, taken, 3)
            k = s
            if span is None:
                continue
            a, b = span
            if any(f.i < b and f.j > a for f in names):
                continue
            out.append(self.mint_outlet(a, b, self.t.surface(head, b).replace("«", "").replace("»", "")))
            taken |= set(range(a, b))
            k = b
        return out

    def quoted(self, s: int) -> tuple[int, int] | None:
        """The words of «…» or "…" opening at token s (one to four words, same sentence)."""
        if self.t.word(s) not in OPEN_QUOTES:
            return None
        e = s + 1
        while e < len(self.t.tokens) and e - s <= 5 and self.t.word(e).isalnum() and \
                self.t.sent_of[e] == self.t.sent_of[s]:
            e += 1
        if e == s + 1 or self.t.word(e) not in CLOSE_QUOTES:
            return None
        return s + 1, e

    def name_words(self, s: int, taken: set[int], most: int) -> tuple[int, int] | None:
        """One to `most` name-like words from token s, ending at punctuation, a function word or a date word."""
        e = s
        while e - s < most and self.name_like(e, taken):
            e += 1
        if e == s or self.name_like(e, taken):
            return None
        return s, e

    def credit_lines(self, names: list[Found]) -> list[Found]:
        """"آفتاب‌نیوز :" / "اقتصاد۲۴- …" at the head of a line: one word with an outlet ending, then ":" or "-"."""
        out = []
        starts = {f.i for f in names}
        for r in self.t.sent_range:
            k = r.start if len(r) else -1
            if k < 0 or k in starts or self.t.word(k + 1) not in {":", "-"}:
                continue
            w = compact(self.t.word(k))
            if any(w.endswith(end) and len(w) > len(end) + 1 for end in self.cue["outlet_ending"]):
                out.append(self.mint_outlet(k, k + 1))
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
            plural = t.longest(i, self.lex.plural_titles)
            if plural:  # "معاونان وزیر امور خارجه": read by kg.extract.plural, not as the singular inside it
                i = plural[0]
                continue
            hit = self.title_at(i)
            if hit:
                j, title = hit
                out.append(TitleAt(i, j, title, k=j))
                i = j
            else:
                i += 1
        starts = Starts(names)
        for ta in out:
            self.qualify(ta, names, starts)
            ta.former = any(compact(self.t.word(m)) in self.cue["former"] for m in range(ta.i, ta.k))
        # a title of scope "qualified" is one only with its country stated ("امیر قطر"; "امیر" alone is a name)
        return [ta for ta in out if ta.title.scope != "qualified" or ta.country is not None]

    def counterparts(self, names: list[Found], titles: list[TitleAt]) -> list[TitleAt]:
        """"با همتای ترکیه‌ای خود", "X، همتای سوری‌اش": the counterpart holds, for the country named, the office of
        the sentence's subject (the title before it in the sentence, else a lexicon person's office)."""
        out = []
        for k, tok in enumerate(self.t.tokens):
            if compact(tok.text) not in self.cue["counterpart"]:
                continue
            country = next((f for f in names if f.i == k + 1 and f.kind == "Country"), None)
            key, end = (country.key, country.j) if country else (self.demonym_with_suffix(k + 1), k + 2)
            role = self.subject_role(k, names, titles)
            if key is None or role is None:
                continue
            end += compact(self.t.word(end)) == "خود"
            out.append(TitleAt(k, k + 1, Title(tok.text, role, None, "national"), country=key, k=end))
        return out

    def demonym_with_suffix(self, k: int) -> str | None:
        """"سوری‌اش" / "ترکیه‌ای‌اش": a demonym with a possessive suffix attached."""
        w = compact(self.t.word(k))
        for suffix in ("اش", "ش", "شان"):
            if w.endswith(suffix) and w[: -len(suffix)] in self.lex.demonyms:
                return self.lex.demonyms[w[: -len(suffix)]]
        return None

    def subject_role(self, k: int, names: list[Found], titles: list[TitleAt]) -> str | None:
        si = self.t.sent_of[k]
        before = [ta for ta in titles if ta.k <= k and self.t.sent_of[ta.i] == si]
        if before:
            return before[-1].title.role
        persons = [f for f in names if f.kind == "Person" and f.j <= k and self.t.sent_of[f.i] == si]
        for f in reversed(persons):
            roles = [o for o in self.lex.offices_of(f.key) if o.role in COUNTERPART_ROLES]
            if roles:
                return max(roles, key=lambda o: o.start or date.min).role
        return None

    def title_at(self, i: int) -> tuple[int, Title] | None:
        """The longest title at token i, also with adjectives inside it: "رئیس [پیشین] پلیس", "رئیس [محترم] جمهور"."""
        t, table = self.t, self.lex.titles
        best = t.longest(i, table)
        prefixes = prefixes_of(table)
        key = t.word(i)
        if key not in prefixes:
            return best  # type: ignore[return-value]
        skipped = False
        for k in range(i + 1, min(len(t.tokens), i + 10)):
            w = t.word(k)
            if t.sent_of[k] != t.sent_of[i] or not w[0].isalnum():
                break
            if w in self.cue["title_adjective"] and not skipped:
                skipped = True
                continue
            key += w
            if skipped and key in table and (best is None or k + 1 > best[0]):
                best = (k + 1, table[key])
            if key not in prefixes:
                break
        return best  # type: ignore[return-value]

    def qualify(self, ta: TitleAt, names: list[Found], starts: Starts | None = None) -> None:
        """The country a title is qualified with: "وزیر خارجه آذربایجان", "… این کشور", "… کشورمان", also past
        an adjective, one word qualifying the office and a parenthesis ("رئیس مجلس علیای (…) هند")."""
        at = starts or Starts(names)
        k = ta.j
        while self.t.word(k) in self.cue["title_adjective"]:  # "سفیر جدید ایران"
            k += 1
        if self.t.word(k) == "جمهوری" and k not in at.at:
            k += 1  # "رئیس جمهوری آذربایجان"
        if k not in at.countries and self.name_like(k, set()) and k not in at.covered:
            m = k + 1
            if self.t.word(m) == "(":
                close = next((n for n in range(m + 1, min(m + 6, len(self.t.tokens))) if self.t.word(n) == ")"), None)
                m = close + 1 if close else m
            if m in at.countries and self.t.sent_of[m] == self.t.sent_of[ta.i]:
                k = m
        # the first mention (in list order) that is the country at k or a country spanning the title's end ("معاون
        # رئیس [جمهوری هند]"), or an organisation of a country spanning it ("معاون سیاسی [وزارت امور خارجه ایران]")
        hits = [(n, f) for n, f in at.at.get(k, ()) if f.kind == "Country"]
        for i in range(max(0, ta.j - at.longest), ta.j):
            for n, f in at.at.get(i, ()):
                if f.j <= ta.j or f.i == k:
                    continue
                e = self.lex.entities.get(f.key)
                if f.kind == "Country" or (ta.i < f.i and f.kind == "Organization" and e is not None and e.country):
                    hits.append((n, f))
        if hits:
            _, f = min(hits, key=lambda h: h[0])
            if f.kind == "Country":
                ta.country, ta.k = f.key, f.j
            else:
                ta.country, ta.k = self.lex.entities[f.key].country, f.j
            return
        w = self.t.word(k)
        if w == OUR_COUNTRY and self.home:
            ta.country, ta.k = self.home, k + 1

    def country_after(self, k: int, found: list[Found], starts: Starts | None = None) -> str | None:
        """The country named at token k, or the sending country of a mission designated there ("کاردار [سفارت این
        کشور]")."""
        for _, f in (starts or Starts(found)).at.get(k, ()):
            if f.kind == "Country":
                return f.key
            if f.kind == "Mission":
                e = self.entity(f.key)
                return e.sender if e else None
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
        if kind not in ("mfa", "gov"):
            return self.body(i, j, kind, country, k, names)
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

    def body(self, i: int, j: int, kind: str, country: str | None, k: int, names: list[Found]) -> Found | None:
        """Any other body of a country or a city: "وزارت کشور عربستان", "دادستانی هلند", "پلیس تهران",
        "دادگاه تجدیدنظر سوئد"; an interior ministry or a cabinet with nothing after it is the home country's."""
        place = country
        if place is None:
            city = next((f for f in names if f.i == j and f.kind == "City"), None)
            if city is not None:
                place, k = city.key, city.j
        if place is None and kind in ("moi", "cabinet") and self.home:
            place, k = self.home, j
        if place is None:
            return None
        if kind == "cabinet" and self.entity(place) and self.entity(place).kind == "Country":
            # "هیئت دولت [ایران]": the council of ministers is the government, and the text names it so
            key = f"gov_{place}"
            if self.entity(key) is None:
                self.mint_org(key, "gov", place)
            return Found(i, k, key, "Organization", "named-designation")
        head = " ".join(self.t.surface(i, j).split())
        key = f"{kind}_{compact(head)}_{place}"
        if key not in self.minted:
            p = self.entity(place)
            pname = p.name_fa if p else place
            alts = {f"{head} {a}" for a in (p.alt_names if p else set())} | {" ".join(self.t.surface(i, k).split())}
            self.minted[key] = Entity(key, "Organization", f"{head} {pname}", alt_names=alts - {f"{head} {pname}"},
                                      subtype="Court" if kind == "court" else "GovernmentOrganization",
                                      country=self.country_of_place(place))
        return Found(i, k, key, "Organization", "designation")

    def country_at(self, k: int, names: list[Found]) -> tuple[str | None, int]:
        """A country named at token k, directly or as "این کشور" / "کشورمان" (then also a mention of it)."""
        for f in names:
            if f.i == k and f.kind == "Country":
                return f.key, f.j
            if f.i == k and f.kind == "City" and f.key in self.capital_of:  # "سفارت باکو": Baku stands for Azerbaijan
                return self.capital_of[f.key], f.j
        if self.t.word(k) == THIS and self.t.word(k + 1) == COUNTRY:
            key = self.this_country(k, names)
            if key:
                self.extra.append(Found(k, k + 2, key, "Country", "coref"))
            return key, k + 2
        if self.t.word(k) == OUR_COUNTRY and self.home:
            self.extra.append(Found(k, k + 1, self.home, "Country", "coref"))
            return self.home, k + 1
        if self.t.word(k) == "خود":  # "سفارت خود": the country the sentence is about
            return self.this_country(k, names), k + 1
        return None, k

    def this_country(self, k: int, found: list[Found]) -> str | None:
        """"این کشور": the last country named before, not one coordinated with it, preferring a foreign one."""
        named = [f for f in found if f.kind in ("Country", "City") and f.j <= k]  # one pass: a long text has many
        before = [f for f in named if f.kind == "Country"]
        # "X و این کشور": not the one it is coordinated with
        skip = {f.key for f in before if all(self.t.word(m) in (AND, ",") for m in range(f.j, k))}
        cands = [f.key for f in sorted(before, key=lambda f: f.i) if f.how != "coref" and f.key not in skip]
        # a city named after the last country stands for its own ("سفیر ایران در باکو … وزارت خارجه این کشور")
        last = max((f.j for f in before), default=-1)
        cities = [f for f in named if f.kind == "City" and last <= f.i and self.t.word(f.i - 1) == IN]
        cands += [c for f in sorted(cities, key=lambda f: f.i) if (c := self.country_of_place(f.key))]
        foreign = [c for c in cands if c != self.home]
        return foreign[-1] if foreign else (cands[-1] if cands else None)

    def mission(self, i, kind, sender, k, names, done) -> Found | None:
        city = None
        if self.t.word(k) == IN:
            at = k + 1 + (compact(self.t.word(k + 1)) in self.cue["city_word"])  # "در شهرهای تهران و مشهد"
            places = self.places_listed(at, names)
            if len(places) == 2 and self.t.word(i - 1) == AND and sender is not None:
                # "سفارتخانه و کنسولگری X در شهرهای A و B": the first mission is in A, the second in B
                before = self.head_ending(i - 1, names)
                if before is not None:
                    first_city = places[0][0] if places[0][1] == "City" else self.lex.capitals.get(places[0][0])
                    key = self.mission_key(before[1], sender, first_city)
                    self.extra.append(Found(before[0], before[2], key, "Mission", "designation"))
                    places = places[1:]
            if places:
                f_key, f_kind, f_end = places[0]
                # "سفارت X در ایران": an embassy in a country sits in its capital
                city, k = (self.lex.capitals.get(f_key) if f_kind == "Country" else f_key), f_end
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
        key = self.mission_key(kind, sender, city)
        return Found(i, k, key, "Mission", "designation")

    def mission_key(self, kind: str, sender: str, city: str | None) -> str:
        key = f"mission_{kind}_{sender}_{city}"
        if self.entity(key) is None:
            self.mint_mission(key, kind, sender, city)
        return key

    def places_listed(self, k: int, names: list[Found]) -> list[tuple[str, str, int]]:
        """The city or country at token k, and a second one joined by "و" ("تهران و مشهد")."""
        out: list[tuple[str, str, int]] = []
        for _ in range(2):
            f = next((f for f in names if f.i == k and f.kind in ("City", "Country")), None)
            if f is None:
                break
            out.append((f.key, f.kind, f.j))
            if self.t.word(f.j) != AND:
                break
            k = f.j + 1
        return out

    def head_ending(self, end: int, names: list[Found]) -> tuple[int, str, int] | None:
        """A mission head ("سفارتخانه") ending right before token `end`, with nothing after it: (start, kind, end)."""
        for start in range(max(0, end - 3), end):
            hit = self.t.longest(start, self.lex.org_heads)
            if hit and hit[0] == end and str(hit[1]) in ("embassy", "consulate"):
                return start, str(hit[1]), end
        return None

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
            after = self.name_after(ta.k, taken)
            name = after or self.name_before(self.skip_now(self.skip_as(ta.i)), taken)
            if name and len({self.t.sent_of[k] for k in range(*name)} | {self.t.sent_of[ta.i]}) == 1:
                i, j = name
                key = self.mint_person(i, j)
                new = Found(i, j, key, "Person", "title+name")
                found.append(new)
                by_start.setdefault(i, new)
                by_last.setdefault(j - 1, new)
                taken |= set(range(i, j))
                if after and self.appointed(j):
                    continue  # "رئیس جمهور X را به عنوان … منصوب کرد": X is a person, the title the subject's
                ta.person = key
            elif name is None:
                ta.person = self.shared_holder(ta, titles)
        return found

    def shared_holder(self, ta: TitleAt, titles: list[TitleAt]) -> str | None:
        """"X معاون سیاسی وزیر خارجه و مذاکره کننده ارشد هسته‌ای ایران": a title joined by "و" to the title of a
        person, with no name of its own and no other country, is that person's too."""
        prev = next((p for p in reversed(titles) if p.k < ta.i), None)
        if prev is None or not prev.person or prev.k != ta.i - 1 or self.t.word(ta.i - 1) != AND:
            return None
        mine = ta.country or (self.home if ta.title.scope == "national" else None)
        theirs = prev.country or (self.home if prev.title.scope == "national" else None)
        return prev.person if mine == theirs else None

    def person_near(self, ta: TitleAt, by_start: dict[int, Found], by_last: dict[int, Found]) -> Found | None:
        """A person named right after the title (and its qualifier) or right before it, also across
        "را به عنوان" ("X را به عنوان سرپرست وزارت امور خارجه منصوب کرد")."""
        after = self.skip_quotes(ta.k)
        before = self.skip_marks(self.skip_as(ta.i) - 1, -1)
        named = by_start.get(after)
        if named is not None and self.appointed(named.j):
            named = None  # "رئیس جمهور X را به عنوان … منصوب کرد": X is appointed; the title is the subject's
        found = named or by_last.get(before) or by_last.get(self.skip_now(ta.i) - 1)
        # a headline's last title is not the name the lead opens with ("… و وزیر خارجه قطر" / "سید عباس عراقچی …")
        return found if found is not None and self.t.sent_of[found.i] == self.t.sent_of[ta.i] else None

    def appointed(self, j: int) -> bool:
        """"X را به عنوان / به سمت …" begins at token j: X is given the title that follows, not the one before it."""
        if self.t.word(j) != "را":
            return False
        return any(self.t.joined(j + 1, j + 1 + n) in self.cue["as"] for n in (1, 2))

    def skip_now(self, i: int) -> int:
        """The start of "در حال حاضر" / "هم‌اکنون" / "اکنون" right before token i, else i: "X در حال حاضر معاون
        سیاسی وزیر امور خارجه است" names X's present office."""
        for n in (3, 2, 1):  # longest first
            if i - n >= 0 and self.t.joined(i - n, i) in self.cue["now"]:
                return i - n
        return i

    def skip_as(self, i: int) -> int:
        """The start of "[را] به عنوان" / "[را] به سمت" (cues of kind "as") right before token i, else i."""
        for n in (2, 1):  # longest first
            if i - n >= 0 and self.t.joined(i - n, i) in self.cue["as"]:
                i -= n
                if self.t.word(i - 1) == "را":
                    i -= 1
                break
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
                and not self.title_word(k) and not self.t.longest(k, self.lex.event_words))

    def title_word(self, k: int) -> bool:
        """A title starts at token k; one of scope "qualified" only when a country follows ("امیر قطر", but "امیر
        حسینی" is a name)."""
        hit = self.t.longest(k, self.lex.titles)
        if hit is None:
            return False
        if hit[1].scope != "qualified":
            return True
        nxt = self.t.longest(hit[0], self.lex.forms)
        return bool(nxt) and any(self.lex.entities[key].kind == "Country" for key in nxt[1]
                                 if key in self.lex.entities)

    def name_after(self, k: int, taken: set[int]) -> tuple[int, int] | None:
        """Given name + one or two name-like words after a title: "سخنگوی وزارت خارجه ناصر کنعانی"; any two or
        three name-like words between commas ("وزیر خارجه X، NAME، گفت") or one to four in quotes."""
        comma = self.t.word(k) == ","
        if comma:  # apposition: the name stands between commas
            k += 1
        q = self.quoted(k)
        if q and all(self.name_like(m, taken) for m in range(*q)):
            return q
        k = self.skip_quotes(k)
        if comma:
            span = self.name_words(k, taken, 3)
            if span and span[1] - span[0] >= 2 and self.t.word(span[1]) == ",":
                return span
        if k >= len(self.t.tokens) or compact(self.t.word(k)) not in self.lex.given_names:
            return None
        if not self.name_like(k, taken) or not self.name_like(k + 1, taken):
            return None
        end = k + 2
        ends_name = self.name_like(end, taken) and self.t.word(end + 1) in MARKS | {"", "."}
        if compact(self.t.word(end)) in self.cue["surname_part"] or ends_name:
            end += 1
        if comma and self.t.word(end) != ",":
            return None
        return k, end

    def name_before(self, i: int, taken: set[int]) -> tuple[int, int] | None:
        """One to three name-like words, the first a given name, before a title: "علی بهادری جهرمی، سخنگوی …";
        any one to four in quotes ("«NAME» وزیر خارجه …"); any two or three that open a clause before a comma
        ("NAME، TITLE …")."""
        if self.t.word(i - 1) in CLOSE_QUOTES or (self.t.word(i - 1) == "," and self.t.word(i - 2) in CLOSE_QUOTES):
            close = i - 1 if self.t.word(i - 1) in CLOSE_QUOTES else i - 2
            start = next((m for m in range(close - 1, max(-1, close - 6), -1) if self.t.word(m) in OPEN_QUOTES), None)
            if start is not None and self.quoted(start) == (start + 1, close) and \
                    all(self.name_like(m, taken) for m in range(start + 1, close)):
                return start + 1, close
        if self.t.word(i - 1) == ",":
            for size in (3, 2):
                s = i - 1 - size
                if s >= 0 and self.clause_opens(s) and compact(self.t.word(s)) not in self.lex.honorifics and \
                        all(self.name_like(m, taken) for m in range(s, i - 1)):
                    return s, i - 1
        j = self.skip_marks(i - 1, -1) + 1
        for size in (3, 2):
            s = j - size
            if s < 0 or not all(self.name_like(k, taken) for k in range(s, j)):
                continue
            if compact(self.t.word(s)) in self.lex.honorifics:
                continue  # "سردار" is a given name too, but before a surname and a title it is the rank
            if compact(self.t.word(s)) in self.lex.given_names and (
                    s == 0 or size == 3 or not self.name_like(s - 1, taken)
                    or compact(self.t.word(s - 1)) not in self.lex.given_names):  # "با حضور هلگا X،"
                return s, j
        for size in (2, 1):  # "سردار رحیمی، رئیس پیشین پلیس تهران": a rank and the surname (one or two words)
            s = j - size
            if (s >= 1 and compact(self.t.word(s - 1)) in self.lex.honorifics
                    and all(self.name_like(k, taken) for k in range(s, j))):
                return s, j
        return None

    def clause_opens(self, k: int) -> bool:
        """Token k starts a sentence, or follows a comma or a credit ("به گزارش ایرنا، NAME، …")."""
        return k == 0 or self.t.sent_of[k - 1] != self.t.sent_of[k] or self.t.word(k - 1) in {",", ":"}

    def honorific_surnames(self, found: list[Found]) -> list[Found]:
        """"دکتر روحانی", "آقای ظریف": an honorific before the surname of exactly one lexicon person names him,
        even when the surname alone is a common word and not an alias."""
        taken = {k for f in found for k in range(f.i, f.j)}
        for k, tok in enumerate(self.t.tokens):
            key = self.surname_of.get(tok.text)
            if key and k not in taken and k > 0 and compact(self.t.word(k - 1)) in self.lex.honorifics \
                    and k - 1 not in taken:
                found.append(Found(k - 1, k + 1, key, "Person", "surname"))
                taken |= {k - 1, k}
        return found

    def named_persons(self, found: list[Found]) -> list[Found]:
        """Persons named without a title: "فردی به نام «NAME»", "سید + given name + surname", Arab names ("X بن Y",
        "شیخ X الX") and a given name before a word with a surname ending ("گیورگی …شویلی")."""
        taken = {k for f in found for k in range(f.i, f.j)}
        k = 0
        while k < len(self.t.tokens):
            span = self.name_without_title(k, taken)
            if span and all(m not in taken and self.name_like(m, taken) for m in range(*span)):
                key = self.mint_person(*span)
                honor = self.honorific_before(span[0])  # the mention keeps "آیت الله شیخ" before the name
                start = span[0] if honor is None or any(m in taken for m in range(honor, span[0])) else honor
                found.append(Found(start, span[1], key, "Person", "title+name"))
                taken |= set(range(start, span[1]))
                k = span[1]
            else:
                k += 1
        return found

    def name_without_title(self, k: int, taken: set[int]) -> tuple[int, int] | None:
        word = compact(self.t.word(k))
        hit = self.t.longest(k, self.phrases["naming"])
        if hit:
            return self.quoted(hit[0]) or self.name_words(hit[0], taken, 3)
        if word in self.cue["name_prefix"] and compact(self.t.word(k + 1)) in self.lex.given_names:
            span = self.name_words(k, taken, 4)  # "سید جواد X Y در …"
            return span if span and span[1] - span[0] >= 3 else None
        arab = self.arab_name(k, taken)
        if arab:
            return arab
        if word in self.lex.given_names and self.name_like(k, taken) and self.name_like(k + 1, taken) and \
                self.surname_like(k + 1) and not self.name_like(k - 1, taken):
            return k, k + 2
        return None

    def arab_name(self, k: int, taken: set[int]) -> tuple[int, int] | None:
        """"X بن Y", "X بن Y آل Z", and after an honorific a name ending in an article ("شیخ X الX")."""
        t = self.t
        if not self.name_like(k, taken):
            return None
        if compact(t.word(k + 1)) in self.cue["arab_link"] and self.name_like(k + 2, taken) and \
                compact(t.word(k)) not in self.lex.function_words:
            end = k + 3
            while compact(t.word(end)) in self.cue["arab_link"] and self.name_like(end + 1, taken):
                end += 2
            return k, end
        honor = self.honorific_before(k)
        if honor is None or compact(t.word(k)) in self.lex.honorifics:
            return None
        for size in (3, 2):
            last = k + size - 1
            if all(self.name_like(m, taken) for m in range(k, last + 1)) and \
                    t.word(last).startswith("ال") and len(t.word(last)) > 3:
                return k, last + 1
        return None

    def honorific_before(self, k: int) -> int | None:
        """Start of the honorific(s) written right before token k ("آیت الله شیخ"), else None."""
        start = None
        m = k
        while m > 0:
            hit = next((s for s in range(max(0, m - 3), m) if (h := self.t.longest(s, self.honorifics))
                        and h[0] == m), None)
            if hit is None:
                break
            start = m = hit
        return start

    def surname_like(self, k: int) -> bool:
        w = compact(self.t.word(k))
        if w in self.lex.demonyms or w[:-2] in self.lex.demonyms:  # "ایرانیان" is not a surname
            return False
        return any(w.endswith(e) and len(w) >= len(e) + 3 for e in self.cue["surname_ending"])

    def mint_person(self, i: int, j: int) -> str:
        name = self.t.surface(i, j)
        key = "person_" + compact(name)
        if key not in self.minted:
            self.minted[key] = Entity(key, "Person", " ".join(name.split()), alt_names=set())
        return key

    # ---- surnames and references ----------------------------------------------------------------------
    def surnames(self, found: list[Found]) -> list[Found]:
        """A person's surname alone, after the full name, points at that person: a minted person's, and a lexicon
        person's whose surname is no alias because it is a common word ("محمدجواد ظریف" … "ظریف"), when no other
        person named in the article bears it."""
        table: dict[str, str] = {}
        first: dict[str, int] = {}
        shared: set[str] = set()
        for f in found:
            full = f.how == "title+name" or (f.how == "lexicon" and f.kind == "Person" and f.j - f.i >= 2
                                             and self.full_name(f))
            if not full:
                continue
            word = compact(self.t.word(f.j - 1))
            if table.get(word, f.key) != f.key:
                shared.add(word)
            table[word] = f.key
            first.setdefault(f.key, f.i)
        for word in shared:
            del table[word]
        if not table:
            return found
        taken = {k for f in found for k in range(f.i, f.j)}
        for k, tok in enumerate(self.t.tokens):
            key = table.get(tok.text)
            if key and k not in taken and k > first[key] and self.t.word(k - 1) not in self.cue["indefinite"]:
                found.append(Found(k, k + 1, key, "Person", "surname"))
                if key in self.minted:
                    self.minted[key].alt_names.add(self.t.surface(k, k + 1))
        return found

    def full_name(self, f: Found) -> bool:
        """The mention is the lexicon person's full Persian name (its last word the surname)."""
        e = self.lex.entities.get(f.key)
        return e is not None and compact(self.t.surface(f.i, f.j)) == compact(e.name_fa)

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

    def pronouns(self, found: list[Found], titles: list[TitleAt] = ()) -> list[Found]:
        """"وی"/"او": the person named last before it, in the same or the previous sentence; opening a sentence,
        the previous sentence's subject, and nobody when that subject is a title nobody is named for ("سفیر ایران …
        . او همچنین …": the unnamed envoy, not a person named later in his sentence)."""
        t, out = self.t, list(found)
        taken = {k for f in found for k in range(f.i, f.j)}
        unnamed = {}  # sentence -> first token of a title that designates nobody
        for ta in titles:
            if ta.person is None and not ta.former:
                unnamed.setdefault(t.sent_of[ta.i], ta.i)
        for k, tok in enumerate(t.tokens):
            if k in taken or tok.text not in self.cue["pronoun"] or not self.clause_start(k):
                continue
            prior = [f for f in out if f.kind == "Person" and f.j <= k and t.sent_of[k] - t.sent_of[f.i] <= 1]
            if not prior:
                continue
            here = [f for f in prior if t.sent_of[f.i] == t.sent_of[k]]
            subject = None
            if not here and self.opens_sentence(k):
                subject = self.sentence_subject(prior)
                first = self.subject_found(prior)
                title = unnamed.get(t.sent_of[k] - 1)
                if title is not None and (first is None or title < first.i) and self.free(title):
                    continue  # the previous sentence's subject is an unnamed office holder
            out.append(Found(k, k + 1, subject or max(prior, key=lambda f: f.i).key, "Person", "coref"))
        return sorted(out, key=lambda f: (f.i, -f.j))

    def free(self, k: int) -> bool:
        """Token k is not the complement of "با" (with) or "از" (from) (the three words before it)."""
        return not any(self.t.word(m) in ("با", "از") for m in range(max(k - 3, 0), k))

    def subject_found(self, persons: list[Found]) -> Found | None:
        return next((f for f in sorted(persons, key=lambda f: f.i) if self.free(f.i)), None)

    def opens_sentence(self, k: int) -> bool:
        """Token k is the first of its sentence (quotes aside)."""
        m = k - 1
        while m >= 0 and self.t.sent_of[m] == self.t.sent_of[k] and self.t.word(m) in QUOTES:
            m -= 1
        return m < 0 or self.t.sent_of[m] != self.t.sent_of[k]

    def sentence_subject(self, persons: list[Found]) -> str | None:
        """"X … با Y دیدار کرد و گفت … . وی افزود": a pronoun opening a sentence is the previous sentence's subject,
        the first person named there who is not the complement of "با" (with) or "از" (from)."""
        f = self.subject_found(persons)
        return f.key if f else None

    def clause_start(self, k: int) -> bool:
        """A pronoun that can be a subject: first in its sentence or clause ("وکلای وی" is not)."""
        return k == 0 or self.t.sent_of[k - 1] != self.t.sent_of[k] or self.t.word(k - 1) in MARKS | {"و", "که"}

    def coordinate(self, titles: list[TitleAt]) -> None:
        """"رئیس جمهور و وزیر خارجه این کشور": a bare title shares the country of the one coordinated after it
        ("«X» معاون نخست وزیر و «Y» معاون وزیر خارجه این کشور"), unless the first holder's office is known
        ("ظریف وزیر امور خارجه و وانگ یی وزیر خارجه چین": Zarif's office is Iran's)."""
        for a, b in pairwise(titles):
            if a.country is not None or not b.country or self.t.word(a.k) != AND:
                continue
            if a.person and any(o.role == a.title.role for o in self.lex.offices_of(a.person)):
                continue  # the first person's own office says whose it is
            between = [self.t.word(m) for m in range(a.k + 1, b.i)]
            if len(between) <= 4 and all(w in QUOTES or w.isalpha() for w in between):
                a.country = b.country


_SURNAMES: dict[int, tuple[Lexicon, dict[str, str]]] = {}


def lexicon_surnames(lex: Lexicon) -> dict[str, str]:
    """Last word of each lexicon person's name -> the person, for surnames borne by exactly one of them (computed
    once per lexicon)."""
    hit = _SURNAMES.get(id(lex))
    if hit is None or hit[0] is not lex:
        hit = _SURNAMES[id(lex)] = (lex, surnames_of(lex))
    return hit[1]


def surnames_of(lex: Lexicon) -> dict[str, str]:
    owners: dict[str, set[str]] = {}
    for e in lex.entities.values():
        words = e.name_fa.split()
        if e.kind == "Person" and len(words) >= 2:
            owners.setdefault(compact(words[-1]), set()).add(e.key)
    return {w: next(iter(keys)) for w, keys in owners.items() if len(keys) == 1 and len(w) >= 3}
