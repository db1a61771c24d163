"""`kg validate GRAPH [--format text|ttl]`: check a graph file against the SHACL shapes of dipkg."""

from __future__ import annotations

import argparse
import sys

from kg.commands.graph_input import add_graph_argument, source
from kg.errors import NotConforming
from kg.graph.write import serialize
from kg.validate import ENGINES, validate_file


def add_parser(sub) -> None:
    p = sub.add_parser(
        "validate", help="check a graph (file, store, build folder or stdin) against the SHACL shapes",
        description="Validate GRAPH (a graph file of any RDF format, a store folder, a `kg build --out` folder, or "
        "- for standard input; every named graph merged) against "
        "ontology/shapes.ttl, with ontology/dipkg.ttl and ontology/cameo.ttl as ontology. Prints each result: "
        "severity, shape, focus node, path, message and the sentence it was read from. Warnings do not make a "
        "graph non-conforming. Exit status: 0 conforms, 1 does not conform, 2 unreadable input.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_graph_argument(p)
    p.add_argument("--format", "-f", choices=("text", "ttl"), default="text",
                   help="text: one line per result (default); ttl: the SHACL validation report as Turtle")
    p.add_argument("--validator", choices=ENGINES, default="pyshacl",
                   help="pyshacl: pySHACL, the validator of record (default); turbo: pyshacl-turbo, a Rust engine "
                   "tested to report exactly what pySHACL reports on these shapes, many times faster on big graphs "
                   "(optional package: pip install 'dipkg[turbo]')")


def run(args) -> int:
    src = source(args)
    res = validate_file(src, args.validator)
    if args.format == "ttl":
        sys.stdout.buffer.write(serialize(res.results_graph, "turtle"))
    else:
        for r in res.results:
            print(f"{r.severity.lower()}: {r.describe()}")
        n_viol = len(res.violations)
        print(f"{src.name}: {'conforms' if res.conforms else 'DOES NOT CONFORM'} "
              f"({n_viol} violation(s), {len(res.results) - n_viol} warning(s))")
    sys.stdout.flush()
    if not res.conforms:
        raise NotConforming(f"{src.name} does not conform to the shapes ({len(res.violations)} violation(s))")
    return 0
