"""SPARQL results as plain data, and their serialisations (SPARQL 1.1 JSON, XML, CSV, TSV; an aligned text table).

Shared by `kg query` and `kg serve`. Terms are pyoxigraph terms (NamedNode, BlankNode, Literal); an unbound
variable is None. Every serialiser is deterministic: same result, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import QueryError
from kg.graph.names import GRAPH_PREFIXES, NAMESPACES
from kg.graph.turtle import dipkg_turtle

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Prefixes used to shorten IRIs in the text table (and offered to every query, see kg.sparql.query.PREFIXES).
PREFIXES = {p: NAMESPACES[p] for p in GRAPH_PREFIXES}

Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class Result:
    """The outcome of one query. `kind` is "select", "ask" or "graph" (CONSTRUCT/DESCRIBE)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False  # rows (or triples) beyond the limit were cut off


def collect(raw: object, limit: int | None = None) -> Result:
    """Turn what `pyoxigraph.Store.query` returned into a `Result`, keeping at most `limit` rows or triples."""
    if isinstance(raw, ox.QueryBoolean):
        return Result("ask", boolean=bool(raw))
    if isinstance(raw, ox.QuerySolutions):
        names = [v.value for v in raw.variables]
        rows: list[tuple[Term | None, ...]] = []
        for solution in raw:  # a solution iterates over its values in the order of `names`, None when unbound
            if limit is not None and len(rows) >= limit:
                return Result("select", names, rows, truncated=True)
            rows.append(tuple(solution))
        return Result("select", names, rows)
    triples: list[ox.Triple] = []
    for triple in raw:  # QueryTriples
        if limit is not None and len(triples) >= limit:
            return Result("graph", triples=triples, truncated=True)
        triples.append(triple)
    return Result("graph", triples=triples)


# --- SELECT / ASK serialisations -------------------------------------------------------------------------------


def _json_term(t: Term) -> dict[str, str]:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != XSD_STRING:
        out["datatype"] = t.datatype.value
    return out


def to_json(r: Result) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    if r.kind == "ask":
        return json.dumps({"head": {}, "boolean": r.boolean}, ensure_ascii=False) + "\n"
    bindings = [{v: _json_term(t) for v, t in zip(r.variables, row, strict=True) if t is not None} for row in r.rows]
    doc = {"head": {"vars": r.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_safe(s: str, var: str) -> str:
    """`s` escaped for XML 1.0 text; a character XML 1.0 cannot hold at all (C0 controls but tab and line ends,
    U+FFFE, U+FFFF) is refused with a QueryError, since dropping or replacing it would change the answer."""
    bad = _NOT_XML.search(s)
    if bad:
        raise QueryError(f"?{var} holds U+{ord(bad.group()):04X}, a character SPARQL XML results (XML 1.0) cannot "
                         "carry: ask for JSON, CSV or TSV instead")
    return escape(s)


def _xml_term(t: Term, var: str = "") -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.language:
        return f"<literal xml:lang={quoteattr(t.language)}>{_xml_safe(t.value, var)}</literal>"
    if t.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(t.datatype.value)}>{_xml_safe(t.value, var)}</literal>"
    return f"<literal>{_xml_safe(t.value, var)}</literal>"


def to_xml(r: Result) -> str:
    """SPARQL Query Results XML Format."""
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in r.variables]
    out.append("</head>")
    if r.kind == "ask":
        out.append(f"<boolean>{'true' if r.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in r.rows:
            cells = [f"<binding name={quoteattr(v)}>{_xml_term(t, v)}</binding>"
                     for v, t in zip(r.variables, row, strict=True) if t is not None]
            out.append("<result>" + "".join(cells) + "</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _csv_value(t: Term | None) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value


def to_csv(r: Result) -> str:
    """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends. ASK gives one column `boolean`."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    if r.kind == "ask":
        w.writerows([["boolean"], ["true" if r.boolean else "false"]])
        return buf.getvalue()
    w.writerow(r.variables)
    w.writerows([_csv_value(t) for t in row] for row in r.rows)
    return buf.getvalue()


def tsv_term(t: Term | None) -> str:
    """A term in the SPARQL TSV (Turtle-like) form; simple literals without their xsd:string datatype."""
    if t is None:
        return ""
    if isinstance(t, ox.Literal) and not t.language and t.datatype.value == XSD_STRING:
        return str(ox.Literal(t.value))  # N-Triples escaping
    return str(t)


def to_tsv(r: Result) -> str:
    """SPARQL 1.1 Query Results TSV."""
    if r.kind == "ask":
        return "?boolean\n" + ("true" if r.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in r.variables)]
    lines += ["\t".join(tsv_term(t).replace("\t", "\\t") for t in row) for row in r.rows]
    return "\n".join(lines) + "\n"


# --- the human table ---------------------------------------------------------------------------------------------


def short(t: Term | None) -> str:
    """A compact, readable form of a term: prefixed IRIs, literal values without quotes or datatypes."""
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        for prefix, ns in PREFIXES.items():
            if t.value.startswith(ns) and len(t.value) > len(ns):
                return f"{prefix}:{t.value[len(ns):]}"
        return f"<{t.value}>"
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return " ".join(t.value.split())  # one line per row


def width(s: str) -> int:
    """Columns a string takes in a terminal: combining marks and format characters (ZWNJ) take none."""
    n = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Cf", "Mn", "Me"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def to_table(r: Result) -> str:
    """An aligned text table, one row per solution; Persian text kept intact and measured by display width."""
    if r.kind == "ask":
        return ("true" if r.boolean else "false") + "\n"
    cells = [r.variables] + [[short(t) for t in row] for row in r.rows]
    widths = [max(width(row[i]) for row in cells) for i in range(len(r.variables))]

    def line(row: list[str]) -> str:
        return " | ".join(c + " " * (w - width(c)) for c, w in zip(row, widths, strict=True)).rstrip()

    out = [line(cells[0]), "-+-".join("-" * w for w in widths)]
    out += [line(row) for row in cells[1:]]
    n = len(r.rows)
    out.append(f"({n} row{'s' if n != 1 else ''}{', truncated' if r.truncated else ''})")
    return "\n".join(out) + "\n"


SELECT_FORMATS = {"table": to_table, "csv": to_csv, "tsv": to_tsv, "json": to_json, "xml": to_xml}

GRAPH_FORMATS = {  # name -> (pyoxigraph format, media type)
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml"),
}


def graph_bytes(r: Result, fmt: str) -> bytes:
    """CONSTRUCT/DESCRIBE triples, deterministically. Turtle is written by the writer of graph.ttl and `kg export`
    (`kg.graph.turtle.dipkg_turtle`: the same prefixes, minted `id:` IRIs whole, subjects sorted), so the three
    give one style; pyoxigraph's Turtle writer orders its prefixes at random and escapes '/' in prefixed names.
    The other formats are pyoxigraph's, of the sorted triples."""
    rdf_format = GRAPH_FORMATS[fmt][0]
    if rdf_format == ox.RdfFormat.TURTLE:
        return dipkg_turtle(sorted({f"{t.subject} {t.predicate} {t.object} .\n" for t in r.triples}))
    return ox.serialize(sorted(r.triples, key=str), format=rdf_format)
