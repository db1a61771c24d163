"""The extraction pipeline: one document in, one `Extraction` out.

    document → entities → dates → by-role → plural → pronouns → posts → events → mentions → entities-used

Each step is a registered component (kg.extract.component) in a module of its own (kg.extract.steps);
`extract_document` runs an order of them, checked once, over a fresh `Context` per document.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import kg.extract.steps  # noqa: F401  (registers the default steps)
from kg.extract.component import DEFAULT_PIPELINE, Component, Context, plan, run
from kg.lexicon import Lexicon, load
from kg.model import Document, Extraction

HOME = "iran"  # the country of "کشورمان" and of unqualified national titles, for the Persian press


@lru_cache(maxsize=8)
def _planned(order: tuple[str, ...]) -> tuple[Component, ...]:
    return plan(order)


def extract_document(doc: Document, lex: Lexicon | None = None, home: str = HOME,
                     order: Iterable[str] = DEFAULT_PIPELINE) -> Extraction:
    """Read one document: everything dipkg extracts from it, with spans into `doc.text`.
    `order` names the steps to run (PipelineError if one needs what no step before it provides)."""
    steps = _planned(tuple(order))
    ctx = Context(doc, lex or load(), home, Extraction(doc=doc))
    return run(ctx, steps).x
