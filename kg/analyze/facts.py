"""Reading entities, events and posts out of a graph (SPARQL over pyoxigraph) into plain records."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from kg.analyze.load import (
    CLASS_KINDS,
    DIP,
    EntityRec,
    EventRec,
    Facts,
    MembershipRec,
    Source,
    article_id,
    local_name,
    select,
)
from kg.graph.names import EVENT_TYPES

CLASS_VALUES = " ".join(f"<{c}>" for c in CLASS_KINDS)
EVENT_VALUES = " ".join(f"dip:{t}" for t in EVENT_TYPES)
Q_ENTITIES = f"SELECT DISTINCT ?e ?cls WHERE {{ ?e a ?cls . VALUES ?cls {{ {CLASS_VALUES} }} }}"
Q_NAMES = """SELECT ?e ?p ?n (LANG(?n) AS ?lang) WHERE { ?e ?p ?n . VALUES ?p { schema:name schema:alternateName } }"""
Q_BELONGS = """SELECT ?e ?c WHERE {
  { ?e dip:country ?c } UNION { ?e schema:addressCountry ?c } UNION { ?e dip:sender ?c }
  UNION { ?e schema:nationality ?c } UNION { ?m org:member ?e ; dip:country ?c } }"""
Q_HOST = """SELECT ?e ?c WHERE { ?e a dip:DiplomaticMission ; dip:host ?c }"""
Q_EVENTS = """SELECT ?ev ?type ?earliest ?latest ?modality ?place ?reports ?outlets WHERE {
  ?ev a ?type . VALUES ?type { EVENT_VALUES }
  OPTIONAL { ?ev sem:hasEarliestBeginTimeStamp ?earliest } OPTIONAL { ?ev sem:hasLatestBeginTimeStamp ?latest }
  OPTIONAL { ?ev dip:modality ?modality } OPTIONAL { ?ev sem:hasPlace ?place }
  OPTIONAL { ?ev dip:reportCount ?reports } OPTIONAL { ?ev dip:outletCount ?outlets } }
""".replace("EVENT_VALUES", EVENT_VALUES)
Q_ACTORS = """SELECT ?ev ?a WHERE { ?ev sem:hasActor ?a }"""
Q_SOURCES = """SELECT ?x ?span ?text ?ctx ?begin ?end ?article WHERE {
  ?x prov:wasDerivedFrom ?span . ?span nif:anchorOf ?text .
  OPTIONAL { ?span nif:referenceContext ?ctx OPTIONAL { ?ctx nif:sourceUrl|prov:wasDerivedFrom ?article } }
  OPTIONAL { ?span nif:beginIndex ?begin } OPTIONAL { ?span nif:endIndex ?end } }"""
Q_MEMBERSHIPS = """SELECT ?m ?p ?role ?c WHERE { ?m a org:Membership ; org:member ?p .
  OPTIONAL { ?m org:role ?role } OPTIONAL { ?m dip:country ?c } }"""


def read_facts(store: ox.Store) -> Facts:
    """Entities, events and posts of the graph, each list sorted by IRI (deterministic downstream)."""
    entities = _entities(store)
    sources = _sources(store)
    events = _events(store, sources)
    memberships = []
    for r in sorted(select(store, Q_MEMBERSHIPS), key=lambda r: (r["m"], r["p"], str(r["c"]))):
        if memberships and memberships[-1].iri == r["m"]:
            continue  # a membership with two roles/countries: the first (sorted) is kept
        role = local_name(r["role"]) if r["role"] else "Official"
        memberships.append(MembershipRec(r["m"], r["p"], role, r["c"], sources.get(r["m"], [])))
    return Facts(entities, events, memberships)


def _entities(store: ox.Store) -> dict[str, EntityRec]:
    entities: dict[str, EntityRec] = {}
    rank = list(CLASS_KINDS)
    for r in sorted(select(store, Q_ENTITIES), key=lambda r: (r["e"], rank.index(r["cls"]))):
        if r["e"] not in entities:  # one core type per entity; on conflict the first in CLASS_KINDS wins
            entities[r["e"]] = EntityRec(r["e"], CLASS_KINDS[r["cls"]])
    for r in sorted(select(store, Q_NAMES), key=lambda r: (r["e"], r["p"], r["n"])):
        ent = entities.get(r["e"])
        if ent is None:
            continue
        ent.names.add(r["n"])
        if r["p"].endswith("name") and not r["p"].endswith("alternateName"):
            if r["lang"] == "en" and not ent.name_en:
                ent.name_en = r["n"]
            elif r["lang"] != "en" and not ent.name_fa:
                ent.name_fa = r["n"]
    for e in entities.values():
        if e.kind == "Country":
            e.countries.add(e.iri)
    for r in select(store, Q_BELONGS):
        ent = entities.get(r["e"])
        if ent is not None and ent.kind != "Country" and r["c"] in entities:
            ent.countries.add(r["c"])
    for r in sorted(select(store, Q_HOST), key=lambda r: (r["e"], r["c"])):
        if r["e"] in entities and entities[r["e"]].host is None:
            entities[r["e"]].host = r["c"]
    return dict(sorted(entities.items()))


def _sources(store: ox.Store) -> dict[str, list[Source]]:
    out: dict[str, list[Source]] = defaultdict(list)
    seen = set()
    for r in sorted(select(store, Q_SOURCES), key=lambda r: (r["x"], r["span"], str(r["article"]))):
        if (r["x"], r["span"]) in seen:
            continue
        seen.add((r["x"], r["span"]))
        ctx = r["ctx"] or ""
        article = article_id(ctx, r["article"])
        out[r["x"]].append(Source(r["span"], r["text"], ctx, article, r["begin"], r["end"]))
    for v in out.values():
        v.sort(key=lambda s: (s.article, s.begin if s.begin is not None else -1, s.iri))
    return out


def _events(store: ox.Store, sources: dict[str, list[Source]]) -> list[EventRec]:
    actors: dict[str, set[str]] = defaultdict(set)
    for r in select(store, Q_ACTORS):
        actors[r["ev"]].add(r["a"])
    events: dict[str, EventRec] = {}
    order = [DIP + t for t in EVENT_TYPES]
    for r in sorted(select(store, Q_EVENTS), key=lambda r: (r["ev"], order.index(r["type"]), str(r["earliest"]),
                                                            str(r["latest"]), str(r["modality"]), str(r["place"]))):
        if r["ev"] in events:
            continue  # several types, dates or places: the first (sorted) is kept
        events[r["ev"]] = EventRec(
            iri=r["ev"], type=local_name(r["type"]), actors=sorted(actors.get(r["ev"], ())), place=r["place"],
            earliest=r["earliest"], latest=r["latest"] or r["earliest"],
            modality=local_name(r["modality"]) if r["modality"] else None, sources=sources.get(r["ev"], []),
            reports=r["reports"] or 1, outlets=r["outlets"] or 1)
    return [events[k] for k in sorted(events)]
