"""The persistent on-disk store: Oxigraph (pyoxigraph), one named graph per article.

    https://w3id.org/dipkg/id/graph/article/{id}   the article's own triples (text, spans, events, posts)
    https://w3id.org/dipkg/id/graph/entities       shared entity descriptions (types, names, sameAs), merged
    https://w3id.org/dipkg/id/graph/ontology       the ontology, when set
    https://w3id.org/dipkg/id/graph/occurrences    event nodes joined from the articles' reports (store_occurrences)

The store's default graph holds the union of the named graphs as a set: each distinct triple once, however many
article graphs state it (Oxigraph's own union default graph would repeat it once per graph, so a non-DISTINCT query
would count copies). Queries run over that default graph, and answer as `graph.ttl` does. Replacing an article is one
SPARQL update, which Oxigraph runs as one transaction: a killed writer leaves either the old or the new article
graph (and the union matching it), never a mix. Entity descriptions are shared and only grow; removing an article
leaves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.atomic import atomic_path
from kg.errors import InputError, KgError, QueryError
from kg.graph.names import ENTITY_CLASSES
from kg.graph.source import UNION_FILL, old_layout, query_store, resolve, store_error
from kg.sparql.query import run

DATA = "https://w3id.org/dipkg/id/"
ARTICLE_GRAPH = DATA + "graph/article/"
ENTITIES_GRAPH = ox.NamedNode(DATA + "graph/entities")
ONTOLOGY_GRAPH = ox.NamedNode(DATA + "graph/ontology")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ENTITY_TYPES = frozenset(ENTITY_CLASSES.values())
DUMP_FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
_ID = re.compile(r"[A-Za-z0-9._~-]+")


def article_graph(article_id: str) -> ox.NamedNode:
    if not _ID.fullmatch(article_id):
        raise KgError(f"article id {article_id!r} cannot name a graph: use letters, digits, '.', '_', '~', '-'")
    return ox.NamedNode(ARTICLE_GRAPH + article_id)


def to_ox(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term (or a pyoxigraph one) as a pyoxigraph term."""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise KgError(f"not an RDF term: {term!r}")


def as_triples(triples: Iterable) -> list[ox.Triple]:
    """rdflib triples (a Graph or any iterable of (s, p, o)) or pyoxigraph Triples, as pyoxigraph Triples."""
    out = []
    for t in triples:
        if isinstance(t, ox.Triple):
            out.append(t)
        else:
            s, p, o = t
            out.append(ox.Triple(to_ox(s), to_ox(p), to_ox(o)))
    return out


def split_entities(triples: list[ox.Triple]) -> tuple[list[ox.Triple], list[ox.Triple]]:
    """(article triples, entity-description triples): triples about a node typed as an entity go to the latter."""
    entities = {t.subject for t in triples
                if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode)
                and t.object.value in ENTITY_TYPES and isinstance(t.subject, ox.NamedNode)}
    own = [t for t in triples if t.subject not in entities]
    shared = [t for t in triples if t.subject in entities]
    return own, shared


def _data_block(graph: ox.NamedNode | None, triples: list[ox.Triple]) -> str:
    """Triples for INSERT DATA, in `graph` (None: the default graph)."""
    body = "\n".join(f"{t.subject} {t.predicate} {t.object} ." for t in triples)
    return body if graph is None else f"GRAPH {graph} {{\n{body}\n}}"


