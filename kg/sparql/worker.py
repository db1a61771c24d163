"""Query workers for `kg serve`: each request is checked, parsed and run in a worker process, within its deadline.

A worker opens the store read-only, handles one request at a time and sends back the serialised answer. Parsing
happens there too (Oxigraph's parser; rdflib's only to tell a refused update from a syntax error), so a huge or
pathological query costs one worker and its deadline, never the server. A request that outlives its deadline has
its worker killed and replaced. Each worker's address space is capped (`RLIMIT_AS`): a query that needs more memory
fails alone, and its worker is replaced.

Fairness: at most `slow_lanes` workers (half of them) may be busy with queries running longer than `SLOW_AFTER`
seconds; a query that would take another worker past that point is stopped with 503, so the other workers keep
answering the quick queries of other clients while heavy ones run. A slow query's worker also runs at a lower CPU
priority (nice 10) until it is done, so heavy queries do not slow quick ones down on a busy machine.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import re
import signal
import threading
import time
from dataclasses import dataclass

from kg.errors import InputError, QueryError
from kg.sparql.results import GRAPH_FORMATS, PREFIXES, SELECT_FORMATS, collect, graph_bytes

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
MAX_DEPTH = 500  # nesting of { ( [ in a query: far beyond real queries, far below what overflows the parser's stack
SLOW_AFTER = 1.0  # seconds: a query running longer is "slow" and takes one of the slow lanes
_TEXT = "text/plain; charset=utf-8"

# SPARQL tokens that can hide a keyword or a bracket: IRIs, strings, comments, and names (prefixed names,
# variables, blank node labels, language tags); what is left are keywords, punctuation and numbers.
_TOKENS = re.compile(r"""
    (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
  | (?P<str>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<comment>\#[^\n\r]*)
  | (?P<word>[?$@:_]?[\w:](?:[\w.:\-\u00B7\u0300-\u036F\u203F\u2040]|\\.|%[0-9A-Fa-f]{2})*)
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
""", re.X | re.S)


class QueryTimeout(Exception):
    pass


class ServerBusy(Exception):
    pass


@dataclass
class Answer:
    status: int  # 200, or the 4xx/5xx the request earned
    body: bytes
    content_type: str
    truncated: bool = False


@dataclass
class Request:
    """What a worker needs to answer one request."""

    text: str
    accept: str = ""
    max_rows: int = 10000
    update: bool = False  # sent as an update (update= or application/sparql-update): refused, after a syntax check
    default_graphs: list[str] | None = None  # the protocol's default-graph-uri (None: not given)
    named_graphs: list[str] | None = None  # named-graph-uri
    base: str | None = None  # base IRI of the query: the endpoint's own URL


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


def scan(text: str) -> tuple[set[str], int]:
    """(the network keywords SERVICE and LOAD the text uses, deepest nesting of brackets), outside IRIs, strings
    and comments.

    They must be found before Oxigraph sees the text: Oxigraph would send a SERVICE sub-query or a LOAD over HTTP.
    A keyword is never part of an IRI, a string, a comment or a name, which the tokens above take whole."""
    network: set[str] = set()
    depth, deepest = 0, 0
    for m in _TOKENS.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            word = m.group().upper()
            if word in ("SERVICE", "LOAD"):
                network.add(word)
        elif kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
    return network, deepest


def _is_update(text: str, network: set[str], base: str | None = None) -> bool | None:
    """True if `text` is a valid SPARQL update, False if not, None if it cannot tell (nested too deep).

    Oxigraph's parser decides, by running the update on an empty store of its own in memory (the cheapest way to
    parse it with pyoxigraph, and harmless); an update using LOAD or SERVICE, which Oxigraph would send over the
    network, is parsed by rdflib's parser instead."""
    if not network:
        import pyoxigraph as ox

        try:
            ox.Store().update(text, base_iri=base)
            return True
        except SyntaxError:
            return False
        except (OSError, RuntimeError, ValueError):
            return True  # parsed, then failed on the empty store
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
        return True
    except ParseBaseException:
        return False
    except RecursionError:
        return None


READ_ONLY = "updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, …) are refused: this endpoint is read-only"


def _dataset(store, req: Request):
    """(store, query keyword arguments) for the protocol's dataset: default-graph-uri / named-graph-uri name the
    default graph (their merge, as a set) and the named graphs; without them, the store's union default graph."""
    import pyoxigraph as ox

    if req.default_graphs is None and req.named_graphs is None:
        return store, {}
    default = [ox.NamedNode(g) for g in req.default_graphs or []]
    named = [ox.NamedNode(g) for g in req.named_graphs or []]
    if len(default) <= 1:
        return store, {"default_graph": default, "named_graphs": named}
    merged = ox.Store()  # several default graphs: their RDF merge is a set, which Oxigraph's list is not
    merged.extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                  for g in default for q in store.quads_for_pattern(None, None, None, g))
    merged.extend(q for g in named for q in store.quads_for_pattern(None, None, None, g))
    return merged, {"default_graph": ox.DefaultGraph(), "named_graphs": named}


