"""Plural designations: "رؤسای جمهور دو کشور", "وزرای خارجه ایران، ترکیه و روسیه",
"رییسی و الهام علی اف روسای جمهوری اسلامی ایران و جمهوری آذربایجان".

One office holder per country: the persons named before the title, paired in order with the countries after it,
or else whoever held the office on the date (terms of office in the lexicon).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from kg.extract.entities import AND, Found
from kg.extract.text import Text
from kg.lexicon import Lexicon
from kg.model import DateInfo, Post
from kg.normalize import compact

LINKS = {AND, ","}


def plural_posts(t: Text, lex: Lexicon, found: list[Found], date_of: Callable[[int], DateInfo | None],
                 home: str | None = None) -> tuple[list[Post], list[Found]]:
    """Posts designated by plural titles, and the mentions of the persons resolved by role (`home`: the country of
    an unqualified national office, as for singular titles)."""
    posts: list[Post] = []
    new: list[Found] = []
    named = sorted((f for f in found if f.kind == "Country"), key=lambda f: f.i)  # once, not per title
    k = 0
    while k < len(t.tokens):
        hit = t.longest(k, lex.plural_titles) or singular_for_several(t, lex, found, k, named)
        if not hit:
            k += 1
            continue
        j, role = hit
        countries, end = countries_after(t, found, k, j, named)
        persons = persons_before(t, found, k, before_name(lex))
        when = date_of(t.sent_of[k])
        if len(persons) > 1 and len(countries) <= 1:
            # "X و Y معاونان وزیر امور خارجه [کشورمان]": several holders of one country's office
            countries = countries * len(persons) if countries else \
                [office_country(lex, p, str(role)) or home or "" for p in persons]
        apposed = len(persons) == len(countries)  # "X و Y وزرای خارجه A و B": named right there, before the title
        if not apposed:
            persons = []
            for c in countries:
                holders = lex.holders(str(role), c, when.earliest, when.latest) if when else []
                persons.append(holders[0] if len(holders) == 1 else "")
        title = t.surface(k, j)
        for n, (person, country) in enumerate(zip(persons, countries, strict=True)):
            if not person or not country:
                continue
            by_role = not any(f.key == person and f.j <= k for f in found)
            if not apposed and j + n <= end:  # the designation names the person here (named before or not)
                new.append(Found(k, j + n, person, "Person", "by-role"))
            posts.append(Post(person, str(role), country, title, t.span(k, end), by_role=by_role,
                              attested=when.earliest if when and when.precision == "Day" else None,
                              confidence=0.6 if by_role else 0.8))
        k = j
    return posts, new


# Words after "TITLE X و Y" that make it the holders of both countries: a plural verb, "each other".
SEVERAL = {"کردند", "دادند", "شدند", "گفتند", "کنند", "میکنند", "یکدیگر", "همدیگر"}
SEVERAL_ROLES = {"HeadOfState", "HeadOfGovernment", "ForeignMinister"}


def singular_for_several(t: Text, lex: Lexicon, found: list[Found], k: int,
                         named: list[Found] | None = None) -> tuple[int, str] | None:
    """"وزیر امور خارجه ایران و عمان … با یکدیگر دیدار کردند": a singular title followed by two countries or more
    joined by "و", with a plural verb or "یکدیگر" after them in the sentence, designates each country's holder
    (end token, role); None otherwise."""
    hit = t.longest(k, lex.titles)
    if hit is None or hit[1].role not in SEVERAL_ROLES or hit[1].scope != "national":
        return None
    j = hit[0]
    countries, end = countries_after(t, found, k, j, named)
    if len(countries) < 2 or AND not in [t.word(m) for m in range(j, end)]:
        return None
    si = t.sent_of[k]
    rest = t.sent_range[si]
    if not any(compact(t.word(m)) in SEVERAL for m in range(end, rest.stop)):
        return None
    return j, hit[1].role


def office_country(lex: Lexicon, person: str, role: str) -> str:
    """The country of the person's term of `role` in the lexicon, or "" when it has none."""
    return next((o.country for o in lex.offices_of(person) if o.role == role), "")


def countries_after(t: Text, found: list[Found], k: int, j: int,
                    named: list[Found] | None = None) -> tuple[list[str], int]:
    """Countries listed right after the title (the first may start inside it: "روسای [جمهوری اسلامی ایران]").
    `named`: the found countries sorted by position, when the caller has them."""
    if t.word(j) == "دو" and t.word(j + 1) == "کشور":
        return salient_countries(found, k), j + 2
    if named is None:
        named = sorted((f for f in found if f.kind == "Country"), key=lambda f: f.i)
    countries: list[str] = []
    pos, end = j, j
    for f in (f for f in named if f.i > k):
        if f.i > pos and not all(t.word(m) in LINKS for m in range(pos, f.i)):
            break
        if f.key not in countries:
            countries.append(f.key)
        pos = end = max(end, f.j)
    return countries, end


def salient_countries(found: list[Found], k: int) -> list[str]:
    """"دو کشور": the two countries named most often before it (first named first on ties)."""
    counts = Counter(f.key for f in found if f.kind == "Country" and f.i < k)
    first = {f.key: f.i for f in reversed(found) if f.kind == "Country"}
    top = sorted(counts, key=lambda c: (-counts[c], first.get(c, 0)))[:2]
    return sorted(top, key=lambda c: first.get(c, 0)) if len(top) == 2 else []


def before_name(lex: Lexicon) -> set[str]:
    """Words written before a person's name (honorifics.tsv, and the name_prefix cues of entity_cues.tsv:
    "آقای", "خانم", "سید", ranks), compact forms."""
    return lex.honorifics | lex.cues.get("name_prefix", set())


def persons_before(t: Text, found: list[Found], k: int, honorifics: set[str]) -> list[str]:
    """Persons named right before the title, joined by "و" or commas: "X و آقای Y روسای …"; `honorifics` are the
    words that may stand before a name (`before_name`)."""
    ends = {f.j: f for f in found if f.kind == "Person"}
    out: list[str] = []
    pos = k
    while True:
        while pos > 0 and (t.word(pos - 1) == "," or compact(t.word(pos - 1)) in honorifics):
            pos -= 1
        f = ends.get(pos)
        if f is None:
            break
        out.append(f.key)
        pos = f.i
        while pos > 0 and compact(t.word(pos - 1)) in honorifics:
            pos -= 1
        if t.word(pos - 1) not in LINKS:
            break
        pos -= 1
    return list(reversed(out))
