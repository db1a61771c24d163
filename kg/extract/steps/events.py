"""The events step: visits, meetings, calls, statements… (kg.extract.events does the finding)."""

from __future__ import annotations

from kg.extract.component import Context, component
from kg.extract.events import EventFinder, to_event
from kg.extract.steps.dates import context_date


@component("events", requires={"found", "titles", "dates", "pronouns"}, provides={"events"})
def events(ctx: Context) -> None:
    """Events of the text, with their actors, place and date."""
    finder = EventFinder(ctx.lex, ctx.finder.entity)
    drafts = finder.run(ctx.t, ctx.found, ctx.dates, lambda si: context_date(ctx, si), ctx.x.published,
                         ctx.titles)
    ctx.x.events = [to_event(d, ctx.t) for d in drafts]
