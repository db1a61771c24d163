"""`kg push` against a small Graph Store server of our own on 127.0.0.1 that fails, drops and stalls on purpose
(issue 15, "Push and query"): the user learns which graphs were pushed, failures are retried, a push resumes with
--from, --timeout bounds each request, the password comes from a file or the environment, never a traceback."""

from __future__ import annotations

import base64
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.cli import main
from kg.sparql import push as push_mod

GRAPHS = [f"https://w3id.org/dipkg/id/graph/article/a{n}" for n in range(1, 5)]
TRIG = "".join(f"<{g}> {{ <https://w3id.org/dipkg/id/article/a{n}> <https://schema.org/name> \"a{n}\" . }}\n"
               for n, g in enumerate(GRAPHS, 1))


class Server:
    """A Graph Store endpoint whose answers follow a script: for the n-th PUT, `script[n]` is "ok", a status code
    (500, 404…), "drop" (close the connection unanswered) or "slow" (answer after `slow` seconds)."""

    def __init__(self, script: list, slow: float = 3.0, password: str | None = None):
        self.script, self.slow, self.password = list(script), slow, password
        self.received: list[str] = []  # graph IRIs stored, in order
        self.requests = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_PUT(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if server.password is not None:
                    want = "Basic " + base64.b64encode(f"u:{server.password}".encode()).decode()
                    if self.headers.get("Authorization") != want:
                        self.send_response(401)
                        self.send_header("WWW-Authenticate", 'Basic realm="kg"')
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                server.requests += 1
                action = server.script.pop(0) if server.script else "ok"
                graph = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)["graph"][0]
                if action == "drop":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if action == "slow":
                    time.sleep(server.slow)
                if isinstance(action, int):
                    self.send_response(action)
                    msg = b"store is down"
                    self.send_header("Content-Length", str(len(msg)))
                    self.end_headers()
                    self.wfile.write(msg)
                    return
                assert body
                server.received.append(graph)
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/data"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def source(tmp_path, monkeypatch):
    monkeypatch.setattr(push_mod, "BACKOFF", 0.01)
    path = tmp_path / "g.trig"
    path.write_text(TRIG, encoding="utf-8")
    return str(path)


def push(capsys, *args: str) -> tuple[int, str]:
    code = main(["push", *args])
    return code, capsys.readouterr().err


def pushed_line(n: int, tries: int = 1) -> str:
    again = f", after {tries} tries" if tries > 1 else ""
    return f"pushed {n}/4: <{GRAPHS[n - 1]}> (1 triples, HTTP 201{again})\n"


def test_all_pushed_each_named(source, capsys):
    """A server that answers: every graph named as it is pushed, then a total; exit 0."""
    with Server([]) as srv:
        code, err = push(capsys, source, "--endpoint", srv.url)
    assert (code, srv.received) == (0, GRAPHS)
    assert err == "".join(pushed_line(n) for n in range(1, 5)) + f"pushed 4 graph(s), 4 triples, to {srv.url}\n"


def test_failure_names_what_was_pushed_and_resume_pushes_the_rest(source, capsys):
    """A 500 that persists on the third graph: the two pushed are listed, the failing one named with the server's
    words and a resume hint; exit 4. --from that graph then pushes it and the fourth only."""
    with Server(["ok", "ok", 500, 500, 500]) as srv:
        code, err = push(capsys, source, "--endpoint", srv.url)
        assert code == 4
        assert err == (pushed_line(1) + pushed_line(2) + f"kg push: error: PUT of graph <{GRAPHS[2]}> failed: HTTP "
                       "500 Internal Server Error: store is down (tried 3 times); 2 of 4 graph(s) were pushed "
                       f"before it (listed above); resume with --from '{GRAPHS[2]}'\n")
        code, err = push(capsys, source, "--endpoint", srv.url, "--from", GRAPHS[2])
    assert code == 0
    assert srv.received == GRAPHS[:2] + GRAPHS[2:]
    assert err == ("pushed 1/2: <" + GRAPHS[2] + "> (1 triples, HTTP 201)\npushed 2/2: <" + GRAPHS[3]
                   + f"> (1 triples, HTTP 201)\npushed 2 graph(s), 2 triples, to {srv.url}\n")


