"""Analyses on the hand-made graph tests/data/analysis/graph.ttl (values computed by hand, see make_graph.py).

Country network: Azerbaijan-Iran 4, Iran-Turkey 2, Turkey-Georgia 1, Georgia-Russia 1, Georgia-Armenia 1,
Russia-Armenia 2. The hoped Iran-Russia meeting (e10) is left out; the planned visit (e11) is kept.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.analyze import ANALYSIS_GRAPH, analyze, write_analysis
from kg.analyze.embassy import pair_timeline
from kg.analyze.paths import UnknownEntity, evidence_path, resolve, shortest_path

GRAPH = Path(__file__).parent / "data" / "analysis" / "graph.ttl"
ID = "https://w3id.org/dipkg/id/"


@pytest.fixture(scope="module")
def result():
    return analyze(GRAPH)


def test_country_weighted_degrees_count_events_per_partner(result):
    """Weighted degree = events shared with partner countries (Iran: 4 with Azerbaijan + 2 with Turkey)."""
    wd = result.metrics["countries"].weighted_degree
    assert wd == {ID + "armenia": 3.0, ID + "azerbaijan": 4.0, ID + "georgia": 3.0, ID + "iran": 6.0,
                  ID + "russia": 3.0, ID + "turkey": 3.0}


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("azerbaijan", "iran", {"weight": 4, "cooperative": 2, "conflictual": 1, "neutral": 1, "planned": 1}),
    ("iran", "turkey", {"weight": 2, "cooperative": 2, "conflictual": 0, "neutral": 0, "planned": 0}),
    ("armenia", "russia", {"weight": 2, "cooperative": 2, "conflictual": 0, "neutral": 0, "planned": 0}),
])
def test_country_edges_split_by_kind(result, a, b, expected):
    """Edges count cooperative / conflictual / neutral events and flag planned ones."""
    d = result.networks.countries.edges[ID + a, ID + b]
    assert {k: d[k] for k in expected} == expected


def test_country_edges_split_by_period(result):
    """Per-period counts: Azerbaijan-Iran has 3 events in 2023-Q1 and the planned visit in 2024-Q2."""
    assert result.networks.countries.edges[ID + "azerbaijan", ID + "iran"]["periods"] == {
        "2023-Q1": {"cooperative": 1, "conflictual": 1, "neutral": 1},
        "2024-Q2": {"cooperative": 1, "conflictual": 0, "neutral": 0}}


def test_hoped_event_left_out_of_networks(result):
    """The hoped Iran-Russia meeting makes no edge and is listed as excluded (negative)."""
    assert not result.networks.countries.has_edge(ID + "iran", ID + "russia")
    assert not result.networks.actors.has_edge(ID + "person/amirabdollahian", ID + "person/lavrov")
    assert [e.iri for e in result.networks.excluded] == [ID + "event/e10"]


def test_betweenness_of_bridge_nodes(result):
    """Turkey and Georgia lie on 6 of the 10 shortest paths between other pairs; Iran on 4; leaves on none."""
    b = result.metrics["countries"].betweenness
    assert (b[ID + "turkey"], b[ID + "georgia"], b[ID + "iran"]) == (0.6, 0.6, 0.4)
    assert b[ID + "azerbaijan"] == b[ID + "armenia"] == b[ID + "russia"] == 0.0


def test_pagerank_order_and_symmetry(result):
    """Iran ranks first; Russia and Armenia sit symmetrically and get equal rank; ranks sum to 1."""
    pr = result.metrics["countries"].pagerank
    assert result.metrics["countries"].top("pagerank", 1)[0][0] == ID + "iran"
    assert pr[ID + "russia"] == pytest.approx(pr[ID + "armenia"])
    assert sum(pr.values()) == pytest.approx(1.0)


def test_louvain_finds_the_two_clusters(result):
    """Louvain (fixed seed) splits the country network into the two triangles."""
    assert result.metrics["countries"].communities == [
        [ID + "armenia", ID + "georgia", ID + "russia"], [ID + "azerbaijan", ID + "iran", ID + "turkey"]]


def test_actor_network_components(result):
    """Persons/organizations co-participating: 4 components of sizes 3, 3, 2 and the lone spokesperson."""
    assert result.metrics["actors"].components == [
        [ID + "person/amirabdollahian", ID + "person/bayramov", ID + "person/cavusoglu"],
        [ID + "person/darchiashvili", ID + "person/lavrov", ID + "person/mirzoyan"],
        [ID + "org/iran-mfa", ID + "person/az-ambassador"],
        [ID + "person/kanaani"]]
    assert result.networks.actors.edges[ID + "person/amirabdollahian", ID + "person/cavusoglu"]["weight"] == 2


def test_bipartite_graph_links_actors_to_events(result):
    """The actor-event graph: the 12 included events on one side, the 26 sem:hasActor links less e10's 2."""
    g = result.networks.bipartite
    events = [n for n, d in g.nodes(data=True) if d["bipartite"] == 1]
    assert len(events) == 12 and g.number_of_edges() == 24


