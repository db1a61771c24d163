"""The persistent Oxigraph store: one named graph per article, atomic replacement, export keeping graphs."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace

from kg.errors import InputError, KgError, QueryError
from kg.sparql.query import PREFIX_BLOCK as PREFIXES
from kg.sparql.store import ARTICLE_GRAPH, ENTITIES_GRAPH, open_store

SDO = Namespace("https://schema.org/")
ID = Namespace("https://w3id.org/dipkg/id/")
DIP = Namespace("https://w3id.org/dipkg/ontology#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")


def article(n: int, label: str) -> Graph:
    """A small article graph: an event with one country actor, the country described, `label` on the event."""
    g = Graph()
    ev = ID[f"event/{n}/e1"]
    g.add((ev, RDF.type, DIP.Visit))
    g.add((ev, SEM.hasActor, ID["country/iran"]))
    g.add((ev, SDO.description, Literal(label, lang="fa")))
    g.add((ev, SDO.about, BNode()))
    g.add((ID["country/iran"], RDF.type, SDO.Country))
    g.add((ID["country/iran"], SDO.name, Literal("ایران", lang="fa")))
    return g


def count(store, sparql: str) -> int:
    return int(store.query(sparql).rows[0][0].value)


def test_add_query_and_list(tmp_path):
    """Two articles → two named graphs, entity description shared once; queries see the union."""
    s = open_store(tmp_path / "db")
    s.add_article(article(1, "یک"), "a1")
    s.add_article(article(2, "دو"), "a2")
    assert s.articles() == ["a1", "a2"]
    assert count(s, "SELECT (COUNT(*) AS ?n) WHERE { ?e a dip:Visit }") == 2
    assert count(s, "SELECT (COUNT(*) AS ?n) WHERE { ?c schema:name ?x }") == 1  # in the entities graph only
    assert len(s.article_triples("a1")) == 4


def test_re_adding_replaces_never_duplicates(tmp_path):
    """Re-adding an article replaces its graph: the old label is gone, nothing is doubled."""
    s = open_store(tmp_path / "db")
    s.add_article(article(1, "قدیم"), "a1")
    s.add_article(article(1, "جدید"), "a1")
    s.add_article(article(1, "جدید"), "a1")
    r = s.query("SELECT ?d WHERE { ?e schema:description ?d }")
    assert [t[0].value for t in r.rows] == ["جدید"]
    assert len(s.article_triples("a1")) == 4


def test_remove_article(tmp_path):
    """remove_article drops its graph (True), a second time finds none (False); entities stay."""
    s = open_store(tmp_path / "db")
    s.add_article(article(1, "یک"), "a1")
    assert s.remove_article("a1") is True
    assert s.remove_article("a1") is False
    assert s.articles() == []
    assert count(s, "SELECT (COUNT(*) AS ?n) WHERE { ?c a schema:Country }") == 1


@pytest.mark.parametrize("bad", ["", "a b", "a/b", "x>y", "ع"])
def test_bad_article_ids_refused(tmp_path, bad):
    """Ids that cannot be part of an IRI path segment are refused, not escaped into another graph."""
    s = open_store(tmp_path / "db")
    with pytest.raises(KgError, match="cannot name a graph"):
        s.replace_article(bad, article(1, "x"))


def test_persists_and_reopens_read_only(tmp_path):
    """Data survives closing; a read-only store answers queries and refuses writes."""
    s = open_store(tmp_path / "db")
    s.add_article(article(1, "یک"), "a1")
    s.flush()
    del s
    ro = open_store(tmp_path / "db", read_only=True)
    assert ro.articles() == ["a1"]
    with pytest.raises(QueryError, match="read-only"):
        ro.remove_article("a1")


def test_read_only_missing_dir(tmp_path):
    """Opening a missing store read-only is an InputError naming the directory."""
    with pytest.raises(InputError, match="no such store directory"):
        open_store(tmp_path / "nope", read_only=True)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dump_keeps_named_graphs(tmp_path, fmt):
    """TriG/N-Quads exports parse back into the same named graphs with the same triple counts."""
    s = open_store(tmp_path / "db")
    s.add_article(article(1, "یک"), "a1")
    s.add_article(article(2, "دو"), "a2")
    out = s.dump(tmp_path / f"all.{fmt}", fmt)
    back = ox.Dataset(ox.parse(path=str(out), format=ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS))
    graphs = sorted({q.graph_name.value for q in back})
    assert graphs == [ARTICLE_GRAPH + "a1", ARTICLE_GRAPH + "a2", ENTITIES_GRAPH.value]
    assert len(back) == 10
    assert not list(tmp_path.glob(".all.*"))  # no temp file left


def test_dump_unknown_format(tmp_path):
    """An unknown export format is refused naming the known ones."""
    with pytest.raises(KgError, match="use one of trig, nquads"):
        open_store(tmp_path / "db").dump(tmp_path / "x", "turtle")


WRITER = textwrap.dedent("""
    import sys
    import pyoxigraph as ox
    from kg.sparql.store import open_store
    s = open_store(sys.argv[1])
    P = ox.NamedNode("https://schema.org/description")
    i = 0
    while True:
        label = "AB"[i % 2]
        triples = [ox.Triple(ox.NamedNode(f"https://w3id.org/dipkg/id/x/{k}"), P, ox.Literal(label))
                   for k in range(3000)]
        s.replace_article("x", triples)
        i += 1
        if i == 1:
            print("ready", flush=True)
