"""Saved queries, parameter binding and result formats, on a hand-written contract-following fixture."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.commands import query as cmd
from kg.errors import InputError, QueryError
from kg.sparql import query as Q
from kg.sparql.results import Result, to_csv, to_json, to_table, to_tsv, to_xml, width
from kg.sparql.store import open_graph

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
ID = "https://w3id.org/dipkg/id/"
DIP = "https://w3id.org/dipkg/ontology#"
EXPECTED_SAVED = ["corroborated-events", "embassy-status", "entities-without-wikidata", "events-between",
                  "events-per-month", "office-holders-on", "persons-by-country", "sources-of", "statements-by",
                  "who-met-whom"]


@pytest.fixture(scope="module")
def store():
    return open_graph(FIXTURE)


def rows(result: Result) -> list[tuple[str, ...]]:
    """Rows as plain values (IRIs, lexical forms, '' for unbound)."""
    return [tuple("" if t is None else t.value for t in row) for row in result.rows]


def col(result: Result, name: str) -> list[str]:
    i = result.variables.index(name)
    return [("" if r[i] is None else r[i].value) for r in result.rows]


def test_saved_queries_listed_with_headers():
    """Every saved query has a name matching its file and a description; the set is the documented one."""
    saved = Q.list_saved()
    assert [q.name for q in saved] == EXPECTED_SAVED
    assert all(q.description for q in saved)


@pytest.mark.parametrize("name", EXPECTED_SAVED)
def test_every_saved_query_parses_and_runs(store, name):
    """Each saved query runs on the fixture with its required parameters only."""
    required = {"office-holders-on": {"date": "2024-03-01"}, "events-between": {"a": "ایران", "b": "نارون"},
                "sources-of": {"fact": "id:event/a1/e1"}}
    assert Q.run_saved(store, name, required.get(name, {})).kind == "select"


CASES = [  # (query, params, column, expected values) — negatives beside positives
    ("who-met-whom", {}, "event", [ID + "event/a1/e1"]),
    ("who-met-whom", {"actor": "رامین تابان"}, "event", [ID + "event/a1/e1"]),
    ("who-met-whom", {"actor": "سارا کهن"}, "event", []),  # she met no one
    ("who-met-whom", {"from": "2024-02-19"}, "event", []),  # period after the meeting
    ("who-met-whom", {"from": "1402-11-29", "to": "1402-11-29"}, "event", [ID + "event/a1/e1"]),  # Jalali day
    ("office-holders-on", {"date": "2024-03-01"}, "person", [ID + "person/ramin_taban", ID + "person/sara_kohan"]),
    ("office-holders-on", {"date": "2023-06-01"}, "person", [ID + "person/sara_kohan"]),  # before Taban's
    ("office-holders-on", {"date": "2020-01-01"}, "person", []),
    ("events-between", {"a": "ایران", "b": "جمهوری آذربایجان"}, "event",
     [ID + "event/a2/e3", ID + "event/a2/e1", ID + "event/a2/e2"]),  # undated hoped resumption sorts first
    ("events-between", {"a": "ایران", "b": "جمهوری آذربایجان", "from": "2023-01-28"}, "event", [ID + "event/a2/e2"]),
    ("events-between", {"a": "ایران", "b": "نارون"}, "event", [ID + "event/a1/e1"]),  # via Taban's membership
    ("events-between", {"a": "نارون", "b": "جمهوری آذربایجان"}, "event", []),
    ("statements-by", {"speaker": "سارا کهن"}, "event", [ID + "event/a2/e4"]),
    ("statements-by", {"speaker": "رامین تابان"}, "event", []),
    ("embassy-status", {"a": "wd:Q227", "b": "wd:Q794"}, "type", []),  # wd IRIs are not our nodes
    ("embassy-status", {"a": "id:country/azerbaijan"}, "type",
     [DIP + "MissionResumption", DIP + "Attack", DIP + "MissionSuspension"]),
    ("embassy-status", {"a": "نارون"}, "type", []),
    ("sources-of", {"fact": "id:event/a1/e1"}, "anchor", ["دیدار رامین تابان با وزیر خارجه کشور نارون در شهر سپیدان"]),
    ("sources-of", {"fact": "id:person/ramin_taban"}, "anchor", ["رامین تابان"]),  # a mention
    ("sources-of", {"fact": "id:membership/a2/m1"}, "url", [""]),  # article a2 has no url
    ("sources-of", {"fact": "id:country/narvan"}, "anchor", []),  # never mentioned by a span
    ("entities-without-wikidata", {}, "entity", [ID + "person/ramin_taban", ID + "city/sepidan", ID + "country/narvan",
                                                 ID + "mission/azerbaijan_at_tehran", ID + "person/sara_kohan"]),
    ("events-per-month", {"type": "dip:Meeting"}, "month", ["2024-02"]),
    ("corroborated-events", {}, "event", []),  # the fixture states no report counts
    ("persons-by-country", {"country": "نارون"}, "person", []),
    ("persons-by-country", {"country": "ایران"}, "role", [DIP + "ForeignMinister", DIP + "Spokesperson"]),
]


@pytest.mark.parametrize(("name", "params", "column", "expected"), CASES)
def test_saved_query_rows(store, name, params, column, expected):
    """Saved queries return exactly the expected rows on the fixture, in order."""
    assert col(Q.run_saved(store, name, params), column) == expected


def test_sources_of_gives_offsets_and_article(store):
    """sources-of returns the span's offsets, article IRI, url, headline and publication date."""
    r = Q.run_saved(store, "sources-of", {"fact": "id:membership/a1/m1"})
    assert rows(r) == [(ID + "article/a1/span/6_17", "رامین تابان", "6", "17", ID + "article/a1",
                        "https://example.org/news/a1", "دیدار در سپیدان", "2024-02-18")]


