"""`make bench` → `python -m kg.bench [--n 10000] [--jobs 2] [--validator turbo] [--out bench/results]`.

    generate N synthetic articles (kg.bench.corpus) → `kg.build.build` itself (read → extract + the articles'
    own triples in `jobs` processes → graph (entities merged, lines sorted) → validate → export Turtle), each
    stage's wall time taken from the build; normalise and one-process extraction timed alone for the per-core
    rate; pySHACL (the validator of record) timed on a sample when the build used turbo; the floor (pyoxigraph
    alone parsing + serialising the same Turtle); each saved query's median time on the big graph.

Prints a table with PASS/FAIL per target and writes `OUT/<UTC timestamp>.json` (rewritten after every stage, with
"complete": false until the end, so a long run that is stopped still leaves its figures). Progress goes to stderr.
Stage functions are imported lazily: a missing one stops the benchmark with a message naming it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

from kg.atomic import write_atomic
from kg.bench.corpus import corpus, write_jsonl
from kg.bench.report import TARGETS, print_table, targets
from kg.build import build
from kg.sparql.query import PREFIXES, bound_text, list_saved, run_saved
from kg.sparql.query import run as run_query
from kg.sparql.store import open_graph

QUERY_RUNS = 7  # median of these, after one warm-up run


def stage_fn(module: str, name: str):
    """A pipeline function, or SystemExit naming what is missing."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise SystemExit(f"kg.bench: stage function {module}.{name} is missing ({exc})") from exc


