"""kg export's JSON-LD: compacted with a @context of the project's prefixes by default (pyld), expanded on request;
deterministic bytes; read back by pyoxigraph, rdflib and pyld to the same graph."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph.export import export
from kg.graph.jsonld import CONTEXT
from kg.graph.names import GRAPH_PREFIXES, NAMESPACES

SEED_GRAPH = Path(__file__).resolve().parent / "golden" / "seed-graph.ttl"


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory) -> Path:
    if SEED_GRAPH.is_file():
        return SEED_GRAPH
    from kg.cli import main

    out = tmp_path_factory.mktemp("seed")
    assert main(["build", str(SEED_GRAPH.parents[2] / "seeds"), "--out", str(out), "-q", "--jobs", "1",
                 "--no-report"]) == 0
    return out / "graph.ttl"


def canonical(quads) -> set[ox.Quad]:
    ds = ox.Dataset(quads)
    ds.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return set(ds)


def test_the_context_is_the_graph_prefixes():
    """The @context is GRAPH_PREFIXES → NAMESPACES, in that table's words."""
    assert CONTEXT == {p: NAMESPACES[p] for p in GRAPH_PREFIXES}


def test_seed_compacted_round_trips(seed_graph, tmp_path):
    """The seed's graph as compacted JSON-LD: a @context and a @graph of compact IRIs, and read back by pyoxigraph,
    rdflib and pyld it is the seed's graph, triple for triple."""
    data = export(seed_graph, "jsonld")
    doc = json.loads(data)
    assert sorted(doc) == ["@context", "@graph"] and doc["@context"] == CONTEXT
    article = next(n for n in doc["@graph"] if n.get("@type") == "schema:NewsArticle")
    assert article["@id"].startswith("id:article/") and article["schema:inLanguage"] == "fa"
    want = canonical(ox.parse(path=str(seed_graph), format=ox.RdfFormat.TURTLE))
    assert canonical(ox.parse(data, format=ox.RdfFormat.JSON_LD)) == want
    out = tmp_path / "seed.jsonld"
    out.write_bytes(data)
    assert isomorphic(Graph().parse(out, format="json-ld"), Graph().parse(seed_graph, format="turtle"))
    from pyld import jsonld

    nq = jsonld.to_rdf(doc, {"format": "application/n-quads"})
    assert canonical(ox.parse(nq.encode(), format=ox.RdfFormat.N_QUADS)) == want


def test_expanded_is_still_there_and_the_same_graph(seed_graph):
    """--format jsonld-expanded: full IRIs, no @context, the same graph as the compacted form."""
    expanded = export(seed_graph, "jsonld-expanded")
    doc = json.loads(expanded)
    assert isinstance(doc, list) and all("@context" not in n for n in doc)
    assert any(n.get("@type") == ["https://schema.org/NewsArticle"] for n in doc)
    assert canonical(ox.parse(expanded, format=ox.RdfFormat.JSON_LD)) == \
        canonical(ox.parse(export(seed_graph, "jsonld"), format=ox.RdfFormat.JSON_LD))


def test_compacted_bytes_are_stable_across_processes(seed_graph):
    """Two processes with other hash seeds write the same bytes."""
    code = f"import sys; from kg.graph.export import export; sys.stdout.buffer.write(export({str(seed_graph)!r}, " \
           "'jsonld'))"
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")}
    assert runs == {export(seed_graph, "jsonld")}


@pytest.mark.parametrize("ttl, want_node", [
    # lexical forms are kept; a plain string is a bare value; a language string stays an object
    ('<https://w3id.org/dipkg/id/x> <https://w3id.org/dipkg/ontology#n> "01"^^<http://www.w3.org/2001/XMLSchema#'
     'integer> , "سلام"@fa , "hi" .',
     {"@id": "id:x", "dip:n": [{"@language": "fa", "@value": "سلام"}, {"@type": "xsd:integer", "@value": "01"}, "hi"]}),
    # a boolean is a JSON boolean, the same literal
    ('<https://w3id.org/dipkg/id/x> <https://w3id.org/dipkg/ontology#b> true .',
     {"@id": "id:x", "dip:b": {"@type": "xsd:boolean", "@value": True}}),
    # an IRI outside the prefixes stays whole
    ("<urn:x> <urn:p> <https://w3id.org/dipkg/id/y> .", {"@id": "urn:x", "urn:p": {"@id": "id:y"}}),
])
def test_compacted_values(ttl, want_node, tmp_path):
    """Values compact as the JSON-LD API says, and every one reads back to the same literal."""
    src = tmp_path / "g.ttl"
    src.write_text(ttl + "\n", encoding="utf-8")
    data = export(src, "jsonld")
    assert json.loads(data)["@graph"] == [want_node]
    assert canonical(ox.parse(data, format=ox.RdfFormat.JSON_LD)) == \
        canonical(ox.parse(path=str(src), format=ox.RdfFormat.TURTLE))


def test_an_iri_that_looks_like_a_compact_iri_drops_that_prefix(tmp_path):
    """An IRI whose scheme is one of the prefixes (id:thing) would be read back as a compact IRI: that prefix is
    left out of the @context, and the graph still round-trips."""
    src = tmp_path / "g.nt"
    src.write_text("<id:thing> <https://w3id.org/dipkg/ontology#p> <https://w3id.org/dipkg/id/y> .\n",
                   encoding="utf-8")
    doc = json.loads(export(src, "jsonld"))
    assert "id" not in doc["@context"] and doc["@context"]["dip"] == NAMESPACES["dip"]
    assert doc["@graph"] == [{"@id": "id:thing", "dip:p": {"@id": "https://w3id.org/dipkg/id/y"}}]
    assert canonical(ox.parse(json.dumps(doc).encode(), format=ox.RdfFormat.JSON_LD)) == \
        canonical(ox.parse(path=str(src), format=ox.RdfFormat.N_TRIPLES))
