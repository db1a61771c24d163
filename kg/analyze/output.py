"""Writing analysis results (atomically, kg.atomic): the RDF named graph (TriG), JSON, GraphML and GEXF.

All outputs are sorted and contain no time stamps, so the same graph gives byte-identical files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg.analyze.load import DATA, local_name
from kg.atomic import write_atomic
from kg.graph.names import NAMESPACES

ANALYSIS_GRAPH = DATA + "graph/analysis"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
TRIG_PREFIXES = {p: NAMESPACES[p] for p in ("dip", "id", "prov", "xsd", "rdf")}


def to_json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"


class Triples:
    """A set of triples for the analysis graph, rendered as sorted TriG."""

    def __init__(self) -> None:
        self.triples: set[tuple[str, str, str]] = set()

    def add(self, s: str, p: str, o: object) -> None:
        self.triples.add((str(ox.NamedNode(s)), str(ox.NamedNode(p)), _term(o)))

    def trig(self) -> str:
        head = "".join(f"@prefix {k}: <{v}> .\n" for k, v in TRIG_PREFIXES.items())
        body = "".join(f"  {_short(s)} {_short(p)} {_short(o)} .\n" for s, p, o in sorted(self.triples))
        return f"{head}\n<{ANALYSIS_GRAPH}> {{\n{body}}}\n"

    def quads(self) -> list[ox.Quad]:
        store = ox.Store()
        store.load(self.trig(), format=ox.RdfFormat.TRIG)
        return list(store)


def _term(o: object) -> str:
    if isinstance(o, bool):
        return str(ox.Literal(str(o).lower(), datatype=ox.NamedNode(XSD + "boolean")))
    if isinstance(o, int):
        return str(ox.Literal(str(o), datatype=ox.NamedNode(XSD + "integer")))
    if isinstance(o, float):
        return str(ox.Literal(repr(o), datatype=ox.NamedNode(XSD + "double")))
    if hasattr(o, "isoformat"):
        return str(ox.Literal(o.isoformat(), datatype=ox.NamedNode(XSD + "date")))
    if isinstance(o, str) and o.startswith(("http://", "https://")):
        return str(ox.NamedNode(o))
    return str(ox.Literal(str(o)))


def _short(term: str) -> str:
    """Prefixed form of an IRI term when its local part is safe, else the term unchanged."""
    if not term.startswith("<"):
        value, sep, dt = term.rpartition("^^<")
        if sep and dt.startswith(XSD):
            return f"{value}^^xsd:{dt[len(XSD):-1]}"
        return term
    iri = term[1:-1]
    for k, v in TRIG_PREFIXES.items():
        rest = iri[len(v):]
        if iri.startswith(v) and rest and all(c.isalnum() or c in "_-" for c in rest) and rest[0].isalpha():
            return f"{k}:{rest}"
    return term


def flat_graph(g: nx.Graph, metrics=None) -> nx.Graph:
    """A copy with only scalar attributes (lists dropped, per-period counts flattened), for GraphML and GEXF; with
    `metrics` (kg.analyze.metrics.Metrics of `g`), each node also carries weighted_degree, betweenness, pagerank,
    community and component (the index of its community and component, largest first), the columns Gephi shows."""
    h = nx.Graph()
    h.graph.update({k: v for k, v in g.graph.items() if isinstance(v, str | int | float)})
    extra: dict[str, dict[str, float | int]] = {}
    if metrics is not None:
        community = metrics.community_of()
        component = {n: i for i, c in enumerate(metrics.components) for n in c}
        extra = {n: {"weighted_degree": metrics.weighted_degree.get(n, 0.0),
                     "betweenness": metrics.betweenness.get(n, 0.0), "pagerank": metrics.pagerank.get(n, 0.0),
                     "community": community.get(n, -1), "component": component.get(n, -1)} for n in g}
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: v for k, v in d.items() if isinstance(v, str | int | float)}, **extra.get(n, {}))
    for a, b, d in g.edges(data=True):
        attrs = {k: v for k, v in d.items() if isinstance(v, str | int | float)}
        for per, counts in sorted(d.get("periods", {}).items()):
            for kind, n in counts.items():
                attrs[f"{per}_{kind}"] = n
        h.add_edge(a, b, **attrs)
    return h


def write_graph_files(g: nx.Graph, out: Path, stem: str, metrics=None) -> list[Path]:
    """`stem`.graphml and `stem`.gexf of `g` (with the node metrics, when given: see `flat_graph`)."""
    flat = flat_graph(g, metrics)
    graphml = "\n".join(nx.generate_graphml(flat)) + "\n"
    gexf = "\n".join(nx.generate_gexf(flat)) + "\n"
    gexf = re.sub(r' lastmodifieddate="[^"]*"', "", gexf)  # today's date would make the bytes differ by day
    return [write_atomic(out / f"{stem}.graphml", graphml), write_atomic(out / f"{stem}.gexf", gexf)]


def slug(iri: str) -> str:
    return local_name(iri).replace("/", "-")
