"""`kg extract`: JSONL on stdin → N-Quads on stdout, one named graph per article, bad records as JSON on stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pyoxigraph as ox

GOOD = {"id": "t1", "text": "ناصر کنعانی سخنگوی وزارت امور خارجه ایران روز دوشنبه گفت که تهران آماده گفتگو است.",
        "published": "2024-02-19"}
SCRIPT = ("import argparse, sys; from kg.commands import extract as m; p = argparse.ArgumentParser(); "
          "m.add_parser(p.add_subparsers()); sys.exit(m.run(p.parse_args(['extract'])))")


def run_extract(lines: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT], input="\n".join(lines).encode(), capture_output=True,
                          timeout=120)


def test_good_and_bad_records():
    """Good records become N-Quads in their article graph; each bad one is one JSON line on stderr; exit 2."""
    res = run_extract([json.dumps(GOOD, ensure_ascii=False), "not json", '{"id": "t2"}', '["a list"]', ""])
    assert res.returncode == 2
    quads = list(ox.parse(res.stdout, format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {"https://w3id.org/dipkg/id/graph/article/t1"}
    anchors = {q.object.value for q in quads if q.predicate.value.endswith("#anchorOf")}
    assert "ناصر کنعانی" in anchors
    errors = [json.loads(line) for line in res.stderr.decode().splitlines()]
    assert [(e["line"], e["id"]) for e in errors] == [(2, None), (3, "t2"), (4, None)]
    assert "field 'text' is missing" in errors[1]["error"]


def test_same_input_same_bytes():
    """Extracting the same record twice gives byte-identical output; all good records exit 0."""
    first = run_extract([json.dumps(GOOD, ensure_ascii=False)])
    second = run_extract([json.dumps(GOOD, ensure_ascii=False)])
    assert first.returncode == 0 and first.stderr == b""
    assert first.stdout == second.stdout and first.stdout


def test_quads_are_the_articles_graph():
    """Without the graph names, the N-Quads are exactly the triples of the article's own graph (kg.graph.rdf), once."""
    from kg.extract.pipeline import extract_document
    from kg.graph.rdf import extraction_to_graph
    from kg.read.records import to_document
    from kg.sparql.store import as_triples

    res = run_extract([json.dumps(GOOD, ensure_ascii=False)])
    quads = list(ox.parse(res.stdout, format=ox.RdfFormat.N_QUADS))
    x = extract_document(to_document(GOOD, "<stdin>:1", "line1").doc)
    assert len(quads) == len({q.triple for q in quads})
    assert {q.triple for q in quads} == set(as_triples(extraction_to_graph(x)))