def answer(store, req: Request) -> Answer:
    """Check, run and serialise one request."""
    network, depth = scan(req.text)
    if depth > MAX_DEPTH:
        return Answer(400, f"the query nests brackets {depth} deep; at most {MAX_DEPTH} are accepted".encode(), _TEXT)
    if req.update:
        if _is_update(req.text, network, req.base) is False:
            return Answer(400, b"SPARQL syntax error: this is not a valid SPARQL 1.1 update", _TEXT)
        return Answer(403, READ_ONLY.encode(), _TEXT)
    if "SERVICE" in network:
        return Answer(403, b"SERVICE (federated query) is refused: this endpoint answers from its own data only",
                      _TEXT)
    try:
        target, dataset = _dataset(store, req)
        raw = target.query(req.text, prefixes=PREFIXES, base_iri=req.base, **dataset)
        result = collect(raw, req.max_rows)
    except SyntaxError as exc:
        if _is_update(req.text, network, req.base):
            return Answer(403, READ_ONLY.encode(), _TEXT)
        return Answer(400, f"SPARQL syntax error: {exc}".encode(), _TEXT)
    except RuntimeError as exc:  # Oxigraph: a function or feature it does not implement
        return Answer(501, f"not implemented by this endpoint: {exc}".encode(), _TEXT)
    except (OSError, ValueError) as exc:
        return Answer(400, f"query failed: {exc}".encode(), _TEXT)
    fmt = negotiate(req.accept, result.kind)
    try:
        if result.kind == "graph":
            return Answer(200, graph_bytes(result, fmt), GRAPH_FORMATS[fmt][1] + "; charset=utf-8", result.truncated)
        body = SELECT_FORMATS[fmt](result).encode("utf-8")
    except QueryError as exc:  # a value the asked format cannot carry (XML 1.0 and control characters)
        return Answer(406, str(exc).encode("utf-8"), _TEXT)
    return Answer(200, body, SELECT_MEDIA[fmt] + "; charset=utf-8", result.truncated)


