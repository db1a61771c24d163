"""Extraction as a stream (what `kg extract` runs): JSONL records in, each article's N-Quads out, in its own named
graph. One bad record never stops the stream: it is reported as one line of JSON and skipped.

    article_nquads(rec, line_no) -> bytes                 one record, sorted lines (same record, same bytes)
    extract_stream(lines, write, report) -> int           every line; the number of bad records
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from kg.errors import KgError
from kg.extract.pipeline import extract_document
from kg.graph.rdf import corpus_lines
from kg.read.records import to_document
from kg.sparql.store import article_graph

__all__ = ["article_nquads", "extract_stream"]


def article_nquads(rec: dict, line_no: int) -> bytes:
    """One record → its N-Quads (sorted, so the same record gives the same bytes)."""
    read = to_document(rec, f"<stdin>:{line_no}", f"line{line_no}")
    x = extract_document(read.doc)
    graph = f" {article_graph(read.doc.id)} .\n"
    # the article's graph as a build of it alone writes it: its events, each with its one report
    return "".join(line[:-3] + graph for line in sorted(set(corpus_lines([x])))).encode("utf-8")


def extract_stream(lines: Iterable[str], write: Callable[[bytes], object], report: Callable[[str], object]) -> int:
    """Extract every JSONL line; returns the number of bad records (each reported as one JSON line)."""
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
