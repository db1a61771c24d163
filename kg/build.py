"""`kg build`: read inputs, extract, build the graph, validate it, write the outputs.

    read → extract + the article's own triples (in `jobs` processes) → merge entities → validate → write

Each worker turns an article into its extraction and the N-Triples lines of what the article adds (text, spans,
mentions, posts, events); the main process merges the entities (one node per key), adds their descriptions,
sorts the lines (the same input gives the same bytes) and writes Turtle through pyoxigraph. Validation runs on
that final graph, article by article: each batch of articles with the entities they refer to and the ontology
(pySHACL batches in `jobs` processes; pyshacl-turbo, optional, takes the whole graph at once).

Unreadable inputs are reported and skipped; everything readable is built. Outputs are written only after
everything is computed, each one atomically, so a killed build leaves the previous outputs intact.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from kg import manifest
from kg.extract.pipeline import extract_document
from kg.graph.iris import entity_iri, segment
from kg.graph.occurrences import (
    Places,
    is_event_line,
    join,
    occurrence_lines,
    occurrence_terms,
    report_lines,
    reports_of,
)
from kg.graph.persons import person_aliases, rename_persons
from kg.graph.rdf import TripleSet, add_entity_lines, article_triples, merge_entities
from kg.graph.rdf_text import entity_links
from kg.graph.turtle import dipkg_turtle
from kg.graph.write import serialize
from kg.lexicon import load
from kg.manifest import StoreMarker, lock
from kg.model import Document, Entity, Extraction
from kg.read import Problem, read_inputs
from kg.sparql.store import open_store
from kg.sparql.store_occurrences import plan
from kg.validate import ENGINES, Result, ValidationResult, compiled_shapes, ontology_refs, validate_nt


@dataclass
class BuildResult:
    out: Path
    extractions: list[Extraction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    conforms: bool = True
    validation: object = None  # kg.validate.ValidationResult
    files: dict[str, Path] = field(default_factory=dict)
    triples: int = 0
    occurrences: int = 0  # event nodes: reports of one occurrence in several articles are one
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each stage

    @property
    def warnings(self) -> list[str]:
        return [w for x in self.extractions for w in x.warnings]


@dataclass
class Article:
    """What a worker returns for one article: the extraction, the N-Triples of the article's own triples (sorted
    lines, one string: cheaper to pass between processes), and the entities it refers to by key (outlets
    included), as this article found them."""

    x: Extraction
    nt: str
    entities: dict[str, Entity]
    refs: frozenset[str] = frozenset()  # the ontology terms its triples use (classes, CAMEO codes, roles…)
    reports: list = field(default_factory=list)  # kg.graph.occurrences.Report: its events, joined later


def _extract(job: tuple[Document, str | None]) -> Extraction:
    doc, lexicon = job
    return extract_document(doc, load(lexicon))


def _article(job: tuple[Document, str | None]) -> Article:
    return _article_of(_extract(job))


def _article_of(x: Extraction) -> Article:
    sink, used = article_triples(x, TripleSet())
    reports = reports_of(x, used)
    # the article's events become reports; the event nodes (occurrences) are made once reports are joined
    lines = [ln for ln in sink.lines() if not is_event_line(ln)]
    lines = sorted(lines + [ln for r in reports for ln in report_lines(r)])
    return Article(x, "".join(lines), used, ontology_refs({t[2] for t in sink.triples}), reports)


def _in_pool(fn: Callable, work, pool: ProcessPoolExecutor | None,
             progress: Callable[[int, int], None] | None, total: int | None = None) -> list:
    """fn over work (a list, or an iterable of `total` items made as they are needed), in the pool's processes
    when there is one and enough work; order is kept. At most a few items wait in the pool at a time, so a
    large input is never held twice in memory."""
    out: list = []
    total = len(work) if total is None else total
    jobs = pool._max_workers if pool is not None else 1
    if pool is None or total < 2 * jobs:
        for n, item in enumerate(work, 1):
            out.append(fn(item))
            if progress:
                progress(n, total)
        return out
    items, pending = iter(work), deque()
    chunk = max(1, min(16, total // (jobs * 8)))
    while True:
        while len(pending) < 4 * jobs:
            part = list(islice(items, chunk))
            if not part:
                break
            pending.append(pool.submit(_each, fn, part))
        if not pending:
            return out
        out.extend(pending.popleft().result())
        if progress:
            progress(len(out), total)


def _each(fn: Callable, items: list) -> list:
    return [fn(item) for item in items]


def _pool(jobs: int) -> ProcessPoolExecutor | None:
    if jobs <= 1:
        return None
    return ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),))


def _die_with_parent(parent: int) -> None:
    """In a worker: be killed when the build process dies (kill -9 included), not left running as an orphan."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above: nobody will kill us
        os._exit(1)


