"""Extractions → RDF, following shared/contract/CONTRACT.md. Stable API used by `kg build`:

    extraction_to_graph(x: Extraction) -> rdflib.Graph          one article (Memory store, no blank nodes)
    extractions_to_graph(xs: list[Extraction]) -> rdflib.Graph  many articles; entity nodes merged by key
    article_triples(x, into) -> (sink, entities used)           an article's own triples (no entity descriptions)
    entity_triples(entities, into) -> sink                      descriptions of entities, linked among themselves
    merge_entities([entities of each article]) -> entities      one Entity per key, names merged
    TripleSet                                                   a sink whose .lines() are sorted N-Triples
    write_graph(graph, path, format="turtle") -> Path           deterministic bytes, written atomically

Raises kg.errors.InputError when an extraction is inconsistent (a mention whose text is not the text at its
offsets, a span outside the text, a reference to an entity the extraction does not have).
"""

from __future__ import annotations

from dataclasses import replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from kg.errors import InputError
from kg.graph import iris
from kg.graph.occurrences import Places, is_event_line, join, occurrence_lines, report_lines, reports_of
from kg.graph.persons import person_aliases, rename_persons
from kg.graph.rdf_text import (
    add_article,
    add_entity,
    add_mention,
    default_cameo,
    event_label,
    nt_term,
    outlets_of,
    ref,
    span_node,
    xdate,
    xdecimal,
)
from kg.graph.vocab import CAMEO, DIP, NIF, ORG, PROV, SCHEMA, SEM, bind_prefixes
from kg.graph.write import serialize, write_graph
from kg.lexicon import load
from kg.model import EVENT_TYPES, MODALITIES, PRECISIONS, ROLES, Entity, Event, Extraction, Post

__all__ = ["TripleSet", "article_triples", "corpus_lines", "default_cameo", "entity_triples", "extraction_to_graph",
           "extractions_to_graph", "merge_entities", "serialize", "write_graph"]


class TripleSet:
    """A set of rdflib triples with a Graph's `add`: what the builders write into when no Graph is needed
    (`kg build` turns them straight into N-Triples lines, several times cheaper than an rdflib Memory store)."""

    __slots__ = ("triples",)

    def __init__(self) -> None:
        self.triples: set[tuple] = set()

    def add(self, triple: tuple) -> None:
        self.triples.add(triple)

    def __len__(self) -> int:
        return len(self.triples)

    def lines(self) -> list[str]:
        """The triples as N-Triples lines (each ending in a newline), sorted."""
        made: dict = {}  # a span's IRI is the subject of seven lines: written once

        def nt(term) -> str:
            out = made.get(term)
            if out is None:
                out = made[term] = nt_term(term)
            return out

        return sorted(f"{nt(s)} {nt(p)} {nt(o)} .\n" for s, p, o in self.triples)


def article_triples(x: Extraction, into=None) -> tuple[Graph | TripleSet, dict[str, Entity]]:
    """The article's own triples (article, text, spans, mentions, posts, events), without the descriptions of the
    entities it refers to, written into `into` (default: a new Graph); and those entities by key, outlets included.
    What an article adds does not depend on the other articles, so this can run in a worker process."""
    g = into if into is not None else bind_prefixes(Graph())
    ents = dict(x.entities)
    publisher, based_on = outlets_of(x, ents)
    _ensure(ents, publisher)
    _ensure(ents, based_on)
    add_article(g, x, publisher, based_on)
    for m in x.mentions:
        add_mention(g, x, m, ents)
    seen: set[URIRef] = set()
    for p in x.posts:
        _add_post(g, x, p, ents, seen)
    for ev in x.events:
        _add_event(g, x, ev, ents, seen)
    for span, problem in x.date_problems:  # flagged for SHACL (dsh:DateProblemShape), never "corrected"
        g.add((span_node(g, x, span, NIF.Phrase), DIP.dateProblem, Literal(problem)))
    used = _used_keys(x, publisher, based_on, ents)
    return g, {k: ents[k] for k in sorted(used)}


