"""SHACL shapes tested both ways: good graphs conform without any result, each bad graph fails exactly its shape.

Bad files are named `<shape local name>__<what is wrong>.ttl`; tests/shapes/generate.py makes them from
tests/shapes/good/minimal.ttl by one change each.
"""

from pathlib import Path

import pytest
from rdflib import Graph

from kg.validate import load_shapes, validate

SHAPES = Path(__file__).parent / "shapes"
GOOD = sorted((SHAPES / "good").glob("*.ttl"))
BAD = sorted((SHAPES / "bad").glob("*.ttl"))
WARNING_SHAPES = {"EntityNameFaShape", "MembershipDateShape", "EventActorShape", "EventDateShape",
                  "EventAfterPublicationShape", "ArticleDateShape", "DateProblemShape", "ReportConflictShape"}


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_good_graph_conforms_without_results(path):
    """A good graph conforms and raises not even a warning."""
    res = validate(Graph().parse(path))
    assert res.conforms
    assert [r.describe() for r in res.results] == []


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.stem)
def test_bad_graph_fails_exactly_its_shape(path):
    """A bad graph is reported by the shape its name says, and by no other shape."""
    shape = path.stem.split("__")[0]
    res = validate(Graph().parse(path))
    assert res.shapes() == {shape}, [r.describe() for r in res.results]
    severity = "Warning" if shape in WARNING_SHAPES else "Violation"
    assert {r.severity for r in res.results} == {severity}
    assert res.conforms is (severity == "Warning")


def test_every_named_shape_has_a_bad_file():
    """Each node shape of shapes.ttl is exercised by at least one bad graph."""
    from rdflib.namespace import RDF

    from kg.graph.vocab import SH

    names = {str(s).rsplit("#", 1)[-1] for s in load_shapes().subjects(RDF.type, SH.NodeShape)}
    covered = {p.stem.split("__")[0] for p in BAD}
    assert names - covered == set()


def test_every_named_shape_has_name_and_message():
    """Each node shape says what it checks (sh:name) and each constraint has a message."""
    from rdflib import BNode
    from rdflib.namespace import RDF

    from kg.graph.vocab import SH

    g = load_shapes()
    for s in g.subjects(RDF.type, SH.NodeShape):
        assert g.value(s, SH.name) is not None, s
        for prop in g.objects(s, SH.property):
            assert isinstance(prop, BNode) and g.value(prop, SH.message) is not None, (s, prop)
        for sparql in g.objects(s, SH.sparql):
            assert g.value(sparql, SH.message) is not None, s


def test_result_names_the_sentence_behind_an_event():
    """A violation on an event quotes the sentence the event was read from."""
    res = validate(Graph().parse(SHAPES / "bad" / "EventShape__bad_modality.ttl"))
    (r,) = res.results
    assert (r.focus, r.path, r.value) == ("https://w3id.org/dipkg/id/event/t1/Visit-20-23",
                                          "https://w3id.org/dipkg/ontology#modality",
                                          "https://w3id.org/dipkg/ontology#Rumoured")
    assert r.text == "دارا کمانی به بستان سفر کرد."


def test_span_integrity_result_names_the_span():
    """The span integrity check reports the offending span as value, with its anchor text."""
    res = validate(Graph().parse(SHAPES / "bad" / "SpanIntegrityShape__anchor_not_text.ttl"))
    (r,) = res.results
    assert r.value == "https://w3id.org/dipkg/id/article/t1/text#char=14,19"
    assert r.text == "بُستان"
    assert "[14, 19)" in r.message


def test_results_graph_is_deterministic_and_blank_node_free():
    """The results graph mints IRIs, so it serialises to the same bytes every time."""
    from rdflib import BNode

    from kg.graph.rdf import serialize

    g1 = validate(Graph().parse(SHAPES / "bad" / "EventShape__two_places.ttl")).results_graph
    g2 = validate(Graph().parse(SHAPES / "bad" / "EventShape__two_places.ttl")).results_graph
    assert not any(isinstance(n, BNode) for t in g1 for n in t)
    assert serialize(g1) == serialize(g2)
