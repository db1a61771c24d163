"""Extraction → RDF: exact triples (golden graph), IRIs, determinism, and refusal of inconsistent extractions."""

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdf_sample import TEXT, at, sample_extraction
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, XSD

from kg.errors import InputError
from kg.graph import iris
from kg.graph.rdf import extraction_to_graph, extractions_to_graph, serialize, write_graph
from kg.graph.vocab import CAMEO, DATA, DIP, ITSRDF, NIF, ORG, SCHEMA, SEM, SKOS
from kg.model import DateInfo, Document, Entity, Event, Extraction, Mention, Span
from kg.validate import validate_extractions

GOLDEN = Path(__file__).parent / "golden"
E = "https://w3id.org/dipkg/id/"


def assert_isomorphic(expected: Graph, got: Graph) -> None:
    """Fail with the triples found only on one side, one per line."""
    if to_isomorphic(expected) == to_isomorphic(got):
        return
    _both, only_exp, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
    lines = [f"- {' '.join(n.n3() for n in t)}" for t in sorted(only_exp)]
    lines += [f"+ {' '.join(n.n3() for n in t)}" for t in sorted(only_got)]
    pytest.fail("graphs differ (- only in golden, + only in built):\n" + "\n".join(lines))


def test_sample_matches_golden_graph():
    """The sample extraction gives exactly the triples of tests/golden/sample.ttl."""
    assert_isomorphic(Graph().parse(GOLDEN / "sample.ttl"), extraction_to_graph(sample_extraction()))


PERSON = URIRef(E + "person/darakmani-e9a3af")  # person_داراکمانی: romanised, then the hash of the key
VISIT = URIRef(E + "event/toy-1/Visit-76-79")
MEETING = URIRef(E + "event/toy-1/Meeting-113-118")


@pytest.mark.parametrize("triple, present", [
    ((URIRef(E + "article/toy-1"), SCHEMA.datePublished, Literal("2023-09-26", datatype=XSD.date)), True),
    ((URIRef(E + "article/toy-1"), SCHEMA.datePublished, Literal("2023-09-26")), False),  # never a plain string
    ((URIRef(E + "article/toy-1/text#char=70,75"), NIF.anchorOf, Literal("بستان")), True),
    ((URIRef(E + "article/toy-1/text#char=70,75"), NIF.beginIndex, Literal(70, datatype=XSD.nonNegativeInteger)),
     True),
    ((URIRef(E + "article/toy-1/text#char=70,75"), ITSRDF.taIdentRef, URIRef(E + "country/beland")), True),
    ((VISIT, RDF.type, DIP.Visit), True),
    ((VISIT, RDF.type, DIP.Event), True),
    ((VISIT, SEM.eventType, CAMEO["042"]), True),
    ((VISIT, SEM.hasActor, PERSON), True),
    ((VISIT, DIP.source, PERSON), True),
    ((VISIT, SCHEMA.startDate, Literal("2023-09-25", datatype=XSD.date)), True),
    ((VISIT, DIP.datePrecision, DIP.Day), True),
    ((MEETING, SEM.hasActor, URIRef(E + "person/bahar")), True),
    ((MEETING, SCHEMA.startDate, None), False),  # no date, no startDate
    ((MEETING, DIP.modality, None), False),  # happened: no modality
    ((URIRef(E + "country/alefland"), SCHEMA.sameAs, URIRef("http://www.wikidata.org/entity/Q999999")), True),
    ((URIRef(E + "country/beland"), SCHEMA.sameAs, None), False),  # no qid, no sameAs
    ((URIRef(E + "membership/toy-1/0-43-ForeignMinister"), ORG.role, DIP.ForeignMinister), True),
    ((URIRef(E + "membership/toy-1/0-43-ForeignMinister"), DIP.country, URIRef(E + "country/alefland")), True),
])
def test_sample_triples(triple, present):
    """Key triples of the contract are there, and their wrong variants are not."""
    assert (triple in extraction_to_graph(sample_extraction())) is present


def test_no_blank_nodes():
    """No blank nodes: every node has a minted IRI, so output is deterministic."""
    g = extraction_to_graph(sample_extraction())
    assert not any(isinstance(n, BNode) for t in g for n in t)


def test_sample_graph_conforms():
    """The builder's output conforms to the shapes (only the dateless meeting is flagged, as a warning)."""
    res = validate_extractions([sample_extraction()])
    assert res.conforms
    assert [(r.shape, r.severity, r.focus) for r in res.results] == [("EventDateShape", "Warning", str(MEETING))]


