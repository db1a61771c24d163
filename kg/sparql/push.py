"""`kg push`: send a store or graph file to a triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

One `PUT ENDPOINT?graph=IRI` per named graph (replacing that graph at the other end), body N-Triples sent as
`text/turtle` (N-Triples is Turtle; every store accepts it). Triples outside any named graph (a plain .ttl file)
go to `default_graph`. Graphs go in IRI order; a PUT is idempotent, so a failed one (a 5xx answer, a dropped
connection, no answer within the time limit) is tried again, and a push stopped part-way resumes at any graph
(`start`): the graphs before it were sent already.
"""

from __future__ import annotations

import http.client
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.graph.source import GraphSource, query_store, resolve

DEFAULT_GRAPH = "https://w3id.org/dipkg/id/graph/default"
DEFAULT_TIMEOUT = 60.0  # seconds a request may wait for the server, each try
RETRIES = 2  # tries after the first for one graph
BACKOFF = 1.0  # seconds before the first retry; doubled at each one
PASSWORD_ENV = "KG_PUSH_PASSWORD"


@dataclass
class Pushed:
    graph: str
    triples: int
    status: int
    tries: int = 1


@dataclass
class PushError(KgError):
    """A graph could not be pushed after its retries. `done` lists the graphs pushed before it."""

    graph: str
    reason: str
    done: list[Pushed] = field(default_factory=list)
    total: int = 0

    def __str__(self) -> str:
        return (f"PUT of graph <{self.graph}> failed: {self.reason}; {len(self.done)} of {self.total} graph(s) "
                f"were pushed before it (listed above); resume with --from '{self.graph}'")


def graphs_of(source: str | Path | GraphSource, default_graph: str = DEFAULT_GRAPH) -> dict[str, list[ox.Triple]]:
    """Triples per graph IRI, from any graph input (`kg.graph.source.resolve`: a store folder, a graph file, a
    build's --out folder, standard input)."""
    src = resolve(source)
    store = query_store(src, union=False)
    in_store = src.kind == "store"  # a store's default graph is the union of its named graphs: not sent
    out: dict[str, list[ox.Triple]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if in_store and isinstance(q.graph_name, ox.DefaultGraph):
            continue
        name = q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else default_graph
        out.setdefault(name, []).append(q.triple)
    return dict(sorted(out.items()))


def password_from(given: str | None, file: str | Path | None) -> str | None:
    """The password: `given` (--password), else the first line of `file`, else $KG_PUSH_PASSWORD, else None."""
    if given is not None:
        return given
    if file is not None:
        try:
            return Path(file).read_text(encoding="utf-8").splitlines()[0] if Path(file).stat().st_size else ""
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(file), f"cannot read the password file: {getattr(exc, 'strerror', None) or exc}"
                             ) from None
    return os.environ.get(PASSWORD_ENV)


def opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        mgr = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        mgr.add_password(None, endpoint, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(mgr), urllib.request.HTTPBasicAuthHandler(mgr)]
    return urllib.request.build_opener(*handlers)


def push(source: str | Path | GraphSource, endpoint: str, user: str | None = None, password: str | None = None,
         default_graph: str = DEFAULT_GRAPH, timeout: float = DEFAULT_TIMEOUT, retries: int = RETRIES,
         start: str | None = None, progress: Callable[[Pushed, int, int], None] | None = None,
         backoff: float | None = None) -> list[Pushed]:
    """PUT every graph of `source` (from graph `start` on, when given) to the Graph Store endpoint; each graph is
    tried up to 1 + `retries` times. `progress(pushed, n, total)` is called after each graph. A graph that still
    fails raises PushError naming it and the graphs pushed before it."""
    if not endpoint.startswith(("http://", "https://")):
        raise InputError(endpoint, "the endpoint must be an http(s) URL")
    if timeout <= 0:
        raise KgError(f"--timeout {timeout}: give a number of seconds above 0")
    source = resolve(source)
    graphs = graphs_of(source, default_graph)
    if not graphs:
        raise InputError(source.name, "nothing to push: the graph is empty")
    if start is not None:
        if start not in graphs:
            raise KgError(f"--from <{start}>: no such graph in {source.name}")
        graphs = {k: v for k, v in graphs.items() if k >= start}
    client = opener(endpoint, user, password)
    backoff = BACKOFF if backoff is None else backoff
    done: list[Pushed] = []
    for name, triples in graphs.items():
        body = ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES)
        sep = "&" if "?" in endpoint else "?"
        url = f"{endpoint}{sep}{urllib.parse.urlencode({'graph': name})}"
        status, tries = _put(client, url, body, timeout, retries, backoff, name, done, len(graphs))
        done.append(Pushed(name, len(triples), status, tries))
        if progress:
            progress(done[-1], len(done), len(graphs))
    return done


def _put(client: urllib.request.OpenerDirector, url: str, body: bytes, timeout: float, retries: int,
         backoff: float, name: str, done: list[Pushed], total: int) -> tuple[int, int]:
    """(HTTP status, tries) of one PUT, retried on what may pass (5xx, 408, 429, a dropped connection, a time-out);
    PushError when it does not."""
    wait = backoff
    for attempt in range(1, retries + 2):
        req = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "text/turtle; charset=utf-8"})
        try:
            with client.open(req, timeout=timeout) as r:
                r.read()
                return r.status, attempt
        except urllib.error.HTTPError as exc:
            detail = _detail(exc)
            reason = f"HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}"
            again = exc.code >= 500 or exc.code in (408, 429)
        except urllib.error.URLError as exc:
            reason, again = _words(exc.reason), True
        except TimeoutError:
            reason, again = f"no answer within {timeout:g} s (--timeout)", True
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            reason, again = _words(exc), True
        if not again or attempt > retries:
            tried = f" (tried {attempt} times)" if attempt > 1 else ""
            raise PushError(name, reason + tried, list(done), total)
        time.sleep(wait)
        wait *= 2
    raise AssertionError("unreachable")


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        return exc.read()[:300].decode("utf-8", errors="replace").strip()
    except (OSError, http.client.HTTPException):
        return ""


def _words(reason: object) -> str:
    if isinstance(reason, TimeoutError | socket.timeout):
        return "no answer within the time limit (--timeout)"
    if isinstance(reason, http.client.RemoteDisconnected | ConnectionResetError | http.client.IncompleteRead):
        return "the server closed the connection before answering"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused (is the server running, and is that its port?)"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__
