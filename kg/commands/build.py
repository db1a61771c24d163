"""`kg build INPUT... --out DIR`: articles in, a validated knowledge graph out."""

from __future__ import annotations

import argparse
import sys

from kg.build import build, print_summary
from kg.validate import ENGINES


def add_parser(sub) -> None:
    p = sub.add_parser(
        "build",
        help="build the knowledge graph of articles (files or folders)",
        description="Read Persian news articles (.txt/.md with optional YAML front matter, .json, .jsonl, .html; "
        "files or folders, recursively), extract entities, posts and events, write DIR/graph.ttl, "
        "DIR/validation.ttl (SHACL results), DIR/summary.json and DIR/report/. Unreadable inputs are reported "
        "and skipped. Exit status: 0 conforming graph, 1 graph does not conform (everything is still written), "
        "2 bad input or usage, 3 built but some inputs were skipped (see the error lines), 4 the outputs could not be "
        "written (disk full, no permission, another build writing DIR), 70 internal error (a bug: please report it).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article files or folders")
    p.add_argument("--out", "-o", required=True, metavar="DIR", help="output folder (created if missing)")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                   help="extract (and validate, with pyshacl) in N processes (default 1)")
    p.add_argument("--validator", choices=ENGINES, default="pyshacl",
                   help="pyshacl: pySHACL, the validator of record (default; about 25 articles/s per process); "
                   "turbo: pyshacl-turbo, a Rust engine tested to report exactly what pySHACL reports on these "
                   "shapes, the whole graph at once (optional package: pip install 'dipkg[turbo]')")
    p.add_argument("--store", metavar="DIR", help="also add each article to a persistent Oxigraph store in DIR "
                   "(re-building an article replaces its triples)")
    p.add_argument("--no-report", action="store_true", help="do not write the HTML/Markdown/JSON report")
    p.add_argument("--lexicon", metavar="DIR", help="use the lexicon data files in DIR instead of the built-in one "
                   "(same file names and format: kg/lexicon/FORMAT.md)")
    p.add_argument("--quiet", "-q", action="store_true", help="print only errors")


def _progress(stage: str, n: int, total: int) -> None:
    if total >= 20 and (n == total or n % max(1, total // 20) == 0):
        print(f"\r{stage}: {n}/{total}", end="\n" if n == total else "", file=sys.stderr, flush=True)


def run(args) -> int:
    res = build(args.inputs, args.out, jobs=args.jobs, store=args.store, report=not args.no_report,
                progress=None if args.quiet else _progress, lexicon=args.lexicon,
                validator=args.validator)
    if not args.quiet:
        print_summary(res)
    else:
        for prob in res.problems:
            if prob.severity == "error":
                print(f"kg build: {prob.where}: {prob.message}", file=sys.stderr)
        if not res.conforms:
            print("kg build: the graph does not conform to the shapes; see "
                  f"{res.files.get('validation', 'validation.ttl')}", file=sys.stderr)
    if not res.extractions and res.problems:
        return 2
    if not res.conforms:
        return 1
    return SKIPPED if any(p.severity == "error" for p in res.problems) else 0


# Exit status of a build that built and wrote a conforming graph but skipped inputs it could not read.
SKIPPED = 3
