"""`kg report GRAPH --out DIR`: the statistics report of a graph (HTML, Markdown, JSON, VoID)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.commands.graph_input import add_graph_argument, source


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "report", help="statistics report of a graph: self-contained HTML, Markdown, JSON and VoID",
        description="Count triples, entities, events, properties and articles; show events over time, top actors "
        "by centrality, country pairs by cooperation and conflict, SHACL results (validation.ttl beside the graph) "
        "and provenance coverage; draw the charts as inline SVG. Writes report.html, report.md, report.json and "
        "void.ttl into --out. The HTML loads nothing from the network.")
    add_graph_argument(p)
    p.add_argument("--out", required=True, help="directory for report.html, report.md, report.json, void.ttl")
    p.add_argument("--validation", help="SHACL validation report (default: validation.ttl beside the graph, i.e. in "
                   "its build folder, or beside a store folder; none for -)")


def run(args: argparse.Namespace) -> int:
    from kg.report import write_report  # lazy: networkx, ~0.1 s more at every kg start

    files = write_report(source(args), Path(args.out), validation_graph=args.validation)
    for name in sorted(files):
        print(files[name])
    return 0
