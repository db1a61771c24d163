"""`kg build INPUT... --out DIR`: articles in, a validated knowledge graph out.

What the command prints is short whatever the corpus: counts, the problems grouped by kind with a few examples
each, and where the outputs are. Every article's detail is in DIR/summary.json, and printed with --verbose.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter, defaultdict

from kg.build import BuildResult, build, summary
from kg.validate import ENGINES

EXAMPLES = 3  # examples printed for each kind of problem
KINDS = 6  # kinds of problem printed before "… and N more kinds"
LIST_ALL = 10  # up to this many problems are each printed; more are grouped by kind


def cores() -> int:
    """The CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _jobs(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (got {n})")
    return n


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
    p.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help=f"extract and validate in N processes (default: the CPUs available, here {cores()}; "
                   "small corpora are built in one process)")
    p.add_argument("--validator", choices=ENGINES, default="pyshacl",
                   help="pyshacl: pySHACL, the validator of record (default; about 25 articles/s per process); "
                   "turbo: pyshacl-turbo, a Rust engine tested to report exactly what pySHACL reports on these "
                   "shapes, the whole graph at once (optional package: pip install 'dipkg[turbo]')")
    p.add_argument("--store", metavar="DIR", help="also add each article to a persistent Oxigraph store in DIR "
                   "(re-building an article replaces its triples)")
    p.add_argument("--no-report", action="store_true", help="do not write the HTML/Markdown/JSON report")
    p.add_argument("--lexicon", metavar="DIR", help="use the lexicon data files in DIR instead of the built-in one "
                   "(same file names and format: kg/lexicon/FORMAT.md)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--quiet", "-q", action="store_true", help="print only errors")
    out.add_argument("--verbose", "-v", action="store_true",
                     help="also print every article's publication date and every problem (they are always in "
                     "DIR/summary.json)")


class Progress:
    """Progress of each stage: a tqdm bar (rate, ETA) on a terminal, a plain line every quarter in a log."""

    def __init__(self, file=None, clock=time.monotonic):
        self.file = file or sys.stderr
        self.tty = hasattr(self.file, "isatty") and self.file.isatty()
        self.bars: dict[str, object] = {}
        self.said: dict[str, int] = {}
        self.clock, self.started = clock, {}

    def __call__(self, stage: str, n: int, total: int) -> None:
        if self.tty:
            from tqdm import tqdm  # only on a terminal: a log gets plain lines

            bar = self.bars.get(stage)
            if bar is None:
                bar = self.bars[stage] = tqdm(total=total, desc=stage, unit="article", file=self.file,
                                              leave=False, dynamic_ncols=True)
            bar.update(n - bar.n)
            if n >= total:
                bar.close()
            return
        if total < 20:
            return
        if stage not in self.started:
            self.started[stage] = (n, self.clock())
        n0, start = self.started[stage]
        quarter = n * 4 // total
        if quarter > self.said.get(stage, 0):
            self.said[stage] = quarter
            took = self.clock() - start
            rate = f", {(n - n0) / took:.0f} articles/s" if took > 0 and n > n0 else ""
            print(f"{stage}: {n}/{total} articles ({n * 100 // total} %{rate})", file=self.file, flush=True)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»|\([^)]*\)|\d+(?:[-.:…]\d+)*")


def kind_of(message: str) -> str:
    """What a problem is, without what it is about: quoted names, numbers and parentheses left out."""
    return re.sub(r"\s+", " ", _QUOTED.sub("…", message)).strip()


def _split(warning: str) -> tuple[str, str]:
    """An extraction warning is "SOURCE: message"; the source is a path, path:line or path#N."""
    where, sep, message = warning.partition(": ")
    return (where, message) if sep else ("", warning)


def grouped(items: list[tuple[str, str]]) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """(where, message) pairs, each once, grouped by kind: (kind, count, examples), the largest kinds first."""
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for item in dict.fromkeys(items):
        groups[kind_of(item[1])].append(item)
    return sorted(((k, len(v), v[:EXAMPLES]) for k, v in groups.items()), key=lambda g: (-g[1], g[0]))


def _print_groups(p, title: str, items: list[tuple[str, str]]) -> None:
    groups = grouped(items)
    p(f"{title}: {len(dict.fromkeys(items))} in {len(groups)} kind(s)")
    for kind, count, examples in groups[:KINDS]:
        p(f"  {count}: {kind}")
        for where, message in examples:
            p(f"      {where}: {message}" if where else f"      {message}")
    if len(groups) > KINDS:
        rest = sum(c for _, c, _ in groups[KINDS:])
        p(f"  … {len(groups) - KINDS} more kind(s), {rest} problem(s): see summary.json")


def print_summary(res: BuildResult, file=None, verbose: bool = False) -> None:
    """The build in at most about 40 lines (with verbose: every article and problem too)."""
    file = file or sys.stderr
    s = summary(res)
    p = lambda *a: print(*a, file=file)  # noqa: E731
    joined = f" (from {s['event_reports']} reports)" if s.get("event_reports", s["events"]) != s["events"] else ""
    p(f"built {s['articles']} article(s): {s['entities']} entities, {s['posts']} posts, {s['events']} events{joined}, "
      f"{s['triples']} triples")
    dates = s["publication_dates"]
    how = Counter("unknown" if d["date"] is None else d["how"].split(":")[0].split(" (")[0] for d in dates.values())
    if verbose or len(dates) <= 5:
        for aid, d in dates.items():
            p(f"  {aid}: published {d['date'] or 'unknown'} ({d['how']})")
    else:
        p("publication dates: " + ", ".join(f"{n} {k}" for k, n in sorted(how.items(), key=lambda kv: -kv[1])))
    errors = [(x["where"], x["message"]) for x in s["skipped"] if x["severity"] == "error"]
    warnings = [(x["where"], x["message"]) for x in s["skipped"] if x["severity"] != "error"]
    warnings += [_split(w) for w in s["warnings"]]
    if verbose or len(errors) + len(dict.fromkeys(warnings)) <= LIST_ALL:
        for where, message in errors:
            p(f"  error: {where}: {message}")
        for where, message in dict.fromkeys(warnings):
            p(f"  warning: {where}: {message}")
    else:
        if errors:
            _print_groups(p, "skipped inputs", errors)
        if warnings:
            _print_groups(p, "warnings", warnings)
    results = getattr(res.validation, "results", [])
    viol = [r for r in results if r.severity == "Violation"]
    warn = [r for r in results if r.severity != "Violation"]
    p(f"SHACL: {'conforms' if res.conforms else 'DOES NOT CONFORM'} "
      f"({len(viol)} violation(s), {len(warn)} warning(s))")
    shown = viol if verbose else viol[:EXAMPLES * 2]
    for r in shown:
        p(f"  violation: {r.describe()}")
    if len(shown) < len(viol):
        p(f"  … {len(viol) - len(shown)} more violation(s): see {res.files.get('validation', 'validation.ttl')}")
    for name, path in res.files.items():
        p(f"  {name}: {path}")


def run(args) -> int:
    progress = None if args.quiet else Progress()
    try:
        res = build(args.inputs, args.out, jobs=args.jobs or cores(), store=args.store,
                    report=not args.no_report, progress=progress, lexicon=args.lexicon,
                    validator=args.validator)
    finally:
        if progress is not None:
            progress.close()
    if not args.quiet:
        print_summary(res, verbose=args.verbose)
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