def extract_all(docs: list[Document], jobs: int = 1, progress: Callable[[int, int], None] | None = None,
                lexicon: str | Path | None = None) -> list[Extraction]:
    """Extract every document, in `jobs` worker processes when jobs > 1; order is kept."""
    lex = str(lexicon) if lexicon else None
    load(lex)  # check the lexicon before any work: a malformed row stops the build here
    pool = _pool(jobs)
    try:
        return _in_pool(_extract, [(d, lex) for d in docs], pool, progress)
    finally:
        if pool is not None:
            pool.shutdown()


def articles_all(docs: list[Document], pool: ProcessPoolExecutor | None = None,
                 progress: Callable[[int, int], None] | None = None, lexicon: str | Path | None = None
                 ) -> list[Article]:
    """Extract every document and make its own triples, in the pool's processes; order is kept."""
    lex = str(lexicon) if lexicon else None
    load(lex)  # check the lexicon before any work: a malformed row stops the build here
    return _in_pool(_article, [(d, lex) for d in docs], pool, progress)


def same_persons(arts: list[Article], lexicon: str | Path | None = None) -> list[Article]:
    """Persons not in the lexicon named in several articles under spelling variants, made one
    (`kg.graph.persons`); the few articles that name them are made again with the canonical key."""
    aliases = person_aliases([a.x for a in arts], load(str(lexicon) if lexicon else None).cues["surname_spelling"])
    if not aliases:
        return arts
    return [_article_of(rename_persons(a.x, aliases)) if aliases.keys() & a.x.entities.keys() else a for a in arts]


@dataclass
class Assembled:
    """The merged entities as N-Triples, and what validation needs to cut the graph into articles."""

    arts: list[Article]
    entity_lines: dict[str, list[str]]  # entity key → the lines of its description
    links: dict[str, set[str]]  # entity key → the keys of the entities its description links to
    refs: dict[str, frozenset[str]]  # entity key → the ontology terms its description uses
    occurrences: list = field(default_factory=list)  # kg.graph.occurrences.Occurrence, sorted by IRI
    occ_lines: list[list[str]] = field(default_factory=list)  # the lines of each occurrence
    occ_of: dict[str, list[int]] = field(default_factory=dict)  # article id → its occurrences (indices)
    occ_refs: list[frozenset[str]] = field(default_factory=list)  # the ontology terms of each occurrence
    occ_keys: list[set[str]] = field(default_factory=list)  # the entities each occurrence refers to (all reports)
    places: object = None  # kg.graph.occurrences.Places of the merged entities
    occ_seconds: float = 0.0  # wall time of joining reports into occurrences (part of the "graph" stage)

    def lines(self) -> Iterator[str]:
        """Every line of the graph once: the articles' in order (each article's sorted, so its subjects are
        grouped), then the entities' by key. Only lines about nodes articles share (posts) can come twice;
        remembering just those keeps memory low (no set of a million lines)."""
        seen: set[str] = set()
        for a in self.arts:
            for ln in a.nt.splitlines(keepends=True):
                if not ln.startswith(_OWN):
                    if ln in seen:
                        continue
                    seen.add(ln)
                yield ln
        for occ in self.occ_lines:
            yield from occ
        for key in sorted(self.entity_lines):
            yield from self.entity_lines[key]


