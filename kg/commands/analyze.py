"""`kg analyze GRAPH`: relation analyses (centralities, communities, paths, embassy states) with networkx."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.commands.graph_input import add_graph_argument, source
from kg.errors import KgError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "analyze", help="network analyses of a graph: centralities, communities, evidence paths, embassy states",
        description="Project the graph into a country network, an actor network and an actor-event graph; compute "
        "weighted degree, betweenness, PageRank, Louvain communities and components; write them back as RDF "
        "(named graph id:graph/analysis, TriG), JSON, GraphML and GEXF. Events that did not happen (hoped, "
        "demanded, negated, hypothetical) are left out; planned ones are kept and flagged. "
        "Entities may be given as IRI, key (e.g. iran) or name (Persian or English).")
    add_graph_argument(p)
    p.add_argument("--out", help="directory for the output files (default: analysis/ beside the graph: in a build "
                   "folder, or beside a store folder; needed for -)")
    p.add_argument("--path", nargs=2, metavar=("ENTITY", "ENTITY"), help="print the shortest evidence path")
    p.add_argument("--ego", metavar="ENTITY", help="print the ego network of an entity")
    p.add_argument("--radius", type=int, default=1, help="radius of the ego network in hops (default 1)")
    p.add_argument("--pair", nargs=2, metavar=("A", "B"), help="timeline and embassy states of two countries")
    p.add_argument("--period", choices=("month", "quarter", "year"), default="quarter",
                   help="period of the per-period edge counts (default quarter)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output on stdout")
    p.add_argument("--no-write", action="store_true", help="print only, write no files")


def run(args: argparse.Namespace) -> int:
    from kg.analyze import analyze, write_analysis  # lazy: networkx, ~0.1 s more at every kg start
    from kg.analyze.ops import ego_report, pair_report, path_report  # lazy: networkx, ~0.1 s more at every kg start
    from kg.analyze.summary import summary_text  # lazy: networkx, ~0.1 s more at every kg start

    src = source(args)
    if not args.no_write and not args.out and src.folder is None:
        raise KgError("reading standard input, kg analyze has no folder beside the graph for analysis/: give "
                      "--out DIR or --no-write")
    result = analyze(src, period=args.period)
    as_json = args.format == "json"
    if args.path:
        print(path_report(result, *args.path, as_json=as_json), end="")
    elif args.ego:
        print(ego_report(result, args.ego, args.radius, as_json=as_json), end="")
    elif args.pair:
        print(pair_report(result, *args.pair, as_json=as_json), end="")
    else:
        print(json.dumps(result.json(), ensure_ascii=False, indent=2, sort_keys=True) if as_json
              else summary_text(result))
    if not args.no_write:
        out = Path(args.out) if args.out else src.folder / "analysis"
        files = write_analysis(result, out)
        if not as_json:
            print(f"wrote {len(files)} files to {out}")
    return 0
