"""Occurrences in the persistent store: new reports joined to the occurrences already there (`kg build --store`).

    https://w3id.org/dipkg/id/graph/occurrences   every occurrence node and the links of its reports to it

An article's named graph holds its reports (what it says); the occurrences graph holds the event nodes joined from
them. `ingest` reads the reports the store has of the event types the new articles report (those of articles being
replaced left out), seeds a `kg.graph.occurrences.Joiner` with the occurrences they form, joins the new reports in,
and rewrites only the occurrences that gained or lost a report (one SPARQL update: a killed writer leaves the old
or the new state). Existing occurrences are never split; an occurrence whose canonical report changes is renamed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from urllib.parse import unquote

import pyoxigraph as ox

from kg.graph import iris
from kg.graph.occurrences import _EVENT, _REPORT, Joiner, Occurrence, Places, Report, occurrence_lines
from kg.sparql.store import DATA, ENTITIES_GRAPH, Store

OCCURRENCES_GRAPH = ox.NamedNode(DATA + "graph/occurrences")
_ARTICLE = DATA + "article/"
PREFIXES = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
_DIP = "https://w3id.org/dipkg/ontology#"


def _q(store: Store, query: str):
    """Solutions of `query` over the store's default graph (the union of its graphs, `kg.sparql.store`)."""
    return store.ox.query(PREFIXES + query)


def _value(term) -> str | None:
    return None if term is None else term.value


def _day(term) -> date | None:
    return date.fromisoformat(term.value[:10]) if term is not None else None


def stored_reports(store: Store, types: set[str], skip_docs: set[str]) -> tuple[list[Occurrence], Places]:
    """The occurrences the store holds of `types` (their reports in articles not in `skip_docs`), and what the
    store's entity descriptions say about countries and places."""
    values = " ".join(f"dip:{t}" for t in sorted(types))
    if not values:
        return [], Places({}, {}, set())
    q = f"""SELECT ?r ?occ ?art ?t ?place ?lo ?hi ?prec ?stated ?note ?dspan ?mod ?conf ?label ?pub ?agency ?pubr ?cameo
    WHERE {{
      VALUES ?t {{ {values} }}
      ?r dip:reportedType ?t ; dip:inArticle ?art .
      OPTIONAL {{ ?r dip:reportOf ?occ OPTIONAL {{ ?occ sem:eventType ?cameo }} }}
      OPTIONAL {{ ?r dip:reportedPlace ?place }}
      OPTIONAL {{ ?r dip:reportedEarliest ?lo ; dip:reportedLatest ?hi }}
      OPTIONAL {{ ?r dip:datePrecision ?prec }} OPTIONAL {{ ?r dip:dateAsStated ?stated }}
      OPTIONAL {{ ?r dip:dateNote ?note }} OPTIONAL {{ ?r dip:dateSpan ?dspan }}
      OPTIONAL {{ ?r dip:modality ?mod }} OPTIONAL {{ ?r dip:confidence ?conf }} OPTIONAL {{ ?r rdfs:label ?label }}
      OPTIONAL {{ ?art schema:datePublished ?pub }}
      OPTIONAL {{ ?art schema:isBasedOn ?agency }} OPTIONAL {{ ?art schema:publisher ?pubr }}
    }}"""
    many: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for prop, name in (("reportedActor", "actors"), ("reportedSource", "source"), ("reportedTarget", "target"),
                       ("conflictsOn", "conflicts")):
        for sol in _q(store, f"SELECT ?r ?v WHERE {{ ?r dip:{prop} ?v }}"):
            many[sol["r"].value][name].append(sol["v"].value)
    for sol in _q(store, "SELECT ?r ?v WHERE { ?r a dip:EventReport ; prov:wasDerivedFrom ?v }"):
        many[sol["r"].value]["spans"].append(sol["v"].value)
    groups: dict[str, list[Report]] = defaultdict(list)
    conflicts: dict[str, dict[str, set[str]]] = defaultdict(dict)
    seen = set()
    for sol in _q(store, q):
        r_iri = sol["r"].value
        if r_iri in seen:
            continue  # a report with two publishers or agencies: the first row
        seen.add(r_iri)
        art = sol["art"].value
        doc = unquote(art[len(_ARTICLE):])
        if doc in skip_docs:
            continue
        m = many[r_iri]
        cameo = _value(sol["cameo"])
        rep = Report(
            doc=doc, event=_EVENT + r_iri[len(_REPORT):], type=sol["t"].value[len(_DIP):],
            cameo=cameo.rsplit("/", 1)[-1] if cameo else "",
            actors=tuple(sorted(m["actors"])), source=tuple(sorted(m["source"])), target=tuple(sorted(m["target"])),
            place=_value(sol["place"]), lo=_day(sol["lo"]), hi=_day(sol["hi"]),
            precision=sol["prec"].value[len(_DIP):] if sol["prec"] is not None else None,
            as_stated=_value(sol["stated"]), note=_value(sol["note"]), date_span=_value(sol["dspan"]),
            modality=sol["mod"].value[len(_DIP):] if sol["mod"] is not None else None,
            confidence=float(sol["conf"].value) if sol["conf"] is not None else 1.0,
            spans=tuple(sorted(m["spans"])), label=_value(sol["label"]) or "", published=_day(sol["pub"]),
            outlet=_value(sol["agency"]) or _value(sol["pubr"]) or art)
        occ = _value(sol["occ"]) or rep.event
        groups[occ].append(rep)
        if m["conflicts"]:
            conflicts[occ][rep.iri] = set(m["conflicts"])
    out = []
    for was in sorted(groups):
        out.append(Occurrence(sorted(groups[was], key=Report.canon), conflicts.get(was, {}), was))
    return out, stored_places(store)


