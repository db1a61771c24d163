"""One table each (kg.graph.names): prefixes, event types, entity classes, extension -> format; closed namespaces."""

import pickle

import pytest
from rdflib import URIRef

from kg.analyze import load as analyze_load
from kg.bench import corpus as bench_corpus
from kg.errors import InputError
from kg.graph import export, names, rdf_text, vocab
from kg.graph.vocab import ORG, PROV, SCHEMA, SH, SKOS
from kg.model import EVENT_TYPES
from kg.sparql import query, results, store


def test_every_prefix_table_is_read_from_the_one_table():
    assert {p: str(ns) for p, ns in vocab.PREFIXES.items()} == {p: names.NAMESPACES[p] for p in names.GRAPH_PREFIXES}
    assert list(vocab.PREFIXES) == list(names.GRAPH_PREFIXES) == list(results.PREFIXES)
    assert results.PREFIXES == {p: names.NAMESPACES[p] for p in names.GRAPH_PREFIXES}
    assert analyze_load.PREFIXES.items() <= names.NAMESPACES.items()


def test_one_tuple_of_event_types_and_one_table_of_entity_classes():
    assert names.EVENT_TYPES is EVENT_TYPES is bench_corpus.KINDS
    assert rdf_text.CORE_TYPES == {k: URIRef(v) for k, v in names.ENTITY_CLASSES.items()}
    assert list(analyze_load.CLASS_KINDS.items()) == [(v, k) for k, v in names.ENTITY_CLASSES.items()]
    assert store.ENTITY_TYPES == set(names.ENTITY_CLASSES.values())
    assert names.ENTITY_CLASSES["Region"] == "https://schema.org/AdministrativeArea"


def test_one_extension_table_for_every_reader_of_graph_files():
    assert export.PARSERS is names.RDF_FORMATS
    assert not hasattr(query, "FILE_FORMATS")  # graph files are read through kg.graph.source and RDF_FORMATS
    assert names.file_format("G.TTL") == "turtle" and names.file_format("g.nq") == "nquads"


@pytest.mark.parametrize("read", [export.load_graph, analyze_load.load_store, store.open_graph])
def test_an_unknown_extension_is_refused_alike_everywhere(read, tmp_path):
    p = tmp_path / "g.xyz"
    p.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read(p)
    assert str(e.value) == (f"{p}: unknown graph file extension '.xyz'; use one of .json, .jsonld, .nq, .nquads, "
                            ".nt, .ntriples, .owl, .rdf, .trig, .ttl, .turtle")


@pytest.mark.parametrize("ns, typo", [(PROV, "wasDerivedFromm"), (SCHEMA, "Persn"), (ORG, "memberr"),
                                      (SKOS, "prefLabell"), (SH, "conformss")])
def test_closed_namespaces_refuse_a_misspelt_term(ns, typo):
    with pytest.raises(AttributeError, match=f"term '{typo}' not in namespace"):
        getattr(ns, typo)
    with pytest.raises(AttributeError):
        ns[typo]


def test_closed_namespaces_still_give_their_terms_once_and_pickle():
    assert PROV.wasDerivedFrom == URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert PROV.wasDerivedFrom is PROV.wasDerivedFrom
    assert SCHEMA.PoliticalParty == URIRef("https://schema.org/PoliticalParty")
    assert pickle.loads(pickle.dumps(PROV)) == PROV
