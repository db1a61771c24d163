"""`kg push`: send a store or graph file to a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

One `PUT ENDPOINT?graph=IRI` per named graph (replacing that graph at the other end), body N-Triples sent as
`text/turtle` (N-Triples is Turtle; every store accepts it). Triples outside any named graph (a plain .ttl file)
go to `default_graph`.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError

DEFAULT_GRAPH = "https://w3id.org/dipkg/id/graph/default"


@dataclass
class Pushed:
    graph: str
    triples: int
    status: int


def graphs_of(source: str | Path, default_graph: str = DEFAULT_GRAPH) -> dict[str, list[ox.Triple]]:
    """Triples per graph IRI, from a store directory or a graph file."""
    from kg.sparql.query import open_graph

    store = open_graph(source, union=False)
    in_store = Path(source).is_dir()  # a store's default graph is the union of its named graphs: not sent
    out: dict[str, list[ox.Triple]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if in_store and isinstance(q.graph_name, ox.DefaultGraph):
            continue
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else default_graph
        out.setdefault(name, []).append(q.triple)
    return dict(sorted(out.items()))


def opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, endpoint, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
    return urllib.request.build_opener(*handlers)


def push(source: str | Path, endpoint: str, user: str | None = None, password: str | None = None,
         default_graph: str = DEFAULT_GRAPH, timeout: float = 120) -> list[Pushed]:
    """PUT every graph of `source` to the Graph Store endpoint; a failed PUT raises KgError naming the graph."""
    if not endpoint.startswith(("http://", "https://")):
        raise InputError(endpoint, "the endpoint must be an http(s) URL")
    graphs = graphs_of(source, default_graph)
    if not graphs:
        raise InputError(str(source), "nothing to push: the graph is empty")
    http = opener(endpoint, user, password)
    done = []
    for name, triples in graphs.items():
        body = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)
        sep = "&" if "?" in endpoint else "?"
        url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': name})}"
        req = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
        try:
            with http.open(req, timeout=timeout) as r:
                done.append(Pushed(name, len(triples), r.status))
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", errors="replace")
            raise KgError(f"PUT {url} failed: HTTP {exc.code} {exc.reason}: {detail}") from exc
        except urllib.error.URLError as exc:
            raise KgError(f"PUT {url} failed: {exc.reason}") from exc
    return done