# Subjects minted per article (kg.graph.iris): their lines are never made by two articles.
_OWN = tuple(f"<https://w3id.org/dipkg/id/{kind}/" for kind in ("article", "event", "membership"))


def assemble(arts: list[Article]) -> Assembled:
    """One node per entity key (merged across articles), one event node per occurrence (reports joined across
    articles, `kg.graph.occurrences`)."""
    merged = merge_entities([a.entities for a in arts])
    sinks = {key: TripleSet() for key in merged}
    ent = {key: add_entity_lines(merged, key, sinks[key]) for key in merged}
    links = {key: {k for _p, k in entity_links(e, merged)} for key, e in merged.items()}
    refs = {key: ontology_refs({t[2] for t in sink.triples}) for key, sink in sinks.items()}
    asm = Assembled(arts, ent, links, refs)
    began = time.perf_counter()
    asm.places = places = Places.of_entities(merged)
    asm.occurrences = join((r for a in arts for r in a.reports), places)
    asm.occ_lines = [occurrence_lines(o, places) for o in asm.occurrences]
    for i, o in enumerate(asm.occurrences):
        for doc in sorted(o.docs):
            asm.occ_of.setdefault(doc, []).append(i)
    asm.occ_refs = [ontology_refs(occurrence_terms(o)) for o in asm.occurrences]
    key_of = {str(entity_iri(e.kind, k)): k for k, e in merged.items()}
    asm.occ_keys = [{key_of[a] for r in o.reports for a in (*r.actors, r.place) if a in key_of}
                    for o in asm.occurrences]
    asm.occ_seconds = time.perf_counter() - began
    return asm


def _segment(doc_id: str) -> str:
    return segment(doc_id)


def _foreign(line: str, docs: set[str]) -> bool:
    """A line that leads into an article outside `docs` (its spans, its report), which a batch does not hold."""
    for term in (line.split(" ", 1)[0], line.rsplit(" ", 2)[-2]):
        for kind in ("article/", "report/"):
            head = _DATA + kind
            if term.startswith(head):
                doc = term[len(head):].split("/", 1)[0]
                if doc not in docs:
                    return True
    return False


_DATA = "<https://w3id.org/dipkg/id/"


def batches(arts: list[Article], asm: Assembled, size: int) -> Iterator[tuple[str, set[str]]]:
    """N-Triples documents of `size` articles each, with the descriptions of the entities they refer to and of
    the entities those link to (a city's country, a mission's sender), so every node in it is typed. (A triple
    may come twice, e.g. a post two articles share: a graph holds it once.)"""
    for i in range(0, len(arts), size):
        part = arts[i:i + size]
        docs = {_segment(a.x.doc.id) for a in part}
        occs = sorted({j for a in part for j in asm.occ_of.get(a.x.doc.id, ())})
        occ_nt = [ln for j in occs for ln in asm.occ_lines[j] if not _foreign(ln, docs)]
        keys = {k for a in part for k in a.entities} | {k for j in occs for k in asm.occ_keys[j]}
        todo = list(keys)
        while todo:
            for k in asm.links[todo.pop()] - keys:
                keys.add(k)
                todo.append(k)
        yield ("".join([a.nt for a in part] + occ_nt + [ln for k in sorted(keys) for ln in asm.entity_lines[k]]),
               set().union(*(a.refs for a in part), *(asm.refs[k] for k in keys), *(asm.occ_refs[j] for j in occs)))


def _validate_batch(job: tuple[tuple[str, set[str]], str]) -> list:
    (nt, refs), engine = job
    return validate_nt(nt, engine, refs)


