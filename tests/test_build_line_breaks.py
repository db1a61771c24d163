"""Articles holding the characters `str.splitlines` takes for line ends (U+2028, U+2029, NEL, FF, VT, FS: legal
in RDF literals) build like any other, and every output of the build and of `kg export` parses, in pyoxigraph and
in rdflib, with those characters kept in the text and the spans."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from kg.build import build
from kg.graph.export import export

TOY = Path(__file__).parent / "data" / "toy_lexicon"

BREAKS = {"ls": "\u2028", "ps": "\u2029", "nel": "\x85", "ff": "\x0c", "vt": "\x0b", "fs": "\x1c"}
# Short sentences of our own; each article puts its character inside a sentence and between two.
TEXT = "دارا کمانی امروز به بستان سفر کرد.{c}او در بستان با سارا نیکو دیدار کرد{c} و گفت که روابط خوب است."
OX = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".trig": ox.RdfFormat.TRIG,
      ".nq": ox.RdfFormat.N_QUADS, ".jsonld": ox.RdfFormat.JSON_LD}
RDFLIB = {".ttl": "turtle", ".nt": "nt", ".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld"}
IS_STRING = URIRef("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    inp = tmp_path_factory.mktemp("breaks-in")
    for name, c in BREAKS.items():
        (inp / f"{name}.md").write_text(f"---\nid: {name}\npublished: 2024-02-18\n---\n{TEXT.format(c=c)}\n",
                                        encoding="utf-8")
    out = tmp_path_factory.mktemp("breaks-out")
    res = build([inp], out, lexicon=TOY)
    for ext in OX:
        if ext != ".ttl":
            (out / f"export{ext}").write_bytes(export(out / "graph.ttl", ext[1:]))
    return res, out


def test_every_article_is_built(built):
    res, out = built
    assert sorted(x.doc.id for x in res.extractions) == sorted(BREAKS)
    texts = {str(o) for o in Graph().parse(out / "graph.ttl").objects(None, IS_STRING)}
    assert texts == {TEXT.format(c=c) + "\n" for c in BREAKS.values()}


@pytest.mark.parametrize("name", ["graph.ttl", "validation.ttl", "report/void.ttl", "export.nt", "export.trig",
                                  "export.nq", "export.jsonld"])
def test_every_output_parses_in_both_readers(built, name):
    _res, out = built
    path = out / name
    quads = list(ox.parse(path=str(path), format=OX[path.suffix]))
    ds = Dataset().parse(path, format=RDFLIB[path.suffix])
    assert len(list(ds.quads((None, None, None, None)))) == len(quads) > 0
    if name != "validation.ttl" and name != "report/void.ttl":
        texts = {q.object.value for q in quads if q.predicate.value == str(IS_STRING)}
        assert texts == {TEXT.format(c=c) + "\n" for c in BREAKS.values()}
