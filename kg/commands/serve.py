"""`kg serve STORE-OR-GRAPH`: a read-only SPARQL endpoint with an offline query page."""

from __future__ import annotations

import sys

from kg.sparql.serve import make_server


def add_parser(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve a graph or store over the SPARQL 1.1 Protocol (read-only), with a query page",
        description="Serve STORE-OR-GRAPH (a graph file, or a store directory made by `kg build --store`) at "
        "http://HOST:PORT/sparql (GET ?query=, POST form or application/sparql-query; results as SPARQL JSON, XML, "
        "CSV, TSV, Turtle, JSON-LD or N-Triples by the Accept header) and a query editor at http://HOST:PORT/ that "
        "works offline. Updates and SERVICE are refused; each query has a time limit and a row limit.",
    )
    p.add_argument("source", metavar="STORE-OR-GRAPH", help="graph file (.ttl, .nt, .nq, .trig, …) or store directory")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8890, help="port (default 8890; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds a query may run (default 10)")
    p.add_argument("--max-rows", type=int, default=10000, metavar="N",
                   help="rows (or triples) returned at most; the rest is cut off and flagged (default 10000)")
    p.add_argument("--workers", type=int, default=2, metavar="N", help="query worker processes (default 2)")
    p.add_argument("--quiet", "-q", action="store_true", help="do not log requests")


def run(args) -> int:
    server = make_server(args.source, args.host, args.port, args.timeout, args.max_rows, args.workers, args.quiet)
    print(f"dipkg: SPARQL endpoint {server.url}/sparql, query page {server.url}/ (Ctrl-C stops)",
          file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    finally:
        server.close()
    return 0
