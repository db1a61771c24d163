"""Charts as inline SVG strings (no plotting library, no script): timeline, months, country network, event types,
degrees and the embassy states of country pairs. Every chart draws its own legend and axis.

Each function returns (svg, rows) where rows is the data table drawn, for the table under the chart.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date, timedelta
from html import escape

import networkx as nx

from kg.analyze.load import EventRec
from kg.graph.names import EVENT_TYPES
from kg.report.labels import DASH, both, jalali, jalali_month, type_en, type_fa

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939")
COLOR = dict(zip(EVENT_TYPES, PALETTE, strict=True))
KIND_COLOR = {"cooperative": "#2ca02c", "conflictual": "#d62728", "neutral": "#7f7f7f", "mixed": "#ff7f0e"}
KIND_NAMES = {"cooperative": "cooperative (همکاری)", "conflictual": "conflictual (تنش)", "mixed": "both (هر دو)",
              "neutral": "neutral (خنثی)"}
STATE_COLOR = {"open": "#c7e9c0", "suspended": "#d62728", "resumed": "#31a354"}
STATE_NAMES = {"open": "open (باز)", "suspended": "suspended (تعلیق)", "resumed": "resumed (ازسرگیری)"}
MAX_NODES = 60  # nodes drawn in the network chart (the strongest by weighted degree)
GRAVITY = 2.0  # pull of the network layout towards the centre
MAX_PAIRS = 12  # country pairs drawn in the embassy chart
W = 960  # width of every chart
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _svg(id_: str, w: int, h: int, body: list[str], title: str) -> str:
    return (f'<svg id="{id_}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
            f'role="img" aria-label="{escape(title)}" font-family="sans-serif"><title>{escape(title)}</title>'
            f'{"".join(body)}</svg>')


def _text(x: float, y: float, s: str, size: int = 11, anchor: str = "start", fill: str = "#222",
          extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{escape(s)}</text>")


def _month_start(d: date, add: int = 0) -> date:
    m = d.year * 12 + d.month - 1 + add
    return date(m // 12, m % 12 + 1, 1)


class Axis:
    """A date axis from `lo` to `hi` (exclusive) over [x0, x1] pixels, with year, month or day ticks by span."""

    def __init__(self, lo: date, hi: date, x0: float, x1: float):
        self.lo, self.hi, self.x0, self.x1 = lo, max(hi, lo + timedelta(days=1)), x0, x1

    def x(self, d: date) -> float:
        return self.x0 + (self.x1 - self.x0) * (d - self.lo).days / (self.hi - self.lo).days

    def ticks(self) -> list[tuple[date, str]]:
        days = (self.hi - self.lo).days
        if days > 900:  # years, every k-th labelled so that at most 16 labels fit
            years = [y for y in range(self.lo.year + (self.lo > date(self.lo.year, 1, 1)), self.hi.year + 1)
                     if date(y, 1, 1) < self.hi]
            k = year_step(len(years))
            return [(date(y, 1, 1), str(y) if y % k == 0 else "") for y in years]
        if days > 62:  # months, every k-th labelled so that at most 16 labels fit
            first = _month_start(self.lo, 0 if self.lo.day == 1 else 1)
            ms = []
            while first < self.hi:
                ms.append(first)
                first = _month_start(first, 1)
            k = max(1, math.ceil(len(ms) / 16))
            return [(m, (str(m.year) if m.month == 1 or i == 0 else MONTHS_EN[m.month - 1]) if i % k == 0 else "")
                    for i, m in enumerate(ms)]
        step = max(1, math.ceil(days / 10))  # days
        return [(self.lo + timedelta(days=i), (self.lo + timedelta(days=i)).isoformat()[5:])
                for i in range(0, days + 1, step)]

    def draw(self, y_top: float, y_axis: float) -> list[str]:
        out = [f'<line x1="{self.x0:.1f}" x2="{self.x1:.1f}" y1="{y_axis:.1f}" y2="{y_axis:.1f}" stroke="#888"/>']
        for d, label in self.ticks():
            x = self.x(d)
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_top:.1f}" y2="{y_axis + (5 if label else 3):.1f}" '
                       f'stroke="{"#ccc" if label else "#eee"}"/>')
            if label:
                out.append(_text(x, y_axis + 17, label, 11, "middle", "#444"))
        return out


def year_step(years: int) -> int:
    """Label every k-th year (k in 1, 2, 5, 10, 20, 50) so that at most 16 labels fit."""
    return next((k for k in (1, 2, 5, 10, 20, 50) if years / k <= 16), 100)


def _bin(span_days: int) -> str:
    return "day" if span_days <= 120 else "week" if span_days <= 730 else "month"


def _bin_start(d: date, unit: str) -> date:
    if unit == "day":
        return d
    if unit == "week":
        return d - timedelta(days=d.weekday())
    return d.replace(day=1)


def _bin_end(d: date, unit: str) -> date:
    return d + timedelta(days=1) if unit == "day" else d + timedelta(days=7) if unit == "week" else _month_start(d, 1)


def _radius(n: int, cap: float) -> float:
    return min(cap, 3.0 + 2.2 * math.sqrt(n - 1)) if n > 1 else 3.0


def _type_label(t: str) -> str:
    return f"{type_fa(t)} · {type_en(t)}"


def timeline(events: list[EventRec]) -> tuple[str, list[list[object]]]:
    """One row per event type; one mark per type and day (week, month when the span is long), its area growing
    with the number of events it stands for (written in it from two on): six attacks on a day are a mark "6"."""
    dated = sorted((e for e in events if e.earliest), key=lambda e: (e.earliest, e.iri))
    types = [t for t in EVENT_TYPES if any(e.type == t for e in dated)]
    left, right, row = 290, 20, 28
    top = 44
    h = top + row * max(1, len(types)) + 34
    body: list[str] = []
    rows: list[list[object]] = []
    if not dated:
        body.append(_text(W / 2, h / 2, "no dated event", 13, "middle", "#777"))
        return _svg("chart-timeline", W, h, body, "Events over time: none is dated"), rows
    unit = _bin((dated[-1].earliest - dated[0].earliest).days)
    axis = Axis(_bin_start(dated[0].earliest, unit), _bin_end(_bin_start(dated[-1].earliest, unit), unit),
                left, W - right)
    marks: dict[tuple[str, date], list[EventRec]] = {}
    for e in dated:
        marks.setdefault((e.type, _bin_start(e.earliest, unit)), []).append(e)
    body += _legend_sizes(unit, left)
    body += axis.draw(top - 12, top + row * len(types) - 8)
    for i, t in enumerate(types):
        y = top + row * i + row / 2 - 8
        n_type = sum(1 for e in dated if e.type == t)
        body.append(_text(left - 8, y + 4, type_fa(t), 12, "end") +
                    _text(6, y + 4, f"{type_en(t)} ({n_type})", 10, "start", "#666") +
                    f'<line x1="{left}" x2="{W - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
    for (t, start), evs in sorted(marks.items(), key=lambda kv: (kv[0][1], EVENT_TYPES.index(kv[0][0]))):
        y = top + row * types.index(t) + row / 2 - 8
        n, modal = len(evs), sum(1 for e in evs if e.modality)
        mid = start + (_bin_end(start, unit) - start) / 2 if unit != "day" else start
        x = axis.x(mid) if unit != "day" else (axis.x(start) + axis.x(start + timedelta(days=1))) / 2
        r = _radius(n, row / 2 - 1)
        when = start.isoformat() if unit == "day" else f"{unit} of {start.isoformat()}"
        tip = f"{_type_label(t)}: {n} event{'s' if n > 1 else ''}, {when} (\u2068{jalali(start)}\u2069)" + (
            f", {modal} with a modality" if modal else "")
        opacity = "0.3" if modal == n else "0.85"
        body.append(f'<g class="mark"><title>{escape(tip)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                    f'fill="{COLOR[t]}" fill-opacity="{opacity}" stroke="{COLOR[t]}"/>'
                    + (_text(x, y + 3.5, str(n), 10 if n < 100 else 8, "middle", "#fff" if modal < n else "#222",
                             ' font-weight="bold"') if n > 1 and r >= 6 else "") + "</g>")
        rows.append([start.isoformat(), jalali(start), _type_label(t), n, modal])
    return _svg("chart-timeline", W, h, body, f"Events over time, one row per type, one mark per {unit}"), rows


def _legend_sizes(unit: str, left: float) -> list[str]:
    out = [_text(left, 16, f"one mark per type and {unit}, its area growing with its events:", 11, "start",
                 "#444")]
    x = left + 340
    for n in (1, 5, 20):
        r = _radius(n, 13)
        out.append(f'<circle cx="{x + r:.1f}" cy="12" r="{r:.1f}" fill="#777" fill-opacity="0.85"/>' +
                   (_text(x + r, 15.5, str(n), 9, "middle", "#fff", ' font-weight="bold"') if n > 1 else
                    _text(x + 2 * r + 3, 16, "1", 11, "start", "#444")))
        x += 2 * r + (12 if n > 1 else 20)
    out.append(f'<circle cx="{x + 8:.1f}" cy="12" r="3" fill="#777" fill-opacity="0.3" stroke="#777"/>' +
               _text(x + 15, 16, "faint: planned, hoped, negated … (a modality)", 11, "start", "#444"))
    return out


def months_chart(per_month: dict[str, int]) -> tuple[str, list[list[object]]]:
    """Events per month as columns, every month from the first to the last (empty ones too), year ticks."""
    items = list(per_month.items())
    left, right, top, h = 50, 20, 20, 220
    base = h - 40
    body: list[str] = []
    if not items:
        body.append(_text(W / 2, h / 2, "no dated event", 13, "middle", "#777"))
        return _svg("chart-months", W, h, body, "Events per month: none is dated"), []
    peak = max(n for _, n in items) or 1
    bw = (W - left - right) / len(items)
    for frac in (0.5, 1.0):
        y = base - (base - top) * frac
        body.append(f'<line x1="{left}" x2="{W - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>'
                    + _text(left - 6, y + 4, f"{peak * frac:g}", 10, "end", "#666"))
    body.append(_text(left - 6, base + 4, "0", 10, "end", "#666"))
    k = year_step(len(items) // 12 + 1)
    for i, (m, n) in enumerate(items):
        y, mm = int(m[:4]), int(m[5:])
        x = left + bw * i
        bh = (base - top) * n / peak
        tip = f"{m} ({jalali_month(y, mm)}): {n} event{'s' if n != 1 else ''}"
        body.append(f'<rect x="{x + 0.5:.1f}" y="{base - bh:.1f}" width="{max(1.0, bw - 1):.1f}" height="{bh:.1f}" '
                    f'fill="{PALETTE[0]}"><title>{escape(tip)}</title></rect>')
        if n and bw >= 16:
            body.append(_text(x + bw / 2, base - bh - 3, str(n), 9, "middle", "#444"))
        label = str(y) if (mm == 1 and y % k == 0) or (i == 0 and len(items) <= 24) else (
            MONTHS_EN[mm - 1] if len(items) <= 24 and bw >= 24 else "")
        if label:
            body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{base:.1f}" y2="{base + 6:.1f}" stroke="#888"/>'
                        + _text(x + (bw / 2 if len(items) <= 24 else 2), base + 18, label, 11,
                                "middle" if len(items) <= 24 else "start", "#444"))
    body.append(f'<line x1="{left}" x2="{W - right}" y1="{base}" y2="{base}" stroke="#888"/>')
    empty = sum(1 for _, n in items if n == 0)
    body.append(_text(W - right, 12, f"{len(items)} months, {empty} without events", 11, "end", "#444"))
    rows = [[m, jalali_month(int(m[:4]), int(m[5:])), n] for m, n in items]
    return _svg("chart-months", W, h, body, "Events per month, empty months included"), rows


def bars(id_: str, counts: dict[str, int], title: str, colors: dict[str, str] | None = None,
         labels: dict[str, str] | None = None) -> tuple[str, list]:
    items = list(counts.items())
    left, row = 300 if labels else 120, 22
    h = 20 + row * max(1, len(items))
    top = max((n for _, n in items), default=1) or 1
    body = []
    for i, (k, n) in enumerate(items):
        y = 10 + row * i
        bw = (W - left - 60) * n / top
        fill = (colors or {}).get(k, PALETTE[0])
        body.append(_text(left - 8, y + 13, (labels or {}).get(k, str(k)), 11, "end")
                    + f'<rect x="{left}" y="{y}" width="{bw:.1f}" height="{row - 6}" fill="{fill}"/>'
                    + _text(left + bw + 4, y + 13, str(n), 11))
    return _svg(id_, W, h, body, title), [[(labels or {}).get(k, k), n] for k, n in items]


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
        for n in nodes:  # gravity: separate components stay near the centre instead of drifting apart
            disp[n][0] -= GRAVITY * k * (pos[n][0] - 0.5) * len(nodes) ** 0.5
            disp[n][1] -= GRAVITY * k * (pos[n][1] - 0.5) * len(nodes) ** 0.5
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
    h, pad, legend = 560, 60, 34
    xy = {n: (pad + (W - 2 * pad) * p[0], legend + pad + (h - legend - 2 * pad) * p[1]) for n, p in pos.items()}
    body, rows = [], []
    x = 10
    for kind in ("cooperative", "conflictual", "mixed", "neutral"):
        body.append(f'<line x1="{x}" x2="{x + 28}" y1="14" y2="14" stroke="{KIND_COLOR[kind]}" stroke-width="4"/>'
                    + _text(x + 34, 18, KIND_NAMES[kind], 12))
        x += 48 + 7 * len(KIND_NAMES[kind])
    body.append(_text(W - 10, 18, "edge width grows with the number of events", 11, "end", "#555"))
    shown = f"{len(sub)} of {sum(1 for n in g if g.degree(n) > 0)} connected countries"
    body.append(_text(W - 10, h - 8, shown, 11, "end", "#555"))
    for a, b, d in sorted((min(u, v), max(u, v), d) for u, v, d in sub.edges(data=True)):
        kind = _edge_kind(d)
        body.append(f'<line x1="{xy[a][0]:.1f}" y1="{xy[a][1]:.1f}" x2="{xy[b][0]:.1f}" y2="{xy[b][1]:.1f}" '
                    f'stroke="{KIND_COLOR[kind]}" stroke-width="{1 + math.log2(d["weight"]):.2f}" '
                    f'stroke-opacity="0.8" class="edge {kind}"><title>{escape(g.nodes[a]["label"])} {DASH} '
                    f'{escape(g.nodes[b]["label"])}: {d["cooperative"]} cooperative, {d["conflictual"]} '
                    f'conflictual, {d["neutral"]} neutral</title></line>')
        rows.append([g.nodes[a]["label"], g.nodes[b]["label"], d["cooperative"], d["conflictual"], d["neutral"]])
    for n in sorted(sub):
        x, y = xy[n]
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#444"/>'
                    + _text(x, y - 10, g.nodes[n]["label"], 12, "middle", "#222",
                            ' stroke="#fff" stroke-width="3" paint-order="stroke"'))
    return _svg("chart-network", W, h, body, "Country network: green cooperative, red conflictual, "
                "orange both, grey neutral"), rows


def degree_distribution(g: nx.Graph) -> tuple[str, list]:
    counts: dict[str, int] = {}
    for _, d in sorted(g.degree(), key=lambda nd: nd[1]):
        counts[str(d)] = counts.get(str(d), 0) + 1
    return bars("chart-degree", counts, "Degree distribution of the actor network (degree → number of actors)")


def _iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _changes(p: dict) -> int:
    return sum(len(m["states"]) - 1 for m in p["missions"])


def embassy_pairs(pairs: list[dict]) -> list[dict]:
    """The pairs drawn: those whose missions changed state first (most changes first), then by labels."""
    return sorted(pairs, key=lambda p: (-_changes(p), str(p["a_label"]), str(p["b_label"]), p["a"], p["b"]))


def embassy(pairs: list[dict], first: date | None, last: date | None) -> tuple[str, list[list[object]]]:
    """For each country pair (at most MAX_PAIRS), one bar per mission coloured by its state over time (open,
    suspended, resumed: kg.analyze.embassy), over the span of the graph's dated events."""
    chosen = embassy_pairs(pairs)[:MAX_PAIRS]
    left, right, row, top = 300, 20, 20, 40
    n_rows = sum(1 + len(p["missions"]) for p in chosen)
    h = top + row * max(1, n_rows) + 34
    body: list[str] = []
    rows: list[list[object]] = []
    x = 10
    for state in ("open", "suspended", "resumed"):
        body.append(f'<rect x="{x}" y="6" width="22" height="12" fill="{STATE_COLOR[state]}"/>'
                    + _text(x + 28, 16, STATE_NAMES[state], 12))
        x += 60 + 7 * len(STATE_NAMES[state])
    body.append(_text(W - right, 16, f"{len(chosen)} of {len(pairs)} pairs with a mission", 11, "end", "#555"))
    if not chosen or first is None or last is None:
        body.append(_text(W / 2, top + 14, "no country pair with a mission" if not chosen else "no dated event",
                          13, "middle", "#777"))
        return _svg("chart-embassy", W, h, body, "Embassy states by country pair"), rows
    changes = [date.fromisoformat(s["start"]) for p in chosen for m in p["missions"] for s in m["states"]
               if s["start"]]
    if changes:  # from a year before the first change: a decades-old event would squeeze the changes to a line
        first = max(first, min(changes) - timedelta(days=365))
    axis = Axis(first, last + timedelta(days=1), left, W - right)
    body += axis.draw(top - 8, top + row * n_rows)
    y = top
    for p in chosen:
        body.append(_text(left - 8, y + 14, f"{p['a_label']} {DASH} {p['b_label']}", 12, "end", "#222",
                          ' font-weight="bold"'))
        y += row
        for m in p["missions"]:
            body.append(_text(left - 8, y + 13, str(m["label"]), 11, "end", "#444"))
            for s in m["states"]:
                a = date.fromisoformat(s["start"]) if s["start"] else first
                b = date.fromisoformat(s["end"]) if s["end"] else last + timedelta(days=1)
                x0, x1 = axis.x(max(a, first)), axis.x(min(b, last + timedelta(days=1)))
                span = f"{s['start'] or 'before the first event'} {DASH} {s['end'] or 'the last event'}"
                body.append(f'<rect x="{x0:.1f}" y="{y + 3}" width="{max(1.5, x1 - x0):.1f}" height="{row - 6}" '
                            f'fill="{STATE_COLOR[s["state"]]}"><title>{escape(str(m["label"]))}: {s["state"]}, '
                            f"{escape(span)}</title></rect>")
                if s["start"]:
                    body.append(f'<line x1="{x0:.1f}" x2="{x0:.1f}" y1="{y + 1}" y2="{y + row - 1}" stroke="#000" '
                                f'stroke-width="1.5"/>')
                rows.append([f"{p['a_label']} {DASH} {p['b_label']}", m["label"], s["state"],
                             both(_iso(s["start"])), both(_iso(s["end"]))])
            y += row
    return _svg("chart-embassy", W, h, body, "Embassy states by country pair"), rows


def type_counts(events: list[EventRec]) -> dict[str, int]:
    n = Counter(e.type for e in events)
    return {t: n[t] for t in EVENT_TYPES if n[t]}
