"""The sections of the HTML page, each a (id, heading, html) triple built from the report data."""

from __future__ import annotations

from html import escape

from kg.analyze import Analysis
from kg.analyze.load import local_name
from kg.analyze.project import kind_of
from kg.report import svg
from kg.report.html import Raw, figure, links, table
from kg.report.sources import Sources

MAX_ROWS = 500  # rows of the entity and event tables


def sections(data: dict, result: Analysis, sources: Sources) -> list[tuple[str, str, str]]:
    return [("overview", "Overview", _overview(data)), ("charts", "Charts", _charts(data, result)),
            ("centrality", "Top actors", _top(data)), ("pairs", "Country pairs", _pairs(data)),
            ("shacl", "SHACL validation", _shacl(data)), ("provenance", "Provenance coverage", _prov(data)),
            ("entities", "Entities", _entities(result, sources)), ("events", "Events", _events(result, sources)),
            ("vocabulary", "Classes and properties", _vocab(data))]


def _overview(d: dict) -> str:
    g, a = d["graph"], d["analysis"]
    rows = [["triples", g["triples"]], ["articles", g["articles"]["count"]], ["entities", a["entities"]["total"]],
            ["events", a["events"]["total"]],
            ["event reports (an article telling an event)", a["events"]["reports"]],
            ["events told by two or more independent outlets", a["events"]["corroborated"]],
            ["events left out of networks (did not happen)",
                                                a["events"]["excluded_from_networks"]],
            ["first event", a["events"]["first"] or "—"], ["last event", a["events"]["last"] or "—"],
            ["articles published", f'{g["articles"]["first"] or "—"} … {g["articles"]["last"] or "—"}']]
    return (table(["", "value"], rows) + "<h3>Entities by class</h3>" +
            table(["class", "entities"], list(a["entities"]["by_kind"].items())))


def _charts(d: dict, result: Analysis) -> str:
    a = d["analysis"]
    tl_svg, tl_rows = svg.timeline(result.facts.events)
    net_svg, net_rows = svg.network(result.networks.countries)
    ty_svg, ty_rows = svg.bars("chart-types", a["events"]["by_type"], "Events by type", svg.COLOR)
    dg_svg, dg_rows = svg.degree_distribution(result.networks.actors)
    mo_svg, mo_rows = svg.bars("chart-months", a["events"]["per_month"], "Events per month")
    return (figure(tl_svg, "Timeline of events by date, coloured by type (faint: with a modality).",
                   ["date", "type", "modality"], tl_rows)
            + figure(net_svg, "Country network (layout seeded, deterministic); edge width grows with events.",
                     ["country", "country", "cooperative", "conflictual", "neutral"], net_rows)
            + figure(ty_svg, "Distribution of event types.", ["type", "events"], ty_rows)
            + figure(mo_svg, "Events per month (earliest begin date).", ["month", "events"], mo_rows)
            + figure(dg_svg, "Degree distribution of the actor network.", ["degree", "actors"], dg_rows))


def _top(d: dict) -> str:
    out = []
    for net, measures in d["analysis"]["top_actors"].items():
        for m, items in measures.items():
            out.append(f"<h3>{escape(net)}: {escape(m.replace('_', ' '))}</h3>" +
                       table(["entity", "value"], [[i["label"], i["value"]] for i in items]))
    return "".join(out)


def _pairs(d: dict) -> str:
    head = ["country", "country", "cooperative", "conflictual", "neutral"]
    p = d["analysis"]["country_pairs"]

    def rows(ps: list) -> list:
        return [[x["a_label"], x["b_label"], x["cooperative"], x["conflictual"], x["neutral"]] for x in ps]
    return ("<h3>By cooperation</h3>" + table(head, rows(p["by_cooperation"])) +
            "<h3>By conflict</h3>" + table(head, rows(p["by_conflict"])))


def _shacl(d: dict) -> str:
    s = d["shacl"]
    if s is None:
        return '<p class="muted">No validation report (validation.ttl) beside the graph.</p>'
    return (f"<p>conforms: <b>{s['conforms']}</b>, results: {s['results']}</p>" +
            table(["severity", "results"], list(s["by_severity"].items())) +
            table(["shape", "results"], list(s["by_shape"].items())))


def _prov(d: dict) -> str:
    rows = [[k, v["with_source"], v["total"], "—" if v["share"] is None else f"{100 * v['share']:.1f} %"]
            for k, v in d["graph"]["provenance"].items()]
    return table(["what", "with a source span", "total", "share"], rows)


def _entities(result: Analysis, sources: Sources) -> str:
    ents = sorted(result.facts.entities.values(), key=lambda e: (e.kind, e.label, e.iri))[:MAX_ROWS]
    rows = [[e.label, e.name_en, e.kind, Raw(f"<code>{escape(local_name(e.iri))}</code>"),
             links(sources.of_entity.get(e.iri, []))] for e in ents]
    return table(["name", "English", "class", "key", "sentences"], rows)


def _events(result: Analysis, sources: Sources) -> str:
    label = {iri: e.label for iri, e in result.facts.entities.items()}
    evs = sorted(result.facts.events, key=lambda e: (str(e.earliest), e.iri))[:MAX_ROWS]
    rows = [[e.earliest.isoformat() if e.earliest else "", e.type, kind_of(e.type), e.modality or "",
             "، ".join(label.get(a, local_name(a)) for a in e.actors), e.outlets,
             links(sources.of_event.get(e.iri, []))]
            for e in evs]
    return table(["date", "type", "kind", "modality", "actors", "outlets", "sentences"], rows)


def _vocab(d: dict) -> str:
    g = d["graph"]
    return (table(["class", "instances"], list(g["classes"].items())) +
            table(["property", "triples"], list(g["properties"].items())))
