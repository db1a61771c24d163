"""Projecting the facts into networkx graphs: countries, actors, and the bipartite actor-event graph.

Nodes are entity IRIs and are added in sorted order, edges too, so every algorithm that depends on iteration
order (Louvain, sampled betweenness, BFS) gives the same answer on every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx

from kg.analyze.load import EventRec, Facts

COOPERATIVE = frozenset({"Visit", "Meeting", "PhoneCall", "Agreement", "MissionResumption"})
CONFLICTUAL = frozenset({"Attack", "MissionSuspension", "Summons", "Expulsion"})
EXCLUDED_MODALITIES = frozenset({"Hoped", "Demanded", "Negated", "Hypothetical"})
ACTOR_KINDS = frozenset({"Person", "Organization"})
PERIODS = ("month", "quarter", "year")


def kind_of(event_type: str) -> str:
    """cooperative, conflictual or neutral."""
    if event_type in COOPERATIVE:
        return "cooperative"
    if event_type in CONFLICTUAL:
        return "conflictual"
    return "neutral"


def period_of(ev: EventRec, period: str) -> str:
    """The period label of an event's earliest begin date ("undated" when it has none)."""
    d = ev.earliest
    if d is None:
        return "undated"
    if period == "year":
        return f"{d.year}"
    if period == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    return f"{d.year}-{d.month:02d}"


@dataclass
class Networks:
    countries: nx.Graph
    actors: nx.Graph
    bipartite: nx.Graph
    included: list[EventRec] = field(default_factory=list)
    excluded: list[EventRec] = field(default_factory=list)  # events with a modality that did not happen
    period: str = "quarter"


def event_countries(ev: EventRec, facts: Facts, with_hosts: bool = False) -> list[str]:
    """The countries an event's participants belong to; `with_hosts` adds the host country of missions."""
    out: set[str] = set()
    for a in ev.actors:
        ent = facts.entities.get(a)
        if ent is None:
            continue
        out |= ent.countries
        if with_hosts and ent.host:
            out.add(ent.host)
    return sorted(out)


def project(facts: Facts, period: str = "quarter") -> Networks:
    """The three networks. Events whose modality says they did not happen are left out (listed in `excluded`)."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    included = [e for e in facts.events if e.modality not in EXCLUDED_MODALITIES]
    excluded = [e for e in facts.events if e.modality in EXCLUDED_MODALITIES]
    return Networks(_countries(facts, included, period), _actors(facts, included), _bipartite(facts, included),
                    included, excluded, period)


def _node_attrs(facts: Facts, iri: str) -> dict[str, str]:
    ent = facts.entities[iri]
    return {"label": ent.label, "name_en": ent.name_en, "kind": ent.kind}


def _countries(facts: Facts, events: list[EventRec], period: str) -> nx.Graph:
    g = nx.Graph(name="countries", period=period)
    edges: dict[tuple[str, str], dict[str, object]] = {}
    for ev in events:
        for a, b in combinations(event_countries(ev, facts), 2):
            d = edges.setdefault((a, b), {"weight": 0, "cooperative": 0, "conflictual": 0, "neutral": 0,
                                          "planned": 0, "periods": {}, "events": []})
            d["weight"] += 1
            d[kind_of(ev.type)] += 1
            d["planned"] += ev.modality == "Planned"
            per = d["periods"].setdefault(period_of(ev, period), {"cooperative": 0, "conflictual": 0, "neutral": 0})
            per[kind_of(ev.type)] += 1
            d["events"].append(ev.iri)
    nodes = sorted({c for e in facts.entities.values() if e.kind == "Country" for c in [e.iri]})
    g.add_nodes_from((n, _node_attrs(facts, n)) for n in nodes)
    g.add_edges_from((a, b, d) for (a, b), d in sorted(edges.items()))
    return g


def _actors(facts: Facts, events: list[EventRec]) -> nx.Graph:
    g = nx.Graph(name="actors")
    edges: dict[tuple[str, str], dict[str, object]] = {}
    nodes: set[str] = set()
    for ev in events:
        people = [a for a in ev.actors if a in facts.entities and facts.entities[a].kind in ACTOR_KINDS]
        nodes.update(people)
        for a, b in combinations(people, 2):
            d = edges.setdefault((a, b), {"weight": 0, "events": []})
            d["weight"] += 1
            d["events"].append(ev.iri)
    g.add_nodes_from((n, _node_attrs(facts, n)) for n in sorted(nodes))
    g.add_edges_from((a, b, d) for (a, b), d in sorted(edges.items()))
    return g


def _bipartite(facts: Facts, events: list[EventRec]) -> nx.Graph:
    g = nx.Graph(name="actor-event")
    actors = sorted({a for ev in events for a in ev.actors if a in facts.entities})
    g.add_nodes_from((a, {**_node_attrs(facts, a), "bipartite": 0}) for a in actors)
    for ev in events:
        g.add_node(ev.iri, label=ev.type, kind="Event", bipartite=1,
                   date=ev.earliest.isoformat() if ev.earliest else "")
    g.add_edges_from((a, ev.iri) for ev in events for a in ev.actors if a in facts.entities)
    return g
