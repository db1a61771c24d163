"""Deterministic serialisation: the same triples give the same bytes, in every process (hash seeds vary).

rdflib's Turtle writer sorts subjects, predicates and objects; N-Triples and N-Quads are sorted line by line here;
TriG is written graph by graph in IRI order; JSON-LD's arrays (sets of nodes and values) are sorted. Graphs must
have no blank nodes (dipkg mints none), or their labels would differ from run to run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.atomic import write_atomic
from kg.errors import InputError
from kg.graph.vocab import bind_prefixes

# Accepted format names → canonical name.
FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
           "trig": "trig", "nq": "nquads", "nquads": "nquads", "n-quads": "nquads",
           "jsonld": "json-ld", "json-ld": "json-ld"}


def canonical_format(fmt: str) -> str:
    try:
        return FORMATS[fmt.lower()]
    except KeyError:
        raise InputError(fmt, f"unknown RDF format; use one of {', '.join(sorted(set(FORMATS)))}") from None


def serialize(graph: Graph, fmt: str = "turtle") -> bytes:
    """`graph` (a Graph, or a Dataset with named graphs) in `fmt`, as deterministic UTF-8 bytes."""
    fmt = canonical_format(fmt)
    if fmt in ("nt", "nquads"):
        return _sorted_lines(graph, fmt)
    if fmt == "trig":
        return _trig(graph)
    if fmt == "json-ld":
        return _jsonld(graph)
    return _turtle(_as_graph(graph))


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


def _sorted_lines(graph: Graph, fmt: str) -> bytes:
    if fmt == "nquads" and not isinstance(graph, Dataset):
        ds = Dataset()
        for t in graph:
            ds.add(t)
        graph = ds
    out = graph.serialize(format=fmt, encoding="utf-8")
    lines = sorted({re.sub(r"\s+\.$", " .", ln) for ln in out.decode("utf-8").splitlines() if ln.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _graphs(graph: Graph) -> list[tuple[str | None, Graph]]:
    """(graph name or None for the default graph, its triples), default graph first, then by name."""
    if not isinstance(graph, Dataset):
        return [(None, graph)]
    out = []
    for ctx in graph.graphs():
        if len(ctx) == 0:
            continue
        g = bind_prefixes(Graph())
        for t in ctx:
            g.add(t)
        name = None if ctx.identifier == DATASET_DEFAULT_GRAPH_ID else ctx.identifier.n3()
        out.append((name, g))
    return sorted(out, key=lambda x: (x[0] is not None, x[0] or ""))


def _trig(graph: Graph) -> bytes:
    return trig_of((name, _turtle(g)) for name, g in _graphs(graph))


def trig_of(parts: Iterable[tuple[str | None, bytes]]) -> bytes:
    """TriG from each graph's Turtle, in the order given ((graph name as N-Triples or None for the default graph,
    Turtle)): the @prefix lines of all of them once, sorted, then one block per graph."""
    prefixes: set[str] = set()
    blocks = []
    for name, ttl in parts:
        body = []
        for line in ttl.decode("utf-8").splitlines():
            (prefixes.add(line) if line.startswith("@prefix") else body.append(line))
        text = "\n".join(body).strip("\n")
        blocks.append(text if name is None else f"{name} {{\n{text}\n}}")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n").encode("utf-8")


def _canon(value):
    if isinstance(value, dict):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_canon(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph) -> bytes:
    data = json.loads(graph.serialize(format="json-ld", encoding="utf-8"))
    return (json.dumps(_canon(data), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
