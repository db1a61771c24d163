"""Triples for an article, its text (nif:Context) and its spans (nif:Phrase / nif:Sentence), and for entities.

Used by kg.graph.rdf; every function adds to a graph and returns the IRI it made. No blank nodes anywhere. Also
what kg.graph.rdf and kg.graph.occurrences share: a term in N-Triples (`nt_term`), the default CAMEO code of each
event type (`default_cameo`) and an event's label (`event_label`).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.errors import InputError
from kg.graph import iris
from kg.graph.names import ENTITY_CLASSES
from kg.graph.vocab import CAMEO, DIP, ITSRDF, NIF, ONTOLOGY_DIR, PROV, SCHEMA, WD
from kg.model import Entity, Event, Extraction, Span
from kg.normalize import compact

CORE_TYPES = {kind: URIRef(iri) for kind, iri in ENTITY_CLASSES.items()}
# Organization subtypes of the lexicon (kg.lexicon.ORG_SUBTYPES) → the class given beside schema:Organization.
ORG_SUBTYPES = {"GovernmentOrganization": SCHEMA.GovernmentOrganization,
                "NewsMediaOrganization": SCHEMA.NewsMediaOrganization,
                "PoliticalParty": SCHEMA.PoliticalParty,
                "IntergovernmentalOrganization": DIP.IntergovernmentalOrganization,
                "Format": DIP.RegionalFormat, "Court": DIP.Court, "Parliament": DIP.Parliament}
_PERSIAN = re.compile(r"[\u0600-\u06FF]")


# Literals are immutable: the frequent ones (offsets, dates, confidences) are made once per process.
@lru_cache(maxsize=8192)
def xdate(d: date) -> Literal:
    return Literal(d.isoformat(), datatype=XSD.date)


@lru_cache(maxsize=1024)
def xdecimal(x: float) -> Literal:
    return Literal(Decimal(str(round(float(x), 3))), datatype=XSD.decimal)


@lru_cache(maxsize=65536)
def xcount(n: int) -> Literal:
    return Literal(n, datatype=XSD.nonNegativeInteger)


def span_node(g: Graph, x: Extraction, span: Span, *types: URIRef) -> URIRef:
    """A span of the article text, typed nif:RFC5147String and `types`, with offsets and its anchor text."""
    text = x.doc.text
    if not 0 <= span.start < span.end <= len(text):
        raise InputError(x.doc.source, f"span [{span.start}, {span.end}) is outside the text "
                         f"({len(text)} characters) of article {x.doc.id!r}")
    s = iris.span_iri(x.doc.id, span.start, span.end)
    g.add((s, _TYPE, _STRING))
    for t in types:
        g.add((s, _TYPE, t))
    g.add((s, _CONTEXT, _context(x.doc.id)))
    g.add((s, _BEGIN, xcount(span.start)))
    g.add((s, _END, xcount(span.end)))
    g.add((s, _ANCHOR, Literal(text[span.start:span.end])))
    return s


# Made once: span_node runs for every mention, trigger and sentence.
_TYPE, _STRING, _CONTEXT = RDF.type, NIF.RFC5147String, NIF.referenceContext
_BEGIN, _END, _ANCHOR = NIF.beginIndex, NIF.endIndex, NIF.anchorOf
_context = lru_cache(maxsize=64)(iris.context_iri)


def add_article(g: Graph, x: Extraction, publisher: Entity | None, based_on: Entity | None) -> URIRef:
    """schema:NewsArticle and its nif:Context, with the sentences as nif:Sentence spans."""
    d = x.doc
    a, c = iris.article_iri(d.id), iris.context_iri(d.id)
    g.add((a, RDF.type, SCHEMA.NewsArticle))
    if x.published:
        g.add((a, SCHEMA.datePublished, xdate(x.published)))
    g.add((a, DIP.publishedHow, Literal(x.published_how)))
    lang = x.language or d.lang
    if lang:
        g.add((a, SCHEMA.inLanguage, Literal(lang)))
    if d.url:
        g.add((a, SCHEMA.url, iris.url_iri(d.url)))
    if d.title:
        g.add((a, SCHEMA.headline, Literal(d.title, lang=lang) if lang else Literal(d.title)))
    if publisher:
        g.add((a, SCHEMA.publisher, iris.entity_iri(publisher.kind, publisher.key)))
    if based_on:
        g.add((a, SCHEMA.isBasedOn, iris.entity_iri(based_on.kind, based_on.key)))
    g.add((c, RDF.type, NIF.Context))
    g.add((c, NIF.isString, Literal(d.text)))
    g.add((c, NIF.beginIndex, xcount(0)))
    g.add((c, NIF.endIndex, xcount(len(d.text))))
    g.add((c, PROV.wasDerivedFrom, a))
    if d.url:
        g.add((c, NIF.sourceUrl, iris.url_iri(d.url)))
    for s in x.sentences:
        span_node(g, x, s, NIF.Sentence)
    return a


def add_mention(g: Graph, x: Extraction, m, entities: dict[str, Entity]) -> URIRef:
    """A mention: nif:Phrase pointing at its entity. Its text must be exactly the article's text at its span."""
    actual = x.doc.text[m.span.start:m.span.end]
    if m.text != actual:
        raise InputError(x.doc.source, f"mention [{m.span.start}, {m.span.end}) of article {x.doc.id!r} says "
                         f"{m.text!r} but the text there is {actual!r}: offsets must point into the text as read")
    s = span_node(g, x, m.span, NIF.Phrase)
    g.add((s, ITSRDF.taIdentRef, ref(x, entities, m.entity, "mention")))
    g.add((s, DIP.mentionHow, Literal(m.how)))
    return s


