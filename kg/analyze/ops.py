"""The single-question analyses of `kg analyze` (--path, --ego, --pair) as text or JSON strings."""

from __future__ import annotations

from dataclasses import asdict

from kg.analyze.embassy import pair_timeline
from kg.analyze.metrics import ego
from kg.analyze.output import to_json
from kg.analyze.paths import UnknownEntity, evidence_path, resolve
from kg.analyze.summary import pair_text, path_text


def _labels(result: object) -> dict[str, str]:
    return {iri: e.label for iri, e in result.facts.entities.items()}


def path_report(result: object, a: str, b: str, as_json: bool = False) -> str:
    hops = evidence_path(result.facts, a, b)
    if as_json:
        return to_json({"from": resolve(result.facts, a), "to": resolve(result.facts, b),
                        "hops": None if hops is None else [asdict(h) for h in hops]})
    return path_text(hops, _labels(result), a, b)


def ego_report(result: object, name: str, radius: int, as_json: bool = False) -> str:
    iri = resolve(result.facts, name)
    kind = result.facts.entities[iri].kind
    g = result.networks.countries if kind == "Country" else result.networks.actors
    if iri not in g:
        raise UnknownEntity(f"{name!r} ({kind}) takes part in no event of the {g.graph['name']} network")
    sub = ego(g, iri, radius)
    label = _labels(result)
    edges = [{"a": u, "b": v, "weight": d["weight"]} for u, v, d in sorted(sub.edges(data=True))]
    if as_json:
        return to_json({"center": iri, "radius": radius, "nodes": sorted(sub), "edges": edges})
    lines = [f"ego network of {label[iri]} (radius {radius}, {g.graph['name']} network): "
             f"{sub.number_of_nodes()} nodes, {sub.number_of_edges()} edges"]
    lines += [f"  {label.get(e['a'], e['a'])} - {label.get(e['b'], e['b'])}: {e['weight']}" for e in edges]
    return "\n".join(lines) + "\n"


def pair_report(result: object, a: str, b: str, as_json: bool = False) -> str:
    tl = pair_timeline(result.facts, resolve(result.facts, a), resolve(result.facts, b))
    if as_json:
        data = next((p for p in result.json()["pairs"] if (p["a"], p["b"]) == (tl.a, tl.b)),
                    {"a": tl.a, "b": tl.b, "events": [], "embassies": {}})
        return to_json(data)
    return pair_text(tl, _labels(result))
