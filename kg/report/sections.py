"""The sections of the HTML page, each a (id, heading, html) triple built from the report data."""

from __future__ import annotations

from datetime import date
from html import escape

from kg.analyze import Analysis
from kg.analyze.load import local_name
from kg.analyze.project import kind_of
from kg.report import svg
from kg.report.html import Raw, figure, folded, links, long_table, table
from kg.report.labels import both, jalali, type_en, type_fa
from kg.report.sources import Sources

MAX_ROWS = 500  # rows of the entity and event tables


def sections(data: dict, result: Analysis, sources: Sources, max_rows: int = MAX_ROWS
             ) -> list[tuple[str, str, str]]:
    return [("overview", "Overview", _overview(data)), ("charts", "Charts", _charts(data, result)),
            ("embassies", "Embassy status by country pair", _embassies(data)),
            ("centrality", "Top actors", _top(data)), ("pairs", "Country pairs", _pairs(data)),
            ("shacl", "SHACL validation", _shacl(data)), ("provenance", "Provenance coverage", _prov(data)),
            ("entities", "Entities", _entities(data, result, sources, max_rows)),
            ("events", "Events", _events(result, sources, max_rows)),
            ("vocabulary", "Classes and properties", _vocab(data))]


def of(shown: int, total: int, order: str) -> str:
    """The honest head of a table: "500 of 7,272 events, newest first" (or "all 41 …")."""
    return f"{shown:,} of {total:,} {order}" if shown < total else f"all {total:,} {order}"


def _d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _published(g: dict, isolate: bool = True) -> str:
    a = g["articles"]
    if not a["dated"]:
        return f"none of the {a['count']:,} articles gives a publication date"
    dated = "all" if a["dated"] == a["count"] else f"{a['dated']:,} of {a['count']:,}"
    return (f"{both(_d(a['first']), isolate=isolate)} … {both(_d(a['last']), isolate=isolate)} "
            f"({dated} articles dated)")


def _overview(d: dict) -> str:
    g, a, c = d["graph"], d["analysis"], d["counts"]
    ev = a["events"]
    pub = a["entities"]["publishers_only"]
    rows = [["articles", c["articles"]], ["articles published", _published(g)],
            ["entities (named in the articles' text)", c["entities"]]]
    if pub:
        rows.append(["outlets known only as publishers (not counted above)", pub])
    rows += [["posts (a person in an office, as an article states it)", c["posts"]],
             ["events (occurrences: the reports of one event in several articles are one)", c["events"]],
             ["event reports (an article telling an event)", c["event_reports"]],
             ["events told by two or more independent outlets", ev["corroborated"]],
             ["events left out of networks (hoped, demanded, negated, hypothetical)", ev["excluded_from_networks"]],
             ["first event", both(_d(ev["first"]))], ["last event", both(_d(ev["last"]))],
             ["events without a date", ev["undated"]], ["triples", g["triples"]]]
    kinds = a["entities"]["by_kind"]
    return (table(["", "value"], rows) + "<h3>Entities by class</h3>" +
            table(["class", "entities"], list(kinds.items())))


def _charts(d: dict, result: Analysis) -> str:
    a = d["analysis"]
    tl_svg, tl_rows = svg.timeline(result.facts.events)
    net_svg, net_rows = svg.network(result.networks.countries)
    by_type = a["events"]["by_type"]
    ordered = {t: by_type[t] for t in sorted(by_type, key=lambda t: (-by_type[t], t))}
    ty_svg, ty_rows = svg.bars("chart-types", ordered, "Events by type", svg.COLOR,
                               {t: f"{type_fa(t)} · {type_en(t)}" for t in ordered})
    dg_svg, dg_rows = svg.degree_distribution(result.networks.actors)
    mo_svg, mo_rows = svg.months_chart(a["events"]["per_month"])
    undated = a["events"]["undated"]
    note = f" {undated:,} undated events are not drawn." if undated else ""
    return (figure(tl_svg, "Timeline of events by their earliest begin date, one row per type (Persian label, "
                   "English label and count on the left)." + note,
                   ["from", "Jalali", "type", "events", "with a modality"], tl_rows)
            + figure(mo_svg, "Events per month (earliest begin date), every month of the span, empty ones too."
                     + note, ["month", "Jalali", "events"], mo_rows)
            + figure(net_svg, "Country network (layout seeded, deterministic): countries linked by the events of "
                     "their people, missions and organisations.",
                     ["country", "country", "cooperative", "conflictual", "neutral"], net_rows)
            + figure(ty_svg, "Distribution of event types.", ["type", "events"], ty_rows)
            + figure(dg_svg, "Degree distribution of the actor network.", ["degree", "actors"], dg_rows))


