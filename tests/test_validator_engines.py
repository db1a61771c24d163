"""pyshacl-turbo is offered beside pySHACL (the validator of record) because it reports exactly the same on every
graph whose literals are well-typed: the same results, field by field (shape, focus, path, severity, message,
value, text, component), on the good graph and every broken graph of tests/shapes/, on the seed's graph, on built
corpora and on corpora broken on purpose. Batching articles (what `kg build` does) changes no result either.

Where they differ, on ill-typed literals ("abc"^^xsd:nonNegativeInteger: `kg build` never writes one), the tests
below say exactly how; the W3C SHACL suite is compared in tests/test_w3c_shacl.py."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.bench.corpus import corpus, write_jsonl
from kg.build import BATCH, Assembled, articles_all, assemble, batches, build
from kg.graph.export import flatten, load_graph
from kg.read import read_inputs
from kg.validate import ILL_TYPED, Result, validate, validate_nt

pytest.importorskip("pyshacl_turbo")

SHAPES = Path(__file__).parent / "shapes"
GRAPHS = sorted((SHAPES / "good").glob("*.ttl")) + sorted((SHAPES / "bad").glob("*.ttl"))


@pytest.mark.parametrize("path", GRAPHS, ids=lambda p: p.stem)
def test_turbo_reports_what_pyshacl_reports(path):
    """Good and broken graphs alike: identical results, every field."""
    data = Graph().parse(path)
    a, b = validate(data, engine="pyshacl"), validate(data, engine="turbo")
    assert [r.describe() for r in b.results] == [r.describe() for r in a.results]
    assert b.results == a.results
    assert b.conforms is a.conforms


def test_bad_graphs_are_reported_by_turbo_too():
    """Not a vacuous equality: every bad graph gives turbo at least one result."""
    for path in sorted((SHAPES / "bad").glob("*.ttl")):
        assert validate(Graph().parse(path), engine="turbo").results, path.name


@pytest.fixture(scope="module")
def bench_articles(tmp_path_factory):
    path = write_jsonl(corpus(36, seed=7), tmp_path_factory.mktemp("c") / "c.jsonl")
    docs, problems = read_inputs([path])
    assert problems == []
    arts = articles_all(docs)
    return arts, assemble(arts)


def _all(arts, asm: Assembled, size: int, engine: str, whole_ontology: bool = False) -> list[Result]:
    return sorted({r for nt, refs in batches(arts, asm, size)
                   for r in validate_nt(nt, engine, None if whole_ontology else refs)}, key=Result.sort_key)


def test_built_corpus_same_results_any_engine_any_batch(bench_articles):
    """36 generated articles: article by article or in batches, pySHACL or turbo, the same results (there are
    some: events the generator leaves without a date or an actor are warnings)."""
    arts, asm = bench_articles
    one = _all(arts, asm, 1, "pyshacl", whole_ontology=True)
    assert one, "the corpus should give some warnings"
    assert _all(arts, asm, 1, "pyshacl") == one  # the part of the ontology a batch uses is enough
    assert _all(arts, asm, BATCH["pyshacl"], "pyshacl") == one
    assert _all(arts, asm, BATCH["turbo"], "turbo") == one
    assert _all(arts, asm, len(arts), "turbo") == one


BREAKS = {
    # what is broken → (line filter, replacement)
    "anchor text changed": ("nif-core#anchorOf", lambda ln: ln.replace('" .', 'x" .', 1)),
    "person type dropped": ("> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> .",
                            lambda ln: ""),
    "event CAMEO code dropped": ("/sem/eventType>", lambda ln: ""),
    "membership role as text": ("<http://www.w3.org/ns/org#role> <https://w3id.org/dipkg/ontology#",
                                lambda ln: ln.replace("<https://w3id.org/dipkg/ontology#", '"').replace("> .\n",
                                                                                                      '" .\n')),
    "context link dropped": ("nif-core#referenceContext>", lambda ln: "" if len(ln) % 3 == 0 else ln),
}


@pytest.mark.parametrize("what", sorted(BREAKS))
def test_broken_corpus_same_results(bench_articles, what):
    """The built corpus broken on purpose: both engines report the same violations, and there are some."""
    arts, asm = bench_articles
    needle, change = BREAKS[what]
    docs = [("".join(change(ln) if needle in ln else ln for ln in nt.splitlines(keepends=True)), refs)
            for nt, refs in batches(arts, asm, 12)]
    a = sorted({r for nt, _refs in docs for r in validate_nt(nt, "pyshacl")}, key=Result.sort_key)
    b = sorted({r for nt, refs in docs for r in validate_nt(nt, "turbo", refs)}, key=Result.sort_key)
    assert any(r.severity == "Violation" for r in a), what
    assert b == a


def test_build_outputs_identical_with_either_validator(tmp_path):
    """`kg build --validator turbo` writes byte for byte what the default build writes."""
    src = write_jsonl(corpus(24, seed=3), tmp_path / "c.jsonl")
    a = build([src], tmp_path / "a", report=False)
    b = build([src], tmp_path / "b", report=False, validator="turbo")
    for name in ("graph.ttl", "validation.ttl", "summary.json"):
        assert (tmp_path / "b" / name).read_bytes() == (tmp_path / "a" / name).read_bytes(), name
    assert a.validation.results == b.validation.results


def test_unknown_validator_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown validator 'fast': use one of pyshacl, turbo"):
        build([tmp_path], tmp_path / "o", validator="fast")


def test_query_cache_changes_no_result():
    """pySHACL's SPARQL-based constraints give the same results with rdflib's own processor (a parse per focus
    node) as through the caching graph dipkg hands to pySHACL (a parse per query text)."""
    from unittest import mock

    import kg.validate as v

    paths = [p for p in GRAPHS if p.stem.split("__")[0] in ("SpanIntegrityShape", "EventAfterPublicationShape")]
    assert len(paths) == 3
    v.CachingSPARQLProcessor._cache.clear()
    cached = [validate(Graph().parse(p)).results for p in paths]
    assert len(v.CachingSPARQLProcessor._cache) >= 2
    with mock.patch.object(v, "CachingGraph", Graph):
        v.CachingSPARQLProcessor._cache.clear()
        assert [validate(Graph().parse(p)).results for p in paths] == cached
        assert v.CachingSPARQLProcessor._cache == {}


def test_importing_validate_leaves_rdflibs_sparql_processor_alone():
    """kg.validate caches parsed queries for its own graphs only: rdflib's global "sparql" processor stays rdflib's,
    in a fresh interpreter that imports kg.validate and validates a graph."""
    code = ("import kg.validate as v; from rdflib import Graph, plugin; from rdflib.query import Processor; "
            "from rdflib.plugins.sparql.processor import SPARQLProcessor; "
            f"v.validate(Graph().parse({str(next(p for p in GRAPHS if 'SpanIntegrity' in p.name))!r})); "
            "print(plugin.get('sparql', Processor) is SPARQLProcessor, len(v.CachingSPARQLProcessor._cache) > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


GOOD = SHAPES / "good" / "minimal.ttl"
TYPED = re.compile(r'"([^"]*)"\^\^xsd:([A-Za-z]+)')
# Each typed literal of the good graph made ill-typed in turn → (pySHACL's results, turbo's results), each result
# as (shape, constraint component, local name of the path, lexical form of the value).
ILL = {
    "beginIndex": ([(ILL_TYPED, "DatatypeConstraintComponent", "beginIndex", "abc")],
                   [("SpanShape", "LessThanConstraintComponent", "beginIndex", "abc"),
                    ("SpanShape", "OrConstraintComponent", "beginIndex", "abc")]),
    "endIndex": ([(ILL_TYPED, "DatatypeConstraintComponent", "endIndex", "abc")],
                 [("SpanShape", "LessThanConstraintComponent", "beginIndex", "*"),
                  ("SpanShape", "OrConstraintComponent", "endIndex", "abc")]),
    "hasEarliestBeginTimeStamp": (
        [(ILL_TYPED, "DatatypeConstraintComponent", "hasEarliestBeginTimeStamp", "abc")],
        [("EventDateOrderShape", "LessThanOrEqualsConstraintComponent", "hasEarliestBeginTimeStamp", "abc"),
         ("EventShape", "DatatypeConstraintComponent", "hasEarliestBeginTimeStamp", "abc")]),
    "hasLatestBeginTimeStamp": (
        [("EventShape", "DatatypeConstraintComponent", "hasLatestBeginTimeStamp", "abc"),
         (ILL_TYPED, "DatatypeConstraintComponent", "hasLatestBeginTimeStamp", "abc")],
        [("EventDateOrderShape", "LessThanOrEqualsConstraintComponent", "hasEarliestBeginTimeStamp", "*"),
         ("EventShape", "DatatypeConstraintComponent", "hasLatestBeginTimeStamp", "abc")]),
}


def _ill_cases() -> list[tuple[int, str]]:
    """(offset of the literal, the property it is the value of) for every typed literal of the good graph."""
    text = GOOD.read_text(encoding="utf-8")
    out = []
    for m in TYPED.finditer(text):
        prop = re.findall(r"([A-Za-z]+:)?([A-Za-z]+) *$", text[:m.start()].rsplit("\n", 1)[-1].split(";")[-1])
        out.append((m.start(), prop[-1][1] if prop else "?"))
    return out


def _short(r: Result) -> tuple:
    value = TYPED.sub(lambda m: m.group(1), r.value or "")
    lexical = re.match(r'"([^"]*)"', value)
    return (r.shape, r.component, (r.path or "").rsplit("#", 1)[-1].rsplit("/", 1)[-1],
            lexical.group(1) if lexical and lexical.group(1) == "abc" else "*")


@pytest.mark.parametrize("offset, prop", _ill_cases(), ids=lambda v: str(v))
def test_ill_typed_literal_both_engines_give_a_clear_result(offset, prop, tmp_path, capsys):
    """An ill-typed literal: neither engine fails with a traceback, both say the graph does not conform (or, for a
    literal no shape constrains, that it conforms, alike). pySHACL adds one IllTypedLiteral violation per
    ill-typed literal, and those are all it reports where rdflib's comparisons fail on it; turbo applies every
    shape as the SHACL specification says (an ill-typed value fails sh:datatype and each comparison)."""
    from kg.cli import main

    text = GOOD.read_text(encoding="utf-8")
    m = TYPED.match(text, offset)
    path = tmp_path / "ill.ttl"
    path.write_text(text[:offset] + f'"abc"^^xsd:{m.group(2)}' + text[m.end():], encoding="utf-8")
    got = {}
    for engine in ("pyshacl", "turbo"):
        res = validate(flatten(load_graph(path)), engine=engine)
        got[engine] = sorted(_short(r) for r in res.results)
        assert main(["validate", str(path), "--validator", engine]) == (0 if res.conforms else 1)
        out = capsys.readouterr()
        assert "Traceback" not in out.err and "Traceback" not in out.out
    assert any(r[3] == "abc" for r in got["turbo"]), got
    assert any(r[0] == ILL_TYPED for r in got["pyshacl"]), got
    if prop in ILL:
        assert (got["pyshacl"], got["turbo"]) == (sorted(ILL[prop][0]), sorted(ILL[prop][1]))
