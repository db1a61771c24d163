"""Finding entities by IRI, key or name, and the shortest evidence path between two of them.

The evidence graph links each entity to the events it takes part in (modalities that did not happen left out)
and each person to the country of its posts. A path alternates entity, link, entity; every hop carries the event
(type, date) or post and the sentence behind it. Among equally short paths the one whose nodes sort first wins.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import networkx as nx

from kg.analyze.load import DATA, Facts, Source, local_name
from kg.analyze.project import EXCLUDED_MODALITIES
from kg.errors import KgError


class UnknownEntity(KgError):
    """An entity named on the command line is not in the graph, or the name is ambiguous."""


@dataclass
class Hop:
    source: str  # entity IRI
    target: str  # entity IRI
    via: str  # event or membership IRI
    kind: str  # event type, or "member of (Role)"
    date: str  # ISO date or interval, "" when unknown
    sentences: list[Source]


def resolve(facts: Facts, name: str) -> str:
    """The IRI of the entity given as an IRI, a key (the IRI after /id/, or its last segment) or a name."""
    if name in facts.entities:
        return name
    if DATA + name in facts.entities:
        return DATA + name
    wanted = name.strip().casefold()
    hits = sorted(e.iri for e in facts.entities.values()
                  if local_name(e.iri).rsplit("/", 1)[-1].casefold() == wanted
                  or any(n.casefold() == wanted for n in e.names))
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise UnknownEntity(f"no entity called {name!r} in the graph; give an IRI, a key such as 'iran', "
                            f"or a name as written in schema:name / schema:alternateName")
    raise UnknownEntity(f"{name!r} names {len(hits)} entities: {', '.join(hits)}; give the IRI")


def evidence_graph(facts: Facts) -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(sorted(facts.entities))
    for ev in facts.events:
        if ev.modality in EXCLUDED_MODALITIES:
            continue
        g.add_node(ev.iri, link="event")
        g.add_edges_from((a, ev.iri) for a in ev.actors if a in facts.entities)
    for m in facts.memberships:
        if m.person in facts.entities and m.country in facts.entities:
            g.add_node(m.iri, link="membership")
            g.add_edges_from([(m.person, m.iri), (m.iri, m.country)])
    return g


def shortest_path(g: nx.Graph, source: str, target: str) -> list[str] | None:
    """Shortest path from source to target, choosing the smallest IRI at each step among equally short ones."""
    if source not in g or target not in g:
        return None
    dist = {target: 0}
    queue = deque([target])
    while queue and source not in dist:
        u = queue.popleft()
        for v in g[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                queue.append(v)
    if source not in dist:
        return None
    path = [source]
    while path[-1] != target:
        u = path[-1]
        path.append(min(v for v in g[u] if dist.get(v) == dist[u] - 1))
    return path


def evidence_path(facts: Facts, a: str, b: str) -> list[Hop] | None:
    """The hops from entity `a` to entity `b` (names resolved), or None when they are not connected."""
    src, dst = resolve(facts, a), resolve(facts, b)
    path = shortest_path(evidence_graph(facts), src, dst)
    if path is None:
        return None
    events = {e.iri: e for e in facts.events}
    members = {m.iri: m for m in facts.memberships}
    hops = []
    for i in range(0, len(path) - 2, 2):
        via = path[i + 1]
        if via in events:
            ev = events[via]
            day = _interval(ev.earliest, ev.latest)
            hops.append(Hop(path[i], path[i + 2], via, ev.type, day, ev.sources))
        else:
            m = members[via]
            hops.append(Hop(path[i], path[i + 2], via, f"member of ({m.role})", "", m.sources))
    return hops


def _interval(earliest: object, latest: object) -> str:
    if earliest is None:
        return ""
    if latest is None or latest == earliest:
        return earliest.isoformat()
    return f"{earliest.isoformat()}/{latest.isoformat()}"
