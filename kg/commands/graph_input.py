"""The graph argument every command that reads a graph takes (export, validate, analyze, report, query, serve, push):
the same words in each --help, the same --input-format, one resolver (`kg.graph.source.resolve`)."""

from __future__ import annotations

from kg.graph.source import INPUT_FORMATS, GraphSource, resolve

READS = ("a graph file (Turtle .ttl, N-Triples .nt, TriG .trig, N-Quads .nq, JSON-LD .jsonld/.json, RDF/XML "
         ".rdf/.owl, by extension), a store folder made by `kg build --store` (its named graphs; their union for "
         "a triple format), a `kg build --out` folder (its graph.ttl), or - for standard input (format by "
         "--input-format, else sniffed)")


def add_graph_argument(p, dest: str = "graph", metavar: str = "GRAPH", nargs: str | None = None) -> None:
    """The positional graph argument and --input-format/-i."""
    p.add_argument(dest, metavar=metavar, nargs=nargs, help=READS)
    p.add_argument("--input-format", "-i", metavar="FMT", choices=list(INPUT_FORMATS),
                   help=f"format of the input ({', '.join(INPUT_FORMATS)}): needed for - when it cannot be told "
                   "from the bytes, and overrides a file's extension")


def source(args, dest: str = "graph") -> GraphSource:
    """The resolved graph input of the parsed arguments."""
    return resolve(getattr(args, dest), getattr(args, "input_format", None))
