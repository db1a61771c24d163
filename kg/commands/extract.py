"""`kg extract`: JSONL records on stdin → N-Quads on stdout, each article in its own named graph.

For map steps of Spark/Dask jobs: one bad record never stops the stream; it is reported as one line of JSON on
stderr (`{"line": N, "id": …, "error": …}`). Exit status 0 when every record was extracted, 2 when some were not.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable


def add_parser(sub) -> None:
    sub.add_parser(
        "extract",
        help="JSONL records on stdin to N-Quads on stdout (one named graph per article)",
        description="Read JSONL records ({\"id\", \"text\", \"lang\", \"url\", \"title\", \"outlet\", \"published\"}; "
        "only text is required) from standard input, extract each one and write its triples as N-Quads in the "
        "named graph https://w3id.org/dipkg/id/graph/article/ID on standard output. Each bad record gives one "
        "line of JSON on standard error and is skipped. Exit status 0 all extracted, 2 some records bad.",
    )


def article_nquads(rec: dict, line_no: int) -> bytes:
    """One record → its N-Quads (sorted, so the same record gives the same bytes)."""
    from kg.extract.pipeline import extract_document
    from kg.graph.rdf import corpus_lines
    from kg.read.records import to_document
    from kg.sparql.store import article_graph

    read = to_document(rec, f"<stdin>:{line_no}", f"line{line_no}")
    x = extract_document(read.doc)
    graph = f" {article_graph(read.doc.id)} .\n"
    # the article's graph as a build of it alone writes it: its events, each with its one report
    return "".join(line[:-3] + graph for line in sorted(set(corpus_lines([x])))).encode("utf-8")


def extract_stream(lines: Iterable[str], write: Callable[[bytes], object], report: Callable[[str], object]) -> int:
    """Extract every JSONL line; returns the number of bad records (each reported as one JSON line)."""
    from kg.errors import KgError

    bad = 0
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        rec_id = None
        try:
            try:
                rec = json.loads(line)
            except RecursionError:
                raise ValueError("nested too deeply (lists or objects more than 64 levels deep): a record is "
                                 "'field: value' pairs; remove the nesting") from None
            if not isinstance(rec, dict):
                raise ValueError("a record must be a JSON object")
            rec_id = rec.get("id")
            write(article_nquads(rec, n))
        except (ValueError, KgError) as exc:
            bad += 1
            report(json.dumps({"line": n, "id": rec_id, "error": str(exc)}, ensure_ascii=False) + "\n")
    return bad


def run(args) -> int:
    stdin = (line.decode("utf-8", errors="replace") for line in sys.stdin.buffer)
    bad = extract_stream(stdin, sys.stdout.buffer.write, sys.stderr.write)
    sys.stdout.flush()
    return 2 if bad else 0
