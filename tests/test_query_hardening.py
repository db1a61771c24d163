"""`kg query` hardening (issue 15, "Push and query"): parameters bound with VALUES placed by reading the query's
tokens (a `WHERE {` inside a string or a comment is left alone; queries without WHERE are bound), a query file that
is not UTF-8 is a clear error, --timeout stops a query that does not answer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.errors import QueryError
from kg.sparql import query as Q
from kg.sparql.bind import insert_values, where_groups

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "query" / "fixture.ttl"
IRAN = "https://w3id.org/dipkg/id/country/iran"
B = "VALUES ?c { <" + IRAN + "> }"


@pytest.fixture(scope="module")
def store():
    return Q.open_graph(FIXTURE)


def bound(text: str) -> str:
    return Q.inline_values(text, {ox.Variable("c"): ox.NamedNode(IRAN)})


BIND_CASES = [  # query, the bound text
    pytest.param("SELECT ?n WHERE { ?c schema:name ?n }", f"SELECT ?n WHERE {{ {B}  ?c schema:name ?n }}",
                 id="WHERE group"),
    pytest.param('SELECT ?n WHERE { ?c schema:name ?n FILTER(?n != "WHERE { x") }',
                 f'SELECT ?n WHERE {{ {B}  ?c schema:name ?n FILTER(?n != "WHERE {{ x") }}',
                 id="WHERE { inside a string literal left alone"),
    pytest.param("SELECT ?n WHERE { ?c schema:name ?n FILTER(?n != '''a\nWHERE {''') }",
                 f"SELECT ?n WHERE {{ {B}  ?c schema:name ?n FILTER(?n != '''a\nWHERE {{''') }}",
                 id="WHERE { inside a long string on its own line"),
    pytest.param("SELECT ?n # no WHERE { here\nWHERE { ?c schema:name ?n }",
                 f"SELECT ?n # no WHERE {{ here\nWHERE {{ {B}  ?c schema:name ?n }}", id="in a trailing comment"),
    pytest.param("SELECT ?n { ?c schema:name ?n }", f"SELECT ?n {{ {B}  ?c schema:name ?n }}",
                 id="SELECT without WHERE"),
    pytest.param("ASK { ?c schema:name ?n }", f"ASK {{ {B}  ?c schema:name ?n }}", id="ASK without WHERE"),
    pytest.param("CONSTRUCT { ?c a schema:Thing } WHERE { ?c schema:name ?n }",
                 f"CONSTRUCT {{ ?c a schema:Thing }} WHERE {{ {B}  ?c schema:name ?n }}",
                 id="CONSTRUCT: the template is not the WHERE group"),
    pytest.param("CONSTRUCT WHERE { ?c schema:name ?n }", f"CONSTRUCT WHERE {{ {B}  ?c schema:name ?n }}",
                 id="CONSTRUCT WHERE"),
    pytest.param("DESCRIBE ?c", f"DESCRIBE ?c\nWHERE {{ {B} }}", id="DESCRIBE without a pattern"),
    pytest.param("SELECT ?n WHERE { { SELECT ?n { ?c schema:name ?n } } }",
                 f"SELECT ?n WHERE {{ {B}  {{ SELECT ?n {{ {B}  ?c schema:name ?n }} }} }}",
                 id="sub-SELECT without WHERE bound too"),
    pytest.param("SELECT ?select WHERE { ?c dip:select ?select }",
                 f"SELECT ?select WHERE {{ {B}  ?c dip:select ?select }}",
                 id="negative: ?select and dip:select are not the keyword"),
]


@pytest.mark.parametrize(("text", "want"), BIND_CASES)
def test_values_placed_by_the_query_tokens(text, want):
    """The VALUES block opens each WHERE group, wherever the braces and keywords really are."""
    assert bound(text) == want


@pytest.mark.parametrize(("text", "rows"), [
    ('SELECT ?n ?w WHERE { ?c schema:name ?n FILTER(LANG(?n) = "en") BIND("WHERE { x" AS ?w) }',
     [["Iran", "WHERE { x"]]),
    ("SELECT ?n { ?c schema:name ?n FILTER(LANG(?n) = 'en') }", [["Iran"]]),
    ("ASK { ?c schema:name 'Iran'@en }", True),
])
def test_bound_queries_run(store, text, rows):
    """The bound queries run and answer for the bound value only."""
    r = Q.run(store, bound(text))
    assert (r.boolean if r.kind == "ask" else [[t.value for t in row] for row in r.rows]) == rows


def test_query_without_a_group_cannot_be_bound():
    """Negative: a text with no group pattern at all is refused with a message, not corrupted."""
    with pytest.raises(QueryError, match="cannot bind parameters: no WHERE clause found in the query"):
        insert_values("PREFIX x: <http://x/>", "VALUES ?c { 1 }")


def test_where_groups_skips_iris_and_strings():
    """An IRI or a string holding 'SELECT' or a brace does not open a group."""
    text = 'SELECT ?x FROM <http://x/SELECT> WHERE { ?x <http://x/p> "SELECT {" }'
    assert where_groups(text) == ([text.index("WHERE {") + 7], False)


def test_cli_param_in_query_with_where_in_a_literal(capsys):
    """Through the CLI: --param on an ad-hoc query whose string holds 'WHERE {' (it used to corrupt the literal)."""
    code = main(["query", str(FIXTURE), "-e", 'SELECT ?n ?w WHERE { ?c schema:name ?n FILTER(LANG(?n) = "en") '
                 'BIND("WHERE { x" AS ?w) }', "--param", f"c=<{IRAN}>", "-f", "json"])
    out = capsys.readouterr().out
    assert code == 0
    assert [(b["n"]["value"], b["w"]["value"]) for b in json.loads(out)["results"]["bindings"]] == [
        ("Iran", "WHERE { x")]


def test_query_file_not_utf8(tmp_path, capsys):
    """A query file with a byte that is not UTF-8: exit 2 naming the file, line and byte, no traceback."""
    q = tmp_path / "q.rq"
    q.write_bytes(b"SELECT ?s\nWHERE { ?s ?p \"caf\xe9\" }\n")
    code = main(["query", str(FIXTURE), str(q)])
    err = capsys.readouterr().err
    assert (code, err) == (2, f"kg query: error: {q}:2: not valid UTF-8 at byte 28 (byte 0xe9): save the query as "
                              "UTF-8\n")


def test_query_file_fifo_not_read(tmp_path, capsys):
    """A FIFO given as the query file is refused, not read (which would block)."""
    os.mkfifo(tmp_path / "q.rq")
    code = main(["query", str(FIXTURE), str(tmp_path / "q.rq")])
    assert (code, capsys.readouterr().err) == (2, f"kg query: error: {tmp_path / 'q.rq'}: a FIFO (named pipe), not a "
                                                  "regular file: skipped (only regular files are read)\n")


def kg(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_timeout_stops_a_runaway_query():
    """--timeout 1 on a query that would run for minutes (a cartesian product): stopped within seconds, exit 2."""
    t0 = time.monotonic()
    proc = kg("query", str(FIXTURE), "-e", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
              "?j ?k ?l }", "--timeout", "1")
    took = time.monotonic() - t0
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == ("kg query: error: no answer within 1 s (--timeout): the query was stopped; make it "
                           "cheaper (a LIMIT, fewer OPTIONALs, a more selective first pattern) or give more time\n")
    assert took < 30


def test_timeout_does_not_change_an_answer():
    """Negative: a query that answers in time gives the same output and status with --timeout as without."""
    args = ["query", str(FIXTURE), "-e", "SELECT ?n WHERE { ?c schema:name ?n } ORDER BY ?n", "-f", "csv"]
    plain, timed = kg(*args), kg(*args, "--timeout", "60")
    assert (timed.returncode, timed.stdout, timed.stderr) == (plain.returncode, plain.stdout, plain.stderr)
    assert plain.returncode == 0 and plain.stdout.count("\n") > 5
