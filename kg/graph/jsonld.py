"""JSON-LD of N-Triples lines, deterministic: compacted with a @context of the project's prefixes (the default of
`kg export --format jsonld`), or expanded (`--format jsonld-expanded`).

    expanded(lines, where="") -> list          expanded JSON-LD: node objects sorted, every array sorted
    compacted(doc, where="") -> dict           pyld's compaction (the JSON-LD 1.1 API) with CONTEXT
    jsonld_of(lines, where="", compact=True)   either, as UTF-8 bytes (keys sorted, one space indent)

Compaction is pyld's `compact()` (the reference implementation of the JSON-LD API in Python), given the expanded
document (`skipExpansion`) and a @context of `kg.graph.names.GRAPH_PREFIXES`: IRIs in those namespaces become
compact IRIs (dip:Visit, id:…), plain strings bare values, one-element arrays single values; lexical forms stay
as written ({"@type": "xsd:integer", "@value": "01"}). A prefix that an IRI of the graph would be confused with
(an IRI whose scheme is that prefix, e.g. `id:x`) is left out of the @context, as the JSON-LD API requires. Nothing
is fetched: the context is inline and pyld's document loader is refused. Both forms read back (pyoxigraph, rdflib,
pyld) to the same graph: tests/test_jsonld.py and the W3C suites in tests/test_w3c_rdf.py check it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from kg.errors import InputError
from kg.graph.names import GRAPH_PREFIXES, NAMESPACES

CONTEXT: dict[str, str] = {p: NAMESPACES[p] for p in GRAPH_PREFIXES}
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def jsonld_of(lines: Iterable[str], where: str = "", compact: bool = True) -> bytes:
    """N-Triples lines as JSON-LD bytes: compacted (default) or expanded."""
    doc = expanded(lines, where)
    data = compacted(doc, where) if compact else doc
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def compacted(doc: list, where: str = "") -> dict:
    """An expanded document (as `expanded` gives it) compacted with CONTEXT (less the prefixes its IRIs would be
    confused with), always as {"@context": …, "@graph": [...]}."""
    from pyld import jsonld

    context = dict(CONTEXT)
    while True:
        try:
            return jsonld.compact(doc, {"@context": context}, options={
                "skipExpansion": True, "graph": True, "base": None, "documentLoader": _no_loader})
        except jsonld.JsonLdError as exc:
            term = _confused_term(exc)
            if term not in context:
                raise InputError(where or "JSON-LD", f"cannot be written as compacted JSON-LD: {_reason(exc)} "
                                 "(--format jsonld-expanded writes it without a @context)") from None
            del context[term]


def _confused_term(exc) -> str | None:
    details = getattr(exc, "details", None) or {}
    return details.get("term") if getattr(exc, "code", None) == "IRI confused with prefix" else None


def _reason(exc) -> str:
    return str(getattr(exc, "code", None) or exc.args[0] if exc.args else exc)


def _no_loader(url: str, options=None):
    raise RuntimeError(f"kg does not fetch {url} (no network)")


def expanded(lines: Iterable[str], where: str = "") -> list:
    """N-Triples lines as expanded JSON-LD: a sorted array of node objects ("@id", "@type" for rdf:type IRIs, one
    sorted array of values per property). Lexical forms are kept: a value is {"@value": lexical} with its
    "@type" or "@language"; only xsd:boolean "true"/"false" is written as a JSON boolean (the same literal)."""
    nodes: dict[str, dict[str, list]] = {}
    text = "".join(lines)
    try:
        quads = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:  # an IRI pyoxigraph's Turtle reader takes but RFC 3987 does not (U+E0000-U+E0FFF)
        raise InputError(where or "JSON-LD", f"cannot be written as JSON-LD: {str(exc).splitlines()[0]}; JSON-LD "
                         "readers drop the triples of an IRI that is not a valid RFC 3987 IRI (write Turtle, "
                         "TriG, N-Triples or N-Quads instead, which keep it)") from None
    for q in quads:
        s = _jsonld_id(q.subject)
        node = nodes.setdefault(s, {"@id": s})
        o = q.object
        if str(q.predicate) == RDF_TYPE and not isinstance(o, ox.Literal):
            node.setdefault("@type", []).append(_jsonld_id(o))
            continue
        if isinstance(o, ox.Literal):
            dt = o.datatype.value
            if o.language:
                value = {"@language": o.language, "@value": o.value}
            elif dt == XSD_STRING:
                value = {"@value": o.value}
            elif dt == XSD_BOOLEAN and o.value in ("true", "false"):
                value = {"@type": dt, "@value": o.value == "true"}
            else:
                value = {"@type": dt, "@value": o.value}
        else:
            value = {"@id": _jsonld_id(o)}
        node.setdefault(q.predicate.value, []).append(value)
    data = [_sorted(n) for n in nodes.values()]
    data.sort(key=_key)
    return data


def _jsonld_id(term) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else term.value


def _sorted(node: dict) -> dict:
    return {k: (sorted(v, key=_key) if isinstance(v, list) else v) for k, v in node.items()}


def _key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
