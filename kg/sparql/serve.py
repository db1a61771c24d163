"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql, and an offline query page (YASGUI) at /.

HTTP is read by asyncio with h11 (a well-kept HTTP/1.1 parser: Content-Length, chunked bodies, malformed requests
answered 400), each read within `IO_TIMEOUT` seconds (a stalled request gets 408, an idle or half-open connection
is closed), at most `MAX_CONNECTIONS` connections at once: a connection costs a coroutine, not a thread. Queries go
to a bounded pool of threads that hand them to worker processes (`kg.sparql.worker`), where they are checked,
parsed and run within the time limit (503 "query exceeded N s"), under a memory cap, with a row limit (rows beyond
it are cut off and the `X-Dipkg-Truncated` header says so). Updates (also LOAD, CLEAR, DROP, …) and `SERVICE` are
refused with 403, syntax errors get 400 with the parser's message.

The dataset is a snapshot taken at start: a graph file is loaded into a temporary store, a store directory is
copied (a RocksDB checkpoint), so a `kg build --store` writing meanwhile never changes the answers. The copy is
removed when the server stops (Ctrl-C, SIGTERM) or cannot start.

The `Host` header must name the address the server listens on (DNS rebinding guard: a web page cannot reach a
loopback endpoint through a name of its own); CORS headers are sent only with `cors=True` (`--cors`).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import ipaddress
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import h11

from kg.atomic import write_atomic
from kg.errors import InputError, QueryError
from kg.graph.source import UNION_FILL, GraphSource, load_into, old_layout, resolve
from kg.sparql.worker import QueryTimeout, Request, ServerBusy, WorkerPool, default_workers

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css", "index.html": "text/html"}
MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
MAX_HEAD = 64 << 10  # request line and headers
MAX_CONNECTIONS = 512
IO_TIMEOUT = 10.0  # seconds for each read of a request (and between requests on a kept-alive connection)
DEFAULT_PORT = 7880
ALLOW_SPARQL = "GET, HEAD, POST, OPTIONS"
ALLOW_STATIC = "GET, HEAD, OPTIONS"
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
        "Access-Control-Allow-Headers": "Accept, Content-Type", "Access-Control-Expose-Headers": "X-Dipkg-Truncated"}
TEXT = "text/plain; charset=utf-8"


