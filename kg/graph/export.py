"""Reading a graph file by its extension, and exporting it in another RDF format (stable output).

    load_graph(path, base=None) -> rdflib.Dataset | rdflib.Graph   Turtle, TriG, N-Triples, N-Quads, JSON-LD
    export(path, fmt, base=None) -> bytes                          deterministic; TriG/N-Quads keep named graphs
    read_lines(path, blank_nodes=False, base=None)                 the file as N-Triples lines by graph

Every file is read by pyoxigraph, a conformant parser (the W3C suites in tests/w3c/ pass): lexical forms are kept
as written ("01"^^xsd:integer stays "01"), relative IRIs are resolved by RFC 3986 against `base` (default: the
file's own file: URI), and blank nodes are relabelled by RDFC-1.0 canonicalisation (c14n0, c14n1, …) so the same
graph gives the same labels in every run; a blank node shared by two named graphs stays one node. The triples
become sorted N-Triples/N-Quads lines; Turtle and TriG are written from them by `kg.graph.turtle` with the
project's prefixes (one set for every graph of a TriG file), JSON-LD by `kg.graph.jsonld.jsonld_of` (compacted
with a @context of the project's prefixes, or expanded; every array sorted; lists are written as the
rdf:first/rdf:rest nodes they are, so nothing is reordered). RDF 1.2 triple
terms and directional language strings are refused with a clear message: nothing downstream (rdflib, pySHACL,
JSON-LD 1.1) carries them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from kg.graph.names import RDF_FORMATS
from kg.graph.source import QUAD_FORMATS, GraphSource, quads, resolve
from kg.graph.vocab import PREFIXES, bind_prefixes
from kg.graph.write import lines_of, write_lines

# File extension → format name (rdflib's names, used in messages); pyoxigraph's parser is `ox_format(name)`.
PARSERS = RDF_FORMATS
QUADS = QUAD_FORMATS
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def read_lines(path: str | Path | GraphSource, blank_nodes: bool = False, base: str | None = None,
               prefixes: dict[str, str] | None = None) -> dict[str, set[str]] | None:
    """The triples of a graph input (any `kg.graph.source.resolve` takes: a file of any RDF_FORMATS extension, a
    store folder, standard input) as N-Triples lines ('S P O .' and a newline), by graph name ('<iri>', '_:label',
    or '' for the default graph; a store gives its named graphs, whose union is its default graph). Blank nodes get
    canonical labels (RDFC-1.0), the same in every run; unless `blank_nodes`, None is returned for a file holding
    any (the caller then reads it some other way). Raises InputError for an input that cannot be read (named with
    its line). The file's prefixes go into `prefixes` when it is given."""
    src = resolve(path)
    graphs: dict[str, set[str]] = {}
    for q in quads(src, base, prefixes):
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) \
                or isinstance(q.graph_name, ox.BlankNode):
            return lines_of(quads(src, base, prefixes), canonical=True) if blank_nodes else None
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        graphs.setdefault(g, set()).add(f"{q.subject} {q.predicate} {q.object} .\n")
    return graphs






def export(path: str | Path | GraphSource, fmt: str, base: str | None = None) -> bytes:
    """The graph input `path` (see `kg.graph.source`), serialised in `fmt` (ttl, nt, trig, nq, jsonld,
    jsonld-expanded). Triple formats merge the named graphs (a store's: its union)."""
    src = resolve(path)
    return write_lines(read_lines(src, blank_nodes=True, base=base), fmt, src.name)




def load_graph(path: str | Path | GraphSource, base: str | None = None) -> Graph:
    """Parse a graph input (a file by its extension, a store folder, standard input: `kg.graph.source`) with
    pyoxigraph (see the module doc) into rdflib: a Dataset for TriG, N-Quads, JSON-LD and a store (named graphs
    kept), else a Graph. Literals keep their lexical form (rdflib does not normalise them)."""
    import logging
    import warnings

    src = resolve(path)
    prefixes: dict[str, str] = {}
    graphs = read_lines(src, blank_nodes=True, base=base, prefixes=prefixes) or {}
    logger = logging.getLogger("rdflib.term")  # rdflib logs a traceback for an ill-typed literal ("abc"^^xsd:int)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = _rdflib_graph(graphs, Dataset() if src.quads_format else Graph())
    finally:
        logger.setLevel(level)
    for prefix, ns in sorted(prefixes.items()):  # the file's own, after ours (pySHACL reads SPARQL prefixes there)
        if prefix not in PREFIXES:
            g.bind(prefix, ns, override=False)
    return g


def _rdflib_graph(graphs: dict[str, set[str]], g: Graph) -> Graph:
    g = bind_prefixes(g)
    made: dict = {}
    for name, lines in sorted(graphs.items()):
        if not isinstance(g, Dataset):
            target = g
        else:
            target = g.graph(_to_rdflib(_term(name), made)) if name else g.default_graph
        for q in ox.parse("".join(sorted(lines)), format=ox.RdfFormat.N_TRIPLES, lenient=True):  # see jsonld_of
            target.add((_to_rdflib(q.subject, made), _to_rdflib(q.predicate, made), _to_rdflib(q.object, made)))
    return g


def _term(nt: str):
    return ox.BlankNode(nt[2:]) if nt.startswith("_:") else ox.NamedNode(nt[1:-1])


def _to_rdflib(term, made: dict):
    out = made.get(term)
    if out is None:
        if isinstance(term, ox.NamedNode):
            out = URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            out = BNode(term.value)
        elif term.language:
            out = Literal(term.value, lang=term.language)
        elif term.datatype.value == XSD_STRING:
            out = Literal(term.value)
        else:
            out = Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
        if len(made) < 100_000:
            made[term] = out
    return out


def flatten(g: Graph) -> Graph:
    """All triples of every graph of `g` in one plain Graph."""
    if not isinstance(g, Dataset):
        return g
    out = bind_prefixes(Graph())
    for s, p, o, _c in g.quads((None, None, None, None)):
        out.add((s, p, o))
    return out
