"""The dates step: the dates of the text by sentence, and the date each sentence is read with."""

from __future__ import annotations

from bisect import bisect_left

from kg.extract import dates as dates_mod
from kg.extract.component import Context, component
from kg.model import DateInfo


@component("dates", requires={"text", "published"}, provides={"dates"})
def date_mentions(ctx: Context) -> None:
    """Dates of the text, by sentence, with the token where each starts."""
    t = ctx.t
    starts = [t.n.origin[tok.start] for tok in t.tokens]
    for dm in dates_mod.find_dates(t.original, ctx.x.published):
        if dm.problem:
            ctx.x.warnings.append(f"{ctx.doc.source}: offset {dm.span.start}: {dm.problem}")
            ctx.x.date_problems.append((dm.span, dm.problem))
        k = bisect_left(starts, dm.span.start)  # the first token at or after the date (starts are increasing)
        k = k if k < len(starts) else len(starts) - 1
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
