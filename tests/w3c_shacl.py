"""The W3C SHACL test suite, core and SPARQL (tests/w3c/shacl/), through both engines dipkg offers.

Each sht:Validate case is read the way `kg validate` reads a file (`kg.graph.export.load_graph`: pyoxigraph, into
rdflib) and validated by pySHACL and by pyshacl-turbo with the options `kg.validate` uses. A result is compared on
focus node, path, value, constraint component, severity and source shape (a blank node stands for any blank node).

    cases() -> [Case]
    run(case, engine) -> (outcome, results)   outcome: pass | conforms-only (sh:conforms right, results differ) |
                                              fail | crash
    python tests/w3c_shacl.py                 counts per engine, and the cases where the engines differ
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, BNode, Graph, Literal, Namespace

HERE = Path(__file__).resolve().parent / "w3c" / "shacl"
SH = Namespace("http://www.w3.org/ns/shacl#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
ENGINES = ("pyshacl", "turbo")
FIELDS = (SH.focusNode, SH.resultPath, SH.value, SH.sourceConstraintComponent, SH.resultSeverity, SH.sourceShape)


@dataclass(frozen=True)
class Case:
    name: str  # folder/file-stem
    data: Path
    shapes: Path
    conforms: bool | None  # None: the case expects the engine to refuse the shapes (mf:result sht:Failure)
    results: tuple  # sorted normalised results


def _read(path: Path) -> Graph:
    from kg.graph.export import flatten, load_graph

    return flatten(load_graph(path))


def _file(iri) -> Path:
    return Path(str(iri).removeprefix("file://").split("#")[0])


def cases() -> list[Case]:
    out = []
    for path in sorted(HERE.glob("*/*/*.ttl")):
        if path.name == "manifest.ttl":
            continue
        g = _read(path)  # as kg reads it: rdflib would rewrite the ill-typed literals of the expected reports
        for test in g.subjects(RDF.type, SHT.Validate):
            action, report = g.value(test, MF.action), g.value(test, MF.result)
            out.append(Case(str(path.relative_to(HERE).with_suffix("")), _file(g.value(action, SHT.dataGraph)),
                            _file(g.value(action, SHT.shapesGraph)),
                            None if report == SHT.Failure else bool(g.value(report, SH.conforms).toPython()),
                            normalised(g, report)))
    return out


def _norm(term) -> str:
    if term is None:
        return "-"
    if isinstance(term, BNode):
        return "[]"
    if isinstance(term, Literal):
        return term.n3()
    return str(term)


def normalised(g: Graph, report) -> tuple:
    return tuple(sorted(tuple(_norm(g.value(r, f)) for f in FIELDS) for r in g.objects(report, SH.result)))


def run(case: Case, engine: str) -> tuple[str, tuple]:
    from pyshacl import validate as shacl_validate

    from kg.validate import _TURBO_OPTIONS, compiled_shapes_of

    try:
        data, shapes = _read(case.data), _read(case.shapes)
        if engine == "pyshacl":
            report = shacl_validate(data, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True,
                                    abort_on_first=False, advanced=False, meta_shacl=False, debug=False)[1]
        else:
            report = compiled_shapes_of(shapes).validate(data, **_TURBO_OPTIONS)[1]
    except Exception as exc:  # an engine failing on a case is what is counted here
        return ("pass" if case.conforms is None else "crash"), (f"{type(exc).__name__}: {str(exc)[:120]}",)
    if case.conforms is None:
        return "fail", ("validated shapes it should have refused",)
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    got = normalised(report, node)
    conforms = not got  # SHACL: a report with any result, of any severity, does not conform
    if conforms != case.conforms:
        return "fail", got
    return ("pass" if got == case.results else "conforms-only"), got


def main() -> int:
    import logging

    logging.disable(logging.WARNING)
    counts = {e: Counter() for e in ENGINES}
    differ = []
    all_cases = cases()
    for case in all_cases:
        outs = {e: run(case, e) for e in ENGINES}
        for e, (outcome, _r) in outs.items():
            counts[e][outcome] += 1
        for e, (outcome, got) in outs.items():
            if outcome != "pass" and "-v" in sys.argv:
                print(f"{e} {outcome} {case.name}:\n  expected {case.results}\n  got      {got}")
        if outs["pyshacl"] != outs["turbo"]:
            differ.append(f"{case.name}: pyshacl {outs['pyshacl'][0]}, turbo {outs['turbo'][0]}")
    print(f"{len(all_cases)} cases")
    for e, c in counts.items():
        print(f"{e:8} " + ", ".join(f"{k} {c[k]}" for k in ("pass", "conforms-only", "fail", "crash")))
    print(f"engines differ on {len(differ)} case(s):")
    for d in differ:
        print("  " + d)
    return 0


if __name__ == "__main__":
    sys.path.append(str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