def entity_triples(entities: dict[str, Entity], into=None) -> Graph | TripleSet:
    """The descriptions of `entities` (types, names, Wikidata id, links to the others among them)."""
    g = into if into is not None else bind_prefixes(Graph())
    for key in sorted(entities):
        add_entity(g, entities[key], entities)
    return g


def add_entity_lines(entities: dict[str, Entity], key: str, sink: TripleSet) -> list[str]:
    """The N-Triples lines of the description of `entities[key]` (links to the others among `entities`)."""
    add_entity(sink, entities[key], entities)
    return sink.lines()


def extraction_to_graph(x: Extraction, into: Graph | None = None) -> Graph:
    """The graph of one article: its own triples, its events (each an occurrence with its one report) and the
    descriptions of its entities as it found them. `into` is a graph to add to (default: a new one)."""
    return extractions_to_graph([x], into)


def extractions_to_graph(xs: list[Extraction], into: Graph | None = None) -> Graph:
    """The graph of many articles: one node per entity key, with the first article's names (articles in id order)
    and the others' names as alternates, one event node per occurrence (`kg.graph.occurrences`): what `kg build`
    writes, built here in an rdflib Graph."""
    g = into if into is not None else bind_prefixes(Graph())
    lines = corpus_lines(xs)
    if lines:
        g.parse(data="".join(lines), format="nt")
    return g


def corpus_lines(xs: list[Extraction]) -> list[str]:
    """The N-Triples lines of `extractions_to_graph(xs)`: articles in id order, occurrences, entities."""
    lines, used, reports = [], [], []
    aliases = person_aliases(xs, load().cues["surname_spelling"]) if len(xs) > 1 else {}
    for x in sorted((rename_persons(x, aliases) for x in xs), key=lambda x: x.doc.id):
        sink, ents = article_triples(x, TripleSet())
        used.append(ents)
        mine = reports_of(x, ents)
        reports += mine
        lines += [ln for ln in sink.lines() if not is_event_line(ln)] + [ln for r in mine for ln in report_lines(r)]
    merged = merge_entities(used)
    places = Places.of_entities(merged)
    lines += [ln for o in join(reports, places) for ln in occurrence_lines(o, places)]
    lines += entity_triples(merged, TripleSet()).lines()
    return lines


def merge_entities(found: list[dict[str, Entity]]) -> dict[str, Entity]:
    """Entities of all articles (each article's by key, in article order): the first one seen wins, later ones
    fill its gaps and add names."""
    out: dict[str, Entity] = {}
    for ents in found:
        for key in sorted(ents):
            e = ents[key]
            if key not in out:
                out[key] = replace(e, alt_names=set(e.alt_names))
                continue
            m = out[key]
            m.alt_names |= e.alt_names | ({e.name_fa} - {m.name_fa}) | ({e.name_en} - {m.name_en, None})
            for f in ("name_en", "qid", "subtype", "country", "sender", "host", "city"):
                if getattr(m, f) is None and getattr(e, f) is not None:
                    setattr(m, f, getattr(e, f))
    return out


def _check(x: Extraction, what: str, value: str | None, allowed: tuple) -> None:
    if value not in allowed:
        raise InputError(x.doc.source, f"{what} {value!r} in article {x.doc.id!r} is not one of "
                         f"{', '.join(a for a in allowed if a)}")


def _ensure(ents: dict[str, Entity], e: Entity | None) -> Entity | None:
    if e is not None:
        ents.setdefault(e.key, e)
    return e


def _used_keys(x: Extraction, publisher: Entity | None, based_on: Entity | None, ents: dict[str, Entity]) -> set[str]:
    """Every entity of the extraction, plus the outlets; references to unknown keys are caught by `ref`."""
    keys = set(x.entities) | {e.key for e in (publisher, based_on) if e}
    return {k for k in keys if k in ents}


