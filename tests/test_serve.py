"""`kg serve`: the SPARQL 1.1 Protocol endpoint with real clients (SPARQLWrapper, curl, headless Chromium)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
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


# --- hostile clients and faults (issue 15) -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hard():
    s = make_server(FIXTURE, port=0, timeout=3, max_rows=5, workers=2, quiet=True, io_timeout=1,
                    max_memory=300 << 20).start()
    yield s
    s.close()


def raw(server, data: bytes, wait: float = 10) -> bytes:
    """Send raw bytes, read the answer until the server closes the connection."""
    host, port = server.url[len("http://"):].split(":")
    with socket.create_connection((host, int(port)), timeout=wait) as sock:
        sock.sendall(data)
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
        return out


def status_of(reply: bytes) -> int:
    return int(reply.split(b" ", 2)[1]) if reply else 0


def post_head(server, extra: str) -> bytes:
    host = server.url[len("http://"):]
    return (f"POST /sparql HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/sparql-query\r\n{extra}\r\n"
            ).encode()


@pytest.mark.parametrize(("headers", "body", "status"), [
    ("Content-Length: abc\r\n", b"ASK {}", 400),
    ("Content-Length: -1\r\n", b"ASK {}", 400),
    ("Content-Length: 1, 2\r\n", b"ASK {}", 400),
    ("Content-Length: 50\r\n", b"ASK {}", 408),  # a short body: the read times out (io_timeout 1 s)
])
def test_bad_content_length_answered_not_hung(hard, headers, body, status):
    """A malformed or unfulfilled Content-Length gets 400 or 408, then the connection closes; nothing hangs."""
    t = time.monotonic()
    reply = raw(hard, post_head(hard, headers) + body)
    assert status_of(reply) == status
    assert time.monotonic() - t < 5


def test_chunked_post_body_read(hard):
    """A chunked POST body (Transfer-Encoding: chunked) is read and the query answered."""
    query = MEETING.encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (query[:10], query[10:])) + b"0\r\n\r\n"
    reply = raw(hard, post_head(hard, "Transfer-Encoding: chunked\r\nAccept: text/csv\r\nConnection: close\r\n")
                + chunks)
    assert status_of(reply) == 200
    assert reply.endswith(f"e\r\n{EV}\r\n".encode())


def test_idle_connection_closed_after_io_timeout(hard):
    """A connection that sends nothing is closed after the read timeout (1 s here), with no answer."""
    t = time.monotonic()
    assert raw(hard, b"") == b""
    assert 0.5 < time.monotonic() - t < 5


def test_half_open_connections_hold_no_threads(hard):
    """200 connections that send half a request hold no thread each, and a normal query is answered meanwhile."""
    host, port = hard.url[len("http://"):].split(":")
    before = threading.active_count()
    socks = []
    try:
        for _ in range(200):
            s = socket.create_connection((host, int(port)), timeout=10)
            s.sendall(b"GET /sparql?query=ASK HTTP/1.1\r\nHost: x")
            socks.append(s)
        time.sleep(0.3)
        assert threading.active_count() - before < 20
        status, _, body = get(hard, "ASK { ?e a dip:Attack }")
        assert (status, json.loads(body)["boolean"]) == (200, True)
    finally:
        for s in socks:
            s.close()


def test_deeply_nested_query_is_400(hard):
    """10,000 nested braces: a 400 saying how deep, not an empty reply or a crashed worker."""
    query = "SELECT * WHERE " + "{" * 10000 + " ?s ?p ?o " + "}" * 10000
    status, _, body = http(hard, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    assert (status, body) == (400, b"the query nests brackets 10000 deep; at most 500 are accepted")
    assert get(hard, MEETING, "text/csv")[0] == 200


def test_big_query_parsed_without_blocking_others(hard):
    """A 900 KB query is parsed in a worker, within the time limit, while other clients keep getting answers."""
    big = "SELECT ?e WHERE { ?e a dip:Meeting FILTER(?e NOT IN (" + ", ".join(
        f"<urn:x:{i}>" for i in range(62000)) + ")) }"
    assert 850_000 < len(big) < 1_000_000
    out = {}

    def heavy():
        out["status"], _, out["body"] = http(hard, "POST", "/sparql", big.encode(),
                                             {"Content-Type": "application/sparql-query", "Accept": "text/csv"})

    th = threading.Thread(target=heavy)
    th.start()
    times = []
    for _ in range(5):
        t = time.monotonic()
        assert get(hard, MEETING, "text/csv")[:3:2] == (200, f"e\r\n{EV}\r\n".encode())
        times.append(time.monotonic() - t)
    th.join(30)
    assert out["status"] in (200, 503)
    if out["status"] == 200:
        assert out["body"] == f"e\r\n{EV}\r\n".encode()


@pytest.mark.slow
def test_memory_cap_stops_one_query(hard):
    """An ORDER BY over a cartesian product that would take gigabytes stops at the worker's cap (300 MiB here)
    with 503 saying so; the server goes on answering."""
    huge = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?c ?f ?i ?l"
    status, _, body = get(hard, huge, "text/csv")
    assert (status, body) in ((503, b"query exceeded the memory limit (300 MiB)"), (503, b"query exceeded 3 s"))
    assert get(hard, MEETING, "text/csv")[0] == 200


def test_cors_only_when_asked(server):
    """Without --cors no Access-Control-Allow-Origin header; with it, '*' and an answered preflight."""
    _, headers, _ = get(server, MEETING)
    assert "Access-Control-Allow-Origin" not in headers
    s = make_server(FIXTURE, port=0, workers=1, quiet=True, cors=True).start()
    try:
        _, headers, _ = get(s, MEETING)
        assert headers["Access-Control-Allow-Origin"] == "*"
        status, headers, _ = http(s, "OPTIONS", "/sparql", headers={"Origin": "http://example.org",
                                                                    "Access-Control-Request-Method": "POST"})
        assert (status, headers["Access-Control-Allow-Methods"]) == (204, "GET, POST, OPTIONS")
    finally:
        s.close()


@pytest.mark.parametrize(("host", "status"), [
    ("evil.example", 403), ("evil.example:{port}", 403), ("127.0.0.1:{port}", 200), ("localhost:{port}", 200)])
def test_host_header_checked(server, host, status):
    """DNS rebinding guard: a Host that is not the loopback address the server listens on is refused."""
    port = server.url.rsplit(":", 1)[1]
    reply = raw(server, f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: {host.format(port=port)}\r\n"
                "Connection: close\r\n\r\n".encode())
    assert status_of(reply) == status


def test_put_delete_are_405_and_head_answered(server):
    """PUT and DELETE get 405 with Allow; HEAD gets the GET headers without a body."""
    for method in ("PUT", "DELETE", "PATCH"):
        status, headers, _ = http(server, method, "/sparql", b"x", {"Content-Type": "text/turtle"})
        assert (status, headers["Allow"]) == (405, "GET, HEAD, POST, OPTIONS")
    status, headers, body = http(server, "HEAD", "/")
    assert (status, body, headers["Content-Type"]) == (200, b"", "text/html; charset=utf-8")


def test_xml_results_with_a_control_character(tmp_path):
    """A literal with U+0001 cannot be written in XML 1.0: 406 naming the character, JSON still answers."""
    data = tmp_path / "c.nt"
    data.write_text('<urn:s> <urn:p> "a\\u0001b" .\n<urn:s> <urn:q> "tab\\tand\\nline" .\n', encoding="utf-8")
    s = make_server(data, port=0, workers=1, quiet=True).start()
    try:
        status, _, body = get(s, "SELECT ?o WHERE { <urn:s> <urn:p> ?o }", "application/sparql-results+xml")
        assert (status, body) == (406, b"?o holds U+0001, a character SPARQL XML results (XML 1.0) cannot carry: "
                                       b"ask for JSON, CSV or TSV instead")
        status, _, body = get(s, "SELECT ?o WHERE { <urn:s> <urn:p> ?o }")
        assert json.loads(body)["results"]["bindings"][0]["o"]["value"] == "a\x01b"
        status, _, body = get(s, "SELECT ?o WHERE { <urn:s> <urn:q> ?o }", "application/sparql-results+xml")
        from xml.dom.minidom import parseString

        assert parseString(body).getElementsByTagName("literal")[0].firstChild.data == "tab\tand\nline"
    finally:
        s.close()


def test_construct_turtle_without_escaped_slashes(server):
    """CONSTRUCT answers in Turtle write minted id: IRIs whole (as graph.ttl does), never 'id:event\\/…'."""
    status, _, body = get(server, "CONSTRUCT WHERE { ?e a dip:Meeting }", "text/turtle")
    text = body.decode()
    assert status == 200 and "\\/" not in text
    assert f"<{EV}> a dip:Meeting ." in text


WRITER = """
import sys
import pyoxigraph as ox
from kg.sparql.store import open_store
s = open_store(sys.argv[1])
P = ox.NamedNode("https://schema.org/description")
i = 0
while True:
    label = "AB"[i % 2]
    s.replace_article("x", [ox.Triple(ox.NamedNode(f"https://w3id.org/dipkg/id/x/{k}"), P, ox.Literal(label))
                            for k in range(2000)])
    i += 1
    if i == 2:
        print("ready", flush=True)
