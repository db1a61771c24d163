"""The W3C SPARQL 1.1 protocol and syntax tests against a real `kg serve` on 127.0.0.1.

The test files are a copy kept in `tests/w3c/sparql11/` (W3C-licensed, see the README there). Syntax tests: every
entry of the query, federated-query and update syntax manifests is sent to the endpoint; a positive query test must
be answered (200, or 403 for SERVICE, which this endpoint refuses after parsing), a negative one refused with 400;
a positive update test is refused as an update (403: the endpoint is read-only), a negative one with 400.

Protocol tests: the manifest names each test in one line of prose (the requests are the W3C protocol validator's);
each test that applies to a read-only endpoint is written out below. The eight `update_*` tests ask for an update
to succeed and do not apply; `test_update_refused` checks that each is refused with 403 and changes nothing. The
dataset of the W3C tests (data1.rdf … data3.rdf, fetched from the web by the validator) is here a TriG file whose
named graphs carry those names.
"""

from __future__ import annotations

import http.client
import re
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection

W3C = Path(__file__).parent / "w3c" / "sparql11"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
RDF_TYPE = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")["type"]
D = "http://kasei.us/2009/09/sparql/data/"
DATASET = f"""
<{D}data1.rdf> {{ <{D}data1.rdf> <urn:p> "o" . <urn:shared> <urn:p> "o" . }}
<{D}data2.rdf> {{ <{D}data2.rdf> <urn:p> "o" . <urn:shared> <urn:p> "o" . }}
<{D}data3.rdf> {{ <{D}data3.rdf> <urn:p> "o" . }}
"""
SELECT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                "text/tab-separated-values"}
GRAPH_TYPES = {"application/rdf+xml", "text/turtle", "application/n-triples", "application/xhtml+xml"}


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    """`kg serve` of the dataset on a free loopback port, killed at the end."""
    data = tmp_path_factory.mktemp("w3c") / "dataset.trig"
    data.write_text(DATASET, encoding="utf-8")
    kg = Path(sys.executable).with_name("kg")
    proc = subprocess.Popen([str(kg), "serve", str(data), "--port", "0", "--quiet"], stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"(http://127\.0\.0\.1:\d+)/sparql", line)
        assert m, f"kg serve did not start: {line!r}"
        yield m.group(1)
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
        proc.stderr.close()


