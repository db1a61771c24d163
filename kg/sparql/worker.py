"""Query workers for `kg serve`: each query runs in a worker process with a deadline.

A worker opens the store read-only, runs one query at a time and sends back the serialised answer. A query that
outlives its deadline has its worker killed and replaced, so one runaway query never holds the server up.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
from dataclasses import dataclass

from kg.errors import InputError

SELECT_TYPES = {  # media type -> format name of kg.sparql.results.SELECT_FORMATS
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
SELECT_MEDIA = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/ld+json": "jsonld",
               "application/json": "jsonld", "application/n-triples": "ntriples", "text/plain": "ntriples",
               "application/rdf+xml": "rdfxml"}


class QueryTimeout(Exception):
    pass


class ServerBusy(Exception):
    pass


@dataclass
class Answer:
    status: int  # 200, or 400 for a query the engine refused
    body: bytes
    content_type: str
    truncated: bool = False


def negotiate(accept: str, kind: str) -> str:
    """The format name for an Accept header and a result kind ("select"/"ask" or "graph"); JSON/Turtle default."""
    table = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    ranked = []
    for i, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, fields[0].lower()))
    for _, _, media in sorted(ranked):
        if media in table:
            return table[media]
    return "turtle" if kind == "graph" else "json"


def answer(store, text: str, accept: str, max_rows: int) -> Answer:
    """Run the query and serialise the result as the client asked."""
    from kg.errors import QueryError
    from kg.sparql.query import run
    from kg.sparql.results import GRAPH_FORMATS, SELECT_FORMATS, graph_bytes

    try:
        result = run(store, text, limit=max_rows)
    except QueryError as exc:
        return Answer(400, str(exc).encode("utf-8"), "text/plain; charset=utf-8")
    fmt = negotiate(accept, result.kind)
    if result.kind == "graph":
        return Answer(200, graph_bytes(result, fmt), GRAPH_FORMATS[fmt][1] + "; charset=utf-8", result.truncated)
    body = SELECT_FORMATS[fmt](result).encode("utf-8")
    return Answer(200, body, SELECT_MEDIA[fmt] + "; charset=utf-8", result.truncated)


def worker_main(store_dir: str, conn) -> None:
    """Worker process: open the store read-only, answer queries until the pipe closes."""
    import pyoxigraph as ox

    store = ox.Store.read_only(store_dir)
    conn.send("ready")
    while True:
        try:
            text, accept, max_rows = conn.recv()
        except EOFError:
            return
        try:
            conn.send(answer(store, text, accept, max_rows))
        except Exception as exc:
            conn.send(Answer(500, f"query failed: {exc}".encode(), "text/plain; charset=utf-8"))


class Worker:
    def __init__(self, ctx, store_dir: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(store_dir, child), daemon=True)
        self.proc.start()
        child.close()
        try:
            ready = self.conn.poll(60) and self.conn.recv() == "ready"
        except EOFError:
            ready = False
        if not ready:
            self.kill()
            raise InputError(store_dir, "a query worker could not open the store (see the error above)")

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(10)
        self.conn.close()


class WorkerPool:
    """`size` worker processes over one store directory; `run` gives a query to an idle one, with a deadline."""

    def __init__(self, store_dir: str, size: int = 2):
        self.ctx = mp.get_context("spawn")
        self.store_dir = store_dir
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.all: list[Worker] = []
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        w = Worker(self.ctx, self.store_dir)
        with self.lock:
            self.all.append(w)
        self.idle.put(w)

    def run(self, text: str, accept: str, max_rows: int, timeout: float) -> Answer:
        try:
            w = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise ServerBusy(f"all query workers stayed busy for {timeout:g} s") from None
        w.conn.send((text, accept, max_rows))
        if w.conn.poll(timeout):
            try:
                ans = w.conn.recv()
            except EOFError:
                ans = None
            if ans is not None:
                self.idle.put(w)
                return ans
        self._replace(w)
        raise QueryTimeout(f"query exceeded {timeout:g} s")

    def _replace(self, w: Worker) -> None:
        w.kill()
        with self.lock:
            self.all.remove(w)
        self._add()

    def close(self) -> None:
        with self.lock:
            workers, self.all = self.all, []
        for w in workers:
            w.kill()