def ref(x: Extraction, entities: dict[str, Entity], key: str, what: str) -> URIRef:
    """The IRI of the entity `key`, which must be one of the extraction's entities."""
    e = entities.get(key)
    if e is None:
        raise InputError(x.doc.source, f"{what} in article {x.doc.id!r} refers to entity {key!r}, "
                         "which is not among its entities")
    return iris.entity_iri(e.kind, e.key)


def name_literal(name: str, lang: str = "fa") -> Literal:
    """A name tagged @fa when it is in Persian script, else @en."""
    return Literal(name, lang=lang if lang != "fa" or _PERSIAN.search(name) else "en")


def add_entity(g: Graph, e: Entity, entities: dict[str, Entity]) -> URIRef:
    """An entity with its core type, names, Wikidata id and links (to entities that are present only)."""
    if e.kind not in CORE_TYPES:
        raise InputError(e.key, f"entity kind {e.kind!r} is not one of {sorted(CORE_TYPES)}")
    n = iris.entity_iri(e.kind, e.key)
    g.add((n, RDF.type, CORE_TYPES[e.kind]))
    if e.kind == "Organization" and e.subtype in ORG_SUBTYPES:
        g.add((n, RDF.type, ORG_SUBTYPES[e.subtype]))
    g.add((n, SCHEMA.name, name_literal(e.name_fa)))
    if e.name_en:
        g.add((n, SCHEMA.name, Literal(e.name_en, lang="en")))
    for alt in sorted(e.alt_names - {e.name_fa, e.name_en}):
        g.add((n, SCHEMA.alternateName, name_literal(alt)))
    if e.qid:
        g.add((n, SCHEMA.sameAs, WD[e.qid]))

    for prop, key in entity_links(e, entities):
        g.add((n, prop, iris.entity_iri(entities[key].kind, key)))
    return n


def entity_links(e: Entity, entities: dict[str, Entity]) -> list[tuple[URIRef, str]]:
    """(property, entity key) of the links of `e` to other entities, those among `entities` only."""
    if e.kind == "Mission":
        links = [(DIP.sender, e.sender), (DIP.host, e.host), (SCHEMA.containedInPlace, e.city)]
    elif e.kind in ("City", "Region"):
        links = [(SCHEMA.containedInPlace, e.country)]
    elif e.kind == "Organization":
        links = [(DIP.country, e.country)]
    elif e.kind == "Person":
        links = [(SCHEMA.nationality, e.country)]
    else:
        links = []
    return [(p, k) for p, k in links if k and k in entities and k != e.key]


def outlet_entity(name: str | None, entities: dict[str, Entity], subtype: str,
                  known: Entity | None = None) -> Entity | None:
    """The organization named `name` (a display name from metadata): one of `entities` if a name matches, else
    `known` (what the extraction resolved it to, kg.extract.outlets: the lexicon's news organization, or one keyed
    `outlet_{name after its head}`; the article's own entity of that key if it has one), else (an extraction made
    without that step) a new Organization keyed `outlet_{compact name}` (the same key in every article)."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split())
    for e in sorted(entities.values(), key=lambda e: e.key):
        if e.kind == "Organization" and name in {e.name_fa, e.name_en, *e.alt_names}:
            return e
    if known is not None:
        return entities.get(known.key, known)
    persian = bool(_PERSIAN.search(name))
    return Entity(key=f"outlet_{compact(name)}", kind="Organization", name_fa=name,
                  name_en=None if persian else name, subtype=subtype)


@lru_cache(maxsize=1)
def default_cameo() -> dict[str, str]:
    """Event type → CAMEO code, read from `dip:defaultCameo` in ontology/dipkg.ttl."""
    g = Graph().parse(ONTOLOGY_DIR / "dipkg.ttl", format="turtle")
    ns = str(DIP._NS)
    return {str(c)[len(ns):]: str(code)[len(str(CAMEO)):] for c, code in g.subject_objects(DIP.defaultCameo)}


def nt_term(term) -> str:
    """A term in N-Triples. Our IRIs need no escaping (minted ones are percent-encoded, `kg.graph.iris`). In a
    literal, the characters other than LF and CR that `str.splitlines` takes for line ends (VT, FF, FS, GS, RS,
    NEL, U+2028, U+2029: legal as they are in N-Triples and Turtle) are escaped, as pyoxigraph writes them, so
    that every line of our N-Triples is one triple whatever splits it."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    out = _quoteLiteral(term)
    return _BREAKS.sub(_escape_break, out) if _BREAKS.search(out) else out


_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def _escape_break(m: re.Match) -> str:
    c = m.group()
    return "\\f" if c == "\x0c" else f"\\u{ord(c):04X}"


def event_label(ev: Event, ents: dict[str, Entity]) -> str:
    """A short readable label, e.g. "Visit: دارا کمانی → بستان"."""
    def names(keys: list[str]) -> str:
        return "، ".join(ents[k].name_fa for k in keys if k in ents)

    who = names(ev.source or [k for k in ev.actors if k not in ev.target])
    whom = names(ev.target) or (ents[ev.place].name_fa if ev.place in ents else "")
    label = f"{ev.type}: {who or '?'}" + (f" → {whom}" if whom else "")
    return label + (f" ({ev.modality})" if ev.modality else "")


def outlets_of(x: Extraction, entities: dict[str, Entity]) -> tuple[Entity | None, Entity | None]:
    """The publisher (`doc.outlet`, else what the extraction found from `doc.url`) and the agency quoted
    (`doc.based_on`) of the article, as `outlet_entity`."""
    publisher = outlet_entity(x.doc.outlet, entities, "NewsMediaOrganization", x.publisher)
    if publisher is None and x.publisher is not None:
        publisher = entities.get(x.publisher.key, x.publisher)
    return publisher, outlet_entity(x.doc.based_on, entities, "NewsMediaOrganization", x.based_on)
