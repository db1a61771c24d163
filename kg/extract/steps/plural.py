"""The plural step: posts designated by plural titles ("وزرای خارجه ایران و ترکیه"), see kg.extract.plural."""

from __future__ import annotations

from kg.extract.component import Context, component
from kg.extract.plural import plural_posts
from kg.extract.steps.dates import context_date, sentence_date


@component("plural", requires={"found", "dates", "by-role"}, provides={"plural-posts"})
def plural(ctx: Context) -> None:
    """Posts of plural titles, and the persons they designate by role."""
    ctx.plural_posts, designated = plural_posts(ctx.t, ctx.lex, ctx.found,
                                                lambda si: sentence_date(ctx, si) or context_date(ctx, si),
                                                ctx.finder.home)
    ctx.found = sorted(ctx.found + designated, key=lambda f: (f.i, -f.j))
