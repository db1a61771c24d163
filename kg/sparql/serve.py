"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql, and an offline query page (YASGUI) at /.

Every query is parsed first (rdflib's SPARQL parser): updates (also LOAD, CLEAR, DROP, …) are refused with 403,
`SERVICE` with 403, syntax errors get 400 with the parser's message. Accepted queries run in worker processes
(`kg.sparql.worker`) with a time limit (503 "query exceeded N s") and a row limit (rows beyond it are cut off and
the response says so in the `X-Dipkg-Truncated` header).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import InputError, QueryError
from kg.sparql.worker import QueryTimeout, ServerBusy, WorkerPool

STATIC = Path(__file__).resolve().parent / "static"
STATIC_FILES = {"yasgui.min.js": "text/javascript", "yasgui.min.css": "text/css", "index.html": "text/html"}
MAX_BODY = 1 << 20  # 1 MiB of query text is plenty
_PARSER_LOCK = threading.Lock()


class Refused(Exception):
    """A request the endpoint will not run: `status` and a message for the client."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _walk(node):
    """Every node of rdflib's parse tree (CompValue dicts inside pyparsing ParseResults and lists)."""
    from pyparsing import ParseResults

    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list | tuple | ParseResults):
        for v in node:
            yield from _walk(v)


def check_query(text: str) -> None:
    """Refuse updates and SERVICE by parsing the request (not by pattern matching); 400 on syntax errors."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    with _PARSER_LOCK:  # pyparsing's packrat cache is not thread-safe
        try:
            tree = parseQuery(text)
        except ParseException as exc:
            tree, error = None, exc
            try:
                parseUpdate(text)
                is_update = True
            except ParseException:
                is_update = False
    if tree is None:
        if is_update:
            raise Refused(403, "updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, …) are refused: "
                          "this endpoint is read-only")
        raise Refused(400, f"SPARQL syntax error: {error}")
    for node in _walk(tree):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            raise Refused(403, "SERVICE (federated query) is refused: this endpoint answers from its own data only")


@dataclass
class Settings:
    pool: WorkerPool
    timeout: float
    max_rows: int


class Handler(BaseHTTPRequestHandler):
    server_version = "dipkg"
    settings: Settings  # set on the subclass made by make_server
    quiet = False

    def log_message(self, format, *args):
        if not self.quiet:
            super().log_message(format, *args)

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            return self._static("index.html")
        if url.path.startswith("/static/"):
            return self._static(url.path[len("/static/"):])
        if url.path != "/sparql":
            return self._send(404, b"not found: the endpoint is /sparql, the query page /", "text/plain")
        self._sparql(parse_qs(url.query, keep_blank_values=True))

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(404, b"not found: the endpoint is /sparql", "text/plain")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return self._send(413, b"request body too large", "text/plain")
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        elif ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/sparql-update":
            params["update"] = [body]
        else:
            return self._send(415, b"POST application/x-www-form-urlencoded or application/sparql-query",
                              "text/plain")
        self._sparql(params)

    def _sparql(self, params: dict[str, list[str]]) -> None:
        s = self.settings
        try:
            if "update" in params:
                raise Refused(403, "updates are refused: this endpoint is read-only")
            queries = params.get("query", [])
            if len(queries) != 1:
                raise Refused(400, "give exactly one query= parameter (SPARQL 1.1 Protocol)")
            check_query(queries[0])
            ans = s.pool.run(queries[0], self.headers.get("Accept", ""), s.max_rows, s.timeout)
        except Refused as exc:
            return self._send(exc.status, str(exc).encode("utf-8"), "text/plain")
        except QueryTimeout as exc:
            return self._send(503, str(exc).encode("utf-8"), "text/plain")
        except ServerBusy as exc:
            return self._send(503, str(exc).encode("utf-8"), "text/plain")
        extra = {"X-Dipkg-Truncated": f"result cut off at max-rows={s.max_rows}"} if ans.truncated else {}
        self._send(ans.status, ans.body, ans.content_type, extra)

    def _static(self, name: str) -> None:
        if name not in STATIC_FILES or not (STATIC / name).is_file():
            return self._send(404, b"not found", "text/plain")
        self._send(200, (STATIC / name).read_bytes(), STATIC_FILES[name],
                   {"Cache-Control": "max-age=3600"} if name != "index.html" else {})

    def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        charset = ctype.startswith("text/") and "charset" not in ctype
        self.send_header("Content-Type", ctype + "; charset=utf-8" if charset else ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Server:
    """A running endpoint: `url`, `close()`. Made by `make_server`; `serve_forever` blocks."""

    def __init__(self, httpd: ThreadingHTTPServer, pool: WorkerPool, tmp: str | None):
        self.httpd, self.pool, self.tmp = httpd, pool, tmp
        host, port = httpd.server_address[:2]
        self.url = f"http://{host}:{port}"

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def start(self) -> Server:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.pool.close()
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)


def prepare_source(source: str | Path) -> tuple[str, str | None]:
    """(store directory, temp dir to remove later): a graph file is loaded into a temporary on-disk store."""
    import pyoxigraph as ox

    from kg.sparql.query import FILE_FORMATS

    p = Path(source)
    if p.is_dir():
        return str(p), None
    if not p.is_file():
        raise InputError(str(p), "no such graph file or store directory")
    fmt = FILE_FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"unknown graph format {p.suffix!r}; use one of {', '.join(sorted(FILE_FORMATS))}")
    tmp = tempfile.mkdtemp(prefix="dipkg-serve-")
    store = ox.Store(tmp)
    try:
        store.bulk_load(path=str(p), format=fmt)
        store.flush()
    except SyntaxError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise InputError(str(p), f"cannot parse: {exc}") from exc
    del store
    return tmp, tmp


def make_server(source: str | Path, host: str = "127.0.0.1", port: int = 8890, timeout: float = 10.0,
                max_rows: int = 10000, workers: int = 2, quiet: bool = False) -> Server:
    """Bind the endpoint (port 0 picks a free one); call `.serve_forever()` or `.start()`."""
    if timeout <= 0 or max_rows <= 0 or workers <= 0:
        raise QueryError("--timeout, --max-rows and --workers must be positive")
    store_dir, tmp = prepare_source(source)
    pool = WorkerPool(store_dir, workers)
    handler = type("BoundHandler", (Handler,), {"settings": Settings(pool, timeout, max_rows), "quiet": quiet})
    try:
        httpd = ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        pool.close()
        raise InputError(f"{host}:{port}", f"cannot listen: {exc}") from exc
    httpd.daemon_threads = True
    return Server(httpd, pool, tmp)
