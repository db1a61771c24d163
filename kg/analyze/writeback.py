"""The analysis results as RDF (named graph ANALYSIS_GRAPH) and as a JSON document.

Vocabulary: ontology/analysis.ttl. Values sit on the entity IRIs; communities, country pairs and embassy-state
intervals get IRIs of their own under id:analysis/ (no blank nodes, so the output is stable).
"""

from __future__ import annotations

from kg.analyze.embassy import PairTimeline
from kg.analyze.load import DATA, DIP, Facts
from kg.analyze.metrics import Metrics
from kg.analyze.output import PROV_DERIVED, RDF_TYPE, Triples, slug
from kg.analyze.project import Networks

A = DATA + "analysis/"
STATE = {"open": DIP + "Open", "suspended": DIP + "Suspended", "resumed": DIP + "Resumed"}


def analysis_triples(metrics: dict[str, Metrics], pairs: list[PairTimeline]) -> Triples:
    t = Triples()
    for network, m in sorted(metrics.items()):
        for n in m.weighted_degree:
            t.add(n, DIP + "weightedDegree", m.weighted_degree[n])
            t.add(n, DIP + "betweenness", m.betweenness[n])
            t.add(n, DIP + "pageRank", m.pagerank[n])
        for i, members in enumerate(m.communities):
            c = f"{A}community/{network}/{i}"
            t.add(c, RDF_TYPE, DIP + "Community")
            t.add(c, DIP + "network", network)
            t.add(c, DIP + "size", len(members))
            for n in members:
                t.add(n, DIP + "community", c)
    for tl in pairs:
        p = f"{A}pair/{slug(tl.a)}--{slug(tl.b)}"
        t.add(p, RDF_TYPE, DIP + "CountryPair")
        t.add(p, DIP + "country", tl.a)
        t.add(p, DIP + "country", tl.b)
        for kind, n in tl.counts().items():
            t.add(p, f"{DIP}{kind}Events", n)
        for mission, states in sorted(tl.embassies.items()):
            _states(t, mission, states)
    return t


def _states(t: Triples, mission: str, states: list) -> None:
    for i, s in enumerate(states):
        iv = f"{A}embassy/{slug(mission)}/{i}"
        t.add(mission, DIP + "embassyState", iv)
        t.add(iv, RDF_TYPE, DIP + "EmbassyStateInterval")
        t.add(iv, DIP + "mission", mission)
        t.add(iv, DIP + "state", STATE[s.state])
        if s.start:
            t.add(iv, DIP + "stateStart", s.start)
        if s.end:
            t.add(iv, DIP + "stateEnd", s.end)
        if s.event:
            t.add(iv, PROV_DERIVED, s.event)


def analysis_json(facts: Facts, nets: Networks, metrics: dict[str, Metrics], pairs: list[PairTimeline]) -> dict:
    """Everything the analysis found, as plain JSON-able data with entity labels beside the IRIs."""
    label = {iri: e.label for iri, e in facts.entities.items()}
    out: dict[str, object] = {
        "period": nets.period,
        "events": {"included": len(nets.included), "excluded": [
            {"event": e.iri, "type": e.type, "modality": e.modality} for e in nets.excluded],
            "planned": [e.iri for e in nets.included if e.modality == "Planned"]},
        "networks": {},
        "pairs": [_pair_json(tl, label) for tl in pairs],
    }
    for name, g in (("countries", nets.countries), ("actors", nets.actors)):
        m = metrics[name]
        out["networks"][name] = {
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "betweenness_exact": m.betweenness_exact,
            "metrics": {n: {"label": label.get(n, n), "weighted_degree": m.weighted_degree[n],
                            "betweenness": m.betweenness[n], "pagerank": m.pagerank[n]} for n in m.weighted_degree},
            "communities": m.communities, "components": m.components,
            "edges_list": [{"a": a, "b": b, **{k: v for k, v in d.items()}} for a, b, d in sorted(g.edges(data=True))],
        }
    return out


def _pair_json(tl: PairTimeline, label: dict[str, str]) -> dict:
    return {
        "a": tl.a, "b": tl.b, "a_label": label.get(tl.a, tl.a), "b_label": label.get(tl.b, tl.b),
        **tl.counts(),
        "events": [{"event": e.iri, "type": e.type, "date": e.earliest.isoformat() if e.earliest else None,
                    "modality": e.modality} for e in tl.events],
        "embassies": {m: [{"state": s.state, "start": s.start.isoformat() if s.start else None,
                           "end": s.end.isoformat() if s.end else None, "event": s.event} for s in states]
                      for m, states in sorted(tl.embassies.items())},
    }