def rss_mib() -> dict[str, float]:
    """Peak resident memory so far (MiB): this process, and the largest finished child (the extraction workers)."""
    kib = 1024.0  # ru_maxrss is in KiB on Linux
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib}


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Run:
    """The figures of one benchmark run, saved after every stage."""

    def __init__(self, out: Path, n: int, jobs: int):
        out.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = out / f"{stamp}.json"
        self.data: dict = {"started": stamp, "n": n, "jobs": jobs, "complete": False, "stages": {},
                           "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                       "platform": platform.platform()},
                           "targets": TARGETS}

    def stage(self, name: str, seconds: float, articles: int | None = None, triples: int | None = None,
              **extra) -> None:
        s = {"seconds": round(seconds, 3), "rss_peak_mib": rss_mib(), **extra}
        per_s = 1 / max(seconds, 1e-6)  # a stage of a tiny run can take less than the clock's resolution
        if articles:
            s["articles"], s["articles_per_s"] = articles, round(articles * per_s, 1)
        if triples:
            s["triples"], s["triples_per_s"] = triples, round(triples * per_s, 1)
        self.data["stages"][name] = s
        log(f"{name}: {seconds:.2f} s" + (f", {articles * per_s:.0f} articles/s" if articles else "")
            + (f", {triples * per_s:.0f} triples/s" if triples else ""))
        self.save()

    def save(self) -> None:
        write_atomic(self.path, json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def traced_peak(fn, *args) -> float:
    """Peak Python heap (MiB, tracemalloc) of one extra call of `fn`; only used where that call is cheap."""
    tracemalloc.start()
    try:
        fn(*args)
        return round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    finally:
        tracemalloc.stop()


def timed(fn, *args, **kw):
    t = time.perf_counter()
    out = fn(*args, **kw)
    return out, time.perf_counter() - t


def run_stages(run: Run, corpus_path: Path, work: Path, jobs: int, sample: int, validator: str):
    """normalise and one-process extraction alone, then the real build; returns the exported Turtle's path."""
    read_inputs = stage_fn("kg.read", "read_inputs")
    normalize = stage_fn("kg.normalize", "normalize")
    extract_document = stage_fn("kg.extract.pipeline", "extract_document")
    build = stage_fn("kg.build", "build")

    docs, _problems = read_inputs([corpus_path])
    _, dt = timed(lambda: [normalize(d.text) for d in docs])  # timed without tracemalloc: it slows this 5-fold
    run.stage("normalise", dt, len(docs),
              tracemalloc_peak_mib=traced_peak(lambda: [normalize(d.text) for d in docs[:1000]]),
              note="tracemalloc peak over the first 1000 articles")
    extract_document(docs[0])  # load the lexicon once, as a long-running build would have
    one = docs[: min(sample, len(docs))]
    _, dt = timed(lambda: [extract_document(d) for d in one])
    run.stage("extract_1core", dt, len(one), note=f"one process, the first {len(one)} articles")
    docs = one = []  # the build reads the corpus itself
    log(f"building {run.data['n']} articles with {jobs} process(es), validator {validator}…")
    step = max(1, run.data["n"] // 10)
    progress = lambda stage, i, total: i % step == 0 and log(f"  {stage} {i}/{total}")  # noqa: E731
    res = build([corpus_path], work / "out", jobs=jobs, report=False, progress=progress, validator=validator)
    n, triples = len(res.extractions), res.triples
    notes = {"read": "kg.read on the JSONL", "extract": "extraction + each article's own N-Triples, in the pool",
             "graph": "entities merged, lines deduplicated and sorted", "validate": f"{validator}, by batches",
             "export": "graph.ttl through pyoxigraph + validation.ttl + summary"}
    for name in ("read", "extract", "graph", "validate", "export"):
        run.stage(name, res.seconds[name], n, triples if name != "read" else None, note=notes[name],
                  **({"jobs": jobs} if name in ("extract", "validate") else {}),
                  **({"conforms": res.conforms, "results": len(res.validation.results), "validator": validator}
                     if name == "validate" else {}))
    run.data["build_seconds"] = round(sum(res.seconds[s] for s in ("read", "extract", "graph", "validate",
                                                                     "export")), 3)
    if "occurrences" in res.seconds:  # part of "graph": the reports of all articles joined into occurrences
        occ = res.seconds["occurrences"]
        run.stage("occurrences", occ, n, None, reports=sum(len(x.events) for x in res.extractions),
                  events=res.occurrences, share_of_build=round(occ / max(run.data["build_seconds"], 1e-6), 4),
                  note="within graph: event reports joined into one node per occurrence (kg.graph.occurrences)")
    run.data["validator"] = validator
    ttl = res.files["graph"]
    run.data["stages"]["export"]["bytes"] = ttl.stat().st_size
    if validator != "pyshacl":
        pyshacl_sample(run, corpus_path, work, jobs, sample)
    return ttl, triples


def pyshacl_sample(run: Run, corpus_path: Path, work: Path, jobs: int, sample: int) -> None:
    """pySHACL's validation rate on the first `sample` articles (the same batches a default build makes), and
    what the whole build would take with it."""
    import itertools

    part = work / "sample.jsonl"
    with corpus_path.open(encoding="utf-8") as src:
        write_atomic(part, "".join(itertools.islice(src, sample)))
    res = build([part], work / "sample-out", jobs=jobs, report=False, validator="pyshacl")
    n = len(res.extractions)
    rate = n / max(res.seconds["validate"], 1e-6)
    run.stage("validate_pyshacl_sample", res.seconds["validate"], n, res.triples, jobs=jobs,
              note=f"pySHACL on the first {n} articles, {jobs} process(es)")
    other = run.data["build_seconds"] - run.data["stages"]["validate"]["seconds"]
    run.data["build_seconds_pyshacl_projected"] = round(other + run.data["n"] / rate, 1)


def floor(run: Run, ttl: Path, triples: int) -> None:
    """pyoxigraph alone: parse the exported Turtle and serialise it again."""
    import pyoxigraph as ox

    t = time.perf_counter()
    quads = list(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    parsed = time.perf_counter() - t
    data = ox.serialize(quads, format=ox.RdfFormat.TURTLE)
    total = time.perf_counter() - t
    run.stage("floor", total, None, triples, parse_seconds=round(parsed, 3), serialized_bytes=len(data))
    run.data["ratio_build_to_floor"] = round(run.data["build_seconds"] / total, 1)


def query_params(store) -> dict[str, dict[str, str]]:
    """Parameters for the saved queries, taken from the graph so every query has rows to return."""
    fact = run_query(store, "SELECT ?e WHERE { ?e a dip:Attack } ORDER BY ?e LIMIT 1").rows
    speaker = run_query(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?e a dip:Statement ; sem:hasActor ?p . "
                               "?p a schema:Person } GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1").rows
    actor = run_query(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { VALUES ?t { dip:Meeting dip:Visit dip:PhoneCall } "
                             "?e a ?t ; sem:hasActor ?p . ?p a schema:Person } GROUP BY ?p ORDER BY DESC(?n) ?p "
                             "LIMIT 1").rows
    return {
        "who-met-whom": {"actor": str(actor[0][0]).strip("<>"), "from": "1401-01-01", "to": "1402-12-29"}
        if actor else {},
        "office-holders-on": {"date": "1402-06-01"},
        "events-between": {"a": "ایران", "b": "جمهوری آذربایجان"},
        "statements-by": {"speaker": str(speaker[0][0]).strip("<>")} if speaker else {},
        "embassy-status": {"a": "روسیه"},
        "sources-of": {"fact": str(fact[0][0]).strip("<>")} if fact else {},
        "persons-by-country": {"country": "ترکیه"},
        "events-per-month": {"type": "dip:Visit"},
        "corroborated-events": {"type": "dip:Attack", "min": "1"},
    }


def store_answer(store, text: str) -> int:
    """The store's own answer to a query: evaluated and serialised as SPARQL JSON by pyoxigraph, no Python terms."""
    import pyoxigraph as ox

    res = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    return len(res.serialize(format=ox.QueryResultsFormat.JSON))


def queries(run: Run, ttl: Path) -> None:
    """Each saved query's median time as `kg query` runs it (rows made Python terms: the target's measure), and
    the store's alone (evaluated and serialised by pyoxigraph), to show where the time goes."""
    store, dt = timed(open_graph, ttl)
    run.stage("store_load", dt, None, len(store))
    params = query_params(store)
    out = {}
    for q in list_saved():
        variants = {q.name: {}} if not q.params or any(not p.optional for p in q.params) else {q.name + " (all)": {}}
        if params.get(q.name):
            variants[q.name + " " + " ".join(f"{k}={v[-24:]}" for k, v in params[q.name].items())] = params[q.name]
        for label, values in variants.items():
            if not values and any(not p.optional for p in q.params):
                continue
            rows = len(run_saved(store, q.name, values).rows)  # warm-up
            times = [timed(run_saved, store, q.name, values)[1] for _ in range(QUERY_RUNS)]
            text = bound_text(store, q, values)
            engine = [timed(store_answer, store, text)[1] for _ in range(QUERY_RUNS)]
            out[label] = {"query": q.name, "params": values, "rows": rows,
                          "median_ms": round(statistics.median(times) * 1000, 2),
                          "max_ms": round(max(times) * 1000, 2), "runs": QUERY_RUNS,
                          "store_median_ms": round(statistics.median(engine) * 1000, 2)}
            log(f"query {label}: {out[label]['median_ms']} ms median ({out[label]['store_median_ms']} ms in the "
                f"store alone), {rows} rows")
    run.data["queries"] = out
    run.save()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kg.bench", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000, help="number of synthetic articles (default 10000)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--validator", choices=("pyshacl", "turbo"), default="turbo",
                    help="validator of the timed build (default turbo; pySHACL is then timed on --sample articles "
                    "and its whole-build time projected)")
    ap.add_argument("--out", type=Path, default=Path("bench/results"), help="folder for the JSON results")
    ap.add_argument("--sample", type=int, default=500,
                    help="articles extracted in one process for the per-core rate, and validated with pySHACL "
                    "when the build uses turbo (default 500)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--keep", type=Path, help="keep the corpus and graph in this folder instead of a temp folder")
    args = ap.parse_args(argv)
    if args.n < 1 or args.jobs < 1:
        ap.error("--n and --jobs must be at least 1")
    run = Run(args.out, args.n, args.jobs)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        log(f"generating {args.n} articles…")
        path, dt = timed(write_jsonl, corpus(args.n, args.seed), work / "corpus.jsonl")
        run.data["generate_seconds"] = round(dt, 3)
        ttl, triples = run_stages(run, path, work, args.jobs, args.sample, args.validator)
        floor(run, ttl, triples)
        queries(run, ttl)
    run.data["rss_peak_mib"] = rss_mib()
    run.data["results"] = targets(run.data)
    run.data["complete"] = True
    run.save()
    print_table(run.data)
    print(f"results: {run.path}")
    return 0 if all(r["pass"] for r in run.data["results"]) else 1


if __name__ == "__main__":
    sys.exit(main())