@pytest.mark.parametrize(("name", "iri"), [
    ("iran", ID + "iran"), (ID + "iran", ID + "iran"), ("ایران", ID + "iran"), ("Georgia", ID + "georgia"),
    ("آذربایجان", ID + "azerbaijan"), ("person/lavrov", ID + "person/lavrov"), ("lavrov", ID + "person/lavrov"),
])
def test_resolve_by_iri_key_or_name(result, name, iri):
    """Entities are found by IRI, key, last key segment, Persian or English name, or alternate name."""
    assert resolve(result.facts, name) == iri


@pytest.mark.parametrize("name", ["nobody", "", "ایر"])
def test_resolve_unknown_names_fail(result, name):
    """Unknown names and prefixes are refused with exit code 2 (negative)."""
    with pytest.raises(UnknownEntity) as err:
        resolve(result.facts, name)
    assert err.value.exit_code == 2


def test_evidence_path_hops_events_and_sentences(result):
    """Bayramov → Georgia: phone call, meeting (smaller IRI of two equal paths), visit, each with its sentence."""
    hops = evidence_path(result.facts, "بایرام‌اف", "Georgia")
    assert [(h.source[len(ID):], h.via[len(ID):], h.kind, h.date, h.target[len(ID):]) for h in hops] == [
        ("person/bayramov", "event/e03", "PhoneCall", "2023-02-10", "person/amirabdollahian"),
        ("person/amirabdollahian", "event/e05", "Meeting", "2023-03-20", "person/cavusoglu"),
        ("person/cavusoglu", "event/e09", "Visit", "2024-03-10", "georgia")]
    assert [(s.article, s.begin, s.end, s.text) for h in hops for s in h.sentences] == [
        ("a1", 115, 162, "امیرعبداللهیان و بایرام‌اف تلفنی گفت‌وگو کردند."),
        ("a1", 270, 319, "امیرعبداللهیان با چاووش‌اوغلو در تهران دیدار کرد."),
        ("a2", 95, 126, "چاووش‌اوغلو به گرجستان سفر کرد.")]


def test_no_evidence_path_to_a_place_only_entity(result):
    """Moscow is only a place, never a participant: no path (negative)."""
    assert evidence_path(result.facts, "Lavrov", "Moscow") is None


def test_shortest_path_prefers_smallest_nodes():
    """Of two equally short paths the one through the smaller node is chosen, whatever the insertion order."""
    g = nx.Graph([("a", "z"), ("z", "d"), ("a", "b"), ("b", "d")])
    assert shortest_path(g, "a", "d") == ["a", "b", "d"]


def test_embassy_state_timeline(result):
    """Azerbaijan's embassy in Tehran: open → suspended 2023-01-28 → resumed 2024-03-25."""
    tl = pair_timeline(result.facts, ID + "iran", ID + "azerbaijan")
    states = tl.embassies[ID + "mission/az-tehran"]
    assert [(s.state, s.start, s.end) for s in states] == [
        ("open", None, date(2023, 1, 28)), ("suspended", date(2023, 1, 28), date(2024, 3, 25)),
        ("resumed", date(2024, 3, 25), None)]
    assert [e.iri[-3:] for e in tl.events] == ["e01", "e02", "e03", "e12", "e04", "e06", "e11"]
    assert tl.counts() == {"cooperative": 3, "conflictual": 3, "neutral": 1}


def test_pair_without_mission_has_no_embassy_states(result):
    """Iran-Turkey share events but no mission (negative)."""
    assert pair_timeline(result.facts, ID + "turkey", ID + "iran").embassies == {}


def test_write_back_queried_with_sparql(result, tmp_path):
    """analysis.trig holds the values in the named graph id:graph/analysis, readable with SPARQL."""
    files = write_analysis(result, tmp_path)
    store = ox.Store()
    store.load(path=str(files["trig"]), format=ox.RdfFormat.TRIG)
    rows = store.query(f"""PREFIX dip: <https://w3id.org/dipkg/ontology#>
        SELECT ?e ?wd ?b WHERE {{ GRAPH <{ANALYSIS_GRAPH}> {{ ?e dip:weightedDegree ?wd ; dip:betweenness ?b }}
        FILTER(?e IN (<{ID}iran>, <{ID}turkey>)) }} ORDER BY ?e""")
    assert [(r["e"].value, float(r["wd"].value), float(r["b"].value)) for r in rows] == [
        (ID + "iran", 6.0, 0.4), (ID + "turkey", 3.0, 0.6)]
    rows = store.query(f"""PREFIX dip: <https://w3id.org/dipkg/ontology#>
        SELECT ?state ?start WHERE {{ GRAPH ?g {{ <{ID}mission/az-tehran> dip:embassyState ?i .
        ?i dip:state ?state OPTIONAL {{ ?i dip:stateStart ?start }} }} }} ORDER BY ?start""")
    assert [(r["state"].value.rsplit("#")[-1], r["start"] and r["start"].value) for r in rows] == [
        ("Open", None), ("Suspended", "2023-01-28"), ("Resumed", "2024-03-25")]