def _cap_memory(max_memory: int) -> int:
    """Cap this process's address space at what it maps now plus `max_memory` bytes; the cap, 0 if none."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as f:
            vm = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmSize:"))
        cap = vm + max_memory
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        return cap
    except (ImportError, OSError, ValueError, StopIteration):
        return 0  # not Linux: no cap


def worker_main(store_dir: str, conn, max_memory: int) -> None:
    """Worker process: open the store read-only, answer requests until the pipe closes."""
    import pyoxigraph as ox

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops its workers
    store = ox.Store.read_only(store_dir)
    import rdflib.plugins.sparql.parser  # noqa: F401  (loaded before the cap, used on the error path)

    if max_memory:
        _cap_memory(max_memory)
    conn.send("ready")
    while True:
        try:
            req = conn.recv()
        except EOFError:
            return
        try:
            conn.send(answer(store, req))
        except MemoryError:
            conn.send(Answer(503, f"query exceeded the memory limit ({max_memory >> 20} MiB)".encode(), _TEXT))
        except Exception as exc:
            conn.send(Answer(500, f"query failed: {exc}".encode(), _TEXT))


class Worker:
    def __init__(self, ctx, store_dir: str, max_memory: int):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(store_dir, child, max_memory), daemon=True)
        self.proc.start()
        child.close()
        self.started: float | None = None  # when the request it runs began; None when idle
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
    """`size` worker processes over one store directory; `run` gives a request to an idle one, with a deadline."""

    def __init__(self, store_dir: str, size: int = 2, max_memory: int = 1 << 30, slow_lanes: int | None = None):
        self.ctx = mp.get_context("spawn")
        self.store_dir, self.max_memory = store_dir, max_memory
        self.slow_lanes = max(1, size // 2) if slow_lanes is None else slow_lanes
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.lock = threading.Lock()
        self.all: list[Worker] = []
        self.closed = False
        for _ in range(size):
            self._add()

    def _add(self) -> None:
        w = Worker(self.ctx, self.store_dir, self.max_memory)
        with self.lock:
            self.all.append(w)
        self.idle.put(w)

    def _slow(self, now: float) -> int:
        with self.lock:
            return sum(1 for w in self.all if w.started is not None and now - w.started > SLOW_AFTER)

    def run(self, req: Request, timeout: float, arrived: float | None = None) -> Answer:
        start = time.monotonic() if arrived is None else arrived
        try:
            w = self.idle.get(timeout=max(0.0, start + timeout - time.monotonic()))
        except queue.Empty:
            raise ServerBusy(f"all query workers stayed busy for {timeout:g} s") from None
        deadline = start + timeout
        w.started = time.monotonic()
        w.conn.send(req)
        slow_checked = False
        while True:
            now = time.monotonic()
            wait = deadline - now
            if not slow_checked:
                wait = min(wait, w.started + SLOW_AFTER - now)
            if wait > 0 and w.conn.poll(wait):
                try:
                    ans = w.conn.recv()
                except EOFError:
                    return self._died(w)
                w.started = None
                if slow_checked and not _renice(w.proc.pid, 0):
                    self._replace(w)  # its priority cannot be raised back (not root): a fresh worker instead
                else:
                    self.idle.put(w)
                return ans
            now = time.monotonic()
            if now >= deadline:
                self._replace(w)
                raise QueryTimeout(f"query exceeded {timeout:g} s")
            slow_checked = True
            _renice(w.proc.pid, 10)
            if self._slow(now) > self.slow_lanes:  # this one too: it would leave no worker to quick queries
                self._replace(w)
                raise ServerBusy(f"the server is busy with {self.slow_lanes} long-running "
                                 f"quer{'y' if self.slow_lanes == 1 else 'ies'}: this one was stopped after "
                                 f"{SLOW_AFTER:g} s; retry later")

    def _died(self, w: Worker) -> Answer:
        w.proc.join(5)
        code = w.proc.exitcode
        self._replace(w)
        if code == -signal.SIGABRT or code == -signal.SIGKILL:
            msg = f"query exceeded the memory limit ({self.max_memory >> 20} MiB)"
        else:
            msg = f"query worker failed (exit status {code})"
        return Answer(503, msg.encode(), _TEXT)

    def _replace(self, w: Worker) -> None:
        w.kill()
        with self.lock:
            if w in self.all:
                self.all.remove(w)
            closed = self.closed
        if not closed:
            self._add()

    def close(self) -> None:
        with self.lock:
            workers, self.all, self.closed = self.all, [], True
        for w in workers:
            w.kill()


def _renice(pid: int, nice: int) -> bool:
    """Set a worker's CPU priority; False if it could not be done."""
    try:
        os.setpriority(os.PRIO_PROCESS, pid, nice)
        return True
    except (AttributeError, OSError):
        return False


def default_workers() -> int:
    """Worker processes by default: the cores this process may use, at least 4 (two for long queries, two for
    quick ones), at most 8."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        n = os.cpu_count() or 4
    return max(4, min(8, n))
