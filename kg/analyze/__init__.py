"""Relation analyses of a dipkg graph with networkx.

    facts = read_facts(load_store(path))       # entities, events, posts
    nets = project(facts)                      # country, actor and actor-event networks
    metrics = compute(nets.countries)          # centralities, communities, components
    pair_timelines(facts)                      # per pair of countries: events and embassy states

`analyze(graph)` runs all of it; `write_analysis(result, out_dir)` writes TriG, JSON, GraphML and GEXF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.analyze.embassy import PairTimeline, pair_timelines
from kg.analyze.facts import read_facts
from kg.analyze.load import Facts, load_store
from kg.analyze.metrics import Metrics, compute
from kg.analyze.output import ANALYSIS_GRAPH, to_json, write_graph_files
from kg.analyze.project import Networks, project
from kg.analyze.writeback import analysis_json, analysis_triples
from kg.atomic import write_atomic

__all__ = ["ANALYSIS_GRAPH", "Analysis", "analyze", "write_analysis"]


@dataclass
class Analysis:
    facts: Facts
    networks: Networks
    metrics: dict[str, Metrics]  # "countries", "actors"
    pairs: list[PairTimeline]

    def json(self) -> dict:
        return analysis_json(self.facts, self.networks, self.metrics, self.pairs)

    def trig(self) -> str:
        return analysis_triples(self.metrics, self.pairs).trig()


def analyze(graph: object, period: str = "quarter") -> Analysis:
    """Analyse a graph given as a path, a pyoxigraph Store or an rdflib graph."""
    facts = read_facts(load_store(graph))
    nets = project(facts, period)
    metrics = {"countries": compute(nets.countries), "actors": compute(nets.actors)}
    return Analysis(facts, nets, metrics, pair_timelines(facts))


def write_analysis(result: Analysis, out_dir: str | Path) -> dict[str, Path]:
    """Write analysis.trig, analysis.json and GraphML/GEXF of the three networks into out_dir; the country and
    actor networks' nodes carry their metrics (weighted degree, betweenness, PageRank, community, component)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = {"trig": write_atomic(out / "analysis.trig", result.trig()),
             "json": write_atomic(out / "analysis.json", to_json(result.json()))}
    nets = result.networks
    for stem, g, m in (("countries", nets.countries, result.metrics["countries"]),
                       ("actors", nets.actors, result.metrics["actors"]), ("actor-event", nets.bipartite, None)):
        graphml, gexf = write_graph_files(g, out, stem, m)
        files[f"{stem}.graphml"], files[f"{stem}.gexf"] = graphml, gexf
    return files
