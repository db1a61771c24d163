"""Loading a graph that follows CONTRACT.md and reading the facts the analyses need into plain records.

Everything goes through pyoxigraph (fast parser, fast SPARQL; see PERFORMANCE-NOTES.md). A graph may be given as
a graph input (`kg.graph.source`: a file of any RDF format, a store folder, a build's --out folder, standard input),
a pyoxigraph Store, or an rdflib Graph/Dataset (copied over).
Queries read the union of all named graphs, so a TriG with the analysis graph beside the data reads the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from kg.graph.names import ENTITY_CLASSES, NAMESPACES
from kg.graph.source import GraphSource, union_store

DIP = NAMESPACES["dip"]
DATA = NAMESPACES["id"]
PREFIXES = {p: NAMESPACES[p] for p in ("dip", "schema", "org", "sem", "prov", "nif", "itsrdf", "rdf", "xsd", "sh")}
SPARQL_PREFIXES = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())

# Core entity classes (CONTRACT.md): class IRI -> kind, in kg.graph.names.ENTITY_CLASSES's order.
CLASS_KINDS = {iri: kind for kind, iri in ENTITY_CLASSES.items()}


@dataclass
class Source:
    """A span an event or post was read from."""

    iri: str
    text: str  # nif:anchorOf (the sentence)
    context: str  # nif:referenceContext IRI
    article: str  # article id (local name of the article or context)
    begin: int | None
    end: int | None


@dataclass
class EntityRec:
    iri: str
    kind: str
    name_fa: str = ""
    name_en: str = ""
    names: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)  # countries it belongs to (itself for a country)
    host: str | None = None  # missions: host country

    @property
    def label(self) -> str:
        return self.name_fa or self.name_en or local_name(self.iri)


@dataclass
class EventRec:
    iri: str
    type: str
    actors: list[str]
    place: str | None = None
    earliest: date | None = None
    latest: date | None = None
    modality: str | None = None
    sources: list[Source] = field(default_factory=list)
    reports: int = 1  # articles that tell this occurrence (dip:reportCount)
    outlets: int = 1  # independent outlets among them (dip:outletCount)


@dataclass
class MembershipRec:
    iri: str
    person: str
    role: str
    country: str | None
    sources: list[Source] = field(default_factory=list)


@dataclass
class Facts:
    """What the analyses read from a graph, sorted by IRI."""

    entities: dict[str, EntityRec]
    events: list[EventRec]
    memberships: list[MembershipRec]


def local_name(iri: str) -> str:
    if iri.startswith(DATA):
        return iri[len(DATA):]
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def article_id(context: str | None, article: str | None = None) -> str:
    """A short article id for display: from the nif:Context IRI (…/id/article/X/text → X), else the article."""
    for iri in (context, article):
        if iri and iri.startswith(DATA):
            key = iri[len(DATA):].removesuffix("/text")
            return key.removeprefix("article/")
    return local_name(article or context or "")


def load_store(graph: object) -> ox.Store:
    """A pyoxigraph Store holding `graph`: a graph input (a path or `kg.graph.source.GraphSource`: a graph file, a
    store folder, a build's --out folder, standard input; its union, as a set, in the default graph), a Store, or an
    rdflib Graph/Dataset."""
    if isinstance(graph, ox.Store):
        return graph
    if isinstance(graph, str | os.PathLike | GraphSource):
        return union_store(graph)
    inner = getattr(getattr(graph, "store", None), "_inner", None)
    if isinstance(inner, ox.Store):  # an rdflib graph on oxrdflib's Oxigraph store
        return inner
    if hasattr(graph, "serialize"):
        store = ox.Store()
        fmt = "nquads" if hasattr(graph, "graphs") else "nt"
        data = graph.serialize(format=fmt, encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.N_TRIPLES)
        return store
    raise TypeError(f"cannot read a graph from {type(graph).__name__}")


def select(store: ox.Store, query: str) -> list[dict[str, object]]:
    """Rows of a SELECT query over the union of all graphs, as dicts of Python values (str, int, date)."""
    result = store.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in result.variables]
    rows = []
    for sol in result:
        rows.append({n: _py(sol[n]) for n in names})
    return rows


def _py(term: object) -> object:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt.endswith("#date"):
            try:
                return date.fromisoformat(term.value)
            except ValueError:
                return None
        if dt.endswith(("#integer", "#nonNegativeInteger", "#int", "#long")):
            return int(term.value)
        return term.value
    return term.value
