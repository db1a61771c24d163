"""The self-contained HTML page: inline CSS and SVG, no script, no external reference."""

from __future__ import annotations

from html import escape
from importlib import resources

from kg.report.sources import Sources


def table(head: list[str], rows: list[list[object]], numeric: bool = True) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = []
    for r in rows:
        cells = []
        for v in r:
            if isinstance(v, Raw):
                cells.append(f'<td dir="auto">{v}</td>')
            elif isinstance(v, int | float) and numeric:
                cells.append(f'<td class="n">{v:g}</td>')
            else:
                cells.append(f'<td dir="auto">{escape(str(v))}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>"


class Raw(str):
    """Already-escaped HTML for a table cell."""


def figure(svg: str, caption: str, head: list[str], rows: list[list[object]]) -> str:
    return (f"<figure>{svg}<figcaption>{escape(caption)}</figcaption><details><summary>Data behind the chart"
            f"</summary>{table(head, rows)}</details></figure>")


def links(sentences: list, label: str = "source") -> Raw:
    return Raw(" ".join(f'<a href="#{s.anchor}">{escape(s.article)}:{s.begin}</a>' for s in sentences)
               or '<span class="muted">none</span>')


def page(title: str, sections: list[tuple[str, str, str]], sources: Sources) -> str:
    css = resources.files("kg.report").joinpath("templates/report.css").read_text(encoding="utf-8")
    toc = "".join(f'<li><a href="#{sid}">{escape(h)}</a></li>' for sid, h, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{escape(h)}</h2>{content}</section>' for sid, h, content in sections)
    items = "".join(f'<li id="{s.anchor}"><code>{escape(s.article)} [{s.begin}-{s.end}]</code> '
                    f'<span dir="auto">{escape(s.text)}</span></li>' for s in sources.sentences)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{css}</style></head><body>"
            f'<h1 dir="auto">{escape(title)}</h1><nav><ol>{toc}<li><a href="#sources">Source sentences</a></li>'
            f"</ol></nav>{body}"
            f'<section id="sources"><h2>Source sentences</h2><ol class="sources">{items}</ol></section>'
            f"</body></html>\n")