def _add_post(g: Graph, x: Extraction, p: Post, ents: dict[str, Entity], seen: set[URIRef]) -> URIRef:
    """An org:Membership (and its org:Post) for who holds which office, derived from the span that says it."""
    _check(x, "post role", p.role, ROLES)
    m = iris.disambiguate(iris.membership_iri(x.doc.id, p.span.start, p.span.end, p.role), seen)
    role = DIP[p.role]
    g.add((m, RDF.type, ORG.Membership))
    g.add((m, ORG.member, ref(x, ents, p.person, "post")))
    g.add((m, ORG.role, role))
    post = iris.post_iri(p.role, p.country, p.title, p.accredited_to)
    g.add((m, DIP.post, post))
    g.add((post, RDF.type, ORG.Post))
    g.add((post, ORG.role, role))
    g.add((post, SKOS.prefLabel, Literal(p.title, lang="fa")))
    if p.country:
        country = ref(x, ents, p.country, "post")
        g.add((m, DIP.country, country))
        g.add((post, DIP.country, country))
    if p.organization:
        g.add((m, ORG.organization, ref(x, ents, p.organization, "post")))
    if p.accredited_to:
        g.add((m, DIP.accreditedTo, ref(x, ents, p.accredited_to, "post")))
    if p.attested:
        g.add((m, DIP.attestedOn, xdate(p.attested)))
    g.add((m, PROV.wasDerivedFrom, span_node(g, x, p.span, NIF.Phrase)))
    g.add((m, DIP.confidence, xdecimal(p.confidence)))
    g.add((m, DIP.byRole, Literal(p.by_role, datatype=XSD.boolean)))
    return m


def _add_event(g: Graph, x: Extraction, ev: Event, ents: dict[str, Entity], seen: set[URIRef]) -> URIRef:
    """An event: typed, its actors, place, date, modality, CAMEO code, and the spans it was read from."""
    _check(x, "event type", ev.type, EVENT_TYPES)
    _check(x, "event modality", ev.modality, (None, *MODALITIES))
    _check(x, "date precision", ev.date.precision if ev.date else None, (None, *PRECISIONS))
    n = iris.disambiguate(iris.event_iri(x.doc.id, ev.type, ev.trigger.start, ev.trigger.end), seen)
    g.add((n, RDF.type, DIP[ev.type]))
    g.add((n, RDF.type, DIP.Event))
    for key in dict.fromkeys([*ev.actors, *ev.source, *ev.target]):
        g.add((n, SEM.hasActor, ref(x, ents, key, "event")))
    for key in ev.source:
        g.add((n, DIP.source, ref(x, ents, key, "event")))
    for key in ev.target:
        g.add((n, DIP.target, ref(x, ents, key, "event")))
    if ev.place:
        g.add((n, SEM.hasPlace, ref(x, ents, ev.place, "event place")))
    if ev.date:
        _add_date(g, x, n, ev)
    if ev.modality:
        g.add((n, DIP.modality, DIP[ev.modality]))
    g.add((n, SEM.eventType, CAMEO[ev.cameo or default_cameo()[ev.type]]))
    g.add((n, PROV.wasDerivedFrom, span_node(g, x, ev.sentence, NIF.Sentence)))
    g.add((n, PROV.wasDerivedFrom, span_node(g, x, ev.trigger, NIF.Phrase)))
    for sp in ev.evidence:
        g.add((n, PROV.wasDerivedFrom, span_node(g, x, sp, NIF.Phrase)))
    g.add((n, DIP.confidence, xdecimal(ev.confidence)))
    g.add((n, RDFS.label, Literal(event_label(ev, ents))))
    return n


def _add_date(g: Graph, x: Extraction, n: URIRef, ev: Event) -> None:
    d = ev.date
    assert d is not None
    g.add((n, SEM.hasEarliestBeginTimeStamp, xdate(d.earliest)))
    g.add((n, SEM.hasLatestBeginTimeStamp, xdate(d.latest)))
    if d.precision == "Day":
        g.add((n, SCHEMA.startDate, xdate(d.earliest)))
    g.add((n, DIP.datePrecision, DIP[d.precision]))
    g.add((n, DIP.dateAsStated, Literal(d.as_stated)))
    if d.note:
        g.add((n, DIP.dateNote, Literal(d.note)))
    if d.span:
        g.add((n, DIP.dateSpan, span_node(g, x, d.span, NIF.Phrase)))
