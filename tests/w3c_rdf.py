"""The W3C RDF 1.1 test suites (tests/w3c/rdf/: Turtle, TriG, N-Triples, N-Quads, RDF/XML) through `kg export`.

Every positive syntax and evaluation case is exported to every format `kg export` writes, and the output read back
with pyoxigraph (a conformant parser) must be the expected graph up to blank node labels: the case's mf:result for
an evaluation test, the input as pyoxigraph reads it for a syntax test; rdflib must parse it too. Triple formats
(Turtle, N-Triples, JSON-LD compacted and expanded) merge the named graphs, so their expected graph is the union of
all graphs. A case a writer cannot carry must be refused: exit status 2 and a one-line "kg export: error: ..."
message, no traceback.

    cases() -> [Case]                        the cases of the five manifests
    run(case, fmt, tmp) -> (outcome, detail) outcome: pass | refused | wrong | invalid | crash
    python tests/w3c_rdf.py                  counts per suite and format (what the closing note of issue 14 gives)
"""

from __future__ import annotations

import contextlib
import io
import sys
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent / "w3c" / "rdf"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
# suite folder → (the base IRI the suite's cases are read with, input format, positive test types)
SUITES = {
    "turtle": ("http://www.w3.org/2013/TurtleTests/", ox.RdfFormat.TURTLE,
               ("TestTurtleEval", "TestTurtlePositiveSyntax")),
    "trig": ("http://www.w3.org/2013/TriGTests/", ox.RdfFormat.TRIG, ("TestTrigEval", "TestTrigPositiveSyntax")),
    "ntriples": ("http://www.w3.org/2013/N-TriplesTests/", ox.RdfFormat.N_TRIPLES,
                 ("TestNTriplesPositiveSyntax",)),
    "nquads": ("http://www.w3.org/2013/N-QuadsTests/", ox.RdfFormat.N_QUADS, ("TestNQuadsPositiveSyntax",)),
    "rdf-xml": ("http://www.w3.org/2013/RDFXMLTests/", ox.RdfFormat.RDF_XML, ("TestXMLEval",)),
}
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
           "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD, "jsonld-expanded": ox.RdfFormat.JSON_LD}
EXT = {"ttl": ".ttl", "nt": ".nt", "trig": ".trig", "nq": ".nq", "jsonld": ".jsonld", "jsonld-expanded": ".jsonld"}
QUAD_FORMATS = {"trig", "nq"}


@dataclass(frozen=True)
class Case:
    suite: str
    name: str
    kind: str  # the rdft: test type
    action: Path
    result: Path | None

    @property
    def id(self) -> str:
        return f"{self.suite}/{self.name}"

    @property
    def base(self) -> str:
        return SUITES[self.suite][0] + self.action.relative_to(HERE / self.suite).as_posix()


def cases() -> list[Case]:
    out = []
    for suite, (_base, _fmt, kinds) in SUITES.items():
        folder = HERE / suite
        manifest = folder / "manifest.ttl"
        quads = list(ox.parse(path=str(manifest), format=ox.RdfFormat.TURTLE, base_iri=folder.as_uri() + "/"))
        props = {(q.subject, q.predicate.value): q.object for q in quads}
        for kind in kinds:
            for q in quads:
                if q.predicate != RDF_TYPE or q.object != ox.NamedNode(RDFT + kind):
                    continue
                action, result = props.get((q.subject, MF + "action")), props.get((q.subject, MF + "result"))
                out.append(Case(suite, props[(q.subject, MF + "name")].value, kind, _path(action),
                                _path(result) if result is not None else None))
    return sorted(out, key=lambda c: (c.suite, c.name))


def _path(iri: ox.NamedNode) -> Path:
    return Path(iri.value.removeprefix("file://"))


def expected(case: Case, fmt: str) -> ox.Dataset:
    """The graph the output of `fmt` must be: the mf:result (or the input as pyoxigraph reads it), merged into
    the default graph for the triple formats."""
    base = case.base if export_takes_base() else case.action.as_uri()
    if case.result is not None:
        fmt_in = ox.RdfFormat.N_QUADS if case.result.suffix == ".nq" else ox.RdfFormat.N_TRIPLES
        text = case.result.read_text(encoding="utf-8")
        if not export_takes_base():
            text = text.replace(SUITES[case.suite][0], (HERE / case.suite).as_uri() + "/")
        quads = ox.parse(text, format=fmt_in, base_iri=base, lenient=True)  # see _read
    else:
        quads = ox.parse(path=str(case.action), format=SUITES[case.suite][1], base_iri=base)
    return _canonical(quads, merge=fmt not in QUAD_FORMATS)


