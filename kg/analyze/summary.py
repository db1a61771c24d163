"""Readable text for `kg analyze`: summary, evidence path, ego network, pair timeline."""

from __future__ import annotations

from kg.analyze.embassy import PairTimeline
from kg.analyze.paths import Hop

MEASURES = (("weighted_degree", "weighted degree"), ("betweenness", "betweenness"), ("pagerank", "PageRank"))


def summary_text(result: object, top: int = 5) -> str:
    """Top actors per centrality, communities, and country pairs by cooperation and conflict."""
    label = {iri: e.label for iri, e in result.facts.entities.items()}
    nets = result.networks
    lines = [f"events analysed: {len(nets.included)} "
             f"(of which planned, kept and flagged: {sum(e.modality == 'Planned' for e in nets.included)})"]
    if nets.excluded:
        lines.append(f"left out of the networks (did not happen: hoped, demanded, negated, hypothetical): "
                     f"{len(nets.excluded)} — " + ", ".join(f"{e.type} [{e.modality}]" for e in nets.excluded))
    for name in ("countries", "actors"):
        g, m = getattr(nets, name), result.metrics[name]
        lines.append(f"\n== {name} network: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
                     f"{len(m.components)} connected components ==")
        for attr, title in MEASURES:
            note = "" if attr != "betweenness" or m.betweenness_exact else " (sampled)"
            best = ", ".join(f"{label.get(n, n)} {v:g}" for n, v in m.top(attr, top))
            lines.append(f"top by {title}{note}: {best}")
        for i, members in enumerate(m.communities):
            lines.append(f"community {i}: " + ", ".join(label.get(n, n) for n in members))
    lines.append("\n== country pairs (cooperative / conflictual / neutral events) ==")
    for tl in sorted(result.pairs, key=lambda t: (-sum(t.counts().values()), t.a, t.b)):
        c = tl.counts()
        lines.append(f"{label.get(tl.a, tl.a)} - {label.get(tl.b, tl.b)}: "
                     f"{c['cooperative']} / {c['conflictual']} / {c['neutral']}")
    return "\n".join(lines) + "\n"


def path_text(hops: list[Hop] | None, label: dict[str, str], a: str, b: str) -> str:
    if hops is None:
        return f"no evidence path between {a} and {b}\n"
    lines = [f"evidence path {label.get(hops[0].source, a)} → {label.get(hops[-1].target, b)} in {len(hops)} hops"
             if hops else f"{a} and {b} are the same entity"]
    for i, h in enumerate(hops, 1):
        when = f", {h.date}" if h.date else ""
        lines.append(f"{i}. {label.get(h.source, h.source)} — {h.kind}{when} — {label.get(h.target, h.target)}"
                     f"  <{h.via}>")
        for s in h.sentences:
            where = f"{s.article}:{s.begin}-{s.end}" if s.begin is not None else s.article
            lines.append(f"   [{where}] {s.text}")
        if not h.sentences:
            lines.append("   (no source sentence in the graph)")
    return "\n".join(lines) + "\n"


def pair_text(tl: PairTimeline, label: dict[str, str]) -> str:
    lines = [f"{label.get(tl.a, tl.a)} - {label.get(tl.b, tl.b)}: {len(tl.events)} events"]
    for ev in tl.events:
        flag = f" [{ev.modality}]" if ev.modality else ""
        sent = ev.sources[0].text if ev.sources else "(no source sentence)"
        lines.append(f"  {ev.earliest or 'undated'}  {ev.type}{flag}  {sent}")
    for mission, states in sorted(tl.embassies.items()):
        lines.append(f"embassy {label.get(mission, mission)}:")
        for s in states:
            lines.append(f"  {s.state:<9} from {s.start or '(start of record)'} until {s.end or 'now'}")
    return "\n".join(lines) + "\n"
