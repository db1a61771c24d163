"""The posts step: who holds which office, from each title standing next to its holder."""

from __future__ import annotations

from kg.extract.component import Context, component
from kg.extract.entities import TitleAt
from kg.extract.steps.by_role import accredited
from kg.extract.steps.dates import sentence_date
from kg.lexicon import Lexicon
from kg.model import Post


@component("posts", requires={"titles", "by-role", "plural-posts", "pronouns"}, provides={"posts"})
def posts_step(ctx: Context) -> None:
    """Posts of titles next to their holders, then those of plural titles, without duplicates."""
    ctx.x.posts = dedupe_posts(posts(ctx) + ctx.plural_posts)


def dedupe_posts(ps: list[Post]) -> list[Post]:
    out, seen = [], set()
    for p in ps:
        if (p.person, p.role, p.country) not in seen:
            seen.add((p.person, p.role, p.country))
            out.append(p)
    return out


def posts(ctx: Context) -> list[Post]:
    """One post per title standing next to its holder (duplicates are dropped by `dedupe_posts`)."""
    out: list[Post] = []
    by_role_at = {(f.key, f.i) for f in ctx.found if f.how == "by-role"}
    by_key: dict[str, list] = {}
    for f in ctx.found:
        by_key.setdefault(f.key, []).append(f)
    for ta in ctx.titles:
        if not ta.person:
            continue
        role = ta.title.role
        organization = None
        body = ctx.lex.entities.get(ta.title.organization or "") if ta.title.scope == "international" else None
        if body is not None:
            # "سخنگوی کرملین": the office is the body's, and of the body's country (the Kremlin's is Russia's);
            # "دبیرکل سازمان ملل" is of no country, and never of the holder's nationality: no post of a country
            if body.country is None:
                continue
            country, organization = body.country, body.key
        else:
            country = ta.country or office_country(ctx.lex, ta.person, role)
        if country is None and ta.title.scope == "national" and role != "Ambassador":
            country = ctx.finder.home
        if country is None:
            continue
        lo, hi = min(ta.i, person_start(ctx, ta, by_key)), max(ta.k, ta.j)
        span = ctx.t.span(lo, hi)
        when = sentence_date(ctx, ctx.t.sent_of[ta.i])
        by_role = (ta.person, ta.i) in by_role_at
        if by_role and ta.title.scope == "international" and organization is None:
            continue  # the office is the organization's, not the holder's country's
        out.append(Post(ta.person, role, country, ctx.t.surface(ta.i, ta.j), span,
                        organization=organization,
                        accredited_to=accredited(ctx, ta) if role == "Ambassador" else None,
                        attested=(when.earliest if when and when.precision == "Day" else ctx.x.published),
                        by_role=by_role, confidence=0.7 if by_role else 0.9))
    return out


def person_start(ctx: Context, ta: TitleAt, by_key: dict[str, list] | None = None) -> int:
    """Where the title's holder is named: the first of its mentions ending just before the title or starting right
    after its qualifier. `by_key`: ctx.found grouped by key, when the caller has it (a long article has thousands
    of mentions and titles)."""
    for f in (by_key.get(ta.person, ()) if by_key is not None else ctx.found):
        if f.key == ta.person and (f.j in (ta.i, ta.i - 1) or f.i == ta.k):
            return f.i
    return ta.i


def office_country(lex: Lexicon, person: str, role: str) -> str | None:
    for o in lex.offices_of(person):
        if o.role == role:
            return o.country
    return None


