"""`kg build`: read inputs, extract, build the graph, validate it, write the outputs.

    read → extract (in parallel with jobs > 1) → graph → validate (article by article) → write (atomically)

Unreadable inputs are reported and skipped; everything readable is built. Outputs are written only after
everything is computed, each one atomically, so a killed build leaves the previous outputs intact.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.atomic import write_atomic
from kg.lexicon import load
from kg.model import Document, Extraction
from kg.pipeline import extract_document
from kg.readers import Problem, read_inputs


@dataclass
class BuildResult:
    out: Path
    extractions: list[Extraction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    conforms: bool = True
    validation: object = None  # kg.validate.ValidationResult
    files: dict[str, Path] = field(default_factory=dict)
    triples: int = 0

    @property
    def warnings(self) -> list[str]:
        return [w for x in self.extractions for w in x.warnings]


def _extract(job: tuple[Document, str | None]) -> Extraction:
    doc, lexicon = job
    return extract_document(doc, load(lexicon))


def extract_all(docs: list[Document], jobs: int = 1, progress: Callable[[int, int], None] | None = None,
                lexicon: str | Path | None = None) -> list[Extraction]:
    """Extract every document, in `jobs` worker processes when jobs > 1; order is kept."""
    lex = str(lexicon) if lexicon else None
    load(lex)  # check the lexicon before any work: a malformed row stops the build here
    work = [(d, lex) for d in docs]
    if jobs <= 1 or len(docs) < 2 * jobs:
        out = []
        for n, d in enumerate(work, 1):
            out.append(_extract(d))
            if progress:
                progress(n, len(docs))
        return out
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        out = []
        for n, x in enumerate(pool.map(_extract, work, chunksize=max(1, len(docs) // (jobs * 8))), 1):
            out.append(x)
            if progress:
                progress(n, len(docs))
        return out


def build(inputs: list[str | Path], out: str | Path, jobs: int = 1, store: str | Path | None = None,
          report: bool = True, progress: Callable[[str, int, int], None] | None = None,
          lexicon: str | Path | None = None) -> BuildResult:
    """Build the graph of `inputs` into the folder `out`. Returns what was built; raises only on fatal errors
    (a malformed lexicon: `LexiconError`, before anything is written)."""
    from kg.rdf import extractions_to_graph, write_graph
    from kg.validate import validate_extractions

    out = Path(out)
    res = BuildResult(out)
    docs, res.problems = read_inputs(list(inputs))
    if not docs:
        return res  # nothing readable: leave whatever an earlier build wrote untouched
    step = (lambda n, total: progress("extract", n, total)) if progress else None
    res.extractions = extract_all(docs, jobs, step, lexicon)
    graph = extractions_to_graph(res.extractions)
    res.triples = len(graph)
    res.validation = validate_extractions(res.extractions)
    res.conforms = bool(res.validation.conforms)
    out.mkdir(parents=True, exist_ok=True)
    res.files["graph"] = out / "graph.ttl"
    write_graph(graph, res.files["graph"], "turtle")
    res.files["validation"] = out / "validation.ttl"
    write_graph(res.validation.results_graph, res.files["validation"], "turtle")
    if store:
        from kg.store import open_store

        st = open_store(store)
        for x in res.extractions:
            st.replace_article(x.doc.id, extractions_to_graph([x]))
        res.files["store"] = Path(store)
    res.files["summary"] = out / "summary.json"
    write_atomic(res.files["summary"], json.dumps(summary(res), ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    if report:
        from kg.report import write_report

        write_report(res.files["graph"], out / "report", validation_graph=res.validation.results_graph)
        res.files["report"] = out / "report" / "report.html"
    return res


def summary(res: BuildResult) -> dict:
    """What a user wants to know after a build, as plain data (also printed by the CLI)."""
    v = res.validation
    return {
        "articles": len(res.extractions),
        "skipped": [{"where": p.where, "message": p.message, "severity": p.severity} for p in res.problems],
        "triples": res.triples,
        "entities": len({k for x in res.extractions for k in x.entities}),
        "posts": sum(len(x.posts) for x in res.extractions),
        "events": sum(len(x.events) for x in res.extractions),
        "publication_dates": {x.doc.id: {"date": x.published.isoformat() if x.published else None,
                                         "how": x.published_how} for x in res.extractions},
        "warnings": res.warnings,
        "conforms": res.conforms,
        "violations": [r.as_dict() for r in getattr(v, "results", [])],
    }


def print_summary(res: BuildResult, file=sys.stderr) -> None:
    s = summary(res)
    p = lambda *a: print(*a, file=file)  # noqa: E731
    p(f"built {s['articles']} article(s): {s['entities']} entities, {s['posts']} posts, {s['events']} events, "
      f"{s['triples']} triples")
    for aid, d in s["publication_dates"].items():
        p(f"  {aid}: published {d['date'] or 'unknown'} ({d['how']})")
    for prob in s["skipped"]:
        p(f"  {prob['severity']}: {prob['where']}: {prob['message']}")
    for w in s["warnings"]:
        p(f"  warning: {w}")
    results = getattr(res.validation, "results", [])
    viol = [r for r in results if r.severity == "Violation"]
    warn = [r for r in results if r.severity != "Violation"]
    p(f"SHACL: {'conforms' if res.conforms else 'DOES NOT CONFORM'} "
      f"({len(viol)} violation(s), {len(warn)} warning(s))")
    for r in viol:
        p(f"  violation: {r.describe()}")
    for name, path in res.files.items():
        p(f"  {name}: {path}")
