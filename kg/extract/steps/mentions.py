"""The mentions step: one mention per span of the text that names or refers to an entity."""

from __future__ import annotations

from kg.extract.component import Context, component
from kg.model import Mention


@component("mentions", requires={"found", "pronouns"}, provides={"mentions"})
def mentions(ctx: Context) -> None:
    """One mention per span (the first found wins), in text order."""
    out, seen = [], set()
    for f in ctx.found:
        span = ctx.t.span(f.i, f.j)
        if f.key and span not in seen:
            seen.add(span)
            out.append(Mention(span, ctx.t.surface(f.i, f.j), f.key, f.how))
    ctx.x.mentions = out
