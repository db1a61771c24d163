"""The entities-used step: the entities an extraction refers to, with the names the text gave them."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.component import Context, component
from kg.extract.outlets import outlet_of, publisher_of_url

# mentions that name their entity (not "وی", "این کشور"); "named-designation": a generic name that is one of the
# entity's names ("هیئت دولت" for the government)
NAMING = {"lexicon", "context", "surname", "title+name", "named-designation"}


@component("entities-used", requires={"found", "minted", "posts", "events", "mentions"}, provides={"entities"})
def entities_used(ctx: Context) -> None:
    """Every entity a mention, post or event refers to (and the places of minted ones), as copies with alt names."""
    keys = {f.key for f in ctx.found}
    keys |= {p.person for p in ctx.x.posts} | {p.country for p in ctx.x.posts if p.country}
    keys |= {p.accredited_to for p in ctx.x.posts if p.accredited_to}
    for e in ctx.x.events:
        keys |= set(e.actors) | ({e.place} if e.place else set())
    for k in list(keys):
        m = ctx.minted.get(k)
        if m:
            keys |= {v for v in (m.sender, m.host, m.city, m.country) if v}
    surfaces: dict[str, set[str]] = {}
    for m in ctx.x.mentions:
        if m.how in NAMING:
            surfaces.setdefault(m.entity, set()).add(" ".join(m.text.replace("*", "").split()))
    out = {}
    for k in sorted(keys):
        e = ctx.minted.get(k) or ctx.lex.entities.get(k)
        if e is not None:  # a copy: the lexicon is shared by every document
            out[k] = replace(e, alt_names=(e.alt_names | surfaces.get(k, set())) - {e.name_fa})
    ctx.x.entities = out
    # the publisher: the `outlet` field, else the news organization whose web host the article's `url` is on
    ctx.x.publisher = outlet_of(ctx.lex, ctx.doc.outlet, out) or publisher_of_url(ctx.lex, ctx.doc.url, out)
    ctx.x.based_on = outlet_of(ctx.lex, ctx.doc.based_on, out)
