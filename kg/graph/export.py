"""Reading a graph file by its extension, and exporting it in another RDF format (stable output).

    load_graph(path, base=None) -> rdflib.Dataset | rdflib.Graph   Turtle, TriG, N-Triples, N-Quads, JSON-LD
    export(path, fmt, base=None) -> bytes                          deterministic; TriG/N-Quads keep named graphs
    read_lines(path, blank_nodes=False, base=None)                 the file as N-Triples lines by graph

Every file is read by pyoxigraph, a conformant parser (the W3C suites in tests/w3c/ pass): lexical forms are kept
as written ("01"^^xsd:integer stays "01"), relative IRIs are resolved by RFC 3986 against `base` (default: the
file's own file: URI), and blank nodes are relabelled by RDFC-1.0 canonicalisation (c14n0, c14n1, …) so the same
graph gives the same labels in every run; a blank node shared by two named graphs stays one node. The triples
become sorted N-Triples/N-Quads lines; Turtle and TriG are written from them by `kg.graph.turtle` with the
project's prefixes (one set for every graph of a TriG file), JSON-LD by `kg.graph.write.jsonld_of` (expanded
form, every array sorted; lists are written as the rdf:first/rdf:rest nodes they are, so nothing is reordered).
RDF 1.2 triple terms and directional language strings are refused with a clear message: nothing downstream
(rdflib, pySHACL, JSON-LD 1.1) carries them.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from kg.errors import InputError
from kg.graph.names import RDF_FORMATS, file_format, ox_format
from kg.graph.vocab import PREFIXES, bind_prefixes
from kg.graph.write import XSD_STRING, canonical_format, lines_of, write_lines

# File extension → format name (rdflib's names, used in messages); pyoxigraph's parser is `ox_format(name)`.
PARSERS = RDF_FORMATS
QUADS = {"trig", "nquads", "json-ld"}
XML_LITERAL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"


def _format(path: Path) -> str:
    fmt = file_format(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    return fmt


def _quads(path: Path, fmt: str, base: str | None, prefixes: dict[str, str] | None = None):
    """pyoxigraph's quads of `path`, each checked to be RDF 1.1; errors worded with the file and line. The file's
    prefixes go into `prefixes` when it is given."""
    try:
        parser = ox.parse(path=str(path), format=ox_format(fmt), base_iri=base or path.resolve().as_uri())
        for q in parser:
            if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
                raise InputError(str(path), "holds an RDF 1.2 triple term (<<( … )>> or << … >>): kg export, "
                                 "kg validate and the other commands read RDF 1.1 only; state the triple "
                                 "with RDF 1.1 reification instead (rdf:Statement, rdf:subject, rdf:predicate, "
                                 "rdf:object)")
            if isinstance(q.object, ox.Literal) and q.object.direction is not None:
                raise InputError(str(path), f"holds an RDF 1.2 directional language string ({q.object}): "
                                 "kg reads RDF 1.1 only; drop the --ltr/--rtl direction")
            if fmt == "xml" and isinstance(q.object, ox.Literal) and q.object.datatype.value == XML_LITERAL:
                raise InputError(str(path), 'holds an XML literal (rdf:parseType="Literal"), which the RDF/XML '
                                 "reader does not put in the canonical form RDF 1.1 requires (exclusive XML "
                                 "canonicalisation): convert the file with a tool that does, e.g. to Turtle")
            yield q
        if prefixes is not None:
            prefixes.update(parser.prefixes)
    except SyntaxError as exc:
        line = exc.lineno if isinstance(exc.lineno, int) else None
        message = str(exc.args[0] if exc.args else exc).strip().splitlines()[0]
        if "LoadDocumentCallback" in message:
            message = "it names a remote @context, which kg does not fetch (no network): put the context in the file"
        raise InputError(f"{path}:{line}" if line else str(path), f"cannot parse as {fmt}: {message}") from None
    except (ValueError, OSError) as exc:
        raise InputError(str(path), f"cannot parse as {fmt}: {str(exc).strip().splitlines()[0]}") from None


def read_lines(path: Path, blank_nodes: bool = False, base: str | None = None,
               prefixes: dict[str, str] | None = None) -> dict[str, set[str]] | None:
    """The triples of a Turtle, TriG, N-Triples, N-Quads or JSON-LD file as N-Triples lines ('S P O .' and a
    newline), by graph name ('<iri>', '_:label', or '' for the default graph). Blank nodes get canonical labels
    (RDFC-1.0), the same in every run; unless `blank_nodes`, None is returned for a file holding any (the caller
    then reads it some other way). Raises InputError for a file that cannot be read (named with its line). The
    file's prefixes go into `prefixes` when it is given."""
    fmt = _format(path)
    graphs: dict[str, set[str]] = {}
    for q in _quads(path, fmt, base, prefixes):
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode) \
                or isinstance(q.graph_name, ox.BlankNode):
            return lines_of(_quads(path, fmt, base, prefixes), canonical=True) if blank_nodes else None
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
        graphs.setdefault(g, set()).add(f"{q.subject} {q.predicate} {q.object} .\n")
    return graphs


def export(path: str | Path, fmt: str, base: str | None = None) -> bytes:
    """The graph in `path`, serialised in `fmt` (ttl, nt, trig, nq, jsonld). Triple formats merge named graphs."""
    fmt = canonical_format(fmt)
    return write_lines(read_lines(Path(path), blank_nodes=True, base=base), fmt, str(path))


def load_graph(path: str | Path, base: str | None = None) -> Graph:
    """Parse `path` by its extension (pyoxigraph, see the module doc) into rdflib: a Dataset for TriG, N-Quads and
    JSON-LD (named graphs kept), else a Graph. Literals keep their lexical form (rdflib does not normalise them)."""
    import logging
    import warnings

    path = Path(path)
    fmt = _format(path)
    prefixes: dict[str, str] = {}
    graphs = read_lines(path, blank_nodes=True, base=base, prefixes=prefixes) or {}
    logger = logging.getLogger("rdflib.term")  # rdflib logs a traceback for an ill-typed literal ("abc"^^xsd:int)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            g = _rdflib_graph(graphs, Dataset() if fmt in QUADS else Graph())
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
        for q in ox.parse("".join(sorted(lines)), format=ox.RdfFormat.N_TRIPLES, lenient=True):  # see write.jsonld_of
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
