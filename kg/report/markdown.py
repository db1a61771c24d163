"""The Markdown version of the report: the same numbers as the HTML page, as tables."""

from __future__ import annotations


def _table(head: list[str], rows: list[list[object]]) -> str:
    def cell(v: object) -> str:
        return str(v).replace("|", "\\|").replace("\n", " ")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def markdown(d: dict, title: str) -> str:
    g, a = d["graph"], d["analysis"]
    out = [f"# {title}\n", "## Overview\n", _table(["", "value"], [
        ["triples", g["triples"]], ["articles", g["articles"]["count"]], ["entities", a["entities"]["total"]],
        ["events", a["events"]["total"]], ["event reports", a["events"]["reports"]],
        ["events told by 2+ independent outlets", a["events"]["corroborated"]],
        ["events left out of networks", a["events"]["excluded_from_networks"]],
        ["first event", a["events"]["first"]], ["last event", a["events"]["last"]]])]
    out += ["\n## Entities by class\n", _table(["class", "entities"], list(a["entities"]["by_kind"].items()))]
    out += ["\n## Events by type\n", _table(["type", "events"], list(a["events"]["by_type"].items()))]
    out += ["\n## Events per month\n", _table(["month", "events"], list(a["events"]["per_month"].items()))]
    for net, measures in a["top_actors"].items():
        for m, items in measures.items():
            out += [f"\n## Top {net} by {m.replace('_', ' ')}\n",
                    _table(["entity", "value"], [[i["label"], f"{i['value']:g}"] for i in items])]
    for key, name in (("by_cooperation", "cooperation"), ("by_conflict", "conflict")):
        out += [f"\n## Country pairs by {name}\n", _table(
            ["country", "country", "cooperative", "conflictual", "neutral"],
            [[p["a_label"], p["b_label"], p["cooperative"], p["conflictual"], p["neutral"]]
             for p in a["country_pairs"][key]])]
    s = d["shacl"]
    out.append("\n## SHACL validation\n")
    if s is None:
        out.append("No validation report beside the graph.\n")
    else:
        out += [f"conforms: {s['conforms']}, results: {s['results']}\n\n",
                _table(["severity", "results"], list(s["by_severity"].items())), "\n",
                _table(["shape", "results"], list(s["by_shape"].items()))]
    out += ["\n## Provenance coverage\n", _table(["what", "with a source span", "total", "share"], [
        [k, v["with_source"], v["total"], v["share"]] for k, v in g["provenance"].items()])]
    out += ["\n## Classes\n", _table(["class", "instances"], list(g["classes"].items())),
            "\n## Properties\n", _table(["property", "triples"], list(g["properties"].items()))]
    return "".join(out)
