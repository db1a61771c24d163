"""SHACL validation of dipkg graphs (ontology/shapes.ttl; dipkg.ttl + cameo.ttl as ontology graph).

    validate(data: Graph, shapes=None, engine="pyshacl") -> ValidationResult
    validate_nt(nt: str, engine="pyshacl") -> list[Result]       an N-Triples batch (what `kg build` runs)
    validate_extractions(xs: list[Extraction]) -> ValidationResult     article by article, reports merged

Two engines: pySHACL, the validator of record and the default, and pyshacl-turbo (a Rust engine, optional:
`--validator turbo`), offered only because tests/test_validator_engines.py shows it reports exactly what pySHACL
reports on the project's shapes, for the good and every broken graph of tests/shapes/ and for built corpora.

No inference (the builder states every type the shapes target). Warnings (sh:Warning) do not make a graph
non-conforming. Each result is readable: severity, shape, focus node, path, message, and the sentence behind the
focus node (followed through prov:wasDerivedFrom to a span's nif:anchorOf) so a user can check it against the text.
The results graph has no blank nodes, so it serialises deterministically.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, field
from functools import lru_cache
from typing import ClassVar

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef, plugin
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor
from rdflib.query import Processor

from kg.model import Extraction
from kg.vocab import DATA, NIF, ONTOLOGY_DIR, ONTOLOGY_FILES, PROV, SH, SHAPES_FILE, bind_prefixes

REPORT = DATA["validation/report"]
ENGINES = ("pyshacl", "turbo")


class CachingSPARQLProcessor(SPARQLProcessor):
    """rdflib's SPARQL processor, parsing each query text once per process instead of once per call.

    pySHACL runs a SPARQL-based constraint once per focus node with the same query text; rdflib parses it anew
    each time (about 35 ms here, more than evaluating it on one article). A translated query is reusable with
    other initial bindings (that is what rdflib's `prepareQuery` is for), so caching it changes no result."""

    _cache: ClassVar[dict[tuple, object]] = {}

    def query(self, strOrQuery, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(strOrQuery, str):
            key = (strOrQuery, base, tuple(sorted((initNs or {}).items())))
            if key not in self._cache:
                if len(self._cache) > 256:
                    self._cache.clear()
                self._cache[key] = translateQuery(parseQuery(strOrQuery), base, initNs)
            strOrQuery = self._cache[key]
        return super().query(strOrQuery, initBindings, initNs, base, DEBUG)


plugin.register("sparql", Processor, "kg.validate", "CachingSPARQLProcessor")


@dataclass(frozen=True)
class Result:
    """One SHACL result, in words."""

    focus: str
    shape: str  # local name of the named shape, e.g. "EventShape"
    path: str | None
    severity: str  # Violation | Warning | Info
    message: str
    value: str | None = None
    text: str | None = None  # the sentence or phrase behind the focus node
    component: str | None = None

    def sort_key(self) -> tuple[str, ...]:
        return tuple("" if v is None else v for v in astuple(self))

    def describe(self) -> str:
        where = f" {self.path}" if self.path else ""
        said = f' — text: "{self.text}"' if self.text else ""
        value = f" (value {self.value})" if self.value is not None else ""
        return f"{self.shape}: {self.focus}{where}: {self.message}{value}{said}"

    def as_dict(self) -> dict[str, str | None]:
        return {"severity": self.severity, "shape": self.shape, "focus": self.focus, "path": self.path,
                "message": self.message, "value": self.value, "text": self.text}


@dataclass
class ValidationResult:
    conforms: bool
    results: list[Result] = field(default_factory=list)

    @property
    def results_graph(self) -> Graph:
        return results_graph(self.conforms, self.results)

    @property
    def violations(self) -> list[Result]:
        return [r for r in self.results if r.severity == "Violation"]

    def shapes(self, severity: str | None = None) -> set[str]:
        """Names of the shapes with results (of `severity`, or of any)."""
        return {r.shape for r in self.results if severity in (None, r.severity)}


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    g = Graph()
    for name in ONTOLOGY_FILES:
        g.parse(ONTOLOGY_DIR / name, format="turtle")
    return g


def validate(data: Graph, shapes: Graph | None = None, engine: str = "pyshacl") -> ValidationResult:
    """Validate `data` (an rdflib Memory graph) against the shapes, with the ontology beside it."""
    mixed = Graph()  # data + ontology (CAMEO concepts for sh:class); pyshacl mixes ont_graph only with inference
    mixed += data
    mixed += load_ontology()
    results = sorted(set(_run(mixed, shapes, engine, data)), key=Result.sort_key)
    return ValidationResult(conforms=not any(r.severity == "Violation" for r in results), results=results)


def validate_nt(nt: str, engine: str = "pyshacl") -> list[Result]:
    """The results for an N-Triples document (a batch of articles with the entities they refer to), with the
    ontology beside it. pySHACL reads it into an rdflib graph; turbo into a pyoxigraph Store (which writes
    xsd:integer for xsd:nonNegativeInteger: the shapes accept both)."""
    if engine == "turbo":
        import pyoxigraph as ox

        store = ox.Store()
        store.load((nt + ontology_nt()).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        report = compiled_shapes().validate(store, **{**_TURBO_OPTIONS, "inplace": False})[1]
        return sorted(set(_read_results(report, load_shapes(), OxView(store))), key=Result.sort_key)
    mixed = Graph().parse(data=nt, format="nt")
    mixed += load_ontology()
    return sorted(set(_run(mixed, None, engine, mixed)), key=Result.sort_key)


_TURBO_OPTIONS = {"inference": "none", "allow_warnings": True, "inplace": True, "abort_on_first": False}


def _run(mixed: Graph, shapes: Graph | None, engine: str, data) -> list[Result]:
    shapes = shapes if shapes is not None else load_shapes()
    if engine == "pyshacl":
        _conforms, report, _text = shacl_validate(
            mixed, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True,
            abort_on_first=False, advanced=False, meta_shacl=False, debug=False)
    elif engine == "turbo":
        engine_shapes = compiled_shapes() if shapes is load_shapes() else compiled_shapes_of(shapes)
        report = engine_shapes.validate(mixed, **_TURBO_OPTIONS)[1]
    else:
        raise ValueError(f"unknown validator {engine!r}: use one of {', '.join(ENGINES)}")
    return list(_read_results(report, shapes, data))


@lru_cache(maxsize=1)
def compiled_shapes():
    return compiled_shapes_of(load_shapes())


def compiled_shapes_of(shapes: Graph):
    """The shapes compiled by pyshacl-turbo (an optional dependency: `pip install pyshacl-turbo`)."""
    try:
        import pyshacl_turbo
    except ImportError:
        from kg.errors import KgError

        raise KgError("the turbo validator needs the optional package pyshacl-turbo "
                      "(pip install 'dipkg[turbo]'); pyshacl, the default, needs nothing more") from None
    return pyshacl_turbo.compile_shapes(shapes)


@lru_cache(maxsize=1)
def ontology_nt() -> str:
    """The ontology (dipkg.ttl + cameo.ttl) as N-Triples text."""
    from kg.rdf import TripleSet

    sink = TripleSet()
    for t in load_ontology():
        sink.add(t)
    return "".join(sink.lines())


def validate_extractions(xs: list[Extraction], engine: str = "pyshacl") -> ValidationResult:
    """Validate each extraction's own graph, then merge the results."""
    from kg.rdf import extraction_to_graph

    results: set[Result] = set()
    for x in xs:
        results.update(validate(extraction_to_graph(x), engine=engine).results)
    out = sorted(results, key=Result.sort_key)
    return ValidationResult(conforms=not any(r.severity == "Violation" for r in out), results=out)


class OxView:
    """The three lookups `text_behind` needs, answered from a pyoxigraph Store (rdflib terms in and out)."""

    def __init__(self, store) -> None:
        import pyoxigraph as ox

        self.store, self.ox = store, ox

    def _node(self, term):
        return self.ox.NamedNode(str(term))

    def objects(self, s, p):
        for q in self.store.quads_for_pattern(self._node(s), self._node(p), None):
            o = q.object
            yield URIRef(o.value) if isinstance(o, self.ox.NamedNode) else Literal(o.value)

    def value(self, s, p):
        return next(iter(self.objects(s, p)), None)

    def __contains__(self, triple) -> bool:
        s, p, o = triple
        return next(iter(self.store.quads_for_pattern(self._node(s), self._node(p), self._node(o))), None) is not None


def _read_results(report: Graph, shapes: Graph, data: Graph):
    for res in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(res, SH.focusNode)
        path = report.value(res, SH.resultPath)
        value = report.value(res, SH.value)
        severity = report.value(res, SH.resultSeverity)
        component = report.value(res, SH.sourceConstraintComponent)
        yield Result(
            focus=_show(focus), shape=shape_name(report.value(res, SH.sourceShape), shapes),
            path=_show(path) if isinstance(path, URIRef) else None,
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            message=str(report.value(res, SH.resultMessage) or "does not conform"),
            value=_show(value) if value is not None and not isinstance(value, BNode) else None,
            text=_text(data, focus, value),
            component=str(component).rsplit("#", 1)[-1] if component else None)


def _text(data: Graph, focus, value) -> str | None:
    """The text behind the focus node, else behind the value (a span or an event found by a SPARQL check)."""
    for node in (focus, value):
        if isinstance(node, URIRef) and (node, RDF.type, NIF.Context) not in data:
            text = text_behind(data, node)
            if text is not None:
                return text
    return None


def _show(node) -> str:
    """A node as text: an IRI bare, a literal in N-Triples form (a simple literal and an xsd:string literal are
    the same literal in RDF 1.1 and are written alike, whichever parser made them)."""
    if not isinstance(node, Literal):
        return str(node)
    if node.datatype == XSD_STRING:
        return Literal(str(node)).n3()
    return node.n3()


XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


def shape_name(shape, shapes: Graph) -> str:
    """The local name of the named shape a result comes from: the shape itself, or the named shape that holds
    the anonymous shape (through sh:property, sh:or, sh:xone, RDF lists, …)."""
    if isinstance(shape, BNode):
        shape = _owners(shapes).get(shape)
    return str(shape).rsplit("#", 1)[-1] if shape is not None else "?"


_OWNERS: dict[int, dict[BNode, URIRef]] = {}


def _owners(shapes: Graph) -> dict[BNode, URIRef]:
    """Every blank node of the shapes graph → the named node that holds it (computed once per shapes graph)."""
    key = id(shapes)
    if key not in _OWNERS:
        owners: dict[BNode, URIRef] = {}
        for named in sorted({s for s in shapes.subjects() if isinstance(s, URIRef)}, key=str):
            todo = [o for o in shapes.objects(named) if isinstance(o, BNode)]
            while todo:
                b = todo.pop()
                if b not in owners:
                    owners[b] = named
                    todo.extend(o for o in shapes.objects(b) if isinstance(o, BNode))
        _OWNERS[key] = owners
    return _OWNERS[key]


def text_behind(data: Graph, node: URIRef) -> str | None:
    """The sentence (else phrase) a node was read from, or the node's own anchor text when it is a span."""
    own = data.value(node, NIF.anchorOf)
    if own is not None:
        return str(own)
    spans = sorted(data.objects(node, PROV.wasDerivedFrom), key=str)
    for want in (NIF.Sentence, NIF.Phrase):
        for s in spans:
            if (s, RDF.type, want) in data and data.value(s, NIF.anchorOf) is not None:
                return str(data.value(s, NIF.anchorOf))
    return None


def results_graph(conforms: bool, results: list[Result]) -> Graph:
    """The results as a SHACL validation report with minted IRIs (id/validation/report#rN), in a stable order."""
    from kg.vocab import DSH

    g = bind_prefixes(Graph())
    g.bind("sh", SH)
    g.bind("dsh", DSH)
    g.add((REPORT, RDF.type, SH.ValidationReport))
    g.add((REPORT, SH.conforms, Literal(conforms)))
    for n, r in enumerate(sorted(results, key=Result.sort_key), 1):
        node = URIRef(f"{REPORT}#r{n}")
        g.add((REPORT, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.focusNode, URIRef(r.focus)))
        g.add((node, SH.sourceShape, DSH[r.shape]))
        g.add((node, SH.resultSeverity, SH[r.severity]))
        g.add((node, SH.resultMessage, Literal(r.message)))
        if r.path:
            g.add((node, SH.resultPath, URIRef(r.path)))
        if r.component:
            g.add((node, SH.sourceConstraintComponent, SH[r.component]))
        if r.value is not None:
            g.add((node, SH.value, Literal(r.value)))
        if r.text:
            g.add((node, RDFS.comment, Literal(r.text)))
    return g