BAD_PARAMS = [  # (query, params, message fragment)
    ("office-holders-on", {}, "missing parameter(s): ?date"),
    ("office-holders-on", {"date": "yesterday"}, "is not a date"),
    ("office-holders-on", {"date": "2024-02-30"}, "is not a valid date"),
    ("embassy-status", {"zz": "1"}, "unknown parameter(s) ?zz; this query takes: ?a, ?b"),
    ("embassy-status", {"a": "کشور ناموجود"}, "no entity named 'کشور ناموجود'"),
    ("sources-of", {"fact": "not an iri"}, "is not an IRI"),
]


@pytest.mark.parametrize(("name", "params", "message"), BAD_PARAMS)
def test_bad_parameters_are_refused(store, name, params, message):
    """Missing, unknown, malformed or unresolvable parameters raise QueryError naming the problem."""
    with pytest.raises(QueryError, match=None) as exc:
        Q.run_saved(store, name, params)
    assert message in str(exc.value)


def test_unknown_saved_query_lists_available():
    """An unknown saved-query name is an error listing the available ones."""
    with pytest.raises(QueryError, match="available: corroborated-events, embassy-status, entities-without-wikidata"):
        Q.load_saved("nope")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()))
def test_string_parameters_cannot_inject(value):
    """Any string bound as a parameter is one literal: injection attempts match nothing and never break the query."""
    store = open_graph(FIXTURE)
    text = "SELECT ?x WHERE {\n ?x schema:name ?v . FILTER(STR(?v) = ?s) }"
    params = [Q.Param("s", "string", False, "")]
    r = Q.run(store, Q.inline_values(text, Q.bind(store, params, {"s": value})))
    names = {"ایران", "Iran", "جمهوری آذربایجان", "Azerbaijan", "نارون", "تهران", "سپیدان", "رامین تابان", "سارا کهن",
             "سفارت جمهوری آذربایجان در تهران"}
    assert len(r.rows) == (1 if value in names else 0)