def test_transient_failures_are_retried(source, capsys):
    """A 503 and a dropped connection, each once: retried, every graph arrives, the retries are said."""
    with Server([503, "ok", "drop", "ok"]) as srv:
        code, err = push(capsys, source, "--endpoint", srv.url)
    assert (code, srv.received) == (0, GRAPHS)
    assert err.splitlines()[:2] == [pushed_line(1, 2).strip(), pushed_line(2, 2).strip()]


def test_client_error_is_not_retried(source, capsys):
    """Negative: a 404 (wrong endpoint path) is not retried: one request, exit 4."""
    with Server([404]) as srv:
        code, err = push(capsys, source, "--endpoint", srv.url)
        assert srv.requests == 1
    assert code == 4
    assert err == (f"kg push: error: PUT of graph <{GRAPHS[0]}> failed: HTTP 404 Not Found: store is down; 0 of 4 "
                   f"graph(s) were pushed before it (listed above); resume with --from '{GRAPHS[0]}'\n")


def test_dropped_connection_no_traceback(source, capsys):
    """A server that closes every connection unanswered: one line naming the graph, exit 4, no traceback."""
    with Server(["drop"] * 3) as srv:
        code, err = push(capsys, source, "--endpoint", srv.url, "--retries", "2")
    assert code == 4
    assert err == (f"kg push: error: PUT of graph <{GRAPHS[0]}> failed: the server closed the connection before "
                   f"answering (tried 3 times); 0 of 4 graph(s) were pushed before it (listed above); resume with "
                   f"--from '{GRAPHS[0]}'\n")


def test_slow_server_bounded_by_timeout(source, capsys):
    """A server slower than --timeout: the push gives up after the timeout (not 120 s), naming it."""
    with Server(["slow"], slow=3.0) as srv:
        t0 = time.monotonic()
        code, err = push(capsys, source, "--endpoint", srv.url, "--timeout", "0.5", "--retries", "0")
        took = time.monotonic() - t0
    assert code == 4
    assert took < 3.0
    assert err == (f"kg push: error: PUT of graph <{GRAPHS[0]}> failed: no answer within 0.5 s (--timeout); 0 of 4 "
                   f"graph(s) were pushed before it (listed above); resume with --from '{GRAPHS[0]}'\n")


def test_nothing_listening(source, capsys):
    """No server on the port: connection refused, said in words, exit 4."""
    with Server([]) as srv:
        url = srv.url
    code, err = push(capsys, source, "--endpoint", url, "--retries", "0")
    assert code == 4
    assert "connection refused (is the server running, and is that its port?)" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("how", ["env", "file"])
def test_password_from_environment_or_file(source, capsys, tmp_path, monkeypatch, how):
    """The password is read from $KG_PUSH_PASSWORD or --password-file (not only --password, visible in ps)."""
    extra: list[str] = []
    if how == "env":
        monkeypatch.setenv("KG_PUSH_PASSWORD", "s3cret")
    else:
        monkeypatch.delenv("KG_PUSH_PASSWORD", raising=False)
        (tmp_path / "pw").write_text("s3cret\n", encoding="utf-8")
        extra = ["--password-file", str(tmp_path / "pw")]
    with Server([], password="s3cret") as srv:
        code, _ = push(capsys, source, "--endpoint", srv.url, "--user", "u", *extra)
    assert (code, srv.received) == (0, GRAPHS)


def test_wrong_password_is_refused_not_retried(source, capsys, monkeypatch):
    """Negative: a wrong password gets 401 from the server: exit 4, no graph stored."""
    monkeypatch.setenv("KG_PUSH_PASSWORD", "wrong")
    with Server([], password="s3cret") as srv:
        code, err = push(capsys, source, "--endpoint", srv.url, "--user", "u")
    assert (code, srv.received) == (4, [])
    assert "HTTP 401" in err


def test_unknown_resume_graph(source, capsys):
    """--from a graph that is not in the source: exit 2 saying so, nothing sent."""
    with Server([]) as srv:
        code, err = push(capsys, source, "--endpoint", srv.url, "--from", "https://example.org/none")
        assert srv.requests == 0
    assert (code, err) == (2, f"kg push: error: --from <https://example.org/none>: no such graph in {source}\n")
