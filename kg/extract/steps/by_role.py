"""The by-role step: a title with no name beside it designates whoever held it on the date."""

from __future__ import annotations

from kg.extract.component import Context, component
from kg.extract.entities import Found, TitleAt
from kg.extract.steps.dates import context_date, sentence_date
from kg.lexicon import Office
from kg.normalize import compact


@component("by-role", requires={"found", "titles", "dates"}, provides={"by-role"})
def resolve_by_role(ctx: Context) -> None:
    """A title with no name beside it ("وزیر خارجه آذربایجان") designates whoever held it on the date."""
    taken = {k for f in ctx.found if f.kind == "Person" for k in range(f.i, f.j)}
    for ta in ctx.titles:
        if ta.person or ta.former or any(k in taken for k in range(ta.i, ta.j)):
            continue  # a former office ("وزیر خارجه سابق") is not whoever holds it on the date
        local = named_earlier(ctx, ta)
        if local:
            ta.person = local
            ctx.found.append(Found(ta.i, ta.k, local, "Person", "by-role"))
            continue
        country = ta.country or (ctx.finder.home if ta.title.scope == "national" and ta.title.role != "Ambassador"
                                 else None)
        si = ctx.t.sent_of[ta.i]
        when = sentence_date(ctx, si) or context_date(ctx, si)
        if when is None:
            named = named_holder(ctx, ta, country)
            if named:
                ta.person, ta.country = named, country
                ctx.found.append(Found(ta.i, ta.k, named, "Person", "by-role"))
            continue
        if country is None:  # "دبیرکل سازمان ملل": an international office, whatever its holder's nationality
            if ta.title.scope != "international" or not ta.title.organization:
                continue
            holders = [o.person for o in ctx.lex.offices if o.organization == ta.title.organization
                       and o.role == ta.title.role and o.held_during(when.earliest, when.latest)]
            country = next((o.country for o in ctx.lex.offices_of(holders[0])), None) if len(holders) == 1 else None
            if country is None:
                continue
        else:
            holders = ctx.lex.holders(ta.title.role, country, when.earliest, when.latest)
        if ta.title.role == "Ambassador":
            # a country has an ambassador in every capital: only the one accredited to the host named ("سفیر
            # ایران در مسکو", or the one other country of the sentence: "… استوارنامه خود را به الهام علی‌اف
            # تقدیم کرد") is designated; with no host, nobody in particular (the lexicon knows a few of them)
            host = accredited(ctx, ta) or sentence_host(ctx, ta, country)
            holders = [p for p in holders if host is not None and any(
                o.accredited_to == host for o in terms(ctx, p, "Ambassador", country, when))]
            if not holders:
                continue
        org = ta.title.organization
        if org and country and ta.title.scope != "international":
            # "سخنگوی دولت" is not the foreign ministry's spokesman: a holder whose term names another body is not
            # the holder of this title (terms that name no body stay candidates)
            holders = [p for p in holders if any(
                not o.organization or o.organization in (org, f"{org}_{country}")
                for o in terms(ctx, p, ta.title.role, country, when))]
        if len(holders) > 1 or ta.title.role == "Official":
            # "Official" covers every other office: only a holder of this very title counts ("رئیس مجلس" is not
            # the Supreme Leader)
            same = [p for p in holders if any(same_office(ctx, ta, o, country) for o in ctx.lex.offices_of(p))]
            holders = same if (same or ta.title.role == "Official") else holders
        label = ctx.t.surface(ta.i, ta.k)
        if len(holders) != 1 and ta.title.role == "Official":
            continue  # "قاضی", "رئیس دادگاه": a generic title designates nobody in particular
        if len(holders) != 1:
            ctx.x.warnings.append(f"{ctx.doc.source}: title-only designation {label!r} not resolved "
                                  f"({len(holders)} holders of {ta.title.role}/{country} in "
                                  f"{when.earliest}…{when.latest})")
            continue
        ta.person = holders[0]
        ta.country = country if ta.title.scope != "international" else None
        ctx.found.append(Found(ta.i, ta.k, holders[0], "Person", "by-role"))
    ctx.found.sort(key=lambda f: (f.i, -f.j))


