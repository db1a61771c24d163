"""The pronouns step: "وی", "این کشور" and the like, resolved to an entity named before them."""

from __future__ import annotations

from kg.extract.component import Context, component


@component("pronouns", requires={"found", "titles", "by-role", "plural-posts"}, provides={"pronouns"})
def pronouns(ctx: Context) -> None:
    """Pronouns and anaphoric phrases, resolved against the entities found and designated so far."""
    ctx.found = ctx.finder.pronouns(ctx.found, ctx.titles)
