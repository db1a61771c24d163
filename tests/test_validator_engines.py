"""pyshacl-turbo is offered beside pySHACL (the validator of record) only because it reports exactly the same:
the same results, field by field (shape, focus, path, severity, message, value, text, component), on the good
graph and every broken graph of tests/shapes/, on the seed's graph, on built corpora and on corpora broken on
purpose. Batching articles (what `kg build` does) changes no result either."""

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.bench.corpus import corpus, write_jsonl
from kg.build import BATCH, Assembled, articles_all, assemble, batches, build
from kg.read import read_inputs
from kg.validate import Result, validate, validate_nt

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
