"""kg.graph.turtle: N-Triples lines → Turtle, checked by parsing the Turtle back (pyoxigraph and rdflib)."""

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.graph.turtle import turtle

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PREFIXES = {"ex": "http://example.org/", "xsd": "http://www.w3.org/2001/XMLSchema#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "c": "https://w3id.org/dipkg/cameo/"}

LINES = [
    '<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/T> .\n',
    '<http://example.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/U> .\n',
    '<http://example.org/a> <http://example.org/say> "quote \\" back \\\\ line\\nend" .\n',
    '<http://example.org/a> <http://example.org/say> "سلام"@fa .\n',
    '<http://example.org/a> <http://example.org/n> "007"^^<http://www.w3.org/2001/XMLSchema#nonNegativeInteger> .\n',
    '<http://example.org/a> <http://example.org/odd> "x"^^<http://example.org/my/type> .\n',
    '<http://example.org/a> <http://example.org/code> <https://w3id.org/dipkg/cameo/042> .\n',
    '<http://example.org/a/b#c=1,2> <http://example.org/p> <http://example.org/ends.> .\n',
    '<http://example.org/a/b#c=1,2> <http://example.org/p> <http://example.org/%C3%A9> .\n',
    '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://example.org/is> '
    '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> .\n',
    '<http://example.org/z> <http://example.org/p> '
    '"a \\"quoted\\" \\"word\\""^^<http://www.w3.org/2001/XMLSchema#string> .\n',
]


def test_same_graph_as_the_lines():
    """Parsed back by two parsers, the Turtle holds exactly the triples of the N-Triples."""
    data = turtle(LINES, PREFIXES)
    nt = "".join(LINES)
    assert set(ox.parse(data, format=ox.RdfFormat.TURTLE)) == set(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    assert set(Graph().parse(data=data, format="turtle")) == set(Graph().parse(data=nt, format="nt"))


def test_exact_text():
    """Subjects grouped with ';', objects with ',', prefixed names only for plain local names, 'a' for
    rdf:type as a predicate only, datatypes abbreviated."""
    assert turtle(LINES[:8], PREFIXES).decode("utf-8") == (
        "@prefix c: <https://w3id.org/dipkg/cameo/> .\n"
        "@prefix ex: <http://example.org/> .\n"
        "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "\n"
        "ex:a a ex:T , ex:U ;\n"
        '\tex:say "quote \\" back \\\\ line\\nend" , "سلام"@fa ;\n'
        '\tex:n "007"^^xsd:nonNegativeInteger ;\n'
        '\tex:odd "x"^^<http://example.org/my/type> ;\n'
        "\tex:code c:042 .\n"
        "<http://example.org/a/b#c=1,2> ex:p <http://example.org/ends.> .\n")


def test_no_lines_only_prefixes():
    assert turtle([], {"ex": "http://example.org/"}) == b"@prefix ex: <http://example.org/> .\n\n"


def test_seed_graph_round_trips(tmp_path):
    """The seed's graph.ttl (written by this module) parses to the triples kg.graph.rdf makes for the seed."""
    from kg.build import build
    from kg.graph.rdf import extractions_to_graph

    res = build([SEEDS], tmp_path / "o", report=False)
    written = Graph().parse(tmp_path / "o" / "graph.ttl")
    assert set(written) == set(extractions_to_graph(res.extractions))


def test_corpus_graph_is_the_rdflib_graph_and_stable(tmp_path):
    """24 generated articles (posts shared between articles, entities in many): graph.ttl holds exactly the
    triples kg.graph.rdf builds in an rdflib graph, each once, and the bytes do not depend on --jobs."""
    from kg.bench.corpus import corpus, write_jsonl
    from kg.build import build
    from kg.graph.rdf import extractions_to_graph

    src = write_jsonl(corpus(24, seed=5), tmp_path / "c.jsonl")
    one = build([src], tmp_path / "one", report=False)
    two = build([src], tmp_path / "two", report=False, jobs=2)
    data = (tmp_path / "one" / "graph.ttl").read_bytes()
    assert (tmp_path / "two" / "graph.ttl").read_bytes() == data
    triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE))
    assert len(triples) == len(set(triples)) == one.triples == two.triples
    assert set(Graph().parse(data=data, format="turtle")) == set(extractions_to_graph(one.extractions))
