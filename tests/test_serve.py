"""`kg serve`: the SPARQL 1.1 Protocol endpoint with real clients (SPARQLWrapper, curl, headless Chromium)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from kg.sparql.serve import make_server
from kg.sparql.worker import negotiate

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
EV = "https://w3id.org/dipkg/id/event/a1/e1"
MEETING = "SELECT ?e WHERE { ?e a dip:Meeting }"
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }"


@pytest.fixture(scope="module")
def server():
    s = make_server(FIXTURE, port=0, timeout=2, max_rows=5, workers=2, quiet=True).start()
    yield s
    s.close()


def http(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
    req = urllib.request.Request(server.url + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def get(server, query: str, accept: str = "application/sparql-results+json"):
    return http(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": accept})


def wrapper(server, query: str, fmt):
    w = SPARQLWrapper(server.url + "/sparql")
    w.setQuery(query)
    w.setReturnFormat(fmt)
    return w


@pytest.mark.parametrize(("fmt", "check"), [
    (JSON, lambda r: r["results"]["bindings"][0]["e"]["value"] == EV),
    (XML, lambda r: r.getElementsByTagName("uri")[0].firstChild.data == EV),
    (CSV, lambda r: r.decode() == f"e\r\n{EV}\r\n"),
    (TSV, lambda r: r.decode() == f"?e\n<{EV}>\n"),
])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_every_format(server, fmt, check, method):
    """SPARQLWrapper gets the one meeting in JSON, XML, CSV and TSV, by GET and by POST."""
    w = wrapper(server, MEETING, fmt)
    w.setMethod(method)
    assert check(w.queryAndConvert())


def test_sparqlwrapper_ask(server):
    """ASK through SPARQLWrapper gives the boolean."""
    assert wrapper(server, "ASK { ?e a dip:Attack }", JSON).queryAndConvert()["boolean"] is True


@pytest.mark.parametrize(("accept", "ctype", "start"), [
    ("text/turtle", "text/turtle", b"@prefix"),
    ("application/ld+json", "application/ld+json", b"[{"),
    ("application/n-triples", "application/n-triples", f"<{EV}>".encode()),
])
def test_construct_formats(server, accept, ctype, start):
    """CONSTRUCT answers in Turtle, JSON-LD or N-Triples by the Accept header."""
    status, headers, body = get(server, "CONSTRUCT WHERE { ?e a dip:Meeting }", accept)
    assert (status, headers["Content-Type"].split(";")[0]) == (200, ctype)
    assert body.startswith(start)


def test_post_sparql_query_body(server):
    """POST application/sparql-query with the query as the body."""
    status, _, body = http(server, "POST", "/sparql", MEETING.encode(),
                           {"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert (status, body) == (200, f"e\r\n{EV}\r\n".encode())


def test_post_form_encoded(server):
    """POST application/x-www-form-urlencoded with query=."""
    status, _, body = http(server, "POST", "/sparql", urllib.parse.urlencode({"query": MEETING}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert (status, body) == (200, f"e\r\n{EV}\r\n".encode())


REFUSED = [  # (how it is sent, expected status, message fragment)
    (("GET", "SELECT ?e WHERE { ?e a dip:Meeting "), 400, "SPARQL syntax error"),
    (("GET", "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"), 403, "SERVICE"),
    (("GET", "SELECT * WHERE { OPTIONAL { SERVICE SILENT <http://127.0.0.1:1/> { ?s ?p ?o } } }"), 403, "SERVICE"),
    (("GET", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), 403, "read-only"),
    (("GET", "LOAD <http://127.0.0.1:1/x.ttl>"), 403, "read-only"),
    (("GET", "CLEAR ALL"), 403, "read-only"),
    (("GET", "DROP GRAPH <urn:g>"), 403, "read-only"),
    (("form-update", "DELETE WHERE { ?s ?p ?o }"), 403, "read-only"),
    (("sparql-update", "CREATE GRAPH <urn:g>"), 403, "read-only"),
    (("GET", "SELECT ?e WHERE { ?e a nosuchprefix:X }"), 400, "SPARQL syntax error"),
]


@pytest.mark.parametrize(("how", "status", "message"), REFUSED)
def test_refusals(server, how, status, message):
    """Syntax errors are 400 with the parser's message; updates, LOAD and SERVICE are refused with 403."""
    kind, query = how
    if kind == "GET":
        got, _, body = get(server, query)
    elif kind == "form-update":
        got, _, body = http(server, "POST", "/sparql", urllib.parse.urlencode({"update": query}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    else:
        got, _, body = http(server, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-update"})
    assert got == status
    assert message in body.decode()


def test_update_did_not_change_data(server):
    """After the refused updates the data is unchanged."""
    status, _, body = get(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "text/csv")
    assert (status, body) == (200, b"n\r\n103\r\n")


def test_sparqlwrapper_sees_400(server):
    """SPARQLWrapper raises QueryBadFormed on a syntax error."""
    with pytest.raises(QueryBadFormed):
        wrapper(server, "SELECT ?e WHERE {", JSON).queryAndConvert()


def test_row_limit_cuts_off_with_header(server):
    """Rows beyond --max-rows are cut off and the X-Dipkg-Truncated header says so."""
    status, headers, body = get(server, "SELECT ?s WHERE { ?s ?p ?o }", "text/csv")
    assert status == 200
    assert headers["X-Dipkg-Truncated"] == "result cut off at max-rows=5"
    assert len(body.decode().splitlines()) == 6  # header + 5 rows
    _, small, _ = get(server, MEETING)
    assert "X-Dipkg-Truncated" not in small


@pytest.mark.slow
def test_runaway_query_cut_off_while_others_answered(server):
    """A query that would run for ever gets 503 'query exceeded 2 s' while another client keeps getting answers."""
    out = {}

    def runaway():
        t = time.monotonic()
        out["status"], _, out["body"] = get(server, FOREVER)
        out["took"] = time.monotonic() - t

    th = threading.Thread(target=runaway)
    th.start()
    answered = 0
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        status, _, body = get(server, MEETING, "text/csv")
        assert (status, body) == (200, f"e\r\n{EV}\r\n".encode())
        answered += 1
    th.join(30)
    assert (out["status"], out["body"]) == (503, b"query exceeded 2 s")
    assert 2 <= out["took"] < 10
    assert answered >= 3
    assert get(server, MEETING, "text/csv")[0] == 200  # the replaced worker answers too


@pytest.mark.skipif(not shutil.which("curl"), reason="curl not installed")
def test_curl_get_and_post(server):
    """curl: GET with --data-urlencode -G, and POST of a form; the 400 status is visible to curl."""
    base = [shutil.which("curl"), "-s", "-H", "Accept: text/csv"]
    got = subprocess.run([*base, "-G", "--data-urlencode", f"query={MEETING}", server.url + "/sparql"],
                         capture_output=True, check=True).stdout
    assert got == f"e\r\n{EV}\r\n".encode()
    got = subprocess.run([*base, "--data-urlencode", f"query={MEETING}", server.url + "/sparql"],
                         capture_output=True, check=True).stdout
    assert got == f"e\r\n{EV}\r\n".encode()
    code = subprocess.run([*base, "-o", "/dev/null", "-w", "%{http_code}", "-G", "--data-urlencode",
                           "query=SELECT", server.url + "/sparql"], capture_output=True, check=True).stdout
    assert code == b"400"


def test_query_page_and_static_files_served_locally(server):
    """/ is the YASGUI page pointing at the local endpoint; its script and style come from this server."""
    status, _, page = http(server, "GET", "/")
    assert status == 200
    assert b'src="/static/yasgui.min.js"' in page and b"window.location.origin + \"/sparql\"" in page
    assert b'src="http' not in page and b'href="http' not in page
    assert http(server, "GET", "/static/yasgui.min.js")[0] == 200
    assert http(server, "GET", "/static/yasgui.min.css")[0] == 200
    assert http(server, "GET", "/static/../serve.py")[0] == 404


@pytest.mark.parametrize(("accept", "kind", "expected"), [
    ("", "select", "json"), ("text/csv", "select", "csv"), ("text/turtle", "select", "json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "select", "xml"), ("*/*", "graph", "turtle"),
    ("application/json", "graph", "jsonld"), ("text/csv;q=bad, text/tab-separated-values", "select", "tsv"),
])
def test_negotiation(accept, kind, expected):
    """Accept headers with q-values pick the format; unknown types fall back to JSON/Turtle."""
    assert negotiate(accept, kind) == expected


# --- the query page in headless Chromium ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wd(port: int, method: str, path: str, payload: dict | None = None) -> dict:
    data = json.dumps(payload).encode() if payload is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())


@pytest.mark.browser
def test_query_page_runs_a_query_in_chromium(server):
    """Headless Chromium loads /, runs a query through the YASGUI editor and shows the meeting in the results."""
    driver, chromium = shutil.which("chromedriver"), shutil.which("chromium")
    if not (driver and chromium):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver must be installed under CI "
                        "(apt-get install chromium chromium-driver)")
        pytest.skip("chromium/chromedriver not installed")
    port = _free_port()
    proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                _wd(port, "GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
            "binary": chromium, "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage"]}}}}
        sid = _wd(port, "POST", "/session", caps)["value"]["sessionId"]
        try:
            _wd(port, "POST", f"/session/{sid}/url", {"url": server.url + "/"})
            script = ("const tab = window.yasgui.getTab(); tab.getYasqe().setValue(arguments[0]); tab.query();"
                      "return true;")
            _wd(port, "POST", f"/session/{sid}/execute/sync",
                {"script": script,
                 "args": ["SELECT ?name WHERE { ?c a schema:City ; schema:name ?name } ORDER BY ?name"]})
            text = ""
            for _ in range(100):
                text = _wd(port, "POST", f"/session/{sid}/execute/sync",
                           {"script": "const r = document.querySelector('.yasr'); return r ? r.innerText : '';",
                            "args": []})["value"]
                if "سپیدان" in text:
                    break
                time.sleep(0.1)
            assert "سپیدان" in text and "تهران" in text
        finally:
            _wd(port, "DELETE", f"/session/{sid}")
    finally:
        proc.kill()
        proc.wait(10)
