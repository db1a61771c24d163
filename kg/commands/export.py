"""`kg export GRAPH --format FMT [--out FILE]`: a graph file in another RDF format, byte-stable."""

from __future__ import annotations

import argparse
import sys

from kg.atomic import write_atomic
from kg.graph.export import export

FORMAT_CHOICES = ("ttl", "nt", "trig", "jsonld", "nq")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export", help="convert a graph file to Turtle, N-Triples, TriG, JSON-LD or N-Quads",
        description="Read GRAPH (Turtle .ttl, TriG .trig, N-Triples .nt, N-Quads .nq, JSON-LD .jsonld/.json, by "
        "extension) and write it in another format. The output is stable: the same graph gives the same bytes. "
        "TriG and N-Quads keep the named graphs of the input; Turtle, N-Triples and JSON-LD merge them. "
        "Literals keep their lexical form; blank nodes get canonical labels (RDFC-1.0). RDF 1.2 triple terms are "
        "refused. Exit status: 0 ok, 2 unreadable input or bad usage.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graph", metavar="GRAPH", help="graph file to read")
    p.add_argument("--format", "-f", required=True, choices=FORMAT_CHOICES, help="output format")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    p.add_argument("--base", metavar="IRI", help="base IRI that relative IRIs in GRAPH are resolved against "
                   "(RFC 3986; default: the file's own file: URI)")


def run(args) -> int:
    data = export(args.graph, args.format, base=args.base)
    if args.out:
        write_atomic(args.out, data)
        print(f"wrote {args.out} ({args.format}, {len(data):,} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
