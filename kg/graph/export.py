"""Reading a graph file by its extension, and exporting it in another RDF format (stable output).

    load_graph(path) -> rdflib.Dataset | rdflib.Graph   Turtle, TriG, N-Triples, N-Quads, JSON-LD
    export(path, fmt) -> bytes                          deterministic; TriG/N-Quads keep named graphs

A graph with no blank nodes (every graph dipkg writes) read from Turtle, TriG, N-Triples or N-Quads is exported
to those formats by pyoxigraph's parser and sorted N-Triples/N-Quads lines (Turtle and TriG written by
`kg.graph.turtle` from them): about 20 times faster than rdflib on a million triples, in a fraction of the memory.
Anything else (JSON-LD in or out, blank nodes, a file pyoxigraph rejects) goes through rdflib, which also words
the parse errors.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.errors import InputError
from kg.graph.names import RDF_FORMATS, file_format, ox_format
from kg.graph.vocab import bind_prefixes
from kg.graph.write import canonical_format, serialize, trig_of

# File extension → rdflib parser name. Quad formats are read into a Dataset so named graphs survive.
PARSERS = RDF_FORMATS
QUADS = {"trig", "nquads", "json-ld"}


def load_graph(path: str | Path) -> Graph:
    """Parse `path` by its extension: a Dataset for TriG/N-Quads/JSON-LD (named graphs kept), else a Graph."""
    path = Path(path)
    fmt = file_format(path)
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


LINE_FORMATS = ("turtle", "nt", "trig", "nquads")  # what read_lines reads with pyoxigraph


def export(path: str | Path, fmt: str) -> bytes:
    """The graph in `path`, serialised in `fmt` (ttl, nt, trig, nq, jsonld). Triple formats merge named graphs."""
    fmt = canonical_format(fmt)
    fast = _export_lines(Path(path), fmt)
    if fast is not None:
        return fast
    g = load_graph(path)
    return serialize(g if fmt in ("trig", "nquads") else flatten(g), fmt)


def read_lines(path: Path, blank_nodes: bool = False) -> dict[str, set[str]] | None:
    """The triples of a Turtle, TriG, N-Triples or N-Quads file as N-Triples lines ('S P O .' and a newline), by
    graph name ('' for the default graph), read by pyoxigraph. None when the file is JSON-LD or missing, when
    pyoxigraph rejects it (rdflib then reads it and words the error), or, unless `blank_nodes`, when it holds a
    blank node or a quoted triple (whose labels would change from run to run)."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt not in LINE_FORMATS or not path.is_file():
        return None
    parser = ox_format(fmt)
    graphs: dict[str, set[str]] = {}
    try:
        for q in ox.parse(path=str(path), format=parser):
            if not blank_nodes and (isinstance(q.subject, ox.BlankNode | ox.Triple)
                                    or isinstance(q.object, ox.BlankNode) or isinstance(q.graph_name, ox.BlankNode)):
                return None
            g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
            graphs.setdefault(g, set()).add(f"{q.subject} {q.predicate} {q.object} .\n")
    except (SyntaxError, ValueError, OSError):
        return None
    return graphs


def merged(graphs: dict[str, set[str]]) -> list[str]:
    """The lines of every graph, once each, sorted."""
    return sorted(set().union(*graphs.values()))


def _export_lines(path: Path, fmt: str) -> bytes | None:
    """`export` through pyoxigraph and sorted lines, or None when it cannot be done so (see the module doc)."""
    from kg.graph.turtle import dipkg_turtle

    graphs = read_lines(path) if fmt != "json-ld" else None
    if graphs is None:
        return None
    if fmt == "nt":
        return "".join(merged(graphs)).encode("utf-8")
    if fmt == "turtle":
        return dipkg_turtle(merged(graphs))
    if fmt == "nquads":
        return "".join(sorted(f"{ln[:-3]} {g} .\n" if g else ln
                              for g, lines in graphs.items() for ln in lines)).encode("utf-8")
    return trig_of((g or None, dipkg_turtle(sorted(graphs[g])))  # default graph first, then by name
                   for g in sorted(graphs, key=lambda name: (name != "", name)))
