"""The document step: language, publication date, and the text analysis (normalised tokens, sentences)."""

from __future__ import annotations

from kg.extract import dates as dates_mod
from kg.extract.component import Context, component
from kg.extract.text import Text, article_end
from kg.langid import detect
from kg.lexicon.calendar import Names
from kg.model import Extraction


@component("document", requires={"doc"}, provides={"language", "published", "text"})
def document(ctx: Context) -> None:
    """Language, publication date and text analysis; a text that is not Persian stops the pipeline."""
    x = ctx.x
    x.language, conf = detect(ctx.doc.text)
    publication_date(x, ctx.lex.calendar)
    ctx.t = Text.of(ctx.doc.text, article_end(ctx.doc.text, ctx.lex.boilerplate))
    x.sentences = ctx.t.sentences
    if x.language not in (None, "fa", "und"):
        x.warnings.append(f"{ctx.doc.source}: text is not Persian (detected {x.language}, {conf:.2f}): "
                          "nothing extracted")
        ctx.stop = f"not Persian ({x.language})"


def publication_date(x: Extraction, calendar: Names | None = None) -> None:
    raw = x.doc.published_raw
    if raw:
        x.published = dates_mod.parse_published(raw, calendar)
        if x.published:
            x.published_how = f"metadata: {raw}"
            return
        x.warnings.append(f"{x.doc.source}: publication date {raw!r} not understood; inferring it from the text")
    x.published, x.published_how = dates_mod.infer_published(x.doc.text, calendar)
    if x.published is None:
        x.warnings.append(f"{x.doc.source}: publication date unknown ({x.published_how}); relative dates unresolved")
