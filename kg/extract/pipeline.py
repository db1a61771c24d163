"""The extraction pipeline: one document in, one `Extraction` out.

    published date → text analysis → entities → dates → designations by role → posts → events

Each step is a plain function of the previous steps' results; `extract_document` is the one loop that runs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from kg.extract import dates as dates_mod
from kg.extract.entities import EntityFinder, Found, TitleAt
from kg.extract.events import EventFinder, to_event
from kg.extract.plural import plural_posts
from kg.extract.text import Text
from kg.langid import detect
from kg.lexicon import Lexicon, load
from kg.model import DateInfo, Document, Entity, Extraction, Mention, Post

HOME = "iran"  # the country of "کشورمان" and of unqualified national titles, for the Persian press
NAMING = {"lexicon", "context", "surname", "title+name"}  # mentions that name their entity (not "وی", "این کشور")


@dataclass
class Context:
    doc: Document
    lex: Lexicon
    x: Extraction
    t: Text
    finder: EntityFinder
    found: list[Found]
    titles: list[TitleAt]
    dates: dict[int, list[tuple[int, DateInfo]]]
    bad_dates: set[int] = field(default_factory=set)  # sentences stating an impossible date


def extract_document(doc: Document, lex: Lexicon | None = None, home: str = HOME) -> Extraction:
    """Read one document: everything dipkg extracts from it, with spans into `doc.text`."""
    lex = lex or load()
    x = Extraction(doc=doc)
    x.language, conf = detect(doc.text)
    publication_date(x)
    t = Text.of(doc.text)
    x.sentences = t.sentences
    if x.language not in (None, "fa", "und"):
        x.warnings.append(f"{doc.source}: text is not Persian (detected {x.language}, {conf:.2f}): nothing extracted")
        return x
    finder = EntityFinder(lex, home)
    found, titles, minted = finder.run(t)
    ctx = Context(doc, lex, x, t, finder, found, titles, {})
    date_mentions(ctx)
    resolve_by_role(ctx)
    plural, designated = plural_posts(t, lex, ctx.found, lambda si: sentence_date(ctx, si) or context_date(ctx, si))
    ctx.found = finder.pronouns(sorted(ctx.found + designated, key=lambda f: (f.i, -f.j)))
    x.posts = dedupe_posts(posts(ctx) + plural)
    x.events = events(ctx)
    x.mentions = mentions(ctx)
    x.entities = entities_used(ctx, minted)
    return x


def mentions(ctx: Context) -> list[Mention]:
    """One mention per span (the first found wins), in text order."""
    out, seen = [], set()
    for f in ctx.found:
        span = ctx.t.span(f.i, f.j)
        if f.key and span not in seen:
            seen.add(span)
            out.append(Mention(span, ctx.t.surface(f.i, f.j), f.key, f.how))
    return out


def dedupe_posts(ps: list[Post]) -> list[Post]:
    out, seen = [], set()
    for p in ps:
        if (p.person, p.role, p.country) not in seen:
            seen.add((p.person, p.role, p.country))
            out.append(p)
    return out


def publication_date(x: Extraction) -> None:
    raw = x.doc.published_raw
    if raw:
        x.published = dates_mod.parse_published(raw)
        if x.published:
            x.published_how = f"metadata: {raw}"
            return
        x.warnings.append(f"{x.doc.source}: publication date {raw!r} not understood; inferring it from the text")
    x.published, x.published_how = dates_mod.infer_published(x.doc.text)
    if x.published is None:
        x.warnings.append(f"{x.doc.source}: publication date unknown ({x.published_how}); relative dates unresolved")


def date_mentions(ctx: Context) -> None:
    """Dates of the text, by sentence, with the token where each starts."""
    t = ctx.t
    starts = [t.n.origin[tok.start] for tok in t.tokens]
    for dm in dates_mod.find_dates(t.original, ctx.x.published):
        if dm.problem:
            ctx.x.warnings.append(f"{ctx.doc.source}: offset {dm.span.start}: {dm.problem}")
            ctx.x.date_problems.append((dm.span, dm.problem))
        k = next((i for i, s in enumerate(starts) if s >= dm.span.start), len(starts) - 1)
        if k < 0:
            continue
        if dm.info is None:
            if dm.problem:
                ctx.bad_dates.add(t.sent_of[k])  # never replaced by another date
            continue
        if dm.kind == "weekday" and ctx.x.published and dm.info.earliest < ctx.x.published:
            ahead = dates_mod.resolve_weekday(dm.info.earliest.weekday(), ctx.x.published, "future")
            dm.info.if_future = DateInfo(ahead, ahead, "Day", dm.info.as_stated, dm.span,
                                         note="weekday read forwards: the event is planned")
        ctx.dates.setdefault(t.sent_of[k], []).append((k, dm.info))


def sentence_date(ctx: Context, si: int) -> DateInfo | None:
    ds = ctx.dates.get(si)
    if ds:
        return ds[0][1]
    return lead_date(ctx, si)


def context_date(ctx: Context, si: int) -> DateInfo | None:
    """The date an undated sentence is read with: the last date of the two sentences before it, else the lead's.
    A sentence that states an impossible date gets none."""
    if si in ctx.bad_dates:
        return None
    for prev in range(si - 1, -1, -1):  # the reference time of a report holds until another date is told
        ds = [d for _, d in ctx.dates.get(prev, []) if d.if_future is None]  # not a bare weekday ("جمعه میرود")
        if ds:
            return ds[-1]
    return lead_date(ctx, si)


def lead_date(ctx: Context, si: int) -> DateInfo | None:
    """Headline and lead report the day's news: with no date of their own they take the publication date."""
    p = ctx.x.published
    if p is None or si > 2:
        return None
    return DateInfo(p, p, "Day", "", note="not stated; the publication date of a headline/lead sentence")


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


