"""`kg validate GRAPH [--format text|ttl]`: check a graph file against the SHACL shapes of dipkg."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import NotConforming
from kg.graph.export import flatten, load_graph
from kg.graph.write import serialize
from kg.validate import ENGINES, ValidationResult, validate, validate_nt


def read_and_validate_turbo(path: Path) -> ValidationResult:
    """With turbo, the file is read by pyoxigraph and handed to the engine as N-Triples (every graph merged), never
    as an rdflib graph: minutes and gigabytes less on a million triples."""
    from kg.graph.export import merged, read_lines

    return ValidationResult(validate_nt("".join(merged(read_lines(path, blank_nodes=True))), "turbo"))


def add_parser(sub) -> None:
    p = sub.add_parser(
        "validate", help="check a graph file against the SHACL shapes (ontology/shapes.ttl)",
        description="Validate GRAPH (Turtle, TriG, N-Triples, N-Quads or JSON-LD, by extension) against "
        "ontology/shapes.ttl, with ontology/dipkg.ttl and ontology/cameo.ttl as ontology. Prints each result: "
        "severity, shape, focus node, path, message and the sentence it was read from. Warnings do not make a "
        "graph non-conforming. Exit status: 0 conforms, 1 does not conform, 2 unreadable input.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("graph", metavar="GRAPH", help="graph file to validate")
    p.add_argument("--format", "-f", choices=("text", "ttl"), default="text",
                   help="text: one line per result (default); ttl: the SHACL validation report as Turtle")
    p.add_argument("--validator", choices=ENGINES, default="pyshacl",
                   help="pyshacl: pySHACL, the validator of record (default); turbo: pyshacl-turbo, a Rust engine "
                   "tested to report exactly what pySHACL reports on these shapes, many times faster on big graphs "
                   "(optional package: pip install 'dipkg[turbo]')")


def run(args) -> int:
    res = read_and_validate_turbo(Path(args.graph)) if args.validator == "turbo" \
        else validate(flatten(load_graph(args.graph)), engine=args.validator)
    if args.format == "ttl":
        sys.stdout.buffer.write(serialize(res.results_graph, "turtle"))
    else:
        for r in res.results:
            print(f"{r.severity.lower()}: {r.describe()}")
        n_viol = len(res.violations)
        print(f"{args.graph}: {'conforms' if res.conforms else 'DOES NOT CONFORM'} "
              f"({n_viol} violation(s), {len(res.results) - n_viol} warning(s))")
    sys.stdout.flush()
    if not res.conforms:
        raise NotConforming(f"{args.graph} does not conform to the shapes ({len(res.violations)} violation(s))")
    return 0
