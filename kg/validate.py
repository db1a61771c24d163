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
from pathlib import Path
from typing import ClassVar

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.processor import SPARQLProcessor

from kg.errors import KgError
from kg.graph.export import flatten, load_graph, read_lines
from kg.graph.rdf import TripleSet, extraction_to_graph
from kg.graph.source import GraphSource, resolve
from kg.graph.vocab import DATA, DSH, NIF, ONTOLOGY_DIR, ONTOLOGY_FILES, PROV, SH, SHAPES_FILE, bind_prefixes
from kg.graph.write import merged
from kg.model import Extraction

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


class CachingGraph(Graph):
    """A Graph whose SPARQL queries go through `CachingSPARQLProcessor`: the graphs dipkg hands to pySHACL. The
    cache is ours alone; rdflib's global "sparql" processor (every other Graph's) is left as it is."""

    def query(self, query_object, processor="sparql", *args, **kwargs):
        if processor == "sparql":
            processor = CachingSPARQLProcessor(self)
        return super().query(query_object, processor, *args, **kwargs)


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
    results: list[Result] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        """No violation (warnings do not count)."""
        return not self.violations

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
    """Validate `data` (an rdflib Memory graph) against the shapes, with the ontology beside it.

    pySHACL (through rdflib's SPARQL and comparisons) fails on some ill-typed literals ("abc"^^xsd:integer in a
    sh:lessThan or a SPARQL constraint) and misses the sh:lessThan results of others: with pySHACL, each
    ill-typed literal is one more violation (shape IllTypedLiteral), and when pySHACL fails those are the results
    (the other shapes are then not checked) instead of a traceback. turbo follows the SHACL specification (an
    ill-typed value fails sh:datatype and every comparison). Any other failure of an engine is a KgError."""
    mixed = CachingGraph()  # data + ontology (CAMEO concepts for sh:class); pyshacl mixes ont_graph only with inference
    mixed += data
    mixed += load_ontology()
    ill = ill_typed(data) if engine == "pyshacl" else []
    try:
        results = sorted(set(_run(mixed, shapes, engine, data)) | set(ill), key=Result.sort_key)
    except (ArithmeticError, TypeError, ValueError, RecursionError) as exc:
        if not ill:
                raise KgError(f"the {engine} validator failed on this graph ({type(exc).__name__}: "
                          f"{str(exc)[:200]})") from None
        results = ill
    return ValidationResult(results)


ILL_TYPED = "IllTypedLiteral"


def ill_typed(data: Graph) -> list[Result]:
    """A violation for each literal of `data` whose lexical form is not valid for its XSD datatype, naming its
    subject, property and the sentence behind the subject."""
    import logging
    import warnings

    out = set()
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for s, p, o in data:
                if isinstance(o, Literal) and o.datatype is not None and o.ill_typed:
                    out.add(Result(
                        focus=_show(s), shape=ILL_TYPED, path=_show(p), severity="Violation",
                        message=f"ill-typed literal: {str(o)!r} is not a valid {str(o.datatype).rsplit('#', 1)[-1]}; "
                        "pySHACL cannot check every shape on a graph that holds one (fix the literal, or validate "
                        "with --validator turbo, which does)",
                        value=_show(o), text=_text(data, s, None), component="DatatypeConstraintComponent"))
    finally:
        logger.setLevel(level)
    return sorted(out, key=Result.sort_key)


def validate_file(path: str | Path | GraphSource, engine: str = "pyshacl") -> ValidationResult:
    """Validate a graph input (`kg.graph.source.resolve`: a file, a store folder, a build's --out folder, standard
    input), every named graph merged. With turbo it is read by pyoxigraph and handed to the engine as N-Triples,
    never as an rdflib graph: minutes and gigabytes less on a million triples."""
    src = resolve(path)
    if engine == "turbo":
        return ValidationResult(validate_nt("".join(merged(read_lines(src, blank_nodes=True))), "turbo"))
    return validate(flatten(load_graph(src)), engine=engine)


