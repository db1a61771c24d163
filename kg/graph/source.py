"""Where a command's graph comes from: the one resolver of every command that reads a graph.

    resolve(given, input_format=None) -> GraphSource     a graph file, a store folder, a build's --out folder, or -
    quads(src, base=None, prefixes=None)                 its quads, checked to be RDF 1.1 (kg export, kg validate)
    query_store(src) -> ox.Store                         default graph = the union as a set (kg query, kg push)
    union_store(src) -> ox.Store                         the union alone, in the default graph (kg analyze, report)
    load_into(store, src)                                fill a store of the caller's (kg serve's on-disk copy)

What can be given, the same for `kg export`, `validate`, `analyze`, `report`, `query`, `serve` and `push`:

- a graph file of any extension in `kg.graph.names.RDF_FORMATS` (Turtle, N-Triples, TriG, N-Quads, JSON-LD,
  RDF/XML .rdf/.owl), read by its extension unless `--input-format` says otherwise;
- a store folder made by `kg build --store` (Oxigraph): one named graph per article and the union of them all in
  its default graph (kg.sparql.store). Its graphs are the named graphs; the default graph is that union, not a
  graph of its own, so quad formats get the named graphs and triple formats the union, as from a TriG dump;
- a folder written by `kg build --out`: its graph.ttl;
- `-`: standard input, in the format `--input-format` names, else sniffed (JSON-LD, RDF/XML, Turtle/TriG/N-Triples
  or N-Quads); when it cannot tell, it says so and asks for `--input-format`.

Every problem is worded the same whichever command meets it (an InputError naming the file, and line if known).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import InputError, KgError
from kg.graph.names import RDF_FORMATS, file_format, ox_format

STDIN = "-"
STDIN_NAME = "standard input"
BUILD_GRAPH = "graph.ttl"  # the graph of a `kg build --out` folder
# --input-format names: the extensions of RDF_FORMATS without their dot (ttl, nt, trig, nq, jsonld, rdf, …)
INPUT_FORMATS: dict[str, str] = {ext[1:]: fmt for ext, fmt in sorted(RDF_FORMATS.items())}
QUAD_FORMATS = frozenset({"trig", "nquads", "json-ld"})
UNION_FILL = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
XML_LITERAL = "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral"
WHAT = ("a graph file (" + " ".join(sorted(RDF_FORMATS)) + "), a store folder made by `kg build --store`, a "
        "`kg build --out` folder (its graph.ttl), or - for standard input")
SNIFF_QUADS = 1000  # quads read to tell Turtle/TriG from N-Quads on standard input


@dataclass(frozen=True)
class GraphSource:
    """A resolved graph input. `kind`: file | store | stdin; `fmt`: a format name of RDF_FORMATS (None: a store)."""

    given: str
    kind: str
    path: Path | None
    fmt: str | None
    data: bytes | None = None

    @property
    def name(self) -> str:
        """How messages name it."""
        return STDIN_NAME if self.kind == "stdin" else str(self.path)

    @property
    def folder(self) -> Path | None:
        """The folder the graph is in (where validation.ttl or analysis/ are looked for): None for standard input."""
        if self.path is None:
            return None
        return self.path.resolve().parent

    @property
    def base(self) -> str | None:
        """The base IRI relative IRIs are resolved against by default: a file's own file: URI."""
        return self.path.resolve().as_uri() if self.kind == "file" else None

    @property
    def quads_format(self) -> bool:
        """Whether it may hold named graphs (a store, TriG, N-Quads, JSON-LD)."""
        return self.kind == "store" or self.fmt in QUAD_FORMATS


def input_format(name: str | None) -> str | None:
    """The format name of an --input-format value (None: none given)."""
    if name is None:
        return None
    fmt = INPUT_FORMATS.get(name.lower().lstrip("."))
    if fmt is None:
        raise KgError(f"--input-format {name}: unknown format; use one of {', '.join(INPUT_FORMATS)}")
    return fmt


def is_store(path: Path) -> bool:
    """A folder holding an Oxigraph (RocksDB) store."""
    return (path / "CURRENT").is_file() and any(path.glob("MANIFEST-*"))


def graph_path(given: str | Path) -> Path | None:
    """The file a path stands for without reading it (a build folder → its graph.ttl; a store, -, missing → None)."""
    if str(given) == STDIN:
        return None
    p = Path(given)
    if p.is_dir():
        return None if is_store(p) else (p / BUILD_GRAPH if (p / BUILD_GRAPH).is_file() else None)
    return p if p.is_file() else None


