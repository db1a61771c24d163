"""`kg push STORE-OR-GRAPH --endpoint URL`: one Graph Store Protocol PUT per named graph."""

from __future__ import annotations

import sys

from kg.sparql.push import DEFAULT_GRAPH, push


def add_parser(sub) -> None:
    p = sub.add_parser(
        "push",
        help="send a store or graph to a triple store (SPARQL 1.1 Graph Store HTTP Protocol)",
        description="PUT every named graph of STORE-OR-GRAPH to ENDPOINT?graph=IRI (replacing it there), e.g. "
        "Virtuoso's http://HOST:8890/sparql-graph-crud-auth or Fuseki's http://HOST:3030/DATASET/data. Triples "
        "outside named graphs go to --default-graph.",
    )
    p.add_argument("source", metavar="STORE-OR-GRAPH", help="store directory or graph file")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol endpoint")
    p.add_argument("--user", help="user name (HTTP digest or basic authentication)")
    p.add_argument("--password", help="password")
    p.add_argument("--default-graph", default=DEFAULT_GRAPH, metavar="IRI",
                   help=f"graph for triples outside named graphs (default {DEFAULT_GRAPH})")


def run(args) -> int:
    for p in push(args.source, args.endpoint, args.user, args.password, args.default_graph):
        print(f"{p.status} {p.graph} ({p.triples} triples)", file=sys.stderr)
    return 0