def validate_nt(nt: str, engine: str = "pyshacl", refs: set[str] | None = None) -> list[Result]:
    """The results for an N-Triples document (a batch of articles with the entities they refer to), with the
    ontology beside it: all of it, or (`refs`: the ontology IRIs the document uses) the descriptions of those
    terms and of what they lead to, which is all any shape reads of the ontology (tests/test_validator_engines.py
    compares both). pySHACL reads the document into an rdflib graph; turbo parses it natively."""
    ontology = ontology_nt() if refs is None else ontology_part(refs)
    if engine == "turbo":
        report = compiled_shapes().validate(_turbo_input(nt + ontology), **{**_TURBO_OPTIONS, "inplace": False})[1]
        return sorted(set(_read_results(report, load_shapes(), NtView(nt))), key=Result.sort_key)
    mixed = CachingGraph().parse(data=nt + ontology, format="nt")
    return sorted(set(_run(mixed, None, engine, mixed)), key=Result.sort_key)


def _turbo_input(nt: str):
    """N-Triples text for pyshacl-turbo's native parser (its `Input` record: the text, as it is, not through
    rdflib); a pyoxigraph Store holding it if that record is not there (another version of the package)."""
    try:
        from pyshacl_turbo.rdf import Input

        return Input(nt, "nt", None, {})
    except (ImportError, TypeError):
        import pyoxigraph as ox

        store = ox.Store()
        store.load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        return store


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
        raise KgError("the turbo validator needs the optional package pyshacl-turbo "
                      "(pip install 'dipkg[turbo]'); pyshacl, the default, needs nothing more") from None
    return pyshacl_turbo.compile_shapes(shapes)


@lru_cache(maxsize=1)
def ontology_nt() -> str:
    """The ontology (dipkg.ttl + cameo.ttl) as N-Triples text."""
    return "".join(line for lines in ontology_lines().values() for line in lines)


@lru_cache(maxsize=1)
def ontology_lines() -> dict[str, list[str]]:
    """The ontology's N-Triples lines by subject IRI, subjects in order."""
    out: dict[str, list[str]] = {}
    for s in sorted({s for s in load_ontology().subjects()}, key=str):
        sink = TripleSet()
        for p, o in load_ontology().predicate_objects(s):
            sink.add((s, p, o))
        out[str(s)] = sink.lines()
    return out


def ontology_refs(objects) -> frozenset[str]:
    """Which of `objects` (terms a graph uses) the ontology describes."""
    known = ontology_lines()
    return frozenset(str(o) for o in objects if isinstance(o, URIRef) and str(o) in known)


def ontology_part(refs: set[str]) -> str:
    """The ontology lines about `refs` and about every term those lines lead to (classes, schemes, …)."""
    known = ontology_lines()
    seen, todo = set(refs), list(refs)
    while todo:
        for line in known.get(todo.pop(), ()):
            o = line.rsplit(" ", 2)[-2]
            if o.startswith("<") and (iri := o[1:-1]) in known and iri not in seen:
                seen.add(iri)
                todo.append(iri)
    return "".join(line for iri in sorted(seen) for line in known.get(iri, ()))


def validate_extractions(xs: list[Extraction], engine: str = "pyshacl") -> ValidationResult:
    """Validate each extraction's own graph, then merge the results."""
    results: set[Result] = set()
    for x in xs:
        results.update(validate(extraction_to_graph(x), engine=engine).results)
    out = sorted(results, key=Result.sort_key)
    return ValidationResult(out)


class NtView:
    """The same lookups over N-Triples text: only the lines `text_behind` reads (anchors, derivations, types)
    are parsed, on first use (a batch without results needs none)."""

    _WANTED = tuple(f" <{p}> " for p in (NIF.anchorOf, PROV.wasDerivedFrom, RDF.type))

    def __init__(self, nt: str) -> None:
        self.nt, self._index = nt, None

    def _objects(self, s, p) -> list:
        if self._index is None:
            import pyoxigraph as ox

            keep = "".join(ln for ln in self.nt.splitlines(keepends=True) if any(w in ln for w in self._WANTED))
            self._index = {}
            for q in ox.parse(keep, format=ox.RdfFormat.N_TRIPLES):
                o = q.object
                self._index.setdefault((q.subject.value, q.predicate.value), []).append(
                    URIRef(o.value) if isinstance(o, ox.NamedNode) else Literal(o.value))
        return self._index.get((str(s), str(p)), [])

    def objects(self, s, p):
        return iter(self._objects(s, p))

    def value(self, s, p):
        found = self._objects(s, p)
        return found[0] if found else None

    def __contains__(self, triple) -> bool:
        s, p, o = triple
        return o in self._objects(s, p)


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