def test_planned_future_event_is_not_flagged_but_unplanned_is():
    """An event after publication is flagged unless dip:Planned; it is never corrected."""
    x = sample_extraction()
    x.events[0].date = DateInfo(date(2023, 10, 1), date(2023, 10, 1), "Day", "۹ مهر")
    assert "EventAfterPublicationShape" in validate_extractions([x]).shapes("Warning")
    x.events[0].modality = "Planned"
    assert "EventAfterPublicationShape" not in validate_extractions([x]).shapes()


@pytest.mark.parametrize("precision, earliest, latest, start_date", [
    ("Day", date(2023, 9, 25), date(2023, 9, 25), True),
    ("Month", date(2023, 6, 22), date(2023, 7, 22), False),
    ("Year", date(2023, 3, 21), date(2024, 3, 19), False),
])
def test_date_bounds_and_start_date(precision, earliest, latest, start_date):
    """Bounds are always given; schema:startDate only for a day."""
    x = sample_extraction()
    x.events[0].date = DateInfo(earliest, latest, precision, "تیر ۱۴۰۲")
    g = extraction_to_graph(x)
    assert g.value(VISIT, SEM.hasEarliestBeginTimeStamp) == Literal(earliest.isoformat(), datatype=XSD.date)
    assert g.value(VISIT, SEM.hasLatestBeginTimeStamp) == Literal(latest.isoformat(), datatype=XSD.date)
    assert g.value(VISIT, DIP.datePrecision) == DIP[precision]
    assert ((VISIT, SCHEMA.startDate, None) in g) is start_date


def test_anchor_mismatch_raises():
    """A mention whose text is not the text at its offsets is refused, naming the article."""
    x = sample_extraction()
    x.mentions[2] = Mention(Span(70, 75), "بِستان", "beland")
    with pytest.raises(InputError, match=r"tests/toy-1.txt: mention \[70, 75\)"):
        extraction_to_graph(x)


@pytest.mark.parametrize("change", [
    lambda x: x.events[0].__setattr__("trigger", Span(len(TEXT), len(TEXT) + 3)),  # span past the end
    lambda x: x.events[0].__setattr__("actors", ["nowhere"]),  # unknown entity
    lambda x: x.posts[0].__setattr__("person", "nobody"),
    lambda x: x.mentions.append(Mention(at("بستان"), "بستان", "ghost")),
    lambda x: x.events[0].__setattr__("type", "Picnic"),  # not an event type
    lambda x: x.events[0].__setattr__("modality", "Rumoured"),
    lambda x: x.posts[0].__setattr__("role", "King"),
])
def test_inconsistent_extraction_raises(change):
    """Spans outside the text, unknown entities, types, roles and modalities are input errors."""
    x = sample_extraction()
    change(x)
    with pytest.raises(InputError):
        extraction_to_graph(x)