def _canonical(quads, merge: bool) -> ox.Dataset:
    ds = ox.Dataset()
    for q in quads:
        ds.add(ox.Quad(q.subject, q.predicate, q.object) if merge else q)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return ds


def _read(path: Path, fmt: str) -> list[ox.Quad]:
    """The output read back by pyoxigraph, strictly; leniently only where the strict reader refuses an IRI code
    point that the grammars allow (pyoxigraph checks IRIs against RFC 3987's ucschar ranges, which leave out
    U+E0000-U+E0FFF, while the N-Triples/Turtle IRIREF production takes them: one Turtle case uses U+E01EF)."""
    try:
        return list(ox.parse(path=str(path), format=FORMATS[fmt], base_iri="http://example.invalid/base"))
    except SyntaxError as exc:
        if "Invalid IRI code point" not in str(exc):
            raise
        return list(ox.parse(path=str(path), format=FORMATS[fmt], base_iri="http://example.invalid/base",
                             lenient=True))


def export_takes_base() -> bool:
    """Whether `kg export` has --base (the code before issue 14 had not: it read files with their own URI as
    base, so the expected graphs are then rewritten to that base to measure it fairly)."""
    global _TAKES_BASE
    if _TAKES_BASE is None:
        _TAKES_BASE = "--base" in _export_help()
    return _TAKES_BASE


_TAKES_BASE: bool | None = None


def _export_help() -> str:
    from kg.cli import make_parser

    parser = make_parser()[0]
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices["export"].format_help()


def run(case: Case, fmt: str, tmp: Path) -> tuple[str, str]:
    """Export `case` to `fmt` with `kg export` (in this process) and judge the output."""
    from kg.cli import main

    out = tmp / f"{case.suite}-{case.name}{EXT[fmt]}"
    out.unlink(missing_ok=True)
    argv = ["export", str(case.action), "--format", fmt, "--out", str(out)]
    if export_takes_base():
        argv += ["--base", case.base]
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            code = main(argv)
    except BaseException:  # a traceback is a failure, whatever it is
        return "crash", traceback.format_exc(limit=-3).strip().splitlines()[-1]
    message = err.getvalue().strip()
    if code == 2 and message.startswith("kg export: error:") and len(message.splitlines()) == 1 \
            and not out.exists():
        return "refused", message
    if code != 0 or not out.exists():
        return "crash", f"exit {code}: {message[:200]}"
    try:
        got = _canonical(_read(out, fmt), merge=fmt not in QUAD_FORMATS)
    except (SyntaxError, ValueError) as exc:
        return "invalid", str(exc).splitlines()[0][:200]
    want = expected(case, fmt)
    if set(got) != set(want):
        return "wrong", f"{len(set(got) - set(want))} quads not expected, {len(set(want) - set(got))} missing"
    return _rdflib_reads(out, fmt)


RDFLIB = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld",
          "jsonld-expanded": "json-ld"}


def _rdflib_reads(path: Path, fmt: str) -> tuple[str, str]:
    """rdflib, the other reader users have, must parse the output too (its reading is not judged: it rewrites
    literals and splits blank nodes across TriG graphs)."""
    import logging
    import warnings

    from rdflib import Dataset

    logging.disable(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            Dataset().parse(path, format=RDFLIB[fmt])
    except Exception as exc:  # any failure of rdflib's parser is what is counted
        return "invalid", f"rdflib cannot read it: {str(exc).splitlines()[0][:150]}"
    finally:
        logging.disable(logging.NOTSET)
    return "pass", ""


def main() -> int:
    import tempfile

    counts: dict[tuple[str, str], Counter] = {}
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases():
            for fmt in FORMATS:
                outcome, detail = run(case, fmt, Path(tmp))
                counts.setdefault((case.suite, fmt), Counter())[outcome] += 1
                if outcome not in ("pass", "refused") or "-v" in sys.argv:
                    failures.append(f"{outcome:8} {fmt:6} {case.id}: {detail}")
    total: Counter = Counter()
    print(f"{'suite':9} {'format':6} {'cases':>5} {'pass':>5} {'refused':>7} {'wrong':>5} {'invalid':>7} "
          f"{'crash':>5}")
    for (suite, fmt), c in sorted(counts.items()):
        total += c
        print(f"{suite:9} {fmt:6} {c.total():5} {c['pass']:5} {c['refused']:7} {c['wrong']:5} {c['invalid']:7} "
              f"{c['crash']:5}")
    print(f"{'all':9} {'':6} {total.total():5} {total['pass']:5} {total['refused']:7} {total['wrong']:5} "
          f"{total['invalid']:7} {total['crash']:5}")
    for f in failures:
        print(f)
    return 0


if __name__ == "__main__":
    sys.path.append(str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