def request(url: str, method: str = "GET", path: str = "/sparql", body: bytes | None = None,
            headers: dict | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request with exactly the given headers (urllib would add a form Content-Type to every body)."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    finally:
        conn.close()


def q(**params) -> str:
    """A query string; a list value repeats the parameter."""
    pairs = [(k.replace("_", "-"), v) for k, vs in params.items() for v in (vs if isinstance(vs, list) else [vs])]
    return urllib.parse.urlencode(pairs)


def media(headers: dict[str, str]) -> str:
    return headers.get("content-type", "").split(";")[0].strip()


def boolean(body: bytes) -> bool:
    text = body.decode("utf-8")
    m = re.search(r'"boolean"\s*:\s*(true|false)|<boolean>(true|false)</boolean>', text)
    assert m, text
    return (m.group(1) or m.group(2)) == "true"


FORM = {"Content-Type": "application/x-www-form-urlencoded"}
JSON = {"Accept": "application/sparql-results+json"}


# --- protocol tests ------------------------------------------------------------------------------------------------


def test_query_post_form(endpoint):
    """query via URL-encoded POST."""
    status, h, body = request(endpoint, "POST", body=q(query="ASK {}").encode(), headers=FORM)
    assert (status, media(h) in SELECT_TYPES, boolean(body)) == (200, True, True)


def test_query_dataset_default_graphs_get(endpoint):
    """GET query with protocol-specified default graph (and a default graph that does not exist: false)."""
    ask = f"ASK {{ <{D}data1.rdf> ?p ?o }}"
    status, _, body = request(endpoint, path="/sparql?" + q(query=ask, default_graph_uri=D + "data1.rdf"))
    assert (status, boolean(body)) == (200, True)
    status, _, body = request(endpoint, path="/sparql?" + q(query=ask, default_graph_uri=D + "data2.rdf"))
    assert (status, boolean(body)) == (200, False)
    status, _, body = request(endpoint, path="/sparql?" + q(query="ASK { ?s ?p ?o }",
                                                             default_graph_uri="http://example.org/no-such-graph"))
    assert (status, boolean(body)) == (200, False)


def test_query_dataset_default_graphs_post(endpoint):
    """POST query with protocol-specified default graphs (their merge is the default graph)."""
    ask = f"ASK {{ <{D}data1.rdf> ?p ?o . <{D}data2.rdf> ?p ?o }}"
    status, _, body = request(endpoint, "POST", body=q(query=ask, default_graph_uri=[D + "data1.rdf", D + "data2.rdf"])
                              .encode(), headers=FORM)
    assert (status, boolean(body)) == (200, True)
    every = q(query="SELECT ?s ?p ?o WHERE { ?s ?p ?o }", default_graph_uri=[D + "data1.rdf", D + "data2.rdf"])
    status, _, body = request(endpoint, "POST", body=every.encode(), headers={**FORM, "Accept": "text/csv"})
    assert (status, sorted(body.decode().splitlines()[1:])) == (200, [
        f"{D}data1.rdf,urn:p,o", f"{D}data2.rdf,urn:p,o", "urn:shared,urn:p,o"])  # a set: the shared triple once


NAMED = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def test_query_dataset_named_graphs_post(endpoint):
    """POST query with protocol-specified named graphs."""
    status, _, body = request(endpoint, "POST", body=q(query=NAMED, named_graph_uri=[D + "data1.rdf", D + "data2.rdf"])
                              .encode(), headers={**FORM, "Accept": "text/csv"})
    assert (status, body.decode().split("\r\n")) == (200, ["g", D + "data1.rdf", D + "data2.rdf", ""])


def test_query_dataset_named_graphs_get(endpoint):
    """GET query with protocol-specified named graphs."""
    status, _, body = request(endpoint, path="/sparql?" + q(query=NAMED, named_graph_uri=D + "data2.rdf"),
                              headers={"Accept": "text/csv"})
    assert (status, body.decode().split("\r\n")) == (200, ["g", D + "data2.rdf", ""])


def test_query_dataset_full(endpoint):
    """query with protocol-specified dataset (both named and default graphs)."""
    sel = "SELECT ?g ?x ?s WHERE { ?x ?y ?o GRAPH ?g { ?s ?p ?o } } ORDER BY ?g ?s"
    status, _, body = request(endpoint, path="/sparql?" + q(query=sel, default_graph_uri=D + "data3.rdf",
                                                             named_graph_uri=[D + "data1.rdf", D + "data2.rdf"]),
                              headers={"Accept": "text/csv"})
    assert (status, body.decode().split("\r\n")) == (200, [
        "g,x,s", f"{D}data1.rdf,{D}data3.rdf,{D}data1.rdf", f"{D}data1.rdf,{D}data3.rdf,urn:shared",
        f"{D}data2.rdf,{D}data3.rdf,{D}data2.rdf", f"{D}data2.rdf,{D}data3.rdf,urn:shared", ""])


def test_query_multiple_dataset(endpoint):
    """query specifying dataset in both query string and protocol; the protocol-specified dataset is used."""
    ask = f"ASK FROM <{D}data1.rdf> {{ <{D}data1.rdf> ?p ?o }}"
    status, _, body = request(endpoint, path="/sparql?" + q(query=ask, default_graph_uri=D + "data2.rdf"))
    assert (status, boolean(body)) == (200, False)
    status, _, body = request(endpoint, path="/sparql?" + q(query=ask))
    assert (status, boolean(body)) == (200, True)  # without the protocol's dataset, FROM is used


def test_query_get(endpoint):
    """query via GET."""
    status, h, body = request(endpoint, path="/sparql?" + q(query="ASK {}"))
    assert (status, media(h) in SELECT_TYPES, boolean(body)) == (200, True, True)


@pytest.mark.parametrize("accept", ["", "application/sparql-results+xml", "application/sparql-results+json",
                                    "text/csv", "text/tab-separated-values"])
def test_query_content_type_select(endpoint, accept):
    """query appropriate content type (expect one of: XML, JSON, CSV, TSV)."""
    status, h, _ = request(endpoint, path="/sparql?" + q(query="SELECT (1 AS ?value) {}"), headers={"Accept": accept})
    assert (status, media(h)) == (200, accept or "application/sparql-results+json")


@pytest.mark.parametrize("accept", ["", "application/sparql-results+xml", "application/sparql-results+json"])
def test_query_content_type_ask(endpoint, accept):
    """query appropriate content type (expect one of: XML, JSON)."""
    status, h, body = request(endpoint, path="/sparql?" + q(query="ASK {}"), headers={"Accept": accept})
    assert (status, media(h), boolean(body)) == (200, accept or "application/sparql-results+json", True)


@pytest.mark.parametrize("form", ["DESCRIBE <{D}data1.rdf>", "CONSTRUCT {{ <s> <p> 1 }} WHERE {{}}"])
@pytest.mark.parametrize("accept", ["", "application/rdf+xml", "text/turtle", "application/n-triples"])
def test_query_content_type_describe_construct(endpoint, form, accept):
    """query appropriate content type (expect one of: RDF/XML, Turtle, N-Triples, RDFa), for DESCRIBE and CONSTRUCT."""
    status, h, body = request(endpoint, path="/sparql?" + q(query=form.format(D=D)), headers={"Accept": accept})
    assert (status, media(h)) == (200, accept or "text/turtle")
    assert media(h) in GRAPH_TYPES and len(Graph().parse(data=body, format=media(h))) == 1


def test_query_post_direct(endpoint):
    """query via POST directly."""
    status, h, body = request(endpoint, "POST", body=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    assert (status, media(h) in SELECT_TYPES, boolean(body)) == (200, True, True)


def test_bad_query_method(endpoint):
    """invoke query operation with a method other than GET or POST: 4XX (405 saying what is allowed)."""
    status, h, _ = request(endpoint, "PUT", path="/sparql?" + q(query="ASK {}"), body=b"",
                           headers={"Content-Type": "application/sparql-query"})
    assert (status, h.get("allow")) == (405, "GET, HEAD, POST, OPTIONS")


def test_bad_multiple_queries(endpoint):
    """invoke query operation with more than one query string."""
    status, _, _ = request(endpoint, path="/sparql?" + q(query=["ASK {}", "SELECT * {}"]))
    assert status == 400


def test_bad_query_wrong_media_type(endpoint):
    """a POST with media type that's not url-encoded or application/sparql-query."""
    assert request(endpoint, "POST", body=b"ASK {}", headers={"Content-Type": "text/plain"})[0] == 415


def test_bad_query_missing_form_type(endpoint):
    """url-encoded body, but without application/x-www-url-form-urlencoded media type."""
    assert request(endpoint, "POST", body=q(query="ASK {}").encode())[0] == 415


def test_bad_query_missing_direct_type(endpoint):
    """SPARQL body, but without application/sparql-query media type."""
    assert request(endpoint, "POST", body=b"ASK {}")[0] == 415


def test_bad_query_non_utf8(endpoint):
    """direct POST, but with a non-UTF8 encoding (UTF-16)."""
    status, _, _ = request(endpoint, "POST", body="ASK {}".encode("utf-16"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert status == 415
    status, _, body = request(endpoint, "POST", body="ASK {}".encode("utf-16"),
                              headers={"Content-Type": "application/sparql-query"})
    assert (status, body.decode()[:27]) == (400, "the query is not valid UTF-")


def test_bad_query_syntax(endpoint):
    """invoke query operation with invalid query syntax (4XX result)."""
    assert request(endpoint, path="/sparql?" + q(query="ASK {"))[0] == 400


def test_bad_update_get(endpoint):
    """invoke update operation with GET."""
    assert request(endpoint, path="/sparql?" + q(update="CLEAR ALL"))[0] == 403


def test_bad_multiple_updates(endpoint):
    """invoke update operation with more than one update string."""
    body = q(update=["CLEAR NAMED", "CLEAR DEFAULT"]).encode()
    assert request(endpoint, "POST", body=body, headers=FORM)[0] == 403


def test_bad_update_wrong_media_type(endpoint):
    """a POST with media type that's not url-encoded or application/sparql-update."""
    assert request(endpoint, "POST", body=b"CLEAR NAMED", headers={"Content-Type": "text/plain"})[0] == 415


def test_bad_update_missing_form_type(endpoint):
    """url-encoded update body, but without the form media type."""
    assert request(endpoint, "POST", body=q(update="CLEAR NAMED").encode())[0] == 415


def test_bad_update_non_utf8(endpoint):
    """update by direct POST, but with a non-UTF8 encoding."""
    status, _, _ = request(endpoint, "POST", body="CLEAR NAMED".encode("utf-16"),
                           headers={"Content-Type": "application/sparql-update; charset=UTF-16"})
    assert status == 415


def test_bad_update_syntax(endpoint):
    """invoke update operation with invalid update syntax (a read-only endpoint refuses any update: 4XX)."""
    assert request(endpoint, "POST", body=q(update="CLEAR XYZ").encode(), headers=FORM)[0] in (400, 403)


def test_bad_update_dataset_conflict(endpoint):
    """update with both using-graph-uri and a USING clause (4XX)."""
    upd = f"DELETE {{ ?s ?p ?o }} USING <{D}data1.rdf> WHERE {{ ?s ?p ?o }}"
    body = q(update=upd, using_graph_uri=D + "data2.rdf").encode()
    assert request(endpoint, "POST", body=body, headers=FORM)[0] == 403


UPDATES = {  # update_* tests of the manifest: they ask for a write, which a read-only endpoint refuses
    "update_dataset_default_graph": q(update="INSERT DATA { <urn:x> <urn:y> <urn:z> }",
                                      using_graph_uri=D + "data1.rdf"),
    "update_dataset_default_graphs": q(update="DELETE WHERE { ?s ?p ?o }",
                                       using_graph_uri=[D + "data1.rdf", D + "data2.rdf"]),
    "update_dataset_named_graphs": q(update="DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
                                     using_named_graph_uri=[D + "data1.rdf"]),
    "update_dataset_full": q(update="DELETE WHERE { ?s ?p ?o }", using_graph_uri=D + "data3.rdf",
                             using_named_graph_uri=D + "data1.rdf"),
    "update_post_form": q(update="CLEAR ALL"),
    "update_post_direct": None,
    "update_base_uri": q(update="INSERT DATA { <relative> <p> <o> }"),
}


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_update_refused(endpoint, name):
    """The update tests do not apply to a read-only endpoint: each is refused with 403 and the data is unchanged."""
    if UPDATES[name] is None:
        status = request(endpoint, "POST", body=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})[0]
    else:
        status = request(endpoint, "POST", body=UPDATES[name].encode(), headers=FORM)[0]
    assert status == 403
    _, _, body = request(endpoint, path="/sparql?" + q(query="SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"),
                         headers={"Accept": "text/csv"})
    assert body == b"n\r\n5\r\n"


def test_relative_iris_resolve_against_the_endpoint(endpoint):
    """The endpoint's own URL is the base IRI of a query (the protocol's service-defined base)."""
    status, _, body = request(endpoint, path="/sparql?" + q(query="SELECT (<x> AS ?i) WHERE {}"),
                              headers={"Accept": "text/csv"})
    assert (status, body.decode()) == (200, f"i\r\n{endpoint}/x\r\n")


def test_head(endpoint):
    """HEAD is answered like GET, without a body."""
    status, h, body = request(endpoint, "HEAD", path="/sparql?" + q(query="ASK {}"))
    assert (status, media(h), body) == (200, "application/sparql-results+json", b"")
    assert int(h["content-length"]) > 0


# --- syntax tests --------------------------------------------------------------------------------------------------


def syntax_cases() -> list[tuple[str, str, Path]]:
    """(suite/test name, kind, file) for every entry of the four syntax manifests."""
    out = []
    for suite in ("syntax-query", "syntax-fed", "syntax-update-1", "syntax-update-2"):
        g = Graph().parse(W3C / suite / "manifest.ttl", format="turtle",
                          publicID=(W3C / suite / "manifest.ttl").as_uri())
        manifest = next(g.subjects(RDF_TYPE, MF.Manifest))
        for entry in Collection(g, g.value(manifest, MF.entries)):
            kind = str(g.value(entry, RDF_TYPE)).rsplit("#", 1)[1]
            action = Path(urllib.parse.urlsplit(str(g.value(entry, MF.action))).path)
            out.append((f"{suite}/{str(entry).rsplit('#', 1)[1]}", kind, action))
    return out


CASES = syntax_cases()


@pytest.mark.parametrize(("name", "kind", "path"), CASES, ids=[c[0] for c in CASES])
def test_syntax(endpoint, name, kind, path):
    """Positive syntax: the query is answered (SERVICE refused with 403; an unknown extension function 501);
    negative: refused with 400. Updates (the endpoint is read-only): a valid one refused with 403, an invalid one
    with 400."""
    text = path.read_bytes()
    update = "Update" in kind
    ctype = "application/sparql-update" if update else "application/sparql-query"
    status, _, body = request(endpoint, "POST", body=text, headers={"Content-Type": ctype, **JSON})
    if kind.startswith("Negative"):
        assert status == 400, body[:300]
    elif update:
        assert status == 403, body[:300]
    elif name.startswith("syntax-fed/"):
        assert status == 403, body[:300]
    else:  # 501: parsed, but calls a function this endpoint does not implement (an extension function)
        assert status == (501 if body.startswith(b"not implemented by this endpoint: The custom function") else 200)
