"""Deterministic serialisation: the same triples give the same bytes, in every process (hash seeds vary).

Turtle of an rdflib graph (validation.ttl) is rdflib's writer, which sorts subjects, predicates and objects. The
other formats go through pyoxigraph and `write_lines` (N-Triples lines by graph name → bytes in a format), which
`kg export` uses too (kg.graph.export): N-Triples and N-Quads sorted line by line, TriG graph by graph (default
graph first, then by name) with one set of prefixes, JSON-LD (`kg.graph.jsonld`) compacted with the project's
prefixes (or expanded) with every array sorted. Blank nodes get canonical labels (RDFC-1.0).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.atomic import write_atomic
from kg.errors import InputError
from kg.graph.jsonld import jsonld_of
from kg.graph.turtle import dipkg_turtle
from kg.graph.vocab import bind_prefixes

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

# Accepted format names → canonical name.
FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
           "trig": "trig", "nq": "nquads", "nquads": "nquads", "n-quads": "nquads",
           "jsonld": "json-ld", "json-ld": "json-ld", "jsonld-expanded": "json-ld-expanded",
           "json-ld-expanded": "json-ld-expanded"}


def canonical_format(fmt: str) -> str:
    try:
        return FORMATS[fmt.lower()]
    except KeyError:
        raise InputError(fmt, f"unknown RDF format; use one of {', '.join(sorted(set(FORMATS)))}") from None


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """`graph` (a Graph, or a Dataset with named graphs) in `fmt`, as deterministic UTF-8 bytes."""
    fmt = canonical_format(fmt)
    if fmt == "turtle":
        return _turtle(_as_graph(graph))
    quads = isinstance(graph, Dataset)
    text = graph.serialize(format="nquads" if quads else "nt", encoding="utf-8")
    return write_lines(lines_of(ox.parse(text, format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)),
                       fmt)


def write_graph(graph: Graph, path: str | Path, format: str = "turtle") -> Path:
    """Serialise `graph` deterministically and write it to `path` atomically (folder must exist)."""
    return write_atomic(path, serialize(graph, format))


def _as_graph(graph: Graph) -> Graph:
    """All triples of `graph` (of every named graph of a Dataset) in one plain graph with our prefixes."""
    if isinstance(graph, Dataset):
        g = bind_prefixes(Graph())
        for s, p, o, _c in graph.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return graph


def _turtle(graph: Graph) -> bytes:
    g = graph
    if not any(p == "dip" for p, _ in graph.namespaces()):
        g = bind_prefixes(Graph())
        for t in graph:
            g.add(t)
    return g.serialize(format="turtle", encoding="utf-8")


def trig_of(parts: Iterable[tuple[str | None, bytes]]) -> bytes:
    """TriG from each graph's Turtle, in the order given ((graph name as N-Triples or None for the default graph,
    Turtle)): the @prefix lines of all of them once, sorted, then one block per graph."""
    prefixes: set[str] = set()
    blocks = []
    for name, ttl in parts:
        body = []
        for line in ttl.decode("utf-8").split("\n"):  # not splitlines: U+2028, FF, … are legal in literals
            (prefixes.add(line) if line.startswith("@prefix") else body.append(line))
        text = "\n".join(body).strip("\n")
        blocks.append(text if name is None else f"{name} {{\n{text}\n}}")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n").encode("utf-8")


def lines_of(quads, canonical: bool | None = None) -> dict[str, set[str]]:
    """pyoxigraph quads as N-Triples lines by graph name (see `read_lines`), blank nodes relabelled by RDFC-1.0
    when there are any (`canonical` None: look; True: there are)."""
    if canonical is None:
        quads = list(quads)
        canonical = any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object, q.graph_name))
    if canonical:
        quads = ox.Dataset(quads)
        quads.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    graphs: dict[str, set[str]] = {}
    for q in quads:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        graphs.setdefault(g, set()).add(f"{q.subject} {q.predicate} {q.object} .\n")
    return graphs


def merged(graphs: dict[str, set[str]]) -> list[str]:
    """The lines of every graph, once each, sorted."""
    return sorted(set().union(*graphs.values())) if graphs else []


def write_lines(graphs: dict[str, set[str]], fmt: str, where: str = "") -> bytes:
    """N-Triples lines by graph name (as `read_lines` gives them) in `fmt`, deterministically (`where`: the
    input, named in an error)."""
    fmt = canonical_format(fmt)
    if fmt == "nt":
        return "".join(merged(graphs)).encode("utf-8")
    if fmt == "turtle":
        return dipkg_turtle(merged(graphs))
    if fmt in ("json-ld", "json-ld-expanded"):
        return jsonld_of(merged(graphs), where, compact=fmt == "json-ld")
    if fmt == "nquads":
        return "".join(sorted(f"{ln[:-3]} {g} .\n" if g else ln
                              for g, lines in graphs.items() for ln in lines)).encode("utf-8")
    return trig_of((g or None, dipkg_turtle(sorted(graphs[g])))  # default graph first, then by name
                   for g in sorted(graphs, key=lambda name: (name != "", name)))
