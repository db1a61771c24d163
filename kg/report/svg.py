"""Charts as inline SVG strings (no plotting library): timeline, country network, event types, degrees.

Each function returns (svg, rows) where rows is the data table drawn, for the table under the chart.
"""

from __future__ import annotations

import math
import random
from datetime import date
from html import escape

import networkx as nx

from kg.analyze.load import EventRec
from kg.graph.names import EVENT_TYPES

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939")
COLOR = dict(zip(EVENT_TYPES, PALETTE, strict=True))
KIND_COLOR = {"cooperative": "#2ca02c", "conflictual": "#d62728", "neutral": "#7f7f7f", "mixed": "#ff7f0e"}
MAX_NODES = 60  # nodes drawn in the network chart (the strongest by weighted degree)


def _svg(id_: str, w: int, h: int, body: list[str], title: str) -> str:
    return (f'<svg id="{id_}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>{"".join(body)}</svg>')


def timeline(events: list[EventRec]) -> tuple[str, list[list[object]]]:
    dated = sorted((e for e in events if e.earliest), key=lambda e: (e.earliest, e.iri))
    types = [t for t in EVENT_TYPES if any(e.type == t for e in dated)]
    w, left, row = 760, 150, 22
    h = 40 + row * max(1, len(types))
    body = []
    if dated:
        d0, d1 = dated[0].earliest, dated[-1].earliest
        span = max(1, (d1 - d0).days)

        def x(d: date) -> float:
            return left + (w - left - 20) * (d - d0).days / span

        for i, t in enumerate(types):
            y = 20 + row * i
            body.append(f'<text x="{left - 8}" y="{y + 4}" text-anchor="end" font-size="11">{t}</text>'
                        f'<line x1="{left}" x2="{w - 20}" y1="{y}" y2="{y}" stroke="#ddd"/>')
        for e in dated:
            y = 20 + row * types.index(e.type)
            hollow = ' fill-opacity="0.25"' if e.modality else ""
            body.append(f'<circle cx="{x(e.earliest):.1f}" cy="{y}" r="5" fill="{COLOR[e.type]}"{hollow}>'
                        f'<title>{e.type} {e.earliest.isoformat()}</title></circle>')
        for d, anchor in ((d0, "start"), (d1, "end")):
            body.append(f'<text x="{x(d):.1f}" y="{h - 6}" text-anchor="{anchor}" font-size="11">'
                        f"{d.isoformat()}</text>")
    rows = [[e.earliest.isoformat(), e.type, e.modality or ""] for e in dated]
    return _svg("chart-timeline", w, h, body, "Events over time, one row per type"), rows


def bars(id_: str, counts: dict[str, int], title: str, colors: dict[str, str] | None = None) -> tuple[str, list]:
    items = list(counts.items())
    w, left, row = 760, 150, 22
    h = 20 + row * max(1, len(items))
    top = max((n for _, n in items), default=1) or 1
    body = []
    for i, (k, n) in enumerate(items):
        y = 10 + row * i
        bw = (w - left - 60) * n / top
        fill = (colors or {}).get(k, PALETTE[0])
        body.append(f'<text x="{left - 8}" y="{y + 13}" text-anchor="end" font-size="11">{escape(str(k))}</text>'
                    f'<rect x="{left}" y="{y}" width="{bw:.1f}" height="{row - 6}" fill="{fill}"/>'
                    f'<text x="{left + bw + 4:.1f}" y="{y + 13}" font-size="11">{n}</text>')
    return _svg(id_, w, h, body, title), [[k, n] for k, n in items]


def _layout(g: nx.Graph, seed: int = 42, steps: int = 200) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold in pure Python from seeded random positions (deterministic)."""
    rnd = random.Random(seed)
    nodes = sorted(g)
    pos = {n: [rnd.random(), rnd.random()] for n in nodes}
    k = 1 / math.sqrt(max(1, len(nodes)))
    for step in range(steps):
        t = 0.1 * (1 - step / steps)
        disp = {n: [0.0, 0.0] for n in nodes}
        for i, a in enumerate(nodes):
            for b in nodes[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = max(1e-4, math.hypot(dx, dy))
                f = k * k / d
                disp[a][0] += dx / d * f
                disp[a][1] += dy / d * f
                disp[b][0] -= dx / d * f
                disp[b][1] -= dy / d * f
        for a, b in sorted((min(u, v), max(u, v)) for u, v in g.edges()):
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = max(1e-4, math.hypot(dx, dy))
            f = d * d / k
            for n, s in ((a, -1), (b, 1)):
                disp[n][0] += s * dx / d * f
                disp[n][1] += s * dy / d * f
        for n in nodes:
            d = max(1e-4, math.hypot(*disp[n]))
            pos[n][0] += disp[n][0] / d * min(d, t)
            pos[n][1] += disp[n][1] / d * min(d, t)
    xs, ys = [p[0] for p in pos.values()] or [0], [p[1] for p in pos.values()] or [0]
    sx, sy = (max(xs) - min(xs)) or 1, (max(ys) - min(ys)) or 1
    return {n: ((p[0] - min(xs)) / sx, (p[1] - min(ys)) / sy) for n, p in pos.items()}


def _edge_kind(d: dict) -> str:
    if d["cooperative"] and d["conflictual"]:
        return "mixed"
    return "cooperative" if d["cooperative"] else "conflictual" if d["conflictual"] else "neutral"


def network(g: nx.Graph) -> tuple[str, list[list[object]]]:
    keep = sorted(g, key=lambda n: (-g.degree(n, weight="weight"), n))[:MAX_NODES]
    sub = g.subgraph(n for n in keep if g.degree(n) > 0)
    pos = _layout(sub)
    w, h, pad = 760, 480, 60
    xy = {n: (pad + (w - 2 * pad) * p[0], pad + (h - 2 * pad) * p[1]) for n, p in pos.items()}
    body, rows = [], []
    for a, b, d in sorted((min(u, v), max(u, v), d) for u, v, d in sub.edges(data=True)):
        kind = _edge_kind(d)
        body.append(f'<line x1="{xy[a][0]:.1f}" y1="{xy[a][1]:.1f}" x2="{xy[b][0]:.1f}" y2="{xy[b][1]:.1f}" '
                    f'stroke="{KIND_COLOR[kind]}" stroke-width="{1 + math.log2(d["weight"]):.2f}" '
                    f'class="edge {kind}"/>')
        rows.append([g.nodes[a]["label"], g.nodes[b]["label"], d["cooperative"], d["conflictual"], d["neutral"]])
    for n in sorted(sub):
        x, y = xy[n]
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#444"/><text x="{x:.1f}" y="{y - 10:.1f}" '
                    f'text-anchor="middle" font-size="12">{escape(g.nodes[n]["label"])}</text>')
    return _svg("chart-network", w, h, body, "Country network: green cooperative, red conflictual, "
                "orange both, grey neutral"), rows


def degree_distribution(g: nx.Graph) -> tuple[str, list]:
    counts: dict[str, int] = {}
    for _, d in sorted(g.degree(), key=lambda nd: nd[1]):
        counts[str(d)] = counts.get(str(d), 0) + 1
    return bars("chart-degree", counts, "Degree distribution of the actor network (degree → number of actors)")
