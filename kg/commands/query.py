"""`kg query GRAPH (QUERY.rq | -e SPARQL | --saved NAME) [--param k=v]… [--format …]` and `kg query --list`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.commands.graph_input import add_graph_argument, source
from kg.errors import InputError, KgError
from kg.read.files import open_regular
from kg.sparql import query as Q
from kg.sparql.results import GRAPH_FORMATS, SELECT_FORMATS, graph_bytes
from kg.sparql.store import open_graph


def add_parser(sub) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query (a file, inline, or a saved one) over a graph or store",
        description="Run a SPARQL 1.1 query over GRAPH (a graph file of any RDF format, a store folder made by "
        "`kg build --store`, a `kg build --out` folder, or - for standard input), over the union of all its named "
        "graphs (GRAPH ?g { … } reaches each named graph). The project's prefixes (dip:, id:, "
        "schema:, sem:, org:, prov:, nif:, wd:, …) are predeclared. `kg query --list` shows the saved queries and "
        "their parameters.",
        epilog="examples:\n"
        "  kg query out/graph.ttl --saved embassy-status --param a=ایران --param b='جمهوری آذربایجان'\n"
        "  kg query out/graph.ttl --saved office-holders-on --param date=1402-11-29 --format csv\n"
        "  kg query out/graph.ttl -e 'SELECT ?e WHERE { ?e a dip:Visit }'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_graph_argument(p, nargs="?")
    p.add_argument("query_file", nargs="?", metavar="QUERY.rq", help="a file holding the SPARQL query")
    p.add_argument("-e", "--execute", metavar="SPARQL", help="the query text itself")
    p.add_argument("--saved", metavar="NAME", help="a saved query from ontology/queries/ (see --list)")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a query parameter (repeatable); entities by IRI, wd:Q…, id:… or name")
    p.add_argument("--format", "-f", default="table", choices=[*SELECT_FORMATS, *GRAPH_FORMATS],
                   help="table (default), csv, tsv, json, xml for SELECT/ASK; turtle, ntriples, jsonld, rdfxml "
                   "for CONSTRUCT/DESCRIBE")
    p.add_argument("--list", action="store_true", help="list the saved queries with their parameters and exit")
    p.add_argument("--timeout", type=float, metavar="SECONDS", help="stop the query when it has not answered "
                   "within SECONDS (default: no limit)")


def list_text() -> str:
    out = []
    for q in Q.list_saved():
        out.append(f"{q.name}: {q.description}")
        out += [f"    ?{p.name} ({p.type}{', optional' if p.optional else ''}): {p.doc}" for p in q.params]
    return "\n".join(out) + "\n"


def query_text(args) -> tuple[str, list]:
    """The query text and its declared parameters, from exactly one of QUERY.rq, -e, --saved."""
    given = [x for x in (args.query_file, args.execute, args.saved) if x]
    if len(given) != 1:
        raise KgError("give exactly one of QUERY.rq, -e SPARQL or --saved NAME (see kg query --help)")
    if args.saved:
        q = Q.load_saved(args.saved)
        return q.text, q.params
    if args.query_file:
        text = read_query_file(Path(args.query_file))
    else:
        text = args.execute
    return text, Q.adhoc_params(text, Q.parse_param_args(args.param))


# Longest query file read (bytes): a SPARQL query is text a person wrote or a program made; 16 MiB is plenty.
MAX_QUERY_BYTES = 16 << 20


def read_query_file(path: Path) -> str:
    """The text of a query file: a regular file, at most MAX_QUERY_BYTES, UTF-8 (a bad byte named with its line)."""
    if not path.exists():
        raise InputError(str(path), "no such query file")
    try:
        with open_regular(path, str(path)) as f:
            data = f.read(MAX_QUERY_BYTES + 1)
    except OSError as exc:
        raise InputError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_QUERY_BYTES:
        raise InputError(str(path), f"query file larger than {MAX_QUERY_BYTES:,} bytes: not a query")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{path}:{line}", f"not valid UTF-8 at byte {exc.start} (byte 0x{data[exc.start]:02x}): "
                                           "save the query as UTF-8") from None


def run(args) -> int:
    if args.list:
        sys.stdout.write(list_text())
        return 0
    if not args.graph:
        raise KgError("give a GRAPH: a graph file, a store folder, a build folder or - (see kg query --help)")
    if args.timeout is not None:
        if args.timeout <= 0:
            raise KgError(f"--timeout {args.timeout:g}: give a number of seconds above 0")
        return with_deadline(lambda: answer(args), args.timeout)
    return answer(args)


def answer(args) -> int:
    """Read the query, run it over the graph, write the result to stdout."""
    text, params = query_text(args)
    store = open_graph(source(args))
    result = run_query(store, text, params, Q.parse_param_args(args.param))
    if result.kind == "graph":
        fmt = args.format if args.format in GRAPH_FORMATS else "turtle"
        sys.stdout.buffer.write(graph_bytes(result, fmt))
    else:
        fmt = args.format if args.format in SELECT_FORMATS else "table"
        sys.stdout.write(SELECT_FORMATS[fmt](result))
    sys.stdout.flush()
    return 0


def run_query(store, text, params, values):
    return Q.run(store, Q.inline_values(text, Q.bind(store, params, values)))


def with_deadline(work, seconds: float) -> int:
    """Run `work` (which writes the answer to stdout) in a child process, stopped when it takes longer than
    `seconds`: a query cannot be interrupted inside the engine, a process can. Returns the exit status."""
    import os
    import signal
    import time

    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: open, run, write; its status tells the parent how it went
        code = 70
        try:
            code = work()
        except KgError as exc:
            print(f"kg query: error: {exc}", file=sys.stderr)
            code = exc.exit_code
        except BrokenPipeError:
            code = 0
        except BaseException as exc:  # the child must end here, whatever happened
            print(f"kg query: internal error: {type(exc).__name__}: {exc} -- a bug in dipkg; please report it",
                  file=sys.stderr)
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    deadline = time.monotonic() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 70
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise KgError(f"no answer within {seconds:g} s (--timeout): the query was stopped; make it cheaper (a "
                          "LIMIT, fewer OPTIONALs, a more selective first pattern) or give more time")
        time.sleep(0.02)
