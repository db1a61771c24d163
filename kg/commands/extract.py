"""`kg extract`: JSONL records on stdin → N-Quads on stdout, each article in its own named graph.

For map steps of Spark/Dask jobs: one bad record never stops the stream; it is reported as one line of JSON on
stderr (`{"line": N, "id": …, "error": …}`). Exit status 0 when every record was extracted, 2 when some were not.
"""

from __future__ import annotations

import sys

from kg.stream import extract_stream


def add_parser(sub) -> None:
    sub.add_parser(
        "extract",
        help="JSONL records on stdin to N-Quads on stdout (one named graph per article)",
        description="Read JSONL records ({\"id\", \"text\", \"lang\", \"url\", \"title\", \"outlet\", \"published\"}; "
        "only text is required) from standard input, extract each one and write its triples as N-Quads in the "
        "named graph https://w3id.org/dipkg/id/graph/article/ID on standard output. Each bad record gives one "
        "line of JSON on standard error and is skipped. Exit status 0 all extracted, 2 some records bad.",
    )


def run(args) -> int:
    stdin = (line.decode("utf-8", errors="replace") for line in sys.stdin.buffer)
    bad = extract_stream(stdin, sys.stdout.buffer.write, sys.stderr.write)
    sys.stdout.flush()
    return 2 if bad else 0
