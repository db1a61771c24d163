"""Centralities, communities, components and ego networks, all deterministic.

Betweenness counts hops (edge weights are event counts, not distances); above EXACT_LIMIT nodes it is estimated
from BETWEENNESS_SAMPLES sources drawn with a fixed seed. PageRank and Louvain use the event counts as weights.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

SEED = 42
EXACT_LIMIT = 1000  # exact betweenness up to this many nodes (minutes above; see PERFORMANCE-NOTES.md)
BETWEENNESS_SAMPLES = 256


@dataclass
class Metrics:
    """Per-node values and groupings of one network; every list is sorted."""

    weighted_degree: dict[str, float]
    betweenness: dict[str, float]
    pagerank: dict[str, float]
    communities: list[list[str]]  # largest first, members sorted
    components: list[list[str]]  # largest first, members sorted
    betweenness_exact: bool = True

    def community_of(self) -> dict[str, int]:
        return {n: i for i, c in enumerate(self.communities) for n in c}

    def top(self, measure: str, n: int = 10) -> list[tuple[str, float]]:
        """The n nodes with the highest value of `measure`, ties broken by IRI."""
        values: dict[str, float] = getattr(self, measure)
        return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def _groups(groups: object) -> list[list[str]]:
    return sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g))


def compute(g: nx.Graph) -> Metrics:
    """All metrics of a weighted undirected graph (values rounded to 10 digits, so output bytes are stable)."""
    if g.number_of_nodes() == 0:
        return Metrics({}, {}, {}, [], [])
    exact = g.number_of_nodes() <= EXACT_LIMIT
    k = None if exact else min(BETWEENNESS_SAMPLES, g.number_of_nodes())
    between = nx.betweenness_centrality(g, k=k, seed=SEED, normalized=True)
    pagerank = _pagerank(g)
    communities = nx.community.louvain_communities(g, weight="weight", seed=SEED)
    return Metrics(
        weighted_degree={n: float(d) for n, d in sorted(g.degree(weight="weight"))},
        betweenness=_rounded(between), pagerank=_rounded(pagerank),
        communities=_groups(communities), components=_groups(nx.connected_components(g)),
        betweenness_exact=exact)


def _pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1e-12, max_iter: int = 1000) -> dict[str, float]:
    """Weighted PageRank by power iteration in pure Python (networkx's needs numpy/scipy; same definition:
    dangling nodes spread their rank uniformly)."""
    nodes = list(g)
    n = len(nodes)
    strength = {u: float(s) for u, s in g.degree(weight="weight")}
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        dangling = alpha * sum(x[u] for u in nodes if strength[u] == 0) / n
        new = dict.fromkeys(nodes, dangling + (1 - alpha) / n)
        for u in nodes:
            if strength[u]:
                share = alpha * x[u] / strength[u]
                for v, d in g[u].items():
                    new[v] += share * d.get("weight", 1)
        delta = sum(abs(new[u] - x[u]) for u in nodes)
        x = new
        if delta < n * tol:
            break
    return x


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {n: round(v, 10) for n, v in sorted(values.items())}


def ego(g: nx.Graph, node: str, radius: int = 1) -> nx.Graph:
    """The subgraph of nodes within `radius` hops of `node`."""
    return nx.ego_graph(g, node, radius=radius)
