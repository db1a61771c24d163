"""Extractors as registered components, and the loop that runs them in a checked order.

Each step of extraction is a function of the shared `Context`, registered with

    @component("posts", requires={"titles", "by-role"}, provides={"posts"})
    def posts(ctx: Context) -> None: ...

`requires` and `provides` are names of what a step reads and what it leaves in the context. `plan(order)` refuses an
order in which a step needs something that no earlier step (nor the context itself) provides, naming what is
missing; `run(ctx, order)` runs a planned order and stops early when a step sets `ctx.stop` (a text that is not
Persian). The steps of the default pipeline are the modules of `kg.extract.steps`, which register themselves when
imported (`kg.extract.pipeline` imports them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.errors import KgError
from kg.extract.entities import EntityFinder, Found, TitleAt
from kg.extract.text import Text
from kg.lexicon import Lexicon
from kg.model import DateInfo, Document, Entity, Extraction, Post

# What a context holds before any step runs.
GIVEN = frozenset({"doc", "lex", "home"})

DEFAULT_PIPELINE = ("document", "entities", "dates", "by-role", "plural", "pronouns", "posts", "events",
                    "mentions", "entities-used")


class PipelineError(KgError):
    """An extractor order that cannot run: an unknown step, or a step whose needs no earlier step provides."""


@dataclass
class Context:
    """What the steps of one document share. Fields are filled by the steps that provide them."""

    doc: Document
    lex: Lexicon
    home: str
    x: Extraction
    t: Text | None = None
    finder: EntityFinder | None = None
    found: list[Found] = field(default_factory=list)
    titles: list[TitleAt] = field(default_factory=list)
    minted: dict[str, Entity] = field(default_factory=dict)
    dates: dict[int, list[tuple[int, DateInfo]]] = field(default_factory=dict)
    bad_dates: set[int] = field(default_factory=set)  # sentences stating an impossible date
    plural_posts: list[Post] = field(default_factory=list)
    stop: str | None = None  # set by a step when nothing more is to be extracted (why, for the record)


@dataclass(frozen=True)
class Component:
    name: str
    run: Callable[[Context], None]
    requires: frozenset[str]
    provides: frozenset[str]
    doc: str

    @property
    def module(self) -> str:
        return self.run.__module__


REGISTRY: dict[str, Component] = {}


def component(name: str, *, requires: Iterable[str] = (), provides: Iterable[str] = ()
              ) -> Callable[[Callable[[Context], None]], Callable[[Context], None]]:
    """Register the decorated function as the extraction step `name`."""

    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        if name in REGISTRY and REGISTRY[name].run is not fn:
            raise PipelineError(f"extractor {name!r} registered twice ({REGISTRY[name].module} and {fn.__module__})")
        REGISTRY[name] = Component(name, fn, frozenset(requires), frozenset(provides),
                                   (fn.__doc__ or "").strip().split("\n")[0])
        return fn

    return register


def plan(order: Iterable[str]) -> tuple[Component, ...]:
    """The components of `order`, checked: each one's needs are given or provided by a step before it."""
    order = tuple(order)
    have = set(GIVEN)
    out = []
    for name in order:
        c = REGISTRY.get(name)
        if c is None:
            raise PipelineError(f"no extractor named {name!r} (known: {', '.join(sorted(REGISTRY))})")
        missing = sorted(c.requires - have)
        if missing:
            raise PipelineError(f"extractor order refused: {name!r} needs {', '.join(map(repr, missing))}, which no "
                                f"step before it provides (order: {', '.join(order)})")
        have |= c.provides
        out.append(c)
    return tuple(out)


def run(ctx: Context, steps: tuple[Component, ...]) -> Context:
    """Run planned steps over `ctx`, stopping after a step that sets `ctx.stop`."""
    for c in steps:
        c.run(ctx)
        if ctx.stop:
            break
    return ctx