""")


@pytest.mark.slow
def test_killed_writer_leaves_old_or_new_never_a_mix(tmp_path):
    """Killing a writer (SIGKILL) at random points: the store opens and holds one whole version of the article."""
    rng = random.Random(7)
    db = tmp_path / "db"
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        proc.kill()
        proc.wait(timeout=20)
        proc.stdout.close()
        s = open_store(db)
        labels = {t.object.value for t in s.article_triples("x")}
        assert labels in ({"A"}, {"B"})
        assert len(s.article_triples("x")) == 3000
        del s


# --- the union default graph is a set (issue 14) -------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
SAME_QUERIES = [  # non-DISTINCT on purpose: a triple stated in several article graphs must come back once
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    "SELECT ?label WHERE { ?post a org:Post ; skos:prefLabel ?label }",  # the posts' labels, stated by both articles
    "SELECT ?who WHERE { ?m org:member ?who }",
]


@pytest.fixture(scope="module")
def twice_built(tmp_path_factory):
    """The seed article under two ids (every article triple stated in two graphs), built to graph.ttl and a store."""
    d = tmp_path_factory.mktemp("twice")
    text = (ROOT / "seeds" / "000_b8878e3335182e53.txt").read_text(encoding="utf-8")
    with open(d / "two.jsonl", "w", encoding="utf-8") as f:
        for i in ("one", "two"):
            f.write(json.dumps({"id": i, "text": text, "published": "2024-02-18"}, ensure_ascii=False) + "\n")
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(d / "two.jsonl"), "--out", str(d / "out"),
                           "--store", str(d / "db"), "--no-report", "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return d / "out" / "graph.ttl", d / "db"


def rows(result) -> Counter:
    return Counter(tuple(str(t) for t in row) for row in result.rows)


@pytest.mark.parametrize("sparql", SAME_QUERIES)
def test_store_file_and_endpoint_give_the_same_rows(twice_built, sparql):
    """graph.ttl, the store (`kg query`'s path) and `kg serve` of the store give the same rows, copies counted once."""
    from kg.sparql.query import open_graph, run
    from kg.sparql.serve import make_server

    ttl, db = twice_built
    from_file = rows(run(open_graph(ttl), sparql))
    from_store = rows(run(open_graph(db), sparql))
    assert from_file and max(from_file.values()) == (2 if "org:member" in sparql else 1)  # one membership each
    assert from_store == from_file
    twice = open_store(db, read_only=True).ox.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(next(iter(twice))[0].value) > sum(from_file.values())  # the copies are there, in the graphs
    server = make_server(db, port=0, quiet=True, workers=1).start()
    try:
        url = server.url + "/sparql?" + urllib.parse.urlencode({"query": PREFIXES + sparql})
        with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "text/tab-separated-values"}),
                                    timeout=60) as r:
            lines = r.read().decode("utf-8").split("\n")[1:-1]
    finally:
        server.close()
    assert Counter(tuple(line.split("\t")) for line in lines) == from_file


def test_kg_query_on_the_store_counts_once(twice_built):
    """`kg query STORE` counts each distinct triple once, as on graph.ttl."""
    ttl, db = twice_built
    got = [subprocess.run([sys.executable, "-m", "kg.cli", "query", str(src), "-e",
                           "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv"],
                          capture_output=True, text=True, timeout=120).stdout for src in (ttl, db)]
    n = len(Graph().parse(ttl))
    assert got == [f"n\n{n}\n"] * 2


def test_replace_and_remove_keep_the_union_exact(tmp_path):
    """Replacing or removing an article takes its triples out of the union unless another graph states them."""
    s = open_store(tmp_path / "db")
    s.add_article(article(1, "یک"), "a1")
    s.add_article(article(1, "یک"), "a2")  # the same triples (but a new blank node) in a second graph
    assert count(s, "SELECT (COUNT(*) AS ?n) WHERE { ?e a dip:Visit }") == 1
    s.replace_article("a1", article(1, "دیگر"))
    assert [r[0].value for r in s.query("SELECT ?d WHERE { ?e schema:description ?d } ORDER BY ?d").rows] == [
        "دیگر", "یک"]
    s.remove_article("a2")
    assert [r[0].value for r in s.query("SELECT ?d WHERE { ?e schema:description ?d }").rows] == ["دیگر"]
    assert count(s, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") == 6  # a1's 4 triples and the 2 of the entity


def test_old_store_updated_by_a_writer_and_refused_read_only(tmp_path):
    """A store of the old layout (named graphs, empty default graph) is refused read-only with what to do, and
    filled in when opened for writing."""
    raw = ox.Store(str(tmp_path / "db"))
    raw.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c"), ox.NamedNode("urn:g")))
    raw.flush()
    del raw
    with pytest.raises(InputError, match="written by an older dipkg"):
        open_store(tmp_path / "db", read_only=True)
    s = open_store(tmp_path / "db")
    assert count(s, "SELECT (COUNT(*) AS ?n) WHERE { <urn:a> ?p ?o }") == 1
