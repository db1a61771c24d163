"""The Markdown version of the report: the same numbers as the HTML page, as tables."""

from __future__ import annotations

from kg.report.html import cell
from kg.report.labels import DASH, type_en, type_fa
from kg.report.sections import _d, _published, both


def _table(head: list[str], rows: list[list[object]]) -> str:
    def one(v: object) -> str:
        return cell(v).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(one(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def markdown(d: dict, title: str) -> str:
    g, a, c = d["graph"], d["analysis"], d["counts"]
    ev = a["events"]
    rows = [["articles", c["articles"]], ["articles published", _published(g, isolate=False)],
            ["entities", c["entities"]]]
    if a["entities"]["publishers_only"]:
        rows.append(["outlets known only as publishers (not counted above)", a["entities"]["publishers_only"]])
    rows += [["posts", c["posts"]], ["events", c["events"]], ["event reports", c["event_reports"]],
             ["events told by 2+ independent outlets", ev["corroborated"]],
             ["events left out of networks", ev["excluded_from_networks"]],
             ["first event", both(_d(ev["first"]), isolate=False)],
             ["last event", both(_d(ev["last"]), isolate=False)],
             ["events without a date", ev["undated"]], ["triples", g["triples"]]]
    out = [f"# {title}\n", "## Overview\n", _table(["", "value"], rows)]
    out += ["\n## Entities by class\n", _table(["class", "entities"], list(a["entities"]["by_kind"].items()))]
    out += ["\n## Events by type\n", _table(["type", "Persian", "events"],
                                            [[type_en(t), type_fa(t), n] for t, n in ev["by_type"].items()])]
    out += ["\n## Events per month (empty months included)\n",
            _table(["month", "events"], list(ev["per_month"].items()))]
    for net, measures in a["top_actors"].items():
        for m, items in measures.items():
            out += [f"\n## Top {net} by {m.replace('_', ' ')}\n",
                    _table(["entity", "value"], [[i["label"], f"{i['value']:g}"] for i in items])]
    for key, name in (("by_cooperation", "cooperation"), ("by_conflict", "conflict")):
        out += [f"\n## Country pairs by {name}\n", _table(
            ["country", "country", "cooperative", "conflictual", "neutral"],
            [[p["a_label"], p["b_label"], p["cooperative"], p["conflictual"], p["neutral"]]
             for p in a["country_pairs"][key]])]
    changed = [(p, m, s) for p in a["embassies"] for m in p["missions"] if len(m["states"]) > 1 for s in m["states"]]
    out.append("\n## Embassy states (missions that changed state)\n")
    out.append(_table(["pair", "mission", "state", "from", "until"],
                      [[f"{p['a_label']} {DASH} {p['b_label']}", m["label"], s["state"], s["start"], s["end"]]
                       for p, m, s in changed]) if changed else "No mission changed state.\n")
    s = d["shacl"]
    out.append("\n## SHACL validation\n")
    if s is None:
        out.append("No validation report beside the graph.\n")
    else:
        out += [f"conforms: {cell(s['conforms'])}, results: {cell(s['results'])}\n\n",
                _table(["severity", "results"], list(s["by_severity"].items())), "\n",
                _table(["shape", "results"], list(s["by_shape"].items()))]
    out += ["\n## Provenance coverage\n", _table(["what", "with a source span", "total", "share"], [
        [k, v["with_source"], v["total"], v["share"]] for k, v in g["provenance"].items()])]
    out += ["\n## Classes\n", _table(["class", "instances"], list(g["classes"].items())),
            "\n## Properties\n", _table(["property", "triples"], list(g["properties"].items()))]
    return "".join(out)