def posts(ctx: Context) -> list[Post]:
    """One post per title standing next to its holder (duplicates are dropped by `dedupe_posts`)."""
    out: list[Post] = []
    for ta in ctx.titles:
        if not ta.person:
            continue
        role = ta.title.role
        country = ta.country or office_country(ctx.lex, ta.person, role)
        if country is None and ta.title.scope == "national" and role != "Ambassador":
            country = ctx.finder.home
        if country is None:
            continue
        lo, hi = min(ta.i, person_start(ctx, ta)), max(ta.k, ta.j)
        span = ctx.t.span(lo, hi)
        when = sentence_date(ctx, ctx.t.sent_of[ta.i])
        by_role = any(f.how == "by-role" and f.key == ta.person and f.i == ta.i for f in ctx.found)
        out.append(Post(ta.person, role, country, ctx.t.surface(ta.i, ta.j), span,
                        organization=None, accredited_to=accredited(ctx, ta) if role == "Ambassador" else None,
                        attested=(when.earliest if when and when.precision == "Day" else ctx.x.published),
                        by_role=by_role, confidence=0.7 if by_role else 0.9))
    return out


def person_start(ctx: Context, ta: TitleAt) -> int:
    for f in ctx.found:
        if f.key == ta.person and (f.j in (ta.i, ta.i - 1) or f.i == ta.k):
            return f.i
    return ta.i


def office_country(lex: Lexicon, person: str, role: str) -> str | None:
    for o in lex.offices_of(person):
        if o.role == role:
            return o.country
    return None


def accredited(ctx: Context, ta: TitleAt) -> str | None:
    """"سفیر X در Y": the host country of Y."""
    if ctx.t.word(ta.k) != "در":
        return None
    for f in ctx.found:
        if f.i == ta.k + 1 and f.kind in ("City", "Country"):
            return ctx.finder.country_of_place(f.key)
    return None


def events(ctx: Context):
    finder = EventFinder(ctx.lex, ctx.finder.entity)
    drafts = finder.run(ctx.t, ctx.found, ctx.dates, lambda si: context_date(ctx, si))
    return [to_event(d, ctx.t) for d in drafts]


def entities_used(ctx: Context, minted: dict[str, Entity]) -> dict[str, Entity]:
    keys = {f.key for f in ctx.found}
    keys |= {p.person for p in ctx.x.posts} | {p.country for p in ctx.x.posts if p.country}
    keys |= {p.accredited_to for p in ctx.x.posts if p.accredited_to}
    for e in ctx.x.events:
        keys |= set(e.actors) | ({e.place} if e.place else set())
    for k in list(keys):
        m = minted.get(k)
        if m:
            keys |= {v for v in (m.sender, m.host, m.city, m.country) if v}
    surfaces: dict[str, set[str]] = {}
    for m in ctx.x.mentions:
        if m.how in NAMING:
            surfaces.setdefault(m.entity, set()).add(" ".join(m.text.replace("*", "").split()))
    out = {}
    for k in sorted(keys):
        e = minted.get(k) or ctx.lex.entities.get(k)
        if e is not None:  # a copy: the lexicon is shared by every document
            out[k] = replace(e, alt_names=(e.alt_names | surfaces.get(k, set())) - {e.name_fa})
    return out