def resolve(given: str | Path | GraphSource, fmt: str | None = None, stdin=None) -> GraphSource:
    """What `given` names (see the module doc). `fmt`: an --input-format value (a file's extension otherwise);
    `stdin`: a binary stream for `-` (default: the process's standard input)."""
    if isinstance(given, GraphSource):
        return given
    fmt = input_format(fmt)
    text = str(given)
    if text == STDIN:
        return _stdin(fmt, stdin)
    p = Path(given)
    if p.is_dir():
        if is_store(p):
            if fmt is not None:
                raise KgError(f"--input-format {fmt}: {p} is a store folder, not a graph file: drop --input-format")
            return GraphSource(text, "store", p, None)
        if (p / BUILD_GRAPH).is_file():
            p = p / BUILD_GRAPH
        else:
            raise InputError(text, f"is a folder but neither a store (made by `kg build --store`) nor an output "
                             f"folder of `kg build` (no {BUILD_GRAPH} in it): give {WHAT}")
    elif not p.exists():
        raise InputError(text, f"no such file or folder: give {WHAT}")
    elif not p.is_file():
        raise InputError(text, "is not a regular file (a pipe? use - to read standard input)")
    return GraphSource(text, "file", p, fmt or file_format(p))


def _stdin(fmt: str | None, stdin) -> GraphSource:
    stream = stdin if stdin is not None else sys.stdin.buffer
    if stdin is None and sys.stdin.isatty():
        raise InputError(STDIN_NAME, "is a terminal: pipe a graph into it (e.g. `kg export - -i ttl < g.ttl`)")
    data = stream.read()
    return GraphSource(STDIN, "stdin", None, fmt or sniff(data), data)


def sniff(data: bytes) -> str:
    """The format of a graph given on standard input, told from its bytes: JSON-LD (a JSON document), RDF/XML (an
    XML document), else Turtle/TriG/N-Triples (read as TriG, which takes all three) or N-Quads, whichever reads its
    first quads. InputError when neither does."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data.decode("utf-8-sig"))
            return "json-ld"
        except ValueError:
            pass  # a TriG file may start with "{" too
    if head.startswith((b"<?xml", b"<rdf:RDF")):
        return "xml"
    failed = []
    for fmt in ("trig", "nquads"):
        try:
            for n, _q in enumerate(ox.parse(data, format=ox_format(fmt), base_iri="file:///dev/stdin", lenient=True)):
                if n >= SNIFF_QUADS:
                    break
            return fmt
        except SyntaxError as exc:
            failed.append(f"as {'Turtle/TriG' if fmt == 'trig' else 'N-Quads'}: {_message(exc)}")
    raise InputError(STDIN_NAME, "cannot tell its format (not JSON-LD nor RDF/XML; " + "; ".join(failed)
                     + f"): give --input-format ({', '.join(INPUT_FORMATS)})")


def _message(exc: BaseException) -> str:
    return str(exc.args[0] if exc.args else exc).strip().splitlines()[0]


def parse_error(src: GraphSource, exc: BaseException) -> InputError:
    """The one wording of a graph that cannot be parsed: the file and line, the format, pyoxigraph's reason."""
    line = getattr(exc, "lineno", None)
    message = _message(exc)
    if "LoadDocumentCallback" in message:
        message = "it names a remote @context, which kg does not fetch (no network): put the context in the file"
    where = f"{src.name}:{line}" if isinstance(line, int) and isinstance(exc, SyntaxError) else src.name
    return InputError(where, f"cannot parse as {src.fmt}: {message}")


def _triple_term_error(src: GraphSource) -> InputError:
    return InputError(src.name, "holds an RDF 1.2 triple term (<<( … )>> or << … >>): kg export, kg validate and "
                      "the other commands read RDF 1.1 only; state the triple with RDF 1.1 reification instead "
                      "(rdf:Statement, rdf:subject, rdf:predicate, rdf:object)")


def _direction_error(src: GraphSource, literal: object) -> InputError:
    return InputError(src.name, f"holds an RDF 1.2 directional language string ({literal}): kg reads RDF 1.1 "
                      "only; drop the --ltr/--rtl direction")


def _xml_literal_error(src: GraphSource) -> InputError:
    return InputError(src.name, 'holds an XML literal (rdf:parseType="Literal"), which the RDF/XML reader does not '
                      "put in the canonical form RDF 1.1 requires (exclusive XML canonicalisation): convert the "
                      "file with a tool that does, e.g. to Turtle")


def _parser(src: GraphSource, base: str | None):
    base = base or src.base
    if src.kind == "stdin":
        return ox.parse(src.data, format=ox_format(src.fmt), base_iri=base)
    return ox.parse(path=str(src.path), format=ox_format(src.fmt), base_iri=base)


