"""The by-role step: a title with no name beside it designates whoever held it on the date."""

from __future__ import annotations

from kg.extract.component import Context, component
from kg.extract.entities import Found, TitleAt
from kg.extract.steps.dates import context_date, sentence_date


@component("by-role", requires={"found", "titles", "dates"}, provides={"by-role"})
def resolve_by_role(ctx: Context) -> None:
    """A title with no name beside it ("وزیر خارجه آذربایجان") designates whoever held it on the date."""
    taken = {k for f in ctx.found if f.kind == "Person" for k in range(f.i, f.j)}
    for ta in ctx.titles:
        if ta.person or any(k in taken for k in range(ta.i, ta.j)):
            continue
        local = named_earlier(ctx, ta)
        if local:
            ta.person = local
            ctx.found.append(Found(ta.i, ta.k, local, "Person", "by-role"))
            continue
        country = ta.country or (ctx.finder.home if ta.title.scope == "national" and ta.title.role != "Ambassador"
                                 else None)
        si = ctx.t.sent_of[ta.i]
        when = sentence_date(ctx, si) or context_date(ctx, si)
        if country is None or when is None:
            continue
        holders = ctx.lex.holders(ta.title.role, country, when.earliest, when.latest)
        if len(holders) > 1:
            holders = [p for p in holders if any(o.title and o.title in ctx.t.surface(ta.i, ta.j)
                                                 for o in ctx.lex.offices_of(p))] or holders
        label = ctx.t.surface(ta.i, ta.k)
        if len(holders) != 1 and ta.title.role == "Official":
            continue  # "قاضی", "رئیس دادگاه": a generic title designates nobody in particular
        if len(holders) != 1:
            ctx.x.warnings.append(f"{ctx.doc.source}: title-only designation {label!r} not resolved "
                                  f"({len(holders)} holders of {ta.title.role}/{country} in "
                                  f"{when.earliest}…{when.latest})")
            continue
        ta.person, ta.country = holders[0], country
        ctx.found.append(Found(ta.i, ta.k, holders[0], "Person", "by-role"))
    ctx.found.sort(key=lambda f: (f.i, -f.j))


def named_earlier(ctx: Context, ta: TitleAt) -> str | None:
    """"سفیر سوئیس" after "نادین لوزانو، سفیر کنفدراسیون سوئیس": the person this article gave that title."""
    for other in ctx.titles:
        if other.i >= ta.i:
            break
        if (other.person and other.title.role == ta.title.role and
                (ta.country is None or other.country in (None, ta.country))):
            return other.person
    return None