def validate_all(arts: list[Article], asm: Assembled, engine: str = "pyshacl",
                 pool: ProcessPoolExecutor | None = None, progress: Callable[[int, int], None] | None = None):
    """The final graph validated by batches of articles, each with the entities it refers to and the ontology,
    in the pool's processes. Every batch gives the results the whole graph would give for its articles
    (tests/test_validator_engines.py); results about shared entities are reported once."""
    if engine == "turbo":
        compiled_shapes()  # a missing optional package stops here, before any work
    size = BATCH[engine]
    docs = ((d, engine) for d in batches(arts, asm, size))
    step = (lambda n, total: progress(min(n * size, len(arts)), len(arts))) if progress else None
    results = [r for rs in _in_pool(_validate_batch, docs, pool, step, -(-len(arts) // size)) for r in rs]
    out = sorted(set(results), key=Result.sort_key)
    return ValidationResult(out)


# Articles per validator call: the per-call cost is spread, a batch's graph stays small (both engines slow down
# per triple on bigger graphs). Measured on the benchmark corpus.
BATCH = {"pyshacl": 16, "turbo": 48}


def turtle(lines: Iterable[str]) -> tuple[bytes, int]:
    """The graph's lines as Turtle (`kg.graph.turtle.dipkg_turtle`), and how many triples."""
    n = 0

    def counted() -> Iterator[str]:
        nonlocal n
        for n, ln in enumerate(lines, 1):  # noqa: B007
            yield ln

    data = dipkg_turtle(counted())
    return data, n


def build(inputs: list[str | Path], out: str | Path, jobs: int = 1, store: str | Path | None = None,
          report: bool = True, progress: Callable[[str, int, int], None] | None = None,
          lexicon: str | Path | None = None, validator: str = "pyshacl") -> BuildResult:
    """Build the graph of `inputs` into the folder `out`. Returns what was built; raises only on fatal errors
    (a malformed lexicon: `LexiconError`, before anything is written)."""

    if validator not in ENGINES:
        raise ValueError(f"unknown validator {validator!r}: use one of {', '.join(ENGINES)}")
    out = Path(out)
    res = BuildResult(out)
    clock = _Clock(res.seconds)
    docs, res.problems = read_inputs(list(inputs))
    clock("read")
    if not docs:
        return res  # nothing readable: leave whatever an earlier build wrote untouched
    with lock(out):  # one build at a time in `out`: a second one is refused here, before any work or write
        _build(docs, res, jobs, store, report, progress, lexicon, validator, clock)
    return res


def _build(docs: list[Document], res: BuildResult, jobs: int, store: str | Path | None, report: bool,
           progress: Callable[[str, int, int], None] | None, lexicon: str | Path | None, validator: str,
           clock: Callable[[str], None]) -> None:
    step = (lambda stage: (lambda n, total: progress(stage, n, total))) if progress else (lambda stage: None)
    pool = _pool(jobs)
    try:
        arts = same_persons(articles_all(docs, pool, step("extract"), lexicon), lexicon)
        res.extractions = [a.x for a in arts]
        clock("extract")
        arts = sorted(arts, key=lambda a: a.x.doc.id)  # the graph does not depend on the input order
        asm = assemble(arts)
        res.occurrences = len(asm.occurrences)
        ttl, res.triples = turtle(asm.lines())
        clock("graph")
        res.seconds["occurrences"] = asm.occ_seconds  # within "graph", not added to it
        res.validation = validate_all(arts, asm, validator, pool, step("validate"))
        res.conforms = bool(res.validation.conforms)
        clock("validate")
    finally:
        if pool is not None:
            pool.shutdown()
    write_outputs(res, ttl, arts, asm, store, report, clock)


def write_outputs(res: BuildResult, ttl: bytes, arts: list[Article], asm: Assembled, store: str | Path | None,
                  report: bool, clock: Callable[[str], None]) -> None:
    """Everything a build writes, as one set (kg.manifest): the store (marked writing, then complete), then the
    graph, validation results, summary and report written together, the manifest last. A failure before the set
    is put in place (a full disk) leaves the previous outputs as they were."""
    out = res.out
    files = {"graph.ttl": ttl, "validation.ttl": serialize(res.validation.results_graph, "turtle")}
    res.files["graph"], res.files["validation"] = out / "graph.ttl", out / "validation.ttl"
    clock("export")
    files["summary.json"] = (json.dumps(summary(res), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(
        "utf-8", "backslashreplace")  # a stray surrogate is shown escaped, never a failed write
    build_id = manifest.build_id(files)
    if store:
        write_store(store, arts, asm, build_id)
        res.files["store"] = Path(store)
        clock("store")
    res.files["summary"] = out / "summary.json"
    if report:
        files.update(report_files(ttl, res.validation.results_graph))
        res.files["report"] = out / "report" / "report.html"
    manifest.write_set(out, files)
    if report:
        clock("report")


def write_store(store: str | Path, arts: list[Article], asm: Assembled, build_id: str) -> None:
    """Each article replaced in the store (one transaction each), between the marker's "writing" and "complete"."""
    import pyoxigraph as ox

    st = open_store(store)
    marker = StoreMarker(store)
    marker.writing(build_id, len(arts))
    # the new reports joined to the occurrences already in the store (kg.sparql.store_occurrences), computed
    # before the articles replace their earlier versions, whose reports leave their occurrences
    _changed, occ_update = plan(st, [r for a in arts for r in a.reports], asm.places, {a.x.doc.id for a in arts})
    for a in arts:  # the article's lines (its reports) and its entities'
        own = a.nt + "".join(ln for k in a.entities for ln in asm.entity_lines[k])
        st.replace_article(a.x.doc.id, [q.triple for q in ox.parse(own, format=ox.RdfFormat.N_TRIPLES)])
    if occ_update:  # the occurrences graph: with the articles' graphs, a fresh store holds graph.ttl
        st.ox.update(occ_update)
    st.flush()
    del st  # closed now (its lock freed), not whenever a frame that holds it is collected
    marker.complete(build_id, len(arts))


def report_files(ttl: bytes, validation_graph) -> dict[str, bytes]:
    """The report's files (paths relative to the output folder) rendered from the graph."""
    import pyoxigraph as ox

    from kg.analyze.output import to_json  # lazy: networkx, ~0.1 s more at every kg start
    from kg.report import build_report  # lazy: networkx, ~0.1 s more at every kg start

    graph = ox.Store()
    graph.bulk_load(ttl, format=ox.RdfFormat.TURTLE)
    rep = build_report(graph, validation_graph=validation_graph)
    return {"report/report.html": rep.html.encode(), "report/report.md": rep.markdown.encode(),
            "report/report.json": to_json(rep.data).encode(), "report/void.ttl": rep.void.encode()}


class _Clock:
    """Records the wall time since the previous call under each stage name."""

    def __init__(self, into: dict[str, float]):
        self.into, self.t = into, time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.into[stage] = now - self.t
        self.t = now


def summary(res: BuildResult) -> dict:
    """What a user wants to know after a build, as plain data (also printed by the CLI)."""
    v = res.validation
    return {
        "articles": len(res.extractions),
        "skipped": [{"where": p.where, "message": p.message, "severity": p.severity} for p in res.problems],
        "triples": res.triples,
        "entities": len({k for x in res.extractions for k in x.entities}),
        "posts": sum(len(x.posts) for x in res.extractions),
        "events": res.occurrences,
        "event_reports": sum(len(x.events) for x in res.extractions),
        "publication_dates": {x.doc.id: {"date": x.published.isoformat() if x.published else None,
                                         "how": x.published_how} for x in res.extractions},
        "warnings": res.warnings,
        "conforms": res.conforms,
        "violations": [r.as_dict() for r in getattr(v, "results", [])],
    }
