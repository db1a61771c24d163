"""The entities step: lexicon entities, names by context, titles (kg.extract.entities does the finding)."""

from __future__ import annotations

from kg.extract.component import Context, component
from kg.extract.entities import EntityFinder


@component("entities", requires={"text", "lex", "home"}, provides={"found", "titles", "minted"})
def entities(ctx: Context) -> None:
    """Entities and titles of the text, with the entities minted for names not in the lexicon."""
    ctx.finder = EntityFinder(ctx.lex, ctx.home)
    ctx.found, ctx.titles, ctx.minted = ctx.finder.run(ctx.t)