def _drop(graph: ox.NamedNode) -> str:
    """Update operations dropping `graph` and, from the union default graph, the triples no other graph states."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {graph}) }} }} ;\n"
            f"DROP SILENT GRAPH {graph}")


class Store:
    """A dipkg store on disk. Open it with `open_store(dir)`."""

    def __init__(self, path: Path, ox_store: ox.Store, read_only: bool):
        self.path = path
        self.ox = ox_store
        self.read_only = read_only

    def replace_article(self, article_id: str, triples: Iterable, split: bool = True) -> int:
        """Atomically make the article's named graph hold exactly `triples` (entity descriptions, when `split`,
        go to the shared entities graph). Returns the number of triples in the article graph."""
        self._writable()
        graph = article_graph(article_id)
        own, shared = split_entities(as_triples(triples)) if split else (as_triples(triples), [])
        blocks = [_data_block(graph, own)] + ([_data_block(ENTITIES_GRAPH, shared)] if shared else [])
        blocks.append(_data_block(None, own + shared))
        self.ox.update(self._drop(graph, set(own) | set(shared)) + " ;\nINSERT DATA {\n" + "\n".join(blocks) + "\n}")
        return len(own)

    def _drop(self, graph: ox.NamedNode, keep: set[ox.Triple] | frozenset = frozenset()) -> str:
        """Update operations dropping `graph` and, from the union default graph, its triples that no other graph
        states (nor `keep`, about to be inserted again). Found here rather than by the update itself (several times
        faster on re-builds); the store has one writer at a time (RocksDB's lock), so nothing changes meanwhile."""
        stale = []
        for q in self.ox.quads_for_pattern(None, None, None, graph):
            t = q.triple
            if t in keep:
                continue
            if any(isinstance(o.graph_name, ox.NamedNode) and o.graph_name != graph
                   for o in self.ox.quads_for_pattern(t.subject, t.predicate, t.object)):
                continue
            if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
                return _drop(graph)  # DELETE DATA cannot name blank nodes: the update finds them itself
            stale.append(t)
        ops = [f"DELETE DATA {{\n{_data_block(None, stale)}\n}}"] if stale else []
        return " ;\n".join([*ops, f"DROP SILENT GRAPH {graph}"])

    def add_article(self, graph: Iterable, article_id: str) -> int:
        """Same as `replace_article(article_id, graph)`: re-adding an article replaces it, never duplicates."""
        return self.replace_article(article_id, graph)

    def remove_article(self, article_id: str) -> bool:
        """Drop the article's graph; False when there was none."""
        self._writable()
        graph = article_graph(article_id)
        if not self.ox.contains_named_graph(graph):
            return False
        self.ox.update(self._drop(graph))
        return True

    def set_ontology(self, triples: Iterable) -> None:
        """Replace the ontology graph (e.g. with ontology/dipkg.ttl parsed)."""
        self._writable()
        triples = as_triples(triples)
        self.ox.update(self._drop(ONTOLOGY_GRAPH, set(triples)) + " ;\nINSERT DATA {\n"
                       + _data_block(ONTOLOGY_GRAPH, triples) + "\n" + _data_block(None, triples) + "\n}")

    def articles(self) -> list[str]:
        """Ids of the articles in the store, sorted."""
        return sorted(g.value[len(ARTICLE_GRAPH):] for g in self.ox.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(ARTICLE_GRAPH))

    def article_triples(self, article_id: str) -> set[ox.Triple]:
        graph = article_graph(article_id)
        return {q.triple for q in self.ox.quads_for_pattern(None, None, None, graph)}

    def dump(self, path: str | Path, format: str = "trig") -> Path:
        """Write every named graph (TriG or N-Quads), atomically; the union default graph is not written."""
        if format not in DUMP_FORMATS:
            raise KgError(f"unknown dump format {format!r}: use one of {', '.join(DUMP_FORMATS)}")
        path = Path(path)
        with atomic_path(path) as tmp:
            ox.serialize((q for q in self.ox.quads_for_pattern(None, None, None)
                          if not isinstance(q.graph_name, ox.DefaultGraph)), output=str(tmp),
                         format=DUMP_FORMATS[format])
        return path

    def query(self, sparql: str, limit: int | None = None):
        """Run a SPARQL query over the union of all graphs, as a set (a `kg.sparql.results.Result`)."""
        return run(self.ox, sparql, limit)

    def flush(self) -> None:
        if not self.read_only:
            self.ox.flush()

    def _writable(self) -> None:
        if self.read_only:
            raise QueryError(f"{self.path}: the store is open read-only")


def open_store(directory: str | Path, read_only: bool = False) -> Store:
    """Open (or create, unless `read_only`) the store in `directory`."""
    path = Path(directory)
    if path.exists() and not path.is_dir():
        raise InputError(str(path), "is a file, not a store directory: give a folder (created if missing)")
    try:
        if read_only:
            if not path.is_dir():
                raise InputError(str(path), "no such store directory")
            store = ox.Store.read_only(str(path))
            if old_layout(store):
                raise InputError(str(path), "this store was written by an older dipkg (its default graph does not "
                                 "hold the union of its graphs): run `kg build … --store` on it once to update it")
            return Store(path, store, True)
        path.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path))
        if old_layout(store):
            store.update(UNION_FILL)
        return Store(path, store, False)
    except OSError as exc:
        raise InputError(str(path), f"cannot open the store: {store_error(exc)}") from exc


def open_graph(path: str | Path, union: bool = True, input_format: str | None = None) -> ox.Store:
    """A queryable store for any graph input (`kg.graph.source.resolve`: a graph file, loaded into memory; a store
    folder, opened read-only; a build's --out folder; - for standard input).

    Queries (`run`) read the default graph, which is, with `union`, the set union of every graph: a file's named
    graphs are merged into its default graph here, a store keeps its union there (`kg.sparql.store`). Without
    `union`, a file's graphs are as written (what `kg push` sends)."""
    return query_store(resolve(path, input_format), union)
