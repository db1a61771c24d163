"""The numbers of the report, read from a graph with SPARQL over pyoxigraph, plus the analysis results."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pyoxigraph as ox

from kg.analyze import Analysis
from kg.analyze.load import CLASS_KINDS, DIP, load_store, local_name, select
from kg.analyze.project import EXCLUDED_MODALITIES, kind_of
from kg.graph.names import EVENT_TYPES
from kg.graph.source import GraphSource, resolve

EVENT_VALUES = " ".join(f"dip:{t}" for t in EVENT_TYPES)
Q_TRIPLES = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
Q_SUBJECTS = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
Q_OBJECTS = "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"
Q_TYPED = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }"
Q_CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"
Q_PROPERTIES = """SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } } GROUP BY ?p"""
Q_ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a schema:NewsArticle }"
# MIN/MAX over an OPTIONAL date are unbound as soon as one article has none: the dated articles apart
Q_DATED = """SELECT (COUNT(DISTINCT ?a) AS ?n) (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {
  ?a a schema:NewsArticle ; schema:datePublished ?d }"""
Q_MEMBERSHIP_COUNT = "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a org:Membership }"
# Outlets known only from an article's metadata (schema:publisher, schema:isBasedOn), never from its text: the
# build does not count them among an article's entities (kg.build.summary), so the report counts them apart
Q_PUBLISHERS_ONLY = """SELECT DISTINCT ?e WHERE { ?a schema:publisher|schema:isBasedOn ?e .
  FILTER NOT EXISTS { ?x ?p ?e FILTER(?p != schema:publisher && ?p != schema:isBasedOn) } }"""
Q_COVER = {
    "events": "SELECT (COUNT(DISTINCT ?x) AS ?n) (COUNT(DISTINCT ?y) AS ?k) WHERE { ?x a ?t . VALUES ?t { "
              + EVENT_VALUES + " } OPTIONAL { ?x prov:wasDerivedFrom ?src BIND(?x AS ?y) } }",
    "memberships": "SELECT (COUNT(DISTINCT ?x) AS ?n) (COUNT(DISTINCT ?y) AS ?k) WHERE { ?x a org:Membership "
                   "OPTIONAL { ?x prov:wasDerivedFrom ?src BIND(?x AS ?y) } }",
    "mentions": "SELECT (COUNT(DISTINCT ?x) AS ?n) (COUNT(DISTINCT ?y) AS ?k) WHERE { ?x a nif:Phrase OPTIONAL { "
                "?x nif:referenceContext ?c ; nif:beginIndex ?b ; nif:endIndex ?e BIND(?x AS ?y) } }",
}
Q_SHACL = """SELECT ?r ?sev ?shape WHERE { ?rep a sh:ValidationReport ; sh:result ?r .
  OPTIONAL { ?r sh:resultSeverity ?sev } OPTIONAL { ?r sh:sourceShape ?shape } }"""
Q_CONFORMS = "SELECT ?c WHERE { ?rep a sh:ValidationReport ; sh:conforms ?c }"
TOP = 10


def _one(store: ox.Store, q: str) -> dict[str, object]:
    return select(store, q)[0]


def graph_stats(store: ox.Store) -> dict[str, object]:
    """Triples, classes, properties, articles and provenance coverage of the graph."""
    classes = {r["c"]: r["n"] for r in select(store, Q_CLASSES)}
    arts, dated = _one(store, Q_ARTICLES), _one(store, Q_DATED)
    cover = {}
    for name, q in Q_COVER.items():
        r = _one(store, q)
        cover[name] = {"total": r["n"], "with_source": r["k"], "share": round(r["k"] / r["n"], 4) if r["n"] else None}
    return {
        "triples": _one(store, Q_TRIPLES)["n"],
        "distinct_subjects": _one(store, Q_SUBJECTS)["n"],
        "distinct_objects": _one(store, Q_OBJECTS)["n"],
        "typed_resources": _one(store, Q_TYPED)["n"],
        "classes": dict(sorted(classes.items())),
        "properties": dict(sorted((r["p"], r["n"]) for r in select(store, Q_PROPERTIES))),
        "articles": {"count": arts["n"], "dated": dated["n"], "first": _iso(dated["first"]),
                     "last": _iso(dated["last"])},
        "memberships": _one(store, Q_MEMBERSHIP_COUNT)["n"],
        "publishers_only": sorted(r["e"] for r in select(store, Q_PUBLISHERS_ONLY)),
        "provenance": cover,
    }


def _iso(d: object) -> str | None:
    return d.isoformat() if hasattr(d, "isoformat") else None


def shacl_stats(validation: object | None) -> dict[str, object] | None:
    """SHACL results by severity and by shape, or None when there is no validation report."""
    if validation is None:
        return None
    store = load_store(validation)
    conforms = [r["c"] for r in select(store, Q_CONFORMS)]
    rows = select(store, Q_SHACL)
    return {
        "conforms": all(c in ("true", "1", True) for c in conforms) if conforms else None,
        "results": len({r["r"] for r in rows}),
        "by_severity": dict(sorted(Counter(local_name(r["sev"] or "unknown") for r in rows).items())),
        "by_shape": dict(sorted(Counter(local_name(r["shape"] or "unknown") for r in rows).items())),
    }


def find_validation(graph: object, validation: object | None) -> object | None:
    if validation is not None:
        return validation
    if isinstance(graph, str | Path | GraphSource):
        folder = resolve(graph).folder  # a build's graph.ttl, or its store beside it; none for standard input
        if folder is not None and (folder / "validation.ttl").is_file():
            return folder / "validation.ttl"
    return None


def months(first: date, last: date) -> list[str]:
    """Every month from first to last, "YYYY-MM", the empty ones too."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def counts(graph: dict, analysis: dict) -> dict[str, int]:
    """The five numbers of the build's summary (kg.build.summary: summary.json), under the same names."""
    return {"articles": graph["articles"]["count"], "entities": analysis["entities"]["total"],
            "posts": graph["memberships"], "events": analysis["events"]["total"],
            "event_reports": analysis["events"]["reports"]}


def analysis_stats(result: Analysis, publishers_only: frozenset[str] = frozenset()) -> dict[str, object]:
    """Entities by kind (outlets known only as publishers apart), events by type and month, top actors, pairs."""
    facts = result.facts
    entities = [e for e in facts.entities.values() if e.iri not in publishers_only]
    label = {iri: e.label for iri, e in facts.entities.items()}
    events = facts.events
    dated = sorted(e.earliest for e in events if e.earliest)
    top = {}
    for name, m in sorted(result.metrics.items()):
        top[name] = {measure: [{"iri": n, "label": label.get(n, n), "value": v} for n, v in m.top(measure, TOP)]
                     for measure in ("weighted_degree", "betweenness", "pagerank")}
    pairs = [{"a": p.a, "b": p.b, "a_label": label.get(p.a), "b_label": label.get(p.b), **p.counts()}
             for p in result.pairs]
    return {
        "entities": {"total": len(entities), "by_kind": dict(sorted(Counter(e.kind for e in entities).items())),
                     "publishers_only": len(facts.entities) - len(entities),
                     "publishers_only_iris": sorted(publishers_only & set(facts.entities))},
        "events": {
            "total": len(events),
            "reports": sum(e.reports for e in events),  # one per article telling an event: more when joined
            "corroborated": sum(e.outlets >= 2 for e in events),  # told by two or more independent outlets
            "by_type": dict(sorted(Counter(e.type for e in events).items())),
            "by_kind": dict(sorted(Counter(kind_of(e.type) for e in events).items())),
            "by_modality": dict(sorted(Counter(e.modality or "none" for e in events).items())),
            "excluded_from_networks": sum(e.modality in EXCLUDED_MODALITIES for e in events),
            "per_month": _per_month(dated),
            "first": dated[0].isoformat() if dated else None, "last": dated[-1].isoformat() if dated else None,
            "undated": len(events) - len(dated),
        },
        "top_actors": top,
        "country_pairs": {
            "by_cooperation": sorted(pairs, key=lambda p: (-p["cooperative"], p["a"], p["b"]))[:TOP],
            "by_conflict": sorted((p for p in pairs if p["conflictual"]),
                                  key=lambda p: (-p["conflictual"], p["a"], p["b"]))[:TOP],
        },
        "embassies": [{"a": tl.a, "b": tl.b, "a_label": label.get(tl.a), "b_label": label.get(tl.b), "missions": [
            {"iri": m, "label": label.get(m, local_name(m)), "states": [
                {"state": s.state, "start": _iso(s.start), "end": _iso(s.end)} for s in states]}
            for m, states in sorted(tl.embassies.items())]} for tl in result.pairs if tl.embassies],
        "communities": {name: [[label.get(n, n) for n in c] for c in m.communities]
                        for name, m in sorted(result.metrics.items())},
    }


def _per_month(dated: list[date]) -> dict[str, int]:
    n = Counter(d.strftime("%Y-%m") for d in dated)
    return {m: n.get(m, 0) for m in months(dated[0], dated[-1])} if dated else {}


ENTITY_CLASS_NAMES = CLASS_KINDS
EVENT_CLASS_IRIS = [DIP + t for t in EVENT_TYPES]
