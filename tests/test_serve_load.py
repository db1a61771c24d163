"""`kg serve` under load: fifty normal clients keep being answered while two heavy clients run (loopback only).

Two heavy clients send, one after the other for as long as the test runs, a query that would run for ever (a
six-way cartesian COUNT) and one that would take gigabytes (an ORDER BY over a cartesian product); fifty normal
clients send 20 simple queries each. Every normal query must be answered (200): the timing figures are printed, not
asserted (speed goals are checked by the bench). `python tests/test_serve_load.py [SRC_DIR]` prints the figures,
with the kg package found in SRC_DIR if given (to measure another version).
"""

from __future__ import annotations

import http.client
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.ttl"
NORMAL = "SELECT ?e WHERE { ?e a <https://w3id.org/dipkg/ontology#Meeting> }"
HEAVY = ["SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }",
         "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?c ?f ?i ?l"]


def _get(url: str, query: str, timeout: float = 60) -> int:
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}), headers={"Accept": "text/csv"})
        r = conn.getresponse()
        r.read()
        return r.status
    except OSError:
        return 0
    finally:
        conn.close()


def load(url: str, normal_clients: int = 50, requests_each: int = 20, heavy_clients: int = 2) -> dict:
    """Run the load; the normal clients' answers and latencies, and what the heavy ones got."""
    done = threading.Event()
    normal: list[tuple[int, float]] = []
    heavy: list[int] = []
    lock = threading.Lock()

    def heavy_client(i: int) -> None:
        while not done.is_set():
            status = _get(url, HEAVY[i % len(HEAVY)])
            with lock:
                heavy.append(status)

    def normal_client() -> None:
        for _ in range(requests_each):
            t = time.monotonic()
            status = _get(url, NORMAL)
            with lock:
                normal.append((status, time.monotonic() - t))

    heavies = [threading.Thread(target=heavy_client, args=(i,), daemon=True) for i in range(heavy_clients)]
    for th in heavies:
        th.start()
    time.sleep(1.5)  # the heavy queries are running
    start = time.monotonic()
    clients = [threading.Thread(target=normal_client, daemon=True) for _ in range(normal_clients)]
    for th in clients:
        th.start()
    for th in clients:
        th.join(600)
    took = time.monotonic() - start
    done.set()
    for th in heavies:
        th.join(60)
    latencies = sorted(t for _, t in normal)
    return {"normal": len(normal), "answered": sum(1 for s, _ in normal if s == 200),
            "statuses": sorted({s for s, _ in normal}), "p50": statistics.median(latencies),
            "p95": latencies[int(0.95 * (len(latencies) - 1))], "seconds": took, "heavy": sorted(heavy)}


def report(r: dict) -> str:
    heavy = {s: r["heavy"].count(s) for s in sorted(set(r["heavy"]))}
    return (f"normal clients: {r['answered']} of {r['normal']} answered (statuses {r['statuses']}), "
            f"p50 {r['p50']:.3f} s, p95 {r['p95']:.3f} s, {r['seconds']:.1f} s in all; heavy answers {heavy}")


@pytest.mark.slow
def test_fifty_normal_clients_answered_while_two_heavy_run():
    """Every one of the 1,000 normal queries is answered (200) while two heavy clients keep the server busy."""
    from kg.sparql.serve import make_server

    server = make_server(FIXTURE, port=0, quiet=True).start()
    try:
        r = load(server.url)
    finally:
        server.close()
    print(report(r))
    assert (r["normal"], r["answered"]) == (1000, 1000)
    assert set(r["heavy"]) <= {503}  # stopped by the time limit, the memory cap or the slow-lane rule


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.path.insert(0, sys.argv[1])
    from kg.sparql.serve import make_server

    srv = make_server(FIXTURE, port=0, quiet=True).start()
    try:
        print(report(load(srv.url)))
    finally:
        srv.close()