def _embassies(d: dict) -> str:
    ev = d["analysis"]["events"]
    pairs = d["analysis"]["embassies"]
    em_svg, em_rows = svg.embassy(pairs, _d(ev["first"]), _d(ev["last"]))
    changed = [p for p in svg.embassy_pairs(pairs) if any(len(m["states"]) > 1 for m in p["missions"])]
    rows = [[f"{p['a_label']} \u2013 {p['b_label']}", m["label"], s["state"], both(_d(s["start"])),
             both(_d(s["end"]))] for p in changed for m in p["missions"] for s in m["states"]]
    return ("<p>The state of each mission of a country pair over time, as <code>kg analyze --pair A B</code> "
            "computes it: open until its first suspension, suspended from then, resumed from the next resumption "
            "(planned or unreal suspensions change nothing). Pairs whose missions changed state come first.</p>"
            + figure(em_svg, f"Embassy states of {min(len(pairs), svg.MAX_PAIRS):,} of {len(pairs):,} country "
                     "pairs with a mission; a black stroke marks a change.",
                     ["pair", "mission", "state", "from", "until"], em_rows)
            + f"<p>{len(changed):,} of {len(pairs):,} pairs with a mission saw a mission change state; in the "
            "others every mission stayed open throughout.</p>"
            + (folded(f"states of the {len(changed):,} pairs whose missions changed state",
                      table(["pair", "mission", "state", "from", "until"], rows)) if changed else ""))


def _top(d: dict) -> str:
    out = []
    for net, measures in d["analysis"]["top_actors"].items():
        for m, items in measures.items():
            out.append(f'<div><h3>{escape(net)}: {escape(m.replace("_", " "))}</h3>' +
                       table(["entity", "value"], [[i["label"], round(i["value"], 4)] for i in items]) + "</div>")
    return f'<div class="grid">{"".join(out)}</div>'


def _pairs(d: dict) -> str:
    head = ["country", "country", "cooperative", "conflictual", "neutral"]
    p = d["analysis"]["country_pairs"]

    def rows(ps: list) -> list:
        return [[x["a_label"], x["b_label"], x["cooperative"], x["conflictual"], x["neutral"]] for x in ps]
    return ('<div class="grid wide"><div><h3>By cooperation</h3>' + table(head, rows(p["by_cooperation"])) +
            "</div><div><h3>By conflict</h3>" + table(head, rows(p["by_conflict"])) + "</div></div>")


def _shacl(d: dict) -> str:
    s = d["shacl"]
    if s is None:
        return '<p class="muted">No validation report (validation.ttl) beside the graph.</p>'
    conforms = {True: "yes", False: "no", None: "unknown"}[s["conforms"]]
    return (f"<p>conforms: <b>{conforms}</b>, results: {s['results']:,}</p>" +
            table(["severity", "results"], list(s["by_severity"].items())) +
            long_table("shapes with results", ["shape", "results"], list(s["by_shape"].items())))


def _prov(d: dict) -> str:
    rows = [[k, v["with_source"], v["total"], "—" if v["share"] is None else f"{100 * v['share']:.1f} %"]
            for k, v in d["graph"]["provenance"].items()]
    return table(["what", "with a source span", "total", "share"], rows)


def _entities(d: dict, result: Analysis, sources: Sources, max_rows: int) -> str:
    pub = set(d["analysis"]["entities"]["publishers_only_iris"])
    ents = sorted((e for e in result.facts.entities.values() if e.iri not in pub),
                  key=lambda e: (e.kind, e.label, e.iri))
    rows = [[e.label, e.name_en, e.kind, Raw(f"<code>{escape(local_name(e.iri))}</code>"),
             links(sources.of_entity.get(e.iri, []), sources)] for e in ents[:max_rows]]
    head = of(len(rows), len(ents), "entities named in the articles, by class and name")
    out = folded(head, table(["name", "English", "class", "key", "sentences"], rows))
    if pub:
        names = sorted(result.facts.entities[i].label for i in pub if i in result.facts.entities)
        out += (f"<p>Outlets known only as publishers of articles (not counted): "
                f'<span dir="auto">{escape("، ".join(names))}</span>.</p>')
    return out


def _events(result: Analysis, sources: Sources, max_rows: int) -> str:
    label = {iri: e.label for iri, e in result.facts.entities.items()}
    evs = sorted(result.facts.events, key=lambda e: (e.earliest is None, -(e.earliest.toordinal() if e.earliest
                                                                             else 0), e.iri))
    rows = [[e.earliest.isoformat() if e.earliest else "—", jalali(e.earliest) or "—",
             Raw(f'<span dir="rtl">{escape(type_fa(e.type))}</span> <span class="muted">{escape(type_en(e.type))}'
                 "</span>"), kind_of(e.type), e.modality or "",
             "، ".join(label.get(a, local_name(a)) for a in e.actors), e.reports, e.outlets,
             links(sources.of_event.get(e.iri, []), sources)]
            for e in evs[:max_rows]]
    head = of(len(rows), len(evs), "events, newest first (undated last)")
    return folded(head, table(
        ["date", "Jalali", "type", "kind", "modality", "actors", "reports", "outlets", "sentences"], rows))


def _vocab(d: dict) -> str:
    g = d["graph"]
    return (long_table("classes", ["class", "instances"], list(g["classes"].items())) +
            long_table("properties", ["property", "triples"], list(g["properties"].items())))