def test_graphml_and_gexf_parse_back(result, tmp_path):
    """GraphML and GEXF exports read back with networkx with the same nodes and edge weights."""
    files = write_analysis(result, tmp_path)
    for key in ("countries.graphml", "countries.gexf"):
        reader = nx.read_graphml if key.endswith("graphml") else nx.read_gexf
        g = reader(files[key])
        assert sorted(g.nodes) == sorted(result.networks.countries.nodes)
        assert int(g.edges[ID + "azerbaijan", ID + "iran"]["weight"]) == 4
        assert int(g.edges[ID + "azerbaijan", ID + "iran"]["2023-Q1_conflictual"]) == 1


@pytest.mark.parametrize("stem", ["countries", "actors"])
@pytest.mark.parametrize("reader", [nx.read_graphml, nx.read_gexf], ids=["graphml", "gexf"])
def test_graphml_and_gexf_nodes_carry_the_metrics(result, tmp_path, stem, reader):
    """Each node of the country and actor networks carries its weighted degree, betweenness, PageRank, community
    and component, read back by networkx with their values (Gephi shows them as columns)."""
    files = write_analysis(result, tmp_path)
    g = reader(files[f"{stem}.{'graphml' if reader is nx.read_graphml else 'gexf'}"])
    m = result.metrics[stem]
    community = m.community_of()
    component = {n: i for i, c in enumerate(m.components) for n in c}
    assert sorted(g.nodes) == sorted(m.pagerank) and len(g) > 2
    for n, d in g.nodes(data=True):
        assert (float(d["weighted_degree"]), float(d["betweenness"]), float(d["pagerank"])) == (
            m.weighted_degree[n], m.betweenness[n], m.pagerank[n])
        assert int(d["community"]) == community[n]
        assert int(d["component"]) == component[n]
    if stem == "countries":
        assert float(g.nodes[ID + "iran"]["weighted_degree"]) == 6.0
        assert (float(g.nodes[ID + "iran"]["betweenness"]), float(g.nodes[ID + "georgia"]["betweenness"])) == (0.4, 0.6)


def test_outputs_are_byte_identical_across_runs(tmp_path):
    """Two runs on the same graph write the same bytes in every file."""
    write_analysis(analyze(GRAPH), tmp_path / "one")
    write_analysis(analyze(GRAPH), tmp_path / "two")
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert len(names) == 8
    assert all((tmp_path / "one" / n).read_bytes() == (tmp_path / "two" / n).read_bytes() for n in names)


def _kg(*args: str) -> subprocess.CompletedProcess:
    code = ("import argparse, sys; from kg.commands import analyze as a; p = argparse.ArgumentParser(); "
            "s = p.add_subparsers(dest='c'); a.add_parser(s); from kg.errors import KgError\n"
            "try: sys.exit(a.run(p.parse_args(sys.argv[1:])))\n"
            "except KgError as e: print(e, file=sys.stderr); sys.exit(e.exit_code)")
    return subprocess.run([sys.executable, "-c", code, "analyze", *args], capture_output=True, text=True, check=False)


def test_cli_path_prints_hops_with_sentences():
    """`kg analyze --path` prints each hop with event type, date and sentence."""
    r = _kg(str(GRAPH), "--no-write", "--path", "Bayramov", "georgia")
    assert r.returncode == 0, r.stderr
    assert "2. امیرعبداللهیان — Meeting, 2023-03-20 — چاووش‌اوغلو" in r.stdout
    assert "[a2:95-126] چاووش‌اوغلو به گرجستان سفر کرد." in r.stdout


def test_cli_unknown_entity_exits_2():
    """An unknown entity name exits 2 with a message naming it (negative)."""
    r = _kg(str(GRAPH), "--no-write", "--ego", "Atlantis")
    assert r.returncode == 2 and "'Atlantis'" in r.stderr


def test_cli_json_summary_and_default_out_dir(tmp_path):
    """--format json prints the analysis; files go to analysis/ beside the graph by default."""
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(GRAPH.read_bytes())
    r = _kg(str(graph), "--format", "json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["networks"]["countries"]["edges"] == 6
    assert (tmp_path / "analysis" / "analysis.trig").is_file()


def test_missing_graph_file_is_input_error():
    """A missing graph file exits 2 and names the file (negative)."""
    r = _kg("/nonexistent/graph.ttl", "--no-write")
    assert r.returncode == 2 and "/nonexistent/graph.ttl" in r.stderr
