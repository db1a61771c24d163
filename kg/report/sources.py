"""The source sentences the report links to: event spans, and the sentence around each entity mention."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph as ox

from kg.analyze.load import Facts, article_id, select

Q_MENTIONS = """SELECT ?e ?ctx ?b ?end ?article WHERE { ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?ctx ;
  nif:beginIndex ?b ; nif:endIndex ?end . OPTIONAL { ?ctx nif:sourceUrl|prov:wasDerivedFrom ?article } }"""
Q_TEXT = "SELECT ?ctx ?text WHERE { ?ctx nif:isString ?text }"
Q_ARTICLES = """SELECT ?ctx ?a ?headline ?outlet ?d ?url WHERE { ?ctx nif:isString ?text ;
  nif:sourceUrl|prov:wasDerivedFrom ?a . ?a a schema:NewsArticle .
  OPTIONAL { ?a schema:headline ?headline } OPTIONAL { ?a schema:datePublished ?d } OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:publisher ?p . OPTIONAL { ?p schema:name ?fa FILTER(lang(?fa) = "fa") }
             OPTIONAL { ?p schema:name ?other } }
  BIND(COALESCE(?fa, ?other) AS ?outlet) }"""  # the Persian name of a lexicon outlet, else the one it has
BOUNDARY = re.compile(r"[.!?؟\n]")
PER_ENTITY = 3  # sentences listed per entity
MAX_SENTENCE = 400  # characters shown of a sentence


@dataclass(frozen=True, order=True)
class Sentence:
    article: str
    begin: int
    end: int
    text: str

    @property
    def anchor(self) -> str:
        return f"src-{re.sub(r'[^A-Za-z0-9_-]', '_', self.article)}-{self.begin}-{self.end}"


@dataclass(frozen=True)
class ArticleInfo:
    """What the report says of an article beside its sentences."""

    headline: str = ""
    outlet: str = ""  # the publisher's name
    published: date | None = None
    url: str = ""


@dataclass
class Sources:
    sentences: list[Sentence]  # sorted, each listed once
    of_event: dict[str, list[Sentence]]
    of_entity: dict[str, list[Sentence]]
    articles: dict[str, ArticleInfo] = field(default_factory=dict)  # article id -> headline, outlet, date


def article_infos(store: ox.Store) -> dict[str, ArticleInfo]:
    """Article id -> its headline, outlet and publication date (the first, sorted, when there are several)."""
    rows = sorted(select(store, Q_ARTICLES), key=lambda r: tuple(str(r[k] or "") for k in ("ctx", "a", "headline",
                                                                                            "outlet", "d", "url")))
    out: dict[str, ArticleInfo] = {}
    for r in rows:
        key = article_id(r["ctx"], r["a"])
        if key not in out:
            d = r["d"] if isinstance(r["d"], date) else None
            out[key] = ArticleInfo(r["headline"] or "", r["outlet"] or "", d, r["url"] or "")
    return out


def _around(text: str, b: int, e: int) -> tuple[int, int]:
    start = max((m.end() for m in BOUNDARY.finditer(text, 0, b)), default=0)
    m = BOUNDARY.search(text, e)
    end = m.end() if m and m.group() != "\n" else (m.start() if m else len(text))
    while start < b and text[start].isspace():
        start += 1
    return start, end


def collect(store: ox.Store, facts: Facts) -> Sources:
    of_event: dict[str, list[Sentence]] = {}
    for ev in facts.events:
        of_event[ev.iri] = [Sentence(s.article, s.begin or 0, s.end or 0, s.text[:MAX_SENTENCE])
                            for s in ev.sources]
    texts = {r["ctx"]: r["text"] for r in select(store, Q_TEXT)}
    of_entity: dict[str, set[Sentence]] = defaultdict(set)
    for r in select(store, Q_MENTIONS):
        text = texts.get(r["ctx"])
        if text is None or r["e"] not in facts.entities:
            continue
        b, e = _around(text, r["b"], r["end"])
        article = article_id(r["ctx"], r["article"])
        of_entity[r["e"]].add(Sentence(article, b, e, text[b:e][:MAX_SENTENCE]))
    entity_lists = {k: sorted(v)[:PER_ENTITY] for k, v in sorted(of_entity.items())}
    everything = {s for v in of_event.values() for s in v} | {s for v in entity_lists.values() for s in v}
    return Sources(sorted(everything), of_event, entity_lists, article_infos(store))
