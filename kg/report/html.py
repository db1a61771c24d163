"""The self-contained HTML page: inline CSS and SVG, no script, no external reference."""

from __future__ import annotations

import re
from html import escape
from importlib import resources

from kg.report.labels import both
from kg.report.sources import Sources

COLLAPSE = 12  # tables longer than this are folded (<details>) under a summary that says what they hold


def cell(v: object) -> str:
    """A value as text: never Python's True/None (yes/no, —), integers with thousands separators."""
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def table(head: list[str], rows: list[list[object]], numeric: bool = True) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = []
    for r in rows:
        cells = []
        for v in r:
            if isinstance(v, Raw):
                cells.append(f'<td dir="auto">{v}</td>')
            elif isinstance(v, int | float) and not isinstance(v, bool) and numeric:
                cells.append(f'<td class="n">{cell(v)}</td>')
            else:
                s = cell(v)  # a date (beside its Jalali form) reads left to right, whatever follows
                cells.append(f'<td dir="{"ltr" if s[:1].isascii() and s[:1].isdigit() else "auto"}">{escape(s)}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def folded(summary: str, content: str, open_: bool = False) -> str:
    return f"<details{' open' if open_ else ''}><summary>{escape(summary)}</summary>{content}</details>"


def long_table(what: str, head: list[str], rows: list[list[object]], numeric: bool = True) -> str:
    """A table, folded under "N what" when longer than COLLAPSE rows."""
    t = table(head, rows, numeric)
    return folded(f"{len(rows):,} {what}", t) if len(rows) > COLLAPSE else t


class Raw(str):
    """Already-escaped HTML for a table cell."""


def figure(svg: str, caption: str, head: list[str], rows: list[list[object]]) -> str:
    return (f"<figure>{svg}<figcaption>{escape(caption)}</figcaption><details><summary>Data behind the chart "
            f"({len(rows):,} rows)</summary>{table(head, rows)}</details></figure>")


def links(sentences: list, sources: Sources | None = None) -> Raw:
    def one(s: object) -> str:
        info = sources.articles.get(s.article) if sources else None
        tip = f' title="{escape(info.headline)}"' if info and info.headline else ""
        return f'<a href="#{s.anchor}"{tip}>{escape(s.article)}:{s.begin}</a>'
    return Raw(" ".join(one(s) for s in sentences) or '<span class="muted">none</span>')


def _source_list(sources: Sources, linked: set[str]) -> str:
    """The linked sentences grouped by article, each article headed by its headline, outlet and date."""
    by_article: dict[str, list] = {}
    for s in sources.sentences:
        if s.anchor in linked:
            by_article.setdefault(s.article, []).append(s)
    out = []
    for art, sents in by_article.items():
        info = sources.articles.get(art)
        head = [f"<code>{escape(art)}</code>"]
        if info and info.headline:
            head.append(f'<b dir="auto">{escape(info.headline)}</b>')
        if info and info.outlet:
            head.append(f'<span dir="auto">{escape(info.outlet)}</span>')
        head.append(escape(f"published {both(info.published, 'on an unknown date')}" if info
                           else "published on an unknown date"))
        items = "".join(f'<li id="{s.anchor}"><code>[{s.begin}-{s.end}]</code> <span dir="auto">{escape(s.text)}'
                        f"</span></li>" for s in sents)
        out.append(f'<li><p class="art">{" · ".join(head)}</p><ol class="sentences">{items}</ol></li>')
    n_sent = sum(len(v) for v in by_article.values())
    return (f"<p>{n_sent:,} sentences from {len(by_article):,} of {len(sources.articles):,} articles, the ones the "
            f"tables above link to; each under its article's headline, outlet and publication date.</p>"
            + folded(f"{n_sent:,} source sentences", f'<ol class="sources">{"".join(out)}</ol>'))


def page(title: str, sections: list[tuple[str, str, str]], sources: Sources) -> str:
    css = resources.files("kg.report").joinpath("templates/report.css").read_text(encoding="utf-8")
    toc = "".join(f'<li><a href="#{sid}">{escape(h)}</a></li>' for sid, h, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{escape(h)}</h2>{content}</section>' for sid, h, content in sections)
    linked = set(re.findall(r'href="#(src-[^"]+)"', body))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{css}</style></head><body>"
            f'<h1 dir="auto">{escape(title)}</h1><nav><ol>{toc}<li><a href="#sources">Source sentences</a></li>'
            f"</ol></nav>{body}"
            f'<section id="sources"><h2>Source sentences</h2>{_source_list(sources, linked)}</section>'
            f"</body></html>\n")