def terms(ctx: Context, person: str, role: str, country: str, when) -> list[Office]:
    """The person's terms of `role` for `country` that overlap the date `when`."""
    return [o for o in ctx.lex.offices_of(person)
            if o.role == role and o.country == country and o.held_during(when.earliest, when.latest)]


def named_holder(ctx: Context, ta: TitleAt, country: str | None) -> str | None:
    """With no date to read the title on (an undated article): the one person the article names who held this
    office at some time ("رئیس‌جمهور گرجستان" … "گیورگی مارگولاشویلی"). Not ambassadors (a country has one in
    every capital) and not the catch-all "Official" (another office of the same body is not this one)."""
    if country is None or ta.title.role in ("Ambassador", "Official"):
        return None
    named = {f.key for f in ctx.found if f.kind == "Person" and f.key in ctx.lex.entities}
    holders = sorted(p for p in named if any(o.role == ta.title.role and o.country == country
                                             for o in ctx.lex.offices_of(p)))
    return holders[0] if len(holders) == 1 else None


def accredited(ctx: Context, ta: TitleAt) -> str | None:
    """"سفیر X در Y": the host country of Y."""
    if ctx.t.word(ta.k) != "در":
        return None
    for f in ctx.found:
        if f.i == ta.k + 1 and f.kind in ("City", "Country"):
            return ctx.finder.country_of_place(f.key)
    return None


def sentence_host(ctx: Context, ta: TitleAt, sender: str | None) -> str | None:
    """The one country other than the sender that the title's sentence names, itself or through a person of
    the lexicon ("سفیر ایران … به الهام علی‌اف"): the host of an ambassador named without "در Y"."""
    si = ctx.t.sent_of[ta.i]
    countries = set()
    for f in ctx.found:
        if ctx.t.sent_of[f.i] != si or f.i in range(ta.i, ta.k):
            continue
        e = ctx.lex.entities.get(f.key)
        if f.kind == "Country":
            countries.add(f.key)
        elif f.kind == "Person" and e is not None and e.country:
            countries.add(e.country)
    countries.discard(sender)
    return countries.pop() if len(countries) == 1 else None


def named_earlier(ctx: Context, ta: TitleAt) -> str | None:
    """"سفیر سوئیس" after "نادین لوزانو، سفیر کنفدراسیون سوئیس": the person this article gave that title."""
    country = whose(ctx, ta)
    for other in ctx.titles:
        if other.i >= ta.i:
            break
        if not other.person or other.former or other.title.role != ta.title.role:
            continue
        if ta.title.role == "Official" and compact(other.title.form) != compact(ta.title.form):
            continue  # "مدیرکل" is not the "کاردار" named before
        theirs = whose(ctx, other)
        if country is None or theirs in (None, country):
            return other.person
    return None


def same_office(ctx: Context, ta: TitleAt, o: Office, country: str) -> bool:
    """The lexicon term `o` is of the office the title names: same title, or same organization."""
    if o.role != ta.title.role or (o.country != country and ta.title.scope != "international"):
        return False
    written, held = compact(ctx.t.surface(ta.i, ta.j)), compact(o.title or "")
    if held and (held in written or written in held):
        return True
    # the same organization is the same office for a named role ("وزیر خارجه" of the foreign ministry)
    org = ta.title.organization
    if not org or o.organization not in (org, f"{org}_{country}"):
        return False
    if ta.title.role != "Official":
        return True
    # an "Official" title names one office of the body: the same head noun ("رهبر معظم انقلاب" / "رهبر انقلاب
    # اسلامی"), not another office of it ("سخنگوی کاخ سفید" is not the vice-president)
    head = ctx.t.word(ta.i)
    return bool(o.title) and compact(o.title.split()[0]) == compact(head)


def whose(ctx: Context, ta: TitleAt) -> str | None:
    """The country a title is of: its qualifier, else the home country for a national office (not an
    ambassador's: "سفیر" alone says nothing of the sender)."""
    if ta.country:
        return ta.country
    if ta.title.scope == "national" and ta.title.role != "Ambassador":
        return ctx.finder.home
    return None