def test_serialisation_is_byte_identical_within_a_process(tmp_path):
    """Two serialisations of two builds give the same bytes, and write_graph writes exactly them."""
    a = serialize(extraction_to_graph(sample_extraction()))
    b = serialize(extraction_to_graph(sample_extraction()))
    assert a == b
    write_graph(extraction_to_graph(sample_extraction()), tmp_path / "g.ttl")
    assert (tmp_path / "g.ttl").read_bytes() == a
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]  # no temp file left behind


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nq", "jsonld"])
def test_serialisation_is_byte_identical_across_hash_seeds(fmt):
    """Output does not depend on Python's string hash seed (set iteration order)."""
    code = ("import sys; sys.path.insert(0, 'tests'); from rdf_sample import sample_extraction; "
            "from kg.graph.rdf import extraction_to_graph, serialize; "
            f"sys.stdout.buffer.write(serialize(extraction_to_graph(sample_extraction()), {fmt!r}))")
    root = Path(__file__).parent.parent
    outs = {subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1


def test_entities_merge_by_key_across_articles():
    """Two articles naming one entity differently give one node: first name canonical, the other alternate."""
    x1, x2 = sample_extraction("a1"), sample_extraction("a2")
    x2.entities["beland"] = replace(x2.entities["beland"], name_fa="جمهوری بستان", alt_names=set())
    g = extractions_to_graph([x1, x2])
    node = URIRef(E + "country/beland")
    assert set(g.objects(node, SCHEMA.name)) == {Literal("بستان", lang="fa"), Literal("Beland", lang="en")}
    assert set(g.objects(node, SCHEMA.alternateName)) == {Literal("جمهوری بستان", lang="fa")}
    assert len(set(g.subjects(RDF.type, SCHEMA.NewsArticle))) == 2


def test_membership_links_its_org_post_by_dip_post_with_the_title_as_written():
    """The exact title goes on an org:Post (skos:prefLabel@fa) shared by all holders of the same title, linked from
    the membership by dip:post (the W3C Organization ontology has no such term; org:post is not one of its)."""
    g = extraction_to_graph(sample_extraction())
    post = g.value(URIRef(E + "membership/toy-1/0-43-ForeignMinister"), DIP.post)
    assert post == iris.post_iri("ForeignMinister", "alefland", "وزیر امور خارجه")
    assert g.value(post, SKOS.prefLabel) == Literal("وزیر امور خارجه", lang="fa")
    used = {str(t)[len(str(ORG)):] for triple in g for t in triple if str(t).startswith(str(ORG))}
    assert used == {"Membership", "Post", "member", "role"}  # all terms of W3C ORG


def test_outlet_becomes_publisher_organization():
    """doc.outlet is a display name: it becomes a schema:Organization, the same IRI in every article."""
    g1 = extraction_to_graph(sample_extraction("a1"))
    g2 = extraction_to_graph(sample_extraction("a2"))
    p1 = g1.value(URIRef(E + "article/a1"), SCHEMA.publisher)
    assert p1 == g2.value(URIRef(E + "article/a2"), SCHEMA.publisher)
    assert (p1, RDF.type, SCHEMA.Organization) in g1


@pytest.mark.parametrize("made, expected", [
    (iris.entity_iri("Country", "iran"), E + "country/iran"),
    (iris.entity_iri("Mission", "mission:azerbaijan@tehran"), E + "mission/mission:azerbaijan@tehran"),
    (iris.entity_iri("Person", "person_ناصرکنعانی"), E + "person/nasr_knani-656724"),  # a given name split off
    (iris.entity_iri("City", "a b/c#d"), E + "city/a_b_c_d-75189e"),  # no space, no extra path or fragment
    (iris.article_iri("doc 1"), E + "article/doc%201"),
    (iris.context_iri("d1"), E + "article/d1/text"),
    (iris.span_iri("d1", 3, 9), E + "article/d1/text#char=3,9"),
    (iris.event_iri("d1", "Visit", 3, 9), E + "event/d1/Visit-3-9"),
    (iris.membership_iri("d1", 0, 4, "Ambassador"), E + "membership/d1/0-4-Ambassador"),
    (iris.post_iri("Ambassador", "iran", "سفیر", "azerbaijan"), E + "post/iran/Ambassador@azerbaijan/sfir-10f814"),
    (iris.post_iri("Official", None, "مقام"), E + "post/none/Official/mqam-20bc33"),
])
def test_iris(made, expected):
    """IRIs follow docs/graph-model.md exactly."""
    assert str(made) == expected


@pytest.mark.parametrize("bad", [lambda: iris.entity_iri("Country", ""), lambda: iris.span_iri("d", 5, 2)])
def test_iris_refuse_bad_input(bad):
    """Empty keys and reversed spans are refused."""
    with pytest.raises(ValueError):
        bad()


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30))
def test_entity_iris_are_valid_and_stable(key):
    """Any key gives a plain-ASCII IRI without spaces, the same each time, under the data namespace."""
    a, b = iris.entity_iri("Person", key), iris.entity_iri("Person", key)
    assert a == b and str(a).startswith(str(DATA))
    assert str(a).isascii() and not any(c in str(a) for c in ' <>"{}|\\^`')


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_mention_offsets_slice_out_their_anchor(data):
    """For any mention spans of a text, every nif:anchorOf equals the text at [beginIndex, endIndex)."""
    text = data.draw(st.text(alphabet="ابپتسشیک ۱۲۳", min_size=2, max_size=40))
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text) - 1), st.integers(1, len(text))), max_size=5))
    spans = [Span(a, b) for a, b in spans if a < b]
    ent = Entity("k", "Country", "ک")
    x = Extraction(Document("p", text, "p.txt"), published=date(2024, 1, 1), entities={"k": ent},
                   mentions=[Mention(s, text[s.start:s.end], "k") for s in spans])
    g = extraction_to_graph(x)
    for s in g.subjects(RDF.type, NIF.Phrase):
        b, e = int(g.value(s, NIF.beginIndex)), int(g.value(s, NIF.endIndex))
        assert str(g.value(s, NIF.anchorOf)) == text[b:e]


def test_two_events_on_one_trigger_get_distinct_iris():
    """Two events read from the same trigger stay two nodes."""
    x = sample_extraction()
    x.events.append(Event("Visit", x.events[0].trigger, x.events[0].sentence, actors=["beland"]))
    g = extraction_to_graph(x)
    assert len(set(g.subjects(RDF.type, DIP.Visit))) == 2