class Refused(Exception):
    """A request the endpoint will not run: `status`, a message for the client, extra headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass
class Settings:
    pool: WorkerPool
    timeout: float
    max_rows: int
    base: str = ""
    allowed_hosts: frozenset[str] | None = None  # None: any Host (a wildcard address)
    cors: bool = False
    quiet: bool = False
    io_timeout: float = 10.0
    executor: concurrent.futures.ThreadPoolExecutor = field(default=None)  # type: ignore[assignment]


@dataclass
class Reply:
    status: int
    body: bytes
    ctype: str = TEXT
    headers: dict[str, str] = field(default_factory=dict)


def _charset_ok(params: list[str]) -> bool:
    for p in params:
        k, _, v = p.partition("=")
        if k.strip().lower() == "charset" and v.strip().strip('"').lower() not in ("utf-8", "utf8"):
            return False
    return True


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, f"the {what} is not valid UTF-8 (byte {exc.start}): send it as UTF-8") from None


def _query_string(qs: str) -> dict[str, list[str]]:
    try:
        return parse_qs(qs, keep_blank_values=True, errors="strict", max_num_fields=1000)
    except UnicodeDecodeError:
        raise Refused(400, "the query string is not valid UTF-8 once %-decoded") from None
    except ValueError as exc:
        raise Refused(400, f"bad query string: {exc}") from None


def _iris(values: list[str] | None, name: str) -> list[str] | None:
    if values is None:
        return None
    for v in values:
        if not v or any(c in v for c in ' <>"{}|^`\\') or ":" not in v:
            raise Refused(400, f"{name}={v!r} is not an absolute IRI")
    return values


class Endpoint:
    """The HTTP side: reads requests with h11, answers static files at once and queries through the pool."""

    def __init__(self, settings: Settings):
        self.s = settings
        self.connections = 0
        self.tasks: set[asyncio.Task] = set()

    async def stop(self) -> None:
        """Cancel the connections still open (the server is closing)."""
        for t in list(self.tasks):
            t.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)

    # --- connections ------------------------------------------------------------------------------------------

    async def connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        task = asyncio.current_task()
        self.tasks.add(task)
        try:
            if self.connections > MAX_CONNECTIONS:
                return await self._raw(writer, 503, "too many connections; retry later")
            conn = h11.Connection(h11.SERVER, max_incomplete_event_size=MAX_HEAD)
            while True:
                got = await self._read(conn, reader, writer)
                if got is None:
                    return
                req, body = got
                reply = await self.respond(req, body)
                if not self.s.quiet:
                    print(f"{req.method.decode()} {req.target.decode('latin-1')[:200]} {reply.status}",
                          file=sys.stderr, flush=True)
                await self._send(conn, writer, req, reply)
                if conn.our_state is h11.MUST_CLOSE or conn.their_state is h11.MUST_CLOSE:
                    return
                try:
                    conn.start_next_cycle()
                except h11.LocalProtocolError:
                    return
        except (ConnectionError, OSError):
            pass
        finally:
            self.connections -= 1
            self.tasks.discard(task)
            writer.close()

    async def _read(self, conn: h11.Connection, reader, writer) -> tuple[h11.Request, bytes] | None:
        """The next request and its body, or None once the connection is done with (an answer sent if due)."""
        req, chunks, size, started = None, [], 0, False
        while True:
            try:
                ev = conn.next_event()
            except h11.RemoteProtocolError as exc:
                await self._raw(writer, exc.error_status_hint, f"bad request: {exc}")
                return None
            if ev is h11.NEED_DATA:
                if req is not None and conn.they_are_waiting_for_100_continue:
                    writer.write(conn.send(h11.InformationalResponse(status_code=100, headers=[])))
                try:
                    data = await asyncio.wait_for(reader.read(65536), self.s.io_timeout)
                except TimeoutError:
                    if started:
                        await self._raw(writer, 408, f"the request was not complete after {self.s.io_timeout:g} s")
                    return None
                started = started or bool(data)
                conn.receive_data(data)
                continue
            if isinstance(ev, h11.Request):
                req = ev
            elif isinstance(ev, h11.Data):
                size += len(ev.data)
                if size > MAX_BODY:
                    await self._raw(writer, 413, "request body too large (1 MiB at most)")
                    return None
                chunks.append(ev.data)
            elif isinstance(ev, h11.EndOfMessage):
                return req, b"".join(chunks)
            else:  # ConnectionClosed, or a client that stopped mid-request
                return None

    async def _raw(self, writer, status: int, message: str) -> None:
        """An error answer written directly (the request could not be read), then the connection is closed."""
        body = message.encode("utf-8")
        reason = {400: "Bad Request", 408: "Request Timeout", 413: "Payload Too Large", 431:
                  "Request Header Fields Too Large", 503: "Service Unavailable"}.get(status, "Error")
        head = (f"HTTP/1.1 {status} {reason}\r\nContent-Type: {TEXT}\r\nContent-Length: {len(body)}\r\n"
                "Connection: close\r\n\r\n")
        try:
            writer.write(head.encode("ascii") + body)
            await asyncio.wait_for(writer.drain(), self.s.io_timeout)
        except (TimeoutError, OSError):
            pass

    async def _send(self, conn: h11.Connection, writer, req: h11.Request, reply: Reply) -> None:
        headers = {"Content-Type": reply.ctype, "Content-Length": str(len(reply.body)), "Server": "dipkg",
                   **(CORS if self.s.cors else {}), **reply.headers}
        out = conn.send(h11.Response(status_code=reply.status, headers=list(headers.items())))
        if req.method != b"HEAD" and reply.body:
            out += conn.send(h11.Data(data=reply.body))
        out += conn.send(h11.EndOfMessage())
        writer.write(out)
        await asyncio.wait_for(writer.drain(), max(self.s.io_timeout, self.s.timeout))

    # --- requests ---------------------------------------------------------------------------------------------

    async def respond(self, req: h11.Request, body: bytes) -> Reply:
        try:
            return await self._respond(req, body)
        except Refused as exc:
            return Reply(exc.status, str(exc).encode("utf-8"), TEXT, exc.headers)

    def _host_ok(self, req: h11.Request) -> bool:
        if self.s.allowed_hosts is None:
            return True
        hosts = [v for k, v in req.headers if k == b"host"]
        return not hosts or hosts[0].decode("latin-1").lower() in self.s.allowed_hosts

    async def _respond(self, req: h11.Request, body: bytes) -> Reply:
        arrived = time.monotonic()
        if not self._host_ok(req):
            raise Refused(403, "Host header not allowed: this endpoint answers to the address it listens on "
                          "(use --allow-host NAME to add a name)")
        url = urlsplit(req.target.decode("latin-1"))
        method = req.method.decode("ascii", "replace")
        sparql = url.path == "/sparql"
        allow = ALLOW_SPARQL if sparql else ALLOW_STATIC
        if method == "OPTIONS":
            return Reply(204, b"", TEXT, {"Allow": allow})
        if method not in allow.split(", "):
            raise Refused(405, f"method {method} not allowed here; allowed: {allow}", {"Allow": allow})
        if not sparql:
            if method == "POST":
                raise Refused(405, "POST goes to /sparql", {"Allow": allow})
            return self._static(url.path)
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in req.headers}
        params = _query_string(url.query)
        if method == "POST":
            ctype, *cparams = (headers.get("content-type") or "").split(";")
            ctype = ctype.strip().lower()
            if not _charset_ok(cparams):
                raise Refused(415, "the request body must be UTF-8 (charset=utf-8)")
            if ctype == "application/x-www-form-urlencoded":
                for k, v in _query_string(_utf8(body, "form body")).items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                params.setdefault("query", []).append(_utf8(body, "query"))
            elif ctype == "application/sparql-update":
                params.setdefault("update", []).append(_utf8(body, "update"))
            else:
                raise Refused(415, "POST application/x-www-form-urlencoded, application/sparql-query (or "
                              "application/sparql-update, which is refused: read-only)")
        updates, queries = params.get("update", []), params.get("query", [])
        if updates:
            if queries or len(updates) != 1:
                raise Refused(403, "updates are refused: this endpoint is read-only")
            request = Request(updates[0], update=True, base=self.s.base)
        else:
            if len(queries) != 1:
                raise Refused(400, "give exactly one query= parameter (SPARQL 1.1 Protocol)")
            request = Request(queries[0], headers.get("accept", ""), self.s.max_rows,
                              default_graphs=_iris(params.get("default-graph-uri"), "default-graph-uri"),
                              named_graphs=_iris(params.get("named-graph-uri"), "named-graph-uri"),
                              base=self.s.base)
        loop = asyncio.get_running_loop()
        try:
            ans = await loop.run_in_executor(self.s.executor, self.s.pool.run, request, self.s.timeout, arrived)
        except (QueryTimeout, ServerBusy) as exc:
            return Reply(503, str(exc).encode("utf-8"), TEXT, {"Retry-After": "1"})
        extra = {"X-Dipkg-Truncated": f"result cut off at max-rows={self.s.max_rows}"} if ans.truncated else {}
        if ans.status == 405:
            extra["Allow"] = ALLOW_SPARQL
        return Reply(ans.status, ans.body, ans.content_type, extra)

    def _static(self, path: str) -> Reply:
        name = "index.html" if path in ("/", "/index.html") else path[len("/static/"):] if path.startswith(
            "/static/") else None
        if name is None:
            return Reply(404, b"not found: the endpoint is /sparql, the query page /")
        if name not in STATIC_FILES or not (STATIC / name).is_file():
            return Reply(404, b"not found")
        ctype = STATIC_FILES[name] + "; charset=utf-8"
        return Reply(200, (STATIC / name).read_bytes(), ctype,
                     {"Cache-Control": "max-age=3600"} if name != "index.html" else {})


class Server:
    """A running endpoint: `url`, `close()`. Made by `make_server`; `serve_forever` blocks until SIGTERM/Ctrl-C."""

    def __init__(self, sock: socket.socket, settings: Settings, tmp: str | None):
        self.sock, self.settings, self.tmp = sock, settings, tmp
        host, port = sock.getsockname()[:2]
        self.url = f"http://{'[' + host + ']' if ':' in host else host}:{port}"
        self.loop = asyncio.new_event_loop()
        self.thread: threading.Thread | None = None
        self._stop: asyncio.Event | None = None
        self._closed = False

    async def _main(self, on_ready=None) -> None:
        endpoint = Endpoint(self.settings)
        server = await asyncio.start_server(endpoint.connection, sock=self.sock, limit=MAX_HEAD)
        async with server:
            self._stop = asyncio.Event()
            if threading.current_thread() is threading.main_thread():
                for sig in (signal.SIGTERM, signal.SIGINT):
                    self.loop.add_signal_handler(sig, self._stop.set)
            self._ready.set()
            if on_ready is not None:
                on_ready()
            await self._stop.wait()
            server.close()
            await endpoint.stop()

    def serve_forever(self, on_ready=None) -> None:
        """Serve until SIGTERM or Ctrl-C (handled once the server is up: `on_ready` is called then), then close."""
        self._ready = threading.Event()
        try:
            self.loop.run_until_complete(self._main(on_ready))
        finally:
            self.close()

    def start(self) -> Server:
        self._ready = threading.Event()
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._main(),), daemon=True)
        self.thread.start()
        self._ready.wait(30)
        return self

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.thread is not None and self._stop is not None:
            self.loop.call_soon_threadsafe(self._stop.set)
            self.thread.join(10)
        self.settings.executor.shutdown(wait=False, cancel_futures=True)
        self.settings.pool.close()
        try:
            self.sock.close()
        except OSError:
            pass
        if not self.loop.is_running():
            self.loop.close()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def _snapshot(directory: Path, target: Path) -> None:
    """A consistent copy of a store directory, with its union default graph filled in if the store is of the old
    layout. A RocksDB checkpoint (hard links where it can) when the store was flushed; otherwise (a writer still at
    work, whose last writes are only in its log, which a checkpoint of a read-only view leaves out) every quad of
    one read-only view is copied."""
    import pyoxigraph as ox

    try:
        view = ox.Store.read_only(str(directory))
        view.backup(str(target))
        copy = ox.Store(str(target))
        if len(copy) != len(view):
            del copy
            shutil.rmtree(target, ignore_errors=True)
            copy = ox.Store(str(target))
            copy.bulk_extend(view.quads_for_pattern(None, None, None))
    except OSError as exc:
        raise InputError(str(directory), f"cannot read the store: {exc}") from exc
    if old_layout(copy):
        copy.update(UNION_FILL)
    copy.flush()


TEMP_PREFIX = "dipkg-serve-"
OWNER = "owner.pid"  # the pid of the kg serve that made the copy


def sweep_stale_copies(root: str | None = None) -> list[str]:
    """Remove the temporary copies left by a `kg serve` that was killed (kill -9, a crash: nothing ran its clean-up):
    folders dipkg-serve-* in the temp folder whose owner.pid names a process that no longer exists. Folders
    without that file, or of a live process, are left alone. Returns the folders removed."""
    removed = []
    base = Path(root or tempfile.gettempdir())
    for d in sorted(base.glob(TEMP_PREFIX + "*")):
        try:
            pid = int((d / OWNER).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if pid == os.getpid() or _alive(pid):
            continue
        shutil.rmtree(d, ignore_errors=True)
        removed.append(str(d))
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def prepare_source(source: str | Path | GraphSource) -> tuple[str, str]:
    """(store directory, temp dir to remove later): a snapshot of a store directory, or a graph input (a file, a
    build's --out folder, standard input: `kg.graph.source.resolve`) loaded, its named graphs merged into the
    default graph."""
    import pyoxigraph as ox

    src = resolve(source)
    sweep_stale_copies()
    tmp = tempfile.mkdtemp(prefix=TEMP_PREFIX)
    write_atomic(Path(tmp) / OWNER, f"{os.getpid()}\n")
    target = Path(tmp) / "store"
    try:
        if src.kind == "store":
            _snapshot(src.path, target)
        else:
            store = ox.Store(str(target))
            load_into(store, src)
            store.flush()
            del store
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return str(target), tmp


def _allowed_hosts(host: str, port: int, extra: list[str]) -> frozenset[str] | None:
    """Host header values accepted for a server bound to `host`: the address itself (and the loopback names for a
    loopback address), with and without the port; None (any) for a wildcard address without `extra` names."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        ip = None
    if ip is not None and ip.is_unspecified and not extra:
        return None
    names = set(extra) | {host}
    if ip is not None and ip.version == 6:
        names.add(f"[{host}]")
    if host == "localhost" or (ip is not None and ip.is_loopback):
        names |= {"localhost", "127.0.0.1", "[::1]"}
    return frozenset(n.lower() for name in names for n in (name, f"{name}:{port}"))


def make_server(source: str | Path | GraphSource, host: str = "127.0.0.1", port: int = DEFAULT_PORT,
                timeout: float = 10.0, max_rows: int = 10000, workers: int | None = None, quiet: bool = False,
                cors: bool = False, max_memory: int = 1 << 30, allow_hosts: list[str] | None = None,
                io_timeout: float = IO_TIMEOUT) -> Server:
    """Bind the endpoint (port 0 picks a free one); call `.serve_forever()` or `.start()`."""
    workers = default_workers() if workers is None else workers
    if timeout <= 0 or max_rows <= 0 or workers <= 0 or max_memory <= 0:
        raise QueryError("--timeout, --max-rows, --workers and --max-memory must be positive")
    try:
        sock = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET,
                                    backlog=256)
    except OSError as exc:
        raise InputError(f"{host}:{port}", f"cannot listen: {exc.strerror or exc}") from exc
    try:
        store_dir, tmp = prepare_source(source)
    except BaseException:
        sock.close()
        raise
    try:
        pool = WorkerPool(store_dir, workers, max_memory)
    except BaseException:
        sock.close()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    settings = Settings(pool, timeout, max_rows, f"http://{shown}:{bound}/sparql",
                        _allowed_hosts(host, bound, allow_hosts or []), cors, quiet, io_timeout,
                        concurrent.futures.ThreadPoolExecutor(max(16, 4 * workers), thread_name_prefix="kg-serve"))
    return Server(sock, settings, tmp)