def test_injection_attempt_is_a_literal(store):
    """A value crafted to close the VALUES block stays one literal and matches nothing."""
    text = "SELECT ?x WHERE {\n ?x schema:name ?n FILTER(STR(?n) = ?s) }"
    evil = '" } } SELECT * WHERE { ?x ?p ?o } #'
    q = Q.inline_values(text, Q.bind(store, [Q.Param("s", "string", False, "")], {"s": evil}))
    assert Q.run(store, q).rows == []


def test_syntax_error_names_position(store):
    """A malformed query raises QueryError with the parser's line:column."""
    with pytest.raises(QueryError, match=r"SPARQL syntax error: error at 1:\d+"):
        Q.run(store, "SELECT ?x { ?x a dip:Visit ")


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-02-18", "2024-02-18"), ("۱۴۰۲-۱۱-۲۹", "2024-02-18"), ("1401/11/07", "2023-01-27"),
    ("2023-1-5", "2023-01-05"),
])
def test_date_parameters(value, expected):
    """Dates: Gregorian, Jalali (year < 1700), Persian digits, slashes."""
    assert Q.date_term(value).value == expected


def test_missing_graph_file_is_input_error(tmp_path):
    """A graph path that does not exist is an InputError naming it."""
    with pytest.raises(InputError, match=r"nope\.ttl: no such file"):
        open_graph(tmp_path / "nope.ttl")


def test_unparsable_graph_is_input_error(tmp_path):
    """A broken Turtle file is an InputError naming it and the line (the wording every command uses)."""
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.ttl:1: cannot parse as turtle: "):
        open_graph(bad)


# --- formats -------------------------------------------------------------------------------------------------------


def test_formats_of_one_result(store):
    """CSV, TSV, JSON, XML and the table carry the same row, each in its SPARQL results form."""
    r = Q.run(store, "SELECT ?e ?n ?d WHERE { ?e a dip:Meeting ; sem:hasPlace/schema:name ?n ; schema:startDate ?d }")
    assert to_csv(r) == f"e,n,d\r\n{ID}event/a1/e1,سپیدان,2024-02-18\r\n"
    assert to_tsv(r) == f'?e\t?n\t?d\n<{ID}event/a1/e1>\t"سپیدان"@fa\t"2024-02-18"^^<http://www.w3.org/2001/XMLSchema#date>\n'
    assert json.loads(to_json(r)) == {"head": {"vars": ["e", "n", "d"]}, "results": {"bindings": [{
        "e": {"type": "uri", "value": ID + "event/a1/e1"},
        "n": {"type": "literal", "value": "سپیدان", "xml:lang": "fa"},
        "d": {"type": "literal", "value": "2024-02-18", "datatype": "http://www.w3.org/2001/XMLSchema#date"}}]}}
    assert '<binding name="n"><literal xml:lang="fa">سپیدان</literal></binding>' in to_xml(r)
    assert to_table(r) == ("e              | n      | d\n---------------+--------+-----------\n"
                           "id:event/a1/e1 | سپیدان | 2024-02-18\n(1 row)\n")


def test_ask_formats(store):
    """ASK results in every format."""
    r = Q.run(store, "ASK { ?x a dip:Visit }")
    assert (to_table(r), to_csv(r), to_tsv(r)) == ("false\n", "boolean\r\nfalse\r\n", "?boolean\nfalse\n")
    assert json.loads(to_json(r)) == {"head": {}, "boolean": False}


@pytest.mark.parametrize(("text", "expected"), [("سلام", 4), ("می\u200cروم", 5), ("کِتاب", 4), ("abc", 3), ("中文", 4)])
def test_display_width(text, expected):
    """Table width ignores ZWNJ and diacritics, counts wide characters twice."""
    assert width(text) == expected


# --- command line --------------------------------------------------------------------------------------------------


def run_cmd(argv: list[str], capsys) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="kg")
    cmd.add_parser(parser.add_subparsers(dest="command"))
    code = cmd.run(parser.parse_args(["query", *argv]))
    return code, capsys.readouterr().out


