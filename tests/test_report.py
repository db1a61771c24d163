"""The report of the hand-made graph tests/data/analysis/graph.ttl: exact numbers, VoID, a self-contained page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.report import build_report, write_report

GRAPH = Path(__file__).parent / "data" / "analysis" / "graph.ttl"
VOID = "http://rdfs.org/ns/void#"
DS = "https://w3id.org/dipkg/id/void/dataset"


@pytest.fixture(scope="module")
def report():
    return build_report(GRAPH)


def test_triple_count_matches_rdflib(report):
    """triples = 283, the number of triples rdflib parses from the file."""
    assert report.data["graph"]["triples"] == 283 == len(rdflib.Graph().parse(GRAPH))


def test_entities_and_events_by_class(report):
    """18 entities by core class and 13 events by type, as written in make_graph.py."""
    a = report.data["analysis"]
    assert a["entities"] == {"total": 18, "by_kind": {"City": 2, "Country": 6, "Mission": 1, "Organization": 1,
                                                      "Person": 8}, "publishers_only": 0, "publishers_only_iris": []}
    assert a["events"]["by_type"] == {"Agreement": 1, "Attack": 1, "Meeting": 3, "MissionResumption": 1,
                                      "MissionSuspension": 1, "PhoneCall": 2, "Statement": 1, "Summons": 1,
                                      "Visit": 2}
    assert a["events"]["by_modality"] == {"Hoped": 1, "Planned": 1, "none": 11}
    assert (a["events"]["first"], a["events"]["last"], a["events"]["undated"]) == ("2023-01-27", "2024-04-05", 0)
    assert a["events"]["per_month"] == {"2023-01": 2, "2023-02": 2, "2023-03": 2, "2023-04": 0, "2023-05": 0,
                                        "2023-06": 0, "2023-07": 0, "2023-08": 0, "2023-09": 0, "2023-10": 0,
                                        "2023-11": 0, "2023-12": 0, "2024-01": 1, "2024-02": 2, "2024-03": 3,
                                        "2024-04": 1}


def test_provenance_coverage(report):
    """e12 and the ambassador's post lack a source: 12/13 events, 7/8 posts, 4/4 mentions."""
    assert report.data["graph"]["provenance"] == {
        "events": {"total": 13, "with_source": 12, "share": 0.9231},
        "memberships": {"total": 8, "with_source": 7, "share": 0.875},
        "mentions": {"total": 4, "with_source": 4, "share": 1.0}}


def test_articles_and_properties(report):
    """2 articles (2023-03-21 … 2024-04-06); rdf:type used 61 times (60 typed nodes, one with two types)."""
    g = report.data["graph"]
    assert g["articles"] == {"count": 2, "dated": 2, "first": "2023-03-21", "last": "2024-04-06"}
    assert g["properties"]["http://www.w3.org/1999/02/22-rdf-syntax-ns#type"] == 61
    assert g["properties"]["http://semanticweb.cs.vu.nl/2009/11/sem/hasActor"] == 26


def test_country_pairs_in_report(report):
    """Azerbaijan-Iran leads both by cooperation (3) and conflict (3); it is the only conflictual pair."""
    pairs = report.data["analysis"]["country_pairs"]
    assert [(p["a_label"], p["b_label"], p["cooperative"]) for p in pairs["by_cooperation"][:2]] == [
        ("جمهوری آذربایجان", "ایران", 3), ("ارمنستان", "روسیه", 2)]
    assert [(p["a_label"], p["conflictual"]) for p in pairs["by_conflict"]] == [("جمهوری آذربایجان", 3)]


