"""Reading a graph file by its extension, and exporting it in another RDF format (stable output).

    load_graph(path) -> rdflib.Dataset | rdflib.Graph   Turtle, TriG, N-Triples, N-Quads, JSON-LD
    export(path, fmt) -> bytes                          deterministic; TriG/N-Quads keep named graphs
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.errors import InputError
from kg.rdf_write import canonical_format, serialize
from kg.vocab import bind_prefixes

# File extension → rdflib parser name. Quad formats are read into a Dataset so named graphs survive.
PARSERS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt", ".trig": "trig",
           ".nq": "nquads", ".nquads": "nquads", ".jsonld": "json-ld", ".json": "json-ld"}
QUADS = {"trig", "nquads", "json-ld"}


def load_graph(path: str | Path) -> Graph:
    """Parse `path` by its extension: a Dataset for TriG/N-Quads/JSON-LD (named graphs kept), else a Graph."""
    path = Path(path)
    fmt = PARSERS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(str(path), f"unknown graph file extension {path.suffix!r}; "
                         f"use one of {', '.join(sorted(PARSERS))}")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    g: Graph = bind_prefixes(Dataset() if fmt in QUADS else Graph())
    try:
        g.parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many types; all mean the same to the user
        line = getattr(exc, "lineno", None) or getattr(exc, "line", None)
        where = f"{path}:{line}" if isinstance(line, int) else str(path)
        raise InputError(where, f"cannot parse as {fmt}: {str(exc).strip().splitlines()[0] if str(exc) else exc!r}"
                         ) from None
    return g


def flatten(g: Graph) -> Graph:
    """All triples of every graph of `g` in one plain Graph."""
    if not isinstance(g, Dataset):
        return g
    out = bind_prefixes(Graph())
    for s, p, o, _c in g.quads((None, None, None, None)):
        out.add((s, p, o))
    return out


def export(path: str | Path, fmt: str) -> bytes:
    """The graph in `path`, serialised in `fmt` (ttl, nt, trig, nq, jsonld). Triple formats merge named graphs."""
    fmt = canonical_format(fmt)
    g = load_graph(path)
    return serialize(g if fmt in ("trig", "nquads") else flatten(g), fmt)
