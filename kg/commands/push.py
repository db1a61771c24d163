"""`kg push STORE-OR-GRAPH --endpoint URL`: one Graph Store Protocol PUT per named graph."""

from __future__ import annotations

import sys

from kg.commands.graph_input import add_graph_argument, source
from kg.sparql.push import DEFAULT_GRAPH, DEFAULT_TIMEOUT, PASSWORD_ENV, RETRIES, PushError, password_from, push


def add_parser(sub) -> None:
    p = sub.add_parser(
        "push",
        help="send a store or graph to a triple store (SPARQL 1.1 Graph Store HTTP Protocol)",
        description="PUT every named graph of STORE-OR-GRAPH (a store folder made by `kg build --store`: its "
        "named graphs, not the union copy in its default graph; a graph file of any RDF format; a `kg build --out` "
        "folder; or - for standard input) to ENDPOINT?graph=IRI (replacing it there), e.g. "
        "Virtuoso's http://HOST:8890/sparql-graph-crud-auth or Fuseki's http://HOST:3030/DATASET/data. Triples "
        "outside named graphs go to --default-graph. Graphs go in IRI order, each named on stderr once pushed; a "
        "PUT that fails (5xx, dropped connection, no answer within --timeout) is tried again (--retries); if one "
        "still fails, the push stops naming it, and --from IRI resumes there. Exit status: 0 every graph pushed, "
        "2 bad usage or source, 4 a graph could not be pushed.",
    )
    add_graph_argument(p, dest="source", metavar="STORE-OR-GRAPH")
    p.add_argument("--endpoint", required=True, metavar="URL", help="the Graph Store Protocol endpoint")
    p.add_argument("--user", help="user name (HTTP digest or basic authentication)")
    p.add_argument("--password", help=f"password (visible to other users in `ps`: prefer --password-file or "
                   f"${PASSWORD_ENV})")
    p.add_argument("--password-file", metavar="FILE", help="read the password from the first line of FILE")
    p.add_argument("--default-graph", default=DEFAULT_GRAPH, metavar="IRI",
                   help=f"graph for triples outside named graphs (default {DEFAULT_GRAPH})")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"how long each request may wait for the server (default {DEFAULT_TIMEOUT:g})")
    p.add_argument("--retries", type=int, default=RETRIES, metavar="N",
                   help=f"tries after the first for a graph that fails (default {RETRIES})")
    p.add_argument("--from", dest="start", metavar="IRI", help="resume: push this graph and those after it "
                   "(IRI order) only")


def _pushed(p, n: int, total: int) -> None:
    again = f", after {p.tries} tries" if p.tries > 1 else ""
    print(f"pushed {n}/{total}: <{p.graph}> ({p.triples} triples, HTTP {p.status}{again})", file=sys.stderr)


def run(args) -> int:
    password = password_from(args.password, args.password_file)
    try:
        done = push(source(args, "source"), args.endpoint, args.user, password, args.default_graph,
                    timeout=args.timeout, retries=max(0, args.retries), start=args.start, progress=_pushed)
    except PushError as exc:
        print(f"kg push: error: {exc}", file=sys.stderr)
        return 4
    print(f"pushed {len(done)} graph(s), {sum(p.triples for p in done)} triples, to {args.endpoint}",
          file=sys.stderr)
    return 0
