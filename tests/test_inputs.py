"""Every command that reads a graph reads the same things (kg.graph.source): a graph file of each extension of
RDF_FORMATS, a store folder made by `kg build --store`, a `kg build --out` folder, and standard input (with -i or
sniffed), and gives the same answer for each; the same problem is worded the same by every command."""

from __future__ import annotations

import io
import json
import sys
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.graph.names import RDF_FORMATS
from kg.graph.source import WHAT, resolve

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
# every extension of RDF_FORMATS, and what each file is made of (the quad formats: the seed's triples spread over
# the default graph and two named graphs, a tenth of them in two graphs at once)
MADE_OF = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".ntriples": "nt", ".trig": "trig", ".nq": "nq",
           ".nquads": "nq", ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "xml", ".owl": "xml"}
# the input kinds: (name, argument, --input-format, bytes on standard input)
KINDS = [f"file{ext}" for ext in MADE_OF] + ["store", "build-folder", "stdin-i-ttl", "stdin-sniffed-ttl",
                                             "stdin-sniffed-nq", "stdin-sniffed-jsonld", "stdin-sniffed-rdf"]


def test_every_extension_and_kind_is_covered():
    """The table above is RDF_FORMATS: a new extension must be added to the matrix."""
    assert set(MADE_OF) == set(RDF_FORMATS)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    """The seed built with a store, and the seed graph in every format."""
    d = tmp_path_factory.mktemp("inputs")
    assert main(["build", str(SEEDS), "--out", str(d / "out"), "--store", str(d / "store"), "-q", "--jobs", "1"]) == 0
    made = {"ttl": (d / "out" / "graph.ttl").read_bytes()}
    for fmt in ("nt", "jsonld"):
        assert main(["export", str(d / "out"), "--out", str(d / f"made.{fmt}")]) == 0
        made[fmt] = (d / f"made.{fmt}").read_bytes()
    triples = [q.triple for q in ox.parse(made["nt"], format=ox.RdfFormat.N_TRIPLES)]
    made["xml"] = ox.serialize(triples, format=ox.RdfFormat.RDF_XML)
    graphs = [ox.DefaultGraph(), ox.NamedNode("urn:g:one"), ox.NamedNode("urn:g:two")]
    quads = [ox.Quad(*t, graphs[n % 3]) for n, t in enumerate(triples)]
    quads += [ox.Quad(*t, graphs[1]) for t in triples[::10]]
    made["trig"] = ox.serialize(quads, format=ox.RdfFormat.TRIG)
    made["nq"] = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    # what an Oxigraph store keeps of them: it writes numbers in canonical form (xsd:nonNegativeInteger "5" is
    # xsd:integer "5" there), so a store folder gives these
    store = ox.Store()
    store.bulk_extend(ox.Quad(*t) for t in triples)
    made["stored-nt"] = "".join(sorted(f"{q.subject} {q.predicate} {q.object} .\n" for q in store)).encode()
    files = {}
    for ext, what in MADE_OF.items():
        files[ext] = d / "files" / f"seed{ext}"
        files[ext].parent.mkdir(exist_ok=True)
        files[ext].write_bytes(made[what])
    return {"dir": d, "made": made, "files": files}


def arguments(seed, kind: str) -> tuple[list[str], bytes | None]:
    """The graph argument(s) of `kind` and what goes to standard input."""
    made = seed["made"]
    if kind.startswith("file"):
        return [str(seed["files"][kind[4:]])], None
    if kind == "store":
        return [str(seed["dir"] / "store")], None
    if kind == "build-folder":
        return [str(seed["dir"] / "out")], None
    if kind == "stdin-i-ttl":
        return ["-", "-i", "ttl"], made["ttl"]
    return ["-"], made[{"ttl": "ttl", "nq": "nq", "jsonld": "jsonld", "rdf": "xml"}[kind.rsplit("-", 1)[1]]]


