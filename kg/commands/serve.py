"""`kg serve STORE-OR-GRAPH`: a read-only SPARQL endpoint with an offline query page."""

from __future__ import annotations

import signal
import sys

from kg.commands.graph_input import add_graph_argument, source
from kg.sparql.serve import DEFAULT_PORT, make_server
from kg.sparql.worker import default_workers


def add_parser(sub) -> None:
    p = sub.add_parser(
        "serve",
        help="serve a graph or store over the SPARQL 1.1 Protocol (read-only), with a query page",
        description="Serve STORE-OR-GRAPH (a graph file of any RDF format, a store folder made by `kg build "
        "--store`, a `kg build --out` folder, or - for standard input) at "
        "http://HOST:PORT/sparql (GET ?query=, POST form or application/sparql-query; results as SPARQL JSON, XML, "
        "CSV, TSV, Turtle, JSON-LD or N-Triples by the Accept header) and a query editor at http://HOST:PORT/ that "
        "works offline. Updates and SERVICE are refused; each query has a time, memory and row limit. The data is "
        "a snapshot taken at start (a temporary copy, removed when the server stops).",
    )
    add_graph_argument(p, dest="source", metavar="STORE-OR-GRAPH")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port (default {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, metavar="S", help="seconds a query may run (default 10)")
    p.add_argument("--max-rows", type=int, default=10000, metavar="N",
                   help="rows (or triples) returned at most; the rest is cut off and flagged (default 10000)")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help=f"query worker processes (default: the cores available, 4 to 8; here {default_workers()})")
    p.add_argument("--max-memory", type=int, default=1024, metavar="MIB",
                   help="memory a query may take in its worker, in MiB (default 1024)")
    p.add_argument("--cors", action="store_true",
                   help="send CORS headers (Access-Control-Allow-Origin: *) so web pages of other origins may query")
    p.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also accept this Host header (a name the endpoint is reached by, e.g. behind a proxy)")
    p.add_argument("--quiet", "-q", action="store_true", help="do not log requests")


def _stop(signum, frame):
    raise SystemExit(0)  # unwinds make_server, which removes its temporary copy


def run(args) -> int:
    signal.signal(signal.SIGTERM, _stop)
    server = make_server(source(args, "source"), args.host, args.port, args.timeout, args.max_rows, args.workers,
                         args.quiet, cors=args.cors, max_memory=args.max_memory << 20, allow_hosts=args.allow_host)
    ready = f"dipkg: SPARQL endpoint {server.url}/sparql, query page {server.url}/ (Ctrl-C stops)"
    server.serve_forever(lambda: print(ready, file=sys.stderr, flush=True))  # until Ctrl-C or SIGTERM; copy removed
    return 0