def test_cli_saved_query_csv(capsys):
    """`kg query GRAPH --saved NAME --param … --format csv` prints the rows as CSV."""
    code, out = run_cmd([str(FIXTURE), "--saved", "statements-by", "-p", "speaker=سارا کهن", "-f", "csv"], capsys)
    assert code == 0
    assert list(csv.reader(io.StringIO(out)))[1][:3] == [ID + "event/a2/e4", ID + "person/sara_kohan", "سارا کهن"]


def test_cli_list(capsys):
    """`kg query --list` names every saved query and its parameters."""
    code, out = run_cmd(["--list"], capsys)
    assert code == 0
    assert "office-holders-on: who held which office on a given date" in out
    assert "    ?date (date): the day asked about" in out


def test_cli_query_file_and_construct(tmp_path, capsys):
    """A query file with CONSTRUCT prints Turtle with sorted prefixes; same bytes twice."""
    q = tmp_path / "q.rq"
    q.write_text("CONSTRUCT { ?e a dip:Meeting } WHERE { ?e a dip:Meeting }", encoding="utf-8")
    _, first = run_cmd([str(FIXTURE), str(q)], capsys)
    _, second = run_cmd([str(FIXTURE), str(q)], capsys)
    assert first == second
    assert first.splitlines()[0] == "@prefix cameo: <https://w3id.org/dipkg/cameo/> ."
    assert "a dip:Meeting ." in first