def run(monkeypatch, capsys, argv: list[str], data: bytes | None) -> tuple[int, str, str]:
    capsys.readouterr()
    if data is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_nt(seed):
    return seed["made"]["nt"]


@pytest.mark.parametrize("kind", KINDS)
def test_export_reads_the_same_triples(seed, seed_nt, kind, monkeypatch, capsysbinary):
    """kg export -f nt gives the seed's N-Triples, byte for byte, from every input kind (from a store: as the store
    keeps them, numbers in canonical form)."""
    graph, data = arguments(seed, kind)
    if data is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    capsysbinary.readouterr()
    assert main(["export", *graph, "-f", "nt"]) == 0
    assert capsysbinary.readouterr().out == (seed["made"]["stored-nt"] if kind == "store" else seed_nt)


@pytest.mark.parametrize("kind", KINDS)
def test_query_reads_the_same_triples(seed, kind, monkeypatch, capsys):
    """kg query counts the seed's 1,150 distinct triples (the union, as a set) from every input kind."""
    graph, data = arguments(seed, kind)
    n = seed["made"]["nt"].count(b"\n")
    assert run(monkeypatch, capsys, ["query", *graph, "-e", COUNT, "--format", "csv"], data)[:2] == \
        (0, f"n\r\n{n}\r\n")


@pytest.fixture(scope="module")
def reference(seed):
    """The answers of validate, analyze and report on graph.ttl, which every input kind must give."""
    return {}


def _validator() -> str:
    try:
        import pyshacl_turbo  # noqa: F401
        return "turbo"  # the same results as pySHACL (tests/test_validator_engines.py), seconds faster here
    except ImportError:
        return "pyshacl"


@pytest.mark.parametrize("kind", KINDS)
def test_validate_analyze_report_read_the_same_graph(seed, reference, kind, monkeypatch, capsys, tmp_path):
    """kg validate (its results), kg analyze (its JSON) and kg report (the graph's counts) answer the same for every
    input kind as for the build's graph.ttl."""
    graph, data = arguments(seed, kind)
    code, out, _ = run(monkeypatch, capsys, ["validate", *graph, "--validator", _validator()], data)
    lines = out.splitlines()
    name = "standard input" if data is not None else str(resolve(graph[0]).path)
    assert code == 0 and lines[-1].startswith(f"{name}: conforms (0 violation(s), ")
    got = {"validate": [*lines[:-1], lines[-1][len(name):]]}
    code, out, _ = run(monkeypatch, capsys, ["analyze", *graph, "--format", "json", "--no-write"], data)
    assert code == 0
    got["analyze"] = json.loads(out)
    code, _, _ = run(monkeypatch, capsys, ["report", *graph, "--out", str(tmp_path / "rep")], data)
    assert code == 0
    got["report"] = json.loads((tmp_path / "rep" / "report.json").read_text(encoding="utf-8"))["graph"]
    assert got["report"]["triples"] == seed["made"]["nt"].count(b"\n")
    want = reference.setdefault("ttl", got)  # the first kind is file.ttl, the build's graph.ttl as it is
    assert got == want


class Endpoint:
    """A Graph Store Protocol endpoint on the loopback that keeps what was PUT: {graph IRI: N-Triples bytes}."""

    def __init__(self):
        self.graphs: dict[str, bytes] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_PUT(self):
                graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]
                outer.graphs[graph] = self.rfile.read(int(self.headers["Content-Length"]))
                self.send_response(201)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/data"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.mark.parametrize("kind", KINDS)