def quads(src: GraphSource | str | Path, base: str | None = None,
          prefixes: dict[str, str] | None = None) -> Iterator[ox.Quad]:
    """The quads of a graph input, each checked to be RDF 1.1; errors worded with the input and line. A store gives
    its named graphs (its default graph is their union, not a graph of its own). The file's prefixes go into
    `prefixes` when it is given."""
    src = resolve(src)
    if src.kind == "store":
        store = open_read_only(src)
        yield from (q for q in store.quads_for_pattern(None, None, None)
                    if not isinstance(q.graph_name, ox.DefaultGraph))
        return
    try:
        parser = _parser(src, base)
        for q in parser:
            if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
                raise _triple_term_error(src)
            if isinstance(q.object, ox.Literal) and q.object.direction is not None:
                raise _direction_error(src, q.object)
            if src.fmt == "xml" and isinstance(q.object, ox.Literal) and q.object.datatype.value == XML_LITERAL:
                raise _xml_literal_error(src)
            yield q
        if prefixes is not None:
            prefixes.update(parser.prefixes)
    except (SyntaxError, ValueError, OSError) as exc:
        raise parse_error(src, exc) from None


def open_read_only(src: GraphSource) -> ox.Store:
    """A store folder opened read-only (old-layout stores refused with what to do)."""
    try:
        store = ox.Store.read_only(str(src.path))
    except OSError as exc:
        raise InputError(src.name, f"cannot open the store: {store_error(exc)}") from None
    if old_layout(store):
        raise InputError(src.name, "this store was written by an older dipkg (its default graph does not hold the "
                         "union of its graphs): run `kg build … --store` on it once to update it")
    return store


def store_error(exc: OSError) -> str:
    """The reason a store could not be opened, with the hint about another writer only when a lock is the cause."""
    import errno

    text = str(exc)
    if "LOCK" in text or "lock" in text.lower():
        return f"{text} (another process is writing to it: wait for it to finish)"
    if exc.errno == errno.ENOSPC or "No space left" in text:
        return "no space left on the device"
    return exc.strerror or text


def old_layout(store: ox.Store) -> bool:
    """A store written before the default graph held the union: named graphs with triples, an empty default."""
    if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        return False
    return next((g for g in store.named_graphs()
                 if next(iter(store.quads_for_pattern(None, None, None, g)), None) is not None), None) is not None


RDF12_CHECK = ("ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } "
               "FILTER(isTRIPLE(?s) || isTRIPLE(?o) || hasLANGDIR(?o)) }")


def load_into(store: ox.Store, src: GraphSource | str | Path, union: bool = True) -> ox.Store:
    """Load a graph file or standard input into `store` (pyoxigraph's bulk loader, checked to be RDF 1.1); with
    `union`, the named graphs are also merged, as a set, into the default graph."""
    src = resolve(src)
    if src.kind == "store":
        raise KgError(f"{src.name}: a store folder is opened, not loaded")  # callers open it (open_read_only)
    try:
        if src.kind == "stdin":
            store.bulk_load(src.data, format=ox_format(src.fmt), base_iri=src.base)
        else:
            store.bulk_load(path=str(src.path), format=ox_format(src.fmt), base_iri=src.base)
    except (SyntaxError, ValueError, OSError) as exc:
        raise parse_error(src, exc) from None
    if store.query(RDF12_CHECK):
        for _q in quads(src):  # raises at the first offending term, named
            pass
        raise _triple_term_error(src)
    if src.fmt == "xml" and store.query(f'ASK {{ ?s ?p ?o FILTER(datatype(?o) = <{XML_LITERAL}>) }}'):
        raise _xml_literal_error(src)
    if union and src.fmt in QUAD_FORMATS:
        store.update(UNION_FILL)
    return store


def query_store(src: GraphSource | str | Path, union: bool = True) -> ox.Store:
    """A queryable store: a store folder opened read-only, a file or standard input loaded into memory. Its default
    graph is, with `union`, the set union of every graph (a store keeps it there; a file's named graphs are merged
    into it here); its named graphs are kept. Without `union`, a file's graphs are as written (what `kg push`
    sends)."""
    src = resolve(src)
    if src.kind == "store":
        return open_read_only(src)
    return load_into(ox.Store(), src, union)


def union_store(src: GraphSource | str | Path) -> ox.Store:
    """An in-memory store holding the union of every graph of the input, as a set, in its default graph only."""
    src = resolve(src)
    if src.kind == "store":
        union = open_read_only(src).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        out = ox.Store()
        out.bulk_load(union, format=ox.RdfFormat.N_TRIPLES)
        return out
    store = load_into(ox.Store(), src, union=True)
    if src.fmt in QUAD_FORMATS:
        store.update("DROP NAMED")
    return store