def test_cli_turtle_deterministic_across_processes(tmp_path):
    """Two processes print the same Turtle bytes (the writer's prefix order is random)."""
    code = ("import sys; from kg.sparql import query as Q; from kg.sparql.results import graph_bytes; "
            f"from kg.sparql.store import open_graph; s = open_graph({str(FIXTURE)!r}); "
            "sys.stdout.buffer.write(graph_bytes(Q.run(s, 'CONSTRUCT WHERE { ?s a ?o }'), 'turtle'))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout for _ in range(3)}
    assert len(outs) == 1


@pytest.fixture(scope="module")
def offices():
    return open_graph(Path(__file__).parent / "data" / "query" / "offices.ttl")


def holders(store, **params) -> list[tuple[str, ...]]:
    """office-holders-on rows as (person, role, country, host, attested, basis, membership), short names."""
    r = Q.run_saved(store, "office-holders-on", params)
    cols = [r.variables.index(c) for c in ("person", "role", "country", "accreditedTo", "attested", "basis",
                                           "membership")]
    return sorted(tuple(("" if row[i] is None else row[i].value.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
                        for i in cols) for row in r.rows)


def test_office_holders_one_row_per_person_and_office(offices):
    """On 2023-02-15: fm1 (attested 01-10) still holds Alba's foreign ministry, fm2 comes later; both deputies
    attested so far... only dep1; amb2 replaced amb1 in Bora, amb3 in Cora stays, amb4 (no host) is never replaced;
    the prime minister by his term; the country-less spokesperson yields to Cora's, attested later."""
    assert holders(offices, date="2023-02-15") == [
        ("amb2", "Ambassador", "alba", "bora", "2023-02-01", "attested", "a2"),
        ("amb3", "Ambassador", "alba", "cora", "2023-01-15", "attested", "a3"),
        ("amb4", "Ambassador", "alba", "", "2023-01-02", "attested", "a4"),
        ("dep1", "DeputyForeignMinister", "alba", "", "2023-01-01", "attested", "d1"),
        ("dep1", "Spokesperson", "cora", "", "2023-02-10", "attested", "s1"),
        ("fm1", "ForeignMinister", "alba", "", "2023-01-10", "attested", "f1a"),
        ("pm", "HeadOfGovernment", "bora", "", "", "term", "t1"),
    ]


def test_office_holders_later_date(offices):
    """On 2023-06-01 fm1's last attestation (05-01) is after fm2's (03-01): fm1 again, with that membership; both
    deputies; the country-less spokesperson is still superseded."""
    got = holders(offices, date="2023-06-01")
    assert [r for r in got if r[1] in ("ForeignMinister", "DeputyForeignMinister")] == [
        ("dep1", "DeputyForeignMinister", "alba", "", "2023-01-01", "attested", "d1"),
        ("dep2", "DeputyForeignMinister", "alba", "", "2023-04-01", "attested", "d2"),
        ("fm1", "ForeignMinister", "alba", "", "2023-05-01", "attested", "f1b"),
    ]
    assert ("spk", "Spokesperson") not in [r[:2] for r in got]


def test_office_holders_early_date_and_country(offices):
    """On 2023-01-06 the country-less spokesperson has no later rival and is listed (a post with no country
    passes any country filter); after the term ends the prime minister is gone."""
    assert holders(offices, date="2023-01-06", onlyCountry="id:country/cora") == [
        ("spk", "Spokesperson", "", "", "2023-01-05", "attested", "s0")]
    assert [r[0] for r in holders(offices, date="2023-07-01") if r[1] == "HeadOfGovernment"] == []
    assert [r for r in holders(offices, date="2023-03-01") if r[1] == "ForeignMinister"] == [
        ("fm2", "ForeignMinister", "alba", "", "2023-03-01", "attested", "f2")]


def test_quads_file_union_is_a_set(tmp_path):
    """A triple stated in two named graphs of an .nq file comes back once, as from the same triples in a .ttl."""
    nq = tmp_path / "two.nq"
    nq.write_text("<urn:s> <urn:p> <urn:o> <urn:g1> .\n<urn:s> <urn:p> <urn:o> <urn:g2> .\n"
                  "<urn:s> <urn:p> <urn:o2> <urn:g2> .\n", encoding="utf-8")
    r = Q.run(open_graph(nq), "SELECT ?o WHERE { <urn:s> <urn:p> ?o } ORDER BY ?o")
    assert [row[0].value for row in r.rows] == ["urn:o", "urn:o2"]
    r = Q.run(open_graph(nq), "SELECT ?g WHERE { GRAPH ?g { <urn:s> <urn:p> <urn:o> } } ORDER BY ?g")
    assert [row[0].value for row in r.rows] == ["urn:g1", "urn:g2"]  # the named graphs are still there


def test_xml_format_refuses_a_control_character(tmp_path):
    """`kg query --format xml` on a literal holding U+0001: a clear error (exit 2), not a broken XML document."""
    nt = tmp_path / "c.nt"
    nt.write_text('<urn:s> <urn:p> "a\\u0001b" .\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg.cli", "query", str(nt), "-e", "SELECT ?o WHERE { ?s ?p ?o }",
                           "--format", "xml"], capture_output=True, text=True, timeout=120)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("kg query: error: ?o holds U+0001, a character SPARQL XML results (XML 1.0) cannot "
                           "carry: ask for JSON, CSV or TSV instead\n")


def test_construct_turtle_is_written_like_graph_ttl_and_kg_export(tmp_path):
    """One Turtle style: a CONSTRUCT of every triple gives the bytes `kg export --format ttl` gives of the same
    graph (the writer of graph.ttl: its prefixes, minted id: IRIs whole, '/' never escaped)."""
    from kg.graph.export import export
    from kg.sparql.results import graph_bytes

    src = tmp_path / "g.ttl"
    src.write_text('<https://w3id.org/dipkg/id/person/kanaani> a <https://schema.org/Person> ;\n'
                   '  <https://schema.org/name> "ناصر کنعانی"@fa ;\n'
                   '  <https://w3id.org/dipkg/ontology#attestedOn> '
                   '"2024-01-29"^^<http://www.w3.org/2001/XMLSchema#date> .\n'
                   '<https://w3id.org/dipkg/id/event/a/Statement-1-4> '
                   '<http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> '
                   '<https://w3id.org/dipkg/id/person/kanaani> .\n', encoding="utf-8")
    answer = graph_bytes(Q.run(open_graph(src), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), "turtle")
    assert answer == export(src, "ttl")
    assert b"<https://w3id.org/dipkg/id/person/kanaani> a schema:Person ;" in answer
