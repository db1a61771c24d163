"""`kg export GRAPH [--format FMT] [--out FILE]`: a graph in another RDF format, byte-stable."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.atomic import write_atomic
from kg.commands.graph_input import add_graph_argument, source
from kg.errors import KgError
from kg.graph.export import export

FORMAT_CHOICES = ("ttl", "nt", "trig", "jsonld", "jsonld-expanded", "nq")
# --out suffix → the format it names ("jsonld" covers jsonld-expanded too); .rdf/.owl are read, not written
OUT_SUFFIXES = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".ntriples": "nt", ".trig": "trig", ".nq": "nq",
                ".nquads": "nq", ".jsonld": "jsonld", ".json": "jsonld"}


def add_parser(sub) -> None:
    p = sub.add_parser(
        "export", help="convert a graph (file, store, build folder or stdin) to Turtle, N-Triples, TriG, JSON-LD or "
        "N-Quads",
        description="Read GRAPH and write it in another format. GRAPH is any input every kg command reads: a graph "
        "file (Turtle, N-Triples, TriG, N-Quads, JSON-LD, RDF/XML, by extension), a store folder made by `kg build "
        "--store`, a `kg build --out` folder (its graph.ttl), or - for standard input. The format is --format, "
        "else the extension of --out (.ttl, .nt, .trig, .nq, .jsonld). The output is stable: the same graph gives "
        "the same bytes. TriG and N-Quads keep the named graphs of the input (a store's article graphs, without "
        "the copy of their union it keeps in its default graph); Turtle, N-Triples and JSON-LD merge them. "
        "JSON-LD is compacted with a @context of the project's prefixes (dip:, id:, schema:, …); "
        "jsonld-expanded writes the expanded form (full IRIs, no @context). "
        "Literals keep their lexical form; blank nodes get canonical labels (RDFC-1.0). RDF 1.2 triple terms are "
        "refused. Exit status: 0 ok, 2 unreadable input or bad usage, 4 cannot write --out.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_graph_argument(p)
    p.add_argument("--format", "-f", choices=FORMAT_CHOICES,
                   help="output format: ttl, nt, trig, nq, jsonld (compacted, with a @context), jsonld-expanded "
                   "(default: what the extension of --out says)")
    p.add_argument("--out", "-o", metavar="FILE", help="write to FILE (atomically) instead of standard output")
    p.add_argument("--base", metavar="IRI", help="base IRI that relative IRIs in GRAPH are resolved against "
                   "(RFC 3986; default: the file's own file: URI)")


def output_format(fmt: str | None, out: str | None) -> str:
    """The format to write: --format, else the one --out's extension names; a usage error when neither says one
    or when they disagree."""
    suffix = Path(out).suffix.lower() if out else ""
    named = OUT_SUFFIXES.get(suffix)
    if fmt is None:
        if named is not None:
            return named
        if out is None:
            raise KgError("give --format (ttl, nt, trig, nq, jsonld, jsonld-expanded), or an --out file whose "
                          "extension names one (.ttl, .nt, .trig, .nq, .jsonld)")
        raise KgError(f"--out {out}: its extension {suffix or '(none)'!r} names no format kg export writes: give "
                      "--format (ttl, nt, trig, nq, jsonld, jsonld-expanded) or end --out in .ttl, .nt, .trig, .nq "
                      "or .jsonld")
    if named is not None and named != fmt.removesuffix("-expanded"):
        raise KgError(f"--format {fmt} and --out {out} disagree ({suffix} is {named}): drop --format, or give "
                      "--out an extension that matches it")
    return fmt


def run(args) -> int:
    fmt = output_format(args.format, args.out)
    data = export(source(args), fmt, base=args.base)
    if args.out:
        write_atomic(args.out, data)
        print(f"wrote {args.out} ({fmt}, {len(data):,} bytes)", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0