"""


@pytest.mark.slow
def test_store_being_written_is_served_as_one_snapshot(tmp_path):
    """`kg serve` of a store that a writer keeps replacing: every answer is the same whole version."""
    db = tmp_path / "db"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        s = make_server(db, port=0, workers=2, quiet=True).start()
        try:
            answers = set()
            for _ in range(8):
                body = get(s, "SELECT ?d (COUNT(*) AS ?n) WHERE { ?x schema:description ?d } GROUP BY ?d",
                           "text/csv")[2]
                answers.add(body)
                time.sleep(0.1)
        finally:
            s.close()
    finally:
        proc.kill()
        proc.wait(20)
        proc.stdout.close()
    assert len(answers) == 1
    assert answers.pop() in (b"d,n\r\nA,2000\r\n", b"d,n\r\nB,2000\r\n")


def kg_serve(*args, tmp: Path) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", *map(str, args), "--quiet"], env=env,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_temporary_copy_removed_on_sigterm(tmp_path):
    """SIGTERM stops `kg serve` and removes its temporary copy of the data (exit 0)."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = kg_serve(FIXTURE, "--port", "0", tmp=tmp)
    try:
        assert "SPARQL endpoint http://127.0.0.1:" in proc.stderr.readline()
        assert [p.name.startswith("dipkg-serve-") for p in tmp.iterdir()] == [True]
        proc.terminate()
        assert proc.wait(20) == 0
    finally:
        proc.kill()
        proc.stderr.close()
    assert list(tmp.iterdir()) == []