def stored_places(store: Store) -> Places:
    """Countries of actors and containers of places, from the store's entity descriptions."""
    country_of, container_of, multilateral = {}, {}, set()
    g = ENTITIES_GRAPH
    for sol in _q(store, f"""SELECT ?e ?c WHERE {{ GRAPH {g} {{
        {{ ?e a schema:Country BIND(?e AS ?c) }} UNION {{ ?e dip:sender ?c }} UNION {{ ?e dip:country ?c }}
        UNION {{ ?e schema:nationality ?c }} }} }}"""):
        country_of.setdefault(sol["e"].value, sol["c"].value)
    for sol in _q(store, f"""SELECT ?e ?c WHERE {{ GRAPH {g} {{
        {{ ?e a schema:City }} UNION {{ ?e a schema:AdministrativeArea }} ?e schema:containedInPlace ?c }} }}"""):
        container_of.setdefault(sol["e"].value, sol["c"].value)
    for sol in _q(store, f"""SELECT ?e WHERE {{ GRAPH {g} {{ ?e a schema:Organization
        FILTER NOT EXISTS {{ ?e dip:country ?c }} FILTER NOT EXISTS {{ ?e a schema:NewsMediaOrganization }} }} }}"""):
        multilateral.add(sol["e"].value)
    return Places(country_of, container_of, multilateral)


def plan(store: Store, reports: list[Report], places: Places, replaced: set[str]) -> tuple[list[Occurrence], str]:
    """Join `reports` (of newly built articles; `replaced`: the ids of those articles, whose earlier reports
    leave the store's occurrences) to the store's occurrences. Returns the occurrences that changed and the
    SPARQL update that rewrites them (run it once the new articles' graphs are in the store)."""
    old, stored = stored_reports(store, {r.type for r in reports} | _types_of(store, replaced), replaced)
    merged = Places({**stored.country_of, **places.country_of}, {**stored.container_of, **places.container_of},
                    stored.multilateral | places.multilateral)
    gone = _links_of(store, replaced)  # occurrence IRIs that held a report of a replaced article
    j = Joiner(merged)
    for occ in old:
        j.seed(occ)
    stored_iris = {r.iri for o in old for r in o.reports}
    touched = j.add(reports)
    changed = [j.occurrences[i] for i in sorted(touched)]
    changed += [o for o in j.occurrences if o.was in gone and o not in changed]
    drop = {o.was for o in changed if o.was} | gone
    drop |= {r.iri for o in changed for r in o.reports if r.iri in stored_iris} | _reports_in(store, gone)
    lines = [ln for o in changed for ln in occurrence_lines(o, merged)]
    g = OCCURRENCES_GRAPH
    parts = []
    if drop:
        # out of the occurrences graph, and out of the default graph (the union) what no other graph states
        subjects = " ".join(f"<{s}>" for s in sorted(drop))
        parts += [f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {subjects} }} GRAPH {g} {{ ?s ?p ?o }} "
                  f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }}",
                  f"DELETE {{ GRAPH {g} {{ ?s ?p ?o }} }} "
                  f"WHERE {{ VALUES ?s {{ {subjects} }} GRAPH {g} {{ ?s ?p ?o }} }}"]
    if lines:
        body = "".join(lines)
        parts.append(f"INSERT DATA {{ GRAPH {g} {{\n{body}}}\n{body}}}")
    return changed, " ;\n".join(parts)


def _types_of(store: Store, docs: set[str]) -> set[str]:
    out = set()
    for doc in docs:
        art = iris.article_iri(doc)
        for sol in _q(store, f"SELECT DISTINCT ?t WHERE {{ ?r dip:inArticle <{art}> ; dip:reportedType ?t }}"):
            out.add(sol["t"].value[len(_DIP):])
    return out


def _links_of(store: Store, docs: set[str]) -> set[str]:
    """The occurrences the store's reports of `docs` belong to."""
    out = set()
    for doc in docs:
        art = iris.article_iri(doc)
        for sol in _q(store, f"""SELECT DISTINCT ?o WHERE {{ ?r dip:inArticle <{art}> .
            GRAPH {OCCURRENCES_GRAPH} {{ ?r dip:reportOf ?o }} }}"""):
            out.add(sol["o"].value)
    return out


def _reports_in(store: Store, occs: set[str]) -> set[str]:
    out = set()
    for o in occs:
        for sol in _q(store, f"SELECT ?r WHERE {{ GRAPH {OCCURRENCES_GRAPH} {{ <{o}> dip:hasReport ?r }} }}"):
            out.add(sol["r"].value)
    return out
