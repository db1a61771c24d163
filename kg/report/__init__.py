"""The statistics report of a graph: report.html (self-contained), report.md, report.json and void.ttl.

`write_report(graph, out_dir, validation_graph=None)` is what `kg report` and `kg build` call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.analyze import analyze
from kg.analyze.load import load_store
from kg.analyze.output import to_json
from kg.atomic import write_atomic
from kg.graph.source import resolve
from kg.report.html import page
from kg.report.markdown import markdown
from kg.report.sections import sections
from kg.report.sources import collect
from kg.report.stats import analysis_stats, counts, find_validation, graph_stats, shacl_stats
from kg.report.void import void_turtle

TITLE = "dipkg graph report"


@dataclass
class Report:
    data: dict
    html: str
    markdown: str
    void: str


def build_report(graph: object, validation_graph: object | None = None) -> Report:
    """All four renderings of the report of a graph (path, pyoxigraph Store or rdflib graph)."""
    store = load_store(graph)
    result = analyze(store)
    stats = graph_stats(store)
    publishers_only = frozenset(stats.pop("publishers_only"))
    data = {"graph": stats, "analysis": analysis_stats(result, publishers_only),
            "shacl": shacl_stats(find_validation(graph, validation_graph))}
    data["counts"] = counts(data["graph"], data["analysis"])  # = the build's summary.json
    # VoID: every entity the graph describes (outlets known only as publishers too) and every event
    data["void"] = {"dataset": "https://w3id.org/dipkg/id/void/dataset",
                    "entities": len(result.facts.entities) + data["analysis"]["events"]["total"]}
    sources = collect(store, result.facts)
    return Report(data, page(TITLE, sections(data, result, sources), sources), markdown(data, TITLE),
                  void_turtle(data["graph"], data["void"]["entities"]))


def write_report(graph_path_or_graph: object, out_dir: str | Path, validation_graph: object | None = None
                 ) -> dict[str, Path]:
    """Write report.html, report.md, report.json and void.ttl into out_dir (each atomically)."""
    if isinstance(graph_path_or_graph, str | Path):
        graph_path_or_graph = resolve(graph_path_or_graph)
    rep = build_report(graph_path_or_graph, validation_graph)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    return {"html": write_atomic(out / "report.html", rep.html),
            "markdown": write_atomic(out / "report.md", rep.markdown),
            "json": write_atomic(out / "report.json", to_json(rep.data)),
            "void": write_atomic(out / "void.ttl", rep.void)}