def test_port_in_use_leaves_no_copy(tmp_path):
    """A port already taken: a clear error (exit 2) and no temporary copy left behind."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = kg_serve(FIXTURE, "--port", taken.getsockname()[1], tmp=tmp)
        try:
            assert proc.wait(60) == 2
            assert "cannot listen" in proc.stderr.read()
        finally:
            proc.kill()
            proc.stderr.close()
    assert list(tmp.iterdir()) == []


def test_default_port_is_not_virtuosos():
    """The default port is 7880, not Virtuoso's 8890 (nor Oxigraph's 7878), which `kg push` may target."""
    from kg.sparql.serve import DEFAULT_PORT

    assert DEFAULT_PORT == 7880


def test_old_store_served_with_its_union_filled_in(tmp_path):
    """A store of the old layout (named graphs, empty default graph) is served with the union filled in its copy,
    the store itself left as it was."""
    import pyoxigraph as ox

    raw_store = ox.Store(str(tmp_path / "db"))
    for g in ("urn:g1", "urn:g2"):
        raw_store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.NamedNode("urn:c"), ox.NamedNode(g)))
    raw_store.flush()
    del raw_store
    s = make_server(tmp_path / "db", port=0, workers=1, quiet=True).start()
    try:
        assert get(s, "SELECT ?o WHERE { <urn:a> ?p ?o }", "text/csv")[2] == b"o\r\nurn:c\r\n"
    finally:
        s.close()
    assert len(ox.Store.read_only(str(tmp_path / "db"))) == 2


@pytest.mark.slow
def test_long_query_beyond_the_slow_lanes_stopped_after_a_second():
    """Two workers, one slow lane: of two runaway queries one runs to the time limit, the other is stopped after
    one second with 503 saying why, and a quick query is answered meanwhile."""
    s = make_server(FIXTURE, port=0, timeout=4, workers=2, quiet=True).start()
    try:
        out: list[tuple[int, bytes, float]] = []

        def runaway():
            t = time.monotonic()
            status, _, body = get(s, FOREVER)
            out.append((status, body, time.monotonic() - t))

        threads = [threading.Thread(target=runaway) for _ in range(2)]
        for th in threads:
            th.start()
            time.sleep(0.3)
        time.sleep(1.5)
        assert get(s, MEETING, "text/csv")[:3:2] == (200, f"e\r\n{EV}\r\n".encode())
        for th in threads:
            th.join(30)
        bodies = sorted(body for _, body, _ in out)
        assert [status for status, _, _ in out] == [503, 503]
        assert bodies == [b"query exceeded 4 s", b"the server is busy with 1 long-running query: this one was "
                                                 b"stopped after 1 s; retry later"]
    finally:
        s.close()


def test_copies_left_by_a_killed_serve_are_swept_at_the_next_start(tmp_path):
    """A kg serve killed with -9 leaves its temporary copy; the next kg serve removes the copies whose owner is
    dead, and leaves those of a live process and folders that are not its own."""
    import subprocess

    from kg.sparql.serve import OWNER, sweep_stale_copies

    dead = subprocess.Popen(["true"])
    dead.wait()
    for name, owner in (("dipkg-serve-dead", dead.pid), ("dipkg-serve-live", os.getppid()),
                        ("dipkg-serve-other", None)):
        (tmp_path / name / "store").mkdir(parents=True)
        if owner is not None:
            (tmp_path / name / OWNER).write_text(f"{owner}\n", encoding="ascii")
    (tmp_path / "unrelated").mkdir()
    assert sweep_stale_copies(str(tmp_path)) == [str(tmp_path / "dipkg-serve-dead")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dipkg-serve-live", "dipkg-serve-other", "unrelated"]