def test_push_sends_the_same_triples(seed, kind, monkeypatch, capsys):
    """kg push sends the seed's triples from every input kind: a store and its TriG/N-Quads dumps as their named
    graphs (not the store's union copy), the triple formats as one graph."""
    graph, data = arguments(seed, kind)
    end = Endpoint()
    try:
        code, _, err = run(monkeypatch, capsys, ["push", *graph, "--endpoint", end.url], data)
    finally:
        end.close()
    assert code == 0, err
    triples = set()
    for body in end.graphs.values():
        triples |= {q.triple for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
    assert len(triples) == seed["made"]["nt"].count(b"\n")
    if kind == "store":  # the article's graph, the entities', the occurrences': not the union copy
        assert sorted(end.graphs) == [f"https://w3id.org/dipkg/id/graph/{g}" for g in
                                      ("article/000_b8878e3335182e53", "entities", "occurrences")]
    elif kind in ("file.trig", "file.nq", "file.nquads", "stdin-sniffed-nq"):
        assert sorted(end.graphs) == ["https://w3id.org/dipkg/id/graph/default", "urn:g:one", "urn:g:two"]
    else:
        assert sorted(end.graphs) == ["https://w3id.org/dipkg/id/graph/default"]


@pytest.mark.parametrize("kind", KINDS)
def test_serve_answers_the_same(seed, kind, monkeypatch):
    """kg serve's endpoint counts the seed's triples from every input kind."""
    from kg.sparql.serve import make_server

    graph, data = arguments(seed, kind)
    src = resolve(graph[0]) if data is None else resolve("-", None, io.BytesIO(data))  # what `kg serve` resolves
    n = seed["made"]["nt"].count(b"\n")
    s = make_server(src, port=0, workers=1, quiet=True).start()
    try:
        url = f"{s.url}/sparql?" + urllib.parse.urlencode({"query": COUNT})
        req = urllib.request.Request(url, headers={"Accept": "text/csv"})
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read()
    finally:
        s.close()
    assert body == f"n\r\n{n}\r\n".encode()


# --- the same problem, the same words, in every command ----------------------------------------------------------

COMMANDS = {"export": ["-f", "nt"], "validate": [], "analyze": ["--no-write"], "report": ["--out", "REP"],
            "query": ["-e", COUNT], "serve": ["--port", "0", "--workers", "1"],
            "push": ["--endpoint", "http://127.0.0.1:9/data"]}


def _error(monkeypatch, capsys, tmp_path, command: str, graph: list[str], data: bytes | None = None):
    extra = [str(tmp_path / "rep") if a == "REP" else a for a in COMMANDS[command]]
    code, _, err = run(monkeypatch, capsys, [command, *graph, *extra], data)
    prefix = f"kg {command}: error: "
    assert err.startswith(prefix) and err.count("\n") == 1, err
    return code, err[len(prefix):].rstrip("\n")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_the_same_problem_is_worded_the_same_by_every_command(command, monkeypatch, capsys, tmp_path):
    """A missing path, an unknown extension, a folder that is no store nor build folder, a broken file, and standard
    input of no format it can tell: exit 2 and the same one-line message from each command."""
    missing = tmp_path / "nope.ttl"
    odd = tmp_path / "g.xyz"
    odd.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    folder = tmp_path / "empty"
    folder.mkdir()
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n", encoding="utf-8")
    extensions = ", ".join(sorted(RDF_FORMATS))
    cases = [
        ([str(missing)], None, f"{missing}: no such file or folder: give {WHAT}"),
        ([str(odd)], None, f"{odd}: unknown graph file extension '.xyz'; use one of {extensions}"),
        ([str(folder)], None, f"{folder}: is a folder but neither a store (made by `kg build --store`) nor an output "
                              f"folder of `kg build` (no graph.ttl in it): give {WHAT}"),
        ([str(broken)], None, f"{broken}:2: cannot parse as turtle: Parser error at line 2 column 17: . is not a "
                              "valid RDF object"),
        (["-"], b"this is not RDF\n", "standard input: cannot tell its format (not JSON-LD nor RDF/XML; as "
                                      "Turtle/TriG: Parser error at line 1 between columns 1 and 5: this is not a "
                                      "valid subject or graph name; as N-Quads: Parser error at line 1 between "
                                      "columns 1 and 5: The subject of a triple must be an IRI or a blank node): "
                                      "give --input-format (json, jsonld, nq, nquads, nt, ntriples, owl, rdf, trig, "
                                      "ttl, turtle)"),
    ]
    for graph, data, want in cases:
        assert _error(monkeypatch, capsys, tmp_path, command, graph, data) == (2, want)


def test_an_input_format_overrides_the_extension(tmp_path, monkeypatch, capsys):
    """-i names the format of a file whose extension says none (or the wrong one)."""
    odd = tmp_path / "g.xyz"
    odd.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    assert run(monkeypatch, capsys, ["query", str(odd), "-i", "nt", "-e", COUNT, "--format", "csv"], None)[:2] == \
        (0, "n\r\n1\r\n")


def test_a_build_folder_is_checked_like_its_graph(tmp_path, monkeypatch, capsys):
    """A build folder whose graph.ttl is not the build's gets the mixed-builds warning, as graph.ttl itself does."""
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "--out", str(out), "-q", "--jobs", "1", "--no-report"]) == 0
    with (out / "graph.ttl").open("a", encoding="utf-8") as f:
        f.write("<urn:a> <urn:b> <urn:c> .\n")
    _code, _out, err = run(monkeypatch, capsys, ["query", str(out), "-e", COUNT], None)
    assert err.startswith(f"kg query: warning: {out}: these outputs are not those of build ")