def test_void_description(report):
    """void.ttl: dataset counts and IRI partitions for classes and properties, no blank nodes."""
    g = rdflib.Graph().parse(data=report.void, format="turtle")
    ds = rdflib.URIRef(DS)

    def val(s: object, p: str) -> object:
        return g.value(s, rdflib.URIRef(VOID + p)).toPython()
    assert (val(ds, "triples"), val(ds, "entities"), val(ds, "classes"), val(ds, "properties"),
            val(ds, "distinctSubjects")) == (283, 31, 20, 22, 60)
    parts = {g.value(p, rdflib.URIRef(VOID + "class")): val(p, "entities")
             for p in g.objects(ds, rdflib.URIRef(VOID + "classPartition"))}
    assert parts[rdflib.URIRef("https://schema.org/Country")] == 6
    props = {g.value(p, rdflib.URIRef(VOID + "property")): val(p, "triples")
             for p in g.objects(ds, rdflib.URIRef(VOID + "propertyPartition"))}
    assert props[rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")] == 21
    assert not any(isinstance(t, rdflib.BNode) for triple in g for t in triple)


CHARTS = ("chart-timeline", "chart-network", "chart-types", "chart-months", "chart-degree", "chart-embassy")


def test_html_has_charts_with_drawn_elements(report):
    """Each chart is an inline <svg> with an id and drawn shapes, followed by its data table."""
    for cid in CHARTS:
        m = re.search(rf'<svg id="{cid}".*?</svg>', report.html)
        assert m and re.search(r"<(circle|rect|line)\b", m.group()), cid
    assert report.html.count("<details><summary>Data behind the chart") == len(CHARTS)


def test_html_references_nothing_external(report):
    """No src/href/url() to http(s); the only http(s) strings are the SVG namespace and text (negative)."""
    assert not re.search(r'(src|href)\s*=\s*["\']?\s*(https?:)?//', report.html)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", report.html)
    assert "<script" not in report.html and "<link" not in report.html


def test_event_rows_link_to_source_sentences(report):
    """Event rows link to anchored source sentences with article id and offsets; every link has a target."""
    assert '<li id="src-a2-95-126"><code>[95-126]</code>' in report.html
    targets = set(re.findall(r'id="(src-[^"]+)"', report.html))
    links = set(re.findall(r'href="#(src-[^"]+)"', report.html))
    assert "src-a1-115-162" in links and links <= targets


def test_html_text_cells_are_direction_aware(report):
    """Persian names sit in cells with dir="auto"."""
    assert '<td dir="auto">جمهوری آذربایجان</td>' in report.html


def test_shacl_results_from_validation_beside_graph(tmp_path):
    """validation.ttl beside the graph is summarised by severity and by shape."""
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(GRAPH.read_bytes())
    (tmp_path / "validation.ttl").write_text("""@prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:r a sh:ValidationReport ; sh:conforms false ; sh:result ex:a, ex:b, ex:c .
        ex:a sh:resultSeverity sh:Violation ; sh:sourceShape ex:EventShape .
        ex:b sh:resultSeverity sh:Violation ; sh:sourceShape ex:EventShape .
        ex:c sh:resultSeverity sh:Warning ; sh:sourceShape ex:PostShape .""", encoding="utf-8")
    files = write_report(graph, tmp_path / "out")
    data = json.loads(files["json"].read_text(encoding="utf-8"))
    assert data["shacl"] == {"conforms": False, "results": 3, "by_severity": {"Violation": 2, "Warning": 1},
                             "by_shape": {"EventShape": 2, "PostShape": 1}}


def test_no_validation_report_gives_null(report):
    """Without validation.ttl the SHACL section is null, not zero (negative)."""
    assert report.data["shacl"] is None


def test_markdown_has_same_numbers(report):
    """report.md carries the same counts as the JSON."""
    assert "| triples | 283 |" in report.markdown
    assert "| events | 13 |" in report.markdown
    assert "| events | 7 | 8 | 0.875 |" not in report.markdown
    assert "| memberships | 7 | 8 | 0.875 |" in report.markdown


def test_report_accepts_rdflib_graph_and_store(report):
    """write_report's graph may be an rdflib Graph or a pyoxigraph Store: same numbers as from the path."""
    g = rdflib.Graph().parse(GRAPH)
    store = ox.Store()
    store.load(path=str(GRAPH), format=ox.RdfFormat.TURTLE)
    for graph in (g, store):
        assert build_report(graph).data["analysis"] == report.data["analysis"]
        assert build_report(graph).data["graph"]["triples"] == 283


def test_report_files_are_deterministic(tmp_path):
    """Two runs write byte-identical report.html, report.md, report.json and void.ttl."""
    one, two = write_report(GRAPH, tmp_path / "1"), write_report(str(GRAPH), tmp_path / "2")
    assert sorted(one) == ["html", "json", "markdown", "void"]
    assert all(one[k].read_bytes() == two[k].read_bytes() for k in one)