def test_analyze_of_stdin_needs_a_folder(monkeypatch, capsys):
    """kg analyze - has no folder beside the graph: it asks for --out or --no-write."""
    code, _, err = run(monkeypatch, capsys, ["analyze", "-", "-i", "nt"], b"")
    assert (code, err) == (2, "kg analyze: error: reading standard input, kg analyze has no folder beside the graph "
                              "for analysis/: give --out DIR or --no-write\n")


# --- kg export: the format from --out ---------------------------------------------------------------------------


@pytest.mark.parametrize("argv, want", [
    (["--out", "g.nt"], (0, "nt")),
    (["--out", "g.NQ"], (0, "nq")),
    (["--out", "g.json"], (0, "jsonld")),
    (["--out", "g.jsonld", "-f", "jsonld-expanded"], (0, "jsonld-expanded")),
    (["--out", "g.txt", "-f", "ttl"], (0, "ttl")),
    ([], (2, "give --format (ttl, nt, trig, nq, jsonld, jsonld-expanded), or an --out file whose extension names "
             "one (.ttl, .nt, .trig, .nq, .jsonld)")),
    (["--out", "g.txt"], (2, "--out g.txt: its extension '.txt' names no format kg export writes: give --format "
                             "(ttl, nt, trig, nq, jsonld, jsonld-expanded) or end --out in .ttl, .nt, .trig, .nq or "
                             ".jsonld")),
    (["--out", "g.rdf"], (2, "--out g.rdf: its extension '.rdf' names no format kg export writes: give --format "
                             "(ttl, nt, trig, nq, jsonld, jsonld-expanded) or end --out in .ttl, .nt, .trig, .nq or "
                             ".jsonld")),
    (["--out", "g.ttl", "-f", "nt"], (2, "--format nt and --out g.ttl disagree (.ttl is ttl): drop --format, or "
                                         "give --out an extension that matches it")),
])
def test_export_format_from_out(argv, want, tmp_path, monkeypatch, capsys):
    """--format is optional when --out's extension names the format; a usage error when neither says one or when
    they disagree (and then nothing is written)."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in.nt"
    src.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    code, _, err = run(monkeypatch, capsys, ["export", str(src), *argv], None)
    if want[0] == 0:
        assert (code, err) == (0, f"wrote {argv[1]} ({want[1]}, {(tmp_path / argv[1]).stat().st_size:,} bytes)\n")
    else:
        assert (code, err) == (2, f"kg export: error: {want[1]}\n")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.nt"]
